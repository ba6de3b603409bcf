import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, localOrigin, type Card } from '../../shared/index.js';
import { addStateCounts, boardStateCounts, NO_STATE_COUNTS } from '../../shared/rules/styringState.js';
import { DEFAULT_TRIAGE_CONFIG } from '../../shared/rules/triage.js';

const me = localOrigin('u-koordinator');

function cards(): Card[] {
  let clock = new Date('2026-11-01T08:00:00.000Z');
  const b = new BoardDoc(new Y.Doc(), { now: () => clock });
  b.initialize({ id: 'b', teamId: 't', name: 'T', phases: [...DEFAULT_PHASES] });
  b.createCard({ name: 'Gammel Grøn', phaseId: 'opstart' }, me, 'old');
  b.createCard({ name: 'Drøftet Grøn', phaseId: 'opstart' }, me, 'talked');
  b.createCard({ name: 'Lukket', phaseId: 'opstart' }, me, 'closed');
  b.closeForlob('closed', { outcome: 'afsluttet', closedOn: '2026-11-02', by: 'u-visitator' }, me);
  clock = new Date('2026-11-20T08:00:00.000Z');
  b.createCard({ name: 'Ny Rød', phaseId: 'henvist', triage: 'red' }, me, 'red');
  return b.cards();
}

describe('the cockpit state figures (R2, R8, R11)', () => {
  const base = {
    cards: cards(),
    phases: DEFAULT_PHASES,
    triageEvents: [],
    triageResponses: {},
    triageConfig: DEFAULT_TRIAGE_CONFIG,
    notDiscussedDays: 14,
  };

  it('counts active citizens not discussed for 14 days and red clocks past their 24 hours', () => {
    const counts = boardStateCounts({
      ...base,
      lastDiscussed: { talked: '2026-11-18' },
      now: new Date('2026-11-22T12:00:00Z'),
    });
    // old: created 1 Nov, never discussed (21 days); talked: 4 days ago; closed does not count;
    // red: created 20 Nov 08:00, 24 hours gone by 22 Nov.
    expect(counts).toMatchObject({ activeCitizens: 3, notDiscussed: 1, responseOverdue: 1, followUpsOverdue: 0 });
  });

  it('the figures of a board are the sum of its cards’ figures, however the cards are split', () => {
    // The server counts a board a few cards at a time (server/styring/recorder.ts).
    const input = { ...base, lastDiscussed: { talked: '2026-11-18' }, now: new Date('2026-11-22T12:00:00Z') };
    const whole = boardStateCounts(input);
    for (const size of [1, 2, 3]) {
      let sum = NO_STATE_COUNTS;
      for (let i = 0; i < base.cards.length; i += size) {
        sum = addStateCounts(sum, boardStateCounts({ ...input, cards: base.cards.slice(i, i + size) }));
      }
      expect(sum).toEqual(whole);
    }
  });

  it('a recorded response stops the clock, and day 13 is not yet "not discussed"', () => {
    const counts = boardStateCounts({
      ...base,
      triageResponses: {
        red: {
          cardId: 'red',
          triage: 'red',
          since: base.cards.find((c) => c.id === 'red')!.createdAt,
          at: '2026-11-20T10:00:00.000Z',
          by: 'u-spl',
          byName: 'Sofie',
        },
      },
      lastDiscussed: { old: '2026-11-09', talked: '2026-11-09' },
      now: new Date('2026-11-22T12:00:00Z'),
    });
    expect(counts).toMatchObject({ activeCitizens: 3, notDiscussed: 0, responseOverdue: 0 });
  });

  it('counts a citizen whose follow-up window has passed, as the agenda does', () => {
    let clock = new Date('2026-11-01T08:00:00.000Z');
    const b = new BoardDoc(new Y.Doc(), { now: () => clock });
    b.initialize({ id: 'b', teamId: 't', name: 'T', phases: [...DEFAULT_PHASES] });
    b.createCard({ name: 'Rehab', phaseId: 'uge2' }, me, 'r');
    // Day 1 on 1 November: Hørsholm's week-2 follow-up (days 8–14) is past by 22 November.
    b.setLifecycle('r', { startDate: '2026-11-01', cadenceTemplateId: 'horsholm-83a' }, me);
    clock = new Date('2026-11-22T08:00:00.000Z');
    const counts = boardStateCounts({ ...base, cards: b.cards(), lastDiscussed: {}, now: clock });
    expect(counts.followUpsOverdue).toBe(1);
  });
});
