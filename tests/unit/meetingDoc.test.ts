import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  DomainError,
  FALLBACK_CITIZEN_TITLE,
  FALLBACK_ITEM_TITLE,
  MeetingDoc,
  generateAgenda,
  localOrigin,
  sinceLast,
  type AgendaItem,
  type BoardInit,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');
const mette = { by: 'u-mette', byName: 'Mette' };

function clock(start = '2026-11-24T09:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
  };
}

function setup(c = clock()) {
  const board = new BoardDoc(new Y.Doc(), { now: c.now });
  board.initialize(INIT);
  const meet = new MeetingDoc(board, { now: c.now });
  const card = (name: string, id: string, triage: 'green' | 'yellow' | 'red' = 'green') =>
    board.createCard({ name, phaseId: 'henvist', triage }, me, id);
  return { board, meet, card, clock: c };
}

function expectDomainError(fn: () => unknown, code: DomainError['code']): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
}

/** Counts Yjs updates: a call that must write nothing produces none. */
function updates(doc: Y.Doc): { count: () => number } {
  let n = 0;
  doc.on('update', () => n++);
  return { count: () => n };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

function item(id: string, cardId: string | null, title: string, extra: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id,
    cardId,
    title,
    reasons: [{ code: 'red', since: null }],
    source: 'rule',
    timeBoxMin: 2,
    status: 'pending',
    ...extra,
  };
}

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('MeetingDoc.setTriage', () => {
  it('writes the card and the event in one transaction', () => {
    const { board, meet, card } = setup();
    card('Karen', 'k1');
    const u = updates(board.doc);
    const seen: Y.Transaction[] = [];
    board.doc.on('afterTransaction', (tx: Y.Transaction) => seen.push(tx));
    const id = meet.setTriage('k1', 'red', { ...mette, reason: 'Faldet i nat' }, me);
    expect(u.count()).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.origin).toEqual(me);
    expect(board.card('k1')!.triage).toBe('red');
    expect(meet.triageEvents('k1')).toEqual([
      {
        id,
        cardId: 'k1',
        at: '2026-11-24T09:00:00.000Z',
        from: 'green',
        to: 'red',
        by: 'u-mette',
        byName: 'Mette',
        reason: 'Faldet i nat',
      },
    ]);
  });

  it('the same colour again records nothing', () => {
    const { board, meet, card } = setup();
    card('Karen', 'k1', 'red');
    const u = updates(board.doc);
    expect(meet.setTriage('k1', 'red', mette, me)).toBeNull();
    expect(u.count()).toBe(0);
    expect(meet.triageEvents()).toEqual([]);
  });

  it('invalid input or unknown card writes nothing', () => {
    const { board, meet, card } = setup();
    card('Karen', 'k1');
    const u = updates(board.doc);
    expect(() => meet.setTriage('k1', 'purple' as never, mette, me)).toThrow();
    expect(() => meet.setTriage('k1', 'red', { by: 'u-mette', reason: 'CPR 010203-1234' }, me)).toThrow();
    expect(() => meet.setTriage('k1', 'red', { by: '' }, me)).toThrow();
    expectDomainError(() => meet.setTriage('nope', 'red', mette, me), 'card_not_found');
    expect(u.count()).toBe(0);
  });

  it('history is ordered by time, filtered per card, and keeps events of deleted cards', () => {
    const { board, meet, card, clock: c } = setup();
    card('Karen', 'k1');
    card('Bo', 'b1');
    meet.setTriage('k1', 'yellow', mette, me);
    c.set('2026-11-24T10:00:00Z');
    meet.setTriage('b1', 'red', mette, me);
    c.set('2026-11-24T11:00:00Z');
    meet.setTriage('k1', 'red', mette, me);
    expect(meet.triageEvents().map((e) => `${e.cardId}:${e.to}`)).toEqual(['k1:yellow', 'b1:red', 'k1:red']);
    expect(meet.triageEvents('k1').map((e) => e.from)).toEqual(['green', 'yellow']);
    board.deleteCard('b1', me);
    expect(meet.triageEvents('b1')).toHaveLength(1);
    expect(meet.triageChangesSince('2026-11-24T09:30:00Z').map((t) => t.cardId)).toEqual(['b1', 'k1']);
  });

  it('skips garbage events written by a raw client, keeps lenient fields', () => {
    const { board, meet } = setup();
    const m = board.doc.getMap('triageEvents');
    m.set('bad1', 'x');
    m.set('bad2', { id: 'other', cardId: 'k1', at: '2026-11-24T09:00:00Z', from: 'green', to: 'red', by: 'u' });
    m.set('ok', { id: 'ok', cardId: 'k1', at: '2026-11-24T09:00:00Z', from: 'green', to: 'red', by: 'u', byName: 7 });
    expect(meet.triageEvents()).toEqual([
      { id: 'ok', cardId: 'k1', at: '2026-11-24T09:00:00Z', from: 'green', to: 'red', by: 'u', byName: '' },
    ]);
  });
});

describe('MeetingDoc sidst drøftet', () => {
  it('markDiscussed records date and who; never moves back', () => {
    const { board, meet } = setup();
    meet.markDiscussed('k1', { date: '2026-11-20', by: 'u-mette' }, me);
    const u = updates(board.doc);
    meet.markDiscussed('k1', { date: '2026-11-19', by: 'u-lars' }, me);
    meet.markDiscussed('k1', { date: '2026-11-20', by: 'u-lars' }, me);
    expect(u.count()).toBe(0);
    expect(meet.lastDiscussed()).toEqual({ k1: '2026-11-20' });
    expect(meet.lastDiscussedEntries()).toEqual({ k1: { date: '2026-11-20', by: 'u-mette' } });
  });

  it('invalid input writes nothing', () => {
    const { board, meet } = setup();
    const u = updates(board.doc);
    expect(() => meet.markDiscussed('k1', { date: '2026-02-30', by: 'u' }, me)).toThrow();
    expect(() => meet.markDiscussed('bad id', { date: '2026-02-03', by: 'u' }, me)).toThrow();
    expect(u.count()).toBe(0);
  });

  it('reads a plain date written by a raw client, skips garbage', () => {
    const { board, meet } = setup();
    const m = board.doc.getMap('lastDiscussed');
    m.set('k1', '2026-11-01');
    m.set('k2', { date: 'igår' });
    m.set('bad key', '2026-11-01');
    expect(meet.lastDiscussed()).toEqual({ k1: '2026-11-01' });
  });
});

describe('MeetingDoc nominations and questions', () => {
  it('nominate and remove', () => {
    const { meet, card } = setup();
    card('Karen', 'k1');
    const id = meet.nominate({ cardId: 'k1', ...mette, note: 'Falder meget' }, me);
    expect(meet.nominations()).toEqual([
      { id, cardId: 'k1', by: 'u-mette', byName: 'Mette', at: '2026-11-24T09:00:00.000Z', note: 'Falder meget' },
    ]);
    meet.removeNomination(id, me);
    expect(meet.nominations()).toEqual([]);
    expectDomainError(() => meet.removeNomination(id, me), 'item_not_found');
  });

  it('invalid nominations write nothing', () => {
    const { board, meet, card } = setup();
    card('Karen', 'k1');
    const u = updates(board.doc);
    expectDomainError(() => meet.nominate({ cardId: 'nope', ...mette }, me), 'card_not_found');
    expect(() => meet.nominate({ cardId: 'k1', ...mette, note: 'x'.repeat(201) }, me)).toThrow();
    meet.nominate({ cardId: 'k1', ...mette }, me, 'n1');
    expectDomainError(() => meet.nominate({ cardId: 'k1', ...mette }, me, 'n1'), 'item_exists');
    expect(u.count()).toBe(1);
  });

  it('askVisitator, general questions, answerQuestion', () => {
    const { meet, card, clock: c } = setup();
    card('Karen', 'k1');
    const q1 = meet.askVisitator({ cardId: 'k1', text: 'Må hun få mere tid?', ...mette }, me);
    c.set('2026-11-24T10:00:00Z');
    const q2 = meet.askVisitator({ text: 'Hvem dækker i ferien?', ...mette }, me);
    expect(meet.questions().map((q) => [q.id, q.cardId, q.status])).toEqual([
      [q1, 'k1', 'open'],
      [q2, null, 'open'],
    ]);
    c.set('2026-11-25T12:00:00Z');
    meet.answerQuestion(q1, { answer: 'Ja, 2 timer', by: 'u-vis', byName: 'Visitator Ane' }, me);
    expect(meet.questions()[0]).toMatchObject({
      status: 'answered',
      answer: 'Ja, 2 timer',
      answeredBy: 'u-vis',
      answeredByName: 'Visitator Ane',
      answeredAt: '2026-11-25T12:00:00.000Z',
    });
    expectDomainError(() => meet.answerQuestion('nope', { answer: 'x', by: 'u' }, me), 'item_not_found');
  });

  it('invalid questions write nothing; garbage questions fall back', () => {
    const { board, meet } = setup();
    const u = updates(board.doc);
    expect(() => meet.askVisitator({ text: '   ', ...mette }, me)).toThrow();
    expect(() => meet.askVisitator({ text: 'CPR 010203-1234?', ...mette }, me)).toThrow();
    expectDomainError(() => meet.askVisitator({ cardId: 'nope', text: 'Hvad?', ...mette }, me), 'card_not_found');
    expect(u.count()).toBe(0);
    const m = board.doc.getMap('questions');
    m.set('q9', { id: 'q9', cardId: null, text: 'Hvad?', by: 'u', at: '2026-11-24T09:00:00Z', status: 'maybe' });
    m.set('q8', 42);
    expect(meet.questions()).toEqual([
      { id: 'q9', cardId: null, text: 'Hvad?', by: 'u', byName: '', at: '2026-11-24T09:00:00Z', status: 'open' },
    ]);
  });
});

describe('MeetingDoc meetings', () => {
  it('createMeeting, start, end, lastEndedMeeting, minutes', () => {
    const { meet, clock: c } = setup();
    const a = meet.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T08:00:00Z', leader: 'Mette' }, me);
    const b = meet.createMeeting({ type: 'tvaerfagligt', scheduledFor: '2026-11-26T12:00:00Z' }, me);
    expect(meet.lastEndedMeeting()).toBeNull();
    meet.startMeeting(a, me);
    c.set('2026-11-24T09:15:00Z');
    meet.startMeeting(a, me); // already started: no change
    meet.endMeeting(a, me);
    expect(meet.meeting(a)).toMatchObject({
      type: 'tavlemoede',
      leader: 'Mette',
      startedAt: '2026-11-24T09:00:00.000Z',
      endedAt: '2026-11-24T09:15:00.000Z',
    });
    meet.endMeeting(b, me, '2026-11-26T13:00:00Z');
    expect(meet.meeting(b)!.startedAt).toBe('2026-11-26T13:00:00Z');
    expect(meet.lastEndedMeeting()!.id).toBe(b);
    expect(ids(meet.meetings())).toEqual([a, b]);
    meet.setMinutes(a, { summary: 'Godt møde', attendees: ['Mette', 'Lars'] }, me);
    expect(meet.meeting(a)!.minutes).toEqual({ summary: 'Godt møde', attendees: ['Mette', 'Lars'] });
  });

  it('what the server records with start and end: leader, participants added once, column snapshots', () => {
    const { meet, board, card, clock: c } = setup();
    card('Karen', 'k1');
    const a = meet.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T08:00:00Z', leader: 'Mette' }, me);
    meet.setMinutes(a, { attendees: ['Lars'] }, me);
    meet.startMeeting(a, me, undefined, { leader: 'Frederik Dahl', snapshotPhases: true });
    expect(meet.meeting(a)).toMatchObject({ leader: 'Frederik Dahl', phasesAtStart: { k1: 'henvist' } });
    board.moveCard('k1', 'opstart', 0, me);
    c.set('2026-11-24T09:15:00Z');
    meet.endMeeting(a, me, undefined, { attendees: ['Eva Mortensen', 'Lars'], snapshotPhases: true });
    expect(meet.meeting(a)).toMatchObject({
      phasesAtStart: { k1: 'henvist' },
      phasesAtEnd: { k1: 'opstart' },
      minutes: { attendees: ['Lars', 'Eva Mortensen'] },
    });
    // a garbage snapshot from a raw client reads as null, never as a move
    (board.doc.getMap('meetings').get(a) as Y.Map<unknown>).set('phasesAtEnd', { k1: 42 });
    expect(meet.meeting(a)!.phasesAtEnd).toBeNull();
  });

  it('invalid meetings write nothing; unknown meeting is a DomainError', () => {
    const { board, meet } = setup();
    const u = updates(board.doc);
    expect(() => meet.createMeeting({ type: 'kaffe' as never, scheduledFor: '2026-11-24T08:00:00Z' }, me)).toThrow();
    expect(() => meet.createMeeting({ type: 'tavlemoede', scheduledFor: 'i morgen' }, me)).toThrow();
    expectDomainError(() => meet.startMeeting('nope', me), 'item_not_found');
    expect(() => meet.setMinutes('nope', { summary: 'x'.repeat(5000) }, me)).toThrow();
    expect(u.count()).toBe(0);
  });

  it('a garbage meeting written by a raw client falls back field by field', () => {
    const { board, meet } = setup();
    const raw = new Y.Map<unknown>();
    board.doc.getMap('meetings').set('m1', raw);
    raw.set('type', 'fest');
    raw.set('endedAt', 12);
    raw.set('items', 'nope');
    board.doc.getMap('meetings').set('m2', 'not a map');
    expect(meet.meetings()).toEqual([
      {
        id: 'm1',
        type: 'tavlemoede',
        scheduledFor: '',
        createdAt: '',
        leader: '',
        startedAt: null,
        endedAt: null,
        minutes: { summary: '', attendees: [] },
      },
    ]);
    expect(meet.agenda('m1')).toEqual([]);
    // writers replace the garbage nested map
    const id = meet.addManualItem('m1', { title: 'Ferieplan' }, me);
    expect(ids(meet.agenda('m1'))).toEqual([id]);
  });
});

describe('MeetingDoc agenda', () => {
  function withMeeting() {
    const s = setup();
    s.card('Karen', 'k1');
    s.card('Bo', 'b1');
    s.card('Ida', 'i1');
    const mid = s.meet.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T08:00:00Z' }, me);
    return { ...s, mid };
  }
  const gen = [item('c:k1', 'k1', 'Karen'), item('c:b1', 'b1', 'Bo'), item('c:i1', 'i1', 'Ida')];

  it('prepareAgenda stores the generated agenda in order; a re-run writes nothing', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    expect(ids(meet.agenda(mid))).toEqual(['c:k1', 'c:b1', 'c:i1']);
    expect(meet.agenda(mid)[0]).toMatchObject({ status: 'pending', timeBoxMin: 2, note: '', cardMissing: false });
    const u = updates(board.doc);
    meet.prepareAgenda(mid, gen, me);
    expect(u.count()).toBe(0);
  });

  it('prepareAgenda keeps manual order, time boxes, statuses, removals and manual items across re-runs', () => {
    const { meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    meet.moveAgendaItem(mid, 'c:i1', 0, me);
    meet.setTimeBox(mid, 'c:k1', 7, me);
    meet.removeAgendaItem(mid, 'c:b1', me);
    const manual = meet.addManualItem(mid, { title: 'Ferieplan', index: 1 }, me);
    meet.setItemStatus(mid, 'c:k1', 'parked', me);
    expect(ids(meet.agenda(mid))).toEqual(['c:i1', manual, 'c:k1']);

    const next = [...gen, item('c:new', 'new', 'Ny borger')];
    next[0] = item('c:k1', 'k1', 'Karen', { reasons: [{ code: 'yellow', since: null }] });
    meet.prepareAgenda(mid, next, me);
    const agenda = meet.agenda(mid);
    expect(ids(agenda)).toEqual(['c:i1', manual, 'c:k1', 'c:new']);
    expect(agenda[2]).toMatchObject({ timeBoxMin: 7, status: 'parked', reasons: [{ code: 'yellow', since: null }] });
    expect(agenda[3]!.cardMissing).toBe(true);
    expect(meet.preparedAgenda(mid).removed).toEqual([{ id: 'c:b1', reasonKeys: ['red'] }]);
  });

  it('a removed item comes back when it gets a new reason; a pending item without reasons goes', () => {
    const { meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    meet.removeAgendaItem(mid, 'c:b1', me);
    const again = [
      item('c:k1', 'k1', 'Karen'),
      item('c:b1', 'b1', 'Bo', {
        reasons: [
          { code: 'red', since: null },
          { code: 'nominated', nominationId: 'n1', byName: 'Lars', at: '2026-11-24T09:00:00Z', note: '' },
        ],
      }),
    ];
    meet.prepareAgenda(mid, again, me);
    expect(ids(meet.agenda(mid))).toEqual(['c:k1', 'c:b1']); // i1 had no reasons left and was pending
    expect(meet.preparedAgenda(mid).removed).toEqual([]);
  });

  it('prepareAgenda validates first: a bad item writes nothing', () => {
    const { board, meet, mid } = withMeeting();
    const u = updates(board.doc);
    expect(() => meet.prepareAgenda(mid, [{ ...gen[0]!, timeBoxMin: 0 }], me)).toThrow();
    expect(() => meet.prepareAgenda(mid, [{ ...gen[0]!, id: 'has space' }], me)).toThrow();
    expectDomainError(() => meet.prepareAgenda('nope', gen, me), 'item_not_found');
    expect(u.count()).toBe(0);
  });

  it('works with generateAgenda output', () => {
    const { meet, mid, board } = withMeeting();
    meet.setTriage('k1', 'red', mette, me);
    const generated = generateAgenda({
      meetingType: 'tavlemoede',
      cards: board.cards(),
      today: '2026-11-24',
      now: '2026-11-24T09:00:00Z',
      lastMeetingAt: null,
      triageEvents: meet.triageEvents(),
      lastDiscussed: meet.lastDiscussed(),
      nominations: meet.nominations(),
      questions: meet.questions(),
      config: { phases: board.phases() },
    });
    meet.prepareAgenda(mid, generated, me);
    expect(meet.agenda(mid)[0]!.id).toBe('c:k1');
  });

  it('moveAgendaItem: clamps, a no-op writes nothing, unknown item is a DomainError', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    meet.moveAgendaItem(mid, 'c:k1', 99, me);
    expect(ids(meet.agenda(mid))).toEqual(['c:b1', 'c:i1', 'c:k1']);
    meet.moveAgendaItem(mid, 'c:k1', -3, me);
    expect(ids(meet.agenda(mid))).toEqual(['c:k1', 'c:b1', 'c:i1']);
    const u = updates(board.doc);
    meet.moveAgendaItem(mid, 'c:k1', 0, me);
    expectDomainError(() => meet.moveAgendaItem(mid, 'c:zz', 0, me), 'item_not_found');
    expect(() => meet.moveAgendaItem(mid, 'c:k1', 'x' as never, me)).toThrow();
    expect(u.count()).toBe(0);
  });

  it('addManualItem: with a citizen it uses c:<id> and merges with the rules; validation', () => {
    const { board, meet, mid } = withMeeting();
    const id = meet.addManualItem(mid, { title: 'Karen', cardId: 'k1', timeBoxMin: 4 }, me);
    expect(id).toBe('c:k1');
    expectDomainError(() => meet.addManualItem(mid, { title: 'Karen', cardId: 'k1' }, me), 'item_exists');
    meet.prepareAgenda(mid, gen, me);
    expect(meet.agenda(mid)[0]).toMatchObject({ id: 'c:k1', source: 'manual', timeBoxMin: 4 });
    expect(meet.agenda(mid)[0]!.reasons).toHaveLength(1);
    const u = updates(board.doc);
    expect(() => meet.addManualItem(mid, { title: '' }, me)).toThrow();
    expect(() => meet.addManualItem(mid, { title: 'Ring 010203-1234' }, me)).toThrow();
    expectDomainError(() => meet.addManualItem(mid, { title: 'x', cardId: 'nope' }, me), 'card_not_found');
    expect(u.count()).toBe(0);
    // a manual item without a citizen is simply gone when removed
    const m = meet.addManualItem(mid, { title: 'Kaffe' }, me);
    meet.removeAgendaItem(mid, m, me);
    expect(meet.preparedAgenda(mid).removed).toEqual([]);
  });

  it('setTimeBox and setItemNote validate; unknown items are DomainErrors', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    meet.setTimeBox(mid, 'c:b1', 10, me);
    meet.setItemNote(mid, 'c:b1', 'Tal med datter', me);
    expect(meet.agenda(mid)[1]).toMatchObject({ timeBoxMin: 10, note: 'Tal med datter' });
    meet.setTimeBox(mid, 'c:b1', 0.5, me); // "alt vel?": half a minute
    expect(meet.agenda(mid)[1]).toMatchObject({ timeBoxMin: 0.5 });
    meet.setTimeBox(mid, 'c:b1', 10, me);
    const u = updates(board.doc);
    expect(() => meet.setTimeBox(mid, 'c:b1', 0, me)).toThrow();
    expect(() => meet.setTimeBox(mid, 'c:b1', 2.25, me)).toThrow();
    expect(() => meet.setItemNote(mid, 'c:b1', 'CPR 010203-1234', me)).toThrow();
    expectDomainError(() => meet.setTimeBox(mid, 'c:zz', 3, me), 'item_not_found');
    meet.setTimeBox(mid, 'c:b1', 10, me);
    expect(u.count()).toBe(0);
  });

  it('setItemStatus discussed marks the citizen drøftet in the same transaction, and undoing restores', () => {
    const { board, meet, mid, clock: c } = withMeeting();
    meet.markDiscussed('k1', { date: '2026-11-10', by: 'u-lars' }, me);
    meet.prepareAgenda(mid, gen, me);
    const u = updates(board.doc);
    meet.setItemStatus(mid, 'c:k1', 'discussed', me);
    expect(u.count()).toBe(1);
    expect(meet.lastDiscussed()).toEqual({ k1: '2026-11-24' });
    expect(meet.lastDiscussedEntries().k1).toMatchObject({ by: 'u-mette', meetingId: mid });
    expect(meet.agenda(mid)[0]!.status).toBe('discussed');
    meet.setItemStatus(mid, 'c:k1', 'pending', me);
    expect(meet.lastDiscussedEntries()).toEqual({ k1: { date: '2026-11-10', by: 'u-lars' } });
    // never discussed before: undo removes the date
    meet.setItemStatus(mid, 'c:b1', 'discussed', me, { by: 'u-ane', date: '2026-11-23' });
    expect(meet.lastDiscussed().b1).toBe('2026-11-23');
    meet.setItemStatus(mid, 'c:b1', 'skipped', me);
    expect(meet.lastDiscussed().b1).toBeUndefined();
    // a later discussion elsewhere is not undone by this meeting
    meet.setItemStatus(mid, 'c:i1', 'discussed', me);
    c.set('2026-11-26T09:00:00Z');
    meet.markDiscussed('i1', { date: '2026-11-26', by: 'u-lars' }, me);
    meet.setItemStatus(mid, 'c:i1', 'pending', me);
    expect(meet.lastDiscussed().i1).toBe('2026-11-26');
  });

  it('setItemStatus on an item whose card was deleted does not crash', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    board.deleteCard('b1', me);
    const entry = meet.agenda(mid).find((e) => e.id === 'c:b1')!;
    expect(entry).toMatchObject({ title: 'Bo', cardMissing: true });
    meet.setItemStatus(mid, 'c:b1', 'discussed', me);
    expect(meet.agenda(mid).find((e) => e.id === 'c:b1')!.status).toBe('discussed');
  });

  it('setItemStatus validates first', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    const u = updates(board.doc);
    expect(() => meet.setItemStatus(mid, 'c:k1', 'done' as never, me)).toThrow();
    expect(() => meet.setItemStatus(mid, 'c:k1', 'discussed', me, { date: '24/11' })).toThrow();
    expectDomainError(() => meet.setItemStatus(mid, 'c:zz', 'discussed', me), 'item_not_found');
    expect(u.count()).toBe(0);
  });

  it('closed cards stay on the agenda flagged closed, and read the live card name', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    board.updateCard('k1', { name: 'Karen Marie' }, me);
    board.closeForlob('k1', { outcome: 'afsluttet', closedOn: '2026-11-24', by: 'u-mette' }, me);
    expect(meet.agenda(mid)[0]).toMatchObject({ title: 'Karen Marie', cardClosed: true, cardMissing: false });
  });

  it('garbage items written by a raw client fall back instead of crashing', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    const m = board.doc.getMap('meetings').get(mid) as Y.Map<unknown>;
    const items = m.get('items') as Y.Map<unknown>;
    items.set('c:gone', { title: 42, reasons: ['x', { code: 'red', since: null }], timeBoxMin: -1 });
    items.set('m:x', 'garbage');
    items.set('bad key!', { title: 'x' });
    (m.get('order') as Y.Map<unknown>).set('c:k1', '0'); // a key the ordering library refuses
    (m.get('status') as Y.Map<unknown>).set('c:b1', 'done');
    (m.get('timeBox') as Y.Map<unknown>).set('c:b1', 'lang');
    const agenda = meet.agenda(mid);
    // no or bad order key sorts as 'a0' (the first key), ties by id
    expect(ids(agenda)).toEqual(['c:gone', 'c:k1', 'm:x', 'c:b1', 'c:i1']);
    expect(agenda.find((e) => e.id === 'c:gone')).toMatchObject({
      cardId: 'gone',
      title: FALLBACK_CITIZEN_TITLE,
      reasons: [{ code: 'red', since: null }],
      timeBoxMin: 1,
      cardMissing: true,
    });
    expect(agenda.find((e) => e.id === 'm:x')).toMatchObject({ cardId: null, title: FALLBACK_ITEM_TITLE });
    expect(agenda.find((e) => e.id === 'c:b1')).toMatchObject({ status: 'pending', timeBoxMin: 2 });
    // writers still work on top of the garbage
    meet.moveAgendaItem(mid, 'm:x', 0, me);
    expect(meet.agenda(mid)[0]!.id).toBe('m:x');
    meet.prepareAgenda(mid, gen, me);
    expect(meet.agenda(mid).length).toBeGreaterThanOrEqual(3);
  });

  it('action items and the parkeringsplads', () => {
    const { board, meet, mid } = withMeeting();
    meet.prepareAgenda(mid, gen, me);
    const a = meet.addActionItem(
      mid,
      { itemId: 'c:k1', text: 'Ring til egen læge', who: 'Mette', due: '2026-11-26', by: 'u-mette' },
      me,
    );
    const b = meet.addActionItem(mid, { text: 'Bestil rollator', by: 'u-mette' }, me);
    expect(meet.actionItems(mid, 'c:k1')).toEqual([
      {
        id: a,
        itemId: 'c:k1',
        cardId: 'k1',
        text: 'Ring til egen læge',
        who: 'Mette',
        due: '2026-11-26',
        by: 'u-mette',
        at: '2026-11-24T09:00:00.000Z',
      },
    ]);
    expect(ids(meet.actionItems(mid))).toHaveLength(2);
    meet.removeActionItem(mid, b, me);
    expect(ids(meet.actionItems(mid))).toEqual([a]);
    const p = meet.park(mid, { text: 'Vagtplan i julen', ...mette }, me);
    expect(meet.parked(mid)).toEqual([
      { id: p, text: 'Vagtplan i julen', itemId: null, by: 'u-mette', byName: 'Mette', at: '2026-11-24T09:00:00.000Z' },
    ]);
    meet.unpark(mid, p, me);
    expect(meet.parked(mid)).toEqual([]);
    const u = updates(board.doc);
    expect(() => meet.addActionItem(mid, { text: '', by: 'u' }, me)).toThrow();
    expect(() => meet.addActionItem(mid, { text: 'x', due: '2026-13-01', by: 'u' }, me)).toThrow();
    expectDomainError(() => meet.addActionItem(mid, { itemId: 'c:zz', text: 'x', by: 'u' }, me), 'item_not_found');
    expect(() => meet.park(mid, { text: ' ', by: 'u' }, me)).toThrow();
    expectDomainError(() => meet.unpark(mid, 'nope', me), 'item_not_found');
    expect(u.count()).toBe(0);
  });

  it('agenda of an unknown meeting is empty', () => {
    const { meet } = setup();
    expect(meet.agenda('nope')).toEqual([]);
    expect(meet.actionItems('nope')).toEqual([]);
    expect(meet.parked('nope')).toEqual([]);
  });

  it('two coordinators preparing at once keep every item exactly once', () => {
    const a = withMeeting();
    const b = new MeetingDoc(new BoardDoc(new Y.Doc()));
    sync(a.board.doc, b.doc);
    a.meet.prepareAgenda(a.mid, gen, me);
    b.prepareAgenda(a.mid, [gen[2]!, gen[0]!], localOrigin('u-lars'));
    b.addManualItem(a.mid, { title: 'Ferie' }, localOrigin('u-lars'), 'm:ferie');
    a.meet.moveAgendaItem(a.mid, 'c:i1', 0, me);
    b.setItemStatus(a.mid, 'c:i1', 'discussed', localOrigin('u-lars'), { date: '2026-11-24' });
    sync(a.board.doc, b.doc);
    expect(a.meet.agenda(a.mid)).toEqual(b.agenda(a.mid));
    expect(ids(a.meet.agenda(a.mid)).sort()).toEqual(['c:b1', 'c:i1', 'c:k1', 'm:ferie']);
    expect(a.meet.agenda(a.mid)[0]).toMatchObject({ id: 'c:i1', status: 'discussed' });
  });
});

describe('MeetingDoc.onChange and sinceLast', () => {
  it('onChange fires once per transaction touching meeting data, local or remote', () => {
    const { meet, board, card } = setup();
    card('Karen', 'k1');
    const fn = vi.fn();
    const off = meet.onChange(fn);
    meet.setTriage('k1', 'red', mette, me);
    meet.markDiscussed('k1', { date: '2026-11-24', by: 'u' }, me);
    board.updateCard('k1', { note: 'x' }, me); // board only: not meeting data
    expect(fn).toHaveBeenCalledTimes(2);
    off();
    meet.markDiscussed('k1', { date: '2026-11-25', by: 'u' }, me);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('sinceLast lists new, moved and closed cards, triage changes, decisions and requests', () => {
    const { meet, board, card, clock: c } = setup(clock('2026-11-23T09:00:00Z'));
    card('Karen', 'k1');
    card('Bo', 'b1');
    c.set('2026-11-24T10:00:00Z');
    const mid = meet.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T09:30:00Z' }, me);
    meet.endMeeting(mid, me);
    c.set('2026-11-25T08:00:00Z');
    card('Ida', 'i1');
    meet.setTriage('k1', 'yellow', mette, me);
    board.moveCard('b1', DEFAULT_PHASES[1]!.id, 0, me);
    board.recordDecision('k1', { code: 'E1', by: 'u-mette' }, me);
    const s = meet.sinceLastMeeting();
    expect(s.lastMeetingAt).toBe('2026-11-24T10:00:00.000Z');
    expect(s.newCards).toEqual(['i1']);
    expect(s.movedCards).toEqual(['b1']);
    expect(s.triageChanges.map((t) => t.cardId)).toEqual(['k1']);
    expect(s.decisions.map((d) => d.cardId)).toEqual(['k1']);
    expect(sinceLast(board.cards(), null).newCards).toEqual([]);
  });
});

describe('undo of a triage change', () => {
  it('undoes the colour and its history entry together once the undo scope is extended', () => {
    const { board, meet, card } = setup();
    const id = card('Karen Marie Jensen', 'k1');
    const undo = board.createUndoManager(me);
    meet.extendUndoScope(undo);
    meet.setTriage(id, 'red', mette, me);
    expect(board.card(id)?.triage).toBe('red');
    expect(meet.triageEvents(id)).toHaveLength(1);
    undo.undo();
    expect(board.card(id)?.triage).toBe('green');
    expect(meet.triageEvents(id)).toHaveLength(0);
  });
});

describe('triage response ("Vurdering foretaget" / "Handleplan lagt")', () => {
  it('records who and when for the current colour episode; a new colour starts a new clock', () => {
    const c = clock('2026-11-24T09:00:00Z');
    const { meet, card } = setup(c);
    const id = card('Karen', 'k1');
    meet.setTriage(id, 'red', mette, me);
    c.set('2026-11-24T15:00:00Z');
    const r = meet.markTriageResponse(id, mette, me);
    expect(r).toEqual({
      cardId: 'k1',
      triage: 'red',
      since: '2026-11-24T09:00:00.000Z',
      at: '2026-11-24T15:00:00.000Z',
      by: 'u-mette',
      byName: 'Mette',
    });
    expect(meet.triageResponse(id)).toEqual(r);
    c.set('2026-11-25T09:00:00Z');
    meet.setTriage(id, 'yellow', mette, me);
    // still stored, but it answers the red episode
    expect(meet.triageResponse(id)?.triage).toBe('red');
    expectDomainError(() => meet.markTriageResponse('nope', mette, me), 'card_not_found');
    expect(() => meet.markTriageResponse(id, { by: '', byName: 'x' }, me)).toThrow();
  });

  it('skips garbage written by a raw client', () => {
    const { meet, card } = setup();
    card('Karen', 'k1');
    meet.triageResponsesMap.set('k1', { cardId: 'k1', at: 'yesterday' });
    meet.triageResponsesMap.set('x', 42);
    expect(meet.triageResponses()).toEqual({});
  });
});

describe('undo of agenda edits', () => {
  it('undoes a move, a removal and a drøftet with its sidst drøftet', () => {
    const { board, meet, card } = setup();
    card('Karen', 'k1', 'red');
    card('Bo', 'b1', 'red');
    const mid = meet.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T09:30:00Z' }, me);
    const generated = generateAgenda({
      meetingType: 'tavlemoede',
      cards: board.cards(),
      today: '2026-11-24',
      now: '2026-11-24T09:00:00Z',
      lastMeetingAt: null,
    });
    meet.prepareAgenda(mid, generated, me);
    const undo = board.createUndoManager(me);
    meet.extendUndoScope(undo);
    const ids = () => meet.agenda(mid).map((e) => e.id);
    const before = ids();
    meet.moveAgendaItem(mid, before[1]!, 0, me);
    expect(ids()).toEqual([before[1], before[0]]);
    undo.stopCapturing();
    undo.undo();
    expect(ids()).toEqual(before);
    meet.removeAgendaItem(mid, before[0]!, me);
    undo.stopCapturing();
    undo.undo();
    expect(ids()).toEqual(before);
    meet.setItemStatus(mid, before[0]!, 'discussed', me, { date: '2026-11-24' });
    expect(Object.keys(meet.lastDiscussed())).toHaveLength(1);
    undo.stopCapturing();
    undo.undo();
    expect(meet.agenda(mid)[0]!.status).toBe('pending');
    expect(meet.lastDiscussed()).toEqual({});
  });
});
