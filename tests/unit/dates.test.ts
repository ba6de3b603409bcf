import { afterEach, describe, expect, it } from 'vitest';
import { TIME_ZONE, daysBetween, formatDateWithWeek, formatShortDate, isoWeek, toIsoDate } from '../../shared/index.js';

const at = (iso: string) => new Date(iso);

describe('toIsoDate (calendar date in Denmark)', () => {
  it('uses Europe/Copenhagen by default', () => {
    expect(TIME_ZONE).toBe('Europe/Copenhagen');
  });

  it.each([
    // ordinary winter day (CET, UTC+1): 23:30 UTC is already tomorrow in Copenhagen
    ['2026-11-24T22:59:59Z', '2026-11-24'],
    ['2026-11-24T23:00:00Z', '2026-11-25'],
    ['2026-11-24T23:30:00Z', '2026-11-25'],
    // ordinary summer day (CEST, UTC+2)
    ['2026-07-01T21:59:59Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    ['2026-07-01T23:30:00Z', '2026-07-02'],
    // spring forward, Sunday 2026-03-29 02:00 CET → 03:00 CEST (01:00 UTC)
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-03-29T00:59:59Z', '2026-03-29'],
    ['2026-03-29T01:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-03-29T23:30:00Z', '2026-03-30'],
    // fall back, Sunday 2026-10-25 03:00 CEST → 02:00 CET (01:00 UTC)
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T00:30:00Z', '2026-10-25'],
    ['2026-10-25T01:30:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2026-10-25T23:30:00Z', '2026-10-26'],
    // new year's eve
    ['2026-12-31T22:59:59Z', '2026-12-31'],
    ['2026-12-31T23:30:00Z', '2027-01-01'],
  ])('%s is %s in Copenhagen', (instant, date) => {
    expect(toIsoDate(at(instant))).toBe(date);
  });

  it('can be asked for another time zone', () => {
    expect(toIsoDate(at('2026-11-24T23:30:00Z'), 'UTC')).toBe('2026-11-24');
    expect(toIsoDate(at('2026-11-24T23:30:00Z'), 'Atlantic/Faroe')).toBe('2026-11-24');
    expect(toIsoDate(at('2026-11-24T23:30:00Z'), 'America/Nuuk')).toBe('2026-11-24');
  });

  it('answers right when asked for many minutes in turn, in two zones, past what it keeps', () => {
    // A board's figures ask for each card's creation minute in turn with today's.
    const today = at('2026-11-24T23:30:00Z');
    for (let i = 0; i < 5000; i++) {
      const created = new Date(Date.UTC(2026, 2, 1) + i * 61_000 * 17);
      const expected = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(created);
      expect(toIsoDate(created)).toBe(expected);
      expect(toIsoDate(today)).toBe('2026-11-25');
      expect(toIsoDate(today, 'UTC')).toBe('2026-11-24');
    }
    expect(() => toIsoDate(new Date(NaN))).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-24', '2026-11-24', 0],
    ['2026-11-24', '2026-11-25', 1],
    ['2026-11-25', '2026-11-24', -1],
    ['2026-03-28', '2026-03-30', 2], // across spring forward (a 23-hour day)
    ['2026-03-29', '2026-03-30', 1],
    ['2026-10-24', '2026-10-26', 2], // across fall back (a 25-hour day)
    ['2026-10-25', '2026-10-26', 1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2028-02-28', '2028-03-01', 2],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-03-01', '2026-10-31', 244],
  ])('[R3] from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-24', 48],
    ['2026-01-01', 1], // Thursday: week 1 of 2026
    ['2026-12-28', 53],
    ['2026-12-31', 53], // 2026 has 53 weeks
    ['2027-01-01', 53], // Friday: still week 53 of 2026
    ['2027-01-03', 53],
    ['2027-01-04', 1],
    ['2020-12-31', 53],
    ['2021-01-03', 53],
    ['2021-01-04', 1],
    ['2024-12-30', 1], // Monday: already week 1 of 2025
    ['2025-12-29', 1], // Monday: week 1 of 2026
    ['2026-03-29', 13], // a DST Sunday
    ['2026-10-25', 43],
  ])('%s is week %i', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('formatDateWithWeek', () => {
  it('reads naturally in Danish: "24. nov. 2026 (uge 48)"', () => {
    expect(formatDateWithWeek('2026-11-24')).toBe('24. nov. 2026 (uge 48)');
    expect(formatDateWithWeek('2026-11-24', 'da')).toBe('24. nov. 2026 (uge 48)');
  });

  it('uses the full month name where Danish has no abbreviation', () => {
    expect(formatDateWithWeek('2026-05-04')).toBe('4. maj 2026 (uge 19)');
  });

  it('shows the ISO week across the year boundary', () => {
    expect(formatDateWithWeek('2027-01-01')).toBe('1. jan. 2027 (uge 53)');
    expect(formatDateWithWeek('2027-01-01', 'en')).toBe('1 Jan 2027 (week 53)');
  });

  it('reads naturally in English: "24 Nov 2026 (week 48)"', () => {
    expect(formatDateWithWeek('2026-11-24', 'en')).toBe('24 Nov 2026 (week 48)');
    expect(formatDateWithWeek('2026-05-04', 'en')).toBe('4 May 2026 (week 19)');
  });

  it('never writes a double full stop or a leading zero in any month', () => {
    for (let m = 1; m <= 12; m++) {
      const date = `2026-${String(m).padStart(2, '0')}-05`;
      const da = formatDateWithWeek(date, 'da');
      expect(da).not.toMatch(/\.\./);
      expect(da).toMatch(/^5\. [a-zæøå]{3}\.? 2026 \(uge \d{1,2}\)$/);
      expect(formatDateWithWeek(date, 'en')).toMatch(/^5 [A-Z][a-z]{2} 2026 \(week \d{1,2}\)$/);
    }
  });
});

describe('formatShortDate', () => {
  it('Danish: "24.11 · uge 48"', () => {
    expect(formatShortDate('2026-11-24')).toBe('24.11 · uge 48');
    expect(formatShortDate('2026-01-05', 'da')).toBe('05.01 · uge 2');
  });

  it('English: day first as in en-GB, "24/11 · wk 48"', () => {
    expect(formatShortDate('2026-11-24', 'en')).toBe('24/11 · wk 48');
    expect(formatShortDate('2027-01-01', 'en')).toBe('01/01 · wk 53');
  });
});

describe('date rules do not depend on the device time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['Europe/Copenhagen', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'])(
    'same answers with TZ=%s',
    (tz) => {
      process.env.TZ = tz;
      expect(toIsoDate(at('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
      expect(toIsoDate(at('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
      expect(toIsoDate(at('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
      expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
      expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
      expect(isoWeek('2027-01-01')).toBe(53);
      expect(formatDateWithWeek('2026-11-24')).toBe('24. nov. 2026 (uge 48)');
      expect(formatShortDate('2026-03-29')).toBe('29.03 · uge 13');
    },
  );
});
