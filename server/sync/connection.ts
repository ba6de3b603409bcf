import type { WebSocket, RawData } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import { newId } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import { CloseCode, UPDATE_RATE } from '../../shared/protocol/limits.js';
import { canEditBoard } from '../../shared/rules/permissions.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { Logger } from '../logging.js';
import { sanitizeAwarenessUpdate } from './awareness.js';
import type { BoardPeer, LiveBoard } from './board.js';
import {
  ProtocolError,
  awarenessMessage,
  parseClientMessage,
  permissionDeniedMessage,
  syncStep1Message,
} from './protocol.js';

/**
 * What a connection syncs with: the LiveBoard, or for wall screens its privacy projection
 * (screenView.ts), which may also ask a client holding an outdated projection to start over.
 */
export type SyncTarget = Pick<
  LiveBoard,
  | 'id'
  | 'doc'
  | 'awareness'
  | 'awarenessOwners'
  | 'addPeer'
  | 'removePeer'
  | 'syncStep2For'
  | 'submitUpdate'
  | 'recordRejection'
> & { isStale?(stateVector: Uint8Array): boolean };

/** A slow reader that lets this much pile up is dropped rather than grow server memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** One websocket peer of one board, speaking y-websocket. */
export class SyncConnection implements BoardPeer {
  readonly id = newId('conn');
  readonly origin: TransactionOrigin;
  readonly awarenessIds = new Set<number>();
  private readonly readOnly: boolean;
  private readonly deflate: boolean;
  private toldReadOnly = false;
  private closed = false;
  /** Token bucket of document updates (UPDATE_RATE): a flood is cut off, not queued. */
  private tokens: number = UPDATE_RATE.burst;
  private tokensAt = Date.now();

  constructor(
    private readonly ws: WebSocket,
    readonly user: SessionUser,
    private readonly board: SyncTarget,
    private readonly log: Logger,
    private readonly onClosed: () => void,
    /**
     * `readOnly`: the board opens read-only whoever the user is (a makkerteam's board).
     * `deflate`: the client inflates a big full state (shared/protocol/deflatedSync.ts).
     */
    opts: { readOnly?: boolean; deflate?: boolean } = {},
  ) {
    this.deflate = opts.deflate === true;
    this.origin = { source: 'connection', connectionId: this.id };
    this.readOnly = opts.readOnly === true || !canEditBoard(user);
    board.addPeer(this);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.cleanup());
    ws.on('error', (err) => this.log.debug('websocket error', { conn: this.id, err: err.message }));

    // Server-initiated handshake as in y-websocket: our state vector (so the client sends
    // what we lack) and the current presence. Read-only peers have nothing we would keep.
    if (!this.readOnly) this.send(syncStep1Message(board.doc));
    const states = [...board.awareness.getStates().keys()];
    if (states.length > 0) {
      this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(board.awareness, states)));
    }
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.serverShutdown, 'too slow');
      return;
    }
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.cleanup();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.reject('text frame');
    try {
      const msg = parseClientMessage(toBytes(data));
      switch (msg.kind) {
        case 'syncStep1':
          if (this.board.isStale?.(msg.stateVector)) return this.close(CloseCode.staleEpoch, 'resync');
          this.send(this.board.syncStep2For(msg.stateVector, msg.emptyState, this.deflate));
          return;
        case 'update':
          // Read-only peers may read but their writes are dropped; y-websocket's auth
          // message tells them so (once per connection).
          if (this.readOnly) return this.tellReadOnly();
          if (msg.empty) return;
          if (!this.takeToken()) return this.refuseFlood();
          void this.board.submitUpdate(msg.update, this, msg.decoded);
          return;
        case 'awareness':
          return this.onAwareness(msg.update);
        case 'queryAwareness': {
          const ids = [...this.board.awareness.getStates().keys()];
          this.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.board.awareness, ids)));
          return;
        }
      }
    } catch (err) {
      if (err instanceof ProtocolError) return this.reject(err.message);
      this.log.error('unexpected error handling a sync message', { conn: this.id, err });
      this.reject('internal error');
    }
  }

  private onAwareness(update: Uint8Array): void {
    const clean = sanitizeAwarenessUpdate(update, {
      user: this.user,
      owners: this.board.awarenessOwners,
      owner: this,
      ownedIds: this.awarenessIds,
      serverClientId: this.board.awareness.clientID,
    });
    if (clean) awarenessProtocol.applyAwarenessUpdate(this.board.awareness, clean, this.origin);
  }

  private takeToken(): boolean {
    const now = Date.now();
    this.tokens = Math.min(UPDATE_RATE.burst, this.tokens + ((now - this.tokensAt) / 1000) * UPDATE_RATE.perSecond);
    this.tokensAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** More updates than any person makes: nothing of the flood is kept; the client resyncs. */
  private refuseFlood(): void {
    this.log.warn('update rate exceeded', { conn: this.id, board: this.board.id });
    this.board.recordRejection({ user: this.user, code: 'rate', path: 'connection' });
    this.close(CloseCode.writeRefused, 'rate');
  }

  private tellReadOnly(): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(permissionDeniedMessage('read-only'));
  }

  private reject(reason: string): void {
    this.log.info('closing malformed connection', { conn: this.id, board: this.board.id, reason });
    this.close(CloseCode.malformed, 'malformed message');
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    this.board.removePeer(this);
    this.onClosed();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
