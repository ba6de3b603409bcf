import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/model/user.js';
import {
  applyMeetingCommand,
  canLeadMeeting,
  canPointInMeeting,
  leaderLost,
  MeetingGotoSchema,
  meetingClock,
  MeetingStartSchema,
  pointAt,
  POINT_VISIBLE_MS,
  RateLimiter,
  type MeetingActor,
  type MeetingCommand,
  type MeetingState,
} from '../../shared/rules/meetingControl.js';

const actor = (userId: string, role: Role = 'koordinator'): MeetingActor => ({
  userId,
  name: `Navn ${userId}`,
  role,
  color: '#123456',
});
const frederik = actor('u-frederik');
const anne = actor('u-anne', 'ssh');
const skaerm = actor('u-skaerm', 'skaerm');

const T0 = 1_700_000_000_000;

function ok(state: MeetingState | null, cmd: MeetingCommand, who: MeetingActor, now: number): MeetingState | null {
  const res = applyMeetingCommand(state, cmd, who, now);
  if (!res.ok) throw new Error(`refused: ${res.error.code}`);
  return res.state;
}
const code = (state: MeetingState | null, cmd: MeetingCommand, who: MeetingActor, now = T0) => {
  const res = applyMeetingCommand(state, cmd, who, now);
  return res.ok ? 'ok' : res.error.code;
};
const started = () => ok(null, { kind: 'start', meetingId: 'm-1', type: 'tavlemoede' }, frederik, T0)!;

describe('permissions', () => {
  it('every role but the wall screen may lead and point', () => {
    const roles: Role[] = [
      'koordinator',
      'leder',
      'sygeplejerske',
      'terapeut',
      'visitator',
      'ssa',
      'ssh',
      'administrator',
    ];
    for (const r of roles) {
      expect(canLeadMeeting(r)).toBe(true);
      expect(canPointInMeeting(r)).toBe(true);
    }
    expect(canLeadMeeting('skaerm')).toBe(false);
    expect(canPointInMeeting('skaerm')).toBe(false);
  });

  it('a read-only user ("Kun læseadgang") follows but may neither lead nor point', () => {
    expect(canLeadMeeting({ role: 'leder', readOnly: true })).toBe(false);
    expect(canPointInMeeting({ role: 'leder', readOnly: true })).toBe(false);
    expect(canLeadMeeting({ role: 'leder', readOnly: false })).toBe(true);
    expect(canPointInMeeting({ role: 'ssh' })).toBe(true);
  });
});

describe('start', () => {
  it('makes the starter leader with a fresh clock', () => {
    expect(started()).toEqual({
      meetingId: 'm-1',
      type: 'tavlemoede',
      leader: { userId: 'u-frederik', name: 'Navn u-frederik' },
      startedAt: T0,
      currentItemId: null,
      currentCardId: null,
      itemStartedAt: null,
      itemTimeBoxSec: null,
      paused: false,
      pausedAt: null,
      pausedMs: 0,
      itemPausedMs: 0,
      version: 1,
    });
  });
  it('is refused for the wall screen and while a meeting runs', () => {
    expect(code(null, { kind: 'start', meetingId: 'm', type: 'udvidet' }, skaerm)).toBe('forbidden');
    expect(code(started(), { kind: 'start', meetingId: 'm-2', type: 'udvidet' }, anne)).toBe('meeting_running');
  });
});

describe('goto', () => {
  it('moves the leader to an item and restarts the item clock', () => {
    const s = ok(
      started(),
      { kind: 'goto', itemId: 'c:card-1', cardId: 'card-1', timeBoxSec: 120 },
      frederik,
      T0 + 5000,
    )!;
    expect(s).toMatchObject({
      currentItemId: 'c:card-1',
      currentCardId: 'card-1',
      itemStartedAt: T0 + 5000,
      itemTimeBoxSec: 120,
      version: 2,
    });
    const t = ok(s, { kind: 'goto', itemId: 'q:q-1', cardId: null, timeBoxSec: null }, frederik, T0 + 9000)!;
    expect(t).toMatchObject({ currentItemId: 'q:q-1', currentCardId: null, itemStartedAt: T0 + 9000, version: 3 });
  });
  it('is refused for others, the wall screen and without a meeting', () => {
    const g: MeetingCommand = { kind: 'goto', itemId: 'x', cardId: null, timeBoxSec: null };
    expect(code(started(), g, anne)).toBe('not_leader');
    expect(code(started(), g, skaerm)).toBe('forbidden');
    expect(code(null, g, frederik)).toBe('no_meeting');
  });
  it('ends a pause and starts the new item unpaused', () => {
    let s = ok(started(), { kind: 'pause', paused: true }, frederik, T0 + 1000);
    s = ok(s, { kind: 'goto', itemId: 'a', cardId: 'a', timeBoxSec: 60 }, frederik, T0 + 4000)!;
    expect(s).toMatchObject({ paused: false, pausedAt: null, pausedMs: 3000, itemPausedMs: 0 });
    expect(meetingClock(s, T0 + 10_000)).toEqual({
      meetingElapsedMs: 7000,
      itemElapsedMs: 6000,
      itemRemainingMs: 54_000,
      overrun: false,
    });
  });
});

describe('pause and clocks', () => {
  it('freezes both clocks while paused and discounts the pause afterwards', () => {
    let s = ok(started(), { kind: 'goto', itemId: 'a', cardId: 'a', timeBoxSec: 10 }, frederik, T0)!;
    s = ok(s, { kind: 'pause', paused: true }, frederik, T0 + 4000)!;
    expect(meetingClock(s, T0 + 60_000)).toMatchObject({ meetingElapsedMs: 4000, itemElapsedMs: 4000 });
    const same = applyMeetingCommand(s, { kind: 'pause', paused: true }, frederik, T0 + 61_000);
    expect(same).toEqual({ ok: true, state: s, changed: false });
    s = ok(s, { kind: 'pause', paused: false }, frederik, T0 + 64_000)!;
    expect(s).toMatchObject({ paused: false, pausedMs: 60_000, itemPausedMs: 60_000 });
    expect(meetingClock(s, T0 + 70_000)).toEqual({
      meetingElapsedMs: 10_000,
      itemElapsedMs: 10_000,
      itemRemainingMs: 0,
      overrun: false,
    });
    expect(meetingClock(s, T0 + 71_000)).toMatchObject({ itemRemainingMs: -1000, overrun: true });
  });
  it('has no item clock before the first item and no overrun without a time box', () => {
    expect(meetingClock(started(), T0 + 500)).toEqual({
      meetingElapsedMs: 500,
      itemElapsedMs: null,
      itemRemainingMs: null,
      overrun: false,
    });
    const s = ok(started(), { kind: 'goto', itemId: 'a', cardId: null, timeBoxSec: null }, frederik, T0)!;
    expect(meetingClock(s, T0 + 1e9)).toMatchObject({ itemRemainingMs: null, overrun: false });
  });
  it('only the leader pauses', () => {
    expect(code(started(), { kind: 'pause', paused: true }, anne)).toBe('not_leader');
  });
});

describe('end', () => {
  it('the leader ends; others may not while someone leads', () => {
    expect(code(started(), { kind: 'end' }, anne)).toBe('not_leader');
    expect(applyMeetingCommand(started(), { kind: 'end' }, frederik, T0)).toEqual({
      ok: true,
      state: null,
      changed: true,
    });
    expect(code(null, { kind: 'end' }, frederik)).toBe('no_meeting');
  });
  it('anyone eligible ends a leaderless meeting, not the wall screen', () => {
    const s = leaderLost(started(), 'u-frederik');
    expect(code(s, { kind: 'end' }, anne)).toBe('ok');
    expect(code(s, { kind: 'end' }, skaerm)).toBe('forbidden');
  });
});

describe('leader lost, takeover and handover', () => {
  it('leaderLost clears the leader only if it is still that user', () => {
    const s = started();
    expect(leaderLost(s, 'u-anne')).toBe(s);
    expect(leaderLost(null, 'u-anne')).toBeNull();
    expect(leaderLost(s, 'u-frederik')).toMatchObject({ leader: null, version: 2 });
  });
  it('takeover only when nobody leads; the leader’s own takeover is a no-op', () => {
    const s = started();
    expect(code(s, { kind: 'takeover' }, anne)).toBe('leader_present');
    expect(applyMeetingCommand(s, { kind: 'takeover' }, frederik, T0)).toMatchObject({ ok: true, changed: false });
    const lost = leaderLost(s, 'u-frederik');
    expect(code(lost, { kind: 'takeover' }, skaerm)).toBe('forbidden');
    expect(ok(lost, { kind: 'takeover' }, anne, T0 + 1)).toMatchObject({
      leader: { userId: 'u-anne', name: 'Navn u-anne' },
      version: 3,
    });
    expect(code(null, { kind: 'takeover' }, anne)).toBe('no_meeting');
  });
  it('the item and clocks survive a change of leader', () => {
    let s = ok(started(), { kind: 'goto', itemId: 'a', cardId: 'a', timeBoxSec: 60 }, frederik, T0 + 10)!;
    s = ok(leaderLost(s, 'u-frederik'), { kind: 'takeover' }, anne, T0 + 20)!;
    expect(s).toMatchObject({ currentItemId: 'a', itemStartedAt: T0 + 10, startedAt: T0 });
    expect(code(s, { kind: 'goto', itemId: 'b', cardId: 'b', timeBoxSec: 60 }, anne)).toBe('ok');
    expect(code(s, { kind: 'goto', itemId: 'b', cardId: 'b', timeBoxSec: 60 }, frederik)).toBe('not_leader');
  });
  it('handover: leader only, to an eligible person present', () => {
    const s = started();
    expect(code(s, { kind: 'handover', to: frederik }, anne)).toBe('not_leader');
    expect(code(s, { kind: 'handover', to: null }, frederik)).toBe('not_present');
    expect(code(s, { kind: 'handover', to: skaerm }, frederik)).toBe('forbidden');
    expect(applyMeetingCommand(s, { kind: 'handover', to: frederik }, frederik, T0)).toMatchObject({ changed: false });
    expect(ok(s, { kind: 'handover', to: anne }, frederik, T0)).toMatchObject({ leader: { userId: 'u-anne' } });
  });
});

describe('pointer', () => {
  it('anyone but the wall screen points during a meeting, visible for a few seconds', () => {
    expect(pointAt(started(), 'card-7', anne, T0 + 100)).toEqual({
      ok: true,
      pointed: {
        cardId: 'card-7',
        by: { userId: 'u-anne', name: 'Navn u-anne', color: '#123456' },
        until: T0 + 100 + POINT_VISIBLE_MS,
      },
    });
    expect(pointAt(started(), 'card-7', skaerm, T0)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(pointAt(null, 'card-7', anne, T0)).toMatchObject({ ok: false, error: { code: 'no_meeting' } });
  });
  it('rate limiter: 5 per sliding second with an injected clock', () => {
    const lim = new RateLimiter(5, 1000);
    for (let i = 0; i < 5; i++) expect(lim.allow(T0 + i * 10)).toBe(true);
    expect(lim.allow(T0 + 100)).toBe(false);
    expect(lim.allow(T0 + 999)).toBe(false);
    expect(lim.allow(T0 + 1000)).toBe(true); // the first attempt left the window
    expect(lim.allow(T0 + 1001)).toBe(false);
    expect(lim.allow(T0 + 1040)).toBe(true);
    expect(lim.allow(T0 + 5000)).toBe(true);
  });
});

describe('payload schemas', () => {
  it('accept good payloads and refuse bad or extra fields', () => {
    expect(MeetingStartSchema.safeParse({ boardId: 'tavle-nord', meetingId: 'm-1', type: 'tavlemoede' }).success).toBe(
      true,
    );
    expect(MeetingStartSchema.safeParse({ boardId: 'tavle-nord', meetingId: 'm-1', type: 'fest' }).success).toBe(false);
    const goto = { boardId: 'b', itemId: 'c:card-1', cardId: 'card-1', timeBoxSec: 120 };
    expect(MeetingGotoSchema.safeParse(goto).success).toBe(true);
    expect(MeetingGotoSchema.safeParse({ ...goto, timeBoxSec: 0 }).success).toBe(false);
    expect(MeetingGotoSchema.safeParse({ ...goto, timeBoxSec: 1.5 }).success).toBe(false);
    expect(MeetingGotoSchema.safeParse({ ...goto, itemId: 'a b' }).success).toBe(false);
    expect(MeetingGotoSchema.safeParse({ ...goto, leader: 'u-x' }).success).toBe(false);
    expect(MeetingGotoSchema.safeParse(null).success).toBe(false);
  });
});
