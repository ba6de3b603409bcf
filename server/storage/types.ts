import type { Role } from '../../shared/model/user.js';
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

// Audit search and retention (issue #5).
/** A stored audit entry with its id (ids grow with time: the paging cursor). */
export interface AuditRow extends AuditEntry {
  id: number;
}

/** Filters of an audit search: newest first, `before` an id cursor, times epoch ms (`to` exclusive). */
export interface AuditQuery {
  boardId: string;
  cardId?: string;
  userId?: string;
  from?: number;
  to?: number;
  actions?: readonly string[];
  before?: number;
  limit: number;
}

export interface TeamMemberRecord {
  id: string;
  name: string;
  role: Role;
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

export interface Storage {
  // Directory: municipalities, teams, users, boards.
  hasMunicipality(): Promise<boolean>;
  createMunicipality(m: { id: string; name: string }): Promise<void>;
  createTeam(t: { id: string; municipalityId: string; name: string }): Promise<void>;
  createUser(u: UserRecord): Promise<void>;
  addTeamMember(userId: string, teamId: string): Promise<void>;
  createBoard(b: BoardRecord, snapshot: Uint8Array | null): Promise<void>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<UserRecord | null>;
  updateUserLang(id: string, lang: 'da' | 'en'): Promise<void>;
  teamsOfUser(userId: string): Promise<TeamSummary[]>;
  boardsOfUser(userId: string): Promise<BoardSummary[]>;
  getBoard(id: string): Promise<BoardRecord | null>;

  // Per-municipality configuration (forløb lifecycle).
  boardConfig(boardId: string): Promise<BoardConfigRecord | null>;
  updateMunicipalityConfig(municipalityId: string, patch: MunicipalityConfigPatch): Promise<void>;

  // Audit log: append-only (the table refuses UPDATE and DELETE).
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  auditLog(boardId: string, limit: number): Promise<AuditEntry[]>;

  // Audit search and retention (issue #5).
  /** Appends all entries in one transaction (one per peer update). */
  appendAuditBatch(entries: readonly AuditEntry[]): Promise<void>;
  searchAudit(q: AuditQuery): Promise<AuditRow[]>;
  /** Members of a team (for the audit page's user filter and names). */
  usersOfTeam(teamId: string): Promise<TeamMemberRecord[]>;
  /** Deletes archived forløb closed before `closedBefore` (YYYY-MM-DD); counts per board. */
  purgeArchivedClosedBefore(closedBefore: string): Promise<{ boardId: string; count: number }[]>;
  /**
   * Deletes audit entries older than `cutoff` (epoch ms): records the cutoff (the only way
   * the table lets rows go) and deletes, in one transaction. Returns the number deleted.
   */
  purgeAuditBefore(cutoff: number): Promise<number>;

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

  // Board documents: an append-only update log plus a compacted snapshot.
  loadBoard(boardId: string): Promise<StoredBoard>;
  /** Durable (fsynced) when the promise resolves. Returns the update's sequence number. */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>;
  /** Atomically replaces the snapshot and deletes the log entries with seq ≤ uptoSeq. */
  compact(boardId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;

  close(): Promise<void>;
}
