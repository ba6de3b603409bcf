import type { Role, TeamKind } from '../../shared/model/user.js';
import { maskCprDeep } from '../../shared/rules/cpr.js';
import type { BoardSummary, TeamSummary } from '../../shared/protocol/api.js';
import { PgBoardLog } from './pgBoardLog.js';
import { PgDb, PgGroupCommit, type Queryable } from './pgDb.js';
import { PgStyringStore } from './pgStyring.js';
import { PgOfferStore } from './pgOffers.js';
import { toArchived, toTeam, toUser, type ArchivedRow, type TeamRow, type UserRow } from './rows.js';
import { PgOrgStore } from './pgOrg.js';
import { PgLeases } from './pgLease.js';
import { foldName, type StorageOptions } from './sqlite.js';
import type {
  AdminUserRecord,
  ArchivedCardRecord,
  AuditEntry,
  AuditQuery,
  AuditRow,
  BoardConfigRecord,
  BoardRecord,
  DeviceRecord,
  MeetingConfigRecord,
  MunicipalityConfigPatch,
  MunicipalitySettingsRecord,
  SessionRecord,
  Storage,
  TeamMemberRecord,
  TeamRecord,
  UserPatch,
  UserRecord,
} from './types.js';

export interface PostgresOptions extends StorageOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * Connects to PostgreSQL at `url`, runs the migrations (under an advisory lock, so nodes may
 * start at once) and returns the whole Storage contract. docs/operations.md "PostgreSQL".
 */
export async function openPostgresStorage(url: string, opts: PostgresOptions = {}): Promise<PostgresStorage> {
  const db = new PgDb(url, opts.poolSize ?? 10);
  try {
    await db.migrate();
  } catch (err) {
    await db.close();
    throw err;
  }
  return new PostgresStorage(db, opts);
}

const TEAM_SELECT = `SELECT t.id, t.municipality_id AS "municipalityId", t.name, t.kind,
    (SELECT b.id FROM boards b WHERE b.team_id = t.id ORDER BY b.id LIMIT 1) AS "boardId",
    (SELECT COUNT(*)::integer FROM team_members m JOIN users u ON u.id = m.user_id
      WHERE m.team_id = t.id AND u.disabled_at IS NULL) AS "memberCount"
  FROM teams t`;

const DEVICE_SELECT = `SELECT d.user_id AS id, d.team_id AS "teamId", u.name, d.created_at AS "createdAt",
  d.created_by AS "createdBy", d.paired_at AS "pairedAt" FROM devices d JOIN users u ON u.id = d.user_id`;

const AUDIT_COLUMNS = `at, user_id AS "userId", board_id AS "boardId", card_id AS "cardId", action, detail`;

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** CPR numbers masked in every audit detail (see sqlite.ts auditDetailJson). */
const auditDetailJson = (detail: Record<string, unknown>): string => JSON.stringify(maskCprDeep(detail));

const parseAudit = <T extends { detail: string }>(r: T) => ({
  ...r,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

/** Everything but the board logs (types.ts Store), plus the board log and Styring parts. */
export class PostgresStorage implements Storage {
  private readonly commits: PgGroupCommit;
  private readonly log: PgBoardLog;
  private readonly now: () => number;
  readonly styring: PgStyringStore;
  readonly offers: PgOfferStore;
  /** Districts, makkerteams, evening teams, visitator cover and status (issue #16). */
  readonly org: PgOrgStore;
  /** Board ownership leases for several nodes (pgLease.ts). */
  readonly leases: PgLeases;

  constructor(
    private readonly db: PgDb,
    opts: StorageOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.commits = new PgGroupCommit(db);
    this.log = new PgBoardLog(db, this.commits, this.now, (opts.historySnapshotMinutes ?? 60) * 60_000);
    this.styring = new PgStyringStore(db, this.commits);
    this.offers = new PgOfferStore(db);
    this.org = new PgOrgStore(db);
    this.leases = new PgLeases(db);
  }

  /** Runs `work` on one node at a time across the cluster (the demo seed; pgDb.ts). */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.db.exclusive(key, work);
  }

  tryExclusive: Storage['tryExclusive'] = (key, work) => this.db.tryExclusive(key, work);

  // --- Board log (pgBoardLog.ts) ---
  loadBoard = (boardId: string) => this.log.loadBoard(boardId);
  updatesAfter = (boardId: string, afterSeq: number) => this.log.updatesAfter(boardId, afterSeq);
  appendUpdate: Storage['appendUpdate'] = (boardId, update, fence) => this.log.appendUpdate(boardId, update, fence);
  compact: Storage['compact'] = (boardId, hint, fence) => this.log.compact(boardId, hint, fence);
  rebuildEpoch: Storage['rebuildEpoch'] = (boardId, snapshot, uptoSeq, record) =>
    this.log.rebuildEpoch(boardId, snapshot, uptoSeq, record);
  boardEpoch = (boardId: string, epoch: number) => this.log.boardEpoch(boardId, epoch);
  loadBoardAt = (boardId: string, at: number) => this.log.loadBoardAt(boardId, at);
  boardHistory = (boardId: string, limit: number) => this.log.boardHistory(boardId, limit);
  pruneHistoryBefore = (cutoff: number) => this.log.pruneHistoryBefore(cutoff);

  // --- Directory ---
  async hasMunicipality(): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM municipalities LIMIT 1')) !== null;
  }
  async createMunicipality(m: { id: string; name: string }): Promise<void> {
    await this.db.run('INSERT INTO municipalities (id, name) VALUES ($1, $2)', [m.id, m.name]);
  }
  async createTeam(t: { id: string; municipalityId: string; name: string; kind?: TeamKind }): Promise<void> {
    await this.db.run('INSERT INTO teams (id, municipality_id, name, kind) VALUES ($1, $2, $3, $4)', [
      t.id,
      t.municipalityId,
      t.name,
      t.kind ?? 'kommune',
    ]);
  }
  async createUser(u: UserRecord): Promise<void> {
    await insertUser(this.db.pool, u);
  }
  async addTeamMember(userId: string, teamId: string): Promise<void> {
    await this.db.run('INSERT INTO team_members (user_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      userId,
      teamId,
    ]);
  }
  async createBoard(b: BoardRecord, snapshot: Uint8Array | null): Promise<void> {
    await this.db.tx(async (c) => {
      await c.query('INSERT INTO boards (id, team_id, name) VALUES ($1, $2, $3)', [b.id, b.teamId, b.name]);
      await c.query('INSERT INTO board_log_heads (board_id, last_seq) VALUES ($1, 0)', [b.id]);
      if (snapshot) {
        const bytes = Buffer.from(snapshot);
        await c.query('INSERT INTO board_snapshots (board_id, snapshot, upto_seq) VALUES ($1, $2, 0)', [b.id, bytes]);
        await c.query(
          `INSERT INTO board_history (board_id, at, upto_seq, kind, snapshot) VALUES ($1, $2, 0, 'start', $3)`,
          [b.id, this.now(), bytes],
        );
      }
    });
  }
  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = await this.db.one<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
    return row ? toUser(row) : null;
  }
  async getUser(id: string): Promise<UserRecord | null> {
    const row = await this.db.one<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return row ? toUser(row) : null;
  }
  async updateUserLang(id: string, lang: 'da' | 'en'): Promise<void> {
    await this.db.run('UPDATE users SET lang = $1 WHERE id = $2', [lang, id]);
  }
  async teamsOfUser(userId: string): Promise<TeamSummary[]> {
    const rows = await this.db.rows<TeamSummary>(
      `SELECT t.id, t.name, (SELECT b.id FROM boards b WHERE b.team_id = t.id ORDER BY b.id LIMIT 1) AS "boardId"
         FROM team_members m JOIN teams t ON t.id = m.team_id
        WHERE m.user_id = $1 ORDER BY t.name`,
      [userId],
    );
    return rows.filter((t) => t.boardId !== null);
  }
  async boardsOfUser(userId: string): Promise<BoardSummary[]> {
    return this.db.rows<BoardSummary>(
      `SELECT b.id, b.name, t.id AS "teamId", t.name AS "teamName"
         FROM team_members m JOIN teams t ON t.id = m.team_id JOIN boards b ON b.team_id = t.id
        WHERE m.user_id = $1 ORDER BY t.name, b.name`,
      [userId],
    );
  }
  async getBoard(id: string): Promise<BoardRecord | null> {
    return this.db.one<BoardRecord>('SELECT id, team_id AS "teamId", name FROM boards WHERE id = $1', [id]);
  }

  // --- Administration ---
  async listTeams(municipalityId: string): Promise<TeamRecord[]> {
    return (
      await this.db.rows<TeamRow>(`${TEAM_SELECT} WHERE t.municipality_id = $1 ORDER BY t.name, t.id`, [municipalityId])
    ).map(toTeam);
  }
  async getTeam(id: string): Promise<TeamRecord | null> {
    const row = await this.db.one<TeamRow>(`${TEAM_SELECT} WHERE t.id = $1`, [id]);
    return row ? toTeam(row) : null;
  }
  async renameTeam(id: string, name: string): Promise<void> {
    await this.db.tx(async (c) => {
      await c.query('UPDATE teams SET name = $1 WHERE id = $2', [name, id]);
      await c.query('UPDATE boards SET name = $1 WHERE team_id = $2', [`Tavle ${name}`, id]);
    });
  }
  async listUsers(municipalityId: string): Promise<AdminUserRecord[]> {
    const rows = await this.db.rows<UserRow & { team_ids: string[] }>(
      `SELECT u.*, ARRAY(SELECT m.team_id FROM team_members m WHERE m.user_id = u.id ORDER BY m.team_id) AS team_ids
         FROM users u WHERE u.municipality_id = $1 ORDER BY u.name, u.username`,
      [municipalityId],
    );
    return rows.map((r) => ({ ...toUser(r), teamIds: r.team_ids }));
  }
  async getAdminUser(id: string): Promise<AdminUserRecord | null> {
    const user = await this.getUser(id);
    if (!user) return null;
    const teams = await this.db.rows<{ team_id: string }>(
      'SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id',
      [id],
    );
    return { ...user, teamIds: teams.map((t) => t.team_id) };
  }
  async updateUser(id: string, patch: UserPatch): Promise<void> {
    await this.db.tx(async (c) => {
      if (patch.role !== undefined) await c.query('UPDATE users SET role = $1 WHERE id = $2', [patch.role, id]);
      if (patch.readOnly !== undefined) {
        await c.query('UPDATE users SET read_only = $1 WHERE id = $2', [patch.readOnly, id]);
      }
      if (patch.disabledAt !== undefined) {
        await c.query('UPDATE users SET disabled_at = $1 WHERE id = $2', [patch.disabledAt, id]);
      }
      if (patch.passwordHash !== undefined) {
        await c.query('UPDATE users SET password_hash = $1 WHERE id = $2', [patch.passwordHash, id]);
      }
    });
  }
  async setUserTeams(userId: string, teamIds: readonly string[]): Promise<void> {
    await this.db.tx((c) => replaceTeams(c, userId, teamIds));
  }
  async activeAdministratorIds(municipalityId: string): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(
      `SELECT id FROM users WHERE municipality_id = $1 AND role = 'administrator' AND disabled_at IS NULL ORDER BY id`,
      [municipalityId],
    );
    return rows.map((r) => r.id);
  }

  // --- Configuration ---
  async boardConfig(boardId: string): Promise<BoardConfigRecord | null> {
    return this.db.one<BoardConfigRecord>(
      `SELECT b.id AS "boardId", t.id AS "teamId", m.id AS "municipalityId", m.delegation,
              m.forlob_catalogue AS "forlobCatalogue", m.cadence_templates AS "cadenceTemplates",
              m.discussion_prompts AS "discussionPrompts", m.swap_settings AS "swapSettings",
              m.care_signals AS "careSignals"
         FROM boards b JOIN teams t ON t.id = b.team_id JOIN municipalities m ON m.id = t.municipality_id
        WHERE b.id = $1`,
      [boardId],
    );
  }
  async updateMunicipalityConfig(municipalityId: string, patch: MunicipalityConfigPatch): Promise<void> {
    const columns: [keyof MunicipalityConfigPatch, string][] = [
      ['delegation', 'delegation'],
      ['forlobCatalogue', 'forlob_catalogue'],
      ['cadenceTemplates', 'cadence_templates'],
      ['discussionPrompts', 'discussion_prompts'],
      ['swapSettings', 'swap_settings'],
      ['careSignals', 'care_signals'],
    ];
    const set = columns.filter(([key]) => patch[key] !== undefined);
    if (set.length === 0) return;
    await this.db.run(
      `UPDATE municipalities SET ${set.map(([, col], i) => `${col} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [municipalityId, ...set.map(([key]) => patch[key])],
    );
  }

  // --- Audit (append-only: the table's trigger refuses UPDATE, DELETE and TRUNCATE) ---
  async appendAudit(e: AuditEntry): Promise<void> {
    await this.appendAuditBatch([e]);
  }
  async appendAuditBatch(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      at: e.at,
      user_id: e.userId,
      board_id: e.boardId,
      card_id: e.cardId,
      action: e.action,
      detail: auditDetailJson(e.detail),
    }));
    await this.commits.run((c) =>
      c.query(
        `INSERT INTO audit_log (at, user_id, board_id, card_id, action, detail)
         SELECT r.at, r.user_id, r.board_id, r.card_id, r.action, r.detail
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n)
           CROSS JOIN LATERAL jsonb_to_record(e.v)
             AS r(at bigint, user_id text, board_id text, card_id text, action text, detail text)
          ORDER BY e.n`,
        [JSON.stringify(rows)],
      ),
    );
  }
  async auditLog(boardId: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.rows<AuditEntry & { detail: string }>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE board_id = $1 ORDER BY id DESC LIMIT $2`,
      [boardId, limit],
    );
    return rows.map(parseAudit);
  }
  async searchAudit(q: AuditQuery): Promise<AuditRow[]> {
    const args: unknown[] = [q.boardId];
    const where = ['board_id = $1'];
    const add = (clause: string, value: unknown) => {
      if (value === undefined) return;
      args.push(value);
      where.push(clause.replace('?', `$${args.length}`));
    };
    add('card_id = ?', q.cardId);
    add('user_id = ?', q.userId);
    add('at >= ?', q.from);
    add('at < ?', q.to);
    add('id < ?', q.before);
    if (q.actions && q.actions.length > 0) add('action = ANY(?::text[])', q.actions);
    args.push(q.limit);
    const rows = await this.db.rows<AuditRow & { detail: string }>(
      `SELECT id, ${AUDIT_COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${args.length}`,
      args,
    );
    return rows.map(parseAudit);
  }
  async usersOfTeam(teamId: string): Promise<TeamMemberRecord[]> {
    return this.db.rows<TeamMemberRecord>(
      `SELECT u.id, u.name, u.role FROM team_members m JOIN users u ON u.id = m.user_id
        WHERE m.team_id = $1 ORDER BY u.name, u.id`,
      [teamId],
    );
  }
  async purgeArchivedClosedBefore(closedBefore: string): Promise<{ boardId: string; count: number }[]> {
    return this.db.rows<{ boardId: string; count: number }>(
      `WITH gone AS (DELETE FROM archived_cards WHERE closed_on < $1 RETURNING board_id)
       SELECT board_id AS "boardId", COUNT(*)::integer AS count FROM gone GROUP BY board_id ORDER BY board_id`,
      [closedBefore],
    );
  }
  async purgeAuditBefore(cutoff: number): Promise<number> {
    return this.db.tx(async (c) => {
      // The only path that lets audit rows go: the cutoff first (never in the future), then
      // the trigger allows deleting rows older than it.
      await c.query('UPDATE audit_retention SET purge_before = $1 WHERE id = 1', [cutoff]);
      return (await c.query('DELETE FROM audit_log WHERE at < $1', [cutoff])).rowCount ?? 0;
    });
  }

  // --- Archive of closed forløb ---
  async archiveCards(cards: ArchivedCardRecord[]): Promise<void> {
    await this.db.tx(async (c) => {
      for (const card of cards) {
        await c.query(
          `INSERT INTO archived_cards (board_id, card_id, name, name_fold, closed_on, archived_at, card)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (board_id, card_id) DO UPDATE SET name = excluded.name, name_fold = excluded.name_fold,
             closed_on = excluded.closed_on, archived_at = excluded.archived_at, card = excluded.card`,
          [
            card.boardId,
            card.cardId,
            card.name,
            foldName(card.name),
            card.closedOn,
            card.archivedAt,
            JSON.stringify(card.card),
          ],
        );
      }
    });
  }
  async searchArchive(boardId: string, q: string, limit: number): Promise<ArchivedCardRecord[]> {
    const pattern = `%${likeEscape(foldName(q.trim()))}%`;
    const rows = await this.db.rows<ArchivedRow>(
      `SELECT board_id, card_id, name, closed_on, archived_at, card FROM archived_cards
        WHERE board_id = $1 AND name_fold LIKE $2 ESCAPE '\\'
        ORDER BY closed_on DESC, archived_at DESC, card_id LIMIT $3`,
      [boardId, pattern, limit],
    );
    return rows.map(toArchived);
  }
  async getArchivedCard(boardId: string, cardId: string): Promise<ArchivedCardRecord | null> {
    const row = await this.db.one<ArchivedRow>(
      'SELECT board_id, card_id, name, closed_on, archived_at, card FROM archived_cards WHERE board_id = $1 AND card_id = $2',
      [boardId, cardId],
    );
    return row ? toArchived(row) : null;
  }
  async deleteArchivedCard(boardId: string, cardId: string): Promise<void> {
    await this.db.run('DELETE FROM archived_cards WHERE board_id = $1 AND card_id = $2', [boardId, cardId]);
  }

  // --- OpenID Connect ---
  async findUserByOidcSubject(subject: string): Promise<UserRecord | null> {
    const row = await this.db.one<UserRow>('SELECT * FROM users WHERE oidc_subject = $1', [subject]);
    return row ? toUser(row) : null;
  }
  async setUserOidcSubject(userId: string, subject: string | null): Promise<void> {
    await this.db.run('UPDATE users SET oidc_subject = $1 WHERE id = $2', [subject, userId]);
  }
  async linkUnlinkedUserOidc(userId: string, subject: string): Promise<boolean> {
    return (
      (await this.db.run('UPDATE users SET oidc_subject = $1 WHERE id = $2 AND oidc_subject IS NULL', [
        subject,
        userId,
      ])) > 0
    );
  }
  async createOidcUser(u: UserRecord, subject: string, teamIds: readonly string[]): Promise<void> {
    await this.db.tx(async (c) => {
      const team = teamIds[0]
        ? (await c.query<{ m: string }>('SELECT municipality_id AS m FROM teams WHERE id = $1', [teamIds[0]])).rows[0]
        : undefined;
      await insertUser(c, { ...u, municipalityId: u.municipalityId ?? team?.m ?? null });
      await c.query('UPDATE users SET oidc_subject = $1 WHERE id = $2', [subject, u.id]);
      for (const teamId of teamIds) await addMember(c, u.id, teamId);
    });
  }
  async applyOidcClaims(
    userId: string,
    p: { name: string | null; role?: Role; teamIds?: readonly string[] },
  ): Promise<void> {
    await this.db.tx(async (c) => {
      await c.query('UPDATE users SET name = COALESCE($1, name), role = COALESCE($2, role) WHERE id = $3', [
        p.name,
        p.role ?? null,
        userId,
      ]);
      if (p.teamIds) await replaceTeams(c, userId, p.teamIds);
    });
  }
  async allTeams(): Promise<{ id: string; name: string }[]> {
    return this.db.rows('SELECT id, name FROM teams ORDER BY name');
  }

  // --- Sessions (hashes only) ---
  async createSession(tokenHash: string, s: SessionRecord): Promise<void> {
    await this.db.run('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      s.userId,
      s.expiresAt,
    ]);
  }
  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    return this.db.one<SessionRecord>(
      'SELECT user_id AS "userId", expires_at AS "expiresAt" FROM sessions WHERE token_hash = $1',
      [tokenHash],
    );
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }
  async deleteExpiredSessions(now: number): Promise<number> {
    return this.db.run('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
  async deleteSessionsOfUser(userId: string): Promise<number> {
    return this.db.run('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  // --- Meetings and admin settings ---
  async meetingConfig(boardId: string): Promise<MeetingConfigRecord | null> {
    return this.db.one<MeetingConfigRecord>(
      `SELECT m.id AS "municipalityId", t.id AS "teamId", m.triage_config AS "triageConfig",
              t.visitator_days AS "visitatorDays", t.meeting_settings AS "meetingSettings"
         FROM boards b JOIN teams t ON t.id = b.team_id JOIN municipalities m ON m.id = t.municipality_id
        WHERE b.id = $1`,
      [boardId],
    );
  }
  async setTriageConfig(municipalityId: string, json: string | null): Promise<void> {
    await this.db.run('UPDATE municipalities SET triage_config = $1 WHERE id = $2', [json, municipalityId]);
  }
  async setVisitatorDays(teamId: string, json: string | null): Promise<void> {
    await this.db.run('UPDATE teams SET visitator_days = $1 WHERE id = $2', [json, teamId]);
  }
  async setTeamMeetings(teamId: string, json: string | null): Promise<void> {
    await this.db.run('UPDATE teams SET meeting_settings = $1 WHERE id = $2', [json, teamId]);
  }
  async municipalitySettings(municipalityId: string): Promise<MunicipalitySettingsRecord | null> {
    const m = await this.db.one<Omit<MunicipalitySettingsRecord, 'municipalityId' | 'teams'>>(
      `SELECT delegation, triage_config AS "triageConfig", discussion_prompts AS "discussionPrompts",
              swap_settings AS "swapSettings", care_signals AS "careSignals" FROM municipalities WHERE id = $1`,
      [municipalityId],
    );
    if (!m) return null;
    const teams = await this.db.rows<MunicipalitySettingsRecord['teams'][number]>(
      `SELECT id AS "teamId", name, visitator_days AS "visitatorDays", meeting_settings AS "meetingSettings"
         FROM teams WHERE municipality_id = $1 ORDER BY lower(name), id`,
      [municipalityId],
    );
    return { municipalityId, ...m, teams };
  }

  // --- Wall-screen devices ---
  async createDevice(d: { user: UserRecord; teamId: string; createdAt: number; createdBy: string | null }) {
    await this.db.tx(async (c) => {
      const team = (await c.query<{ m: string }>('SELECT municipality_id AS m FROM teams WHERE id = $1', [d.teamId]))
        .rows[0];
      await insertUser(c, { ...d.user, municipalityId: team?.m ?? null });
      await c.query('INSERT INTO team_members (user_id, team_id) VALUES ($1, $2)', [d.user.id, d.teamId]);
      await c.query('INSERT INTO devices (user_id, team_id, created_at, created_by) VALUES ($1, $2, $3, $4)', [
        d.user.id,
        d.teamId,
        d.createdAt,
        d.createdBy,
      ]);
    });
  }
  async devicesOfTeam(teamId: string): Promise<DeviceRecord[]> {
    return this.db.rows<DeviceRecord>(`${DEVICE_SELECT} WHERE d.team_id = $1 ORDER BY u.name, d.user_id`, [teamId]);
  }
  async getDevice(id: string): Promise<DeviceRecord | null> {
    return this.db.one<DeviceRecord>(`${DEVICE_SELECT} WHERE d.user_id = $1`, [id]);
  }
  async setPairingCode(deviceId: string, codeHash: string, expiresAt: number): Promise<void> {
    await this.db.tx(async (c) => {
      await c.query('DELETE FROM device_pairing_codes WHERE device_id = $1', [deviceId]);
      await c.query('INSERT INTO device_pairing_codes (code_hash, device_id, expires_at) VALUES ($1, $2, $3)', [
        codeHash,
        deviceId,
        expiresAt,
      ]);
    });
  }
  async consumePairingCode(codeHash: string, now: number): Promise<string | null> {
    const row = await this.db.one<{ deviceId: string; expiresAt: number }>(
      'DELETE FROM device_pairing_codes WHERE code_hash = $1 RETURNING device_id AS "deviceId", expires_at AS "expiresAt"',
      [codeHash],
    );
    return row && row.expiresAt > now ? row.deviceId : null;
  }
  async markDevicePaired(deviceId: string, at: number): Promise<void> {
    await this.db.run('UPDATE devices SET paired_at = $1 WHERE user_id = $2', [at, deviceId]);
  }
  async deleteDevice(deviceId: string): Promise<void> {
    await this.db.tx(async (c) => {
      await c.query('DELETE FROM sessions WHERE user_id = $1', [deviceId]);
      await c.query(`DELETE FROM users WHERE id = $1 AND role = 'skaerm'`, [deviceId]);
    });
  }

  async close(): Promise<void> {
    await this.commits.drain();
    await this.db.close();
  }
}

async function insertUser(c: Queryable, u: UserRecord): Promise<void> {
  await c.query(
    `INSERT INTO users (id, username, password_hash, role, name, lang, color, read_only, disabled_at, municipality_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE($10, (SELECT id FROM municipalities ORDER BY id LIMIT 1)))`,
    [
      u.id,
      u.username,
      u.passwordHash,
      u.role,
      u.name,
      u.lang,
      u.color,
      u.readOnly ?? false,
      u.disabledAt ?? null,
      u.municipalityId ?? null,
    ],
  );
}

async function addMember(c: Queryable, userId: string, teamId: string): Promise<void> {
  await c.query('INSERT INTO team_members (user_id, team_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, teamId]);
}

async function replaceTeams(c: Queryable, userId: string, teamIds: readonly string[]): Promise<void> {
  await c.query('DELETE FROM team_members WHERE user_id = $1', [userId]);
  for (const teamId of teamIds) await addMember(c, userId, teamId);
}
