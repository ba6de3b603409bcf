import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ScreenHiddenMessage,
  ScreenHideAck,
  ServerToClientEvents,
} from '../../../shared/protocol/events.js';
import type { MeetingAck, MeetingPointed, MeetingState } from '../../../shared/index.js';

/** The live meeting as this client knows it; `offset` = server clock minus ours. */
export interface LiveMeeting {
  meeting: MeetingState | null;
  offset: number;
}

export interface LivePointer extends MeetingPointed {
  offset: number;
}

type ClientEvent =
  | 'meeting:start'
  | 'meeting:goto'
  | 'meeting:pause'
  | 'meeting:end'
  | 'meeting:takeover'
  | 'meeting:handover'
  | 'meeting:point';

/**
 * The one socket.io connection of an open board: joins the board's room (again after every
 * reconnect) and keeps the live meeting state and pointers as
 * `useSyncExternalStore` sources. Created and destroyed by `useBoardSocket`.
 */
export class BoardSocket {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private live: LiveMeeting = { meeting: null, offset: 0 };
  private pointers: readonly LivePointer[] = [];
  /** "Skjul alt" on the board's wall screens, as the server last said. */
  private hidden: ScreenHiddenMessage | null = null;
  private readonly listeners = new Set<() => void>();
  /** Grows on every `org:visitator` (and reconnect): the visitator line fetches again. */
  private orgVersion = 0;

  constructor(readonly boardId: string) {
    this.socket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket'] });
    this.socket.on('connect', () => {
      this.socket.emit('board:join', { boardId }, () => {});
      this.orgVersion++;
      this.emit();
    });
    this.socket.on('org:visitator', () => {
      this.orgVersion++;
      this.emit();
    });
    this.socket.on('meeting:state', (msg) => {
      if (!msg || msg.boardId !== boardId) return;
      const current = this.live.meeting;
      // drop a stale message about the same meeting
      if (current && msg.meeting && current.meetingId === msg.meeting.meetingId) {
        if (msg.meeting.version < current.version) return;
      }
      this.live = { meeting: msg.meeting, offset: msg.serverNow - Date.now() };
      if (msg.meeting === null) this.pointers = [];
      this.emit();
    });
    this.socket.on('screen:hidden', (msg) => {
      if (!msg || msg.boardId !== boardId) return;
      this.hidden = msg;
      this.emit();
    });
    this.socket.on('meeting:pointed', (msg) => {
      if (!msg || msg.boardId !== boardId) return;
      const offset = msg.serverNow - Date.now();
      const p: LivePointer = { cardId: msg.cardId, by: msg.by, until: msg.until, offset };
      // one pointer per person: the newest replaces theirs
      this.pointers = [...this.pointers.filter((x) => x.by.userId !== p.by.userId), p];
      this.emit();
      setTimeout(() => this.expirePointers(), Math.max(0, msg.until - msg.serverNow) + 50);
    });
  }

  getLive = (): LiveMeeting => this.live;
  getOrgVersion = (): number => this.orgVersion;
  getHidden = (): ScreenHiddenMessage | null => this.hidden;

  /** Covers (or uncovers) every wall screen of the board. */
  setScreenHidden(hidden: boolean): Promise<ScreenHideAck> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, error: { code: 'not_joined', message: 'Intet svar fra serveren.' } }),
        8000,
      );
      this.socket.emit('screen:hide', { boardId: this.boardId, hidden }, (res) => {
        clearTimeout(timer);
        resolve(res);
      });
    });
  }
  getPointers = (): readonly LivePointer[] => this.pointers;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Sends one meeting command; resolves with the server's ack (or a timeout error). */
  send(event: ClientEvent, payload: Record<string, unknown>): Promise<MeetingAck> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve({ ok: false, error: { code: 'internal', message: 'Intet svar fra serveren.' } }),
        8000,
      );
      const emit = this.socket.emit.bind(this.socket) as (
        e: string,
        p: Record<string, unknown>,
        ack: (res: MeetingAck) => void,
      ) => void;
      emit(event, { boardId: this.boardId, ...payload }, (res) => {
        clearTimeout(timer);
        resolve(res);
      });
    });
  }

  /** Tells the server this user opened a citizen's detail panel (audit log, `card_viewed`). */
  reportView(cardId: string): void {
    this.socket.emit('audit:view', { boardId: this.boardId, cardId }, () => {});
  }

  destroy(): void {
    this.socket.off();
    this.socket.disconnect();
    this.listeners.clear();
  }

  private expirePointers(): void {
    const kept = this.pointers.filter((p) => p.until > Date.now() + p.offset);
    if (kept.length === this.pointers.length) return;
    this.pointers = kept;
    this.emit();
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
