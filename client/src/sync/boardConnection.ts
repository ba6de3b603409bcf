import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { BoardDoc, CloseCode, localOrigin, type MeetingDoc, type TransactionOrigin } from '../../../shared/index.js';
import { BoardStore } from './boardStore';
import { MeetingStore } from './meetingStore';
import { jitteredWebSocketClass } from './jitteredWebSocket';
import { PendingChanges } from './pendingChanges';

export type SyncState = 'connecting' | 'synced' | 'offline' | 'closed';
export interface SyncStatus {
  state: SyncState;
  /** Local edits not yet known to be on the server. */
  pending: number;
  /** Close code when the server refused us for good (e.g. 4401 session expired). */
  closeCode: number | null;
}

/** Longest wait between reconnect attempts; y-websocket's default of 2.5 s is too eager for a restart. */
const MAX_BACKOFF_MS = 10_000;

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
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly pending = new PendingChanges();
  private readonly listeners = new Set<() => void>();
  private lostConnection = false;
  private closeCode: number | null = null;
  private status: SyncStatus = { state: 'connecting', pending: 0, closeCode: null };

  /** Last time we asked the server whether the session still exists (see onConnectionClose). */
  private lastSessionCheck = 0;

  constructor(
    readonly boardId: string,
    userId: string,
    /** Called (throttled) when connecting keeps failing: the session may have expired. */
    private readonly checkSession: () => void = () => {},
    /** Wall screens keep nothing on the device: no IndexedDB copy (and none to go stale). */
    opts: { persist?: boolean } = {},
  ) {
    this.board = new BoardDoc(this.doc);
    this.store = new BoardStore(this.board);
    this.meetings = new MeetingStore(this.board);
    this.origin = localOrigin(userId);
    this.undoManager = this.board.createUndoManager(this.origin);
    this.meetings.meetingDoc.extendUndoScope(this.undoManager);
    this.persistence = opts.persist === false ? null : new IndexeddbPersistence(`tavlen:${boardId}`, this.doc);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, boardId, this.doc, {
      WebSocketPolyfill: jitteredWebSocketClass(),
      maxBackoffTime: MAX_BACKOFF_MS,
      // Tabs sync through the server; a BroadcastChannel would bypass read-only enforcement.
      disableBc: true,
    });
    this.awareness = this.provider.awareness;

    this.doc.on('update', this.onUpdate);
    this.provider.on('sync', this.onSync);
    this.provider.on('status', this.onProviderStatus);
    this.provider.on('closed', this.onClosed);
    this.provider.on('connection-close', this.onConnectionClose);
    this.pending.subscribe(this.recompute);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  /**
   * Runs one user action against the board with this user's origin, as its own undo step
   * (the undo manager would otherwise merge actions made within 400 ms of each other).
   */
  write<T>(action: (board: BoardDoc, origin: TransactionOrigin) => T): T {
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
    if (this.closeCode === null) this.provider.connect();
    this.recompute();
  };

  private onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tx: Y.Transaction): void => {
    if (tx.local && !this.provider.synced) this.pending.increment();
  };

  private onSync = (synced: boolean): void => {
    if (synced) {
      this.lostConnection = false;
      this.pending.reset();
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

  private onClosed = ({ code }: { code: number }): void => {
    this.closeCode = code;
    this.recompute();
  };

  private recompute = (): void => {
    const pending = this.pending.value;
    let state: SyncState;
    if (this.closeCode !== null) state = 'closed';
    else if (this.provider.synced && navigator.onLine) state = 'synced';
    else if (this.lostConnection || pending > 0 || !navigator.onLine) state = 'offline';
    else state = 'connecting';
    const s = this.status;
    if (s.state === state && s.pending === pending && s.closeCode === this.closeCode) return;
    this.status = { state, pending, closeCode: this.closeCode };
    for (const fn of this.listeners) fn();
  };
}

/** True when a permanent close means the session is gone and the person must log in again. */
export function isAuthClose(code: number | null): boolean {
  return code === CloseCode.unauthorized;
}
