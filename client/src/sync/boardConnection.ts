import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import {
  BoardDoc,
  CloseCode,
  applyChanges,
  localOrigin,
  parseRefusalReason,
  type MeetingDoc,
  type TransactionOrigin,
} from '../../../shared/index.js';
import { BoardStore } from './boardStore';
import { recordVisit } from './lastVisit';
import { MeetingStore } from './meetingStore';
import { collectUnsyncedEdits, keepEditsAfterRefusal, takeEditsAfterRefusal, takeUnsyncedEdits } from './epochRecovery';
import { jitteredWebSocketClass } from './jitteredWebSocket';
import { acceptDeflatedSync, DEFLATED_SYNC_PARAMS } from './deflatedSync';
import { PendingChanges } from './pendingChanges';
import { lastLive, recordLive } from './offlineStart';
import { clearWallCopy, loadWallCopy, saveWallCopy } from './wallCache';

export type SyncState = 'connecting' | 'synced' | 'offline' | 'closed';
export interface SyncStatus {
  state: SyncState;
  /** Local edits not yet known to be on the server. */
  pending: number;
  /** Close code when the server refused us for good (e.g. 4401 session expired). */
  closeCode: number | null;
  /** Edits re-sent after the board was rebuilt into a new epoch or after a refusal (0 when none). */
  resubmitted: number;
  /** Why they were re-sent. */
  resubmittedAfter: 'epoch' | 'refusal' | null;
  /**
   * When this board was last live on this device (epoch ms; kept across restarts), for
   * "Ikke live siden kl. …"; null while live or when never known.
   */
  notLiveSince: number | null;
}

export interface BoardConnectionOptions {
  /** False for read-only users and wall screens: on a new epoch they just reload. */
  canEdit?: boolean;
  /** False for wall screens: they keep nothing on the device (no IndexedDB copy). */
  persist?: boolean;
  /**
   * The board was rebuilt into a new epoch (4409): the offline copy is cleared and this
   * browser's unsynced edits are waiting; open a new connection (it re-sends them).
   */
  onStaleEpoch?: () => void;
  /**
   * The server refused one of our updates (4422/4423): the offline copy holding it is
   * cleared; open a new connection, which starts from the server's board. The person is
   * told why by the server's notice on the board socket.
   */
  onRefused?: (code: string) => void;
  /** The refusal (its code) that ended the previous connection of this board, to tell the person. */
  refusedBefore?: string | null;
  /**
   * Wall screens: keep the last projection the server sent (wallCache.ts) and start from it,
   * so a restart without the network shows the last board (issue #16, N7).
   */
  wallCopy?: boolean;
}

/** After the server said "too many changes at once", wait this long before resyncing. */
const RATE_RETRY_MS = 3_000;

/** Longest wait between reconnect attempts; y-websocket's default of 2.5 s is too eager for a restart. */
const MAX_BACKOFF_MS = 10_000;

/** While live, the "last live" time is written this often (a power cut loses at most this much). */
const LIVE_TICK_MS = 30_000;
/** The wall's projection copy is saved once a burst of changes has settled. */
const WALL_SAVE_MS = 1_000;
/** Origin of the wall's saved projection, applied before the first connection. */
const WALL_COPY_ORIGIN = 'wall-copy';

/**
 * Everything one open board needs: the Y.Doc and its typed BoardDoc, the websocket provider
 * (with jittered reconnects), IndexedDB persistence for offline edits, per-user undo, and
 * a sync status for the indicator. Created and destroyed by `useBoardConnection`.
 */
export class BoardConnection {
  readonly board: BoardDoc;
  readonly store: BoardStore;
  /** The meeting data (agenda, sidst drøftet, minutes) in the same document. */
  readonly meetings: MeetingStore;
  /** The one origin object for this user's writes; the undo manager tracks exactly it. */
  readonly origin: TransactionOrigin;
  readonly undoManager: Y.UndoManager;
  readonly awareness: Awareness;
  /** Why the previous connection of this board was ended by the server (a refusal code), if it was. */
  readonly refusedBefore: string | null;
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly pending = new PendingChanges();
  private readonly listeners = new Set<() => void>();
  private lostConnection = false;
  private closeCode: number | null = null;
  private status: SyncStatus = {
    state: 'connecting',
    pending: 0,
    closeCode: null,
    resubmitted: 0,
    resubmittedAfter: null,
    notLiveSince: null,
  };
  private resubmitted = 0;
  /** See SyncStatus.notLiveSince: from the last run until this connection is first live. */
  private notLiveSince: number | null;
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  private wallSaveTimer: ReturnType<typeof setTimeout> | undefined;
  private resubmittedAfter: SyncStatus['resubmittedAfter'] = null;
  /** The provider connects only once the offline copy is loaded (its epoch goes on the URL). */
  private localLoaded = false;
  private destroyed = false;

  /** Last time we asked the server whether the session still exists (see onConnectionClose). */
  private lastSessionCheck = 0;

  constructor(
    readonly boardId: string,
    private readonly userId: string,
    /** Called (throttled) when connecting keeps failing: the session may have expired. */
    private readonly checkSession: () => void = () => {},
    private readonly opts: BoardConnectionOptions = {},
  ) {
    this.refusedBefore = opts.refusedBefore ?? null;
    this.board = new BoardDoc(this.doc);
    this.store = new BoardStore(this.board);
    this.meetings = new MeetingStore(this.board, { lastVisitAt: recordVisit(boardId, userId) });
    this.origin = localOrigin(userId);
    this.undoManager = this.board.createUndoManager(this.origin);
    this.meetings.meetingDoc.extendUndoScope(this.undoManager);
    this.persistence = opts.persist === false ? null : new IndexeddbPersistence(`tavlen:${boardId}`, this.doc);
    this.notLiveSince = lastLive(boardId);
    this.status = { ...this.status, notLiveSince: this.notLiveSince };
    if (opts.wallCopy) {
      const copy = loadWallCopy(boardId);
      if (copy) {
        try {
          Y.applyUpdate(this.doc, copy, WALL_COPY_ORIGIN);
        } catch {
          clearWallCopy(boardId);
        }
      }
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, boardId, this.doc, {
      WebSocketPolyfill: jitteredWebSocketClass(),
      maxBackoffTime: MAX_BACKOFF_MS,
      // Tabs sync through the server; a BroadcastChannel would bypass read-only enforcement.
      disableBc: true,
      connect: false,
      params: { ...DEFLATED_SYNC_PARAMS },
    });
    acceptDeflatedSync(this.provider, (err) => console.error('could not inflate the board', err));
    this.awareness = this.provider.awareness;

    this.doc.on('update', this.onUpdate);
    this.provider.on('sync', this.onSync);
    this.provider.on('status', this.onProviderStatus);
    this.provider.on('closed', this.onClosed);
    this.provider.on('connection-close', this.onConnectionClose);
    this.pending.subscribe(this.recompute);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    void (this.persistence?.whenSynced ?? Promise.resolve()).then(() => {
      if (this.destroyed) return;
      this.localLoaded = true;
      this.setEpochParam();
      this.provider.connect();
    });
  }

  /**
   * Runs one user action against the board with this user's origin, as its own undo step
   * (the undo manager would otherwise merge actions made within 400 ms of each other).
   */
  write<T>(action: (board: BoardDoc, origin: TransactionOrigin) => T): T {
    // Also from what came before: a free-area drag (merged on purpose) is not part of it.
    this.undoManager.stopCapturing();
    try {
      return action(this.board, this.origin);
    } finally {
      this.undoManager.stopCapturing();
    }
  }

  /** Like `write`, for the meeting data (MeetingDoc) with this user's origin. */
  writeMeeting<T>(action: (meetings: MeetingDoc, origin: TransactionOrigin) => T): T {
    try {
      return action(this.meetings.meetingDoc, this.origin);
    } finally {
      this.undoManager.stopCapturing();
    }
  }

  getStatus = (): SyncStatus => this.status;

  subscribeStatus = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Tell others which card this person has open (the server keeps only this field and `user`). */
  setEditingCard(cardId: string | null): void {
    this.awareness.setLocalStateField('editingCardId', cardId);
  }

  /** Removes the offline copy of the board: citizens' names must not stay on a shared PC after logout. */
  async clearOfflineCopy(): Promise<void> {
    await this.persistence?.clearData();
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.liveTimer);
    clearTimeout(this.wallSaveTimer);
    if (this.status.state === 'synced') recordLive(this.boardId);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.doc.off('update', this.onUpdate);
    this.store.destroy();
    this.meetings.destroy();
    this.undoManager.destroy();
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  /**
   * The browser knows before the socket does: drop the connection at once (so edits count as
   * waiting) and reconnect when the network is back, instead of waiting 30 s for a timeout.
   */
  private onOffline = (): void => {
    this.provider.disconnect();
    this.lostConnection = true;
    this.recompute();
  };

  private onOnline = (): void => {
    if (this.closeCode === null && this.localLoaded) this.provider.connect();
    this.recompute();
  };

  private onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tx: Y.Transaction): void => {
    if (tx.local && !this.provider.synced) this.pending.increment();
    if (this.opts.wallCopy && this.provider.synced) this.scheduleWallSave();
  };

  /** The wall keeps what it was last shown, once the burst of changes has settled. */
  private scheduleWallSave(): void {
    clearTimeout(this.wallSaveTimer);
    this.wallSaveTimer = setTimeout(() => {
      if (!this.destroyed && this.provider.synced) saveWallCopy(this.boardId, this.doc);
    }, WALL_SAVE_MS);
  }

  private onSync = (synced: boolean): void => {
    if (synced) {
      this.lostConnection = false;
      this.pending.reset();
      this.resubmitUnsyncedEdits();
      this.setEpochParam();
      if (this.opts.wallCopy) this.scheduleWallSave();
    }
    this.recompute();
  };

  private onProviderStatus = ({ status }: { status: string }): void => {
    if (status === 'disconnected') this.lostConnection = true;
    this.recompute();
  };

  /** A refused upgrade (401) looks like any network error to a browser, so ask /api/me now and then. */
  private onConnectionClose = (): void => {
    const now = Date.now();
    if (now - this.lastSessionCheck < 15_000) return;
    this.lastSessionCheck = now;
    this.checkSession();
  };

  private onClosed = ({ code, reason }: { code: number; reason: string }): void => {
    if (code === CloseCode.staleEpoch) {
      void this.recoverFromStaleEpoch();
      return;
    }
    if (code === CloseCode.writeRefused && reason === 'rate') {
      // Nothing was refused for what it is: sync again a little later, edits and all.
      setTimeout(() => {
        if (!this.destroyed) this.provider.connect();
      }, RATE_RETRY_MS);
      return;
    }
    if ((code === CloseCode.writeRefused || code === CloseCode.cprRejected) && this.opts.onRefused) {
      // Keep the other unsynced edits, not the refused record's (not for CPR: it could be anywhere).
      const { record } = parseRefusalReason(reason);
      if (this.opts.canEdit !== false && code === CloseCode.writeRefused) {
        keepEditsAfterRefusal(this.userId, this.boardId, this.doc, record);
      }
      const onRefused = this.opts.onRefused;
      void this.recoverFromRefusal(() => onRefused(parseRefusalReason(reason).code || 'invalid'));
      return;
    }
    this.closeCode = code;
    this.recompute();
  };

  /**
   * Reconnects carry the epoch of the doc we hold (`?epoch=N`), so a server that rebuilt the
   * board meanwhile refuses us with 4409 instead of merging old-epoch state into the new doc.
   */
  private setEpochParam(): void {
    const epoch = this.board.meta()?.epoch;
    this.provider.params = { ...DEFLATED_SYNC_PARAMS, ...(epoch === undefined ? {} : { epoch: String(epoch) }) };
  }

  /**
   * 4409: keep this (old) doc, work out which of its edits the server never got, clear the
   * offline copy and let a new connection start from the server's new epoch. Read-only
   * users and screens have nothing to re-send and just start over. (A wall screen also gets
   * 4409 when its privacy projection was rebuilt, e.g. after a server restart.)
   */
  private async recoverFromStaleEpoch(): Promise<void> {
    const cachedEpoch = Number(this.provider.params.epoch ?? 0);
    try {
      if (this.opts.canEdit !== false && this.opts.onStaleEpoch) {
        await collectUnsyncedEdits(this.userId, this.boardId, this.doc, cachedEpoch);
      }
      await this.persistence?.clearData();
      // the wall's saved projection is of the view the server no longer has: start over without it
      if (this.opts.wallCopy) {
        clearTimeout(this.wallSaveTimer);
        clearWallCopy(this.boardId);
      }
    } catch {
      this.closeCode = CloseCode.staleEpoch;
      this.recompute();
      return;
    }
    if (this.destroyed) return;
    if (this.opts.onStaleEpoch) this.opts.onStaleEpoch();
    else location.reload();
  }

  /**
   * A refused update stays in this doc and would be sent again on every reconnect, so the
   * doc is given up: the offline copy is cleared and a new connection takes the server's
   * board (docs/protocol.md "Refused writes").
   */
  private async recoverFromRefusal(reopen: () => void): Promise<void> {
    try {
      await this.persistence?.clearData();
    } catch {
      this.closeCode = CloseCode.writeRefused;
      this.recompute();
      return;
    }
    if (!this.destroyed) reopen();
  }

  /** On the first sync of a fresh doc after a 4409: write the waiting edits as this person. */
  private resubmitUnsyncedEdits(): void {
    const afterEpoch = takeUnsyncedEdits(this.userId, this.boardId);
    const afterRefusal = afterEpoch ? null : takeEditsAfterRefusal(this.userId, this.boardId, this.doc);
    const changes = afterEpoch ?? afterRefusal;
    if (!changes || changes.length === 0) return;
    const { applied } = applyChanges(this.doc, changes, this.origin);
    this.undoManager.stopCapturing();
    this.resubmitted = applied;
    this.resubmittedAfter = afterEpoch ? 'epoch' : 'refusal';
  }

  /**
   * The last moment this board was live here, kept across restarts (offlineStart.ts): written
   * when it stops being live and every half minute while it is (a power cut gives no warning).
   */
  private trackLive(from: SyncState, to: SyncState): void {
    if (from === to) return;
    if (to === 'synced') {
      recordLive(this.boardId);
      clearInterval(this.liveTimer);
      this.liveTimer = setInterval(() => recordLive(this.boardId), LIVE_TICK_MS);
    } else if (from === 'synced') {
      clearInterval(this.liveTimer);
      this.notLiveSince = Date.now();
      recordLive(this.boardId, this.notLiveSince);
    }
  }

  private recompute = (): void => {
    const pending = this.pending.value;
    let state: SyncState;
    if (this.closeCode !== null) state = 'closed';
    else if (this.provider.synced && navigator.onLine) state = 'synced';
    else if (this.lostConnection || pending > 0 || !navigator.onLine) state = 'offline';
    else state = 'connecting';
    const s = this.status;
    this.trackLive(s.state, state);
    const resubmitted = this.resubmitted;
    const notLiveSince = state === 'synced' ? null : this.notLiveSince;
    if (
      s.state === state &&
      s.pending === pending &&
      s.closeCode === this.closeCode &&
      s.resubmitted === resubmitted &&
      s.notLiveSince === notLiveSince
    ) {
      return;
    }
    this.status = {
      state,
      pending,
      closeCode: this.closeCode,
      resubmitted,
      resubmittedAfter: this.resubmittedAfter,
      notLiveSince,
    };
    for (const fn of this.listeners) fn();
  };
}

/** True when a permanent close means the session is gone and the person must log in again. */
export function isAuthClose(code: number | null): boolean {
  return code === CloseCode.unauthorized;
}
