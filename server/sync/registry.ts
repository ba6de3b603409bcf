import { CloseCode } from '../../shared/protocol/limits.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import { LiveBoard } from './board.js';
import { maybeRebuildEpoch } from './epoch.js';
import { replayBoard } from './replay.js';

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
      }),
      ...this.unloading.values(),
    ]);
  }

  private async load(boardId: string): Promise<LiveBoard> {
    const stored = await this.storage.loadBoard(boardId);
    const log = this.opts.log.child({ board: boardId });
    const replayed = replayBoard(stored, log);
    const { lastSeq } = replayed;
    // Loaded with no peers yet: the one moment a rebuild cannot lose anyone's live edits.
    const { doc, rebuilt } = await maybeRebuildEpoch(boardId, replayed.doc, lastSeq, {
      storage: this.storage,
      threshold: this.opts.epochRebuildClientIds ?? 0,
      log,
    });
    const logLength = rebuilt ? 0 : replayed.logLength;
    // A rebuilt doc is not the snapshot it was loaded from: no compaction hint until reloaded.
    const basis = rebuilt ? null : (stored.snapshotToken ?? null);
    const board = new LiveBoard(boardId, doc, { lastSeq, logLength, basis }, this.storage, {
      compactEvery: this.opts.compactEvery,
      ...(this.opts.refusalsPerMinute ? { refusalsPerMinute: this.opts.refusalsPerMinute } : {}),
      log,
    });
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
      .catch((err: unknown) => this.opts.log.error('board unload failed', { board: board.id, err }))
      .finally(() => this.unloading.delete(board.id));
    this.unloading.set(board.id, done);
    this.opts.log.debug('board unloaded', { board: board.id });
  }
}
