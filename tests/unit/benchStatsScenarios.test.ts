import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSessions, buildBoard } from '../../bench/boardGen.js';
import {
  perBoard,
  presenceCoalesced,
  presencePerClientPerSecond,
  releasedShare,
  SCENARIOS,
  selectedScenarios,
} from '../../bench/stats.js';
import { awarenessMessage, readAwarenessClock, readUpdate, updateMessage } from '../../bench/wire.js';

describe('hot board: presence', () => {
  it('counts messages per receiving client per second of the measured window', () => {
    // 59 receivers got 30 messages a second each for 8 s.
    expect(presencePerClientPerSecond(59 * 30 * 8, 59, 8000)).toBeCloseTo(30);
    expect(presencePerClientPerSecond(10, 0, 8000)).toBeNaN();
  });

  it('is coalesced only at or under 15 messages a second per sender', () => {
    expect(presenceCoalesced(30)).toBe('MISS');
    expect(presenceCoalesced(15)).toBe('ok');
    expect(presenceCoalesced(25, 2)).toBe('ok');
    expect(presenceCoalesced(NaN)).toBe('–');
  });

  it('reads the sender’s clock back from a presence message, in both dialects', () => {
    for (const dialect of ['y-websocket', 'hocuspocus'] as const) {
      const msg = awarenessMessage(dialect, 'board-1', 900_000_001, 42, { editingCardId: null, drag: { x: 1 } });
      expect(readAwarenessClock(dialect, msg, 900_000_001)).toBe(42);
      // Another client's presence, or a document update, is not the dragging user's.
      expect(readAwarenessClock(dialect, msg, 7)).toBeNull();
      expect(readAwarenessClock(dialect, updateMessage(dialect, 'board-1', new Uint8Array([0, 0])), 7)).toBeNull();
      expect(readUpdate(dialect, msg)).toBeNull();
    }
  });
});

describe('memory per board', () => {
  it('divides what loading added by the boards loaded', () => {
    expect(perBoard(30, 70, 40)).toBe(1);
    expect(perBoard(30, 70, 0)).toBeNaN();
  });

  it('tells how much of it unloading gave back', () => {
    expect(releasedShare(30, 70, 30)).toBe(1);
    expect(releasedShare(30, 70, 50)).toBe(0.5);
    // Stock y-websocket never unloads: nothing released.
    expect(releasedShare(30, 70, 70)).toBe(0);
    expect(releasedShare(30, 30, 30)).toBeNaN();
  });
});

describe('scenario selection', () => {
  it('runs every scenario by default and `--only` picks some', () => {
    expect([...selectedScenarios([])]).toEqual([...SCENARIOS]);
    expect([...selectedScenarios(['--quick', '--only', 'hot,big'])]).toEqual(['hot', 'big']);
    expect([...selectedScenarios(['--only=memory'])]).toEqual(['memory']);
    expect(selectedScenarios(['--no-storm']).has('storm')).toBe(false);
  });

  it('refuses names it does not know, rather than running nothing', () => {
    expect(() => selectedScenarios(['--only', 'hot,bigg'])).toThrow(/bigg/);
    expect(() => selectedScenarios(['--only'])).toThrow(/scenario names/);
  });
});

describe('the big board’s history', () => {
  it('leaves one Yjs clientID per simulated page load, each with its edits', () => {
    const doc = buildBoard(12, { id: 'b', teamId: 't' });
    const before = Y.encodeStateAsUpdate(doc).length;
    addSessions(doc, 5, { cards: 12, editsPerSession: 3, kinds: ['triage', 'contact', 'move'] });
    // The board's own writer plus five sessions.
    expect(Y.decodeStateVector(Y.encodeStateVector(doc)).size).toBe(6);
    expect(Y.encodeStateAsUpdate(doc).length).toBeGreaterThan(before);
  });
});

describe('the bench runs Tavlen as npm start does', () => {
  it('with the Node flags of package.json’s start script', async () => {
    const { TAVLEN_NODE_FLAGS } = await import('../../bench/servers.js');
    expect(TAVLEN_NODE_FLAGS).toEqual(['--min-semi-space-size=16']);
  });
});
