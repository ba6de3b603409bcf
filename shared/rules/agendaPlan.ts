import type { Card } from '../model/card.js';
import {
  MEETING_TYPES,
  type AgendaItem,
  type AgendaPlanSummary,
  type AgendaReason,
  type NotReachedItem,
  type TriageResponse,
} from '../model/meeting.js';
import {
  agendaContext,
  agendaItemIdForCard,
  compareAgendaItems,
  generateAgenda,
  neverDiscussedSince,
  reasonGroup,
  type AgendaContext,
  type GenerateAgendaInput,
} from './agenda.js';
import { addDaysToDate, calendarDaysBetween } from './cadence.js';
import { isClosedCard } from './lifecycle.js';
import { meetingsWithin, nextMeetingDay, spanOfMeetings } from './meetingSchedule.js';
import type { Lang } from './dates.js';
import { cardResponseClock, compareByName, type TriageConfig } from './triage.js';

/*
 * "Lav dagsorden" against a time budget (issue #11; digest R8 "ingen glemmes", R10
 * time-boxing). The rules of agenda.ts say why a citizen could be taken up; this file
 * decides what fits:
 *
 * 1. Must-discuss, never dropped (what the previous meeting of the type did not reach first,
 *    then by severity): red/yellow with a running or overdue response clock,
 *    triage changed since the last meeting, follow-ups due or overdue (until discussed
 *    since they became so), an opstartsmøde due, a temporary change ending, a forløb
 *    started since the previous meeting ("ny borger"), nominations, the visitator's queue
 *    on her day. If they alone exceed the budget the plan says by how much.
 * 2. The rotation: every other active citizen, the one not discussed for longest first
 *    (those not reached last time before anyone), as a ½-minute "alt vel?" item, as long
 *    as the budget lasts.
 * 3. Not reached: rotation citizens whose turn it was (today's share of the N-day cycle,
 *    or who would pass N days before the next meeting) but who did not fit. Stored on the
 *    meeting; first in the rotation next time.
 *
 * Pure: no clock, no Yjs.
 */

/** A rotation item's time box, minutes: "alt vel?" (30 seconds). */
export const ROTATION_BOX_MIN = 0.5;
export const DEFAULT_ROTATION_DAYS = 14;
/** Weekdays: the daily tavlemøde's default schedule. */
const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

export interface PlanAgendaInput extends GenerateAgendaInput {
  /** The time budget, minutes (default: the meeting type's length). */
  budgetMin?: number;
  /** N: every active citizen at least every N days (default 14). */
  rotationDays?: number;
  /** ISO weekdays this meeting type is held on (default: weekdays); [] = no schedule. */
  meetingWeekdays?: readonly number[];
  triageResponses?: Readonly<Record<string, TriageResponse>>;
  triageConfig?: TriageConfig;
  /** Card ids not reached at the previous meeting of this type, in their order. */
  carriedOver?: readonly string[];
}

export interface AgendaPlan extends AgendaPlanSummary {
  /** Must-discuss first (agenda order), then the rotation. */
  items: AgendaItem[];
  mustCount: number;
}

/** Minutes of a must-discuss item: the type's time box, half of it for the light reasons. */
function mustBox(reasons: readonly AgendaReason[], box: number): number {
  const heavy = reasons.some((r) => !LIGHT.has(r.code));
  return heavy ? box : Math.max(ROTATION_BOX_MIN, Math.round(box) / 2);
}
/** Reasons that ask for a quick word, not a discussion (a date to note, a greeting to a new citizen). */
const LIGHT = new Set<AgendaReason['code']>([
  'follow-up-due',
  'opstart-to-plan',
  'temporary-change-ending',
  'new-citizen',
]);

/** Discussed on or after `date`? */
const discussedSince = (ctx: AgendaContext, cardId: string, date: string) => (ctx.lastDiscussed[cardId] ?? '') >= date;

/** Whether this reason alone puts the citizen on today's agenda whatever the budget. */
export function isMustReason(reason: AgendaReason, card: Card | null, ctx: AgendaContext, input: PlanAgendaInput) {
  const id = card?.id ?? '';
  switch (reason.code) {
    case 'red':
    case 'yellow': {
      if (!card) return false;
      const clock = cardResponseClock(card, {
        events: ctx.triageEvents,
        response: input.triageResponses?.[card.id] ?? null,
        now: ctx.now,
        config: input.triageConfig,
        phases: ctx.phases,
      });
      return clock !== null && (clock.status === 'running' || clock.status === 'overdue');
    }
    case 'triage-changed':
    case 'nominated':
    case 'request-pending':
    case 'question-for-visitator':
    case 'new-citizen':
      return true;
    case 'follow-up-due':
      // the daily meeting takes a follow-up on its due day, not the whole week before
      if (MEETING_TYPES[ctx.meetingType].cadence === 'daily' && reason.dueDate > ctx.today) return false;
      // due since the previous meeting, or due at a meeting that did not get to it
      return !discussedSince(ctx, id, reason.dueDate) && (ctx.lastMeetingAt !== null || reason.dueDate >= ctx.newSince);
    case 'follow-up-overdue':
      return !discussedSince(ctx, id, addDaysToDate(reason.windowEnd, 1));
    case 'opstart-overdue':
      return !discussedSince(ctx, id, addDaysToDate(reason.deadline, 1));
    case 'opstart-to-plan':
      return reasonGroup(reason, ctx.today) === 'due' && !discussedSince(ctx, id, addDaysToDate(reason.deadline, -3));
    case 'temporary-change-ending':
      return !discussedSince(ctx, id, addDaysToDate(reason.endDate, -ctx.temporaryChangeDays));
    case 'discharged':
      // until the review with the planner is marked done, whether discussed or not
      return true;
    case 'declined':
      // until discussed on or after the latest decline
      return !discussedSince(ctx, id, reason.lastOn);
    case 'not-discussed':
    case 'rotation':
      return false;
  }
}

const roundUp = (min: number) => Math.ceil(min - 1e-9);

/** The agenda that fits the budget, with its verdict (see the file comment). */
export function planAgenda(input: PlanAgendaInput): AgendaPlan {
  const ctx = agendaContext(input);
  const budgetMin = input.budgetMin ?? ctx.settings.durationMin;
  const rotationDays = input.rotationDays ?? DEFAULT_ROTATION_DAYS;
  const weekdays = input.meetingWeekdays ?? WEEKDAYS;
  const box = ctx.settings.defaultTimeBoxMin;
  const cards = new Map<string, Card>();
  for (const c of input.cards) if (!cards.has(c.id) && !isClosedCard(c, ctx.phases)) cards.set(c.id, c);

  // 1. must-discuss
  const generated = generateAgenda(input);
  const byCard = new Map(generated.filter((i) => i.cardId !== null).map((i) => [i.cardId!, i]));
  const must: AgendaItem[] = [];
  for (const item of generated) {
    const card = item.cardId === null ? null : (cards.get(item.cardId) ?? null);
    const mustReasons = item.reasons.filter((r) => isMustReason(r, card, ctx, input));
    if (item.cardId !== null && mustReasons.length === 0) continue;
    must.push({ ...item, timeBoxMin: mustBox(mustReasons, box) });
  }
  // what the previous meeting did not reach first (in its order), then by severity
  const carried = new Map((input.carriedOver ?? []).map((id, k) => [id, k]));
  const rank = (i: AgendaItem) => (i.cardId === null ? Infinity : (carried.get(i.cardId) ?? Infinity));
  const bySeverity = compareAgendaItems(input.today);
  must.sort((a, b) => rank(a) - rank(b) || bySeverity(a, b));
  const mustIds = new Set(must.map((i) => i.cardId));
  const mustMin = must.reduce((s, i) => s + i.timeBoxMin, 0);

  // 2. the rotation: carried over first, then not discussed for longest, then name
  const since = (c: Card) => ctx.lastDiscussed[c.id] ?? neverDiscussedSince(c);
  const queue = [...cards.values()]
    .filter((c) => !mustIds.has(c.id))
    .sort(
      (a, b) =>
        (carried.get(a.id) ?? Infinity) - (carried.get(b.id) ?? Infinity) ||
        (since(a) < since(b) ? -1 : since(a) > since(b) ? 1 : 0) ||
        compareByName(a, b),
    );
  const room = budgetMin - mustMin;
  const slots = room > 0 ? Math.floor(room / ROTATION_BOX_MIN + 1e-9) : 0;
  const rotation: AgendaItem[] = queue.slice(0, slots).map((c) => {
    const other = (byCard.get(c.id)?.reasons ?? []).filter((r) => r.code !== 'not-discussed');
    return {
      id: agendaItemIdForCard(c.id),
      cardId: c.id,
      title: c.name,
      reasons: [
        {
          code: 'rotation',
          since: since(c),
          lastDiscussedOn: ctx.lastDiscussed[c.id] ?? null,
          carriedOver: carried.has(c.id),
        },
        ...other,
      ],
      source: 'rule',
      timeBoxMin: ROTATION_BOX_MIN,
      status: 'pending',
    };
  });

  // 3. whose turn it was but who did not fit
  const perCycle = Math.max(1, meetingsWithin(rotationDays, weekdays));
  // a meeting without a schedule has no cycle to keep: nobody is "ikke nået"
  const share = weekdays.length === 0 ? 0 : Math.ceil(queue.length / perCycle);
  const next = nextMeetingDay(addDaysToDate(input.today, 1), weekdays);
  const notReached: NotReachedItem[] = queue
    .slice(slots)
    .filter(
      (c, k) =>
        slots + k < share || carried.has(c.id) || (next !== null && calendarDaysBetween(since(c), next) > rotationDays),
    )
    .map((c) => ({ cardId: c.id, title: c.name }));

  // the cycle at today's pace, and what the promise would take
  const cycleDays =
    weekdays.length === 0 || slots === 0 ? null : (spanOfMeetings(Math.ceil(queue.length / slots), weekdays) ?? null);
  const items = [...must, ...rotation];
  return {
    items,
    mustCount: must.length,
    budgetMin,
    plannedMin: items.reduce((s, i) => s + i.timeBoxMin, 0),
    mustMin,
    overBudgetMin: Math.max(0, mustMin - budgetMin),
    rotationDays,
    cycleDays,
    rotationRoom: slots > 0 || queue.length === 0,
    neededMin: roundUp(mustMin + share * ROTATION_BOX_MIN),
    activeCount: cards.size,
    notReached,
  };
}

/** The part of a plan stored on the meeting (`MeetingDoc.setAgendaPlan`). */
export function planSummary(plan: AgendaPlan): AgendaPlanSummary {
  const { items: _items, mustCount: _mustCount, ...summary } = plan;
  return summary;
}

/** True when the rotation cannot keep its promise at this pace. */
export function cycleBroken(s: AgendaPlanSummary): boolean {
  return !s.rotationRoom || (s.cycleDays !== null && s.cycleDays > s.rotationDays);
}

/** "15 min", "14½ min", "½ min" (English: "14.5 min"). */
export function formatMinutes(min: number, lang: Lang = 'da'): string {
  const whole = Math.floor(min + 1e-9);
  const half = min - whole >= 0.5 - 1e-9;
  if (lang === 'en') return `${half ? whole + 0.5 : whole} min`;
  return `${whole === 0 && half ? '' : whole}${half ? '½' : ''} min`;
}

/**
 * The plan's verdict in plain words, most important first: the must-discuss items over
 * budget (and by how much), the rotation that cannot keep its promise (and what it would
 * take), else how full the agenda is. Never pretends: every line is a number from the plan.
 */
export function planVerdict(s: AgendaPlanSummary, lang: Lang = 'da'): string[] {
  const da = lang === 'da';
  const m = (x: number) => formatMinutes(x, lang);
  const out: string[] = [];
  if (s.overBudgetMin > 0) {
    out.push(
      da
        ? `Det, der skal drøftes, tager alene ${m(s.mustMin)} – ${m(s.overBudgetMin)} mere end mødets ${m(s.budgetMin)}.`
        : `What must be discussed alone takes ${m(s.mustMin)} – ${m(s.overBudgetMin)} more than the meeting's ${m(s.budgetMin)}.`,
    );
  } else {
    out.push(
      da
        ? `Dagsordenen fylder ${m(s.plannedMin)} af ${m(s.budgetMin)}.`
        : `The agenda takes ${m(s.plannedMin)} of ${m(s.budgetMin)}.`,
    );
  }
  if (!s.rotationRoom) {
    out.push(
      da
        ? `Der er ikke tid til rotationen i dag, så I når ikke rundt om alle ${s.activeCount} borgere inden for ${s.rotationDays} dage. Det kræver ca. ${m(s.neededMin)} om dagen.`
        : `No time for the rotation today, so you will not get round all ${s.activeCount} citizens within ${s.rotationDays} days. That takes about ${m(s.neededMin)} a day.`,
    );
  } else if (s.cycleDays !== null && s.cycleDays > s.rotationDays) {
    out.push(
      da
        ? `Med ${m(s.budgetMin)} når I rundt på ${s.cycleDays} dage – ${s.cycleDays - s.rotationDays} dage mere end de ${s.rotationDays}, I har sat. Det kræver ca. ${m(s.neededMin)} om dagen.`
        : `With ${m(s.budgetMin)} you get round in ${s.cycleDays} days – ${s.cycleDays - s.rotationDays} days more than the ${s.rotationDays} you set. That takes about ${m(s.neededMin)} a day.`,
    );
  } else if (s.cycleDays !== null) {
    out.push(
      da
        ? `Alle ${s.activeCount} aktive borgere tages op mindst hver ${s.rotationDays}. dag (i dette tempo på ${s.cycleDays} dage).`
        : `All ${s.activeCount} active citizens come up at least every ${s.rotationDays} days (at this pace in ${s.cycleDays} days).`,
    );
  }
  return out;
}
