import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, localOrigin, type BoardInit } from '../../shared/index.js';
import {
  projectBoardForScreen,
  projectCardForScreen,
  screenLabel,
  type RawBoard,
  type RawMap,
} from '../../shared/rules/privacy.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-eva');
const NAME = 'Karen Marie Jensen';

/** A board with one citizen whose every free-text field is filled in. */
function fullBoard(): { board: BoardDoc; cardId: string } {
  const board = new BoardDoc(new Y.Doc());
  board.initialize(INIT);
  const cardId = board.createCard(
    { name: NAME, phaseId: 'henvist', note: 'Faldt i badet, diabetes', contactPerson: 'Anne Holm', triage: 'red' },
    me,
  );
  board.setLifecycle(cardId, { secondaryContact: 'Bent Nielsen', legalBasis: '§83a', weeklyHours: 3 }, me);
  board.addGoal(cardId, { kind: 'citizen', text: 'Kunne gå til Netto igen' }, me);
  board.upsertRelative(cardId, { name: 'Søren Jensen', relation: 'søn', phone: '12345678' }, me);
  board.addRequest(cardId, { kind: 'mere-tid', reason: 'Hoftesmerter om morgenen', by: 'u-anne' }, me);
  board.recordDecision(cardId, { code: 'E2', reason: 'Demens tiltager', by: 'u-eva', byName: 'Eva Mortensen' }, me);
  return { board, cardId };
}

function raw(doc: Y.Doc): RawBoard {
  const out: RawBoard = {};
  for (const name of [
    'meta',
    'phases',
    'cards',
    'triageEvents',
    'lastDiscussed',
    'nominations',
    'questions',
    'meetings',
  ]) {
    out[name] = doc.getMap(name).toJSON() as RawMap;
  }
  return out;
}

describe('[R38] wall-screen privacy projection', () => {
  it('replaces the name with the initials and drops every free-text field', () => {
    const { board, cardId } = fullBoard();
    const projected = projectBoardForScreen(raw(board.doc));
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
      'Demens',
      '§83a',
    ]) {
      expect(text).not.toContain(secret);
    }
    const card = projected.cards?.[cardId] as RawMap;
    expect(card.name).toBe('KMJ');
    expect(card.initials).toBe('KMJ');
    // Non-sensitive fields stay: colour, place, responsible staff, decision code.
    expect(card.triage).toBe('red');
    expect(card.contactPerson).toBe('Anne Holm');
    expect(card.secondaryContact).toBe('Bent Nielsen');
    expect((card.position as RawMap).phaseId).toBe('henvist');
    expect(Object.values(card.decisions as RawMap).map((d) => (d as RawMap).code)).toEqual(['E2']);
    expect(card.goals).toEqual({});
    expect(card.relatives).toEqual({});
    expect(card.requests).toEqual({});
    expect(card).not.toHaveProperty('note');
    expect(card).not.toHaveProperty('weeklyHours');
  });

  it('uses the configured short label when the card has one', () => {
    expect(screenLabel({ name: NAME, initials: 'Stue 3' })).toBe('Stue 3');
    expect(screenLabel({ name: NAME, initials: '' })).toBe('KMJ');
    expect(screenLabel({ name: '(uden navn)' })).toBe('UN');
    expect(screenLabel({ name: '—' })).toBe('?');
  });

  it('is a whitelist: a field added to a card later is not projected', () => {
    const card = { name: NAME, initials: 'KMJ', triage: 'green', diagnosis: 'KOL', futureField: { x: 1 } };
    const projected = projectCardForScreen(card);
    expect(projected).toEqual({ name: 'KMJ', initials: 'KMJ', triage: 'green' });
  });

  it('drops unknown top-level maps, meeting notes, questions and free-text agenda reasons', () => {
    const { board, cardId } = fullBoard();
    const input = raw(board.doc);
    input.secretNewMap = { a: NAME };
    input.questions = { q1: { id: 'q1', cardId, text: `Spørg om ${NAME}` } };
    input.nominations = { n1: { id: 'n1', cardId, by: 'u-anne', byName: 'Anne Holm', at: 'x', note: 'Er faldet' } };
    input.meetings = {
      m1: {
        type: 'tavlemoede',
        leader: 'Frederik Dahl',
        summary: `Drøftede ${NAME}`,
        attendees: ['Søren Jensen'],
        items: {
          [`c:${cardId}`]: {
            id: `c:${cardId}`,
            cardId,
            title: NAME,
            reasons: [
              { code: 'red', since: null },
              { code: 'nominated', nominationId: 'n1', byName: 'Anne Holm', at: 'x', note: 'Er faldet' },
            ],
            source: 'rule',
            timeBoxMin: 2,
            secret: 'x',
          },
          'm:1': { id: 'm:1', cardId: null, title: 'Ferie for Søren', reasons: [], source: 'manual', timeBoxMin: 2 },
        },
        notes: { [`c:${cardId}`]: 'Hun græd' },
        actions: { a1: { id: 'a1', text: 'Ring til Søren' } },
        parking: { p1: { id: 'p1', text: 'Søren' } },
        status: { [`c:${cardId}`]: 'discussed' },
      },
    };
    const projected = projectBoardForScreen(input);
    const text = JSON.stringify(projected);
    for (const secret of ['Karen', 'Søren', 'græd', 'Er faldet', 'Spørg']) expect(text).not.toContain(secret);
    expect(projected).not.toHaveProperty('secretNewMap');
    expect(projected.questions).toEqual({});
    const meeting = projected.meetings?.m1 as RawMap;
    expect(meeting.leader).toBe('Frederik Dahl');
    expect(meeting.notes).toEqual({});
    const item = (meeting.items as RawMap)[`c:${cardId}`] as RawMap;
    expect(item.title).toBe('KMJ');
    expect(item).not.toHaveProperty('secret');
    expect(item.reasons).toEqual([
      { code: 'red', since: null },
      { code: 'nominated', nominationId: 'n1', byName: 'Anne Holm', at: 'x', note: '' },
    ]);
    expect(((meeting.items as RawMap)['m:1'] as RawMap).title).toBe('');
    expect(meeting.status).toEqual({ [`c:${cardId}`]: 'discussed' });
  });

  it('never lets a CPR-shaped string through, even in a whitelisted field', () => {
    const projected = projectCardForScreen({ name: NAME, contactPerson: '010190-1234' });
    expect(projected.contactPerson).toBe('');
  });

  it('keeps the typed triage responses (the wall stops answered response clocks), nothing else of them', () => {
    const response = {
      cardId: 'c1',
      triage: 'red',
      since: '2026-03-13T09:00:00.000Z',
      at: '2026-03-13T10:00:00.000Z',
      by: 'u-spl',
      byName: 'Sofie',
    };
    const projected = projectBoardForScreen({ triageResponses: { c1: { ...response, note: 'fri tekst' } } });
    expect(projected.triageResponses).toEqual({ c1: response });
  });
});
