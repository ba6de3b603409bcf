import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEAM_MEETINGS,
  TeamMeetingSettingsSchema,
  danishInstant,
  meetingWeekdays,
  meetingsWithin,
  nextMeetingDay,
  nextMeetings,
  previousMeetingDay,
  spanOfMeetings,
} from '../../shared/index.js';

/* A team's meeting schedule and what it means for the rotation (issue #11). */

const WEEKDAYS = [1, 2, 3, 4, 5];

describe('meeting schedule', () => {
  it('the defaults are valid: daily 15 min on weekdays 08:00, weekly 45 min on the visitator day, N = 14', () => {
    expect(TeamMeetingSettingsSchema.parse(DEFAULT_TEAM_MEETINGS)).toEqual(DEFAULT_TEAM_MEETINGS);
    expect(DEFAULT_TEAM_MEETINGS.tavlemoede).toEqual({ durationMin: 15, days: WEEKDAYS, time: '08:00' });
    expect(DEFAULT_TEAM_MEETINGS.tvaerfagligt).toMatchObject({ durationMin: 45, days: 'visitator' });
    expect(DEFAULT_TEAM_MEETINGS.rotationDays).toBe(14);
    expect(meetingWeekdays('visitator', [4, 2])).toEqual([2, 4]);
  });

  it('the previous and next meeting day skip the weekend', () => {
    // Monday 16 March 2026
    expect(previousMeetingDay('2026-03-16', WEEKDAYS)).toBe('2026-03-13');
    expect(previousMeetingDay('2026-03-17', WEEKDAYS)).toBe('2026-03-16');
    expect(nextMeetingDay('2026-03-14', WEEKDAYS)).toBe('2026-03-16');
    expect(previousMeetingDay('2026-03-16', [])).toBeNull();
  });

  it('the worst-case span of k meetings, and how many meetings fit in N days', () => {
    // weekdays: 5 meetings are a week, 10 two weeks, from any starting day
    expect([1, 2, 5, 10, 15].map((k) => spanOfMeetings(k, WEEKDAYS))).toEqual([3, 4, 7, 14, 21]);
    expect(meetingsWithin(14, WEEKDAYS)).toBe(10);
    expect(meetingsWithin(13, WEEKDAYS)).toBe(9);
    expect(meetingsWithin(14, [4])).toBe(2);
    expect(spanOfMeetings(3, [])).toBeNull();
  });

  it('next meetings: at their Danish time, today if not yet started, across summer time', () => {
    // Friday 27 March 2026 07:30 Danish (CET): today's 08:00; clocks go forward on Sunday 29 March
    const next = nextMeetings('2026-03-27T06:30:00.000Z', DEFAULT_TEAM_MEETINGS, [4]);
    expect(next.map((m) => [m.type, m.at])).toEqual([
      ['tavlemoede', '2026-03-27T07:00:00.000Z'],
      ['tvaerfagligt', '2026-04-02T10:30:00.000Z'], // Thursday 12:30 CEST
    ]);
    // after 08:00 the next tavlemøde is Monday, in summer time
    expect(nextMeetings('2026-03-27T07:05:00.000Z', DEFAULT_TEAM_MEETINGS, [4])[0]!.at).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    expect(danishInstant('2026-07-01', '08:00')).toBe('2026-07-01T06:00:00.000Z');
  });

  it('refuses a bad schedule with Danish messages', () => {
    const bad = (patch: object) =>
      TeamMeetingSettingsSchema.safeParse({ ...DEFAULT_TEAM_MEETINGS, ...patch }).error?.issues[0]?.message;
    expect(bad({ rotationDays: 0 })).toBe('Rotationen er mindst 1 dag');
    expect(bad({ tavlemoede: { durationMin: 15, days: [1, 1], time: '08:00' } })).toBe('En ugedag er nævnt to gange');
    expect(bad({ tavlemoede: { durationMin: 15, days: [1], time: '24:00' } })).toBe(
      'Klokkeslæt skrives TT:MM, fx 08:00',
    );
    expect(bad({ extra: true })).toBeDefined();
  });
});
