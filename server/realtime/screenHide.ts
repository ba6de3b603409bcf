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
import type { RealtimeServer, SocketData } from './socketio.js';

type Socket = IoSocket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const RequestSchema = z.strictObject({ boardId: IdSchema, hidden: z.boolean() });

/**
 * "Skjul alt": whether a board's wall screens are covered. Server memory only (a restart
 * shows the board again, as does the next tap); every screen of the board, and one that
 * joins later, gets the state from here, so one tap covers them all at once.
 */
export class ScreenHide {
  private readonly state = new Map<string, ScreenHiddenMessage>();

  constructor(private readonly io: RealtimeServer) {}

  attach(socket: Socket): void {
    socket.on('screen:hide', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = RequestSchema.safeParse(req);
      if (!parsed.success) return ack(refuse('invalid_request', 'Ugyldig forespørgsel.'));
      const { boardId, hidden } = parsed.data;
      // Joining checked team membership; the screen itself has joined too.
      if (!socket.rooms.has(boardRoom(boardId))) return ack(refuse('not_joined', 'Åbn tavlen først.'));
      const msg: ScreenHiddenMessage = { boardId, hidden, byName: socket.data.user.name };
      if (hidden) this.state.set(boardId, msg);
      else this.state.delete(boardId);
      this.io.to(boardRoom(boardId)).emit('screen:hidden', msg);
      ack({ ok: true });
    });
  }

  /** A socket joined the board: tell it whether the screens are covered right now. */
  joined(socket: Socket, boardId: string): void {
    socket.emit('screen:hidden', this.state.get(boardId) ?? { boardId, hidden: false, byName: null });
  }
}

function refuse(code: 'invalid_request' | 'not_joined', message: string): ScreenHideAck {
  return { ok: false, error: { code, message } };
}
