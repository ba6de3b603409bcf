import { z } from 'zod';
import { boardRoom } from '../../shared/protocol/events.js';
import {
  applyMeetingCommand,
  leaderLost,
  meetingError,
  type MeetingAck,
  type MeetingActor,
  type MeetingCommand,
  type MeetingState,
} from '../../shared/rules/meetingControl.js';
import type { Logger } from '../logging.js';
import type { MeetingRecorder, MeetingRecordEvent } from './meetingRecord.js';
import {
  actorOf,
  joinedRequest,
  onMeetingCommands,
  onMeetingPointer,
  replyOf,
  type RealtimeSocket,
} from './meetingEvents.js';
import type { RealtimeServer } from './socketio.js';

export interface MeetingOptions {
  /** How long a disconnected leader keeps the lead before `leader: null` is broadcast. */
  leaderGraceMs: number;
  /** A meeting nobody is connected to ends after this long. */
  emptyEndMs: number;
  /** Server clock (injectable for tests). */
  now: () => number;
  /** Records a meeting's start and end in the board's doc (see meetingRecord.ts). */
  record?: MeetingRecorder;
}

interface BoardMeeting {
  state: MeetingState | null;
  /** Sockets in the board's room, by socket id. */
  participants: Map<string, MeetingActor>;
  graceTimer: NodeJS.Timeout | null;
  emptyTimer: NodeJS.Timeout | null;
  /** Everyone (but wall screens) connected at some point of the running meeting: userId → name. */
  attended: Map<string, string>;
}

/** The minutes' participants: people, not wall screens, with a name to show. */
function attend(board: BoardMeeting, actor: MeetingActor): void {
  if (actor.role !== 'skaerm' && actor.name.trim()) board.attended.set(actor.userId, actor.name.trim());
}

/**
 * socket.io binding of the meeting control core (shared/rules/meetingControl.ts): one
 * in-memory state per board, broadcast as `meeting:state` to the board's room on every
 * change and to each socket that joins. Requests are validated, checked against the rooms
 * the socket joined, and applied with the actor from the session.
 */
export class MeetingRooms {
  private readonly boards = new Map<string, BoardMeeting>();
  /** Connected sockets → the boards each joined. */
  private readonly sockets = new Map<string, Set<string>>();

  constructor(
    private readonly io: RealtimeServer,
    private readonly opts: MeetingOptions,
    private readonly log: Logger,
  ) {}

  /** Current state of a board's meeting (tests, diagnostics). */
  stateOf(boardId: string): MeetingState | null {
    return this.boards.get(boardId)?.state ?? null;
  }

  /** Registers the meeting handlers on a newly connected socket. */
  attach(socket: RealtimeSocket): void {
    const joined = new Set<string>();

    const guard = <T extends { boardId: string }>(
      schema: z.ZodType<T>,
      req: unknown,
      ack: unknown,
      run: (data: T, board: BoardMeeting) => MeetingAck,
    ): void => {
      const reply = replyOf(ack);
      try {
        const data = joinedRequest(socket, joined, schema, req, reply);
        if (data === null) return;
        const board = this.boards.get(data.boardId);
        if (!board) return reply({ ok: false, error: meetingError('not_joined') });
        reply(run(data, board));
      } catch (err) {
        this.log.error('meeting request failed', { err });
        reply({ ok: false, error: meetingError('internal') });
      }
    };

    const command = (boardId: string, board: BoardMeeting, cmd: MeetingCommand): MeetingAck => {
      const before = board.state;
      const res = applyMeetingCommand(before, cmd, actorOf(socket), this.opts.now());
      if (!res.ok) return res;
      if (res.changed) {
        board.state = res.state;
        if (cmd.kind === 'start' && res.state) {
          board.attended.clear();
          for (const p of board.participants.values()) attend(board, p);
          this.record(boardId, {
            kind: 'start',
            meetingId: res.state.meetingId,
            at: res.state.startedAt,
            leader: res.state.leader?.name ?? '',
          });
        }
        if (cmd.kind === 'end' && before) this.recordEnd(boardId, board, before.meetingId);
        this.leaderPresenceChanged(boardId, board);
        this.broadcast(boardId, board);
      }
      return { ok: true };
    };

    onMeetingCommands(socket, (schema, req, ack, toCommand) =>
      guard(schema, req, ack, (d, b) => command(d.boardId, b, toCommand(d, [...b.participants.values()]))),
    );
    onMeetingPointer(
      socket,
      this.io,
      guard,
      (boardId) => this.stateOf(boardId),
      () => this.opts.now(),
    );

    // Boards joined through board:join (see joined()).
    this.sockets.set(socket.id, joined);
    socket.on('disconnect', () => {
      this.sockets.delete(socket.id);
      for (const boardId of joined) this.left(socket.id, boardId);
      joined.clear();
    });
  }

  /** Call after `socket` joined the board's room: registers it and sends the current state. */
  joined(socket: RealtimeSocket, boardId: string): void {
    const joined = this.sockets.get(socket.id);
    if (!joined || !socket.connected) return;
    joined.add(boardId);
    let board = this.boards.get(boardId);
    if (!board) {
      board = { state: null, participants: new Map(), graceTimer: null, emptyTimer: null, attended: new Map() };
      this.boards.set(boardId, board);
    }
    board.participants.set(socket.id, actorOf(socket));
    if (board.state) attend(board, actorOf(socket));
    if (board.emptyTimer) {
      clearTimeout(board.emptyTimer);
      board.emptyTimer = null;
    }
    this.leaderPresenceChanged(boardId, board);
    socket.emit('meeting:state', { boardId, meeting: board.state, serverNow: this.opts.now() });
  }

  /** Stops all timers (server shutdown). */
  close(): void {
    for (const board of this.boards.values()) {
      if (board.graceTimer) clearTimeout(board.graceTimer);
      if (board.emptyTimer) clearTimeout(board.emptyTimer);
    }
    this.boards.clear();
  }

  private left(socketId: string, boardId: string): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    board.participants.delete(socketId);
    if (board.participants.size === 0) {
      if (!board.state) {
        this.clearGrace(board);
        this.boards.delete(boardId);
        return;
      }
      board.emptyTimer ??= this.timer(() => {
        this.clearGrace(board);
        this.boards.delete(boardId);
        if (board.state) this.recordEnd(boardId, board, board.state.meetingId);
        this.log.info('meeting ended: nobody connected', { board: boardId });
      }, this.opts.emptyEndMs);
    }
    this.leaderPresenceChanged(boardId, board);
  }

  /** Starts the leader's grace period when none of their sockets is on the board; stops it when one is. */
  private leaderPresenceChanged(boardId: string, board: BoardMeeting): void {
    const leader = board.state?.leader;
    const present = !leader || [...board.participants.values()].some((p) => p.userId === leader.userId);
    if (present) return this.clearGrace(board);
    if (board.graceTimer) return;
    const userId = leader.userId;
    board.graceTimer = this.timer(() => {
      board.graceTimer = null;
      const next = leaderLost(board.state, userId);
      if (next === board.state) return;
      board.state = next;
      this.broadcast(boardId, board);
    }, this.opts.leaderGraceMs);
  }

  /** Fire and forget: the live control never waits for the disk; failures are logged. */
  private record(boardId: string, event: MeetingRecordEvent): void {
    this.opts.record?.(boardId, event).catch((err: unknown) => {
      this.log.error('recording the meeting in the board failed', { board: boardId, ...event, err });
    });
  }

  private recordEnd(boardId: string, board: BoardMeeting, meetingId: string): void {
    const attendees = [...new Set(board.attended.values())].sort((a, b) => a.localeCompare(b, 'da'));
    this.record(boardId, { kind: 'end', meetingId, at: this.opts.now(), attendees });
    board.attended.clear();
  }

  private clearGrace(board: BoardMeeting): void {
    if (board.graceTimer) clearTimeout(board.graceTimer);
    board.graceTimer = null;
  }

  private broadcast(boardId: string, board: BoardMeeting): void {
    this.io.to(boardRoom(boardId)).emit('meeting:state', { boardId, meeting: board.state, serverNow: this.opts.now() });
  }

  private timer(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  }
}
