import * as Y from 'yjs';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { SessionUser } from '../../shared/model/user.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import type { Logger } from '../logging.js';
import type { BoardLeases, Storage } from '../storage/types.js';
import type { BoardPeer, ClusterLink, ForwardResult, LiveBoard } from '../sync/board.js';
import type { BoardClaim, BoardHostSeam, BoardRegistry } from '../sync/registry.js';
import { awarenessChannel, relayAwareness } from './awarenessRelay.js';
import { lastStreamId, publishUpdate, readStreams, type StreamEntry } from './boardStream.js';
import { FollowerLog } from './followerLog.js';
import { Forwarding, TRY_AGAIN, type ForwardRequest } from './forwarding.js';
import type { Cluster } from './redis.js';

/** Lease length, renewal and forward timeout (docs/operations.md "Several nodes"). */
export interface HostTimings {
  leaseMs: number;
  renewMs: number;
  forwardTimeoutMs: number;
}

export const DEFAULT_TIMINGS: HostTimings = { leaseMs: 3_000, renewMs: 1_000, forwardTimeoutMs: 5_000 };

/** Origin of updates a follower applies from the owner (already durable, already judged). */
const FOLLOWED: TransactionOrigin = { source: 'persistence' };

/** What a writer hears when storage could not be reached (LiveBoard says the same). */
const STORAGE_ERROR: ForwardResult = { ok: false, code: 1011, reason: 'storage error' };

/** How long an owner trusts a user it read for a forwarded write (the next one reads again). */
const USER_CACHE_MS = 2_000;

interface Entry {
  boardId: string;
  role: 'owner' | 'follower' | 'gone';
  /** The lease token: ours as owner, the owner's as follower. */
  token: number;
  ownerNode: string;
  board: LiveBoard | null;
  /** Owner: when the last renewal that succeeded started (local clock, only to stop early). */
  renewedAt: number;
  /** Follower: its place in the owner's log (once loaded); the stream entry read up to. */
  log: FollowerLog | null;
  streamId: string;
  /** Follower: ticks the log head was ahead of us. */
  behind: number;
  /** Owner: holding a reference to the board for other nodes' clients (see holdForFollowers). */
  held: boolean;
  /** Owner: forwarded writes in the order they arrived (the user lookup must not reorder them). */
  inbound: Promise<unknown>;
  stopAwareness: (() => void) | null;
}

/**
 * The host seam for several nodes (docs/multi-node.md): which node owns each board (a lease
 * with a fencing token in PostgreSQL), fan-out of the owner's durable updates to followers
 * (Redis streams, repaired from PostgreSQL), followers' writes forwarded to the owner's gate,
 * and takeover when an owner dies. Any change of owner closes the board's clients on this
 * node with 1013; they reconnect, this node loads the board again and takes or follows it.
 */
export class ClusterBoards implements BoardHostSeam {
  private readonly entries = new Map<string, Entry>();
  private readonly forwarding: Forwarding;
  private readonly users = new Map<string, { at: number; user: Promise<SessionUser | null> }>();
  private registry: BoardRegistry | null = null;
  private ready: Promise<void> = Promise.resolve();
  private sub: Cluster['redis'] | null = null;
  private reader: { stop(): void } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly storage: Pick<Storage, 'updatesAfter'>,
    private readonly leases: BoardLeases,
    private readonly sessions: { sessionUser(userId: string): Promise<SessionUser | null> },
    private readonly log: Logger,
    private readonly timings: HostTimings = DEFAULT_TIMINGS,
  ) {
    this.forwarding = new Forwarding(cluster.nodeId, cluster.redis, log, timings.forwardTimeoutMs);
  }

  /** Starts listening (boards are claimed only once this is done). */
  start(registry: BoardRegistry): void {
    this.registry = registry;
    this.ready = (async () => {
      const sub = await this.cluster.newConnection();
      this.sub = sub;
      await this.forwarding.listen(sub, (req) => this.onForwarded(req));
      this.reader = readStreams(
        await this.cluster.newConnection(),
        this.log,
        () => this.followed().map((e) => ({ boardId: e.boardId, from: e.streamId })),
        (boardId, id, entry) => this.onStreamEntry(boardId, id, entry),
        () => this.followed().forEach((e) => this.repair(e)),
      );
      this.timer = setInterval(() => void this.tick(), this.timings.renewMs);
      this.timer.unref();
    })();
    this.ready.catch((err: unknown) => this.log.error('could not join the other nodes', { err }));
  }

  /** After the registry closed its boards (leases released): stops the loops. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.reader?.stop();
    this.forwarding.stop();
  }

  /** Whether this node owns the board now (board jobs run on the owner only: server/cluster/jobs.ts). */
  owns(boardId: string): boolean {
    return this.entries.get(boardId)?.role === 'owner';
  }

  async claim(boardId: string): Promise<BoardClaim> {
    await this.ready;
    const { nodeId } = this.cluster;
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = await this.leases.take(boardId, nodeId, this.timings.leaseMs);
      if (token !== null) return this.claimed(boardId, 'owner', token, nodeId, '0-0');
      // Where the owner's stream is now, before storage is read: nothing after it is missed.
      const streamId = await lastStreamId(this.cluster.redis, boardId);
      const [state] = await this.leases.inspect([boardId]);
      if (state?.live && state.nodeId !== null && state.token !== null) {
        return this.claimed(boardId, 'follower', state.token, state.nodeId, streamId);
      }
      // The lease ran out between the two reads: try to take it again.
    }
    throw new Error(`could not claim board ${boardId}`);
  }

  async detach(board: LiveBoard): Promise<void> {
    const e = this.entries.get(board.id);
    if (!e || e.board !== board) return;
    this.entries.delete(board.id);
    e.stopAwareness?.();
    const wasOwner = e.role === 'owner';
    e.role = 'gone';
    if (wasOwner) {
      // Released, not left to run out: a node with clients for the board takes it at once.
      await this.leases
        .release(board.id, e.token)
        .catch((err: unknown) => this.log.warn('could not release a board lease', { board: board.id, err }));
    }
  }

  private claimed(
    boardId: string,
    role: 'owner' | 'follower',
    token: number,
    ownerNode: string,
    streamId: string,
  ): BoardClaim {
    const e: Entry = {
      boardId,
      role,
      token,
      ownerNode,
      board: null,
      renewedAt: Date.now(),
      log: null,
      streamId,
      behind: 0,
      held: false,
      inbound: Promise.resolve(),
      stopAwareness: null,
    };
    // Registered now so the lease is renewed while the board loads.
    this.entries.set(boardId, e);
    this.log.debug(role === 'owner' ? 'board owned' : 'board followed', { board: boardId, token, owner: ownerNode });
    return {
      owner: role === 'owner',
      attach: (board, lastSeq) => {
        // Lost while loading (a lease not renewed): fail the load; the client tries again.
        if (e.role === 'gone') throw new Error(`board ${boardId} was handed over while loading`);
        e.board = board;
        if (role === 'follower') e.log = new FollowerLog(token, lastSeq, (seq, update) => this.apply(e, seq, update));
        board.attachCluster(this.link(e));
        e.stopAwareness = relayAwareness(board, {
          nodeId: this.cluster.nodeId,
          redis: this.cluster.redis,
          sub: this.sub!,
          log: this.log,
        });
      },
      abandon: async () => {
        if (this.entries.get(boardId) === e) this.entries.delete(boardId);
        if (e.role === 'owner') await this.leases.release(boardId, token).catch(() => {});
        e.role = 'gone';
      },
    };
  }

  private link(e: Entry): ClusterLink {
    return {
      fence: () => (e.role === 'owner' ? { token: e.token } : null),
      durable: (seq, update) =>
        void publishUpdate(this.cluster.redis, this.log, e.boardId, { seq, token: e.token, update }),
      fencedOut: () => this.lose(e, 'fenced out'),
      forward: (update, user, origin) => {
        if (e.role !== 'follower') return Promise.resolve(TRY_AGAIN);
        const u = Buffer.from(update).toString('base64');
        return this.forwarding.send(e.ownerNode, {
          board: e.boardId,
          token: e.token,
          user: user?.id ?? null,
          origin,
          u,
        });
      },
    };
  }

  /** This node no longer serves the board as it did: its clients here reconnect and load it again. */
  private lose(e: Entry, why: string): void {
    if (e.role === 'gone') return;
    this.log.warn('board handed over', { board: e.boardId, was: e.role, why });
    e.role = 'gone';
    if (e.board && this.registry) void this.registry.evict(e.board, CloseCode.tryAgain, 'try again');
    else if (this.entries.get(e.boardId) === e) this.entries.delete(e.boardId);
  }

  private followed(): Entry[] {
    return [...this.entries.values()].filter((e) => e.role === 'follower' && e.board !== null);
  }

  // --- The owner's side ---

  /** A follower's write: through this board's gate, as its user (read here) or as a server change. */
  private onForwarded(req: ForwardRequest): Promise<ForwardResult> {
    const e = this.entries.get(req.board);
    if (!e || e.role !== 'owner' || e.token !== req.token || !e.board) return Promise.resolve(TRY_AGAIN);
    const board = e.board;
    const update = Buffer.from(req.u, 'base64');
    if (req.user === null) {
      if (req.origin?.source !== 'server')
        return Promise.resolve({ ok: false, code: CloseCode.writeRefused, reason: 'invalid' });
      const origin = req.origin;
      return board
        .serverChange((staging) => Y.applyUpdate(staging, update), origin)
        .then((ok): ForwardResult =>
          ok ? { ok: true } : { ok: false, code: CloseCode.writeRefused, reason: 'invalid' },
        );
    }
    // In arrival order: the submit of one write must not overtake an earlier one's user lookup.
    const userId = req.user;
    const result = e.inbound.then(async (): Promise<() => Promise<ForwardResult>> => {
      let user: SessionUser | null;
      try {
        user = await this.userOf(userId);
      } catch {
        // Storage unreachable is not a signed-out user: the writer retries, as after a failed append.
        return () => Promise.resolve(STORAGE_ERROR);
      }
      if (!user) return () => Promise.resolve({ ok: false, code: CloseCode.unauthorized, reason: 'session ended' });
      const done = this.submitAs(e, board, update, user, `${req.from}/${req.id}`);
      return () => done;
    });
    e.inbound = result.catch(() => {});
    return result.then((wait) => wait());
  }

  private async submitAs(
    e: Entry,
    board: LiveBoard,
    update: Uint8Array,
    user: SessionUser,
    connectionId: string,
  ): Promise<ForwardResult> {
    let refused: ForwardResult | null = null;
    const peer: BoardPeer = {
      origin: { source: 'connection', connectionId },
      awarenessIds: new Set(),
      user,
      send: () => {},
      close: (code, reason) => {
        refused ??= { ok: false, code, reason };
      },
    };
    await board.submitUpdate(update, peer);
    if (refused) return refused;
    // The board closed under it (handed over): nothing was stored.
    return e.role === 'owner' ? { ok: true } : TRY_AGAIN;
  }

  private userOf(userId: string): Promise<SessionUser | null> {
    const now = Date.now();
    const hit = this.users.get(userId);
    if (hit && now - hit.at < USER_CACHE_MS) return hit.user;
    const user = this.sessions.sessionUser(userId);
    this.users.set(userId, { at: now, user });
    // A failed read is not remembered.
    user.catch(() => this.users.delete(userId));
    if (this.users.size > 10_000) this.users.clear();
    return user;
  }

  // --- The follower's side ---

  private onStreamEntry(boardId: string, id: string, entry: StreamEntry): void {
    const e = this.entries.get(boardId);
    if (!e || e.role !== 'follower') return;
    e.streamId = id;
    this.follow(e, entry);
  }

  private follow(e: Entry, entry: StreamEntry): void {
    const next = e.log?.offer(entry);
    if (next === 'newer-owner') this.lose(e, 'owner changed');
    else if (next === 'gap') void this.readGap(e);
  }

  private apply(e: Entry, seq: number, update: Uint8Array): boolean {
    if (!e.board || e.role !== 'follower') return false;
    try {
      Y.applyUpdate(e.board.doc, update, FOLLOWED);
      return true;
    } catch (err) {
      this.log.error('a followed update did not integrate', { board: e.boardId, seq, err });
      this.lose(e, 'update did not integrate');
      return false;
    }
  }

  /** Redis was away, or the log head is ahead of us: read what we lack from PostgreSQL. */
  private repair(e: Entry): void {
    if (e.log?.startRepair()) void this.readGap(e);
  }

  private async readGap(e: Entry): Promise<void> {
    const log = e.log;
    if (!log || e.role !== 'follower') return;
    let rows: Awaited<ReturnType<Storage['updatesAfter']>> = null;
    try {
      rows = await this.storage.updatesAfter(e.boardId, log.lastSeq);
      // Compacted past what we hold: load the board again.
      if (rows === null) return this.lose(e, 'compacted past the follower');
      e.behind = 0;
    } catch (err) {
      this.log.warn('could not catch up a followed board (retried)', { board: e.boardId, err });
    }
    const before = log.lastSeq;
    if (e.role !== 'follower' || log.repaired(rows) !== 'gap') return;
    // Read again while that helps; else leave it to the next entry or the next check.
    if (log.lastSeq > before) void this.readGap(e);
    else log.repaired(null);
  }

  // --- Every second: renew what we own, check who owns what we follow ---

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await Promise.all([this.renewOwned(), this.checkFollowed(), this.holdForFollowers()]);
    } finally {
      this.ticking = false;
    }
  }

  private async renewOwned(): Promise<void> {
    const owned = [...this.entries.values()].filter((e) => e.role === 'owner');
    if (owned.length === 0) return;
    const started = Date.now();
    try {
      const held = owned.map((e) => ({ boardId: e.boardId, token: e.token }));
      const renewed = new Set(await this.leases.renew(this.cluster.nodeId, held, this.timings.leaseMs));
      for (const e of owned) {
        if (renewed.has(e.boardId)) e.renewedAt = started;
        else this.lose(e, 'lease lost');
      }
    } catch (err) {
      // PostgreSQL unreachable: writes fail anyway; once the lease may have run out, stop.
      this.log.warn('could not renew board leases', { err });
      for (const e of owned) if (Date.now() - e.renewedAt >= this.timings.leaseMs) this.lose(e, 'lease not renewed');
    }
  }

  /**
   * An owner keeps a board loaded while other nodes follow it (they are subscribed to its
   * presence channel), even with no clients of its own: unloading would release the lease and
   * make every follower's clients reconnect. One reference, taken and given back here.
   */
  private async holdForFollowers(): Promise<void> {
    const owned = [...this.entries.values()].filter((e) => e.role === 'owner' && e.board !== null);
    if (owned.length === 0 || !this.registry) return;
    let counts: Record<string, number>;
    try {
      counts = await this.cluster.redis.pubSubNumSub(owned.map((e) => awarenessChannel(e.boardId)));
    } catch {
      return; // Redis away: keep things as they are
    }
    for (const e of owned) {
      const followed = (counts[awarenessChannel(e.boardId)] ?? 0) > 1;
      if (followed === e.held || e.role !== 'owner' || !e.board) continue;
      e.held = followed;
      if (!followed) {
        this.registry.release(e.board);
        continue;
      }
      let board: LiveBoard;
      try {
        board = await this.registry.acquire(e.boardId);
      } catch {
        e.held = false; // the node is closing
        continue;
      }
      // Reloaded meanwhile (not the board this entry owns): give that reference back.
      if (board !== e.board) {
        e.held = false;
        this.registry.release(board);
      }
    }
  }

  private async checkFollowed(): Promise<void> {
    const followed = this.followed();
    if (followed.length === 0) return;
    try {
      const states = await this.leases.inspect(followed.map((e) => e.boardId));
      for (const s of states) {
        const e = this.entries.get(s.boardId);
        if (!e || e.role !== 'follower') continue;
        // The owner died, left or was replaced: its clients' node (or ours) takes over.
        if (!s.live || s.token !== e.token) this.lose(e, s.live ? 'owner changed' : 'owner lease expired');
        else if (s.lastSeq > (e.log?.lastSeq ?? s.lastSeq) && ++e.behind >= 2) this.repair(e);
        else if (s.lastSeq <= (e.log?.lastSeq ?? 0)) e.behind = 0;
      }
    } catch (err) {
      this.log.warn('could not check followed boards', { err });
    }
  }
}
