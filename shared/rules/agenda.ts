import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import { REQUEST_KIND_LABELS } from '../model/lifecycle.js';
import {
  MEETING_TYPES,
  REASON_SEVERITY,
  type AgendaItem,
  type AgendaReason,
  type AgendaReasonCode,
  type AgendaRuleId,
  type LastDiscussed,
  type MeetingType,
  type MeetingTypeSettings,
  type Nomination,
  type PreparedAgenda,
  type TriageEvent,
  type VisitatorQuestion,
} from '../model/meeting.js';
import { addDaysToDate, calendarDaysBetween } from './cadence.js';
import { DEFAULT_CARE_SIGNAL_SETTINGS, type CareSignalSettings } from '../model/careSignals.js';
import { declinePattern, declinePatternText, dischargeAwaitingReview } from './careSignals.js';
import { toIsoDate, type Lang } from './dates.js';
import {
  followUpsForCard,
  forlobStartOf,
  isClosedCard,
  opstartStatusForCard,
  pendingRequests,
  type LifecycleContext,
} from './lifecycle.js';
import {
  TRIAGE_WORDS,
  changedSince,
  compareByName,
  isVisitatorDay,
  isoWeekday,
  triageSince,
  type TriageChange,
} from './triage.js';

/*
 * The agenda "Ingen glemmes" (digest R8–R10, R15, R16): from the cards and what happened
 * since the last meeting, one item per citizen with every reason it is on the agenda.
 *
 * Each rule is a small function `(card, ctx) → reasons` (AGENDA_RULES); the meeting type
 * says which rules run (MEETING_TYPES in model/meeting.ts). `generateAgenda` runs them,
 * merges all reasons of a card into one item, adds general "Spørg visitator" questions
 * and orders the items (see AGENDA_GROUPS). `mergeWithPrepared` lays a coordinator's
 * prepared agenda over a fresh run. Pure: no clock, no Yjs; `today` and `now` are inputs.
 */

// ---------------------------------------------------------------------------------------
// Input and context
// ---------------------------------------------------------------------------------------

/** Days before its end a temporary change is put on the agenda (R5). */
export const TEMPORARY_CHANGE_AGENDA_DAYS = 3;

export interface AgendaConfig {
  /** The municipality's changes to the meeting types' defaults. */
  meetingTypes?: Partial<Record<MeetingType, Partial<MeetingTypeSettings>>>;
  /** The fixed visitator's days, ISO weekdays (1 = Monday … 7 = Sunday). */
  visitatorDays?: readonly number[];
  /** Board template and custom templates for the follow-up rule. */
  lifecycle?: LifecycleContext;
  /** The board's columns: a card in a column of kind 'closed' is closed. */
  phases?: readonly Phase[];
  temporaryChangeDays?: number;
  /** The municipality's "nej tak" threshold (default 3 in 14 days). */
  careSignals?: CareSignalSettings;
}

export interface GenerateAgendaInput {
  meetingType: MeetingType;
  cards: readonly Card[];
  /** The meeting's date in Europe/Copenhagen (YYYY-MM-DD). */
  today: string;
  /** The current instant (ISO); triage changes after it are ignored. */
  now: string;
  /** When the previous meeting of this type ended; null when there was none. */
  lastMeetingAt: string | null;
  /**
   * With no ended meeting: the day of the previous scheduled meeting (rules/meetingSchedule.ts
   * `previousMeetingDay`), from which a started forløb counts as new. Default: yesterday.
   */
  previousMeetingDay?: string | null;
  triageEvents?: readonly TriageEvent[];
  lastDiscussed?: LastDiscussed;
  nominations?: readonly Nomination[];
  questions?: readonly VisitatorQuestion[];
  config?: AgendaConfig;
}

export interface AgendaContext {
  meetingType: MeetingType;
  settings: MeetingTypeSettings;
  /** The rules that run today (the type's rules, plus its visitator-day rules on those days). */
  activeRules: ReadonlySet<AgendaRuleId>;
  today: string;
  now: string;
  lastMeetingAt: string | null;
  /** A forløb started on or after this day is new ("ny borger"). */
  newSince: string;
  triageEvents: readonly TriageEvent[];
  triageChanges: ReadonlyMap<string, TriageChange>;
  lastDiscussed: LastDiscussed;
  nominationsByCard: ReadonlyMap<string, readonly Nomination[]>;
  questionsByCard: ReadonlyMap<string, readonly VisitatorQuestion[]>;
  lifecycle: LifecycleContext;
  phases: readonly Phase[];
  temporaryChangeDays: number;
  careSignals: CareSignalSettings;
}

/** The meeting type's settings with the municipality's changes. */
export function meetingSettings(meetingType: MeetingType, config: AgendaConfig = {}): MeetingTypeSettings {
  const base = MEETING_TYPES[meetingType];
  const o = config.meetingTypes?.[meetingType] ?? {};
  return {
    durationMin: o.durationMin ?? base.durationMin,
    defaultTimeBoxMin: o.defaultTimeBoxMin ?? base.defaultTimeBoxMin,
    rules: [...(o.rules ?? base.rules)],
    rulesOnVisitatorDays: [...(o.rulesOnVisitatorDays ?? base.rulesOnVisitatorDays)],
    notDiscussedDays: o.notDiscussedDays ?? base.notDiscussedDays,
  };
}

/** The rules that run for a meeting of this type on `today`. */
export function activeAgendaRules(
  meetingType: MeetingType,
  today: string,
  config: AgendaConfig = {},
): ReadonlySet<AgendaRuleId> {
  const s = meetingSettings(meetingType, config);
  const rules = new Set<AgendaRuleId>(s.rules);
  if (isVisitatorDay(today, config.visitatorDays ?? [])) for (const r of s.rulesOnVisitatorDays) rules.add(r);
  return rules;
}

function groupBy<T>(list: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    if (k === null) continue;
    const l = out.get(k) ?? [];
    l.push(t);
    out.set(k, l);
  }
  return out;
}

/** Everything the rules need, computed once per agenda. */
export function agendaContext(input: GenerateAgendaInput): AgendaContext {
  const config = input.config ?? {};
  const triageEvents = input.triageEvents ?? [];
  return {
    meetingType: input.meetingType,
    settings: meetingSettings(input.meetingType, config),
    activeRules: activeAgendaRules(input.meetingType, input.today, config),
    today: input.today,
    now: input.now,
    lastMeetingAt: input.lastMeetingAt,
    newSince: dayOf(input.lastMeetingAt ?? '') ?? input.previousMeetingDay ?? addDaysToDate(input.today, -1),
    triageEvents,
    triageChanges: new Map(changedSince(triageEvents, input.lastMeetingAt, input.now).map((c) => [c.cardId, c])),
    lastDiscussed: input.lastDiscussed ?? {},
    nominationsByCard: groupBy(input.nominations ?? [], (n) => n.cardId),
    questionsByCard: groupBy(input.questions ?? [], (q) => q.cardId),
    lifecycle: config.lifecycle ?? {},
    phases: config.phases ?? [],
    temporaryChangeDays: config.temporaryChangeDays ?? TEMPORARY_CHANGE_AGENDA_DAYS,
    careSignals: config.careSignals ?? DEFAULT_CARE_SIGNAL_SETTINGS,
  };
}

// ---------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------

export type AgendaRule = (card: Card, ctx: AgendaContext) => AgendaReason[];

/** [R11] Every red and yellow citizen, with since when. */
export const triageReasons: AgendaRule = (card, ctx) => {
  if (card.triage === 'green') return [];
  return [{ code: card.triage, since: triageSince(card, ctx.triageEvents) }];
};

/** [R11] The triage colour changed since the last meeting. */
export const triageChangedReasons: AgendaRule = (card, ctx) => {
  const c = ctx.triageChanges.get(card.id);
  if (!c) return [];
  return [{ code: 'triage-changed', from: c.from, to: c.to, at: c.at, byName: c.byName, count: c.count }];
};

/** Last day (Sunday) of the ISO week of `date`. */
export function endOfIsoWeek(date: string): string {
  return addDaysToDate(date, 7 - isoWeekday(date));
}

/**
 * [R2, R8] Follow-ups overdue, due now, or becoming due before the end of this ISO week
 * (so a weekly meeting on Monday sees Thursday's follow-up).
 */
export const followUpReasons: AgendaRule = (card, ctx) => {
  const weekEnd = endOfIsoWeek(ctx.today);
  const out: AgendaReason[] = [];
  for (const f of followUpsForCard(card, ctx.today, ctx.lifecycle)) {
    const ref = { followUpId: f.id, label: f.label, labelEn: f.labelEn, dueDate: f.dueDate, windowEnd: f.windowEnd };
    if (f.status === 'overdue') out.push({ code: 'follow-up-overdue', ...ref });
    else if (f.status === 'due' || (f.status === 'upcoming' && f.dueDate <= weekEnd))
      out.push({ code: 'follow-up-due', ...ref });
  }
  return out;
};

/** [R3, R9] The opstartsmøde is overdue, or not yet (validly) booked. */
export const opstartReasons: AgendaRule = (card, ctx) => {
  const s = opstartStatusForCard(card, ctx.today);
  if (s === null) return [];
  if (s.status === 'overdue') return [{ code: 'opstart-overdue', deadline: s.deadline }];
  if (s.status === 'awaiting' || s.status === 'due-soon') {
    return [{ code: 'opstart-to-plan', deadline: s.deadline, plannedAfterDeadline: s.plannedAfterDeadline }];
  }
  return [];
};

function createdOn(card: Card): string {
  const t = Date.parse(card.createdAt);
  return Number.isNaN(t) ? card.phaseEnteredAt : toIsoDate(new Date(t));
}

/**
 * The day "not discussed" counts from for a card never discussed: the later of the card's
 * creation and the start of its forløb (a board cannot have discussed a citizen before
 * the card existed; a referral created before care starts counts from the start).
 */
export function neverDiscussedSince(card: Card): string {
  const created = createdOn(card);
  const start = forlobStartOf(card);
  return start !== null && start > created ? start : created;
}

/** [R8] Not discussed for the meeting type's `notDiscussedDays` (14) or more. */
export const notDiscussedReasons: AgendaRule = (card, ctx) => {
  const last = ctx.lastDiscussed[card.id] ?? null;
  const since = last ?? neverDiscussedSince(card);
  if (calendarDaysBetween(since, ctx.today) < ctx.settings.notDiscussedDays) return [];
  return [{ code: 'not-discussed', since, lastDiscussedOn: last }];
};

/** Day 1 of the forløb, or (a referral not yet started) the day the card was created. */
export function startedOn(card: Card): string {
  return forlobStartOf(card) ?? createdOn(card);
}

/**
 * [R8, R9] "Ny borger": the forløb started since the previous meeting (on or after its day,
 * `newSince`) and the citizen has not been discussed since. Only those: a citizen who has
 * been on the board for a week is not new because nobody discussed them (issue #11).
 */
export const newCitizenReasons: AgendaRule = (card, ctx) => {
  const since = startedOn(card);
  if (since < ctx.newSince || since > ctx.today) return [];
  const last = ctx.lastDiscussed[card.id];
  if (last !== undefined && last >= since) return [];
  const o = card.lifecycle.opstart;
  return [{ code: 'new-citizen', since, planOpstart: o.heldOn === null && o.plannedDate === null }];
};

/** Someone asked for the citizen to be discussed (nominations older than the last discussion are done). */
export const nominationReasons: AgendaRule = (card, ctx) => {
  const last = ctx.lastDiscussed[card.id];
  return [...(ctx.nominationsByCard.get(card.id) ?? [])]
    .filter((n) => last === undefined || toIsoDate(new Date(n.at)) >= last)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1))
    .map((n) => ({ code: 'nominated', nominationId: n.id, byName: n.byName, at: n.at, note: n.note }));
};

/** [R15, R16] Open "Spørg visitator" questions and requests awaiting the visitator. */
export const visitatorReasons: AgendaRule = (card, ctx) => {
  const questions: AgendaReason[] = [...(ctx.questionsByCard.get(card.id) ?? [])]
    .filter((q) => q.status === 'open')
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1))
    .map((q) => ({ code: 'question-for-visitator', questionId: q.id, text: q.text, byName: q.byName, at: q.at }));
  const requests: AgendaReason[] = pendingRequests(card).map((r) => ({
    code: 'request-pending',
    requestId: r.id,
    kind: r.kind,
    reason: r.reason,
    byName: r.byName,
    at: r.at,
  }));
  return [...requests, ...questions];
};

/** [R5] A temporary change ending within `temporaryChangeDays` (3), or ended but still recorded. */
export const temporaryChangeReasons: AgendaRule = (card, ctx) => {
  const tc = card.lifecycle.temporaryChange;
  if (tc === null || calendarDaysBetween(ctx.today, tc.endDate) > ctx.temporaryChangeDays) return [];
  return [{ code: 'temporary-change-ending', text: tc.text, endDate: tc.endDate }];
};

/** [R27] Discharged from hospital and not yet gone through with the planner. */
export const dischargeReasons: AgendaRule = (card) => {
  const d = dischargeAwaitingReview(card);
  return d === null ? [] : [{ code: 'discharged', date: d.date }];
};

/** [R24] "Nej tak" N times in D days: a talk about why, never a closure. */
export const declineReasons: AgendaRule = (card, ctx) => {
  const now = new Date(ctx.now);
  if (Number.isNaN(now.getTime())) return [];
  const p = declinePattern(card.lifecycle.declines, now, ctx.careSignals);
  return p === null ? [] : [{ code: 'declined', count: p.count, days: p.days, lastOn: p.lastOn }];
};

/** Every rule by id, in the order they run. */
export const AGENDA_RULES: Readonly<Record<AgendaRuleId, AgendaRule>> = Object.freeze({
  triage: triageReasons,
  'triage-changed': triageChangedReasons,
  'follow-ups': followUpReasons,
  opstart: opstartReasons,
  'not-discussed': notDiscussedReasons,
  'new-citizen': newCitizenReasons,
  nominations: nominationReasons,
  visitator: visitatorReasons,
  'temporary-change': temporaryChangeReasons,
  discharge: dischargeReasons,
  declines: declineReasons,
});

// ---------------------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------------------

/** Item groups in agenda order; an item sits in the first group any of its reasons belongs to. */
export const AGENDA_GROUPS = [
  'red',
  'overdue',
  'yellow',
  'due',
  'visitator',
  'triage-changed',
  'nominated',
  'not-discussed',
  'new',
  'rotation',
] as const;
export type AgendaGroup = (typeof AGENDA_GROUPS)[number];

/** Days before the deadline from which an unbooked opstartsmøde counts as due (as opstart.ts 'due-soon'). */
const OPSTART_DUE_DAYS = 3;

export function reasonGroup(reason: AgendaReason, today: string): AgendaGroup {
  switch (reason.code) {
    case 'red':
    case 'yellow':
    case 'triage-changed':
    case 'nominated':
    case 'not-discussed':
      return reason.code;
    case 'follow-up-overdue':
    case 'opstart-overdue':
      return 'overdue';
    case 'follow-up-due':
    case 'temporary-change-ending':
    case 'discharged':
    case 'declined':
      return 'due';
    case 'opstart-to-plan':
      return reason.plannedAfterDeadline || calendarDaysBetween(today, reason.deadline) <= OPSTART_DUE_DAYS
        ? 'due'
        : 'new';
    case 'request-pending':
    case 'question-for-visitator':
      return 'visitator';
    case 'new-citizen':
      return 'new';
    case 'rotation':
      return 'rotation';
  }
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Within a group, smaller comes first: the longest in colour, the most overdue, the oldest. */
function urgency(reason: AgendaReason): number {
  let t: number;
  switch (reason.code) {
    case 'red':
    case 'yellow':
      t = reason.since === null ? NaN : Date.parse(reason.since);
      break;
    case 'follow-up-overdue':
    case 'follow-up-due':
      t = dayMs(reason.windowEnd);
      break;
    case 'opstart-overdue':
    case 'opstart-to-plan':
      t = dayMs(reason.deadline);
      break;
    case 'temporary-change-ending':
      t = dayMs(reason.endDate);
      break;
    case 'discharged':
      t = dayMs(reason.date);
      break;
    case 'declined':
      t = dayMs(reason.lastOn);
      break;
    case 'not-discussed':
    case 'new-citizen':
    case 'rotation':
      t = dayMs(reason.since);
      break;
    case 'triage-changed':
    case 'nominated':
    case 'request-pending':
    case 'question-for-visitator':
      t = Date.parse(reason.at);
      break;
  }
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Reasons most severe first (REASON_SEVERITY), then the most urgent. */
export function sortReasons(reasons: readonly AgendaReason[]): AgendaReason[] {
  const rank = (c: AgendaReasonCode) => REASON_SEVERITY.indexOf(c);
  return [...reasons].sort((a, b) => rank(a.code) - rank(b.code) || urgency(a) - urgency(b));
}

function sortKey(item: AgendaItem, today: string): { group: number; urgency: number } {
  let group: number = AGENDA_GROUPS.length;
  let u = Number.POSITIVE_INFINITY;
  for (const r of item.reasons) {
    const g = AGENDA_GROUPS.indexOf(reasonGroup(r, today));
    const ur = urgency(r);
    if (g < group) [group, u] = [g, ur];
    else if (g === group && ur < u) u = ur;
  }
  return { group, urgency: u };
}

/**
 * Agenda order: red; overdue follow-ups and opstart; yellow; due now (follow-ups, opstart
 * within 3 days, temporary changes ending); requests and questions for the visitator;
 * triage changed; nominated; not discussed (longest first); new citizens. Within a group
 * the most urgent first, then name, then id, so the order never depends on input order.
 */
export function compareAgendaItems(today: string): (a: AgendaItem, b: AgendaItem) => number {
  return (a, b) => {
    const ka = sortKey(a, today);
    const kb = sortKey(b, today);
    return (
      ka.group - kb.group ||
      (ka.urgency === kb.urgency ? 0 : ka.urgency < kb.urgency ? -1 : 1) ||
      compareByName({ name: a.title, id: a.id }, { name: b.title, id: b.id })
    );
  };
}

// ---------------------------------------------------------------------------------------
// Generating the agenda
// ---------------------------------------------------------------------------------------

export const agendaItemIdForCard = (cardId: string): string => `c:${cardId}`;
export const agendaItemIdForQuestion = (questionId: string): string => `q:${questionId}`;

/**
 * The agenda: one item per open citizen with at least one reason (all reasons merged, most
 * severe first), plus one item per open general question (or question about a card not on
 * the board) when the visitator rule runs. Closed forløb never appear.
 */
export function generateAgenda(input: GenerateAgendaInput): AgendaItem[] {
  const ctx = agendaContext(input);
  const rules = (Object.keys(AGENDA_RULES) as AgendaRuleId[]).filter((r) => ctx.activeRules.has(r));
  const items: AgendaItem[] = [];
  const seen = new Set<string>();
  for (const card of input.cards) {
    if (seen.has(card.id)) continue;
    seen.add(card.id);
    if (isClosedCard(card, ctx.phases)) continue;
    const reasons = sortReasons(rules.flatMap((r) => AGENDA_RULES[r](card, ctx)));
    if (reasons.length === 0) continue;
    const firstNomination = reasons.find((r) => r.code === 'nominated');
    const item: AgendaItem = {
      id: agendaItemIdForCard(card.id),
      cardId: card.id,
      title: card.name,
      reasons,
      source: reasons.every((r) => r.code === 'nominated') ? 'nominated' : 'rule',
      timeBoxMin: ctx.settings.defaultTimeBoxMin,
      status: 'pending',
    };
    if (firstNomination) item.nominatedBy = firstNomination.byName;
    items.push(item);
  }
  if (ctx.activeRules.has('visitator')) {
    for (const q of input.questions ?? []) {
      if (q.status !== 'open' || (q.cardId !== null && seen.has(q.cardId))) continue;
      items.push({
        id: agendaItemIdForQuestion(q.id),
        cardId: null,
        title: q.text,
        reasons: [{ code: 'question-for-visitator', questionId: q.id, text: q.text, byName: q.byName, at: q.at }],
        source: 'rule',
        timeBoxMin: ctx.settings.defaultTimeBoxMin,
        status: 'pending',
      });
    }
  }
  return items.sort(compareAgendaItems(input.today));
}

// ---------------------------------------------------------------------------------------
// The coordinator's prepared agenda (R9)
// ---------------------------------------------------------------------------------------

/**
 * Identity of a reason for "is this new?": the same follow-up, request or nomination keeps
 * its key while it stays the same kind; escalating (due → overdue), a further triage
 * change, a new nomination or question, or a new discussion date gives a new key.
 */
export function reasonKey(reason: AgendaReason): string {
  switch (reason.code) {
    case 'red':
    case 'yellow':
    case 'new-citizen':
      return reason.code;
    case 'triage-changed':
      return `${reason.code}:${reason.at}`;
    case 'follow-up-due':
    case 'follow-up-overdue':
      return `${reason.code}:${reason.followUpId}`;
    case 'opstart-to-plan':
    case 'opstart-overdue':
      return `${reason.code}:${reason.deadline}`;
    case 'not-discussed':
    case 'rotation':
      return `${reason.code}:${reason.lastDiscussedOn ?? 'never'}`;
    case 'question-for-visitator':
      return `${reason.code}:${reason.questionId}`;
    case 'request-pending':
      return `${reason.code}:${reason.requestId}`;
    case 'nominated':
      return `${reason.code}:${reason.nominationId}`;
    case 'temporary-change-ending':
      return `${reason.code}:${reason.endDate}`;
    case 'discharged':
      return `${reason.code}:${reason.date}`;
    case 'declined':
      return `${reason.code}:${reason.lastOn}`;
  }
}

/** A prepared agenda that starts as the generated one. */
export function prepareAgenda(generated: readonly AgendaItem[]): PreparedAgenda {
  return { items: generated.map((i) => ({ ...i })), removed: [] };
}

/** Takes an item off the prepared agenda, remembering its reasons (see `mergeWithPrepared`). */
export function removeAgendaItem(prepared: PreparedAgenda, id: string): PreparedAgenda {
  const item = prepared.items.find((i) => i.id === id);
  if (!item) return prepared;
  const removed = prepared.removed.filter((r) => r.id !== id);
  if (item.source !== 'manual' || item.cardId !== null) {
    removed.push({ id, reasonKeys: [...new Set(item.reasons.map(reasonKey))].sort() });
  }
  return { items: prepared.items.filter((i) => i.id !== id), removed };
}

/** Moves an item to `index` (clamped) in the prepared order. */
export function moveAgendaItem(prepared: PreparedAgenda, id: string, index: number): PreparedAgenda {
  const from = prepared.items.findIndex((i) => i.id === id);
  if (from < 0) return prepared;
  const items = [...prepared.items];
  const [item] = items.splice(from, 1);
  items.splice(Math.max(0, Math.min(index, items.length)), 0, item!);
  return { ...prepared, items };
}

/**
 * Re-running the rules over a prepared agenda:
 * - prepared items keep their place, time box, status and (for manual items) source; their
 *   title and reasons are refreshed from the rules;
 * - a prepared rule item whose reasons have all gone is dropped while still pending, and
 *   kept once discussed, parked or skipped (the meeting's record);
 * - manual items are always kept;
 * - an item removed by hand stays removed unless it now has a reason it did not have when
 *   it was removed; then it comes back with all its reasons;
 * - newly generated items are appended after the prepared ones, in rule order.
 */
export function mergeWithPrepared(generated: readonly AgendaItem[], prepared: PreparedAgenda): AgendaItem[] {
  const byId = new Map(generated.map((g) => [g.id, g]));
  const used = new Set<string>();
  const out: AgendaItem[] = [];
  for (const p of prepared.items) {
    if (used.has(p.id)) continue;
    const g = byId.get(p.id);
    if (g) {
      used.add(p.id);
      const item: AgendaItem = {
        ...g,
        source: p.source === 'manual' ? 'manual' : g.source,
        timeBoxMin: p.timeBoxMin,
        status: p.status,
      };
      const nominatedBy = g.nominatedBy ?? p.nominatedBy;
      if (nominatedBy !== undefined) item.nominatedBy = nominatedBy;
      out.push(item);
    } else if (p.source === 'manual' || p.status !== 'pending') {
      used.add(p.id);
      out.push({ ...p });
    }
  }
  const removed = new Map(prepared.removed.map((r) => [r.id, new Set(r.reasonKeys)]));
  for (const g of generated) {
    if (used.has(g.id)) continue;
    const keys = removed.get(g.id);
    if (keys && g.reasons.every((r) => keys.has(reasonKey(r)))) continue;
    used.add(g.id);
    out.push({ ...g });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Time box and timer (R10)
// ---------------------------------------------------------------------------------------

/** Planned minutes: the time boxes of every item not skipped. */
export function agendaDuration(items: readonly AgendaItem[]): number {
  return items.reduce((sum, i) => (i.status === 'skipped' ? sum : sum + i.timeBoxMin), 0);
}

export interface Overrun {
  plannedMs: number;
  elapsedMs: number;
  /** Time left of the plan (0 once over). */
  remainingMs: number;
  /** Time past the plan (0 while within it). */
  overrunMs: number;
  over: boolean;
}

/** The timer against the time boxes: pass the whole agenda, or `[item]` for one item. */
export function overrun(items: readonly AgendaItem[], elapsedMs: number): Overrun {
  const plannedMs = agendaDuration(items) * 60_000;
  const elapsed = Math.max(0, elapsedMs);
  return {
    plannedMs,
    elapsedMs: elapsed,
    remainingMs: Math.max(0, plannedMs - elapsed),
    overrunMs: Math.max(0, elapsed - plannedMs),
    over: elapsed > plannedMs,
  };
}

/** After a meeting: every citizen whose item was discussed was discussed on `date`. */
export function recordDiscussed(
  lastDiscussed: LastDiscussed,
  items: readonly AgendaItem[],
  date: string,
): LastDiscussed {
  const out: LastDiscussed = { ...lastDiscussed };
  for (const i of items) {
    if (i.cardId !== null && i.status === 'discussed' && (out[i.cardId] ?? '') < date) out[i.cardId] = date;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reason texts
// ---------------------------------------------------------------------------------------

function days(n: number, lang: Lang): string {
  const a = Math.abs(n);
  return lang === 'da' ? `${a} ${a === 1 ? 'dag' : 'dage'}` : `${a} ${a === 1 ? 'day' : 'days'}`;
}

/** "i dag", "i morgen", "i går", "om 3 dage", "for 3 dage siden" (and English). */
export function relativeDay(n: number, lang: Lang): string {
  if (lang === 'da') {
    if (n === 0) return 'i dag';
    if (n === 1) return 'i morgen';
    if (n === -1) return 'i går';
    return n > 1 ? `om ${days(n, lang)}` : `for ${days(n, lang)} siden`;
  }
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 1 ? `in ${days(n, lang)}` : `${days(n, lang)} ago`;
}

/** "16.03" / "16/03". */
function shortDate(date: string, lang: Lang): string {
  const [, m, d] = date.split('-');
  return lang === 'da' ? `${d}.${m}` : `${d}/${m}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('da') + s.slice(1);

/** The date an instant falls on in Denmark, or null for garbage. */
function dayOf(at: string): string | null {
  const t = Date.parse(at);
  return Number.isNaN(t) ? null : toIsoDate(new Date(t));
}

/**
 * The reason as one short line, relative to `today`: "rød siden i går", "opfølgning uge 5
 * forfalder i dag", "ikke drøftet i 16 dage", "ny borger – planlæg opstartsmøde",
 * "spørgsmål til visitator". Plain Danish without kommuneord (R32); English for `en`.
 */
export function reasonText(reason: AgendaReason, today: string, lang: Lang = 'da'): string {
  const da = lang === 'da';
  switch (reason.code) {
    case 'red':
    case 'yellow': {
      const word = TRIAGE_WORDS[reason.code][lang];
      const since = reason.since === null ? null : dayOf(reason.since);
      if (since === null) return word;
      const n = calendarDaysBetween(since, today);
      if (n <= 1) return da ? `${word} siden ${relativeDay(-n, lang)}` : `${word} since ${relativeDay(-n, lang)}`;
      return da ? `${word} i ${days(n, lang)}` : `${word} for ${days(n, lang)}`;
    }
    case 'triage-changed': {
      const from = TRIAGE_WORDS[reason.from][lang];
      const to = TRIAGE_WORDS[reason.to][lang];
      if (reason.from === reason.to)
        return da ? `triage ændret og tilbage til ${to}` : `triage changed and back to ${to}`;
      return da ? `triage ændret fra ${from} til ${to}` : `triage changed from ${from} to ${to}`;
    }
    case 'follow-up-due': {
      const label = lowerFirst(da ? reason.label : reason.labelEn);
      const untilDue = calendarDaysBetween(today, reason.dueDate);
      if (untilDue === 0) return da ? `${label} forfalder i dag` : `${label} due today`;
      if (untilDue > 0)
        return da ? `${label} forfalder ${relativeDay(untilDue, lang)}` : `${label} due ${relativeDay(untilDue, lang)}`;
      const left = relativeDay(calendarDaysBetween(today, reason.windowEnd), lang);
      return da ? `${label} forfalden – senest ${left}` : `${label} due – by ${left}`;
    }
    case 'follow-up-overdue': {
      const label = lowerFirst(da ? reason.label : reason.labelEn);
      const n = calendarDaysBetween(reason.windowEnd, today);
      return da ? `${label} overskredet med ${days(n, lang)}` : `${label} overdue by ${days(n, lang)}`;
    }
    case 'opstart-overdue': {
      const n = calendarDaysBetween(reason.deadline, today);
      return da ? `opstartsmøde overskredet med ${days(n, lang)}` : `start meeting overdue by ${days(n, lang)}`;
    }
    case 'opstart-to-plan': {
      const date = shortDate(reason.deadline, lang);
      if (reason.plannedAfterDeadline) {
        return da ? `opstartsmøde planlagt efter fristen ${date}` : `start meeting planned after the deadline ${date}`;
      }
      const left = relativeDay(calendarDaysBetween(today, reason.deadline), lang);
      return da
        ? `opstartsmøde skal planlægges – frist ${date} (${left})`
        : `start meeting to be planned – deadline ${date} (${left})`;
    }
    case 'not-discussed': {
      const n = days(calendarDaysBetween(reason.since, today), lang);
      if (reason.lastDiscussedOn === null) return da ? `aldrig drøftet (${n})` : `never discussed (${n})`;
      return da ? `ikke drøftet i ${n}` : `not discussed for ${n}`;
    }
    case 'rotation': {
      const head = reason.carriedOver
        ? da
          ? 'ikke nået sidst – alt vel?'
          : 'not reached last time – all well?'
        : da
          ? 'alt vel?'
          : 'all well?';
      const n = days(calendarDaysBetween(reason.since, today), lang);
      if (reason.lastDiscussedOn === null) return da ? `${head} (aldrig drøftet)` : `${head} (never discussed)`;
      return da ? `${head} (sidst drøftet for ${n} siden)` : `${head} (last discussed ${n} ago)`;
    }
    case 'new-citizen':
      if (reason.planOpstart) return da ? 'ny borger – planlæg opstartsmøde' : 'new citizen – plan the start meeting';
      return da ? 'ny borger' : 'new citizen';
    case 'question-for-visitator': {
      const who = reason.byName ? (da ? ` fra ${reason.byName}` : ` from ${reason.byName}`) : '';
      return da ? `spørgsmål til visitator${who}` : `question for the visitator${who}`;
    }
    case 'request-pending': {
      const kind = lowerFirst(REQUEST_KIND_LABELS[reason.kind][lang]);
      return da ? `anmodning afventer visitator: ${kind}` : `request awaiting the visitator: ${kind}`;
    }
    case 'nominated': {
      const who = reason.byName || (da ? 'en kollega' : 'a colleague');
      const note = reason.note ? `: ${reason.note}` : '';
      return da ? `ønsket drøftet af ${who}${note}` : `raised by ${who}${note}`;
    }
    case 'temporary-change-ending': {
      const n = calendarDaysBetween(today, reason.endDate);
      const when = relativeDay(n, lang);
      if (n >= 0) {
        return da
          ? `midlertidig ændring slutter ${when}: ${reason.text}`
          : `temporary change ends ${when}: ${reason.text}`;
      }
      return da
        ? `midlertidig ændring sluttede ${when}: ${reason.text}`
        : `temporary change ended ${when}: ${reason.text}`;
    }
    case 'discharged':
      return da
        ? `udskrevet fra hospital ${shortDate(reason.date, lang)} – gennemgås med planlægger`
        : `discharged from hospital ${shortDate(reason.date, lang)} – review with the planner`;
    case 'declined':
      return da
        ? lowerFirst(declinePatternText(reason))
        : `has said no thanks ${reason.count} ${reason.count === 1 ? 'time' : 'times'} in ${reason.days} days`;
  }
}
