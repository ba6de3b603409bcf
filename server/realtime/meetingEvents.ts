import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import {
  MeetingBoardSchema,
  MeetingGotoSchema,
  MeetingHandoverSchema,
  MeetingPauseSchema,
  MeetingStartSchema,
  type MeetingActor,
  type MeetingCommand,
} from '../../shared/rules/meetingControl.js';
import type { SocketData } from './socketio.js';

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
