import { describe, expect, it } from 'vitest';
import { addDaysToDate } from '../../shared/rules/cadence.js';
import {
  OPSTART_DEADLINE_DAYS,
  OPSTART_DUE_SOON_DAYS,
  OPSTART_NORM_DAYS,
  OPSTART_STATUS_LABELS,
  opstartStatus,
} from '../../shared/rules/opstart.js';
import { toIsoDate } from '../../shared/rules/dates.js';

const V = '2026-03-02'; // visitation on a Monday
const after = (n: number) => addDaysToDate(V, n);

describe('[R3][S2:2493-2495] opstartsmøde senest 14 dage efter visitation', () => {
  it('has its deadline on visitation + 14 days, the same weekday two weeks later', () => {
    const s = opstartStatus({ visitationDate: V, today: V });
    expect(OPSTART_DEADLINE_DAYS).toBe(14);
    expect(s.deadline).toBe('2026-03-16');
    expect(s.deadlineIsoWeek).toBe(12);
    expect(s.daysLeft).toBe(14);
    expect(s.daysSinceVisitation).toBe(0);
    expect(s.status).toBe('awaiting');
  });

  it('is not overdue on day 14 after visitation (the deadline itself), and overdue on day 15', () => {
    const on14 = opstartStatus({ visitationDate: V, today: after(14) });
    expect(on14).toMatchObject({ status: 'due-soon', daysLeft: 0, daysOverdue: 0 });
    const on15 = opstartStatus({ visitationDate: V, today: after(15) });
    expect(on15).toMatchObject({ status: 'overdue', daysLeft: -1, daysOverdue: 1 });
    expect(opstartStatus({ visitationDate: V, today: after(30) }).daysOverdue).toBe(16);
  });

  it('a meeting held on the deadline is in time; held the day after is late', () => {
    expect(opstartStatus({ visitationDate: V, heldOn: after(14), today: after(20) })).toMatchObject({
      status: 'held',
      inTime: true,
      meetingDate: after(14),
    });
    expect(opstartStatus({ visitationDate: V, heldOn: after(15), today: after(20) })).toMatchObject({
      status: 'held',
      inTime: false,
    });
  });

  it('"held" wins over everything once recorded, even long after the deadline', () => {
    expect(opstartStatus({ visitationDate: V, heldOn: after(9), today: after(100) }).status).toBe('held');
  });

  it('[S2:228-229] warns "due soon" from visitation + 11, the first day past the 7–10-day norm', () => {
    expect(OPSTART_DUE_SOON_DAYS).toBe(3);
    expect(opstartStatus({ visitationDate: V, today: after(10) })).toMatchObject({ status: 'awaiting', daysLeft: 4 });
    expect(opstartStatus({ visitationDate: V, today: after(11) })).toMatchObject({ status: 'due-soon', daysLeft: 3 });
  });

  it('a booked meeting on or before the deadline shows as planned, even in the last days', () => {
    expect(opstartStatus({ visitationDate: V, plannedFor: after(9), today: after(3) })).toMatchObject({
      status: 'planned',
      inTime: true,
      meetingDate: after(9),
    });
    expect(opstartStatus({ visitationDate: V, plannedFor: after(14), today: after(13) }).status).toBe('planned');
    expect(opstartStatus({ visitationDate: V, plannedFor: after(13), today: after(13) }).status).toBe('planned');
  });

  it('a booking after the deadline is flagged "due soon" at once, then overdue', () => {
    const s = opstartStatus({ visitationDate: V, plannedFor: after(17), today: after(2) });
    expect(s).toMatchObject({ status: 'due-soon', plannedAfterDeadline: true, inTime: false });
    expect(opstartStatus({ visitationDate: V, plannedFor: after(17), today: after(15) }).status).toBe('overdue');
  });

  it('a booking that has passed without being marked held is ignored', () => {
    const s = opstartStatus({ visitationDate: V, plannedFor: after(5), today: after(6) });
    expect(s).toMatchObject({ status: 'awaiting', meetingDate: null, inTime: null, norm: null, withinNorm: null });
  });
});

describe('[R3][S2:228-229] the 7–10-day norm, counted from the start of care', () => {
  const start = '2026-03-04';

  it('has a norm window of start + 7 … start + 10', () => {
    expect(OPSTART_NORM_DAYS).toEqual({ min: 7, max: 10 });
    const s = opstartStatus({ visitationDate: V, startDate: start, today: start });
    expect(s.normWindow).toEqual({ from: '2026-03-11', to: '2026-03-14' });
    expect(s.careStart).toBe(start);
  });

  it.each([
    ['2026-03-10', 'early'],
    ['2026-03-11', 'within'],
    ['2026-03-14', 'within'],
    ['2026-03-15', 'late'],
  ] as const)('a meeting held on %s is %s', (heldOn, norm) => {
    const s = opstartStatus({ visitationDate: V, startDate: start, heldOn, today: '2026-03-20' });
    expect(s.norm).toBe(norm);
    expect(s.withinNorm).toBe(norm === 'within');
  });

  it('judges a booked (not yet held) meeting against the norm too', () => {
    const s = opstartStatus({ visitationDate: V, startDate: start, plannedFor: '2026-03-12', today: start });
    expect(s).toMatchObject({ status: 'planned', norm: 'within', withinNorm: true });
  });

  it('"dage siden opstart" counts full days of care (0 on the start date)', () => {
    expect(opstartStatus({ visitationDate: V, startDate: start, today: start }).daysSinceStart).toBe(0);
    expect(opstartStatus({ visitationDate: V, startDate: start, today: '2026-03-12' }).daysSinceStart).toBe(8);
    expect(opstartStatus({ visitationDate: V, startDate: start, today: V }).daysSinceStart).toBe(-2);
  });

  it('defaults the start of care to the visitation date', () => {
    const s = opstartStatus({ visitationDate: V, today: after(8) });
    expect(s.careStart).toBe(V);
    expect(s.daysSinceStart).toBe(8);
    expect(s.normWindow).toEqual({ from: after(7), to: after(10) });
  });

  it('the deadline counts from the visitation even when care starts later', () => {
    const s = opstartStatus({ visitationDate: V, startDate: '2026-03-10', today: '2026-03-17' });
    expect(s).toMatchObject({ deadline: '2026-03-16', status: 'overdue' });
  });
});

describe('opstart across DST, month ends and leap years', () => {
  it.each([
    ['2026-03-22', '2026-04-05'],
    ['2026-03-29', '2026-04-12'],
    ['2026-10-18', '2026-11-01'],
    ['2026-10-25', '2026-11-08'],
    ['2026-02-20', '2026-03-06'],
    ['2028-02-20', '2028-03-05'],
    ['2026-12-25', '2027-01-08'],
  ])('visitation %s → deadline %s (14 calendar days)', (visitationDate, deadline) => {
    const s = opstartStatus({ visitationDate, today: visitationDate });
    expect(s.deadline).toBe(deadline);
    expect(s.daysLeft).toBe(14);
  });

  it('uses the Copenhagen date: 22:30 UTC on 29 March 2026 is already the 30th, the day after the deadline', () => {
    const today = toIsoDate(new Date('2026-03-29T22:30:00Z'));
    expect(opstartStatus({ visitationDate: '2026-03-15', today })).toMatchObject({
      deadline: '2026-03-29',
      status: 'overdue',
      daysOverdue: 1,
    });
  });
});

describe('opstart labels and input checks', () => {
  it('has Danish and English labels for every status', () => {
    expect(Object.keys(OPSTART_STATUS_LABELS).sort()).toEqual(['awaiting', 'due-soon', 'held', 'overdue', 'planned']);
    expect(OPSTART_STATUS_LABELS.overdue.da).toBe('opstartsmøde overskredet');
  });

  it('throws on dates that do not exist', () => {
    expect(() => opstartStatus({ visitationDate: '2026-02-30', today: '2026-03-01' })).toThrow(RangeError);
    expect(() => opstartStatus({ visitationDate: V, heldOn: '2026-3-9', today: '2026-03-10' })).toThrow(/heldOn/);
  });
});
