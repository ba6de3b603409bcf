import * as random from 'lib0/random';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Logger } from '../logging.js';
import type { Phase } from '../../shared/model/phase.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import type { DelegationMatrix } from '../../shared/rules/delegation.js';
import { DEFAULT_SWAP_SETTINGS, type SwapSettings } from '../../shared/model/swaps.js';
import {
  refusalReason,
  type CardTransition,
  type FreeItemTransition,
  type Refusal,
} from '../../shared/rules/writeRules.js';
import { FencedOutError, type BoardFence, type Storage } from '../storage/types.js';
import {
  awarenessMessage,
  deflatedSyncMessage,
  syncStep2Message,
  updateMessage,
  type DecodedUpdate,
} from './protocol.js';
import { SYNC_DEFLATE_MIN_BYTES } from '../../shared/protocol/deflatedSync.js';
import { FieldMemory, settleEdits, settlementsFor } from './concurrentEdits.js';
import { WriteGate } from './writeGate.js';

/** What a board needs from a connection. */
export interface BoardPeer {
  /** Transaction origin of this peer's updates; identity is what matters. */
  readonly origin: object;
  readonly awarenessIds: Set<number>;
  /** Who is behind the peer (absent for in-process test peers). */
  readonly user?: SessionUser;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * Writes a server change: `build` edits a staging copy of the doc (never the live one), and
 * the resulting update goes through the write gate, is stored and then applied like a
 * peer's. Resolves true when there was something to write and it is stored and applied.
 */
export type CommitServerChange = (build: (staging: Y.Doc) => void, origin: TransactionOrigin) => Promise<boolean>;

/** What a board does around its write gate: where the rules' inputs come from, who hears of what. */
export interface WritePolicy {
  /** The municipality's delegation matrix now (read on demand, so a changed setting applies at once). */
  matrix(): Promise<DelegationMatrix>;
  /** The municipality's bytteydelser settings now (the defaults when absent). */
  swapSettings?(): Promise<SwapSettings>;
  /** Which of these local offer ids the municipality's directory has (none when absent). */
  knownOffers?(ids: string[]): Promise<ReadonlySet<string>>;
  /** After a peer's update is stored and applied: the cards it touched (the audit log's source). */
  onApplied?(user: SessionUser, cards: CardTransition[], phases: readonly Phase[]): Promise<void>;
  /** After a peer's update was refused (already audited and the sender disconnected). */
  onRefused?(user: SessionUser, refusal: Refusal): void;
  /** After a peer's update that touched the free area is stored and applied (its audit). */
  onFreeArea?(user: SessionUser, items: FreeItemTransition[]): void;
}

/**
 * This node's part in a board that several nodes serve (server/cluster/, docs/multi-node.md).
 * A board without one is served by this process alone, exactly as before.
 */
export interface ClusterLink {
  /** The owner's lease token every append and compaction carries; null on a follower (or an owner fenced out). */
  fence(): BoardFence | null;
  /** Owner: an append is durable at `seq`; the other nodes hear of it. */
  durable(seq: number, update: Uint8Array): void;
  /** Owner: storage refused a write under our token; another node owns the board now. */
  fencedOut(): void;
  /**
   * Follower: a write goes to the owner's gate (a person's, or with `origin` a server change).
   * Resolves once it is durable on the owner, or with the close the writer gets.
   */
  forward(update: Uint8Array, user: SessionUser | null, origin: TransactionOrigin | null): Promise<ForwardResult>;
}

export type ForwardResult = { ok: true } | { ok: false; code: number; reason: string };

/**
 * Presence relays per board at most this often (issue #15, the hot board): a dragging user
 * sends awareness at ~30 Hz to every peer. The first change after a quiet spell goes out at
 * once; changes within the window are sent together at its end, each client's latest state.
 * 80 ms is 12.5 relays a second, under the issue's 15/s and smoother than Liveblocks' default
 * of 100 ms; at 50 ms (20/s) the hot board's 60 clients got a third more presence frames.
 */
export const AWARENESS_WINDOW_MS = 80;

/**
 * Work a board does on load that reads every card (the Styring facts) waits until its first
 * client has been sent the board, or this long when nobody asks (issue #15, the big board:
 * it was a third of "load from storage" for a 2,000-card board).
 */
export const AFTER_FIRST_SYNC_FALLBACK_MS = 500;

/**
 * A board nobody has written to for this long gives its write gate's staging copy back (a
 * second copy of the doc): most boards are written a few times an hour and read all day.
 * The next write makes a new copy (a few milliseconds for a team's board).
 */
export const GATE_IDLE_MS = 60_000;

/**
 * The board's whole state as bytes (and the messages made of it) is kept this long after a
 * new client last asked for it: a reconnect storm's clients of one board all ask within a few
 * seconds and share one encoding, while a board that is only read (a wall screen's) does not
 * hold a second copy of itself as bytes all day (issue #15, heap per loaded board).
 */
export const FULL_STATE_KEEP_MS = 10_000;

/** Refused updates one user may cause per minute before their updates are refused unread (default). */
const REFUSALS_PER_MINUTE = 10;

/** Before a board's policy is attached (tests, or a board without a municipality) nothing is delegated. */
const NO_POLICY: WritePolicy = {
  matrix: () => Promise.reject(new Error('board has no write policy')),
};

/**
 * One board in memory: the authoritative Y.Doc, its awareness, the connected peers and a
 * promise chain that serialises storage writes so updates are durable in arrival order.
 */
export class LiveBoard {
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<BoardPeer>();
  /** Awareness clientID → owning peer (first claim wins). */
  readonly awarenessOwners = new Map<number, BoardPeer>();
  /** Reference count held by the registry (connections, including ones still upgrading). */
  refs = 0;
  unloadTimer: NodeJS.Timeout | null = null;

  private queue: Promise<void> = Promise.resolve();
  /** The whole board as one update, and the messages made of it (all dropped by any change). */
  private fullState: Uint8Array | null = null;
  private fullStateMessage: Uint8Array | null = null;
  private fullStateDeflated: Uint8Array | null = null;
  /** When a new client last asked for the full state, and the timer that drops it after FULL_STATE_KEEP_MS. */
  private fullStateAskedAt = 0;
  private fullStateTimer: NodeJS.Timeout | null = null;
  private lastSeq: number;
  private logLength: number;
  /**
   * What this doc is known to hold of storage, for a cheap compaction (storage CompactHint):
   * the stored snapshot it came from (null: unknown, storage folds), every seq up to
   * `knownUpto`, and the seqs this board appended since.
   */
  private basis: string | null;
  private knownUpto: number;
  private readonly appended = new Set<number>();
  private closed = false;
  private policy: WritePolicy = NO_POLICY;
  private link: ClusterLink | null = null;
  /** When each user's recent updates were refused (see REFUSALS_PER_MINUTE). */
  private readonly refusals = new Map<string, number[]>();
  private readonly gate: WriteGate;
  /** Recent field values' authors and replaced texts, for settling concurrent edits. */
  private readonly fields = new FieldMemory();
  /** Client id of the server's own writes on this board (stable while it is loaded). */
  private readonly serverClientId = randomClientId();
  /** Awareness clients changed since the last relay, and the window that holds them back. */
  private readonly awarenessPending = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  /** Tasks waiting for the first client to have the board (afterFirstSync), and their fallback timer. */
  private firstSyncTasks: (() => void)[] | null = [];
  private firstSyncTimer: NodeJS.Timeout | null = null;
  /** Tasks in the board's queue not finished yet, and the timer that frees an idle gate's copy. */
  private queued = 0;
  private gateIdleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    state: {
      lastSeq: number;
      logLength: number;
      basis?: string | null;
      /**
       * The stored update the doc was loaded from when it is the whole of it (a snapshot
       * with no log after it): a new client is sent these bytes instead of an encoding of
       * the doc, which for a big board costs as much as loading it.
       */
      fullState?: Uint8Array | null;
    },
    private readonly storage: Storage,
    private readonly opts: { compactEvery: number; log: Logger; refusalsPerMinute?: number },
  ) {
    this.lastSeq = state.lastSeq;
    this.logLength = state.logLength;
    this.basis = state.basis ?? null;
    this.knownUpto = state.lastSeq;
    this.fullState = state.fullState ?? null;
    if (this.fullState !== null) this.keepFullState();
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.gate = new WriteGate(
      doc,
      () => this.policy.matrix(),
      () => this.policy.swapSettings?.() ?? Promise.resolve(DEFAULT_SWAP_SETTINGS),
      this.serverClientId,
      (ids) => this.policy.knownOffers?.(ids) ?? Promise.resolve(new Set<string>()),
    );
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Audit of a write refused before it reached the board (`write_rejected`, like the gate's
   * refusals: role, code and where, never values).
   */
  recordRejection(r: { user: SessionUser; code: Refusal['code']; path: string; cardId?: string }): void {
    this.storage
      .appendAudit({
        at: Date.now(),
        userId: r.user.id,
        boardId: this.id,
        cardId: r.cardId ?? null,
        action: 'write_rejected',
        detail: { role: r.user.role, code: r.code, path: r.path },
      })
      .catch((err: unknown) => this.opts.log.warn('could not audit a rejected write', { board: this.id, err }));
  }

  /** Joins the board to the other nodes serving it (before anyone uses it). */
  attachCluster(link: ClusterLink): void {
    this.link = link;
  }

  /** True when another node owns the board: writes go there (ClusterLink.forward). */
  private get following(): boolean {
    return this.link !== null && this.link.fence() === null;
  }

  setPolicy(policy: WritePolicy | null): void {
    this.policy = policy ?? NO_POLICY;
  }

  /** Whether the write gate holds its staging copy (GATE_IDLE_MS; diagnostics, tests). */
  get gateHoldsCopy(): boolean {
    return this.gate.holdsCopy;
  }

  /** Number of logged updates not folded into the snapshot yet. */
  get pendingLogLength(): number {
    return this.logLength;
  }

  /**
   * Sync step 2 for a client: cached when the client has nothing (the reconnect-storm case),
   * and deflated when it is big and the client can inflate it (`deflate`, protocol/deflatedSync.ts).
   */
  syncStep2For(stateVector: Uint8Array, emptyState: boolean, deflate = false): Uint8Array {
    // The caller sends it at once; what waited for a first client runs after that.
    if (this.firstSyncTasks !== null) setImmediate(this.runFirstSyncTasks);
    if (!emptyState) return syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.keepFullState();
    this.fullState ??= Y.encodeStateAsUpdate(this.doc);
    if (deflate && this.fullState.byteLength >= SYNC_DEFLATE_MIN_BYTES) {
      this.fullStateDeflated ??= deflatedSyncMessage(this.fullState);
      return this.fullStateDeflated;
    }
    if (this.fullStateMessage === null) {
      this.fullStateMessage = syncStep2Message(this.fullState);
      // The message ends with the state: keep that view of it rather than a second copy.
      this.fullState = this.fullStateMessage.subarray(this.fullStateMessage.byteLength - this.fullState.byteLength);
    }
    return this.fullStateMessage;
  }

  /** Keeps the cached full state FULL_STATE_KEEP_MS from now; one timer, re-armed only when it fires early. */
  private keepFullState(): void {
    this.fullStateAskedAt = Date.now();
    if (this.fullStateTimer !== null || this.closed) return;
    const expire = (): void => {
      const left = this.fullStateAskedAt + FULL_STATE_KEEP_MS - Date.now();
      if (left > 0 && !this.closed) {
        this.fullStateTimer = setTimeout(expire, left);
        this.fullStateTimer.unref();
        return;
      }
      this.fullStateTimer = null;
      this.fullState = this.fullStateMessage = this.fullStateDeflated = null;
    };
    this.fullStateTimer = setTimeout(expire, FULL_STATE_KEEP_MS);
    this.fullStateTimer.unref();
  }

  /**
   * Runs `task` once the board's first client has been sent the board (or after
   * AFTER_FIRST_SYNC_FALLBACK_MS): for load-time work that reads every card and need not
   * hold up the people waiting to see it. At once if that moment has passed.
   */
  afterFirstSync(task: () => void): void {
    if (this.firstSyncTasks === null) return task();
    this.firstSyncTasks.push(task);
    this.firstSyncTimer ??= setTimeout(this.runFirstSyncTasks, AFTER_FIRST_SYNC_FALLBACK_MS);
    this.firstSyncTimer.unref();
  }

  private readonly runFirstSyncTasks = (): void => {
    const tasks = this.firstSyncTasks;
    if (tasks === null) return;
    this.firstSyncTasks = null;
    if (this.firstSyncTimer) clearTimeout(this.firstSyncTimer);
    this.firstSyncTimer = null;
    if (this.closed) return;
    for (const task of tasks) task();
  };

  /**
   * The write path of a peer's update: the gate decides (schema, limits, write rules) on a
   * staging copy, then the update is appended to storage, then applied (which relays it to
   * the other peers). A refused update is stored nowhere and relayed to nobody; the sender
   * is told why and disconnected. The chain keeps the order of arrival.
   */
  submitUpdate(update: Uint8Array, from: BoardPeer, decoded?: DecodedUpdate): Promise<void> {
    if (this.following) return this.forwardUpdate(update, from);
    return this.enqueue(async () => {
      if (this.closed) return;
      if (from.user && this.refusedTooOften(from.user.id)) return this.refuse(from, { code: 'rate', path: 'refusals' });
      let verdict: Awaited<ReturnType<WriteGate['check']>>;
      try {
        verdict = await this.gate.check(update, from.user ?? null, decoded);
      } catch (err) {
        // The rules' inputs (the municipality's settings) could not be read: not stored, and
        // the sender is told so, as for a failed append (it resends on reconnect).
        this.gate.discard();
        this.opts.log.error('could not check update; closing connection', { board: this.id, err });
        return from.close(1011, 'storage error');
      }
      if (!verdict.ok) return this.refuse(from, verdict.refusal);
      try {
        await this.append(update);
      } catch (err) {
        // Not stored means not applied: the sender keeps the edit and resends on reconnect.
        this.gate.discard();
        if (err instanceof FencedOutError) return from.close(CloseCode.tryAgain, 'try again');
        this.opts.log.error('could not store update; closing connection', { board: this.id, err });
        from.close(1011, 'storage error');
        return;
      }
      this.fields.rememberReplaced(this.doc, verdict.fieldWrites);
      this.applyToLive(update, from.origin);
      if (from.user) await this.settle(from.user, verdict.fieldWrites, verdict.edits);
      if (from.user && this.policy.onApplied && verdict.cards.length > 0) {
        // Audit rows and Styring events follow the update into the next group commit; the
        // board's next update need not wait for their fsync (what it relays is already durable).
        this.policy
          .onApplied(from.user, verdict.cards, verdict.phases)
          .catch((err: unknown) => this.opts.log.error('after-update writes failed', { board: this.id, err }));
      }
      if (from.user && verdict.freeItems.length > 0) this.policy.onFreeArea?.(from.user, verdict.freeItems);
      if (this.logLength >= this.opts.compactEvery) await this.compactNow();
    });
  }

  /**
   * After a person's update reached the live doc: remember who wrote the fields, and settle
   * the fields they set without having seen the value the server held (concurrentEdits.ts,
   * the rule in shared/rules/conflicts.ts): the server writes the value that stays and, for
   * a conflict, the record that tells the writer. Runs in the queue, before any later update.
   */
  private async settle(
    user: SessionUser,
    writes: readonly { cardId: string; field: string }[],
    edits: Parameters<typeof settlementsFor>[0],
  ): Promise<void> {
    const now = new Date();
    // A value Yjs ordered before the one held is not the field's value: it has no author to remember.
    const lostToYjs = new Set(edits.filter((e) => !e.mineWon).map((e) => `${e.cardId}.${e.field}`));
    const held = writes.filter((w) => !lostToYjs.has(`${w.cardId}.${w.field}`));
    this.fields.rememberAuthor(this.doc, held, { by: user.id, byName: user.name, at: now.toISOString() });
    if (edits.length === 0) return;
    const settlements = settlementsFor(edits, this.doc, this.fields, user, now);
    if (settlements.length === 0) return;
    this.fields.rememberReplaced(this.doc, settlements);
    // Written on the gate's staging copy, not a copy of the board: a hostile client's stale
    // edits can make these as frequent as its updates. Stored before it is applied, as always.
    const origin = { source: 'server', reason: 'conflict' } as const;
    const update = await this.gate.stageServerChange((staging) => settleEdits(staging, settlements), origin);
    if (update === null) return;
    try {
      await this.append(update);
    } catch (err) {
      this.gate.discard();
      throw err;
    }
    this.applyToLive(update, origin);
    // The value the server wrote back is the kept one's (or, merged, the writer's).
    for (const s of settlements) {
      const author = s.conflict ? s.conflict.kept : { by: user.id, byName: user.name, at: now.toISOString() };
      this.fields.rememberAuthor(this.doc, [s], { by: author.by, byName: author.byName, at: author.at });
    }
  }

  /** The gate accepted it, so it integrates; if Yjs still throws, the staging copy starts over. */
  private applyToLive(update: Uint8Array, origin: unknown): void {
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (err) {
      this.gate.discard();
      this.opts.log.error('an accepted update did not integrate', { board: this.id, err });
    }
  }

  /**
   * A refusal costs a rebuild of the gate's staging copy (a copy of the board), so someone
   * whose updates keep being refused is refused unread for a while instead.
   */
  private refusedTooOften(userId: string): boolean {
    const now = Date.now();
    const recent = (this.refusals.get(userId) ?? []).filter((t) => now - t < 60_000);
    if (recent.length === 0) this.refusals.delete(userId);
    else this.refusals.set(userId, recent);
    return recent.length >= (this.opts.refusalsPerMinute ?? REFUSALS_PER_MINUTE);
  }

  private refuse(from: BoardPeer, refusal: Refusal): void {
    const user = from.user;
    if (user && refusal.code !== 'rate')
      this.refusals.set(user.id, [...(this.refusals.get(user.id) ?? []), Date.now()]);
    this.opts.log.warn('refused an update', { board: this.id, user: user?.id, code: refusal.code, path: refusal.path });
    if (user) {
      this.recordRejection({ user, ...refusal });
      this.policy.onRefused?.(user, refusal);
    }
    from.close(refusal.code === 'cpr' ? CloseCode.cprRejected : CloseCode.writeRefused, refusalReason(refusal));
  }

  /** Queues a server change (see CommitServerChange); same durability rule as peers' updates. */
  serverChange(build: (staging: Y.Doc) => void, origin: TransactionOrigin): Promise<boolean> {
    let result = false;
    return this.enqueue(async () => {
      if (this.closed) return;
      result = await this.commitNow(build, origin);
    }).then(() => result);
  }

  /**
   * Persist-before-relay for the server's own writes: the change is made on a staging copy
   * of the doc, its update stored, and only then applied to the live doc (which relays it).
   * Must run inside the queue. Server changes are rare (reverts, archiving), so copying
   * the doc is affordable; it keeps the live doc free of anything not yet on disk.
   */
  private readonly commitNow: CommitServerChange = async (build, origin) => {
    const staging = new Y.Doc({ gc: false });
    staging.clientID = this.serverClientId;
    Y.applyUpdate(staging, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(staging);
    staging.transact(() => build(staging), origin);
    const update = Y.encodeStateAsUpdate(staging, before);
    staging.destroy();
    const decoded = Y.decodeUpdate(update);
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return false;
    if (this.following) return this.commitForwarded(update, origin);
    // The server's own writes meet the same schema and limits (not the people's write rules).
    const verdict = await this.gate.check(update, null);
    if (!verdict.ok) {
      this.opts.log.error('refused a server change', { board: this.id, origin, ...verdict.refusal });
      return false;
    }
    try {
      await this.append(update);
    } catch (err) {
      this.gate.discard();
      throw err;
    }
    this.applyToLive(update, origin);
    return true;
  };

  /**
   * Appends under this node's lease token when several nodes serve the board, and tells the
   * others once it is durable (never before: persist before relay, on every node).
   */
  private async append(update: Uint8Array): Promise<number> {
    const fence = this.link?.fence();
    if (this.link && !fence) throw new FencedOutError(this.id);
    let seq: number;
    try {
      seq = await this.storage.appendUpdate(this.id, update, fence ?? undefined);
    } catch (err) {
      if (err instanceof FencedOutError) this.link?.fencedOut();
      throw err;
    }
    this.stored(seq);
    this.link?.durable(seq, update);
    return seq;
  }

  /** A follower's peer update: the owner decides; what it accepts comes back with its fan-out. */
  private async forwardUpdate(update: Uint8Array, from: BoardPeer): Promise<void> {
    if (this.closed || !this.link) return;
    // Only people's connections forward; the owner re-reads who they are (never trusts the wire).
    if (!from.user) return from.close(CloseCode.writeRefused, 'invalid');
    const reply = await this.link.forward(update, from.user, null);
    if (!reply.ok) from.close(reply.code, reply.reason);
  }

  /** A follower's server change, checked by the owner's gate like its own; durable when accepted. */
  private async commitForwarded(update: Uint8Array, origin: TransactionOrigin): Promise<boolean> {
    const reply = await this.link!.forward(update, null, origin);
    if (!reply.ok) {
      this.opts.log.error('the owner refused a server change', { board: this.id, origin, reason: reply.reason });
      return false;
    }
    this.applyToLive(update, origin);
    return true;
  }

  /** Folds the whole log into a new snapshot (no-op when the log is empty). */
  compact(): Promise<void> {
    return this.enqueue(() => this.compactNow());
  }

  /** Resolves when every update submitted so far is stored and applied. */
  flush(): Promise<void> {
    return this.enqueue(async () => {});
  }

  /** Compacts, closes remaining peers and frees the doc and awareness (timers included). */
  async shutdown(closeCode: number, reason: string): Promise<void> {
    if (this.closed) return;
    for (const peer of [...this.peers]) peer.close(closeCode, reason);
    await this.compact();
    this.closed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    if (this.firstSyncTimer) clearTimeout(this.firstSyncTimer);
    this.firstSyncTimer = null;
    this.firstSyncTasks = null;
    if (this.gateIdleTimer) clearTimeout(this.gateIdleTimer);
    this.gateIdleTimer = null;
    if (this.fullStateTimer) clearTimeout(this.fullStateTimer);
    this.fullStateTimer = null;
    this.gate.dispose();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  addPeer(peer: BoardPeer): void {
    this.peers.add(peer);
  }

  removePeer(peer: BoardPeer): void {
    if (!this.peers.delete(peer) || this.closed) return;
    for (const id of peer.awarenessIds) {
      if (this.awarenessOwners.get(id) === peer) this.awarenessOwners.delete(id);
    }
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], peer.origin);
  }

  /**
   * Runs `task` in the board's queue (after every update submitted so far, before any later
   * one), with `commit` to write server changes from inside it.
   */
  runExclusive(task: (commit: CommitServerChange) => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      if (!this.closed) await task(this.commitNow);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queued++;
    const next = this.queue
      .then(task)
      .catch((err: unknown) => {
        this.opts.log.error('board task failed', { board: this.id, err });
      })
      .finally(() => {
        if (--this.queued === 0) this.armGateIdle();
      });
    this.queue = next;
    return next;
  }

  /** After the queue runs dry: the gate's staging copy goes if nothing is queued GATE_IDLE_MS later. */
  private armGateIdle(): void {
    if (this.closed) return;
    if (this.gateIdleTimer) clearTimeout(this.gateIdleTimer);
    this.gateIdleTimer = setTimeout(() => {
      this.gateIdleTimer = null;
      // Only between tasks: a check in flight holds the copy.
      if (this.queued > 0 || this.closed) return;
      this.gate.discard();
    }, GATE_IDLE_MS);
    this.gateIdleTimer.unref();
  }

  /** An append of this board is durable at `seq`. */
  private stored(seq: number): void {
    this.lastSeq = seq;
    this.logLength++;
    this.appended.add(seq);
  }

  private async compactNow(): Promise<void> {
    // Only the owner compacts, under its token (docs/multi-node.md "Compaction").
    if (this.logLength === 0 || this.following) return;
    // Storage folds what it holds, not this doc (another node's rows are never dropped); it
    // takes this doc's encoding instead only when the database holds nothing the doc lacks.
    const known = this.knownUpto;
    const hint =
      this.basis === null
        ? undefined
        : {
            snapshot: Y.encodeStateAsUpdate(this.doc),
            basis: this.basis,
            contains: (seq: number) => seq <= known || this.appended.has(seq),
          };
    let result: Awaited<ReturnType<Storage['compact']>>;
    try {
      result = await this.storage.compact(this.id, hint, this.link?.fence() ?? undefined);
    } catch (err) {
      if (!(err instanceof FencedOutError)) throw err;
      return this.link?.fencedOut();
    }
    const { folded, uptoSeq, token } = result;
    // Everything this board appended is committed (the queue awaited it), so all of it folded.
    this.logLength = 0;
    this.appended.clear();
    this.basis = token;
    this.knownUpto = Math.max(known, uptoSeq);
    this.opts.log.debug('compacted board', { board: this.id, uptoSeq, folded, fromDoc: token !== null });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = null;
    this.fullStateMessage = null;
    this.fullStateDeflated = null;
    const message = updateMessage(update);
    for (const peer of this.peers) if (peer.origin !== origin) peer.send(message);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    for (const id of added) this.awarenessPending.add(id);
    for (const id of updated) this.awarenessPending.add(id);
    for (const id of removed) this.awarenessPending.add(id);
    // A departure is never held back; the first change after a quiet spell neither.
    if (removed.length > 0 || this.awarenessTimer === null) this.relayAwareness();
  };

  /** Sends the pending clients' current states (null for the departed) and opens a new window. */
  private relayAwareness(): void {
    if (this.awarenessPending.size > 0 && this.peers.size > 0) {
      const ids = [...this.awarenessPending];
      // Everyone, the sender included: y-websocket clients treat their own echo as a keep-alive.
      const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
      for (const peer of this.peers) peer.send(message);
    }
    const sent = this.awarenessPending.size > 0;
    this.awarenessPending.clear();
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    // After a relay the window stays open; a window that ends with nothing pending closes it.
    this.awarenessTimer = sent && !this.closed ? setTimeout(this.onAwarenessWindow, AWARENESS_WINDOW_MS) : null;
    this.awarenessTimer?.unref();
  }

  private readonly onAwarenessWindow = (): void => {
    this.awarenessTimer = null;
    if (this.awarenessPending.size > 0) this.relayAwareness();
  };
}

/** Same as Yjs' own choice of client ids: a random unsigned 32-bit number. */
function randomClientId(): number {
  return random.uint32();
}
