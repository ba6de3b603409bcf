import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/model/user.js';
import type { MeetingActor, MeetingCommand } from '../../shared/rules/meetingControl.js';
import {
  applySharedCommand,
  EMPTY_MEETING_RECORD,
  isActiveRecord,
  isNewerRecord,
  nextRev,
  sweepMeeting,
  writeBackWins,
  type SharedMeetingRecord,
} from '../../shared/rules/meetingShared.js';

/*
 * The pure rules behind meeting control shared by several nodes (issue #14): the record's
 * revision, compare-and-set between two nodes, the timers as a sweep any node may run, and
 * the write-back rule after Redis lost its data.
 */

const actor = (userId: string, role: Role = 'koordinator'): MeetingActor => ({
  userId,
  name: `Navn ${userId}`,
  role,
  color: '#123456',
});
const frederik = actor('u-frederik');
const camilla = actor('u-camilla', 'sygeplejerske');
const wall = actor('u-skaerm', 'skaerm');
const T0 = 1_800_000_000_000;
const OPTS = { leaderGraceMs: 5_000, emptyEndMs: 60_000 };
const start: MeetingCommand = { kind: 'start', meetingId: 'm-1', type: 'tavlemoede' };

/** A started meeting led by frederik, with everyone in `present`. */
function started(present: MeetingActor[] = [frederik]): SharedMeetingRecord {
  const res = applySharedCommand(EMPTY_MEETING_RECORD, start, frederik, T0, present);
  if (!res.ok || !res.next) throw new Error('start failed');
  return res.next;
}

/** A compare-and-set cell, as Redis holds the record: write only if the rev is the one read. */
class Cell {
  rec: SharedMeetingRecord = EMPTY_MEETING_RECORD;
  cas(expectRev: number, next: SharedMeetingRecord): boolean {
    if (this.rec.rev !== expectRev) return false;
    this.rec = next;
    return true;
  }
}

describe('revisions', () => {
  it('grow on every write and outrank everything shown before, even after Redis forgot the record', () => {
    expect(nextRev(0, T0)).toBe(T0 * 1000);
    expect(nextRev(T0 * 1000, T0)).toBe(T0 * 1000 + 1);
    const before = started();
    // Redis restarted empty and nobody wrote back: a fresh record a moment later still wins.
    const fresh = applySharedCommand(EMPTY_MEETING_RECORD, start, camilla, T0 + 1, [camilla]);
    expect(fresh.ok && fresh.next && isNewerRecord(fresh.next, before)).toBe(true);
  });

  it('a node shows a record only when it is newer than the one it showed', () => {
    const a = started();
    const b = { ...a, rev: a.rev + 1 };
    expect(isNewerRecord(a, undefined)).toBe(true);
    expect(isNewerRecord(b, a)).toBe(true);
    expect(isNewerRecord(a, b)).toBe(false);
    expect(isNewerRecord(a, a)).toBe(false);
  });

  it('write-back after a Redis restart: only over no record or an older one', () => {
    const mine = started();
    expect(writeBackWins(mine, null)).toBe(true);
    expect(writeBackWins(mine, { ...mine, rev: mine.rev - 1 })).toBe(true);
    expect(writeBackWins(mine, mine)).toBe(false);
    expect(writeBackWins(mine, { ...mine, rev: mine.rev + 1 })).toBe(false);
    expect(writeBackWins(EMPTY_MEETING_RECORD, null)).toBe(false);
  });
});

describe('compare-and-set between two nodes', () => {
  it('two starts read the same record: one is written, the other re-reads and is refused in Danish', () => {
    const cell = new Cell();
    const readA = cell.rec;
    const readB = cell.rec;
    const a = applySharedCommand(readA, start, frederik, T0, [frederik, camilla]);
    const b = applySharedCommand(readB, { ...start, meetingId: 'm-2' }, camilla, T0, [frederik, camilla]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok || !a.next || !b.next) return;
    expect(cell.cas(readA.rev, a.next)).toBe(true);
    expect(cell.cas(readB.rev, b.next)).toBe(false);
    // the loser's retry decides on the winner's record
    const retry = applySharedCommand(cell.rec, { ...start, meetingId: 'm-2' }, camilla, T0, [frederik, camilla]);
    expect(retry).toEqual({ ok: false, error: { code: 'meeting_running', message: 'Der kører allerede et møde.' } });
    expect(cell.rec.state?.leader?.userId).toBe('u-frederik');
    expect(a.effect).toEqual({ kind: 'start', meetingId: 'm-1', at: T0, leader: 'Navn u-frederik' });
  });

  it('two takeovers of a free lead: one leads, the other hears "Mødet har allerede en mødeleder."', () => {
    const cell = new Cell();
    cell.rec = { ...started(), state: { ...started().state!, leader: null } };
    const read = cell.rec;
    const a = applySharedCommand(read, { kind: 'takeover' }, camilla, T0, []);
    const b = applySharedCommand(read, { kind: 'takeover' }, frederik, T0, []);
    if (!a.ok || !b.ok || !a.next || !b.next) throw new Error('both should pass on the same read');
    expect(cell.cas(read.rev, a.next)).toBe(true);
    expect(cell.cas(read.rev, b.next)).toBe(false);
    const retry = applySharedCommand(cell.rec, { kind: 'takeover' }, frederik, T0, []);
    expect(retry.ok ? 'ok' : retry.error.message).toBe('Mødet har allerede en mødeleder.');
  });

  it('start counts everyone present (not wall screens) as attending; end hands the names to the minutes once', () => {
    const rec = started([frederik, camilla, wall]);
    expect(rec.attended).toEqual({ 'u-frederik': 'Navn u-frederik', 'u-camilla': 'Navn u-camilla' });
    const end = applySharedCommand(rec, { kind: 'end' }, frederik, T0 + 10, []);
    expect(end.ok && end.effect).toEqual({
      kind: 'end',
      meetingId: 'm-1',
      at: T0 + 10,
      attendees: ['Navn u-camilla', 'Navn u-frederik'],
    });
    expect(end.ok && end.next?.state).toBeNull();
    // an unchanged command writes nothing (no second record)
    const again = applySharedCommand(rec, { kind: 'pause', paused: false }, frederik, T0, []);
    expect(again).toEqual({ ok: true, next: null, effect: null });
  });

  it('timers are absolute: a record carried over keeps the item end time', () => {
    const res = applySharedCommand(
      EMPTY_MEETING_RECORD,
      { ...start, first: { itemId: 'a-1', cardId: null, timeBoxSec: 60 } },
      frederik,
      T0,
      [frederik],
    );
    if (!res.ok || !res.next?.state) throw new Error('start failed');
    const copy = JSON.parse(JSON.stringify(res.next)) as SharedMeetingRecord;
    expect(copy.state!.itemStartedAt! + copy.state!.itemTimeBoxSec! * 1000).toBe(T0 + 60_000);
    expect(isActiveRecord(copy)).toBe(true);
  });
});

describe('the sweep: timers any node evaluates from the shared record', () => {
  it('the leader gone: the clock starts, the lead is freed once the grace is up, not before', () => {
    const rec = started([frederik, camilla]);
    const s1 = sweepMeeting(rec, [camilla], T0 + 1000, OPTS);
    expect(s1.next?.leaderGoneSince).toBe(T0 + 1000);
    expect(s1.next?.state?.leader?.userId).toBe('u-frederik');
    // a second node sweeping the same moment from the new record changes nothing
    expect(sweepMeeting(s1.next!, [camilla], T0 + 1000, OPTS).next).toBeNull();
    expect(sweepMeeting(s1.next!, [camilla], T0 + 5999, OPTS).next).toBeNull();
    const s2 = sweepMeeting(s1.next!, [camilla], T0 + 6000, OPTS);
    expect(s2.next?.state?.leader).toBeNull();
    expect(s2.next?.leaderGoneSince).toBeNull();
    expect(s2.next!.rev).toBeGreaterThan(s1.next!.rev);
  });

  it('the leader back in time: the clock stops and the lead stays', () => {
    const gone = sweepMeeting(started(), [camilla], T0 + 1000, OPTS).next!;
    const back = sweepMeeting(gone, [frederik, camilla], T0 + 3000, OPTS).next!;
    expect(back.leaderGoneSince).toBeNull();
    expect(sweepMeeting(back, [frederik, camilla], T0 + 60_000, OPTS).next).toBeNull();
  });

  it('nobody on the board: the meeting ends after emptyEndMs, once, with the attendees', () => {
    const rec = started([frederik, camilla]);
    const empty = sweepMeeting(rec, [], T0 + 1000, OPTS).next!;
    expect(empty.emptySince).toBe(T0 + 1000);
    const end = sweepMeeting(empty, [], T0 + 61_000, OPTS);
    expect(end.next?.state).toBeNull();
    expect(end.effect).toMatchObject({
      kind: 'end',
      meetingId: 'm-1',
      attendees: ['Navn u-camilla', 'Navn u-frederik'],
    });
    // the node that loses the race re-reads the ended record: nothing left to end
    expect(sweepMeeting(end.next!, [], T0 + 61_000, OPTS)).toEqual({ next: null, effect: null });
  });

  it('whoever comes during the meeting is attending; wall screens are not', () => {
    const rec = started([frederik]);
    const next = sweepMeeting(rec, [frederik, camilla, wall], T0 + 10, OPTS).next!;
    expect(Object.keys(next.attended).sort()).toEqual(['u-camilla', 'u-frederik']);
    expect(sweepMeeting(next, [frederik, camilla, wall], T0 + 20, OPTS).next).toBeNull();
  });

  it('no meeting: nothing to sweep', () => {
    expect(sweepMeeting(EMPTY_MEETING_RECORD, [], T0, OPTS)).toEqual({ next: null, effect: null });
  });
});
