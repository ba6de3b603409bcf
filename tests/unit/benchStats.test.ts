import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { editKind, prepareEdits } from '../../bench/edits.js';
import {
  capacity,
  cpuPer1k,
  dueAt,
  dueRange,
  editCount,
  isMeasured,
  isValidRun,
  median,
  percentile,
  ratio,
  verdict,
  type Schedule,
} from '../../bench/stats.js';

describe('bench statistics', () => {
  it('percentile is nearest-rank on a sorted array', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('median ignores unknown values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('CPU per 1,000 edits divides only the measured window', () => {
    // 12 s of CPU before the window (set-up, warm-up) must not count: 3 s over 1,500 edits.
    expect(cpuPer1k(12, 15, 1500)).toBeCloseTo(2);
    expect(cpuPer1k(1, 2, 0)).toBeNaN();
  });

  it('a run is valid only while the generator is at most 5 ms late at p99', () => {
    expect(isValidRun(4.9)).toBe(true);
    expect(isValidRun(5.1)).toBe(false);
    expect(isValidRun(NaN)).toBe(false);
  });

  it('verdicts and ratios say unknown rather than guess', () => {
    expect(verdict(10, 15)).toBe('ok');
    expect(verdict(16, 15)).toBe('MISS');
    expect(verdict(NaN, 15)).toBe('–');
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(3, 0)).toBe('–');
  });

  it('capacity is the highest step reached without a failure below it', () => {
    const step = (rate: number, p99: number, delivered = 1, valid = true) => ({ rate, p99, delivered, valid });
    expect(capacity([step(100, 5), step(300, 20), step(1000, 80), step(2000, 10)])).toBe(300);
    expect(capacity([step(100, 5), step(300, 20, 0.99)])).toBe(100);
    expect(capacity([step(100, 5, 1, false)])).toBe(0);
  });
});

describe('the open-loop schedule', () => {
  const s: Schedule = { t0: 1000, editsPerSecond: 200, warmupMs: 1000, measureMs: 2000 };

  it('dues every edit from the start time, whatever was sent before', () => {
    expect(editCount(s)).toBe(600);
    expect(dueAt(s, 0)).toBe(1000);
    expect(dueAt(s, 200)).toBe(2000);
    // A generator that woke up 30 ms late sends everything due since, all at once.
    expect(dueRange(s, 0, 1030)).toEqual([0, 7]);
    expect(dueRange(s, 7, 1030)).toEqual([7, 7]);
    expect(dueRange(s, 0, 999)).toEqual([0, 0]);
    expect(dueRange(s, 590, 1e9)).toEqual([590, 600]);
  });

  it('measures only edits due after the warm-up', () => {
    expect(isMeasured(s, 199)).toBe(false);
    expect(isMeasured(s, 200)).toBe(true);
  });
});

describe('prepared edits', () => {
  function base(): Uint8Array {
    const board = new BoardDoc();
    board.initialize({ id: 'b', teamId: 't', name: 'B', phases: [...DEFAULT_PHASES] });
    for (let i = 0; i < 6; i++)
      board.createCard({ name: `Borger ${i}`, phaseId: 'henvist' }, { source: 'server', reason: 'seed' }, `c${i}`);
    return board.encodeState();
  }

  it('mixes moves, field edits and triage changes', () => {
    const kinds = Array.from({ length: 10 }, (_, k) => editKind(k));
    expect(kinds.filter((k) => k === 'move')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'field')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'triage')).toHaveLength(2);
  });

  it('reach the card structure, each from its writer, and every edit is new (no stale value counts)', () => {
    const start = base();
    const user = { id: 'u-bench', name: 'Bench' };
    const { edits, clientIds } = prepareEdits(start, { count: 40, writers: 4, user, boardIndex: 0 });
    expect(edits).toHaveLength(40);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, start);
    const board = new BoardDoc(doc);
    const before = board.cards().map((c) => JSON.stringify(c));
    const clocks = new Map<number, number>();
    for (const e of edits) {
      expect(e.client).toBe(clientIds[e.writer]);
      // Clocks grow per writer: an observer can tell each edit apart by (client, clock).
      expect(e.clock).toBeGreaterThan(clocks.get(e.client) ?? 0);
      clocks.set(e.client, e.clock);
      const sv = Y.encodeStateVector(doc);
      Y.applyUpdate(doc, e.update);
      expect(Y.encodeStateVector(doc)).not.toEqual(sv);
    }
    const after = board.cards().map((c) => JSON.stringify(c));
    expect(after).not.toEqual(before);
    expect(board.cards().some((c) => c.contactPerson.startsWith('Bench-kontakt 0-'))).toBe(true);
    expect(new MeetingDoc(board).triageEvents().filter((e) => e.by === 'u-bench').length).toBe(8);
    expect(new Set(edits.map((e) => e.writer))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('build only on the base and the same writer (a real client builds only on what it has seen)', () => {
    const start = base();
    const { edits } = prepareEdits(start, {
      count: 60,
      writers: 4,
      user: { id: 'u-bench', name: 'Bench' },
      boardIndex: 0,
    });
    // Each writer's edits, applied on the base alone in its own order, leave nothing pending.
    for (let w = 0; w < 4; w++) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, start);
      for (const e of edits.filter((x) => x.writer === w)) Y.applyUpdate(doc, e.update);
      expect(doc.store.pendingStructs).toBeNull();
      expect(doc.store.pendingDs).toBeNull();
    }
  });
});
