import { addDays, format, getISODay, getISOWeek, getISOWeekYear, parseISO } from 'date-fns';
import { toIsoDate } from './dates.js';

/*
 * Granted vs planned vs delivered time (issue #13, point 2; digest §4, R28–R30). Pure sums
 * over imported visits (model/visits.ts): per citizen, per team and per district, by ISO week
 * as Danish teams count them ("uge 49"), in the Danish calendar. Visits carry a calendar date,
 * so only "which week is now" depends on the clock (and on DST): see `weeksEnding`.
 */

/** "2026-W53": the ISO week-year and week of a date (a week belongs to the year of its Thursday). */
export function weekKey(date: string): string {
  // The same day is asked for again and again (a Styring event per edit): remember the last.
  if (date === lastWeek.date) return lastWeek.key;
  const d = parseISO(date);
  const key = `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`;
  Object.assign(lastWeek, { date, key });
  return key;
}
const lastWeek = { date: '', key: '' };

export interface Week {
  key: string;
  /** Monday and Sunday of the week, YYYY-MM-DD. */
  start: string;
  end: string;
  /** The week number as Danish users say it ("uge 53"). */
  number: number;
}

export function weekOf(date: string): Week {
  const d = parseISO(date);
  const monday = addDays(d, 1 - getISODay(d));
  return {
    key: weekKey(date),
    start: format(monday, 'yyyy-MM-dd'),
    end: format(addDays(monday, 6), 'yyyy-MM-dd'),
    number: getISOWeek(d),
  };
}

/**
 * This week (as it is in Denmark at `now`) and the `count - 1` weeks before it, newest first.
 * The default five weeks are what the card and the cockpit show: this week and the last four.
 */
export function weeksEnding(now: Date, count = 5): Week[] {
  const today = toIsoDate(now);
  const weeks: Week[] = [];
  for (let i = 0; i < count; i++) weeks.push(weekOf(format(addDays(parseISO(today), -7 * i), 'yyyy-MM-dd')));
  return weeks;
}

/** The part of a visit the sums need. */
export interface VisitMinutes {
  citizenRef: string;
  date: string;
  plannedMinutes: number;
  deliveredMinutes: number;
}

export interface TimeFigures {
  /** Visiteret tid for the days the week's data covers, in minutes (see `coveredDays`). */
  grantedMinutes: number;
  plannedMinutes: number;
  deliveredMinutes: number;
  /** Delivered minus granted: positive = more help than granted. */
  balanceMinutes: number;
}

export interface CitizenWeek extends TimeFigures {
  week: Week;
  visits: number;
  /**
   * Days of the week (0–7) the imported data reaches: a week not yet over, or imported only up
   * to Wednesday, is compared with the granted time of the same days, not of a whole week.
   */
  coveredDays: number;
}

/**
 * Days of `week` up to and including `coveredUntil` (the last date the planning system has
 * reported, usually the day of the last import), 0–7.
 */
export function coveredDays(week: Week, coveredUntil: string | null): number {
  if (coveredUntil === null || coveredUntil < week.start) return 0;
  if (coveredUntil >= week.end) return 7;
  return getISODay(parseISO(coveredUntil));
}

const round = (n: number) => Math.round(n);

/** One citizen's weeks: granted hours per week (the card's visiteret tid) vs the visits. */
export function citizenWeeks(
  visits: readonly VisitMinutes[],
  grantedHoursPerWeek: number | null,
  weeks: readonly Week[],
  coveredUntil: string | null,
): CitizenWeek[] {
  return weeks.map((week) => {
    const inWeek = visits.filter((v) => v.date >= week.start && v.date <= week.end);
    const days = coveredDays(week, coveredUntil);
    const planned = inWeek.reduce((s, v) => s + v.plannedMinutes, 0);
    const delivered = inWeek.reduce((s, v) => s + v.deliveredMinutes, 0);
    const granted = round(((grantedHoursPerWeek ?? 0) * 60 * days) / 7);
    return {
      week,
      visits: inWeek.length,
      coveredDays: days,
      grantedMinutes: granted,
      plannedMinutes: planned,
      deliveredMinutes: delivered,
      balanceMinutes: delivered - granted,
    };
  });
}

/** A citizen as the group sums see them. */
export interface CitizenTime {
  citizenRef: string;
  grantedHoursPerWeek: number | null;
}

export interface GroupWeek extends TimeFigures {
  week: Week;
  coveredDays: number;
  citizens: number;
  /** Citizens who got more than granted, and their minutes over (the "gynger"). */
  citizensOver: number;
  minutesOver: number;
  /** Citizens who got less than granted, and their minutes under (the "karusseller" that pay for them). */
  citizensUnder: number;
  minutesUnder: number;
  /** Staff hours the team has for the covered days (normering); null when not set. */
  staffMinutes: number | null;
  /** Delivered time as a share of staff time, 0–1+; null without staff hours. */
  staffingShare: number | null;
}

/**
 * A team's (or a district's) weeks: the citizens' sums, the pooled balance — more for one
 * citizen is fine when another uses less (S2:209-210, 1177-1182) — and delivered time against
 * the staff hours the group has (S2:4973-4979). Only citizens on the board count: the granted
 * time lives on their cards.
 */
export function groupWeeks(
  citizens: readonly CitizenTime[],
  visits: readonly VisitMinutes[],
  weeks: readonly Week[],
  coveredUntil: string | null,
  staffHoursPerWeek: number | null,
): GroupWeek[] {
  const byRef = new Map<string, VisitMinutes[]>();
  for (const v of visits) {
    const list = byRef.get(v.citizenRef);
    if (list) list.push(v);
    else byRef.set(v.citizenRef, [v]);
  }
  const perCitizen = citizens.map((c) =>
    citizenWeeks(byRef.get(c.citizenRef) ?? [], c.grantedHoursPerWeek, weeks, coveredUntil),
  );
  return weeks.map((week, i) => {
    const days = coveredDays(week, coveredUntil);
    const rows = perCitizen.map((w) => w[i]!);
    const over = rows.filter((r) => r.balanceMinutes > 0);
    const under = rows.filter((r) => r.balanceMinutes < 0);
    const sum = (f: (r: CitizenWeek) => number, list = rows) => list.reduce((s, r) => s + f(r), 0);
    const delivered = sum((r) => r.deliveredMinutes);
    const granted = sum((r) => r.grantedMinutes);
    const staff = staffHoursPerWeek === null ? null : round((staffHoursPerWeek * 60 * days) / 7);
    return {
      week,
      coveredDays: days,
      citizens: rows.length,
      grantedMinutes: granted,
      plannedMinutes: sum((r) => r.plannedMinutes),
      deliveredMinutes: delivered,
      balanceMinutes: delivered - granted,
      citizensOver: over.length,
      minutesOver: sum((r) => r.balanceMinutes, over),
      citizensUnder: under.length,
      minutesUnder: -sum((r) => r.balanceMinutes, under),
      staffMinutes: staff,
      staffingShare: staff === null || staff === 0 ? null : delivered / staff,
    };
  });
}

/** Adds groups' weeks (teams into a district); the weeks must be the same. */
export function sumGroupWeeks(groups: readonly (readonly GroupWeek[])[], weeks: readonly Week[]): GroupWeek[] {
  return weeks.map((week, i) => {
    const rows = groups.map((g) => g[i]!);
    const sum = (f: (r: GroupWeek) => number) => rows.reduce((s, r) => s + f(r), 0);
    const staffed = rows.filter((r) => r.staffMinutes !== null);
    const staff = staffed.length === 0 ? null : staffed.reduce((s, r) => s + r.staffMinutes!, 0);
    const delivered = sum((r) => r.deliveredMinutes);
    return {
      week,
      coveredDays: rows[0]?.coveredDays ?? 0,
      citizens: sum((r) => r.citizens),
      grantedMinutes: sum((r) => r.grantedMinutes),
      plannedMinutes: sum((r) => r.plannedMinutes),
      deliveredMinutes: delivered,
      balanceMinutes: sum((r) => r.balanceMinutes),
      citizensOver: sum((r) => r.citizensOver),
      minutesOver: sum((r) => r.minutesOver),
      citizensUnder: sum((r) => r.citizensUnder),
      minutesUnder: sum((r) => r.minutesUnder),
      staffMinutes: staff,
      staffingShare: staff === null || staff === 0 ? null : delivered / staff,
    };
  });
}

/**
 * The budget frame (Syddjurs, S1:441-506): each active citizen brings the weekly rate of their
 * forløb category; the frame is the sum, compared with the team's weekly budget. Citizens
 * whose category has no rate are counted apart, so a missing rate is visible, not zero.
 */
export function budgetFrame(
  categories: readonly (string | null)[],
  ratesPerWeek: Readonly<Record<string, number>>,
  teamBudgetPerWeek: number | null,
): { frame: number; withoutRate: number; budget: number | null; difference: number | null } {
  let frame = 0;
  let withoutRate = 0;
  for (const c of categories) {
    const rate = c === null ? undefined : ratesPerWeek[c];
    if (rate === undefined) withoutRate++;
    else frame += rate;
  }
  return {
    frame,
    withoutRate,
    budget: teamBudgetPerWeek,
    difference: teamBudgetPerWeek === null ? null : teamBudgetPerWeek - frame,
  };
}
