import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, localOrigin, triageView, type Card, type Triage } from '../../shared/index.js';

/*
 * The triage view's day focus highlights rather than hides, and its counts are those of the
 * rows shown (issue #11, part 6: on a non-visitator day the view showed nobody under a
 * heading that counted 35).
 */

const me = localOrigin('u');

function cards(specs: [string, Triage, string][], closed: string[] = []): Card[] {
  const b = new BoardDoc(new Y.Doc(), { now: () => new Date('2026-11-24T08:00:00Z') });
  b.initialize({ id: 'b', teamId: 't', name: 'T', phases: [...DEFAULT_PHASES] });
  for (const [id, triage, legalBasis] of specs) {
    b.createCard({ name: `Borger ${id}`, phaseId: 'uge2', triage }, me, id);
    if (legalBasis) b.setLifecycle(id, { legalBasis }, me);
  }
  for (const id of closed) b.moveCard(id, 'afsluttet', 0, me);
  return b.cards();
}

// a board where every citizen is a servicelov matter, as the demo's §83/§83a forløb are
const BOARD = cards(
  [
    ['a', 'red', 'SEL §83a'],
    ['b', 'yellow', 'SEL §83'],
    ['c', 'green', 'Ældreloven §10'],
    ['d', 'green', 'SEL §83a'],
    ['e', 'yellow', 'SEL §83'],
  ],
  ['e'],
);

describe('triageView', () => {
  it('on a sundhedslov day every active citizen is still listed, none highlighted, and the counts match', () => {
    const v = triageView(BOARD, { phases: DEFAULT_PHASES, focus: 'SUL' });
    expect(v.rows.map((r) => r.card.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(v.rows.every((r) => !r.inFocus)).toBe(true);
    expect(v.counts).toEqual({ red: 1, yellow: 1, green: 2, total: 4 });
    expect(v.inFocus).toBe(0);
  });

  it('on the visitator day the servicelov citizens are highlighted; a citizen without a legal basis matches both', () => {
    const mixed = cards([
      ['a', 'red', 'SUL §138'],
      ['b', 'green', 'SEL §83a'],
      ['c', 'green', ''],
    ]);
    const sel = triageView(mixed, { focus: 'SEL' });
    expect(sel.rows.map((r) => [r.card.id, r.inFocus])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
    ]);
    expect(sel.inFocus).toBe(2);
    expect(triageView(mixed, { focus: 'SUL' }).inFocus).toBe(2);
    expect(triageView(mixed, { focus: 'all' }).inFocus).toBe(3);
  });

  it('"ændret siden sidste møde" narrows the rows, and the counts follow the rows', () => {
    const v = triageView(BOARD, { phases: DEFAULT_PHASES, focus: 'SEL', only: new Set(['b', 'e']) });
    expect(v.rows.map((r) => r.card.id)).toEqual(['b']);
    expect(v.counts).toEqual({ red: 0, yellow: 1, green: 0, total: 1 });
    expect(v.inFocus).toBe(1);
  });

  it('the counts always equal the rows by colour, whatever the options', () => {
    for (const focus of ['all', 'SEL', 'SUL'] as const) {
      for (const only of [null, new Set(['a', 'c']), new Set<string>()]) {
        const v = triageView(BOARD, { phases: DEFAULT_PHASES, focus, only });
        const byColour = (t: Triage) => v.rows.filter((r) => r.card.triage === t).length;
        expect(v.counts).toEqual({
          red: byColour('red'),
          yellow: byColour('yellow'),
          green: byColour('green'),
          total: v.rows.length,
        });
      }
    }
  });
});
