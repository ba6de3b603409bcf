import { TZDate } from '@date-fns/tz';
import type { MeetingType } from '../model/meeting.js';
import { MeetingTypeSchema } from '../model/meeting.js';
import type { MeetingDays, TeamMeetingSettings } from '../model/teamMeetings.js';
import { addDaysToDate } from './cadence.js';
import { TIME_ZONE, toIsoDate } from './dates.js';
import { isoWeekday } from './triage.js';

/*
 * When a team's meetings are held (weekly schedules, model/teamMeetings.ts) and what that
 * means for the rotation: how many meetings lie within N days. Pure: `today`/`now` are inputs.
 */

/** The ISO weekdays a meeting is held on ("visitator": the team's visitator days). */
export function meetingWeekdays(days: MeetingDays, visitatorDays: readonly number[]): number[] {
  return [...(days === 'visitator' ? visitatorDays : days)].sort((a, b) => a - b);
}

export function isMeetingDay(date: string, weekdays: readonly number[]): boolean {
  return weekdays.includes(isoWeekday(date));
}

/** The last meeting day strictly before `today`, looking back at most two weeks; null without a schedule. */
export function previousMeetingDay(today: string, weekdays: readonly number[]): string | null {
  for (let d = 1; d <= 14; d++) {
    const date = addDaysToDate(today, -d);
    if (isMeetingDay(date, weekdays)) return date;
  }
  return null;
}

/** The next meeting day on or after `from`; null without a schedule. */
export function nextMeetingDay(from: string, weekdays: readonly number[]): string | null {
  for (let d = 0; d < 7; d++) {
    const date = addDaysToDate(from, d);
    if (isMeetingDay(date, weekdays)) return date;
  }
  return null;
}

/**
 * The longest calendar span between a meeting and the k-th meeting after it, over every
 * starting weekday (weekdays, k = 5 → 7 days; k = 10 → 14). Null without a schedule.
 */
export function spanOfMeetings(k: number, weekdays: readonly number[]): number | null {
  if (weekdays.length === 0) return null;
  if (k <= 0) return 0;
  const held = new Set(weekdays);
  let worst = 0;
  for (const start of held) {
    let days = 0;
    for (let seen = 0; seen < k;) {
      days++;
      if (held.has(((start - 1 + days) % 7) + 1)) seen++;
    }
    worst = Math.max(worst, days);
  }
  return worst;
}

/** How many meetings a citizen may wait and still come up within `days` days (weekdays, 14 → 10). */
export function meetingsWithin(days: number, weekdays: readonly number[]): number {
  if (weekdays.length === 0) return 0;
  let k = 0;
  while ((spanOfMeetings(k + 1, weekdays) ?? Infinity) <= days) k++;
  return k;
}

/** "2026-03-16" + "08:00" in Danish time → the instant (ISO, UTC). */
export function danishInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, TIME_ZONE).getTime()).toISOString();
}

export interface PlannedMeeting {
  type: MeetingType;
  /** The instant it starts. */
  at: string;
  durationMin: number;
}

/**
 * The team's next meeting of each scheduled type (not yet started at `now`), earliest first:
 * what "Mine teams" and the board show.
 */
export function nextMeetings(
  now: string,
  settings: TeamMeetingSettings,
  visitatorDays: readonly number[],
): PlannedMeeting[] {
  const t = Date.parse(now);
  const today = toIsoDate(new Date(t));
  const out: PlannedMeeting[] = [];
  for (const type of MeetingTypeSchema.options) {
    const s = settings[type];
    const weekdays = meetingWeekdays(s.days, visitatorDays);
    for (let d = 0; d < 8 && weekdays.length > 0; d++) {
      const date = addDaysToDate(today, d);
      if (!isMeetingDay(date, weekdays)) continue;
      const at = danishInstant(date, s.time);
      if (Date.parse(at) <= t) continue;
      out.push({ type, at, durationMin: s.durationMin });
      break;
    }
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
