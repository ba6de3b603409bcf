import type { z } from 'zod';
import { boardRoom } from '../../shared/protocol/events.js';
import {
  meetingError,
  type MeetingAck,
  type MeetingActor,
  type MeetingCommand,
  type MeetingState,
} from '../../shared/rules/meetingControl.js';
import {
  applySharedCommand,
  sweepMeeting,
  type MeetingRecordEffect,
  type SharedCommandResult,
  type SharedMeetingRecord,
} from '../../shared/rules/meetingShared.js';
import { PRESENCE_REFRESH_MS, type MeetingStore } from '../cluster/meetingStore.js';
import type { Logger } from '../logging.js';
import type { MeetingOptions } from './meetingRoom.js';
import {
  actorOf,
  joinedRequest,
  onMeetingCommands,
  onMeetingPointer,
  replyOf,
  type RealtimeSocket,
} from './meetingEvents.js';
import type { RealtimeServer } from './socketio.js';

const sameState = (a: MeetingState | null | undefined, b: MeetingState | null) =>
  JSON.stringify(a ?? null) === JSON.stringify(b);

/**
 * Meeting control when several nodes serve the boards (REDIS_URL; MeetingRooms is the one-
 * process version and stays as it was). The same socket events and answers, but the state is
 * the shared record in Redis (server/cluster/meetingStore.ts), changed only by compare-and-set
 * (shared/rules/meetingShared.ts), and every node shows every newer record to its own sockets.
 * Who is on a board is this node's sockets plus the other nodes' presence entries; the timers
 * are a sweep every node runs each second over the active boards, so they fire once and survive
 * the node that started them. docs/operations.md "Meeting control across nodes".
 */
export class ClusterMeetingRooms {
  /** This node's sockets per board: socket id → actor. */
  private readonly local = new Map<string, Map<string, MeetingActor>>();
  /** Connected sockets → the boards each joined. */
  private readonly sockets = new Map<string, Set<string>>();
  private readonly tick: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly io: RealtimeServer,
    private readonly store: MeetingStore,
    private readonly opts: MeetingOptions,
    private readonly log: Logger,
  ) {
    store.onChange((boardId, prev, rec) => {
      if (sameState(prev?.state, rec.state)) return;
      // Only this node's sockets: every node hears the record and tells its own.
      this.io.local
        .to(boardRoom(boardId))
        .emit('meeting:state', { boardId, meeting: rec.state, serverNow: this.opts.now() });
    });
    this.tick = setInterval(() => void this.sweepAll(), PRESENCE_REFRESH_MS);
    this.tick.unref();
  }

  stateOf(boardId: string): MeetingState | null {
    return this.store.shown(boardId)?.state ?? null;
  }

  attach(socket: RealtimeSocket): void {
    const joined = new Set<string>();

    const guard = <T extends { boardId: string }>(
      schema: z.ZodType<T>,
      req: unknown,
      ack: unknown,
      run: (data: T) => Promise<MeetingAck> | MeetingAck,
    ): void => {
      const reply = replyOf(ack);
      const data = joinedRequest(socket, joined, schema, req, reply);
      if (data === null) return;
      Promise.resolve()
        .then(() => run(data))
        .then(reply, (err: unknown) => {
          // Redis unreachable (or a write storm): say so; the state stays what it was.
          this.log.warn('meeting request failed', { err });
          reply({ ok: false, error: meetingError('unavailable') });
        });
    };

    const command = async (boardId: string, cmd: (present: MeetingActor[]) => MeetingCommand): Promise<MeetingAck> => {
      const present = await this.present(boardId);
      const actor = actorOf(socket);
      const { answer, written } = await this.store.update<SharedCommandResult>(boardId, (rec) => {
        const res = applySharedCommand(rec, cmd(present), actor, this.opts.now(), present);
        return res.ok ? { next: res.next, answer: res } : { next: null, answer: res };
      });
      if (!answer.ok) return answer;
      if (written && answer.effect) this.record(boardId, answer.effect);
      return { ok: true };
    };

    onMeetingCommands(socket, (schema, req, ack, toCommand) =>
      guard(schema, req, ack, (d) => command(d.boardId, (present) => toCommand(d, present))),
    );
    // Checked against the state this node shows.
    onMeetingPointer(
      socket,
      this.io,
      guard,
      (boardId) => this.stateOf(boardId),
      () => this.opts.now(),
    );

    socket.on('disconnect', () => {
      this.sockets.delete(socket.id);
      for (const boardId of joined) {
        const here = this.local.get(boardId);
        here?.delete(socket.id);
        if (here?.size === 0) this.local.delete(boardId);
        void this.changed(boardId);
      }
      joined.clear();
    });
    this.sockets.set(socket.id, joined);
  }

  /** After `socket` joined the board's room: count it as present and send it the state. */
  joined(socket: RealtimeSocket, boardId: string): void {
    const joined = this.sockets.get(socket.id);
    if (!joined || !socket.connected) return;
    joined.add(boardId);
    let here = this.local.get(boardId);
    if (!here) this.local.set(boardId, (here = new Map()));
    here.set(socket.id, actorOf(socket));
    void this.store
      .read(boardId)
      .then((rec) => this.store.seen(boardId, rec))
      .catch(() => this.store.markStale())
      .finally(() => {
        const meeting = this.stateOf(boardId);
        socket.emit('meeting:state', { boardId, meeting, serverNow: this.opts.now() });
        void this.changed(boardId);
      });
  }

  close(): void {
    clearInterval(this.tick);
  }

  /** Presence changed on this node: publish it and evaluate the board's timers at once. */
  private async changed(boardId: string): Promise<void> {
    try {
      await this.publishPresence(boardId);
      await this.sweep(boardId);
    } catch (err) {
      this.store.markStale();
      this.log.warn('meeting presence update failed', { board: boardId, err });
    }
  }

  private async publishPresence(boardId: string): Promise<void> {
    const actors = [...(this.local.get(boardId)?.values() ?? [])];
    await this.store.setPresence(boardId, actors, this.opts.now());
  }

  private async present(boardId: string): Promise<MeetingActor[]> {
    await this.publishPresence(boardId);
    return this.store.present(boardId, this.opts.now());
  }

  /** One board's timers: the CAS makes a second node's identical sweep a no-op. */
  private async sweep(boardId: string): Promise<void> {
    const present = await this.store.present(boardId, this.opts.now());
    const { answer, written } = await this.store.update(boardId, (rec: SharedMeetingRecord) => {
      const res = sweepMeeting(rec, present, this.opts.now(), this.opts);
      return { next: res.next, answer: res.effect };
    });
    if (written && answer) {
      this.log.info('meeting ended: nobody connected', { board: boardId });
      this.record(boardId, answer);
    }
  }

  /** Each second: refresh this node's presence, write back after a Redis outage, sweep. */
  private async sweepAll(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      for (const boardId of this.local.keys()) await this.publishPresence(boardId);
      await this.store.resync();
      for (const boardId of await this.store.activeBoards()) await this.sweep(boardId);
    } catch (err) {
      this.store.markStale();
      this.log.debug('meeting sweep failed', { err });
    } finally {
      this.ticking = false;
    }
  }

  /** Only the CAS winner gets here, so the board doc gets each start and end once. */
  private record(boardId: string, effect: MeetingRecordEffect): void {
    this.log.info('meeting recorded', { board: boardId, kind: effect.kind, meetingId: effect.meetingId });
    const event =
      effect.kind === 'start'
        ? { kind: 'start' as const, meetingId: effect.meetingId, at: effect.at, leader: effect.leader }
        : { kind: 'end' as const, meetingId: effect.meetingId, at: effect.at, attendees: effect.attendees };
    this.opts.record?.(boardId, event).catch((err: unknown) => {
      this.log.error('recording the meeting in the board failed', { board: boardId, kind: effect.kind, err });
    });
  }
}
