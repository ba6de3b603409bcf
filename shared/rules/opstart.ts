import { z } from 'zod';
import { addDaysToDate, calendarDaysBetween, isCalendarDate, isoWeekOf } from './cadence.js';

/*
 * The opstartsmøde countdown on a card (digest R3).
 *
 * Deadline (Hørsholm rule of thumb, S2:2493-2495): "opstartsmødet senest skal afholdes
 * 14 dage efter visitation". The deadline is visitation date + 14 calendar days, and a
 * meeting held on the deadline itself is in time. Visited Monday 2 March → deadline
 * Monday 16 March; from Tuesday 17 March the card is overdue.
 *
 * Norm (S2:228-229): "pleje fra dag 1, hvorefter der afholdes et opstartsmøde efter 7-10
 * dage". Counted like every "efter N dage" in Tavlen (see cadence.ts): after N days of care
 * = start date + N. The norm window is start + 7 … start + 10, i.e. care days 8–11.
 * S2:2196-2198 ("sjældent mere end 10-14 dage") and Aabenraa's "ca. 1 uge" (S2:4802-4803)
 * agree with it.
 */

/** "senest 14 dage efter visitation" (S2:2494-2495). */
export const OPSTART_DEADLINE_DAYS = 14;
/** "opstartsmøde efter 7-10 dage" of care (S2:228-229). */
export const OPSTART_NORM_DAYS = Object.freeze({ min: 7, max: 10 });
/**
 * Days before the deadline from which an unplanned meeting is "snart" (due soon): 3, so the
 * warning starts on visitation + 11, the first day past the 7–10-day norm.
 */
export const OPSTART_DUE_SOON_DAYS = 3;

export const OpstartStatusKindSchema = z.enum(['awaiting', 'planned', 'due-soon', 'overdue', 'held']);
export type OpstartStatusKind = z.infer<typeof OpstartStatusKindSchema>;

export const OPSTART_STATUS_LABELS: Readonly<Record<OpstartStatusKind, { da: string; en: string }>> = {
  awaiting: { da: 'afventer opstartsmøde', en: 'awaiting start meeting' },
  planned: { da: 'opstartsmøde planlagt', en: 'start meeting planned' },
  'due-soon': { da: 'opstartsmøde snart', en: 'start meeting due soon' },
  overdue: { da: 'opstartsmøde overskredet', en: 'start meeting overdue' },
  held: { da: 'opstartsmøde afholdt', en: 'start meeting held' },
};

export type OpstartNorm = 'early' | 'within' | 'late';

export interface OpstartInput {
  /** Date of the visitation (afgørelse); the 14-day deadline counts from here. */
  visitationDate: string;
  /** Day 1 of care; the 7–10-day norm counts from here. Defaults to the visitation date. */
  startDate?: string | null;
  /** Date the opstartsmøde is booked for, if it is. */
  plannedFor?: string | null;
  /** Date the opstartsmøde was held, once it has been. */
  heldOn?: string | null;
  /** Today in Europe/Copenhagen. */
  today: string;
}

export interface OpstartStatus {
  status: OpstartStatusKind;
  /** visitationDate + 14 days: the last day the meeting is in time. */
  deadline: string;
  deadlineIsoWeek: number;
  /** Calendar days from today to the deadline: 0 on the deadline, negative once overdue. */
  daysLeft: number;
  /** Days past the deadline (0 while in time). */
  daysOverdue: number;
  /** "dage siden visitation". */
  daysSinceVisitation: number;
  /** "dage siden opstart": full days of care behind us (0 on the start date, negative before). */
  daysSinceStart: number;
  /** The day the norm counts from (startDate, or the visitation date). */
  careStart: string;
  /** Dates on which a meeting meets the 7–10-day norm: careStart + 7 … careStart + 10. */
  normWindow: { from: string; to: string };
  /** The held date, else the planned date, else null. */
  meetingDate: string | null;
  /** Held (or, if not yet held, booked) no later than the deadline; null without a date. */
  inTime: boolean | null;
  /** Meeting date against the 7–10-day norm; null without a date. */
  norm: OpstartNorm | null;
  withinNorm: boolean | null;
  /** A booked date after the deadline: the meeting will be late unless it is moved. */
  plannedAfterDeadline: boolean;
}

function checkDate(name: string, value: string | null | undefined): void {
  if (value != null && !isCalendarDate(value)) throw new RangeError(`Ugyldig dato for ${name}: "${value}"`);
}

/**
 * The opstart countdown. Status, in order of precedence:
 * - held: `heldOn` is recorded (see `inTime` and `norm` for how it went);
 * - overdue: not held and today is after the deadline (visitation + 15 or later);
 * - planned: booked for a date from today up to and including the deadline;
 * - due-soon: not held, not validly booked, and at most 3 days left; also when the booking
 *   is after the deadline (someone has to move it);
 * - awaiting: not held, not booked, more than 3 days left.
 * A booking in the past that was never marked held is ignored.
 */
export function opstartStatus(input: OpstartInput): OpstartStatus {
  const { visitationDate, today } = input;
  checkDate('visitationDate', visitationDate);
  checkDate('today', today);
  checkDate('startDate', input.startDate);
  checkDate('plannedFor', input.plannedFor);
  checkDate('heldOn', input.heldOn);

  const careStart = input.startDate ?? visitationDate;
  const deadline = addDaysToDate(visitationDate, OPSTART_DEADLINE_DAYS);
  const daysLeft = calendarDaysBetween(today, deadline);
  const heldOn = input.heldOn ?? null;
  const plannedFor = input.plannedFor ?? null;
  const validPlan = plannedFor !== null && plannedFor >= today && plannedFor <= deadline;
  const plannedAfterDeadline = heldOn === null && plannedFor !== null && plannedFor > deadline;

  let status: OpstartStatusKind;
  if (heldOn !== null) status = 'held';
  else if (daysLeft < 0) status = 'overdue';
  else if (validPlan) status = 'planned';
  else if (daysLeft <= OPSTART_DUE_SOON_DAYS || plannedAfterDeadline) status = 'due-soon';
  else status = 'awaiting';

  const meetingDate = heldOn ?? (plannedFor !== null && plannedFor >= today ? plannedFor : null);
  let norm: OpstartNorm | null = null;
  if (meetingDate !== null) {
    const careDays = calendarDaysBetween(careStart, meetingDate);
    norm = careDays < OPSTART_NORM_DAYS.min ? 'early' : careDays > OPSTART_NORM_DAYS.max ? 'late' : 'within';
  }

  return {
    status,
    deadline,
    deadlineIsoWeek: isoWeekOf(deadline).week,
    daysLeft,
    daysOverdue: Math.max(0, -daysLeft),
    daysSinceVisitation: calendarDaysBetween(visitationDate, today),
    daysSinceStart: calendarDaysBetween(careStart, today),
    careStart,
    normWindow: {
      from: addDaysToDate(careStart, OPSTART_NORM_DAYS.min),
      to: addDaysToDate(careStart, OPSTART_NORM_DAYS.max),
    },
    meetingDate,
    inTime: meetingDate === null ? null : meetingDate <= deadline,
    norm,
    withinNorm: norm === null ? null : norm === 'within',
    plannedAfterDeadline,
  };
}
