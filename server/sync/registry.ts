import { CloseCode } from '../../shared/protocol/limits.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import { LiveBoard } from './board.js';
import { maybeRebuildEpoch } from './epoch.js';
import { compactLoadedDoc, replayBoard } from './replay.js';

/**
 * Where a board is served when several nodes share the boards (server/cluster/boardHost.ts,
 * docs/multi-node.md). Without one this process is the only node and owns every board.
 */
export interface BoardHostSeam {
  /** Before a board is read from storage: this node's part in it (its owner, or a follower). */
  claim(boardId: string): Promise<BoardClaim>;
  /** After the board was shut down (its lease released, following stopped). */
  detach(board: LiveBoard): Promise<void>;
}

export interface BoardClaim {
  /** This node owns the board: it alone writes it (and may rebuild its epoch). */
  readonly owner: boolean;
  /** The board is loaded with every update up to `lastSeq`: join it to the other nodes. */
  attach(board: LiveBoard, lastSeq: number): void;
  /** Loading failed: give the claim back. */
  abandon(): Promise<void>;
}

export interface RegistryOptions {
  unloadGraceMs: number;
  compactEvery: number;
  /** See LiveBoard: refusals per user and minute before updates are refused unread. */
  refusalsPerMinute?: number;
  /** Rebuild into a new epoch on load above this many clientIDs (0 = off; see epoch.ts). */
  epochRebuildClientIds?: number;
  log: Logger;
  /** Called once a board is loaded, before anyone uses it (attach guards, start jobs). */
  onLoad?: (board: LiveBoard) => void;
  /** Called before a board is unloaded or the server stops (e.g. to archive). */
  beforeUnload?: (board: LiveBoard) => Promise<void>;
  /** Several nodes: who owns which board (absent: this process owns them all). */
  host?: BoardHostSeam;
}

/**
 * Keeps one LiveBoard per board id: loaded lazily on first acquire, unloaded (after a
 * compaction) `unloadGraceMs` after the last release. Concurrent acquires share one load,
 * and an acquire during an unload waits for it and then loads fresh from storage.
 */
export class BoardRegistry {
  private readonly boards = new Map<string, LiveBoard>();
  private readonly loading = new Map<string, Promise<LiveBoard>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private closing = false;

  constructor(
    private readonly storage: Storage,
    private readonly opts: RegistryOptions,
  ) {}

  get loadedCount(): number {
    return this.boards.size;
  }

  /** The boards in memory right now. */
  loaded(): LiveBoard[] {
    return [...this.boards.values()];
  }

  /**
   * Drops a board at once, without its before-unload work or a compaction by a node that no
   * longer owns it: its peers are closed with `code` (they reconnect and load it afresh).
   */
  evict(board: LiveBoard, code: number, reason: string): Promise<void> {
    if (this.boards.get(board.id) !== board) return this.unloading.get(board.id) ?? Promise.resolve();
    this.boards.delete(board.id);
    if (board.unloadTimer) clearTimeout(board.unloadTimer);
    board.unloadTimer = null;
    const done = board
      .shutdown(code, reason)
      .then(() => this.opts.host?.detach(board))
      .catch((err: unknown) => this.opts.log.error('board eviction failed', { board: board.id, err }))
      .finally(() => this.unloading.delete(board.id));
    this.unloading.set(board.id, done);
    return done;
  }

  /** Returns the live board with one more reference; pair every call with release(). */
  async acquire(boardId: string): Promise<LiveBoard> {
    if (this.closing) throw new Error('registry is closing');
    await this.unloading.get(boardId);
    let board = this.boards.get(boardId);
    if (!board) {
      let pending = this.loading.get(boardId);
      if (!pending) {
        pending = this.load(boardId).finally(() => this.loading.delete(boardId));
        this.loading.set(boardId, pending);
      }
      board = await pending;
    }
    board.refs++;
    if (board.unloadTimer) {
      clearTimeout(board.unloadTimer);
      board.unloadTimer = null;
    }
    return board;
  }

  release(board: LiveBoard): void {
    board.refs--;
    if (board.refs > 0 || this.closing || this.boards.get(board.id) !== board) return;
    board.unloadTimer = setTimeout(() => this.unload(board), this.opts.unloadGraceMs);
    board.unloadTimer.unref();
  }

  /** Server shutdown: closes every peer with `serverShutdown`, compacts and frees all boards. */
  async closeAll(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.loading.values()]);
    const boards = [...this.boards.values()];
    this.boards.clear();
    await Promise.allSettled([
      ...boards.map(async (b) => {
        await this.beforeUnload(b);
        await b.shutdown(CloseCode.serverShutdown, 'server shutting down');
        await this.opts.host?.detach(b);
      }),
      ...this.unloading.values(),
    ]);
  }

  private async load(boardId: string): Promise<LiveBoard> {
    const claim = await this.opts.host?.claim(boardId);
    try {
      return await this.loadClaimed(boardId, claim);
    } catch (err) {
      await claim?.abandon();
      throw err;
    }
  }

  private async loadClaimed(boardId: string, claim: BoardClaim | undefined): Promise<LiveBoard> {
    const stored = await this.storage.loadBoard(boardId);
    const log = this.opts.log.child({ board: boardId });
    const replayed = replayBoard(stored, log);
    const { lastSeq } = replayed;
    // Loaded with no peers yet: the one moment a rebuild cannot lose anyone's live edits.
    // Only the board's owner writes it, so only the owner rebuilds.
    const { doc, rebuilt } = await maybeRebuildEpoch(boardId, replayed.doc, lastSeq, {
      storage: this.storage,
      threshold: claim && !claim.owner ? 0 : (this.opts.epochRebuildClientIds ?? 0),
      log,
    });
    const logLength = rebuilt ? 0 : replayed.logLength;
    // A rebuilt doc is not the snapshot it was loaded from: no compaction hint until reloaded.
    const basis = rebuilt ? null : (stored.snapshotToken ?? null);
    // Loaded from a snapshot alone, the doc encodes to what the snapshot already says.
    const fullState = !rebuilt && stored.updates.length === 0 ? stored.snapshot : null;
    const board = new LiveBoard(boardId, doc, { lastSeq, logLength, basis, fullState }, this.storage, {
      compactEvery: this.opts.compactEvery,
      ...(this.opts.refusalsPerMinute ? { refusalsPerMinute: this.opts.refusalsPerMinute } : {}),
      log,
    });
    // Memory only, so after the first client has the board rather than before.
    board.afterFirstSync(() => compactLoadedDoc(doc));
    claim?.attach(board, lastSeq);
    this.opts.onLoad?.(board);
    this.boards.set(boardId, board);
    log.debug('board loaded', { updates: logLength });
    return board;
  }

  private async beforeUnload(board: LiveBoard): Promise<void> {
    try {
      await this.opts.beforeUnload?.(board);
    } catch (err) {
      this.opts.log.error('before-unload task failed', { board: board.id, err });
    }
  }

  private unload(board: LiveBoard): void {
    board.unloadTimer = null;
    if (board.refs > 0 || this.boards.get(board.id) !== board) return;
    this.boards.delete(board.id);
    const done = this.beforeUnload(board)
      .then(() => board.shutdown(CloseCode.serverShutdown, 'board unloaded'))
      .then(() => this.opts.host?.detach(board))
      .catch((err: unknown) => this.opts.log.error('board unload failed', { board: board.id, err }))
      .finally(() => this.unloading.delete(board.id));
    this.unloading.set(board.id, done);
    this.opts.log.debug('board unloaded', { board: board.id });
  }
}
