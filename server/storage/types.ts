import type { Role, TeamKind } from '../../shared/model/user.js';
import type { BoardSummary, TeamSummary } from '../../shared/protocol/api.js';

/**
 * Everything the server persists, behind async methods so a networked database
 * (PostgreSQL) can replace SQLite without touching the sync or HTTP code.
 */
export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  name: string;
  lang: 'da' | 'en';
  color: string;
  // Administration (optional on create: defaults are editable, active, the sole municipality).
  /** "Kun læseadgang": board edits are dropped. */
  readOnly?: boolean;
  /** Epoch ms when deactivated; null/absent while active. */
  disabledAt?: number | null;
  municipalityId?: string | null;
}

/** A team as the admin page lists it. */
export interface TeamRecord {
  id: string;
  municipalityId: string;
  name: string;
  kind: TeamKind;
  /** The team's (first) board; null only for a team created without one. */
  boardId: string | null;
  memberCount: number;
}

/** A user with their team ids, as the admin page lists them. */
export interface AdminUserRecord extends UserRecord {
  teamIds: string[];
}

export interface UserPatch {
  role?: Role;
  readOnly?: boolean;
  disabledAt?: number | null;
  passwordHash?: string;
}

export interface BoardRecord {
  id: string;
  teamId: string;
  name: string;
}

export interface SessionRecord {
  userId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
}

/** What is needed to rebuild a board: replay `updates` (ascending seq) on top of `snapshot`. */
export interface StoredBoard {
  snapshot: Uint8Array | null;
  /** Highest seq folded into the snapshot (0 when there is none). */
  snapshotSeq: number;
  updates: StoredUpdate[];
}

/**
 * A board's municipality configuration as stored: JSON text, validated by the caller with the
 * shared schemas (null = the built-in default).
 */
export interface BoardConfigRecord {
  boardId: string;
  teamId: string;
  municipalityId: string;
  /** JSON: a preset id (string) or a full delegation matrix. */
  delegation: string | null;
  /** JSON: the forløb catalogue. */
  forlobCatalogue: string | null;
  /** JSON array of the municipality's own cadence templates. */
  cadenceTemplates: string;
}

export interface MunicipalityConfigPatch {
  delegation?: string | null;
  forlobCatalogue?: string | null;
  cadenceTemplates?: string;
}

/** One row of the append-only audit log. `detail` never holds citizen names. */
export interface AuditEntry {
  /** Epoch milliseconds. */
  at: number;
  userId: string | null;
  boardId: string | null;
  cardId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface ArchivedCardRecord {
  boardId: string;
  cardId: string;
  name: string;
  /** YYYY-MM-DD. */
  closedOn: string;
  /** Epoch milliseconds. */
  archivedAt: number;
  /** The card as JSON (the shared Card shape). */
  card: unknown;
}

/** One epoch rebuild of a board (docs/protocol.md "Epochs"). */
export interface BoardEpochRecord {
  /** The epoch the rebuild started. */
  epoch: number;
  /** Final state vector of the previous epoch's doc: what the server had when it rebuilt. */
  prevStateVector: Uint8Array;
  /** Epoch milliseconds. */
  rebuiltAt: number;
}

export interface Storage {
  // Directory: municipalities, teams, users, boards.
  hasMunicipality(): Promise<boolean>;
  createMunicipality(m: { id: string; name: string }): Promise<void>;
  createTeam(t: { id: string; municipalityId: string; name: string; kind?: TeamKind }): Promise<void>;
  createUser(u: UserRecord): Promise<void>;
  addTeamMember(userId: string, teamId: string): Promise<void>;
  createBoard(b: BoardRecord, snapshot: Uint8Array | null): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  updateUserLang(id: string, lang: 'da' | 'en'): Promise<void>;
  teamsOfUser(userId: string): Promise<TeamSummary[]>;
  boardsOfUser(userId: string): Promise<BoardSummary[]>;
  getBoard(id: string): Promise<BoardRecord | null>;

  // Administration of teams and users (server/http/admin.ts).
  listTeams(municipalityId: string): Promise<TeamRecord[]>;
  getTeam(id: string): Promise<TeamRecord | null>;
  /** Renames the team and its boards ("Tavle <name>"). */
  renameTeam(id: string, name: string): Promise<void>;
  listUsers(municipalityId: string): Promise<AdminUserRecord[]>;
  getAdminUser(id: string): Promise<AdminUserRecord | null>;
  updateUser(id: string, patch: UserPatch): Promise<void>;
  /** Replaces the user's team memberships in one transaction. */
  setUserTeams(userId: string, teamIds: readonly string[]): Promise<void>;
  /** Ids of the municipality's active (not deactivated) administrators. */
  activeAdministratorIds(municipalityId: string): Promise<string[]>;

  // Per-municipality configuration (forløb lifecycle).
  boardConfig(boardId: string): Promise<BoardConfigRecord | null>;
  updateMunicipalityConfig(municipalityId: string, patch: MunicipalityConfigPatch): Promise<void>;

  // Audit log: append-only (the table refuses UPDATE and DELETE).
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  auditLog(boardId: string, limit: number): Promise<AuditEntry[]>;

  // Archive of closed forløb that left the live board.
  /** Inserts (or replaces, so a retried archive run is harmless) in one transaction. */
  archiveCards(cards: ArchivedCardRecord[]): Promise<void>;
  /** Name search (case-insensitive, Danish letters too), newest closure first. */
  searchArchive(boardId: string, q: string, limit: number): Promise<ArchivedCardRecord[]>;
  getArchivedCard(boardId: string, cardId: string): Promise<ArchivedCardRecord | null>;
  deleteArchivedCard(boardId: string, cardId: string): Promise<void>;

  // Sessions: only a hash of the token is stored.
  createSession(tokenHash: string, s: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
  /** Ends every session of one user ("log ud på alle enheder"); returns how many there were. */
  deleteSessionsOfUser(userId: string): Promise<number>;

  // Board documents: an append-only update log plus a compacted snapshot.
  loadBoard(boardId: string): Promise<StoredBoard>;
  /** Durable (fsynced) when the promise resolves. Returns the update's sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>;
  /** Atomically replaces the snapshot and deletes the log entries with seq ≤ uptoSeq. */
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;

  // Epoch rebuild (server/sync/epoch.ts).
  /**
   * In one transaction: `snapshot` (the rebuilt doc) replaces the snapshot and the log up to
   * `uptoSeq`, and the rebuild is recorded with the previous epoch's state vector.
   */
  rebuildEpoch(boardId: string, snapshot: Uint8Array, uptoSeq: number, record: BoardEpochRecord): Promise<void>;
  /** The record of the rebuild that started `epoch`, or null (epoch 0, or never rebuilt). */
  boardEpoch(boardId: string, epoch: number): Promise<BoardEpochRecord | null>;

  close(): Promise<void>;
}
