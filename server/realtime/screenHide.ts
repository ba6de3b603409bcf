import type { Socket as IoSocket } from 'socket.io';
import { z } from 'zod';
import { IdSchema } from '../../shared/model/ids.js';
import {
  boardRoom,
  type ClientToServerEvents,
  type ScreenHiddenMessage,
  type ScreenHideAck,
  type ServerToClientEvents,
} from '../../shared/protocol/events.js';
import { nextRev } from '../../shared/rules/meetingShared.js';
import type { MeetingStore } from '../cluster/meetingStore.js';
import type { Logger } from '../logging.js';
import type { RealtimeServer, SocketData } from './socketio.js';

type Socket = IoSocket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const RequestSchema = z.strictObject({ boardId: IdSchema, hidden: z.boolean() });

/**
 * "Skjul alt": whether a board's wall screens are covered. Server memory only (a restart
 * shows the board again, as does the next tap); every screen of the board, and one that
 * joins later, gets the state from here, so one tap covers them all at once.
 *
 * With several nodes (`store` given) the state is part of the board's shared meeting record
 * in Redis (server/cluster/meetingStore.ts): a tap on node A covers the walls on node B, and a
 * wall that reconnects to another node is told it is covered.
 */
export class ScreenHide {
  private readonly state = new Map<string, ScreenHiddenMessage>();

  constructor(
    private readonly io: RealtimeServer,
    private readonly store: MeetingStore | null = null,
    private readonly log?: Logger,
  ) {
    store?.onChange((boardId, prev, rec) => {
      if (!rec.screen || JSON.stringify(prev?.screen ?? null) === JSON.stringify(rec.screen)) return;
      this.io.local.to(boardRoom(boardId)).emit('screen:hidden', rec.screen);
    });
  }

  attach(socket: Socket): void {
    socket.on('screen:hide', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = RequestSchema.safeParse(req);
      if (!parsed.success) return ack(refuse('invalid_request', 'Ugyldig forespørgsel.'));
      const { boardId, hidden } = parsed.data;
      // Joining checked team membership; the screen itself has joined too.
      if (!socket.rooms.has(boardRoom(boardId))) return ack(refuse('not_joined', 'Åbn tavlen først.'));
      const msg: ScreenHiddenMessage = { boardId, hidden, byName: socket.data.user.name };
      if (this.store) return this.share(msg, ack);
      if (hidden) this.state.set(boardId, msg);
      else this.state.delete(boardId);
      this.io.to(boardRoom(boardId)).emit('screen:hidden', msg);
      ack({ ok: true });
    });
  }

  /** A socket joined the board: tell it whether the screens are covered right now. */
  joined(socket: Socket, boardId: string): void {
    const none: ScreenHiddenMessage = { boardId, hidden: false, byName: null };
    const store = this.store;
    if (!store) return void socket.emit('screen:hidden', this.state.get(boardId) ?? none);
    void store
      .read(boardId)
      .then((rec) => store.seen(boardId, rec))
      .catch(() => store.markStale())
      // Redis unreachable: the last state this node saw.
      .finally(() => socket.emit('screen:hidden', store.shown(boardId)?.screen ?? none));
  }

  /** Several nodes: a compare-and-set on the shared record; every node tells its own sockets. */
  private share(msg: ScreenHiddenMessage, ack: (res: ScreenHideAck) => void): void {
    const now = Date.now();
    this.store!.update(msg.boardId, (rec) => ({
      next: { ...rec, rev: nextRev(rec.rev, now), screen: msg },
      answer: null,
    }))
      .then(() => ack({ ok: true }))
      .catch((err: unknown) => {
        this.log?.warn('skjul alt failed', { board: msg.boardId, err });
        ack({
          ok: false,
          error: { code: 'unavailable', message: 'Skærmene kan ikke nås lige nu – prøv igen om lidt.' },
        });
      });
  }
}

function refuse(code: 'invalid_request' | 'not_joined', message: string): ScreenHideAck {
  return { ok: false, error: { code, message } };
}
