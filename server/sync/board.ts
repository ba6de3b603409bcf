import * as random from 'lib0/random';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import { awarenessMessage, syncStep2Message, updateMessage } from './protocol.js';

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
 * the resulting update is stored and then applied like a peer's. Resolves true when there
 * was something to write and it is stored and applied.
 */
export type CommitServerChange = (build: (staging: Y.Doc) => void, origin: TransactionOrigin) => Promise<boolean>;

/**
 * Checks peers' updates after they are stored and applied (the delegation matrix), and may
 * write compensating server changes through `commit` before the next update is handled.
 */
export interface UpdateGuard {
  /** Called right before a peer's update is applied to the live doc. */
  beforePeerUpdate(from: BoardPeer): void;
  /** Called right after; runs inside the board's queue. */
  afterPeerUpdate(from: BoardPeer, commit: CommitServerChange): Promise<void>;
  dispose(): void;
}

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
  private fullStateMessage: Uint8Array | null = null;
  private lastSeq: number;
  private logLength: number;
  private closed = false;
  private guard: UpdateGuard | null = null;
  /** Client id of the server's own writes on this board (stable while it is loaded). */
  private readonly serverClientId = randomClientId();

  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    state: { lastSeq: number; logLength: number },
    private readonly storage: Storage,
    private readonly opts: { compactEvery: number; log: Logger },
  ) {
    this.lastSeq = state.lastSeq;
    this.logLength = state.logLength;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Audit of a write refused before it was stored (the values are never logged). */
  recordRejection(r: { userId: string; reason: string }): void {
    this.storage
      .appendAudit({
        at: Date.now(),
        userId: r.userId,
        boardId: this.id,
        cardId: null,
        action: 'rejected_write',
        detail: { reason: r.reason },
      })
      .catch((err: unknown) => this.opts.log.warn('could not audit a rejected write', { board: this.id, err }));
  }

  setGuard(guard: UpdateGuard | null): void {
    this.guard?.dispose();
    this.guard = guard;
  }

  /** Number of logged updates not folded into the snapshot yet. */
  get pendingLogLength(): number {
    return this.logLength;
  }

  /** Sync step 2 for a client: cached when the client has nothing (the reconnect-storm case). */
  syncStep2For(stateVector: Uint8Array, emptyState: boolean): Uint8Array {
    if (!emptyState) return syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector));
    this.fullStateMessage ??= syncStep2Message(Y.encodeStateAsUpdate(this.doc));
    return this.fullStateMessage;
  }

  /**
   * Durability rule: append to storage first, then apply (which relays to the other peers).
   * The chain keeps the order of arrival even with an asynchronous store.
   */
  submitUpdate(update: Uint8Array, from: BoardPeer): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return;
      let seq: number;
      try {
        seq = await this.storage.appendUpdate(this.id, update);
      } catch (err) {
        // Not stored means not applied: the sender keeps the edit and resends on reconnect.
        this.opts.log.error('could not store update; closing connection', { board: this.id, err });
        from.close(1011, 'storage error');
        return;
      }
      this.lastSeq = seq;
      this.logLength++;
      let applied = false;
      try {
        this.guard?.beforePeerUpdate(from);
        Y.applyUpdate(this.doc, update, from.origin);
        applied = true;
      } catch (err) {
        // Stored and replayed the same way on load (skipped there too), so memory and disk agree.
        this.opts.log.warn('update did not integrate', { board: this.id, seq, err });
        from.close(4400, 'invalid update');
      }
      // Compensating writes happen before the next update is handled, so they restore
      // exactly the values from before this update.
      if (applied && this.guard) await this.guard.afterPeerUpdate(from, this.commitNow);
      if (this.logLength >= this.opts.compactEvery) await this.compactNow();
    });
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
    const seq = await this.storage.appendUpdate(this.id, update);
    this.lastSeq = seq;
    this.logLength++;
    Y.applyUpdate(this.doc, update, origin);
    return true;
  };

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
    this.setGuard(null);
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
    const next = this.queue.then(task).catch((err: unknown) => {
      this.opts.log.error('board task failed', { board: this.id, err });
    });
    this.queue = next;
    return next;
  }

  private async compactNow(): Promise<void> {
    if (this.logLength === 0) return;
    // The live doc is the replay of snapshot + log up to lastSeq; encode it synchronously
    // together with lastSeq so later appends (seq > lastSeq) are never deleted.
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const upto = this.lastSeq;
    const folded = this.logLength;
    await this.storage.compact(this.id, snapshot, upto);
    this.logLength -= folded;
    this.opts.log.debug('compacted board', { board: this.id, uptoSeq: upto, bytes: snapshot.length });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateMessage = null;
    const message = updateMessage(update);
    for (const peer of this.peers) if (peer.origin !== origin) peer.send(message);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.peers.size === 0) return;
    // Everyone, the sender included: y-websocket clients treat their own echo as a keep-alive.
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const peer of this.peers) peer.send(message);
  };
}

/** Same as Yjs' own choice of client ids: a random unsigned 32-bit number. */
function randomClientId(): number {
  return random.uint32();
}
