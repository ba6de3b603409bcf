import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  addMonthsToDate,
  calendarDaysBetween,
  computeFollowUps,
  FOLLOW_UP_STATUS_LABELS,
  FollowUpCompletionsSchema,
  followUpsNeedingAction,
  forlobDay,
  forlobEndDate,
  forlobWeek,
  forlobWeekRange,
  isCalendarDate,
  isoWeekOf,
  nextFollowUp,
  type ComputeFollowUpsInput,
  type FollowUp,
} from '../../shared/rules/cadence.js';
import {
  BUILT_IN_CADENCE_TEMPLATE_IDS,
  CADENCE_TEMPLATES,
  CadenceTemplateSchema,
  CustomCadenceTemplateSchema,
  findCadenceTemplate,
  resolveCadenceTemplate,
  type CadenceTemplate,
  type CadenceTemplateInput,
} from '../../shared/rules/cadenceTemplates.js';
import { toIsoDate } from '../../shared/rules/dates.js';

function template(id: string): CadenceTemplate {
  const t = findCadenceTemplate(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

const HORSHOLM = template('horsholm-83a');
const SONDERBORG = template('sonderborg-firklover');
const KVARTAL = template('kvartalsvis');
const UDVIKLENDE = template('syddjurs-udviklende');
const FASTHOLDENDE = template('syddjurs-fastholdende');
const KORT = template('syddjurs-kort-sygepleje');
const INDIVIDUEL = template('syddjurs-individuel');
const SOLROD = template('solrod-0-forlob');

function byId(list: FollowUp[], id: string): FollowUp {
  const f = list.find((x) => x.id === id);
  if (!f) throw new Error(`no follow-up ${id} in ${list.map((x) => x.id).join(', ')}`);
  return f;
}

function compute(input: Partial<ComputeFollowUpsInput> & Pick<ComputeFollowUpsInput, 'template' | 'startDate'>) {
  return computeFollowUps({ today: input.startDate, ...input });
}

/** The date of forløb day n for a start date (day 1 = start). */
const day = (start: string, n: number) => addDaysToDate(start, n - 1);

const START = '2026-03-26'; // a Thursday, so forløb weeks and ISO weeks differ

describe('calendar helpers', () => {
  it('answer the same past the dates they keep, and an invalid date still fails after valid ones', () => {
    // 6,000 consecutive days: more than the helpers keep, so they forget and work out again.
    let prev = '2020-01-01';
    for (let i = 1; i <= 6000; i++) {
      const next = addDaysToDate('2020-01-01', i);
      expect(calendarDaysBetween(prev, next)).toBe(1);
      expect(addDaysToDate(next, -1)).toBe(prev);
      expect(isoWeekOf(next)).toEqual(isoWeekOf(next));
      prev = next;
    }
    expect(prev).toBe('2036-06-05');
    expect(isoWeekOf('2026-12-31')).toEqual({ week: 53, year: 2026 });
    expect(isoWeekOf('2027-01-03')).toEqual({ week: 53, year: 2026 });
    expect(() => calendarDaysBetween('2026-02-28', '2026-02-30')).toThrow(RangeError);
    expect(() => addDaysToDate('2026-02-30', 1)).toThrow(RangeError);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDaysToDate('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months with date-fns clamping to the last day of the month', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonthsToDate('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsToDate('2027-11-29', 3)).toBe('2028-02-29');
    expect(addMonthsToDate('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonthsToDate('2026-10-31', 12)).toBe('2027-10-31');
  });

  it('counts calendar days, negative backwards', () => {
    expect(calendarDaysBetween('2026-03-26', '2026-04-09')).toBe(14);
    expect(calendarDaysBetween('2026-04-09', '2026-03-26')).toBe(-14);
    expect(calendarDaysBetween('2028-02-01', '2028-03-01')).toBe(29);
  });

  it('gives the ISO week and week-year (week 53 of 2026 runs into January 2027)', () => {
    expect(isoWeekOf('2026-03-26')).toEqual({ week: 13, year: 2026 });
    expect(isoWeekOf('2027-01-01')).toEqual({ week: 53, year: 2026 });
    expect(isoWeekOf('2027-01-04')).toEqual({ week: 1, year: 2027 });
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-3-1')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
    expect(() => addDaysToDate('2026-02-30', 1)).toThrow(RangeError);
    expect(() => computeFollowUps({ template: HORSHOLM, startDate: '2026-02-30', today: '2026-03-01' })).toThrow(
      /Ugyldig dato/,
    );
  });
});

describe('forløb weeks: day 1 is the start date, uge N is days 7(N−1)+1 … 7N', () => {
  it('numbers the start date day 1 and the day before day 0', () => {
    expect(forlobDay(START, START)).toBe(1);
    expect(forlobDay(START, '2026-03-25')).toBe(0);
    expect(forlobDay(START, '2026-04-01')).toBe(7);
  });

  it('puts days 1–7 in week 1 and day 8 in week 2', () => {
    expect(forlobWeek(START, day(START, 1))).toBe(1);
    expect(forlobWeek(START, day(START, 7))).toBe(1);
    expect(forlobWeek(START, day(START, 8))).toBe(2);
    expect(forlobWeek(START, day(START, 14))).toBe(2);
    expect(forlobWeek(START, day(START, 15))).toBe(3);
  });

  it('puts day 28 in week 4 and day 29 in week 5', () => {
    expect(forlobWeek(START, day(START, 28))).toBe(4);
    expect(forlobWeek(START, day(START, 29))).toBe(5);
    expect(forlobWeek(START, day(START, 35))).toBe(5);
    expect(forlobWeek(START, day(START, 36))).toBe(6);
  });

  it('is week 0 before the start date', () => {
    expect(forlobWeek(START, '2026-03-25')).toBe(0);
    expect(forlobWeek(START, '2026-01-01')).toBe(0);
  });

  it('gives the first and last date of a forløb week', () => {
    expect(forlobWeekRange(START, 1)).toEqual({ first: '2026-03-26', last: '2026-04-01' });
    expect(forlobWeekRange(START, 5)).toEqual({ first: day(START, 29), last: day(START, 35) });
    expect(forlobWeekRange(START, 5)).toEqual({ first: '2026-04-23', last: '2026-04-29' });
    expect(() => forlobWeekRange(START, 0)).toThrow(RangeError);
  });
});

describe('[R2][S2:1589-1590][S2:2518-2520] Hørsholm rehabilitering (SEL §83a): uge 2, 5, 8 og evt. 12', () => {
  it('is due on the first day of weeks 2, 5, 8 and 12, with the whole week as window and ISO weeks', () => {
    const f = compute({ template: HORSHOLM, startDate: START });
    expect(f.map((x) => [x.id, x.dueDate, x.windowStart, x.windowEnd, x.isoWeek, x.forlobWeek])).toEqual([
      ['week-2', '2026-04-02', '2026-04-02', '2026-04-08', 14, 2],
      ['week-5', '2026-04-23', '2026-04-23', '2026-04-29', 17, 5],
      ['week-8', '2026-05-14', '2026-05-14', '2026-05-20', 20, 8],
      ['week-12', '2026-06-11', '2026-06-11', '2026-06-17', 24, 12],
    ]);
    expect(f.map((x) => x.label)).toEqual([
      'Opfølgning uge 2',
      'Opfølgning uge 5',
      'Opfølgning uge 8',
      'Opfølgning uge 12 (hvis ikke afsluttet)',
    ]);
    expect(f.map((x) => x.labelEn)[3]).toBe('Follow-up week 12 (if not closed)');
    expect(f.map((x) => x.optional)).toEqual([false, false, false, true]);
  });

  it('week 2: upcoming on day 7, forfalden on day 8 (its first day) and day 14, overskredet on day 15', () => {
    const at = (n: number) => byId(compute({ template: HORSHOLM, startDate: START, today: day(START, n) }), 'week-2');
    expect(at(7).status).toBe('upcoming');
    expect(at(8).status).toBe('due');
    expect(at(8).daysUntilDue).toBe(0);
    expect(at(8).daysUntilWindowEnd).toBe(6);
    expect(at(14).status).toBe('due');
    expect(at(14).daysUntilWindowEnd).toBe(0);
    expect(at(15).status).toBe('overdue');
    expect(at(15).daysUntilWindowEnd).toBe(-1);
  });

  it('week 5: upcoming on day 28, forfalden on days 29–35, overskredet from day 36', () => {
    const at = (n: number) => byId(compute({ template: HORSHOLM, startDate: START, today: day(START, n) }), 'week-5');
    expect(at(28).status).toBe('upcoming');
    expect(at(29).status).toBe('due');
    expect(at(35).status).toBe('due');
    expect(at(36).status).toBe('overdue');
  });

  it('keeps week 12 while the forløb is open and makes it forfalden in week 12', () => {
    const f = compute({ template: HORSHOLM, startDate: START, today: day(START, 78) });
    expect(byId(f, 'week-12').status).toBe('due');
  });

  it('[R2][S2:2518] Hørsholm week 12 lapses when closed in week 9', () => {
    const closedOn = day(START, 60); // week 9
    expect(forlobWeek(START, closedOn)).toBe(9);
    const f = compute({
      template: HORSHOLM,
      startDate: START,
      today: day(START, 90),
      closedOn,
      completed: {
        'week-2': { date: day(START, 9), by: 'Anne (terapeut)' },
        'week-5': { date: day(START, 30), by: 'Anne (terapeut)' },
        'week-8': { date: day(START, 52), by: 'Bo (SSA)' },
      },
    });
    expect(f.map((x) => [x.id, x.status])).toEqual([
      ['week-2', 'completed'],
      ['week-5', 'completed'],
      ['week-8', 'completed'],
      ['week-12', 'lapsed'],
    ]);
    expect(nextFollowUp(f)).toBeUndefined();
  });

  it('[R6] closure inside a window makes that follow-up and all later ones bortfaldet', () => {
    const f = compute({ template: HORSHOLM, startDate: START, today: day(START, 40), closedOn: day(START, 31) });
    expect(f.map((x) => [x.id, x.status])).toEqual([
      ['week-2', 'overdue'],
      ['week-5', 'lapsed'],
      ['week-8', 'lapsed'],
      ['week-12', 'lapsed'],
    ]);
  });

  it('closure on the last day of a window still lapses it; closure the day after leaves it overskredet (missed)', () => {
    const onLastDay = compute({
      template: HORSHOLM,
      startDate: START,
      today: day(START, 40),
      closedOn: day(START, 35),
    });
    expect(byId(onLastDay, 'week-5').status).toBe('lapsed');
    const dayAfter = compute({ template: HORSHOLM, startDate: START, today: day(START, 40), closedOn: day(START, 36) });
    expect(byId(dayAfter, 'week-5').status).toBe('overdue');
    expect(byId(dayAfter, 'week-8').status).toBe('lapsed');
  });

  it('a completed follow-up stays gennemført after closure', () => {
    const f = compute({
      template: HORSHOLM,
      startDate: START,
      today: day(START, 100),
      closedOn: day(START, 10),
      completed: { 'week-2': { date: day(START, 9), by: 'Anne' } },
    });
    expect(byId(f, 'week-2').status).toBe('completed');
    expect(f.filter((x) => x.status === 'lapsed').map((x) => x.id)).toEqual(['week-5', 'week-8', 'week-12']);
  });

  it('everything is kommende before the start date', () => {
    const f = compute({ template: HORSHOLM, startDate: START, today: '2026-03-01' });
    expect(f.every((x) => x.status === 'upcoming')).toBe(true);
  });
});

describe('[R2][S2:3791-3792] Sønderborg firkløver (SEL §83): efter 14 dage og igen efter 3 måneder', () => {
  it('"efter 14 dage" is due on start + 14 (day 15, same weekday), window = forløb week 3', () => {
    const f = byId(compute({ template: SONDERBORG, startDate: START }), 'days-14');
    expect(f.dueDate).toBe('2026-04-09');
    expect(calendarDaysBetween(START, f.dueDate)).toBe(14);
    expect(forlobDay(START, f.dueDate)).toBe(15);
    expect(f.windowEnd).toBe('2026-04-15');
    expect(forlobWeekRange(START, 3)).toEqual({ first: f.windowStart, last: f.windowEnd });
    expect(f.label).toBe('Opfølgning efter 14 dage');
    expect(f.labelEn).toBe('Follow-up after 14 days');
    expect(f.isoWeek).toBe(15);
  });

  it('14-day follow-up: kommende on day 14, forfalden on days 15–21, overskredet on day 22', () => {
    const at = (n: number) =>
      byId(compute({ template: SONDERBORG, startDate: START, today: day(START, n) }), 'days-14').status;
    expect([at(14), at(15), at(21), at(22)]).toEqual(['upcoming', 'due', 'due', 'overdue']);
  });

  it('"efter 3 måneder" is due on start + 3 calendar months, with a 7-day window', () => {
    const f = byId(compute({ template: SONDERBORG, startDate: START }), 'months-3');
    expect(f.dueDate).toBe('2026-06-26');
    expect(f.windowEnd).toBe('2026-07-02');
    expect(f.label).toBe('Opfølgning efter 3 måneder');
    const at = (today: string) => byId(compute({ template: SONDERBORG, startDate: START, today }), 'months-3').status;
    expect([at('2026-06-25'), at('2026-06-26'), at('2026-07-02'), at('2026-07-03')]).toEqual([
      'upcoming',
      'due',
      'due',
      'overdue',
    ]);
  });

  it('3 months from 31 August is 30 November; from 30 November it is 28 February', () => {
    expect(byId(compute({ template: SONDERBORG, startDate: '2026-08-31' }), 'months-3').dueDate).toBe('2026-11-30');
    expect(byId(compute({ template: SONDERBORG, startDate: '2026-11-30' }), 'months-3').dueDate).toBe('2027-02-28');
  });

  it('3 months from 29 November 2027 is leap day 29 February 2028', () => {
    expect(byId(compute({ template: SONDERBORG, startDate: '2027-11-29' }), 'months-3').dueDate).toBe('2028-02-29');
  });

  it('the 3-month window crosses a month end by calendar days', () => {
    const f = byId(compute({ template: SONDERBORG, startDate: '2026-01-31' }), 'months-3');
    expect(f.dueDate).toBe('2026-04-30');
    expect(f.windowEnd).toBe('2026-05-06');
  });
});

describe('[R2][S0:522-525][S0:527-534] Kvartalsvis revurdering: hver 3. måned', () => {
  it('by default lists every occurrence due up to today plus the next one', () => {
    const f = compute({ template: KVARTAL, startDate: '2026-01-15', today: '2026-08-01' });
    expect(f.map((x) => [x.id, x.dueDate, x.status])).toEqual([
      ['every3m-1', '2026-04-15', 'overdue'],
      ['every3m-2', '2026-07-15', 'overdue'],
      ['every3m-3', '2026-10-15', 'upcoming'],
    ]);
    expect(f.map((x) => x.label)).toEqual([
      'Opfølgning efter 3 måneder',
      'Opfølgning efter 6 måneder',
      'Opfølgning efter 9 måneder',
    ]);
    expect(f.map((x) => x.occurrence)).toEqual([1, 2, 3]);
  });

  it('repeats quarterly up to an explicit horizon (inclusive)', () => {
    const f = compute({ template: KVARTAL, startDate: '2026-01-15', today: '2026-01-15', horizon: '2027-10-15' });
    expect(f.map((x) => x.dueDate)).toEqual([
      '2026-04-15',
      '2026-07-15',
      '2026-10-15',
      '2027-01-15',
      '2027-04-15',
      '2027-07-15',
      '2027-10-15',
    ]);
    const g = compute({ template: KVARTAL, startDate: '2026-01-15', today: '2026-01-15', horizon: '2027-10-14' });
    expect(g).toHaveLength(6);
  });

  it('counts every occurrence from the start date, so 31 January does not drift to the 28th', () => {
    const f = compute({ template: KVARTAL, startDate: '2026-01-31', today: '2026-01-31', horizon: '2027-02-28' });
    expect(f.map((x) => x.dueDate)).toEqual(['2026-04-30', '2026-07-31', '2026-10-31', '2027-01-31']);
  });

  it('the first occurrence is the next one before the start date', () => {
    const f = compute({ template: KVARTAL, startDate: '2026-05-01', today: '2026-04-01' });
    expect(f.map((x) => x.id)).toEqual(['every3m-1']);
  });

  it('stops at the closure date', () => {
    const f = compute({
      template: KVARTAL,
      startDate: '2026-01-15',
      today: '2027-06-01',
      closedOn: '2026-08-01',
      completed: { 'every3m-1': { date: '2026-04-16', by: 'Sygeplejerske Lis' } },
    });
    expect(f.map((x) => [x.id, x.status])).toEqual([
      ['every3m-1', 'completed'],
      ['every3m-2', 'overdue'],
    ]);
  });

  it('keeps a completed occurrence beyond the horizon as part of the template', () => {
    const f = compute({
      template: KVARTAL,
      startDate: '2026-01-15',
      today: '2026-02-01',
      completed: { 'every3m-3': { date: '2026-10-10', by: 'Lis' } },
    });
    expect(f.map((x) => [x.id, x.dueDate, x.status, x.inTemplate])).toEqual([
      ['every3m-1', '2026-04-15', 'upcoming', true],
      ['every3m-3', '2026-10-15', 'completed', true],
    ]);
  });
});

describe('[R2][S1:371-408] Syddjurs takstkategorier', () => {
  it('[S1:371-386] Udviklende: one follow-up after 3 months', () => {
    const f = compute({ template: UDVIKLENDE, startDate: '2026-11-30' });
    expect(f.map((x) => [x.id, x.dueDate, x.windowEnd])).toEqual([['months-3', '2027-02-28', '2027-03-06']]);
  });

  it('[S1:388-399] Fastholdende: every 12 months, from a leap day 29 February 2028 to 28 February 2029', () => {
    const f = compute({ template: FASTHOLDENDE, startDate: '2028-02-29', today: '2028-03-01', horizon: '2032-12-31' });
    expect(f.map((x) => x.dueDate)).toEqual(['2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
    expect(f.map((x) => x.label)[1]).toBe('Opfølgning efter 24 måneder');
  });

  it('[S1:406] Kort sygepleje: due after 1 week (day 8), at the latest by the end of week 3 (day 21)', () => {
    const f = byId(compute({ template: KORT, startDate: START }), 'days-7');
    expect(forlobDay(START, f.dueDate)).toBe(8);
    expect(f.windowEnd).toBe(forlobWeekRange(START, 3).last);
    expect(forlobDay(START, f.windowEnd)).toBe(21);
    expect(forlobEndDate(KORT, START)).toBe(f.windowEnd);
    const at = (n: number) =>
      byId(compute({ template: KORT, startDate: START, today: day(START, n) }), 'days-7').status;
    expect([at(7), at(8), at(21), at(22)]).toEqual(['upcoming', 'due', 'due', 'overdue']);
  });

  it('[S1:401-404] Individuel: no fixed follow-ups, nothing next', () => {
    const f = compute({ template: INDIVIDUEL, startDate: START, today: '2027-01-01' });
    expect(f).toEqual([]);
    expect(nextFollowUp(f)).toBeUndefined();
    expect(forlobEndDate(INDIVIDUEL, START)).toBeNull();
  });
});

describe('[R2][S2:3275-3277] Solrød 0-forløb: tidsbegrænset til 12 uger', () => {
  it('ends on the last day of week 12 (day 84) and reviews in week 12', () => {
    expect(forlobEndDate(SOLROD, START)).toBe(day(START, 84));
    expect(forlobEndDate(SOLROD, START)).toBe('2026-06-17');
    const f = compute({ template: SOLROD, startDate: START });
    expect(f.map((x) => [x.id, x.dueDate, x.windowEnd, x.isoWeek])).toEqual([
      ['week-12', '2026-06-11', '2026-06-17', 24],
    ]);
  });

  it('templates without a time limit have no end date', () => {
    expect(forlobEndDate(HORSHOLM, START)).toBeNull();
    expect(forlobEndDate(KVARTAL, START)).toBeNull();
  });
});

describe('moving the start date recomputes everything; completions keep their date and who', () => {
  it('[R2] a completed follow-up keeps its recorded date and by when the start date moves a week', () => {
    const completed = { 'week-2': { date: '2026-03-10', by: 'Anne Hansen' } };
    const before = compute({ template: HORSHOLM, startDate: '2026-03-02', today: '2026-03-20', completed });
    const after = compute({ template: HORSHOLM, startDate: '2026-03-09', today: '2026-03-20', completed });
    expect(byId(before, 'week-2')).toMatchObject({ dueDate: '2026-03-09', status: 'completed' });
    expect(byId(after, 'week-2')).toMatchObject({
      dueDate: '2026-03-16',
      status: 'completed',
      completedOn: '2026-03-10',
      completedBy: 'Anne Hansen',
    });
    for (const id of ['week-5', 'week-8', 'week-12']) {
      expect(calendarDaysBetween(byId(before, id).dueDate, byId(after, id).dueDate)).toBe(7);
    }
  });

  it('moving the start date changes statuses: week 2 goes from overskredet back to forfalden', () => {
    const today = '2026-03-18';
    expect(byId(compute({ template: HORSHOLM, startDate: '2026-03-02', today }), 'week-2').status).toBe('overdue');
    expect(byId(compute({ template: HORSHOLM, startDate: '2026-03-09', today }), 'week-2').status).toBe('due');
  });

  it('ids are stable across recomputation', () => {
    const a = compute({ template: SONDERBORG, startDate: '2026-01-01' }).map((x) => x.id);
    const b = compute({ template: SONDERBORG, startDate: '2026-09-17', today: '2027-01-01' }).map((x) => x.id);
    expect(a).toEqual(['days-14', 'months-3']);
    expect(b).toEqual(a);
  });

  it('completions from another template are kept (gennemført, not in template) when the template changes', () => {
    const f = compute({
      template: SONDERBORG,
      startDate: START,
      today: '2026-04-20',
      completed: {
        'week-2': { date: '2026-04-03', by: 'Anne' },
        'legacy-x': { date: '2026-04-01', by: 'Bo' },
      },
    });
    expect(f.map((x) => [x.id, x.status, x.inTemplate])).toEqual([
      ['legacy-x', 'completed', false],
      ['week-2', 'completed', false],
      ['days-14', 'overdue', true],
      ['months-3', 'upcoming', true],
    ]);
    expect(byId(f, 'week-2')).toMatchObject({ label: 'Opfølgning uge 2', dueDate: '2026-04-02', kind: 'week' });
    expect(byId(f, 'legacy-x')).toMatchObject({ kind: 'other', dueDate: '2026-04-01', completedBy: 'Bo' });
  });

  it('a completion recorded before the window opens still counts (gennemført)', () => {
    const f = compute({
      template: HORSHOLM,
      startDate: START,
      today: day(START, 20),
      completed: { 'week-5': { date: day(START, 3), by: 'Anne' } },
    });
    expect(byId(f, 'week-5').status).toBe('completed');
  });
});

describe('DST and device time zone never shift a day', () => {
  const offsets = (start: string) =>
    compute({ template: HORSHOLM, startDate: start }).map((f) => [
      calendarDaysBetween(start, f.dueDate),
      calendarDaysBetween(f.windowStart, f.windowEnd),
    ]);
  const expected = [
    [7, 6],
    [28, 6],
    [49, 6],
    [77, 6],
  ];

  it.each(['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25', '2026-06-10', '2027-03-28'])(
    'start %s gives the same day-counts as any other start date',
    (start) => {
      expect(offsets(start)).toEqual(expected);
      const s = byId(compute({ template: SONDERBORG, startDate: start }), 'days-14');
      expect(calendarDaysBetween(start, s.dueDate)).toBe(14);
    },
  );

  it('today derived in Copenhagen just after midnight (22:30 UTC on 29 March = 30 March CEST) is used as a date', () => {
    const today = toIsoDate(new Date('2026-03-29T22:30:00Z'));
    expect(today).toBe('2026-03-30');
    // Start 2026-03-23: week 2 runs 30 March – 5 April, so it is forfalden from that Copenhagen morning.
    const f = compute({ template: HORSHOLM, startDate: '2026-03-23', today });
    expect(byId(f, 'week-2')).toMatchObject({ dueDate: '2026-03-30', status: 'due', daysUntilDue: 0 });
    expect(forlobWeek('2026-03-23', today)).toBe(2);
  });

  it('gives identical results whatever process.env.TZ is', () => {
    const run = () =>
      [HORSHOLM, SONDERBORG, KVARTAL, FASTHOLDENDE, KORT, SOLROD].map((t) =>
        computeFollowUps({
          template: t,
          startDate: '2026-10-25',
          today: '2026-11-09',
          horizon: '2028-03-31',
          completed: { 'week-2': { date: '2026-11-02', by: 'A' } },
        }),
      );
    const original = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const baseline = run();
      for (const tz of ['Europe/Copenhagen', 'America/Sao_Paulo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.TZ = tz;
        expect(run()).toEqual(baseline);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('nextFollowUp and the agenda', () => {
  it('returns the earliest follow-up that is neither gennemført nor bortfaldet (overskredet first)', () => {
    const f = compute({
      template: HORSHOLM,
      startDate: START,
      today: day(START, 30),
      completed: { 'week-2': { date: day(START, 9), by: 'Anne' } },
    });
    expect(nextFollowUp(f)?.id).toBe('week-5');
    const g = compute({ template: HORSHOLM, startDate: START, today: day(START, 30) });
    expect(nextFollowUp(g)?.id).toBe('week-2');
    expect(nextFollowUp(g)?.status).toBe('overdue');
  });

  it('lists forfalden and overskredet follow-ups as needing action today', () => {
    const f = compute({ template: HORSHOLM, startDate: START, today: day(START, 30) });
    expect(followUpsNeedingAction(f).map((x) => [x.id, x.status])).toEqual([
      ['week-2', 'overdue'],
      ['week-5', 'due'],
    ]);
  });

  it('returns follow-ups sorted by due date across rule kinds', () => {
    const custom = CadenceTemplateSchema.parse({
      id: 'test-mix',
      name: 'Blandet',
      rules: [
        { kind: 'months', months: 1 },
        { kind: 'week', week: 2 },
        { kind: 'days', days: 3 },
      ],
    });
    expect(compute({ template: custom, startDate: START }).map((x) => x.id)).toEqual(['days-3', 'week-2', 'months-1']);
  });
});

describe('status labels as data for the UI', () => {
  it('has the users’ Danish words and English', () => {
    expect(FOLLOW_UP_STATUS_LABELS).toEqual({
      upcoming: { da: 'kommende', en: 'upcoming' },
      due: { da: 'forfalden', en: 'due' },
      overdue: { da: 'overskredet', en: 'overdue' },
      completed: { da: 'gennemført', en: 'completed' },
      lapsed: { da: 'bortfaldet', en: 'lapsed' },
    });
  });
});

describe('built-in templates', () => {
  it('ship with stable ids', () => {
    expect(BUILT_IN_CADENCE_TEMPLATE_IDS).toEqual([
      'horsholm-83a',
      'sonderborg-firklover',
      'kvartalsvis',
      'syddjurs-udviklende',
      'syddjurs-fastholdende',
      'syddjurs-kort-sygepleje',
      'syddjurs-individuel',
      'solrod-0-forlob',
    ]);
  });

  it.each(CADENCE_TEMPLATES.map((t) => [t.id, t] as const))('%s cites its seed source and round-trips', (_, t) => {
    expect(t.source).toMatch(/^S[0-4]:\d+/);
    expect(t.name.length).toBeGreaterThan(0);
    expect(CadenceTemplateSchema.parse(t)).toEqual(t);
  });

  it('the card’s template wins over the board’s; custom templates resolve too', () => {
    const own = CustomCadenceTemplateSchema.parse({
      id: 'favrskov-rehab',
      name: 'Favrskov rehab',
      rules: [{ kind: 'week', week: 4 }],
    });
    expect(resolveCadenceTemplate({ cardTemplateId: 'kvartalsvis', boardTemplateId: 'horsholm-83a' })?.id).toBe(
      'kvartalsvis',
    );
    expect(resolveCadenceTemplate({ cardTemplateId: null, boardTemplateId: 'horsholm-83a' })?.id).toBe('horsholm-83a');
    expect(resolveCadenceTemplate({ boardTemplateId: 'favrskov-rehab', customTemplates: [own] })).toBe(own);
    expect(resolveCadenceTemplate({ cardTemplateId: 'deleted-one' })).toBeUndefined();
    expect(resolveCadenceTemplate({})).toBeUndefined();
  });
});

describe('[R2][R14] a municipality’s own template is validated', () => {
  const base: CadenceTemplateInput = {
    id: 'herlev-egen',
    name: 'Herlev egen kadence',
    rules: [{ kind: 'week', week: 3 }],
  };
  const issues = (input: unknown) => {
    const r = CustomCadenceTemplateSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts a valid template and fills defaults', () => {
    const t = CustomCadenceTemplateSchema.parse({
      ...base,
      rules: [
        { kind: 'week', week: 1 },
        { kind: 'days', days: 30, windowDays: 10 },
        { kind: 'everyMonths', months: 6 },
      ],
    });
    expect(t).toMatchObject({ legalBasis: '', source: '', description: '', individual: false });
    const f = computeFollowUps({ template: t, startDate: '2026-01-01', today: '2026-01-01' });
    expect(f.map((x) => [x.id, x.dueDate, x.windowEnd])).toEqual([
      ['week-1', '2026-01-01', '2026-01-07'],
      ['days-30', '2026-01-31', '2026-02-09'],
      ['every6m-1', '2026-07-01', '2026-07-07'],
    ]);
  });

  it('rejects an empty rule list unless the template is individuel', () => {
    expect(issues({ ...base, rules: [] })).toEqual([
      'skabelonen skal have mindst én opfølgning (eller være individuel)',
    ]);
    expect(issues({ ...base, individual: true, rules: [] })).toEqual([]);
  });

  it('rejects fixed follow-ups on an individuel template', () => {
    expect(issues({ ...base, individual: true })).toEqual(['en individuel skabelon har ingen faste opfølgninger']);
  });

  it('rejects weeks outside 1–104, months outside 1–24, days outside 1–730 and bad windows', () => {
    expect(issues({ ...base, rules: [{ kind: 'week', week: 0 }] })).toEqual(['uge skal være 1–104']);
    expect(issues({ ...base, rules: [{ kind: 'week', week: 105 }] })).toEqual(['uge skal være 1–104']);
    expect(issues({ ...base, rules: [{ kind: 'week', week: 2.5 }] })).toEqual(['uge skal være et helt tal']);
    expect(issues({ ...base, rules: [{ kind: 'months', months: 25 }] })).toEqual(['måneder skal være 1–24']);
    expect(issues({ ...base, rules: [{ kind: 'everyMonths', months: 0 }] })).toEqual(['måneder skal være 1–24']);
    expect(issues({ ...base, rules: [{ kind: 'days', days: 0 }] })).toEqual(['dage skal være 1–730']);
    expect(issues({ ...base, rules: [{ kind: 'days', days: 14, windowDays: 0 }] })).toEqual([
      'vinduet skal være mindst 1 dag',
    ]);
    expect(issues({ ...base, rules: [{ kind: 'yearly', years: 1 }] })).toHaveLength(1);
  });

  it('rejects the same follow-up twice', () => {
    expect(
      issues({
        ...base,
        rules: [
          { kind: 'week', week: 2 },
          { kind: 'week', week: 2, optionalIfClosed: true },
        ],
      }),
    ).toEqual(['opfølgningen week-2 findes allerede']);
  });

  it('rejects a week after the time limit', () => {
    expect(issues({ ...base, timeLimitWeeks: 8, rules: [{ kind: 'week', week: 12 }] })).toEqual([
      'uge 12 ligger efter forløbets tidsgrænse på 8 uger',
    ]);
  });

  it('rejects bad ids, empty names and built-in ids', () => {
    expect(issues({ ...base, id: 'Herlev Egen' })).toHaveLength(1);
    expect(issues({ ...base, name: '  ' })).toEqual(['navn skal udfyldes']);
    expect(issues({ ...base, id: 'horsholm-83a' })).toEqual(['id er allerede brugt af en indbygget skabelon']);
    // The plain schema (used for built-ins) does not object to its own ids.
    expect(CadenceTemplateSchema.safeParse({ ...base, id: 'horsholm-83a' }).success).toBe(true);
  });

  it('validates the stored completions map', () => {
    expect(FollowUpCompletionsSchema.safeParse({ 'week-2': { date: '2026-03-10', by: 'Anne' } }).success).toBe(true);
    expect(FollowUpCompletionsSchema.safeParse({ 'week-2': { date: '10-03-2026', by: 'Anne' } }).success).toBe(false);
    expect(FollowUpCompletionsSchema.safeParse({ 'week-2': { date: '2026-03-10', by: '' } }).success).toBe(false);
  });
});
