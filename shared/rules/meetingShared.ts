import type { ScreenHiddenMessage } from '../protocol/events.js';
import {
  applyMeetingCommand,
  leaderLost,
  type MeetingActor,
  type MeetingCommand,
  type MeetingError,
  type MeetingState,
} from './meetingControl.js';

/*
 * A board's live meeting control when several nodes serve it (issue #14, docs/operations.md
 * "Meeting control across nodes"). The whole record lives in one shared place (Redis) under a
 * revision number and is only ever replaced by compare-and-set: read record + rev, compute the
 * next record here (pure), write it only if the rev is still the one read. So of two commands
 * racing on two nodes exactly one wins; the loser re-reads and is answered from the new record
 * (e.g. "Der kører allerede et møde.").
 *
 * Timers are not armed per node: the record says since when the leader or everybody has been
 * gone, and any node's sweep (`sweepMeeting`) turns that into "leader lost" or "meeting
 * ended" once the time is up. A second node doing the same sweep finds the rev moved on and
 * does nothing, so each fires once, whichever node armed it and whether or not it still lives.
 */

export interface SharedMeetingRecord {
  /** Grows on every write; see `nextRev`. 0: nothing written yet. */
  rev: number;
  state: MeetingState | null;
  /** Server time from which no socket of the leader was on the board (any node); null: present. */
  leaderGoneSince: number | null;
  /** Server time from which nobody was on the board during a running meeting; null: someone is. */
  emptySince: number | null;
  /** The minutes' participants so far: userId → name (not wall screens). */
  attended: Record<string, string>;
  /** "Skjul alt": the last toggle, null when never toggled. */
  screen: ScreenHiddenMessage | null;
}

export const EMPTY_MEETING_RECORD: SharedMeetingRecord = {
  rev: 0,
  state: null,
  leaderGoneSince: null,
  emptySince: null,
  attended: {},
  screen: null,
};

/**
 * The next revision: one more than the last, and at least the write's time in microseconds.
 * The time floor keeps revisions growing even when Redis lost every key (restart without its
 * append-only file) and no node could write the last record back: a fresh record still
 * outranks anything shown before, so no node ignores it as stale.
 */
export function nextRev(prev: number, now: number): number {
  return Math.max(prev + 1, Math.floor(now) * 1000);
}

/** Whether `incoming` should replace what a node has shown (`shown` undefined: nothing yet). */
export function isNewerRecord(incoming: SharedMeetingRecord, shown: SharedMeetingRecord | undefined): boolean {
  return !shown || incoming.rev > shown.rev;
}

/**
 * The write-back rule after Redis came back: a node's last seen record goes back only if
 * Redis has none for the board or an older one (the same test runs in Redis, atomically).
 */
export function writeBackWins(mine: SharedMeetingRecord, inRedis: SharedMeetingRecord | null): boolean {
  return mine.rev > 0 && (inRedis === null || inRedis.rev < mine.rev);
}

/** Whether a record must be kept (and written back) at all: a meeting runs or the screens are hidden. */
export function isActiveRecord(r: SharedMeetingRecord): boolean {
  return r.state !== null || r.screen?.hidden === true;
}

const attendeesOf = (present: readonly MeetingActor[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const a of present) if (a.role !== 'skaerm' && a.name.trim()) out[a.userId] = a.name.trim();
  return out;
};

/** The names for the minutes, sorted as Danish. */
export function attendeeNames(r: SharedMeetingRecord): string[] {
  return [...new Set(Object.values(r.attended))].sort((a, b) => a.localeCompare(b, 'da'));
}

/** What the CAS winner must do besides writing the record: the board doc's start/end entry. */
export type MeetingRecordEffect =
  | { kind: 'start'; meetingId: string; at: number; leader: string }
  | { kind: 'end'; meetingId: string; at: number; attendees: string[] };

export type SharedCommandResult =
  | { ok: true; next: SharedMeetingRecord | null; effect: MeetingRecordEffect | null }
  | { ok: false; error: MeetingError };

/**
 * One command on the shared record. `present`: every participant on the board across all
 * nodes (the starter's attendance, a handover's target). `next` null: nothing changed.
 */
export function applySharedCommand(
  rec: SharedMeetingRecord,
  cmd: MeetingCommand,
  actor: MeetingActor,
  now: number,
  present: readonly MeetingActor[],
): SharedCommandResult {
  const res = applyMeetingCommand(rec.state, cmd, actor, now);
  if (!res.ok) return res;
  if (!res.changed) return { ok: true, next: null, effect: null };
  const next: SharedMeetingRecord = { ...rec, rev: nextRev(rec.rev, now), state: res.state, leaderGoneSince: null };
  if (cmd.kind === 'start' && res.state) {
    next.attended = attendeesOf([...present, actor]);
    next.emptySince = null;
    const effect = {
      kind: 'start',
      meetingId: res.state.meetingId,
      at: res.state.startedAt,
      leader: actor.name,
    } as const;
    return { ok: true, next, effect };
  }
  if (cmd.kind === 'end' && rec.state) {
    const effect = { kind: 'end', meetingId: rec.state.meetingId, at: now, attendees: attendeeNames(rec) } as const;
    return { ok: true, next: { ...next, attended: {}, emptySince: null }, effect };
  }
  return { ok: true, next, effect: null };
}

export interface SweepOptions {
  leaderGraceMs: number;
  emptyEndMs: number;
}

/**
 * The timers, evaluated from the shared record and who is present now (across nodes). Any
 * node may run it at any time; `next` null: nothing to write.
 *
 * - someone present: attendance grows, the empty clock stops;
 * - nobody present: the empty clock starts; after `emptyEndMs` the meeting ends (effect: end);
 * - the leader absent: their clock starts; after `leaderGraceMs` the lead is free
 *   (`leaderLost`); the leader back: the clock stops.
 */
export function sweepMeeting(
  rec: SharedMeetingRecord,
  present: readonly MeetingActor[],
  now: number,
  opts: SweepOptions,
): { next: SharedMeetingRecord | null; effect: MeetingRecordEffect | null } {
  const state = rec.state;
  if (!state) return { next: null, effect: null };
  let next = rec;
  const patch = (p: Partial<SharedMeetingRecord>) => (next = { ...next, ...p });

  if (present.length === 0) {
    const since = rec.emptySince ?? now;
    if (now - since >= opts.emptyEndMs) {
      const effect = { kind: 'end', meetingId: state.meetingId, at: now, attendees: attendeeNames(rec) } as const;
      const ended = { ...rec, rev: nextRev(rec.rev, now), state: null, leaderGoneSince: null, emptySince: null };
      return { next: { ...ended, attended: {} }, effect };
    }
    if (rec.emptySince === null) patch({ emptySince: now });
  } else {
    if (rec.emptySince !== null) patch({ emptySince: null });
    const attended = { ...rec.attended, ...attendeesOf(present) };
    if (Object.keys(attended).length !== Object.keys(rec.attended).length) patch({ attended });
  }

  const leader = state.leader;
  const leaderHere = !leader || present.some((p) => p.userId === leader.userId);
  if (leaderHere) {
    if (rec.leaderGoneSince !== null) patch({ leaderGoneSince: null });
  } else {
    const since = rec.leaderGoneSince ?? now;
    if (now - since >= opts.leaderGraceMs) patch({ state: leaderLost(state, leader.userId), leaderGoneSince: null });
    else if (rec.leaderGoneSince === null) patch({ leaderGoneSince: now });
  }
  return next === rec ? { next: null, effect: null } : { next: { ...next, rev: nextRev(rec.rev, now) }, effect: null };
}
