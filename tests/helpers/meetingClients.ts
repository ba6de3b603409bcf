import { io as connect, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type {
  BoardJoinAck,
  ClientToServerEvents,
  MeetingPointedMessage,
  MeetingStateMessage,
  ScreenHiddenMessage,
  ServerToClientEvents,
} from '../../shared/protocol/events.js';
import type { MeetingAck } from '../../shared/rules/meetingControl.js';
import { waitFor } from './waitFor.js';

/*
 * A person's meeting connection in the integration tests: the socket.io client the browser
 * opens, recording what the server pushes (meeting state, the pointer, "skjul alt").
 */

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface MeetingClient {
  name: string;
  socket: ClientSocket;
  states: MeetingStateMessage[];
  pointed: MeetingPointedMessage[];
  hidden: ScreenHiddenMessage[];
  /** The latest meeting:state (undefined before the first). */
  last(): MeetingStateMessage | undefined;
  /** Emits a meeting event (any payload, to test validation) and resolves with the ack. */
  send(event: string, payload: unknown): Promise<MeetingAck>;
}

/** Connects to `baseUrl` signed in by `cookie` and, when `board` is given, joins it (the ack checked). */
export async function openMeetingClient(
  baseUrl: string,
  cookie: string,
  name: string,
  board: string | null,
): Promise<MeetingClient> {
  const socket: ClientSocket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  const c: MeetingClient = {
    name,
    socket,
    states: [],
    pointed: [],
    hidden: [],
    last: () => c.states.at(-1),
    send: (event, payload) =>
      new Promise<MeetingAck>((res) =>
        (socket as unknown as Socket).emit(event, payload, (ack: MeetingAck) => res(ack)),
      ),
  };
  socket.on('meeting:state', (m) => c.states.push(m));
  socket.on('meeting:pointed', (m) => c.pointed.push(m));
  socket.on('screen:hidden', (m) => c.hidden.push(m));
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  if (board) {
    const ack = await new Promise<BoardJoinAck>((res) => socket.emit('board:join', { boardId: board }, res));
    expect(ack).toEqual({ ok: true, boardId: board });
  }
  return c;
}

/** An ack's error code, or 'ok'. */
export const ackCode = (ack: MeetingAck) => (ack.ok ? 'ok' : ack.error.code);

/** Waits until `c` has a meeting:state matching `pred` and returns the latest such. */
export const stateMatching = (
  c: MeetingClient,
  pred: (m: MeetingStateMessage) => boolean,
  what: string,
  timeoutMs = 10_000,
) => waitFor(() => [...c.states].reverse().find(pred), { what: `${c.name}: ${what}`, timeoutMs });
