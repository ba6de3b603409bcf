import type { Role, TeamKind } from '../../shared/model/user.js';
import type { BoardSummary, TeamSummary } from '../../shared/protocol/api.js';
import type { StyringStore } from './styringTypes.js';
import type { LocalOfferStore } from './offerTypes.js';
import type { OrgStore } from './orgTypes.js';

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
  /** Names the stored snapshot (a hash; loadBoard only): the basis of a CompactHint. */
  snapshotToken?: string;
}

/** Why a history snapshot was kept: the board's first state, a compaction, an epoch rebuild. */
export type HistorySnapshotKind = 'start' | 'compaction' | 'epoch';

/** What a board's point-in-time history holds (for choosing a time to look at or restore). */
export interface BoardHistoryOverview {
  /** Earliest time (epoch ms) the board can be rebuilt at; null when there is no history yet. */
  oldest: number | null;
  /** Kept snapshots, newest first (at most the limit asked for). */
  snapshots: { at: number; kind: HistorySnapshotKind }[];
  /** Stored updates per minute (`at` = the minute's start, epoch ms), newest first. */
  changes: { at: number; count: number }[];
}

/** What retention removed from the history tables. */
export interface HistoryPruneResult {
  snapshots: number;
  updates: number;
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
  /** JSON: the focus view's discussion prompts (model/discussionPrompts.ts). */
  discussionPrompts: string | null;
  /** JSON: bytteydelser settings (model/swaps.ts); NULL = the defaults. Optional for older fakes. */
  swapSettings?: string | null;
  /** JSON: discharge lane and "nej tak" threshold (model/careSignals.ts); NULL = the defaults. */
  careSignals?: string | null;
}

export interface MunicipalityConfigPatch {
  delegation?: string | null;
  forlobCatalogue?: string | null;
  cadenceTemplates?: string;
  discussionPrompts?: string | null;
  swapSettings?: string | null;
  careSignals?: string | null;
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

/** One epoch rebuild of a board (docs/protocol.md "Epochs"). */
export interface BoardEpochRecord {
  /** The epoch the rebuild started. */
  epoch: number;
  /** Final state vector of the previous epoch's doc: what the server had when it rebuilt. */
  prevStateVector: Uint8Array;
  /** Epoch milliseconds. */
  rebuiltAt: number;
}

/**
 * A board's Yjs document as an append-only log of updates plus one compacted snapshot, with
 * the point-in-time history and the epoch records. The contract every adapter meets
 * (tests/storage/contract.ts):
 *
 * - `seq` is per board, allocated by the database, and grows in commit order: a row committed
 *   later always has a higher seq, so "everything with seq <= n" names one exact state and
 *   `updatesAfter(n)` misses nothing.
 * - Compaction folds exactly the rows it read, inside one transaction, and deletes exactly
 *   those (never a range): a row another node appends meanwhile stays in the log.
 */
export interface BoardLog {
  /** Snapshot and every row still in the log, ascending seq, read in one consistent view. */
  loadBoard(boardId: string): Promise<StoredBoard>;
  /**
   * The log rows with seq > `afterSeq`, ascending. Null when a compaction already folded a
   * row after `afterSeq` into the snapshot: the caller must reload the board instead.
   */
  updatesAfter(boardId: string, afterSeq: number): Promise<StoredUpdate[] | null>;
  /**
   * Durable (committed, fsynced) when the promise resolves. Returns the update's seq. With a
   * `fence` (several nodes, docs/multi-node.md) the row is written only if the board's lease
   * still carries that token, checked in the same transaction; else `FencedOutError` and
   * nothing is stored. Adapters without leases (SQLite: one node) have nothing to check.
   */
  appendUpdate(boardId: string, update: Uint8Array, fence?: BoardFence): Promise<number>;
  /**
   * Folds the log into the snapshot from what the database holds (snapshot + the rows read,
   * replayed into a Y.Doc), in one transaction: the folded rows move to the history (with a
   * history snapshot when the last one is older than the interval) and only they leave the
   * log. Safe to run on any node at any time, and twice at once.
   */
  compact(boardId: string, hint?: CompactHint, fence?: BoardFence): Promise<CompactResult>;
  /**
   * An epoch rebuild (server/sync/epoch.ts), compare-and-set: `snapshot` (the rebuilt doc)
   * replaces snapshot and log only if the board is still exactly the state with every seq <=
   * `uptoSeq` (nothing appended or folded since the caller loaded it); the log rows move to
   * the history and the rebuild is recorded with the previous epoch's state vector. Otherwise
   * it throws `LogConflictError` and stores nothing.
   */
  rebuildEpoch(boardId: string, snapshot: Uint8Array, uptoSeq: number, record: BoardEpochRecord): Promise<void>;
  /** The record of the rebuild that started `epoch`, or null (epoch 0, or never rebuilt). */
  boardEpoch(boardId: string, epoch: number): Promise<BoardEpochRecord | null>;

  // Point-in-time history (server/history/): snapshots plus the timestamped updates since.
  /**
   * What to replay to rebuild the board as it was at `at` (epoch ms): the newest history
   * snapshot at or before `at` and the updates after it stored at or before `at`, within that
   * snapshot's epoch lineage. Null when `at` is before the oldest kept history.
   */
  loadBoardAt(boardId: string, at: number): Promise<StoredBoard | null>;
  boardHistory(boardId: string, limit: number): Promise<BoardHistoryOverview>;
  /**
   * Retention: per board, keeps the newest history snapshot at or before `cutoff` (a replay
   * must start somewhere) and deletes older snapshots and the updates folded into it.
   */
  pruneHistoryBefore(cutoff: number): Promise<HistoryPruneResult>;
}

/**
 * The caller's doc, offered to spare the fold (replaying snapshot and log costs tens of ms on
 * a demo-sized board; encoding a live doc a few). The adapter writes it instead only when the
 * stored snapshot is still `basis` and every row it read is one `contains` names, i.e. when
 * the database holds nothing the doc lacks; else it folds as always.
 */
export interface CompactHint {
  /** Y.encodeStateAsUpdate of the caller's doc. */
  snapshot: Uint8Array;
  /** The token of the snapshot the doc was loaded from or last wrote (null: none). */
  basis: string;
  /** Whether the doc holds log row `seq` (it was loaded with the board, or this caller appended it). */
  contains(seq: number): boolean;
}

/** What a compaction folded: how many rows and the highest seq among them (0, 0 = nothing). */
export interface CompactResult {
  folded: number;
  uptoSeq: number;
  /**
   * The stored snapshot's token when the caller's doc is now exactly the stored state (the
   * hint was written, or nothing changed); null when the adapter folded rows the doc may lack.
   */
  token: string | null;
}

/** The board changed since the caller read it (a compare-and-set write was refused). */
export class LogConflictError extends Error {
  constructor(boardId: string) {
    super(`board ${boardId} changed since it was loaded`);
    this.name = 'LogConflictError';
  }
}

/** The owner's lease token a write carries (BoardLeases; docs/multi-node.md "Ownership"). */
export interface BoardFence {
  token: number;
}

/** A fenced write found another token on the board's lease: this node no longer owns it. */
export class FencedOutError extends Error {
  constructor(boardId: string) {
    super(`board ${boardId} is owned by another node now`);
    this.name = 'FencedOutError';
  }
}

/** Who owns a board now, as the database sees it (BoardLeases.inspect). */
export interface BoardLeaseState {
  boardId: string;
  /** The lease's holder and token; null when nobody ever held it. */
  nodeId: string | null;
  token: number | null;
  /** Not expired by the database's clock. */
  live: boolean;
  /** The last seq the board's log handed out (0: none). */
  lastSeq: number;
}

/**
 * Board ownership leases with fencing tokens (PostgreSQL only: several nodes share one
 * database). Every expiry is judged by the database's clock, never a node's.
 */
export interface BoardLeases {
  /**
   * Takes the board when its lease is free, expired or already this node's: the token goes up
   * by one (older holders are fenced out). Null when another node holds a live lease.
   */
  take(boardId: string, nodeId: string, leaseMs: number): Promise<number | null>;
  /** Extends the leases this node still holds under these tokens; the board ids renewed. */
  renew(nodeId: string, held: readonly { boardId: string; token: number }[], leaseMs: number): Promise<string[]>;
  /** Ends the lease now (the token stays, so the next holder's is higher). */
  release(boardId: string, token: number): Promise<void>;
  /** Lease and log head of each board. */
  inspect(boardIds: readonly string[]): Promise<BoardLeaseState[]>;
}

/** Everything the server persists: the board logs and the rest, behind one object. */
export interface Storage extends BoardLog, Store {
  /** Board ownership leases, where several nodes can share the storage (PostgreSQL). */
  readonly leases?: BoardLeases;
  /**
   * Runs `work` on one node at a time across every node sharing the database (a PostgreSQL
   * advisory lock): jobs that must run once, such as seeding the demo. SQLite has one node.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Like `exclusive`, but skips instead of waiting when another node holds `key`: periodic
   * jobs that one node per period runs (server/cluster/jobs.ts). The lock dies with the node.
   */
  tryExclusive<T>(key: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /**
   * Why this storage refuses every write from now on (its disk failed a sync), or null. A
   * node in that state is unhealthy (/healthz 503) and must be restarted.
   */
  writeFailure?(): string | null;
  close(): Promise<void>;
}

/**
 * Everything but the board logs: municipalities, teams, users, sessions, audit, archive,
 * configuration, devices and Styring. Rows here are ordinary records; any node may write them.
 */
export interface Store {
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

  // Audit search and retention (issue #5).
  /**
   * Appends all entries in one transaction (the audit writer's batch of edits). Resolves once
   * they are durable; on SQLite they ride along with the next append's commit (at most
   * groupCommit.ts FOLLOW_UP_MS later), since nobody waits for them.
   */
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

  // OpenID Connect: users linked to a provider subject ("<issuer> <sub>").
  findUserByOidcSubject(subject: string): Promise<UserRecord | null>;
  /** Links (or with null unlinks) a local user to a provider subject (administration). */
  setUserOidcSubject(userId: string, subject: string | null): Promise<void>;
  /** Links a user that is not linked yet; false if it already has a subject. */
  linkUnlinkedUserOidc(userId: string, subject: string): Promise<boolean>;
  /** Creates a user linked to a subject, with its team memberships, in one transaction. */
  createOidcUser(u: UserRecord, subject: string, teamIds: readonly string[]): Promise<void>;
  /** Role and name from claims; teamIds (when given) replace the memberships. One transaction. */
  applyOidcClaims(userId: string, p: { name: string | null; role?: Role; teamIds?: readonly string[] }): Promise<void>;
  /** Every team, to match team claims against. */
  allTeams(): Promise<{ id: string; name: string }[]>;

  // Sessions: only a hash of the token is stored.
  createSession(tokenHash: string, s: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
  /** Ends every session of one user ("log ud på alle enheder"); returns how many there were. */
  deleteSessionsOfUser(userId: string): Promise<number>;

  // Meetings: the municipality's triage response clocks and the team's visitator days, as
  // stored JSON text (validated by the caller; null = the default).
  meetingConfig(boardId: string): Promise<MeetingConfigRecord | null>;
  setTriageConfig(municipalityId: string, json: string | null): Promise<void>;
  setVisitatorDays(teamId: string, json: string | null): Promise<void>;
  setTeamMeetings(teamId: string, json: string | null): Promise<void>;
  // Admin settings (server/http/adminSettings.ts): the municipality's stored settings and its
  // teams' visitator days, as stored JSON text; null for an unknown municipality.
  municipalitySettings(municipalityId: string): Promise<MunicipalitySettingsRecord | null>;
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
  /** Visits, card facts and events of the Styring cockpit (issue #13; storage/styringTypes.ts). */
  readonly styring: StyringStore;
  /** The local offers directory (issue #16 part 5; storage/offerTypes.ts LocalOfferStore). */
  readonly offers: LocalOfferStore;
  /** Districts, makkerteams, evening teams, visitator cover and status (issue #16; storage/orgTypes.ts). */
  readonly org: OrgStore;
}

/** A municipality's editable settings as stored (JSON text; null = the built-in default). */
export interface MunicipalitySettingsRecord {
  municipalityId: string;
  delegation: string | null;
  triageConfig: string | null;
  discussionPrompts: string | null;
  swapSettings?: string | null;
  careSignals?: string | null;
  teams: { teamId: string; name: string; visitatorDays: string | null; meetingSettings: string | null }[];
}

/** A board's meeting settings as stored (JSON text; null = the built-in default). */
export interface MeetingConfigRecord {
  municipalityId: string;
  teamId: string;
  triageConfig: string | null;
  visitatorDays: string | null;
  /** The team's meeting types and rotation (model/teamMeetings.ts); absent/null = the defaults. */
  meetingSettings?: string | null;
}
