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

/** A paired (or yet to be paired) wall screen; `user` is its role-`skaerm` account. */
export interface DeviceRecord {
  id: string;
  teamId: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  createdBy: string | null;
  /** Epoch milliseconds of the last pairing; null while never paired. */
  pairedAt: number | null;
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

  // Wall-screen devices (server/http/devices.ts).
  /** Creates the device's account (role skaerm, no password), its team membership and device row. */
  createDevice(d: { user: UserRecord; teamId: string; createdAt: number; createdBy: string | null }): Promise<void>;
  devicesOfTeam(teamId: string): Promise<DeviceRecord[]>;
  getDevice(id: string): Promise<DeviceRecord | null>;
  /** Replaces the device's pairing codes with this one. */
  setPairingCode(deviceId: string, codeHash: string, expiresAt: number): Promise<void>;
  /** Deletes the code (single use) and returns its device if it had not expired. */
  consumePairingCode(codeHash: string, now: number): Promise<string | null>;
  markDevicePaired(deviceId: string, at: number): Promise<void>;
  /** Deletes the device's account and with it its sessions, pairing codes and team membership. */
  deleteDevice(deviceId: string): Promise<void>;

  close(): Promise<void>;
}
