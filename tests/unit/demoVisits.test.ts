import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_TEAMS, buildDemoBoard } from '../../server/seed/demo.js';
import { demoVisits } from '../../server/seed/demoVisits.js';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { validateVisitRows } from '../../shared/model/visits.js';
import { citizenWeeks, weeksEnding } from '../../shared/rules/time.js';

const NOW = new Date('2026-12-09T10:00:00Z');

function demoCards(team: (typeof DEMO_TEAMS)[number]) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, buildDemoBoard(team, NOW));
  return new BoardDoc(doc).cards();
}

describe('demo visits (issue #13 point 5)', () => {
  const cards = demoCards(DEMO_TEAMS[0]);
  const visits = demoVisits(cards, DEMO_TEAMS[0].seed, NOW);

  it('are valid rows, the same on every run, and stop before today', () => {
    expect(validateVisitRows(visits).errors).toEqual([]);
    expect(demoVisits(cards, DEMO_TEAMS[0].seed, NOW)).toEqual(visits);
    expect(visits.every((v) => v.date < '2026-12-09')).toBe(true);
    expect(new Set(visits.map((v) => v.date.slice(0, 7)))).toEqual(new Set(['2026-11', '2026-12']));
  });

  it('leave some citizens over and some under their granted time', () => {
    const weeks = weeksEnding(NOW).slice(1);
    const balances = cards
      .filter((c) => c.lifecycle.externalRef !== '' && (c.lifecycle.weeklyHours ?? 0) > 0)
      .map((c) =>
        citizenWeeks(
          visits.filter((v) => v.citizenRef === c.lifecycle.externalRef),
          c.lifecycle.weeklyHours,
          weeks,
          '2026-12-08',
        ).reduce((s, w) => s + w.balanceMinutes, 0),
      );
    expect(balances.filter((b) => b > 60).length).toBeGreaterThan(2);
    expect(balances.filter((b) => b < -60).length).toBeGreaterThan(2);
  });
});
