import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { SCREEN_LAYOUT, projectBoardForScreen, type ScreenMap } from '../../shared/doc/screenProjection.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import type { Logger } from '../logging.js';
import type { BoardPeer, LiveBoard } from './board.js';
import { awarenessMessage, syncStep2Message, updateMessage } from './protocol.js';

/** Board edits arrive in bursts (a drag, a typed word); the screen catches up once per burst. */
const DEBOUNCE_MS = 150;

/**
 * Values that are Y.Maps in the board doc layout (shared/doc/screenProjection.ts), by
 * top-level map: each entry of `cards` and `meetings` is a Y.Map, and so are these keys
 * inside it. Everything else is a plain JSON value.
 */
const NESTED: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(SCREEN_LAYOUT).flatMap(([name, keys]) => (keys ? [[name, new Set(keys)]] : [])),
);

/**
 * The wall screen's copy of one loaded board: a read-only Y.Doc with the board doc's layout
 * holding `projectBoardForScreen` of it (typed values only: initials, no free text, no
 * names), kept up to date
 * from the board doc with minimal writes (only keys whose value changed), so the screen
 * neither flickers nor receives the real doc. Screen connections (`skaerm`) talk to this
 * instead of the LiveBoard; awareness (staff names and open card ids only, see
 * awareness.ts) is the board's own, relayed both ways.
 */
export class ScreenView {
  readonly doc = new Y.Doc();
  readonly peers = new Set<BoardPeer>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Typed readers over the live board's doc; the projection reads only through them. */
  private readonly boardDoc: BoardDoc;
  private readonly meetingDoc: MeetingDoc;

  constructor(
    private readonly board: LiveBoard,
    private readonly log: Logger,
  ) {
    this.boardDoc = new BoardDoc(board.doc);
    this.meetingDoc = new MeetingDoc(this.boardDoc);
    this.refresh();
    board.doc.on('update', this.schedule);
    board.doc.on('destroy', this.onBoardDestroyed);
    board.awareness.on('update', this.onAwarenessUpdate);
    this.doc.on('update', this.onOwnUpdate);
  }

  // The SyncConnection side (see SyncTarget in connection.ts).
  get id(): string {
    return this.board.id;
  }
  get awareness(): awarenessProtocol.Awareness {
    return this.board.awareness;
  }
  get awarenessOwners(): Map<number, BoardPeer> {
    return this.board.awarenessOwners;
  }

  addPeer(peer: BoardPeer): void {
    this.peers.add(peer);
  }

  removePeer(peer: BoardPeer): void {
    if (!this.peers.delete(peer) || this.closed) return;
    for (const id of peer.awarenessIds) {
      if (this.board.awarenessOwners.get(id) === peer) this.board.awarenessOwners.delete(id);
    }
    awarenessProtocol.removeAwarenessStates(this.board.awareness, [...peer.awarenessIds], peer.origin);
  }

  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /**
   * True when the client holds history this projection never had (the board was reloaded,
   * or the server restarted, since it last synced): merging that would mix an old view
   * into the new one, so the client must start from an empty doc.
   */
  isStale(stateVector: Uint8Array): boolean {
    const ours = Y.encodeStateVector(this.doc);
    const mine = Y.decodeStateVector(ours);
    for (const [client, clock] of Y.decodeStateVector(stateVector)) {
      if ((mine.get(client) ?? 0) < clock) return true;
    }
    return false;
  }

  /** The screen is read-only: nothing it sends is kept (the connection never calls this). */
  submitUpdate(): Promise<void> {
    return Promise.resolve();
  }

  /** Likewise never called for a read-only screen; audited on the board if it ever were. */
  recordRejection(r: Parameters<LiveBoard['recordRejection']>[0]): void {
    this.board.recordRejection(r);
  }

  /** Brings the projection up to date now (tests and the debounce timer). */
  refresh(): void {
    this.timer = null;
    if (this.closed) return;
    const projected = projectBoardForScreen(this.boardDoc, this.meetingDoc);
    this.doc.transact(() => {
      for (const name of Object.keys(SCREEN_LAYOUT)) {
        writeMap(this.doc.getMap(name), projected[name] ?? {}, NESTED[name]);
      }
    });
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.board.doc.off('update', this.schedule);
    this.board.doc.off('destroy', this.onBoardDestroyed);
    this.board.awareness.off('update', this.onAwarenessUpdate);
    this.doc.destroy();
  }

  private readonly schedule = (): void => {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      try {
        this.refresh();
      } catch (err) {
        this.log.error('screen projection failed', { board: this.board.id, err });
      }
    }, DEBOUNCE_MS);
    this.timer.unref();
  };

  private readonly onBoardDestroyed = (): void => {
    for (const peer of [...this.peers]) peer.close(CloseCode.serverShutdown, 'board unloaded');
    this.dispose();
  };

  private readonly onOwnUpdate = (update: Uint8Array): void => {
    const message = updateMessage(update);
    for (const peer of this.peers) peer.send(message);
  };

  private readonly onAwarenessUpdate = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.peers.size === 0) return;
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.board.awareness, changed));
    for (const peer of this.peers) peer.send(message);
  };
}

/** One ScreenView per loaded board, created on the first screen connection. */
const views = new Map<LiveBoard, ScreenView>();

export function screenViewFor(board: LiveBoard, log: Logger): ScreenView {
  let view = views.get(board);
  if (!view || view.doc.isDestroyed) {
    const created = new ScreenView(board, log);
    created.doc.on('destroy', () => {
      if (views.get(board) === created) views.delete(board);
    });
    views.set(board, created);
    view = created;
  }
  return view;
}

/** Makes `target` hold `value` with as few writes as possible (unchanged keys untouched). */
function writeMap(target: Y.Map<unknown>, value: ScreenMap, nestedKeys?: ReadonlySet<string>): void {
  for (const key of [...target.keys()]) if (!Object.hasOwn(value, key)) target.delete(key);
  for (const [key, v] of Object.entries(value)) {
    if (nestedKeys) {
      // An entry that is itself a Y.Map (a card, a meeting) with some Y.Map keys inside.
      let entry = target.get(key);
      if (!(entry instanceof Y.Map)) {
        entry = new Y.Map<unknown>();
        target.set(key, entry);
      }
      writeEntry(entry as Y.Map<unknown>, isRecord(v) ? v : {}, nestedKeys);
    } else if (!sameJson(target.get(key), v)) {
      target.set(key, v);
    }
  }
}

function writeEntry(target: Y.Map<unknown>, value: ScreenMap, nestedKeys: ReadonlySet<string>): void {
  for (const key of [...target.keys()]) if (!Object.hasOwn(value, key)) target.delete(key);
  for (const [key, v] of Object.entries(value)) {
    if (nestedKeys.has(key)) {
      let nested = target.get(key);
      if (!(nested instanceof Y.Map)) {
        nested = new Y.Map<unknown>();
        target.set(key, nested);
      }
      writeMap(nested as Y.Map<unknown>, isRecord(v) ? v : {});
    } else if (!sameJson(target.get(key), v)) {
      target.set(key, v);
    }
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isRecord(v: unknown): v is ScreenMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
