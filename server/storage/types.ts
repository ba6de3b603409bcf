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
