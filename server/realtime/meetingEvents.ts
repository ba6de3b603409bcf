import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { boardRoom, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/protocol/events.js';
import {
  meetingError,
  MeetingBoardSchema,
  MeetingGotoSchema,
  MeetingHandoverSchema,
  MeetingPauseSchema,
  MeetingPointSchema,
  MeetingStartSchema,
  pointAt,
  POINT_RATE,
  RateLimiter,
  type MeetingAck,
  type MeetingActor,
  type MeetingCommand,
  type MeetingState,
} from '../../shared/rules/meetingControl.js';
import type { RealtimeServer, SocketData } from './socketio.js';

export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The person behind a socket, as the meeting rules know them. */
export const actorOf = (socket: RealtimeSocket): MeetingActor => {
  const u = socket.data.user;
  return { userId: u.id, name: u.name, role: u.role, color: u.color, readOnly: u.readOnly === true };
};

/**
 * How a binding runs one meeting request: validate `req` with `schema`, check the socket
 * joined the board, then apply the command `toCommand` builds (from the request and who is
 * present) and answer `ack`.
 */
export type MeetingRequestHandler = <T extends { boardId: string }>(
  schema: z.ZodType<T>,
  req: unknown,
  ack: unknown,
  toCommand: (data: T, present: readonly MeetingActor[]) => MeetingCommand,
) => void;

/**
 * The meeting commands a socket may send, each event with its request schema and the
 * command it asks for: one table for the single-process binding (meetingRoom.ts) and the
 * several-node one (meetingCluster.ts), which differ only in where the state lives.
 */
export function onMeetingCommands(socket: RealtimeSocket, handle: MeetingRequestHandler): void {
  socket.on('meeting:start', (req, ack) =>
    handle(MeetingStartSchema, req, ack, (d) => ({
      kind: 'start',
      meetingId: d.meetingId,
      type: d.type,
      first: d.first ?? null,
    })),
  );
  socket.on('meeting:goto', (req, ack) =>
    handle(MeetingGotoSchema, req, ack, (d) => ({
      kind: 'goto',
      itemId: d.itemId,
      cardId: d.cardId,
      timeBoxSec: d.timeBoxSec,
    })),
  );
  socket.on('meeting:pause', (req, ack) =>
    handle(MeetingPauseSchema, req, ack, (d) => ({ kind: 'pause', paused: d.paused })),
  );
  socket.on('meeting:end', (req, ack) => handle(MeetingBoardSchema, req, ack, () => ({ kind: 'end' })));
  socket.on('meeting:takeover', (req, ack) => handle(MeetingBoardSchema, req, ack, () => ({ kind: 'takeover' })));
  socket.on('meeting:handover', (req, ack) =>
    handle(MeetingHandoverSchema, req, ack, (d, present) => ({
      kind: 'handover',
      to: present.find((p) => p.userId === d.userId) ?? null,
    })),
  );
}

/** A request's acknowledgement (a no-op when the client sent none). */
export function replyOf(ack: unknown): (res: MeetingAck) => void {
  return typeof ack === 'function' ? (ack as (res: MeetingAck) => void) : () => {};
}

/**
 * The request, parsed, when it is about a board this socket joined (team access was checked
 * at join) and is still in the room of; otherwise null, after answering why.
 */
export function joinedRequest<T extends { boardId: string }>(
  socket: RealtimeSocket,
  joined: ReadonlySet<string>,
  schema: z.ZodType<T>,
  req: unknown,
  reply: (res: MeetingAck) => void,
): T | null {
  const parsed = schema.safeParse(req);
  if (!parsed.success) {
    reply({ ok: false, error: meetingError('invalid_request') });
    return null;
  }
  if (!joined.has(parsed.data.boardId) || !socket.rooms.has(boardRoom(parsed.data.boardId))) {
    reply({ ok: false, error: meetingError('not_joined') });
    return null;
  }
  return parsed.data;
}

/** How a binding runs a request that needs no command: `run` answers it (after the binding's checks). */
export type GuardedRequest = <T extends { boardId: string }>(
  schema: z.ZodType<T>,
  req: unknown,
  ack: unknown,
  run: (data: T) => MeetingAck,
) => void;

/**
 * The laser pointer: ephemeral, checked against the meeting state this process shows
 * (`stateOf`), at most POINT_RATE per socket, broadcast to the board's room (on every node
 * through the socket.io adapter), never stored.
 */
export function onMeetingPointer(
  socket: RealtimeSocket,
  io: RealtimeServer,
  guard: GuardedRequest,
  stateOf: (boardId: string) => MeetingState | null,
  now: () => number,
): void {
  const limiter = new RateLimiter(POINT_RATE.max, POINT_RATE.windowMs);
  socket.on('meeting:point', (req, ack) =>
    guard(MeetingPointSchema, req, ack, (d) => {
      const at = now();
      const res = pointAt(stateOf(d.boardId), d.cardId, actorOf(socket), at);
      if (!res.ok) return res;
      if (!limiter.allow(at)) return { ok: false, error: meetingError('rate_limited') };
      io.to(boardRoom(d.boardId)).emit('meeting:pointed', { ...res.pointed, boardId: d.boardId, serverNow: at });
      return { ok: true };
    }),
  );
}
