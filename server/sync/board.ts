import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import { awarenessMessage, syncStep2Message, updateMessage } from './protocol.js';

/** What a board needs from a connection. */
export interface BoardPeer {
  /** Transaction origin of this peer's updates; identity is what matters. */
  readonly origin: object;
  readonly awarenessIds: Set<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
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
      try {
        Y.applyUpdate(this.doc, update, from.origin);
      } catch (err) {
        // Stored and replayed the same way on load (skipped there too), so memory and disk agree.
        this.opts.log.warn('update did not integrate', { board: this.id, seq, err });
        from.close(4400, 'invalid update');
      }
      if (this.logLength >= this.opts.compactEvery) await this.compactNow();
    });
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
