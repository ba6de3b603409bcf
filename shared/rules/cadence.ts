import { addMonths, format, isValid } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { IsoDateSchema } from '../model/ids.js';
import { keepBounded as keep } from './dates.js';
import { DEFAULT_WINDOW_DAYS, ruleKey, type CadenceTemplate, type FollowUpRule } from './cadenceTemplates.js';

/*
 * The pure core of the forløb lifecycle: from a start date and a cadence template, every
 * follow-up with its window and status. No I/O, no Yjs, no clock: `today` is an input.
 *
 * Calendar model. Every date is a calendar date "YYYY-MM-DD" as seen in Europe/Copenhagen
 * (derive `today` with `toIsoDate(new Date())` from dates.ts). Arithmetic runs on those
 * dates with date-fns in a fixed UTC calendar, so neither the device's time zone nor a
 * daylight-saving switch can ever move a day.
 *
 * Forløb days and weeks. Day 1 is the start date (care starts from day 1, S2:228-229).
 * "Uge N" of the forløb is days 7(N−1)+1 … 7N. Before the start date the forløb is in week 0.
 */

// ---------------------------------------------------------------------------------------
// Calendar helpers (date-fns on calendar dates; exported for the opstart rule and the UI)
// ---------------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toCalendarDate(date: string): TZDate {
  const m = ISO_DATE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new TZDate(y, mo - 1, d, 'UTC');
    // Reject 2026-02-30 & co: the constructor would silently roll over to March.
    if (isValid(t) && t.getFullYear() === y && t.getMonth() === mo - 1 && t.getDate() === d) return t;
  }
  throw new RangeError(`Ugyldig dato "${date}" (forventet ÅÅÅÅ-MM-DD)`);
}

const fmt = (d: TZDate): string => format(d, 'yyyy-MM-dd');

const DAY_MS = 86_400_000;

/**
 * Milliseconds of the date's UTC midnight. Plain UTC arithmetic for the day-only helpers
 * below: no time zone is involved, and it is ~50 times cheaper than a TZDate (the agenda
 * runs these for every card on every "Lav dagsorden").
 */
function utcMidnight(date: string): number {
  const kept = midnights.get(date);
  if (kept !== undefined) return kept;
  const m = ISO_DATE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it maps years 0–99 to 1900–1999
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) {
      return keep(midnights, date, t.getTime());
    }
  }
  throw new RangeError(`Ugyldig dato "${date}" (forventet ÅÅÅÅ-MM-DD)`);
}

function fromUtcMidnight(ms: number): string {
  const kept = dates.get(ms);
  if (kept !== undefined) return kept;
  const t = new Date(ms);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return keep(dates, ms, `${p(t.getUTCFullYear(), 4)}-${p(t.getUTCMonth() + 1, 2)}-${p(t.getUTCDate(), 2)}`);
}

/*
 * The day helpers' answers, a bounded few: a board's follow-ups are worked out from the same
 * few dates over and over (each card's start, today, the windows), and the server does it for
 * every card of a board each time it takes the cockpit's figures. Parsing each date anew was
 * a fifth of what the server allocated at the morning peak (issue #15).
 */
const midnights = new Map<string, number>();
const dates = new Map<number, string>();
const isoWeeks = new Map<string, Readonly<{ week: number; year: number }>>();

/** `date` plus `days` calendar days (negative to go back). */
export function addDaysToDate(date: string, days: number): string {
  if (!Number.isFinite(days)) throw new RangeError(`Ugyldigt antal dage: ${days}`);
  return fromUtcMidnight(utcMidnight(date) + Math.trunc(days) * DAY_MS);
}

/** `date` plus `months` calendar months; clamps to the month's end (31 Jan + 1 → 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  return fmt(addMonths(toCalendarDate(date), months));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** ISO 8601 week and week-year of a date ("uge 53" of 2026 ends on 3 Jan 2027). */
export function isoWeekOf(date: string): Readonly<{ week: number; year: number }> {
  const kept = isoWeeks.get(date);
  if (kept !== undefined) return kept;
  // the ISO week belongs to the year of its Thursday; week 1 holds the year's first Thursday
  const t = utcMidnight(date);
  const weekday = ((((Math.floor(t / DAY_MS) + 3) % 7) + 7) % 7) + 1;
  const thursday = new Date(t + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1.getTime()) / DAY_MS / 7) + 1;
  return keep(isoWeeks, date, Object.freeze({ week, year }));
}

/** True when `date` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  try {
    utcMidnight(date);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Forløb days and weeks
// ---------------------------------------------------------------------------------------

/** Day number of `date` in the forløb: the start date is day 1, the day before is day 0. */
export function forlobDay(startDate: string, date: string): number {
  return calendarDaysBetween(startDate, date) + 1;
}

/** The forløb week `date` falls in: days 1–7 are week 1, days 8–14 week 2, …; 0 before the start. */
export function forlobWeek(startDate: string, date: string): number {
  const day = forlobDay(startDate, date);
  return day < 1 ? 0 : Math.ceil(day / 7);
}

/** First and last calendar date of forløb week `week` (days 7(N−1)+1 … 7N). */
export function forlobWeekRange(startDate: string, week: number): { first: string; last: string } {
  if (!Number.isInteger(week) || week < 1) throw new RangeError(`Ugyldig uge ${week}`);
  return { first: addDaysToDate(startDate, 7 * (week - 1)), last: addDaysToDate(startDate, 7 * week - 1) };
}

/** Last day of a time-limited forløb (Solrød 0-forløb: last day of week 12), else null. */
export function forlobEndDate(template: CadenceTemplate, startDate: string): string | null {
  return template.timeLimitWeeks === undefined ? null : forlobWeekRange(startDate, template.timeLimitWeeks).last;
}

// ---------------------------------------------------------------------------------------
// Stored shapes
// ---------------------------------------------------------------------------------------

/** Who completed a follow-up, and when. Kept as recorded even if the start date moves. */
export const FollowUpCompletionSchema = z.object({
  date: IsoDateSchema,
  by: z.string().trim().min(1).max(80),
});
export type FollowUpCompletion = z.infer<typeof FollowUpCompletionSchema>;

/** Follow-up id (`week-5`, `days-14`, `months-3`, `every3m-2`) → completion. */
export const FollowUpCompletionsSchema = z.record(
  z
    .string()
    .max(32)
    .regex(/^[a-z0-9-]+$/),
  FollowUpCompletionSchema,
);
export type FollowUpCompletions = z.infer<typeof FollowUpCompletionsSchema>;

// ---------------------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------------------

export const FollowUpStatusSchema = z.enum(['upcoming', 'due', 'overdue', 'completed', 'lapsed']);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

/** The users' words for each status (kommende / forfalden / overskredet / gennemført / bortfaldet). */
export const FOLLOW_UP_STATUS_LABELS: Readonly<Record<FollowUpStatus, { da: string; en: string }>> = {
  upcoming: { da: 'kommende', en: 'upcoming' },
  due: { da: 'forfalden', en: 'due' },
  overdue: { da: 'overskredet', en: 'overdue' },
  completed: { da: 'gennemført', en: 'completed' },
  lapsed: { da: 'bortfaldet', en: 'lapsed' },
};

export interface FollowUp {
  /** Stable across recomputation and start-date moves: `week-5`, `days-14`, `months-3`, `every3m-2`. */
  id: string;
  /** The rule kind; 'other' for a recorded completion whose id no rule kind explains. */
  kind: FollowUpRule['kind'] | 'other';
  /** 1-based occurrence of a repeating rule; 1 for the others. */
  occurrence: number;
  /** "Opfølgning uge 5" */
  label: string;
  /** "Follow-up week 5" */
  labelEn: string;
  /** Planned date: the day the follow-up becomes due (YYYY-MM-DD). */
  dueDate: string;
  /** First day it may be held; equals `dueDate` for every rule kind. */
  windowStart: string;
  /** Last day it may be held; the day after, it is overdue. */
  windowEnd: string;
  /** ISO week of `dueDate`, shown next to dates ("uge 11"). */
  isoWeek: number;
  isoWeekYear: number;
  /** Forløb week `dueDate` falls in (1 = the week starting on the start date). */
  forlobWeek: number;
  /** Only held if the forløb is still open (Hørsholm uge 12, S2:2518-2520). */
  optional: boolean;
  status: FollowUpStatus;
  /** Calendar days from today to `dueDate` (negative once passed). */
  daysUntilDue: number;
  /** Calendar days from today to `windowEnd` (negative once overdue). */
  daysUntilWindowEnd: number;
  /** As recorded, never recomputed. */
  completedOn?: string;
  completedBy?: string;
  /** False for a completion whose id is not produced by the current template (template changed). */
  inTemplate: boolean;
}

export interface ComputeFollowUpsInput {
  template: CadenceTemplate;
  /** Day 1 of the forløb. */
  startDate: string;
  /** Today's date in Europe/Copenhagen (`toIsoDate(new Date())`). */
  today: string;
  /** Date the forløb was closed (afsluttet), if it has been. */
  closedOn?: string | null;
  /** Recorded completions by follow-up id. */
  completed?: FollowUpCompletions;
  /**
   * Repeating rules generate occurrences due on or before this date. Default: every
   * occurrence due up to today plus the next one. Occurrences never go past the closure
   * date or a time-limited forløb's end date.
   */
  horizon?: string;
}

/** Hard stop for repeating rules (100 years of monthly follow-ups). */
const MAX_OCCURRENCES = 1200;

interface Slot {
  id: string;
  kind: FollowUpRule['kind'] | 'other';
  occurrence: number;
  label: string;
  labelEn: string;
  dueDate: string;
  windowEnd: string;
  optional: boolean;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function slotFor(rule: FollowUpRule, startDate: string, occurrence = 1): Slot {
  const window = 'windowDays' in rule && rule.windowDays !== undefined ? rule.windowDays : DEFAULT_WINDOW_DAYS;
  switch (rule.kind) {
    case 'week': {
      const { first, last } = forlobWeekRange(startDate, rule.week);
      const optional = rule.optionalIfClosed === true;
      return {
        id: ruleKey(rule),
        kind: rule.kind,
        occurrence,
        label: `Opfølgning uge ${rule.week}${optional ? ' (hvis ikke afsluttet)' : ''}`,
        labelEn: `Follow-up week ${rule.week}${optional ? ' (if not closed)' : ''}`,
        dueDate: first,
        windowEnd: last,
        optional,
      };
    }
    case 'days': {
      const due = addDaysToDate(startDate, rule.days);
      return {
        id: ruleKey(rule),
        kind: rule.kind,
        occurrence,
        label: `Opfølgning efter ${plural(rule.days, 'dag', 'dage')}`,
        labelEn: `Follow-up after ${plural(rule.days, 'day', 'days')}`,
        dueDate: due,
        windowEnd: addDaysToDate(due, window - 1),
        optional: false,
      };
    }
    case 'months':
    case 'everyMonths': {
      const total = rule.months * occurrence;
      // Always counted from the start date, never chained from the previous occurrence.
      const due = addMonthsToDate(startDate, total);
      return {
        id: rule.kind === 'months' ? ruleKey(rule) : `${ruleKey(rule)}-${occurrence}`,
        kind: rule.kind,
        occurrence,
        label: `Opfølgning efter ${plural(total, 'måned', 'måneder')}`,
        labelEn: `Follow-up after ${plural(total, 'month', 'months')}`,
        dueDate: due,
        windowEnd: addDaysToDate(due, window - 1),
        optional: false,
      };
    }
  }
}

/** Rebuild the slot of a completion id the current template does not produce. */
function slotForKey(id: string, startDate: string, completion: FollowUpCompletion): Slot {
  let m: RegExpExecArray | null;
  const n = (s: string | undefined) => Number(s);
  if ((m = /^week-(\d+)$/.exec(id)) && n(m[1]) >= 1 && n(m[1]) <= 104) {
    return slotFor({ kind: 'week', week: n(m[1]) }, startDate);
  }
  if ((m = /^days-(\d+)$/.exec(id)) && n(m[1]) >= 1 && n(m[1]) <= 730) {
    return slotFor({ kind: 'days', days: n(m[1]) }, startDate);
  }
  if ((m = /^months-(\d+)$/.exec(id)) && n(m[1]) >= 1 && n(m[1]) <= 24) {
    return slotFor({ kind: 'months', months: n(m[1]) }, startDate);
  }
  if ((m = /^every(\d+)m-(\d+)$/.exec(id)) && n(m[1]) >= 1 && n(m[1]) <= 24 && n(m[2]) >= 1) {
    return slotFor({ kind: 'everyMonths', months: n(m[1]) }, startDate, n(m[2]));
  }
  // Unknown id: pin it to the day it was done.
  return {
    id,
    kind: 'other',
    occurrence: 1,
    label: 'Opfølgning',
    labelEn: 'Follow-up',
    dueDate: completion.date,
    windowEnd: completion.date,
    optional: false,
  };
}

/**
 * Status of one follow-up on `today`:
 * - completed (gennemført): a completion is recorded, whatever the dates say;
 * - lapsed (bortfaldet): the forløb is closed and the follow-up's window had not ended
 *   before the closure date (it is after the closure, or the closure happened inside it);
 * - upcoming (kommende): today is before the window;
 * - due (forfalden): today is inside the window [windowStart, windowEnd];
 * - overdue (overskredet): today is after windowEnd. A follow-up missed before the
 *   forløb was closed stays overdue, so the record stays honest.
 */
function statusOf(slot: Slot, today: string, closedOn: string | null, done: boolean): FollowUpStatus {
  if (done) return 'completed';
  if (closedOn !== null && slot.windowEnd >= closedOn) return 'lapsed';
  if (today < slot.dueDate) return 'upcoming';
  if (today <= slot.windowEnd) return 'due';
  return 'overdue';
}

function minDate(...dates: (string | null | undefined)[]): string | null {
  const present = dates.filter((d): d is string => typeof d === 'string');
  return present.length === 0 ? null : present.reduce((a, b) => (b < a ? b : a));
}

/**
 * Every follow-up of a forløb, in date order, with window and status on `today`.
 * Moving `startDate` moves every window; completed follow-ups keep their recorded date and
 * `by`. Completions whose id the template does not produce (the template was changed) are
 * kept too, marked `inTemplate: false`.
 */
export function computeFollowUps(input: ComputeFollowUpsInput): FollowUp[] {
  const { template, startDate, today } = input;
  const closedOn = input.closedOn ?? null;
  const completed = input.completed ?? {};
  // Validate every date up front so a typo fails loudly instead of sorting strangely.
  for (const d of [startDate, today, closedOn, input.horizon]) if (d != null) utcMidnight(d);

  const slots: Slot[] = [];
  const endsOn = forlobEndDate(template, startDate);
  const cap = minDate(closedOn, endsOn);

  for (const rule of template.rules) {
    if (rule.kind !== 'everyMonths') {
      slots.push(slotFor(rule, startDate));
      continue;
    }
    let sawFuture = false;
    for (let k = 1; k <= MAX_OCCURRENCES; k++) {
      const slot = slotFor(rule, startDate, k);
      if (cap !== null && slot.dueDate > cap) break;
      if (input.horizon !== undefined ? slot.dueDate > input.horizon : sawFuture) break;
      slots.push(slot);
      if (slot.dueDate > today) sawFuture = true;
    }
  }

  const ids = new Set(slots.map((s) => s.id));
  const extra = Object.keys(completed)
    .filter((id) => !ids.has(id))
    .map((id) => ({ slot: slotForKey(id, startDate, completed[id]!), inTemplate: isTemplateOccurrence(id, template) }));

  const all = [...slots.map((slot) => ({ slot, inTemplate: true })), ...extra];
  return all
    .map(({ slot, inTemplate }): FollowUp => {
      const completion = completed[slot.id];
      const due = isoWeekOf(slot.dueDate);
      const fu: FollowUp = {
        id: slot.id,
        kind: slot.kind,
        occurrence: slot.occurrence,
        label: slot.label,
        labelEn: slot.labelEn,
        dueDate: slot.dueDate,
        windowStart: slot.dueDate,
        windowEnd: slot.windowEnd,
        isoWeek: due.week,
        isoWeekYear: due.year,
        forlobWeek: forlobWeek(startDate, slot.dueDate),
        optional: slot.optional,
        status: statusOf(slot, today, closedOn, completion !== undefined),
        daysUntilDue: calendarDaysBetween(today, slot.dueDate),
        daysUntilWindowEnd: calendarDaysBetween(today, slot.windowEnd),
        inTemplate,
      };
      if (completion) {
        fu.completedOn = completion.date;
        fu.completedBy = completion.by;
      }
      return fu;
    })
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A completed occurrence of a repeating rule beyond the horizon still belongs to the template. */
function isTemplateOccurrence(id: string, template: CadenceTemplate): boolean {
  const m = /^(every\d+m)-\d+$/.exec(id);
  return m !== null && template.rules.some((r) => r.kind === 'everyMonths' && ruleKey(r) === m[1]);
}

/**
 * The follow-up to act on next: the earliest that is neither completed nor lapsed (an
 * overdue one comes before an upcoming one). Use its `dueDate` as the card's next due date.
 */
export function nextFollowUp(followUps: readonly FollowUp[]): FollowUp | undefined {
  return followUps.find((f) => f.status !== 'completed' && f.status !== 'lapsed');
}

/** Follow-ups that belong on today's agenda ("forfalden i dag" or already overskredet). */
export function followUpsNeedingAction(followUps: readonly FollowUp[]): FollowUp[] {
  return followUps.filter((f) => f.status === 'due' || f.status === 'overdue');
}
