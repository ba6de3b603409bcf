import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  MeetingDoc,
  localOrigin,
  sinceBoundary,
  sinceLast,
  type MeetingType,
} from '../../shared/index.js';

/*
 * "Siden sidst" counts from the end of the previous meeting of the same type, or from the
 * person's last visit if that is later (issue #11, part 6). Moves before the meeting ended
 * are not news, even on the same day.
 */

const me = localOrigin('u-mette');

function setup(start = '2026-11-24T06:00:00Z') {
  let t = Date.parse(start);
  const now = () => new Date(t);
  const at = (iso: string) => (t = Date.parse(iso));
  const board = new BoardDoc(new Y.Doc(), { now });
  board.initialize({ id: 'b', teamId: 't', name: 'Team', phases: [...DEFAULT_PHASES] });
  const meet = new MeetingDoc(board, { now });
  for (const id of ['a', 'b', 'c']) board.createCard({ name: `Borger ${id}`, phaseId: 'henvist' }, me, id);
  /** A meeting of `type` from `from` to `to`. */
  const meeting = (type: MeetingType, from: string, to: string) => {
    at(from);
    const id = meet.createMeeting({ type, scheduledFor: from }, me);
    meet.startMeeting(id, me);
    at(to);
    meet.endMeeting(id, me);
    return id;
  };
  const move = (id: string, when: string) => {
    at(when);
    board.moveCard(id, 'visiteret', 0, me);
  };
  return { board, meet, at, meeting, move };
}

describe('sinceBoundary', () => {
  const END = '2026-11-24T07:15:00.000Z';
  it('is the meeting end, or the last visit when that is later', () => {
    expect(sinceBoundary(END, null)).toBe(END);
    expect(sinceBoundary(END, '2026-11-24T07:00:00.000Z')).toBe(END);
    expect(sinceBoundary(END, END)).toBe(END);
    expect(sinceBoundary(END, '2026-11-24T12:30:00.000Z')).toBe('2026-11-24T12:30:00.000Z');
    expect(sinceBoundary(END, 'not a time')).toBe(END);
  });
  it('without a previous meeting nothing is news, whatever the visit', () => {
    expect(sinceBoundary(null, '2026-11-24T12:30:00.000Z')).toBeNull();
  });
});

describe('MeetingDoc.sinceLastMeeting boundaries', () => {
  it('a move made before the meeting ended, on the same day, is not listed; one right after is', () => {
    const { meet, meeting, move } = setup();
    move('a', '2026-11-24T07:05:00Z'); // during the meeting
    meeting('tavlemoede', '2026-11-24T07:00:00Z', '2026-11-24T07:15:00Z');
    move('b', '2026-11-24T07:15:01Z');
    const s = meet.sinceLastMeeting({ type: 'tavlemoede' });
    expect(s.lastMeetingAt).toBe('2026-11-24T07:15:00.000Z');
    expect(s.movedCards).toEqual(['b']);
  });

  it('a move at the very instant the meeting ended belongs to the meeting', () => {
    const { meet, meeting, move } = setup();
    meeting('tavlemoede', '2026-11-24T07:00:00Z', '2026-11-24T07:15:00Z');
    move('a', '2026-11-24T07:15:00Z');
    expect(meet.sinceLastMeeting({ type: 'tavlemoede' }).movedCards).toEqual([]);
  });

  it('counts from the previous meeting of the same type, not a later one of another type', () => {
    const { meet, meeting, move } = setup('2026-11-23T06:00:00Z');
    meeting('tavlemoede', '2026-11-23T07:00:00Z', '2026-11-23T07:15:00Z');
    move('a', '2026-11-23T09:00:00Z');
    meeting('tvaerfagligt', '2026-11-23T11:30:00Z', '2026-11-23T12:15:00Z');
    move('b', '2026-11-23T13:00:00Z');
    const daily = meet.sinceLastMeeting({ type: 'tavlemoede' });
    expect(daily.lastMeetingAt).toBe('2026-11-23T07:15:00.000Z');
    expect(daily.movedCards).toEqual(['a', 'b']);
    const weekly = meet.sinceLastMeeting({ type: 'tvaerfagligt' });
    expect(weekly.movedCards).toEqual(['b']);
    // any type: the latest meeting
    expect(meet.sinceLastMeeting().lastMeetingAt).toBe('2026-11-23T12:15:00.000Z');
  });

  it("the person's last visit, when later than the meeting, moves the boundary", () => {
    const { meet, meeting, move } = setup();
    meeting('tavlemoede', '2026-11-24T07:00:00Z', '2026-11-24T07:15:00Z');
    move('a', '2026-11-24T09:00:00Z');
    move('b', '2026-11-24T13:00:00Z');
    const s = meet.sinceLastMeeting({ type: 'tavlemoede', lastVisitAt: '2026-11-24T12:00:00.000Z' });
    expect(s.lastMeetingAt).toBe('2026-11-24T12:00:00.000Z');
    expect(s.movedCards).toEqual(['b']);
    // an earlier visit changes nothing
    const early = meet.sinceLastMeeting({ type: 'tavlemoede', lastVisitAt: '2026-11-24T06:00:00.000Z' });
    expect(early.movedCards).toEqual(['a', 'b']);
  });

  it('no previous meeting of the type: nothing is listed', () => {
    const { meet, meeting, move } = setup();
    meeting('tvaerfagligt', '2026-11-24T07:00:00Z', '2026-11-24T07:15:00Z');
    move('a', '2026-11-24T09:00:00Z');
    const s = meet.sinceLastMeeting({ type: 'tavlemoede', lastVisitAt: '2026-11-24T08:00:00.000Z' });
    expect(s).toMatchObject({ lastMeetingAt: null, movedCards: [], newCards: [] });
  });

  it('a card moved before moves had a time (raw or old data) counts from the day after the meeting', () => {
    const { board, meet, meeting } = setup();
    meeting('tavlemoede', '2026-11-24T07:00:00Z', '2026-11-24T07:15:00Z');
    const raw = (id: string, day: string) =>
      board.doc.transact(() => {
        const m = board.doc.getMap('cards').get(id) as Y.Map<unknown>;
        m.set('position', { phaseId: 'visiteret', key: 'a0' });
        m.set('phaseEnteredAt', day);
        m.delete('movedAt');
      });
    raw('a', '2026-11-24');
    raw('b', '2026-11-25');
    expect(sinceLast(board.cards(), '2026-11-24T07:15:00.000Z').movedCards).toEqual(['b']);
    expect(meet.sinceLastMeeting({ type: 'tavlemoede' }).movedCards).toEqual(['b']);
  });
});
