import { describe, expect, it } from 'vitest';
import {
  budgetFrame,
  citizenWeeks,
  coveredDays,
  groupWeeks,
  sumGroupWeeks,
  weekKey,
  weekOf,
  weeksEnding,
} from '../../shared/rules/time.js';
import { validateVisitRows } from '../../shared/model/visits.js';

const visit = (citizenRef: string, date: string, planned: number, delivered: number) => ({
  citizenRef,
  date,
  plannedMinutes: planned,
  deliveredMinutes: delivered,
});

describe('ISO weeks in the Danish calendar', () => {
  it('puts the days around new year in the week of their Thursday', () => {
    expect(weekKey('2026-12-31')).toBe('2026-W53');
    expect(weekKey('2027-01-03')).toBe('2026-W53');
    expect(weekKey('2027-01-04')).toBe('2027-W01');
    expect(weekKey('2025-12-29')).toBe('2026-W01');
    expect(weekOf('2027-01-01')).toEqual({ key: '2026-W53', start: '2026-12-28', end: '2027-01-03', number: 53 });
  });

  it('takes "this week" from the Danish date, not UTC, across DST', () => {
    // Sunday 29 March 2026 22:30 UTC is Monday 00:30 in Denmark (summer time began that night).
    expect(weeksEnding(new Date('2026-03-29T22:30:00Z'), 1)[0]!.key).toBe('2026-W14');
    expect(weeksEnding(new Date('2026-03-29T21:30:00Z'), 1)[0]!.key).toBe('2026-W13');
    // Sunday 25 October 2026 23:30 UTC is Monday 00:30 in Denmark (winter time, UTC+1).
    expect(weeksEnding(new Date('2026-10-25T23:30:00Z'), 1)[0]!.key).toBe('2026-W44');
    expect(weeksEnding(new Date('2026-10-25T22:30:00Z'), 1)[0]!.key).toBe('2026-W43');
  });

  it('lists this week and the four before it, across the year end', () => {
    const weeks = weeksEnding(new Date('2027-01-06T12:00:00Z'));
    expect(weeks.map((w) => w.key)).toEqual(['2027-W01', '2026-W53', '2026-W52', '2026-W51', '2026-W50']);
  });
});

describe('citizen weeks', () => {
  const [thisWeek, lastWeek] = weeksEnding(new Date('2026-12-09T10:00:00Z'), 2) as [
    ReturnType<typeof weekOf>,
    ReturnType<typeof weekOf>,
  ];

  it('sums planned and delivered minutes per week and compares with granted time', () => {
    const visits = [
      visit('B1', '2026-11-30', 60, 45),
      visit('B1', '2026-12-06', 60, 75),
      visit('B1', '2026-12-07', 30, 30),
      visit('B2', '2026-12-01', 99, 99),
    ];
    const [, last] = citizenWeeks(
      visits.filter((v) => v.citizenRef === 'B1'),
      2,
      [thisWeek, lastWeek],
      '2026-12-08',
    );
    expect(last).toMatchObject({ visits: 2, plannedMinutes: 120, deliveredMinutes: 120, grantedMinutes: 120 });
    expect(last!.balanceMinutes).toBe(0);
  });

  it('compares a partly imported week with the granted time of the days it covers', () => {
    // Data up to Wednesday: 3 of 7 days of 3.5 hours a week is 90 minutes.
    expect(coveredDays(thisWeek, '2026-12-09')).toBe(3);
    const [now] = citizenWeeks([visit('B1', '2026-12-08', 60, 100)], 3.5, [thisWeek], '2026-12-09');
    expect(now).toMatchObject({ coveredDays: 3, grantedMinutes: 90, deliveredMinutes: 100, balanceMinutes: 10 });
  });

  it('a week the data does not reach has nothing granted, so no one looks under', () => {
    const [now] = citizenWeeks([], 5, [thisWeek], '2026-12-06');
    expect(now).toMatchObject({ coveredDays: 0, grantedMinutes: 0, balanceMinutes: 0 });
    expect(citizenWeeks([], 5, [thisWeek], null)[0]!.coveredDays).toBe(0);
  });

  it('a citizen without visiteret tid counts every delivered minute as over', () => {
    const [last] = citizenWeeks([visit('B1', '2026-12-02', 30, 30)], null, [lastWeek], '2026-12-08');
    expect(last!.balanceMinutes).toBe(30);
  });
});

describe('team and district weeks', () => {
  const weeks = weeksEnding(new Date('2026-12-09T10:00:00Z'), 2);
  const citizens = [
    { citizenRef: 'B1', grantedHoursPerWeek: 2 },
    { citizenRef: 'B2', grantedHoursPerWeek: 3 },
    { citizenRef: 'B3', grantedHoursPerWeek: 1 },
  ];
  const visits = [
    visit('B1', '2026-12-01', 180, 180), // 60 over
    visit('B2', '2026-12-02', 150, 120), // 60 under
    visit('B3', '2026-12-03', 60, 60), // even
    visit('X9', '2026-12-03', 600, 600), // not on this board: not counted
  ];

  it('pools over and under into one balance ("gynger og karusseller")', () => {
    const [, last] = groupWeeks(citizens, visits, weeks, '2026-12-08', 35);
    expect(last).toMatchObject({
      citizens: 3,
      grantedMinutes: 360,
      plannedMinutes: 390,
      deliveredMinutes: 360,
      balanceMinutes: 0,
      citizensOver: 1,
      minutesOver: 60,
      citizensUnder: 1,
      minutesUnder: 60,
      staffMinutes: 2100,
    });
    expect(last!.staffingShare).toBeCloseTo(360 / 2100);
  });

  it('has no staffing share without staff hours', () => {
    const [, last] = groupWeeks(citizens, visits, weeks, '2026-12-08', null);
    expect(last).toMatchObject({ staffMinutes: null, staffingShare: null });
  });

  it('adds teams into a district', () => {
    const a = groupWeeks(citizens, visits, weeks, '2026-12-08', 35);
    const b = groupWeeks([{ citizenRef: 'X9', grantedHoursPerWeek: 12 }], visits, weeks, '2026-12-08', null);
    const [, last] = sumGroupWeeks([a, b], weeks);
    expect(last).toMatchObject({ citizens: 4, deliveredMinutes: 960, grantedMinutes: 1080, staffMinutes: 2100 });
    expect(last!.balanceMinutes).toBe(-120);
    expect(last!.citizensUnder).toBe(2);
  });
});

describe('budget frame', () => {
  it('sums the category rates of the citizens and compares with the budget', () => {
    const rates = { A: 1000, B: 2500 };
    expect(budgetFrame(['A', 'B', 'B', null, 'Z'], rates, 8000)).toEqual({
      frame: 6000,
      withoutRate: 2,
      budget: 8000,
      difference: 2000,
    });
    expect(budgetFrame([], rates, null)).toEqual({ frame: 0, withoutRate: 0, budget: null, difference: null });
  });
});

describe('visit rows', () => {
  const good = {
    visitId: 'v-1',
    citizenRef: 'B-100',
    date: '2026-12-01',
    plannedMinutes: 30,
    deliveredMinutes: 25,
    helpType: 'Personlig pleje',
  };

  it('accepts good rows and names every bad one with a Danish reason', () => {
    const { ok, errors } = validateVisitRows([
      good,
      { ...good, visitId: 'v-2', date: '2026-02-30' },
      { ...good, visitId: 'v-3', citizenRef: '010203-1234' },
      { ...good, visitId: 'v-4', citizenRef: '9999991234' },
      { ...good, visitId: 'v-5', plannedMinutes: -5 },
      { ...good, visitId: 'v-6', extra: 1 },
      { ...good },
      'not a row',
    ]);
    expect(ok).toHaveLength(1);
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(errors[0]!.message).toMatch(/^dato: /);
    expect(errors[1]!.message).toMatch(/CPR/);
    expect(errors[2]!.message).toMatch(/CPR/);
    expect(errors[3]!.message).toMatch(/negative/);
    expect(errors[4]!.message).toMatch(/ukendt felt: extra/);
    expect(errors[5]!.message).toBe('besøgs-id v-1 står også i række 1');
  });

  it('says which field is missing', () => {
    const { citizenRef: _, ...noRef } = good;
    expect(validateVisitRows([noRef]).errors[0]!.message).toBe('borger-nr. mangler');
  });
});
