import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Role, TeamKind } from '../../shared/model/user.js';
import { maskCprDeep } from '../../shared/rules/cpr.js';
import type { BoardSummary, TeamSummary } from '../../shared/protocol/api.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStyringStore } from './sqliteStyring.js';
import { SqliteOfferStore } from './sqliteOffers.js';
import { toArchived, toTeam, toUser, type ArchivedRow, type TeamRow, type UserRow } from './rows.js';
import { SqliteOrgStore } from './sqliteOrg.js';
import { GroupCommit } from './groupCommit.js';
import { foldLog } from '../sync/replay.js';
import { hintCovers, snapshotToken } from './snapshotToken.js';
import { configureConnection, rearrangingTransaction, writeTransaction, type Statement } from './commitBatch.js';
import { InlineCommitter, WalSyncCommitter, type SyncFile } from './sqliteWriter.js';
import type {
  AdminUserRecord,
  ArchivedCardRecord,
  AuditEntry,
  AuditQuery,
  AuditRow,
  BoardConfigRecord,
  BoardEpochRecord,
  BoardHistoryOverview,
  BoardRecord,
  CompactHint,
  CompactResult,
  HistoryPruneResult,
  HistorySnapshotKind,
  MeetingConfigRecord,
  MunicipalitySettingsRecord,
  MunicipalityConfigPatch,
  SessionRecord,
  DeviceRecord,
  Storage,
  StoredBoard,
  StoredUpdate,
  TeamRecord,
  UserPatch,
  TeamMemberRecord,
  UserRecord,
} from './types.js';
import { LogConflictError } from './types.js';

/** Case folding for the archive's name search (SQLite's LIKE folds ASCII only, not æøå). */
export const foldName = (s: string): string => s.normalize('NFC').toLocaleLowerCase('da-DK');

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const TEAM_SELECT = `SELECT t.id AS id, t.municipality_id AS municipalityId, t.name AS name, t.kind AS kind,
    (SELECT b.id FROM boards b WHERE b.team_id = t.id ORDER BY b.id LIMIT 1) AS boardId,
    (SELECT COUNT(*) FROM team_members m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = t.id AND u.disabled_at IS NULL) AS memberCount
  FROM teams t`;

export interface StorageOptions {
  /** The clock that timestamps stored updates and history snapshots (tests inject one). */
  now?: () => number;
  /** A compaction keeps a history snapshot when the last one is older than this (default 60). */
  historySnapshotMinutes?: number;
  /**
   * Wait for the disk after every group commit off the event loop (default for a database
   * file; sqliteWriter.ts WalSyncCommitter), or commit with its fsync on the event loop
   * (false; `npm run bench:commit` compares).
   */
  syncOffLoop?: boolean;
  /** How the WAL file is synced after each group commit (default fdatasync; tests inject a failing disk). */
  syncFile?: SyncFile;
}

/** Opens (creating if needed) `<dataDir>/tavlen.db` and brings its schema up to date. */
export function openSqliteStorage(dataDir: string, opts: StorageOptions = {}): Storage {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteStorage(new Database(join(dataDir, 'tavlen.db')), opts);
}

/** In-memory database, for unit tests of code above the storage layer. */
export function openMemoryStorage(opts: StorageOptions = {}): Storage {
  return new SqliteStorage(new Database(':memory:'), opts);
}

/**
 * better-sqlite3 is synchronous; the async methods only wrap it so the interface fits an
 * asynchronous database too. WAL + synchronous=FULL: a committed append is fsynced, which
 * is what makes "persist before relay" survive a power cut, not just a process crash.
 */
class SqliteStorage implements Storage {
  private readonly stmt;
  private readonly now: () => number;
  private readonly historySnapshotMs: number;
  /** Visits, card facts and events of the Styring cockpit (issue #13). */
  readonly styring: SqliteStyringStore;
  /** The local offers directory (issue #16 part 5). */
  readonly offers: SqliteOfferStore;
  /** Districts, makkerteams, evening teams, visitator cover and status (issue #16). */
  readonly org: SqliteOrgStore;

  /** Group commit of the small writes after every edit (groupCommit.ts). */
  private readonly commits: GroupCommit;

  constructor(
    private readonly db: Database.Database,
    opts: StorageOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.historySnapshotMs = (opts.historySnapshotMinutes ?? 60) * 60_000;
    configureConnection(db);
    migrate(db);
    this.commits = new GroupCommit(
      db.memory || opts.syncOffLoop === false ? new InlineCommitter(db) : new WalSyncCommitter(db.name, opts.syncFile),
    );
    this.styring = new SqliteStyringStore(db, this.commits);
    this.offers = new SqliteOfferStore(db);
    this.org = new SqliteOrgStore(db);
    this.stmt = {
      anyMunicipality: db.prepare('SELECT 1 FROM municipalities LIMIT 1'),
      insertMunicipality: db.prepare('INSERT INTO municipalities (id, name) VALUES (?, ?)'),
      insertTeam: db.prepare('INSERT INTO teams (id, municipality_id, name, kind) VALUES (?, ?, ?, ?)'),
      insertUser: db.prepare(
        `INSERT INTO users (id, username, password_hash, role, name, lang, color, read_only, disabled_at, municipality_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT id FROM municipalities ORDER BY id LIMIT 1)))`,
      ),
      insertMember: db.prepare('INSERT OR IGNORE INTO team_members (user_id, team_id) VALUES (?, ?)'),
      insertBoard: db.prepare('INSERT INTO boards (id, team_id, name) VALUES (?, ?, ?)'),
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      updateLang: db.prepare('UPDATE users SET lang = ? WHERE id = ?'),
      teamsOfUser: db.prepare<[string], TeamSummary>(
        `SELECT t.id AS id, t.name AS name, (SELECT b.id FROM boards b WHERE b.team_id = t.id ORDER BY b.id LIMIT 1) AS boardId
           FROM team_members m JOIN teams t ON t.id = m.team_id
          WHERE m.user_id = ? ORDER BY t.name`,
      ),
      boardsOfUser: db.prepare<[string], BoardSummary>(
        `SELECT b.id AS id, b.name AS name, t.id AS teamId, t.name AS teamName
           FROM team_members m JOIN teams t ON t.id = m.team_id JOIN boards b ON b.team_id = t.id
          WHERE m.user_id = ? ORDER BY t.name, b.name`,
      ),
      boardById: db.prepare<[string], { id: string; teamId: string; name: string }>(
        'SELECT id, team_id AS teamId, name FROM boards WHERE id = ?',
      ),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      sessionByHash: db.prepare<[string], { userId: string; expiresAt: number }>(
        'SELECT user_id AS userId, expires_at AS expiresAt FROM sessions WHERE token_hash = ?',
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      snapshot: db.prepare<[string], { snapshot: Buffer; upto_seq: number }>(
        'SELECT snapshot, upto_seq FROM board_snapshots WHERE board_id = ?',
      ),
      updatesAfter: db.prepare<[string, number], { seq: number; update: Buffer }>(
        'SELECT seq, "update" FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      upsertSnapshot: db.prepare(
        `INSERT INTO board_snapshots (board_id, snapshot, upto_seq) VALUES (?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET snapshot = excluded.snapshot, upto_seq = excluded.upto_seq`,
      ),
      // Exactly the rows a compaction read, never a range (types.ts BoardLog).
      deleteUpdates: db.prepare(
        'DELETE FROM board_updates WHERE board_id = ? AND seq IN (SELECT value FROM json_each(?))',
      ),
      boardConfig: db.prepare<[string], BoardConfigRecord>(
        `SELECT b.id AS boardId, t.id AS teamId, m.id AS municipalityId, m.delegation AS delegation,
                m.forlob_catalogue AS forlobCatalogue, m.cadence_templates AS cadenceTemplates,
                m.discussion_prompts AS discussionPrompts, m.swap_settings AS swapSettings,
                m.care_signals AS careSignals
           FROM boards b JOIN teams t ON t.id = b.team_id JOIN municipalities m ON m.id = t.municipality_id
          WHERE b.id = ?`,
      ),
      setDelegation: db.prepare('UPDATE municipalities SET delegation = ? WHERE id = ?'),
      setCatalogue: db.prepare('UPDATE municipalities SET forlob_catalogue = ? WHERE id = ?'),
      setCadenceTemplates: db.prepare('UPDATE municipalities SET cadence_templates = ? WHERE id = ?'),
      setDiscussionPrompts: db.prepare('UPDATE municipalities SET discussion_prompts = ? WHERE id = ?'),
      setSwapSettings: db.prepare('UPDATE municipalities SET swap_settings = ? WHERE id = ?'),
      setCareSignals: db.prepare('UPDATE municipalities SET care_signals = ? WHERE id = ?'),
      auditOfBoard: db.prepare<
        [string, number],
        {
          at: number;
          userId: string | null;
          boardId: string | null;
          cardId: string | null;
          action: string;
          detail: string;
        }
      >(
        `SELECT at, user_id AS userId, board_id AS boardId, card_id AS cardId, action, detail
           FROM audit_log WHERE board_id = ? ORDER BY id DESC LIMIT ?`,
      ),
      upsertArchived: db.prepare(
        `INSERT OR REPLACE INTO archived_cards (board_id, card_id, name, name_fold, closed_on, archived_at, card)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      searchArchived: db.prepare<[string, string, number], ArchivedRow>(
        `SELECT board_id, card_id, name, closed_on, archived_at, card FROM archived_cards
          WHERE board_id = ? AND name_fold LIKE ? ESCAPE '\\'
          ORDER BY closed_on DESC, archived_at DESC, card_id LIMIT ?`,
      ),
      archivedById: db.prepare<[string, string], ArchivedRow>(
        'SELECT board_id, card_id, name, closed_on, archived_at, card FROM archived_cards WHERE board_id = ? AND card_id = ?',
      ),
      deleteArchived: db.prepare('DELETE FROM archived_cards WHERE board_id = ? AND card_id = ?'),
      // OpenID Connect
      userByOidc: db.prepare<[string], UserRow>('SELECT * FROM users WHERE oidc_subject = ?'),
      setOidc: db.prepare('UPDATE users SET oidc_subject = ? WHERE id = ?'),
      linkUnlinked: db.prepare('UPDATE users SET oidc_subject = ? WHERE id = ? AND oidc_subject IS NULL'),
      setNameRole: db.prepare('UPDATE users SET name = COALESCE(?, name), role = COALESCE(?, role) WHERE id = ?'),
      clearMembers: db.prepare('DELETE FROM team_members WHERE user_id = ?'),
      allTeams: db.prepare<[], { id: string; name: string }>('SELECT id, name FROM teams ORDER BY name'),
      // Audit search and retention (issue #5).
      usersOfTeam: db.prepare<[string], { id: string; name: string; role: string }>(
        `SELECT u.id AS id, u.name AS name, u.role AS role FROM team_members m JOIN users u ON u.id = m.user_id
          WHERE m.team_id = ? ORDER BY u.name, u.id`,
      ),
      archivedDueCounts: db.prepare<[string], { boardId: string; count: number }>(
        `SELECT board_id AS boardId, COUNT(*) AS count FROM archived_cards WHERE closed_on < ?
          GROUP BY board_id ORDER BY board_id`,
      ),
      purgeArchived: db.prepare('DELETE FROM archived_cards WHERE closed_on < ?'),
      setAuditCutoff: db.prepare('UPDATE audit_retention SET purge_before = ? WHERE id = 1'),
      purgeAudit: db.prepare('DELETE FROM audit_log WHERE at < ?'),
    };
  }

  async hasMunicipality(): Promise<boolean> {
    return this.stmt.anyMunicipality.get() !== undefined;
  }
  async createMunicipality(m: { id: string; name: string }): Promise<void> {
    this.stmt.insertMunicipality.run(m.id, m.name);
  }
  async createTeam(t: { id: string; municipalityId: string; name: string; kind?: TeamKind }): Promise<void> {
    this.stmt.insertTeam.run(t.id, t.municipalityId, t.name, t.kind ?? 'kommune');
  }
  async createUser(u: UserRecord): Promise<void> {
    this.insertUserRow(u);
  }
  private insertUserRow(u: UserRecord): void {
    this.stmt.insertUser.run(
      u.id,
      u.username,
      u.passwordHash,
      u.role,
      u.name,
      u.lang,
      u.color,
      u.readOnly ? 1 : 0,
      u.disabledAt ?? null,
      u.municipalityId ?? null,
    );
  }
  async addTeamMember(userId: string, teamId: string): Promise<void> {
    this.stmt.insertMember.run(userId, teamId);
  }
  async createBoard(b: BoardRecord, snapshot: Uint8Array | null): Promise<void> {
    writeTransaction(this.db, () => {
      this.stmt.insertBoard.run(b.id, b.teamId, b.name);
      if (snapshot) {
        this.stmt.upsertSnapshot.run(b.id, snapshot, 0);
        this.history().insertSnapshot.run(b.id, this.now(), 0, 'start', snapshot);
      }
    });
  }
  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = this.stmt.userByName.get(username);
    return row ? toUser(row) : null;
  }
  async getUser(id: string): Promise<UserRecord | null> {
    const row = this.stmt.userById.get(id);
    return row ? toUser(row) : null;
  }
  async updateUserLang(id: string, lang: 'da' | 'en'): Promise<void> {
    this.stmt.updateLang.run(lang, id);
  }
  async teamsOfUser(userId: string): Promise<TeamSummary[]> {
    return this.stmt.teamsOfUser.all(userId).filter((t) => t.boardId !== null);
  }
  async boardsOfUser(userId: string): Promise<BoardSummary[]> {
    return this.stmt.boardsOfUser.all(userId);
  }
  async getBoard(id: string): Promise<BoardRecord | null> {
    return this.stmt.boardById.get(id) ?? null;
  }

  // --- Administration (teams, users, edit rights, deactivation) -------------------------
  // Prepared lazily so this block stays self-contained next to the others' statements.
  private admin = lazyStatements(() => ({
    teamsOf: this.db.prepare<[string], TeamRow>(`${TEAM_SELECT} WHERE t.municipality_id = ? ORDER BY t.name, t.id`),
    teamById: this.db.prepare<[string], TeamRow>(`${TEAM_SELECT} WHERE t.id = ?`),
    renameTeam: this.db.prepare('UPDATE teams SET name = ? WHERE id = ?'),
    renameBoards: this.db.prepare('UPDATE boards SET name = ? WHERE team_id = ?'),
    usersOf: this.db.prepare<[string], UserRow & { team_ids: string | null }>(
      `SELECT u.*, (SELECT group_concat(m.team_id, ',') FROM team_members m WHERE m.user_id = u.id) AS team_ids
         FROM users u WHERE u.municipality_id = ? ORDER BY u.name, u.username`,
    ),
    teamIdsOf: this.db.prepare<[string], { team_id: string }>(
      'SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id',
    ),
    setRole: this.db.prepare('UPDATE users SET role = ? WHERE id = ?'),
    setReadOnly: this.db.prepare('UPDATE users SET read_only = ? WHERE id = ?'),
    setDisabled: this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?'),
    setPassword: this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    clearTeams: this.db.prepare('DELETE FROM team_members WHERE user_id = ?'),
    activeAdmins: this.db.prepare<[string], { id: string }>(
      `SELECT id FROM users WHERE municipality_id = ? AND role = 'administrator' AND disabled_at IS NULL ORDER BY id`,
    ),
  }));

  async listTeams(municipalityId: string): Promise<TeamRecord[]> {
    return this.admin().teamsOf.all(municipalityId).map(toTeam);
  }
  async getTeam(id: string): Promise<TeamRecord | null> {
    const row = this.admin().teamById.get(id);
    return row ? toTeam(row) : null;
  }
  async renameTeam(id: string, name: string): Promise<void> {
    const st = this.admin();
    writeTransaction(this.db, () => {
      st.renameTeam.run(name, id);
      st.renameBoards.run(`Tavle ${name}`, id);
    });
  }
  async listUsers(municipalityId: string): Promise<AdminUserRecord[]> {
    return this.admin()
      .usersOf.all(municipalityId)
      .map((r) => ({ ...toUser(r), teamIds: r.team_ids ? r.team_ids.split(',').sort() : [] }));
  }
  async getAdminUser(id: string): Promise<AdminUserRecord | null> {
    const row = this.stmt.userById.get(id);
    if (!row) return null;
    return {
      ...toUser(row),
      teamIds: this.admin()
        .teamIdsOf.all(id)
        .map((r) => r.team_id),
    };
  }
  async updateUser(id: string, patch: UserPatch): Promise<void> {
    const st = this.admin();
    writeTransaction(this.db, () => {
      if (patch.role !== undefined) st.setRole.run(patch.role, id);
      if (patch.readOnly !== undefined) st.setReadOnly.run(patch.readOnly ? 1 : 0, id);
      if (patch.disabledAt !== undefined) st.setDisabled.run(patch.disabledAt, id);
      if (patch.passwordHash !== undefined) st.setPassword.run(patch.passwordHash, id);
    });
  }
  async setUserTeams(userId: string, teamIds: readonly string[]): Promise<void> {
    const st = this.admin();
    writeTransaction(this.db, () => {
      st.clearTeams.run(userId);
      for (const teamId of teamIds) this.stmt.insertMember.run(userId, teamId);
    });
  }
  async activeAdministratorIds(municipalityId: string): Promise<string[]> {
    return this.admin()
      .activeAdmins.all(municipalityId)
      .map((r) => r.id);
  }
  // --- end administration ----------------------------------------------------------------

  async boardConfig(boardId: string): Promise<BoardConfigRecord | null> {
    return this.stmt.boardConfig.get(boardId) ?? null;
  }
  async updateMunicipalityConfig(municipalityId: string, patch: MunicipalityConfigPatch): Promise<void> {
    writeTransaction(this.db, () => {
      if (patch.delegation !== undefined) this.stmt.setDelegation.run(patch.delegation, municipalityId);
      if (patch.forlobCatalogue !== undefined) this.stmt.setCatalogue.run(patch.forlobCatalogue, municipalityId);
      if (patch.cadenceTemplates !== undefined) {
        this.stmt.setCadenceTemplates.run(patch.cadenceTemplates, municipalityId);
      }
      if (patch.discussionPrompts !== undefined) {
        this.stmt.setDiscussionPrompts.run(patch.discussionPrompts, municipalityId);
      }
      if (patch.swapSettings !== undefined) this.stmt.setSwapSettings.run(patch.swapSettings, municipalityId);
      if (patch.careSignals !== undefined) this.stmt.setCareSignals.run(patch.careSignals, municipalityId);
    });
  }

  async appendAudit(e: AuditEntry): Promise<void> {
    await this.commits.run([auditInsert(e)]);
  }
  async auditLog(boardId: string, limit: number): Promise<AuditEntry[]> {
    return this.stmt.auditOfBoard
      .all(boardId, limit)
      .map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  // --- Audit search and retention (issue #5) ------------------------------------------
  async appendAuditBatch(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // What edits did (the audit writer's batches): they ride along with the next append.
    await this.commits.run(entries.map(auditInsert), 'followUp');
  }
  async searchAudit(q: AuditQuery): Promise<AuditRow[]> {
    const where = ['board_id = ?'];
    const args: (string | number)[] = [q.boardId];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add('card_id = ?', q.cardId);
    add('user_id = ?', q.userId);
    add('at >= ?', q.from);
    add('at < ?', q.to);
    add('id < ?', q.before);
    if (q.actions && q.actions.length > 0) {
      where.push(`action IN (${q.actions.map(() => '?').join(', ')})`);
      args.push(...q.actions);
    }
    const sql = `SELECT id, at, user_id AS userId, board_id AS boardId, card_id AS cardId, action, detail
                   FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    const rows = this.db
      .prepare<(string | number)[], Omit<AuditRow, 'detail'> & { detail: string }>(sql)
      .all(...args, q.limit);
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
  async usersOfTeam(teamId: string): Promise<TeamMemberRecord[]> {
    return this.stmt.usersOfTeam.all(teamId).map((r) => ({ ...r, role: r.role as Role }));
  }
  async purgeArchivedClosedBefore(closedBefore: string): Promise<{ boardId: string; count: number }[]> {
    return writeTransaction(this.db, () => {
      const counts = this.stmt.archivedDueCounts.all(closedBefore);
      this.stmt.purgeArchived.run(closedBefore);
      return counts;
    });
  }
  async purgeAuditBefore(cutoff: number): Promise<number> {
    return writeTransaction(this.db, () => {
      this.stmt.setAuditCutoff.run(cutoff);
      return this.stmt.purgeAudit.run(cutoff).changes;
    });
  }
  // --- end audit search and retention ----------------------------------------------------

  async archiveCards(cards: ArchivedCardRecord[]): Promise<void> {
    writeTransaction(this.db, () => {
      for (const c of cards) {
        this.stmt.upsertArchived.run(
          c.boardId,
          c.cardId,
          c.name,
          foldName(c.name),
          c.closedOn,
          c.archivedAt,
          JSON.stringify(c.card),
        );
      }
    });
  }
  async searchArchive(boardId: string, q: string, limit: number): Promise<ArchivedCardRecord[]> {
    const pattern = `%${likeEscape(foldName(q.trim()))}%`;
    return this.stmt.searchArchived.all(boardId, pattern, limit).map(toArchived);
  }
  async getArchivedCard(boardId: string, cardId: string): Promise<ArchivedCardRecord | null> {
    const row = this.stmt.archivedById.get(boardId, cardId);
    return row ? toArchived(row) : null;
  }
  async deleteArchivedCard(boardId: string, cardId: string): Promise<void> {
    this.stmt.deleteArchived.run(boardId, cardId);
  }

  // --- OpenID Connect: users linked to a provider subject -----------------------------------
  async findUserByOidcSubject(subject: string): Promise<UserRecord | null> {
    const row = this.stmt.userByOidc.get(subject);
    return row ? toUser(row) : null;
  }
  async setUserOidcSubject(userId: string, subject: string | null): Promise<void> {
    this.stmt.setOidc.run(subject, userId);
  }
  async linkUnlinkedUserOidc(userId: string, subject: string): Promise<boolean> {
    return this.stmt.linkUnlinked.run(subject, userId).changes > 0;
  }
  async createOidcUser(u: UserRecord, subject: string, teamIds: readonly string[]): Promise<void> {
    writeTransaction(this.db, () => {
      // The user belongs to the municipality of their (first) team, as the admin pages scope by.
      const team = teamIds[0]
        ? this.db
            .prepare<[string], { m: string }>('SELECT municipality_id AS m FROM teams WHERE id = ?')
            .get(teamIds[0])
        : undefined;
      this.insertUserRow({ ...u, municipalityId: u.municipalityId ?? team?.m ?? null });
      this.stmt.setOidc.run(subject, u.id);
      for (const teamId of teamIds) this.stmt.insertMember.run(u.id, teamId);
    });
  }
  async applyOidcClaims(
    userId: string,
    p: { name: string | null; role?: Role; teamIds?: readonly string[] },
  ): Promise<void> {
    writeTransaction(this.db, () => {
      this.stmt.setNameRole.run(p.name, p.role ?? null, userId);
      if (p.teamIds) {
        this.stmt.clearMembers.run(userId);
        for (const teamId of p.teamIds) this.stmt.insertMember.run(userId, teamId);
      }
    });
  }
  async allTeams(): Promise<{ id: string; name: string }[]> {
    return this.stmt.allTeams.all();
  }
  // --- end OpenID Connect ----------------------------------------------------------------------

  async createSession(tokenHash: string, s: SessionRecord): Promise<void> {
    this.stmt.insertSession.run(tokenHash, s.userId, s.expiresAt);
  }
  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    return this.stmt.sessionByHash.get(tokenHash) ?? null;
  }
  async deleteSession(tokenHash: string): Promise<void> {
    this.stmt.deleteSession.run(tokenHash);
  }
  async deleteExpiredSessions(now: number): Promise<number> {
    return this.stmt.deleteExpired.run(now).changes;
  }

  // --- Sign-in and sessions (logout everywhere) ---
  async deleteSessionsOfUser(userId: string): Promise<number> {
    // Rare (a person's "log ud på alle enheder"), so prepared on use rather than at open.
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }
  // --- end sign-in and sessions ---

  async loadBoard(boardId: string): Promise<StoredBoard> {
    // One read transaction, so a concurrent compaction can never be seen half done.
    return this.db.transaction((): StoredBoard => this.readBoard(boardId))();
  }

  /** Snapshot and every row left in the log (compaction removes exactly what it folded). */
  private readBoard(boardId: string): StoredBoard {
    const snap = this.stmt.snapshot.get(boardId);
    const updates: StoredUpdate[] = this.stmt.updatesAfter
      .all(boardId, 0)
      .map((r) => ({ seq: r.seq, update: r.update }));
    return {
      snapshot: snap?.snapshot ?? null,
      snapshotSeq: snap?.upto_seq ?? 0,
      updates,
      snapshotToken: snapshotToken(snap?.snapshot ?? null),
    };
  }

  async updatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[] | null> {
    return this.db.transaction((): StoredUpdate[] | null => {
      if ((this.stmt.snapshot.get(boardId)?.upto_seq ?? 0) > afterSeq) return null;
      return this.stmt.updatesAfter.all(boardId, afterSeq).map((r) => ({ seq: r.seq, update: r.update }));
    })();
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    // AUTOINCREMENT under SQLite's single write lock: seqs grow in commit order (types.ts).
    const { lastInsertRowid } = await this.commits.run([
      { sql: APPEND_UPDATE_SQL, params: [boardId, update, this.now()] },
    ]);
    return lastInsertRowid;
  }

  async compact(boardId: string, hint?: CompactHint): Promise<CompactResult> {
    // BEGIN IMMEDIATE: the write lock is taken before the read, so no other connection (the
    // group commit's, another process on the same file) appends between what is read and what
    // is deleted; an append waiting for the lock commits after, with a higher seq, and stays.
    // It only rearranges rows already on disk, so its commit waits for no fsync.
    return rearrangingTransaction(this.db, (): CompactResult => {
      const stored = this.readBoard(boardId);
      const covered = hintCovers(hint, stored);
      if (stored.updates.length === 0) return { folded: 0, uptoSeq: 0, token: covered ? hint.basis : null };
      const snapshot = covered ? hint.snapshot : foldLog(stored.snapshot, stored.updates);
      const seqs = stored.updates.map((u) => u.seq);
      const uptoSeq = Math.max(stored.snapshotSeq, ...seqs);
      this.stmt.upsertSnapshot.run(boardId, snapshot, uptoSeq);
      this.foldIntoHistory(boardId, snapshot, seqs, uptoSeq, null);
      return { folded: seqs.length, uptoSeq, token: covered ? snapshotToken(snapshot) : null };
    });
  }

  // --- Point-in-time history (docs/operations.md "History and restore") ---
  private history = lazyStatements(() => ({
    insertSnapshot: this.db.prepare(
      'INSERT INTO board_history (board_id, at, upto_seq, kind, snapshot) VALUES (?, ?, ?, ?, ?)',
    ),
    moveUpdates: this.db.prepare(
      `INSERT OR IGNORE INTO board_history_updates (seq, board_id, at, "update")
         SELECT seq, board_id, at, "update" FROM board_updates
          WHERE board_id = ? AND seq IN (SELECT value FROM json_each(?))`,
    ),
    lastSnapshotAt: this.db.prepare<[string], { at: number }>(
      'SELECT at FROM board_history WHERE board_id = ? ORDER BY at DESC, id DESC LIMIT 1',
    ),
    baseAt: this.db.prepare<[string, number], { id: number; at: number; upto_seq: number; snapshot: Buffer }>(
      `SELECT id, at, upto_seq, snapshot FROM board_history WHERE board_id = ? AND at <= ?
        ORDER BY at DESC, id DESC LIMIT 1`,
    ),
    anySnapshot: this.db.prepare<[string], { id: number }>('SELECT id FROM board_history WHERE board_id = ? LIMIT 1'),
    // The next epoch rebuild after the base ends its lineage: later updates belong to a new doc.
    nextEpoch: this.db.prepare<[string, number], { upto_seq: number }>(
      `SELECT upto_seq FROM board_history WHERE board_id = ? AND kind = 'epoch' AND id > ?
        ORDER BY id LIMIT 1`,
    ),
    updatesBetween: this.db.prepare<[string, number, number, number, string, number, number, number], StoredRow>(
      `SELECT seq, "update" FROM board_history_updates WHERE board_id = ? AND seq > ? AND seq <= ? AND at <= ?
       UNION ALL
       SELECT seq, "update" FROM board_updates WHERE board_id = ? AND seq > ? AND seq <= ? AND at <= ?
       ORDER BY seq`,
    ),
    snapshots: this.db.prepare<[string, number], { at: number; kind: HistorySnapshotKind }>(
      'SELECT at, kind FROM board_history WHERE board_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    ),
    oldestSnapshot: this.db.prepare<[string], { at: number | null }>(
      'SELECT MIN(at) AS at FROM board_history WHERE board_id = ?',
    ),
    oldestUpdate: this.db.prepare<[string, string], { at: number | null }>(
      `SELECT MIN(at) AS at FROM (SELECT at FROM board_history_updates WHERE board_id = ?
                                  UNION ALL SELECT at FROM board_updates WHERE board_id = ?)`,
    ),
    changes: this.db.prepare<[string, string, number], { at: number; count: number }>(
      `SELECT (at / 60000) * 60000 AS at, COUNT(*) AS count
         FROM (SELECT at FROM board_history_updates WHERE board_id = ?
               UNION ALL SELECT at FROM board_updates WHERE board_id = ?)
        GROUP BY 1 ORDER BY 1 DESC LIMIT ?`,
    ),
    boardsWithHistory: this.db.prepare<[], { board_id: string }>('SELECT DISTINCT board_id FROM board_history'),
    deleteSnapshotsBefore: this.db.prepare('DELETE FROM board_history WHERE board_id = ? AND id <> ? AND at <= ?'),
    deleteUpdatesUpTo: this.db.prepare('DELETE FROM board_history_updates WHERE board_id = ? AND seq <= ?'),
  }));

  /**
   * Inside a transaction: the log rows `seqs` (exactly those folded) move to the history
   * (nothing is lost), and `snapshot` is kept as a history snapshot when `kind` says so (an
   * epoch rebuild always) or the last one is older than the interval.
   */
  private foldIntoHistory(
    boardId: string,
    snapshot: Uint8Array,
    seqs: readonly number[],
    uptoSeq: number,
    kind: 'epoch' | null,
  ): void {
    const st = this.history();
    const list = JSON.stringify(seqs);
    st.moveUpdates.run(boardId, list);
    this.stmt.deleteUpdates.run(boardId, list);
    const now = this.now();
    const last = st.lastSnapshotAt.get(boardId);
    if (kind === 'epoch' || !last || now - last.at >= this.historySnapshotMs) {
      st.insertSnapshot.run(boardId, now, uptoSeq, kind ?? (last ? 'compaction' : 'start'), snapshot);
    }
  }

  async loadBoardAt(boardId: string, at: number): Promise<StoredBoard | null> {
    const st = this.history();
    return this.db.transaction((): StoredBoard | null => {
      const base = st.baseAt.get(boardId, at);
      // No snapshot at all: the board was created empty and its whole log is still kept.
      if (!base && st.anySnapshot.get(boardId)) return null;
      const from = base?.upto_seq ?? 0;
      const to = base
        ? (st.nextEpoch.get(boardId, base.id)?.upto_seq ?? Number.MAX_SAFE_INTEGER)
        : Number.MAX_SAFE_INTEGER;
      const updates = st.updatesBetween
        .all(boardId, from, to, at, boardId, from, to, at)
        .map((r) => ({ seq: r.seq, update: r.update }));
      return { snapshot: base?.snapshot ?? null, snapshotSeq: from, updates };
    })();
  }

  async boardHistory(boardId: string, limit: number): Promise<BoardHistoryOverview> {
    const st = this.history();
    return this.db.transaction((): BoardHistoryOverview => {
      const oldestSnapshot = st.oldestSnapshot.get(boardId)?.at ?? null;
      const oldest = oldestSnapshot ?? st.oldestUpdate.get(boardId, boardId)?.at ?? null;
      return {
        oldest,
        snapshots: st.snapshots.all(boardId, limit),
        changes: st.changes.all(boardId, boardId, limit),
      };
    })();
  }

  async pruneHistoryBefore(cutoff: number): Promise<HistoryPruneResult> {
    const st = this.history();
    return writeTransaction(this.db, (): HistoryPruneResult => {
      const result = { snapshots: 0, updates: 0 };
      for (const { board_id: boardId } of st.boardsWithHistory.all()) {
        const base = st.baseAt.get(boardId, cutoff);
        if (!base) continue;
        result.snapshots += st.deleteSnapshotsBefore.run(boardId, base.id, base.at).changes;
        result.updates += st.deleteUpdatesUpTo.run(boardId, base.upto_seq).changes;
      }
      return result;
    });
  }
  // --- end point-in-time history ---

  // --- meetings: triage response clocks and visitator days ------------------------------
  async meetingConfig(boardId: string): Promise<MeetingConfigRecord | null> {
    return (
      this.db
        .prepare<[string], MeetingConfigRecord>(
          `SELECT m.id AS municipalityId, t.id AS teamId, m.triage_config AS triageConfig,
                  t.visitator_days AS visitatorDays, t.meeting_settings AS meetingSettings
             FROM boards b JOIN teams t ON t.id = b.team_id JOIN municipalities m ON m.id = t.municipality_id
            WHERE b.id = ?`,
        )
        .get(boardId) ?? null
    );
  }
  async setTriageConfig(municipalityId: string, json: string | null): Promise<void> {
    this.db.prepare('UPDATE municipalities SET triage_config = ? WHERE id = ?').run(json, municipalityId);
  }
  async setVisitatorDays(teamId: string, json: string | null): Promise<void> {
    this.db.prepare('UPDATE teams SET visitator_days = ? WHERE id = ?').run(json, teamId);
  }
  async setTeamMeetings(teamId: string, json: string | null): Promise<void> {
    this.db.prepare('UPDATE teams SET meeting_settings = ? WHERE id = ?').run(json, teamId);
  }
  // --- end meetings ----------------------------------------------------------------------
  // --- admin settings: one municipality's settings and its teams' visitator days ---------
  async municipalitySettings(municipalityId: string): Promise<MunicipalitySettingsRecord | null> {
    const m = this.db
      .prepare<
        [string],
        {
          delegation: string | null;
          triageConfig: string | null;
          discussionPrompts: string | null;
          swapSettings: string | null;
          careSignals: string | null;
        }
      >(
        `SELECT delegation, triage_config AS triageConfig, discussion_prompts AS discussionPrompts,
                swap_settings AS swapSettings, care_signals AS careSignals
           FROM municipalities WHERE id = ?`,
      )
      .get(municipalityId);
    if (!m) return null;
    const teams = this.db
      .prepare<
        [string],
        { teamId: string; name: string; visitatorDays: string | null; meetingSettings: string | null }
      >(
        `SELECT id AS teamId, name, visitator_days AS visitatorDays, meeting_settings AS meetingSettings FROM teams
          WHERE municipality_id = ? ORDER BY name COLLATE NOCASE, id`,
      )
      .all(municipalityId);
    return { municipalityId, ...m, teams };
  }
  // --- end admin settings ----------------------------------------------------------------
  // --- Wall-screen devices -------------------------------------------------------------
  async createDevice(d: {
    user: UserRecord;
    teamId: string;
    createdAt: number;
    createdBy: string | null;
  }): Promise<void> {
    writeTransaction(this.db, () => {
      const u = d.user;
      // The device belongs to its team's municipality (what the admin pages scope by).
      const team = this.db
        .prepare<[string], { municipalityId: string }>(
          'SELECT municipality_id AS municipalityId FROM teams WHERE id = ?',
        )
        .get(d.teamId);
      this.insertUserRow({ ...u, municipalityId: team?.municipalityId ?? null });
      this.db.prepare('INSERT INTO team_members (user_id, team_id) VALUES (?, ?)').run(u.id, d.teamId);
      this.db
        .prepare('INSERT INTO devices (user_id, team_id, created_at, created_by) VALUES (?, ?, ?, ?)')
        .run(u.id, d.teamId, d.createdAt, d.createdBy);
    });
  }
  async devicesOfTeam(teamId: string): Promise<DeviceRecord[]> {
    return this.db
      .prepare<[string], DeviceRecord>(`${DEVICE_SELECT} WHERE d.team_id = ? ORDER BY u.name, d.user_id`)
      .all(teamId);
  }
  async getDevice(id: string): Promise<DeviceRecord | null> {
    return this.db.prepare<[string], DeviceRecord>(`${DEVICE_SELECT} WHERE d.user_id = ?`).get(id) ?? null;
  }
  async setPairingCode(deviceId: string, codeHash: string, expiresAt: number): Promise<void> {
    writeTransaction(this.db, () => {
      this.db.prepare('DELETE FROM device_pairing_codes WHERE device_id = ?').run(deviceId);
      this.db
        .prepare('INSERT INTO device_pairing_codes (code_hash, device_id, expires_at) VALUES (?, ?, ?)')
        .run(codeHash, deviceId, expiresAt);
    });
  }
  async consumePairingCode(codeHash: string, now: number): Promise<string | null> {
    const row = this.db
      .prepare<[string], { deviceId: string; expiresAt: number }>(
        'DELETE FROM device_pairing_codes WHERE code_hash = ? RETURNING device_id AS deviceId, expires_at AS expiresAt',
      )
      .get(codeHash);
    return row && row.expiresAt > now ? row.deviceId : null;
  }
  async markDevicePaired(deviceId: string, at: number): Promise<void> {
    this.db.prepare('UPDATE devices SET paired_at = ? WHERE user_id = ?').run(at, deviceId);
  }
  async deleteDevice(deviceId: string): Promise<void> {
    writeTransaction(this.db, () => {
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(deviceId);
      this.db.prepare("DELETE FROM users WHERE id = ? AND role = 'skaerm'").run(deviceId);
    });
  }
  // --- end of wall-screen devices --------------------------------------------------------
  // --- Epoch rebuild (server/sync/epoch.ts) ---
  private epochs = lazyStatements(() => ({
    insert: this.db.prepare(
      'INSERT INTO board_epochs (board_id, epoch, prev_state_vector, rebuilt_at) VALUES (?, ?, ?, ?)',
    ),
    get: this.db.prepare<[string, number], { epoch: number; prev_state_vector: Buffer; rebuilt_at: number }>(
      'SELECT epoch, prev_state_vector, rebuilt_at FROM board_epochs WHERE board_id = ? AND epoch = ?',
    ),
  }));

  async rebuildEpoch(boardId: string, snapshot: Uint8Array, uptoSeq: number, record: BoardEpochRecord): Promise<void> {
    writeTransaction(this.db, () => {
      // Compare-and-set: the rebuilt doc holds exactly the rows with seq <= uptoSeq.
      const stored = this.readBoard(boardId);
      const last = Math.max(stored.snapshotSeq, ...stored.updates.map((u) => u.seq));
      if (last > uptoSeq) throw new LogConflictError(boardId);
      const seqs = stored.updates.map((u) => u.seq);
      this.stmt.upsertSnapshot.run(boardId, snapshot, uptoSeq);
      this.foldIntoHistory(boardId, snapshot, seqs, uptoSeq, 'epoch');
      this.epochs().insert.run(boardId, record.epoch, record.prevStateVector, record.rebuiltAt);
    });
  }

  async boardEpoch(boardId: string, epoch: number): Promise<BoardEpochRecord | null> {
    const row = this.epochs().get.get(boardId, epoch);
    return row ? { epoch: row.epoch, prevStateVector: row.prev_state_vector, rebuiltAt: row.rebuilt_at } : null;
  }
  // --- end epoch rebuild ---

  /** One process per SQLite file: nothing to coordinate with. */
  async exclusive<T>(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  async tryExclusive<T>(_key: string, work: () => Promise<T>): Promise<{ ran: true; value: T }> {
    return { ran: true, value: await work() };
  }

  writeFailure(): string | null {
    return this.commits.failure()?.message ?? null;
  }

  async close(): Promise<void> {
    await this.commits.close();
    if (this.db.open) this.db.close();
  }
}

interface StoredRow {
  seq: number;
  update: Buffer;
}

/** Prepares a group of statements on first use (after the constructor has migrated). */
function lazyStatements<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    writeTransaction(db, () => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    });
  }
}

/** Wall-screen devices with their account's name (see createDevice). */
const DEVICE_SELECT = `SELECT d.user_id AS id, d.team_id AS teamId, u.name AS name, d.created_at AS createdAt,
  d.created_by AS createdBy, d.paired_at AS pairedAt FROM devices d JOIN users u ON u.id = d.user_id`;

/** The writes that go through group commit (groupCommit.ts) are SQL text and parameters. */
const APPEND_UPDATE_SQL = 'INSERT INTO board_updates (board_id, "update", at) VALUES (?, ?, ?)';
const AUDIT_INSERT_SQL =
  'INSERT INTO audit_log (at, user_id, board_id, card_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)';

function auditInsert(e: AuditEntry): Statement {
  return { sql: AUDIT_INSERT_SQL, params: [e.at, e.userId, e.boardId, e.cardId, e.action, auditDetailJson(e.detail)] };
}

/**
 * Every audit detail is stored with CPR numbers masked (every variant shared/rules/cpr.ts
 * finds): details carry free input — a username typed at sign-in, an OIDC claim, a team or
 * device name — and the audit log is kept for years, so one place masks them all.
 */
function auditDetailJson(detail: Record<string, unknown>): string {
  return JSON.stringify(maskCprDeep(detail));
}
