import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, MeetingDoc, localOrigin, type BoardInit } from '../../shared/index.js';
import {
  SCREEN_BOARD_NAME,
  projectBoardForScreen,
  projectCardForScreen,
  type ScreenMap,
} from '../../shared/doc/screenProjection.js';
import { followUpLabels, screenLabel, screenPhaseTitle } from '../../shared/rules/privacy.js';
import { ASCII_MARKER, MARKER, writeRawMarkers, writeValidMarkers } from '../helpers/markers.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-eva');
const NAME = 'Karen Marie Jensen';
const NOW = new Date('2026-11-24T09:00:00.000Z');

function newBoard(): { board: BoardDoc; meetings: MeetingDoc } {
  const board = new BoardDoc(new Y.Doc(), { now: () => NOW });
  board.initialize(INIT);
  return { board, meetings: new MeetingDoc(board, { now: () => NOW }) };
}

/** A board with one citizen whose every free-text field is filled in. */
function fullBoard(): { board: BoardDoc; meetings: MeetingDoc; cardId: string } {
  const { board, meetings } = newBoard();
  const cardId = board.createCard(
    { name: NAME, phaseId: 'henvist', note: 'Faldt i badet, diabetes', contactPerson: 'Anne Holm', triage: 'red' },
    me,
  );
  board.setLifecycle(cardId, { secondaryContact: 'Bent Nielsen', legalBasis: '§83a', weeklyHours: 3 }, me);
  board.addGoal(cardId, { kind: 'citizen', text: 'Kunne gå til Netto igen' }, me);
  board.upsertRelative(cardId, { name: 'Søren Jensen', relation: 'søn', phone: '12345678' }, me);
  board.addRequest(cardId, { kind: 'mere-tid', reason: 'Hoftesmerter om morgenen', by: 'u-anne' }, me);
  board.setLifecycle(cardId, { swapSuitable: true, swapReason: 'Glad for gåture' }, me);
  board.addSwap(
    cardId,
    { by: 'u-anne', byName: 'Anne Holm', givenUp: 'Støvsugning', instead: 'Gåtur til søen', note: 'Hyggeligt' },
    me,
  );
  board.recordDecision(cardId, { code: 'E2', reason: 'Demens tiltager', by: 'u-eva', byName: 'Eva Mortensen' }, me);
  return { board, meetings, cardId };
}

describe('[R38] wall-screen privacy projection', () => {
  it('replaces the name with the initials and drops every free-text field and every person', () => {
    const { board, meetings, cardId } = fullBoard();
    const projected = projectBoardForScreen(board, meetings);
    const text = JSON.stringify(projected);
    for (const secret of [
      NAME,
      'Karen',
      'Jensen',
      'diabetes',
      'Netto',
      'Søren',
      '12345678',
      'Hoftesmerter',
      'Støvsugning',
      'Gåtur',
      'Hyggeligt',
      'Demens',
      '§83a',
      'Anne Holm',
      'Bent Nielsen',
      'Eva Mortensen',
      'u-eva',
    ]) {
      expect(text).not.toContain(secret);
    }
    const card = projected.cards?.[cardId] as ScreenMap;
    expect(card.name).toBe('KMJ');
    expect(card.initials).toBe('KMJ');
    // What the screen shows stays: colour, place, decision code.
    expect(card.triage).toBe('red');
    expect((card.position as ScreenMap).phaseId).toBe('henvist');
    expect(Object.values(card.decisions as ScreenMap).map((d) => (d as ScreenMap).code)).toEqual(['E2']);
    expect(card.goals).toEqual({});
    expect(card.relatives).toEqual({});
    expect(card.requests).toEqual({});
    for (const key of ['note', 'weeklyHours', 'contactPerson', 'secondaryContact', 'legalBasis', 'forlobType']) {
      expect(card).not.toHaveProperty(key);
    }
    expect((projected.meta as ScreenMap).name).toBe(SCREEN_BOARD_NAME);
  });

  it('the screen reads the projection with the same BoardDoc code: initials, colour, column order', () => {
    const { board, meetings } = newBoard();
    const ids = ['Anne Berg', 'Bo Carlsen', 'Cecilie Dam'].map((name) =>
      board.createCard({ name, phaseId: 'opstart' }, me),
    );
    board.moveCard(ids[2]!, 'opstart', 0, me);
    const screen = mirror(projectBoardForScreen(board, meetings));
    expect(screen.column('opstart').map((c) => c.name)).toEqual(['CD', 'AB', 'BC']);
    expect(screen.phases().map((p) => p.title)).toEqual(DEFAULT_PHASES.map((p) => p.title));
  });

  it('labels are one to four letters: own initials when they are, else the name’s, else "?"', () => {
    expect(screenLabel({ name: NAME, initials: 'Stue' })).toBe('Stue');
    expect(screenLabel({ name: NAME, initials: 'Stue 3' })).toBe('KMJ');
    expect(screenLabel({ name: NAME, initials: 'Karen har KOL' })).toBe('KMJ');
    expect(screenLabel({ name: NAME, initials: 'KAREN' })).toBe('KMJ');
    expect(screenLabel({ name: NAME, initials: '010190-1234' })).toBe('KMJ');
    expect(screenLabel({ name: NAME, initials: '' })).toBe('KMJ');
    expect(screenLabel({ name: 'Åse Ørsted' })).toBe('ÅØ');
    expect(screenLabel({ name: '(uden navn)' })).toBe('UN');
    expect(screenLabel({ name: 'Stue 12' })).toBe('S');
    expect(screenLabel({ name: '—' })).toBe('?');
    expect(screenLabel({})).toBe('?');
  });

  it('column titles and follow-up labels come from a fixed set, not from the document', () => {
    expect(screenPhaseTitle('followup', 5)).toBe('Opfølgning uge 5');
    expect(screenPhaseTitle('closed')).toBe('Afsluttet');
    expect(followUpLabels('week-5')).toEqual({ label: 'Opfølgning uge 5', labelEn: 'Follow-up week 5' });
    expect(followUpLabels('days-14').label).toBe('Opfølgning efter 14 dage');
    expect(followUpLabels('every3m-2').label).toBe('Opfølgning efter 6 måneder');
    expect(followUpLabels('karen-har-kol').label).toBe('Opfølgning');
  });

  it('is a whitelist: a field added to a card later is not projected', () => {
    const { board, meetings, cardId } = fullBoard();
    const card = { ...board.card(cardId)!, diagnosis: 'KOL', futureField: { x: 1 } };
    const projected = projectCardForScreen(card, { phaseId: 'henvist', key: 'a0' });
    expect(Object.keys(projected).sort()).toEqual(
      [
        'name',
        'initials',
        'triage',
        'nextDueDate',
        'position',
        'phaseEnteredAt',
        'createdAt',
        'visitationDate',
        'startDate',
        'cadenceTemplateId',
        'forlobTypeId',
        'opstartPlannedDate',
        'opstartHeldOn',
        'opstartParticipants',
        'closure',
        'followUps',
        'decisions',
        'goals',
        'relatives',
        'requests',
        'swaps',
        // "nej tak" and linked local offers: projected as empty collections
        'declines',
        'offerLinks',
      ].sort(),
    );
    expect(JSON.stringify(projectBoardForScreen(board, meetings))).not.toContain('KOL');
  });

  it('keeps structure on agenda items and reasons and blanks their text; questions and notes stay off', () => {
    const { board, meetings, cardId } = fullBoard();
    const meetingId = meetings.createMeeting(
      { type: 'tavlemoede', scheduledFor: NOW.toISOString(), leader: 'Frederik Dahl' },
      me,
    );
    meetings.prepareAgenda(
      meetingId,
      [
        {
          id: `c:${cardId}`,
          cardId,
          title: NAME,
          reasons: [
            { code: 'red', since: null },
            { code: 'nominated', nominationId: 'n1', byName: 'Anne Holm', at: NOW.toISOString(), note: 'Er faldet' },
          ],
          source: 'rule',
          timeBoxMin: 2,
          status: 'pending',
        },
      ],
      me,
    );
    meetings.addManualItem(meetingId, { title: 'Ferie for Søren' }, me);
    meetings.setItemNote(meetingId, `c:${cardId}`, 'Hun græd', me);
    meetings.askVisitator({ by: 'u-anne', byName: 'Anne Holm', cardId, text: `Spørg om ${NAME}` }, me);
    const projected = projectBoardForScreen(board, meetings);
    const text = JSON.stringify(projected);
    for (const secret of ['Karen', 'Søren', 'græd', 'Er faldet', 'Spørg', 'Frederik', 'Anne'])
      expect(text).not.toContain(secret);
    expect(projected.questions).toEqual({});
    const meeting = projected.meetings?.[meetingId] as ScreenMap;
    expect(meeting.leader).toBe('');
    expect(meeting.notes).toEqual({});
    const item = (meeting.items as ScreenMap)[`c:${cardId}`] as ScreenMap;
    expect(item.title).toBe('KMJ');
    expect(item.reasons).toEqual([
      { code: 'red', since: null },
      { code: 'nominated', nominationId: 'n1', byName: '', at: NOW.toISOString(), note: '' },
    ]);
    const screen = mirror(projected);
    const agenda = new MeetingDoc(screen).agenda(meetingId);
    expect(agenda.map((e) => e.reasons.map((r) => r.code))).toEqual([['red', 'nominated'], []]);

    // A citizen taken off the board keeps the item, with no title of its own.
    board.deleteCard(cardId, me);
    const after = projectBoardForScreen(board, meetings).meetings?.[meetingId] as ScreenMap;
    expect(((after.items as ScreenMap)[`c:${cardId}`] as ScreenMap).title).toBe('');
    expect(new MeetingDoc(mirror(projectBoardForScreen(board, meetings))).agenda(meetingId)[0]?.cardMissing).toBe(true);
  });
});

describe('[R38] wall-screen projection from typed values (issue #10)', () => {
  it('keeps triage responses as card, colour and instants only, so answered clocks stop on the wall', () => {
    const { board, meetings } = newBoard();
    const cardId = board.createCard({ name: NAME, phaseId: 'henvist' }, me);
    meetings.setTriage(cardId, 'red', { by: 'u-eva', byName: 'Eva Mortensen', reason: 'Faldet i nat' }, me);
    meetings.markTriageResponse(cardId, { by: 'u-eva', byName: 'Eva Mortensen' }, me);
    const projected = projectBoardForScreen(board, meetings).triageResponses as Record<string, unknown>;
    expect(projected[cardId]).toEqual({
      cardId,
      triage: 'red',
      since: NOW.toISOString(),
      at: NOW.toISOString(),
      by: '?',
      byName: '',
    });
    expect(JSON.stringify(projected)).not.toContain('Eva');
  });

  it('no marker written into any field or key, valid or hostile, reaches the projection', () => {
    const { board, meetings } = newBoard();
    const ids = writeValidMarkers(board, meetings, me);
    const valid = JSON.stringify(projectBoardForScreen(board, meetings));
    expect(valid).not.toContain(MARKER);
    // The marked citizen is on the screen, by the initials of her name only.
    const screen = mirror(projectBoardForScreen(board, meetings));
    expect(screen.card(ids.cardId)?.name).toBe('MN');
    expect(screen.card(ids.cardId)?.triage).toBe('red');
    expect(screen.card(ids.closedId)?.lifecycle.closure?.outcome).toBe('afsluttet');

    writeRawMarkers(board.doc, ids);
    const hostile = JSON.stringify(projectBoardForScreen(board, meetings));
    expect(hostile).not.toContain(MARKER);
    expect(hostile).not.toContain(ASCII_MARKER);
    expect(mirror(projectBoardForScreen(board, meetings)).card(ids.cardId)?.name).toBe('MN');
  });
});

/** A BoardDoc over a doc holding the projection, as the screen's client builds it. */
function mirror(projected: Record<string, ScreenMap>): BoardDoc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [name, entries] of Object.entries(projected)) {
      const map = doc.getMap(name);
      for (const [key, value] of Object.entries(entries)) map.set(key, toY(name, value));
    }
  });
  return new BoardDoc(doc);
}

/** Entries of `cards` and `meetings` are Y.Maps whose object values are Y.Maps too. */
function toY(name: string, value: unknown): unknown {
  if (name !== 'cards' && name !== 'meetings') return value;
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(value as ScreenMap)) {
    const nestedKeys =
      name === 'cards'
        ? ['followUps', 'decisions', 'goals', 'relatives', 'requests']
        : ['items', 'order', 'status', 'timeBox', 'notes', 'removed', 'actions', 'parking'];
    if (nestedKeys.includes(k)) {
      const nested = new Y.Map<unknown>();
      for (const [nk, nv] of Object.entries(v as ScreenMap)) nested.set(nk, nv);
      m.set(k, nested);
    } else m.set(k, v);
  }
  return m;
}
