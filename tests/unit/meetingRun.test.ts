import { describe, expect, it } from 'vitest';
import type { AgendaItem, AgendaItemStatus } from '../../shared/model/meeting.js';
import { applyMeetingCommand, meetingClock, MeetingStartSchema } from '../../shared/rules/meetingControl.js';
import { itemRef, itemsLeft, meetingBudget, nextOpenItem, withCarriedOver } from '../../shared/rules/meetingRun.js';

const item = (id: string, status: AgendaItemStatus = 'pending', timeBoxMin = 2): AgendaItem => ({
  id,
  cardId: id.startsWith('c:') ? id.slice(2) : null,
  title: id,
  reasons: [{ code: 'red', since: null }],
  source: 'rule',
  timeBoxMin,
  status,
});
const T0 = 1_700_000_000_000;
const leader = { userId: 'u-frederik', name: 'Frederik Dahl', role: 'koordinator' as const, color: '#123456' };

describe('"Start mødet" makes the first open item current', () => {
  it('start with the first item: current, with its clock, from the first instant', () => {
    const agenda = [item('c:a', 'discussed'), item('c:b'), item('c:c')];
    const first = nextOpenItem(agenda, null)!;
    expect(first.id).toBe('c:b');
    const req = { boardId: 'tavle-nord', meetingId: 'm-1', type: 'tavlemoede', first: itemRef(first) };
    expect(MeetingStartSchema.parse(req).first).toEqual({ itemId: 'c:b', cardId: 'b', timeBoxSec: 120 });
    const res = applyMeetingCommand(
      null,
      { kind: 'start', meetingId: 'm-1', type: 'tavlemoede', first: itemRef(first) },
      leader,
      T0,
    );
    if (!res.ok || !res.state) throw new Error('start refused');
    expect(res.state).toMatchObject({
      currentItemId: 'c:b',
      currentCardId: 'b',
      itemStartedAt: T0,
      itemTimeBoxSec: 120,
    });
    const clock = meetingClock(res.state, T0 + 150_000);
    expect(clock).toMatchObject({ itemElapsedMs: 150_000, itemRemainingMs: -30_000, overrun: true });
  });

  it('an empty agenda starts with nothing current; a bad first item is refused by the schema', () => {
    expect(nextOpenItem([], null)).toBeNull();
    const bad = {
      boardId: 'b',
      meetingId: 'm',
      type: 'tavlemoede',
      first: { itemId: 'x y', cardId: null, timeBoxSec: 60 },
    };
    expect(MeetingStartSchema.safeParse(bad).success).toBe(false);
    expect(
      MeetingStartSchema.safeParse({ ...bad, first: { itemId: 'x', cardId: null, timeBoxSec: 60, extra: 1 } }).success,
    ).toBe(false);
  });
});

describe('"Næste" and what is left', () => {
  const agenda = [item('c:a', 'discussed'), item('c:b'), item('c:c', 'parked'), item('c:d'), item('c:e')];

  it('goes to the next open item after the current one, skipping discussed and parked', () => {
    expect(nextOpenItem(agenda, 'c:b')?.id).toBe('c:d');
    expect(nextOpenItem(agenda, 'c:d')?.id).toBe('c:e');
  });

  it('after the last item it goes back to an open item skipped earlier, then nowhere', () => {
    expect(nextOpenItem(agenda, 'c:e')?.id).toBe('c:b');
    expect(nextOpenItem([item('c:a', 'discussed'), item('c:b')], 'c:b')).toBeNull();
  });

  it('items left are the open ones', () => {
    expect(itemsLeft(agenda).map((i) => i.id)).toEqual(['c:b', 'c:d', 'c:e']);
  });
});

describe('carry-over: not reached comes first next time', () => {
  it('puts the items not reached first, fresh reasons when the rules still have them, old ones otherwise', () => {
    const previous = [
      item('c:a', 'discussed'),
      item('c:b', 'not-reached'),
      item('c:x', 'not-reached'),
      item('m:1', 'pending'),
    ];
    const fresh = { ...item('c:b'), reasons: [{ code: 'yellow' as const, since: null }] };
    const generated = [item('c:z'), fresh, item('c:a')];
    const out = withCarriedOver(generated, previous, (cardId) => cardId === 'gone');
    expect(out.map((i) => i.id)).toEqual(['c:b', 'c:x', 'm:1', 'c:z', 'c:a']);
    expect(out[0]!.reasons).toEqual([{ code: 'yellow', since: null }]);
    expect(out[1]!.reasons).toEqual([{ code: 'red', since: null }]);
    expect(out.every((i) => i.status === 'pending')).toBe(true);
  });

  it('a citizen who is gone or closed is not carried over', () => {
    const out = withCarriedOver([], [item('c:gone', 'not-reached')], (cardId) => cardId === 'gone');
    expect(out).toEqual([]);
  });
});

describe('the budget the leader sees', () => {
  it('time left against the sum of the time boxes, and what is still open', () => {
    const agenda = [
      item('c:a', 'discussed', 5),
      item('c:b', 'pending', 5),
      item('c:c', 'skipped', 5),
      item('c:d', 'pending', 2),
    ];
    expect(meetingBudget(agenda, 4 * 60_000)).toEqual({
      plannedMs: 12 * 60_000,
      remainingMs: 8 * 60_000,
      openItems: 2,
      openMs: 7 * 60_000,
    });
    expect(meetingBudget(agenda, 15 * 60_000).remainingMs).toBe(-3 * 60_000);
  });

  it('against the meeting length the agenda was planned for, when there is one', () => {
    const agenda = [item('c:a', 'pending', 1), item('c:b', 'pending', 0.5)];
    expect(meetingBudget(agenda, 4 * 60_000, 15)).toMatchObject({ plannedMs: 15 * 60_000, remainingMs: 11 * 60_000 });
    expect(meetingBudget(agenda, 4 * 60_000, null).plannedMs).toBe(1.5 * 60_000);
  });
});
