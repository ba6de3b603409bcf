import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import type { TriageEvent, TriageResponse } from '../model/meeting.js';
import { neverDiscussedSince } from './agenda.js';
import { calendarDaysBetween } from './cadence.js';
import { toIsoDate } from './dates.js';
import { followUpsForCard, isClosedCard, type LifecycleContext } from './lifecycle.js';
import { cardResponseClock, type TriageConfig } from './triage.js';

/*
 * The cockpit's two state figures that are not card changes (issue #13, R30): citizens not
 * discussed for N days (R8) and response clocks past their deadline (R11). They change with
 * the calendar and with meeting data, so the server takes them as a snapshot of a board now
 * and then (server/styring/recorder.ts) and the cockpit reads the snapshot from SQL.
 */

export interface BoardStateInput {
  cards: readonly Card[];
  phases: readonly Phase[];
  /** Card id → the date it was last discussed (MeetingDoc.lastDiscussed). */
  lastDiscussed: Readonly<Record<string, string>>;
  triageEvents: readonly TriageEvent[];
  triageResponses: Readonly<Record<string, TriageResponse>>;
  triageConfig: TriageConfig;
  notDiscussedDays: number;
  /** The board's cadence context, for the follow-ups (as the agenda computes them). */
  lifecycle?: LifecycleContext;
  now: Date;
}

export interface BoardStateCounts {
  activeCitizens: number;
  notDiscussed: number;
  responseOverdue: number;
  /** Active citizens with a follow-up past its window (the agenda's "follow-up-overdue"). */
  followUpsOverdue: number;
}

/** The figures of two sets of cards together: every figure is a count of cards. */
export function addStateCounts(a: BoardStateCounts, b: BoardStateCounts): BoardStateCounts {
  return {
    activeCitizens: a.activeCitizens + b.activeCitizens,
    notDiscussed: a.notDiscussed + b.notDiscussed,
    responseOverdue: a.responseOverdue + b.responseOverdue,
    followUpsOverdue: a.followUpsOverdue + b.followUpsOverdue,
  };
}

export const NO_STATE_COUNTS: BoardStateCounts = Object.freeze({
  activeCitizens: 0,
  notDiscussed: 0,
  responseOverdue: 0,
  followUpsOverdue: 0,
});

export function boardStateCounts(input: BoardStateInput): BoardStateCounts {
  const today = toIsoDate(input.now);
  const now = input.now.toISOString();
  const active = input.cards.filter((c) => !isClosedCard(c, input.phases));
  let notDiscussed = 0;
  let responseOverdue = 0;
  let followUpsOverdue = 0;
  for (const card of active) {
    if (followUpsForCard(card, today, input.lifecycle).some((f) => f.status === 'overdue')) followUpsOverdue++;
    const since = input.lastDiscussed[card.id] ?? neverDiscussedSince(card);
    if (calendarDaysBetween(since, today) >= input.notDiscussedDays) notDiscussed++;
    const clock = cardResponseClock(card, {
      events: input.triageEvents,
      response: input.triageResponses[card.id] ?? null,
      now,
      config: input.triageConfig,
      phases: input.phases,
    });
    if (clock?.status === 'overdue') responseOverdue++;
  }
  return { activeCitizens: active.length, notDiscussed, responseOverdue, followUpsOverdue };
}
