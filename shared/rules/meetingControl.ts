import { z } from 'zod';
import { IdSchema } from '../model/ids.js';
import { AgendaItemIdSchema, MeetingTypeSchema, type MeetingType } from '../model/meeting.js';
import type { Role } from '../model/user.js';

/*
 * Live meeting control (issue "Meetings", R17): who leads, which agenda item is on, and
 * the clocks. Pure and transport-agnostic: the server's socket.io binding
 * (server/realtime/meetingRoom.ts) feeds it commands with the actor taken from the session
 * and the time from its clock, and broadcasts the resulting state. Clients use the same
 * types and `meetingClock` to show the timers.
 *
 * The state is ephemeral by design (memory only, per board): the agenda and the outcomes
 * live in the board's Yjs document.
 *
 * Time model: all instants are epoch milliseconds of the SERVER's clock. The server sends
 * them with its `serverNow`; a client computes its offset once per message and runs the
 * clocks locally, so there are no per-second ticks over the wire.
 */

// ---------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------

export interface MeetingLeader {
  userId: string;
  name: string;
}

/** Who does something, always from the session — never from a payload. */
export interface MeetingActor extends MeetingLeader {
  role: Role;
  color: string;
  /** "Kun læseadgang": may follow the meeting, not lead it or point. */
  readOnly?: boolean;
}

export interface MeetingState {
  meetingId: string;
  type: MeetingType;
  /** null: the leader left (after the grace period); an eligible participant may take over. */
  leader: MeetingLeader | null;
  startedAt: number;
  /** The agenda item being discussed (`AgendaItem.id`); null when the agenda was empty at the start. */
  currentItemId: string | null;
  /** The card of that item; null for an item without a citizen (a general question). */
  currentCardId: string | null;
  itemStartedAt: number | null;
  /** The item's time box in seconds; null: no time box. */
  itemTimeBoxSec: number | null;
  paused: boolean;
  /** When the current pause began; null when not paused. */
  pausedAt: number | null;
  /** Paused time of the whole meeting so far (closed pauses only). */
  pausedMs: number;
  /** Paused time within the current item (closed pauses only). */
  itemPausedMs: number;
  /** Bumped on every change, so clients can drop a stale message. */
  version: number;
}

// ---------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------

/** Roles that may lead (start, take over, be handed) a meeting. Not the wall screen. */
export const MEETING_LEADER_ROLES: ReadonlySet<Role> = new Set<Role>([
  'koordinator',
  'leder',
  'sygeplejerske',
  'terapeut',
  'visitator',
  'ssa',
  'ssh',
  'administrator',
]);

type Who = Role | { role: Role; readOnly?: boolean };
const roleOf = (who: Who): Role => (typeof who === 'string' ? who : who.role);
const readOnly = (who: Who): boolean => typeof who !== 'string' && who.readOnly === true;

export function canLeadMeeting(who: Who): boolean {
  return MEETING_LEADER_ROLES.has(roleOf(who)) && !readOnly(who);
}

/** Any participant may point at a card, except the wall screen and read-only users. */
export function canPointInMeeting(who: Who): boolean {
  return roleOf(who) !== 'skaerm' && !readOnly(who);
}

// ---------------------------------------------------------------------------------------
// Payloads (validated on the server; the client may reuse them)
// ---------------------------------------------------------------------------------------

/** Longest time box one item may have: 2 hours. */
export const MAX_TIME_BOX_SEC = 7200;
/** How long a pointer highlight stays visible. */
export const POINT_VISIBLE_MS = 4000;
/** Pointer rate limit per socket: at most this many per window. */
export const POINT_RATE = { max: 5, windowMs: 1000 } as const;

/** An agenda item to make current: its id, its citizen and its time box. */
const MeetingItemRefSchema = z.strictObject({
  itemId: AgendaItemIdSchema,
  cardId: IdSchema.nullable(),
  timeBoxSec: z.number().int().min(1).max(MAX_TIME_BOX_SEC).nullable(),
});
export type MeetingItemRef = z.infer<typeof MeetingItemRefSchema>;

export const MeetingStartSchema = z.strictObject({
  boardId: IdSchema,
  meetingId: IdSchema,
  type: MeetingTypeSchema,
  /** The first item: current from the first instant, so the wall never shows a meeting about nothing. */
  first: MeetingItemRefSchema.nullable().optional(),
});
export const MeetingGotoSchema = MeetingItemRefSchema.extend({ boardId: IdSchema });
export const MeetingPauseSchema = z.strictObject({ boardId: IdSchema, paused: z.boolean() });
export const MeetingBoardSchema = z.strictObject({ boardId: IdSchema });
export const MeetingHandoverSchema = z.strictObject({ boardId: IdSchema, userId: IdSchema });
export const MeetingPointSchema = z.strictObject({ boardId: IdSchema, cardId: IdSchema });

export type MeetingStartRequest = z.infer<typeof MeetingStartSchema>;
export type MeetingGotoRequest = z.infer<typeof MeetingGotoSchema>;
export type MeetingPauseRequest = z.infer<typeof MeetingPauseSchema>;
export type MeetingBoardRequest = z.infer<typeof MeetingBoardSchema>;
export type MeetingHandoverRequest = z.infer<typeof MeetingHandoverSchema>;
export type MeetingPointRequest = z.infer<typeof MeetingPointSchema>;

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

export const MEETING_ERROR_MESSAGES = {
  invalid_request: 'Ugyldig forespørgsel.',
  not_joined: 'Du er ikke på denne tavle.',
  forbidden: 'Din rolle må ikke styre møder.',
  no_meeting: 'Der kører intet møde.',
  meeting_running: 'Der kører allerede et møde.',
  not_leader: 'Kun mødelederen kan gøre det.',
  leader_present: 'Mødet har allerede en mødeleder.',
  not_present: 'Personen er ikke med i mødet.',
  rate_limited: 'For mange på kort tid – vent et øjeblik.',
  unavailable: 'Mødestyringen kan ikke nås lige nu – prøv igen om lidt.',
  internal: 'Noget gik galt på serveren.',
} as const;
export type MeetingErrorCode = keyof typeof MEETING_ERROR_MESSAGES;

export interface MeetingError {
  code: MeetingErrorCode;
  message: string;
}

export type MeetingAck = { ok: true } | { ok: false; error: MeetingError };

export function meetingError(code: MeetingErrorCode): MeetingError {
  return { code, message: MEETING_ERROR_MESSAGES[code] };
}

// ---------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------

export type MeetingCommand =
  | { kind: 'start'; meetingId: string; type: MeetingType; first?: MeetingItemRef | null }
  | { kind: 'goto'; itemId: string; cardId: string | null; timeBoxSec: number | null }
  | { kind: 'pause'; paused: boolean }
  | { kind: 'end' }
  | { kind: 'takeover' }
  /** `to`: the target as present in the room (resolved by the transport), null if absent. */
  | { kind: 'handover'; to: MeetingActor | null };

export type MeetingResult =
  { ok: true; state: MeetingState | null; changed: boolean } | { ok: false; error: MeetingError };

const fail = (code: MeetingErrorCode): MeetingResult => ({ ok: false, error: meetingError(code) });
const done = (state: MeetingState | null): MeetingResult => ({ ok: true, state, changed: true });
const leaderOf = (a: MeetingActor): MeetingLeader => ({ userId: a.userId, name: a.name });
const bump = (s: MeetingState, patch: Partial<MeetingState>): MeetingState => ({
  ...s,
  ...patch,
  version: s.version + 1,
});

/** Closes a running pause at `now` (no-op when not paused). */
function resumed(s: MeetingState, now: number): Partial<MeetingState> {
  if (!s.paused || s.pausedAt === null) return {};
  const d = Math.max(0, now - s.pausedAt);
  return { paused: false, pausedAt: null, pausedMs: s.pausedMs + d, itemPausedMs: s.itemPausedMs + d };
}

/**
 * Applies one command of `actor` to a board's meeting state at `now`. Never throws; a
 * refused command leaves the state as it was.
 *
 * - start: eligible roles, only when no meeting runs; the starter leads; `first` (the
 *   agenda's first open item) is current from the start.
 * - goto / pause / handover: the leader only. `goto` restarts the item clock and ends a pause.
 * - end: the leader — or, while nobody leads, any eligible participant.
 * - takeover: any eligible participant while nobody leads (the leader's grace period has
 *   run out); the leader's own user may "take over" at any time (another device).
 */
export function applyMeetingCommand(
  state: MeetingState | null,
  cmd: MeetingCommand,
  actor: MeetingActor,
  now: number,
): MeetingResult {
  if (cmd.kind === 'start') {
    if (!canLeadMeeting(actor)) return fail('forbidden');
    if (state) return fail('meeting_running');
    return done({
      meetingId: cmd.meetingId,
      type: cmd.type,
      leader: leaderOf(actor),
      startedAt: now,
      currentItemId: cmd.first?.itemId ?? null,
      currentCardId: cmd.first?.cardId ?? null,
      itemStartedAt: cmd.first ? now : null,
      itemTimeBoxSec: cmd.first?.timeBoxSec ?? null,
      paused: false,
      pausedAt: null,
      pausedMs: 0,
      itemPausedMs: 0,
      version: 1,
    });
  }
  if (!canLeadMeeting(actor)) return fail('forbidden');
  if (!state) return fail('no_meeting');
  const isLeader = state.leader?.userId === actor.userId;

  switch (cmd.kind) {
    case 'goto':
      if (!isLeader) return fail('not_leader');
      return done(
        bump(state, {
          ...resumed(state, now),
          currentItemId: cmd.itemId,
          currentCardId: cmd.cardId,
          itemStartedAt: now,
          itemTimeBoxSec: cmd.timeBoxSec,
          itemPausedMs: 0,
        }),
      );
    case 'pause':
      if (!isLeader) return fail('not_leader');
      if (cmd.paused === state.paused) return { ok: true, state, changed: false };
      return done(bump(state, cmd.paused ? { paused: true, pausedAt: now } : resumed(state, now)));
    case 'end':
      if (!isLeader && state.leader !== null) return fail('not_leader');
      return done(null);
    case 'takeover':
      if (isLeader) return { ok: true, state, changed: false };
      if (state.leader !== null) return fail('leader_present');
      return done(bump(state, { leader: leaderOf(actor) }));
    case 'handover':
      if (!isLeader) return fail('not_leader');
      if (!cmd.to) return fail('not_present');
      if (!canLeadMeeting(cmd.to)) return fail('forbidden');
      if (cmd.to.userId === actor.userId) return { ok: true, state, changed: false };
      return done(bump(state, { leader: leaderOf(cmd.to) }));
  }
}

/** The leader's grace period ran out without them coming back: the meeting goes on leaderless. */
export function leaderLost(state: MeetingState | null, userId: string): MeetingState | null {
  if (!state || state.leader?.userId !== userId) return state;
  return bump(state, { leader: null });
}

// ---------------------------------------------------------------------------------------
// Pointer
// ---------------------------------------------------------------------------------------

export interface MeetingPointed {
  cardId: string;
  by: { userId: string; name: string; color: string };
  /** Server time until which the highlight shows. */
  until: number;
}

export function pointAt(
  state: MeetingState | null,
  cardId: string,
  actor: MeetingActor,
  now: number,
): { ok: true; pointed: MeetingPointed } | { ok: false; error: MeetingError } {
  if (!canPointInMeeting(actor)) return { ok: false, error: meetingError('forbidden') };
  if (!state) return { ok: false, error: meetingError('no_meeting') };
  return {
    ok: true,
    pointed: {
      cardId,
      by: { userId: actor.userId, name: actor.name, color: actor.color },
      until: now + POINT_VISIBLE_MS,
    },
  };
}

/** Sliding-window limiter: at most `max` events within any `windowMs` (clock injected). */
export class RateLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt at `now`; false (and not counted) when over the limit. */
  allow(now: number): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(now);
    return true;
  }
}

// ---------------------------------------------------------------------------------------
// Clocks (for the client)
// ---------------------------------------------------------------------------------------

export interface MeetingClock {
  meetingElapsedMs: number;
  /** null before the first item. */
  itemElapsedMs: number | null;
  /** Negative once the time box is overrun; null without an item or time box. */
  itemRemainingMs: number | null;
  /** The time box is used up (the gentle overrun signal). */
  overrun: boolean;
}

/** The clocks at server time `now` (a client passes `Date.now() + offset`; offset = serverNow - receivedAt). */
export function meetingClock(state: MeetingState, now: number): MeetingClock {
  const at = state.paused && state.pausedAt !== null ? state.pausedAt : now;
  const meetingElapsedMs = Math.max(0, at - state.startedAt - state.pausedMs);
  if (state.itemStartedAt === null) {
    return { meetingElapsedMs, itemElapsedMs: null, itemRemainingMs: null, overrun: false };
  }
  const itemElapsedMs = Math.max(0, at - state.itemStartedAt - state.itemPausedMs);
  const itemRemainingMs = state.itemTimeBoxSec === null ? null : state.itemTimeBoxSec * 1000 - itemElapsedMs;
  return { meetingElapsedMs, itemElapsedMs, itemRemainingMs, overrun: itemRemainingMs !== null && itemRemainingMs < 0 };
}
