import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, localOrigin } from '../../shared/index.js';
import { boardStateCounts } from '../../shared/rules/styringState.js';
import { DEFAULT_TRIAGE_CONFIG } from '../../shared/rules/triage.js';
import { silentLogger } from '../../server/logging.js';
import type { BoardStateRecord, CardFact, StyringStore } from '../../server/storage/styringTypes.js';
import { StyringRecorder, cardFactOf } from '../../server/styring/recorder.js';
import type { LiveBoard } from '../../server/sync/board.js';

const me = localOrigin('u-koordinator');
const NOW = new Date('2026-11-22T12:00:00Z');

/** A board of 21 cards of different ages and triage, some closed: more than one turn's worth. */
function board(): { live: LiveBoard; doc: BoardDoc } {
  let clock = new Date('2026-10-01T08:00:00.000Z');
  const doc = new BoardDoc(new Y.Doc(), { now: () => clock });
  doc.initialize({ id: 'b', teamId: 't', name: 'T', phases: [...DEFAULT_PHASES] });
  for (let i = 0; i < 21; i++) {
    clock = new Date(Date.parse('2026-10-01T08:00:00Z') + i * 3 * 86_400_000);
    const triage = (['green', 'yellow', 'red'] as const)[i % 3];
    doc.createCard({ name: `Borger ${i}`, phaseId: i % 2 ? 'opstart' : 'henvist', triage }, me, `c${i}`);
    if (i % 5 === 0) doc.closeForlob(`c${i}`, { outcome: 'afsluttet', closedOn: '2026-11-02', by: 'u' }, me);
  }
  // Only what the recorder reads of a live board.
  return { live: { id: 'b', doc: doc.doc } as unknown as LiveBoard, doc };
}

function recorder() {
  const stored: { facts: CardFact[]; state: BoardStateRecord | null } = { facts: [], state: null };
  const store = {
    replaceCardFacts: async (_b: string, facts: readonly CardFact[]) => void (stored.facts = [...facts]),
    setBoardState: async (_b: string, s: BoardStateRecord) => void (stored.state = s),
  } as unknown as StyringStore;
  return { stored, rec: new StyringRecorder(store, silentLogger, async () => DEFAULT_TRIAGE_CONFIG) };
}

describe('StyringRecorder (reads a board a few cards a turn)', () => {
  it('stores the same figures as counting the whole board at once', async () => {
    const { live, doc } = board();
    const { stored, rec } = recorder();
    await rec.snapshot(live, NOW);
    const whole = boardStateCounts({
      cards: doc.cards(),
      phases: doc.phases(),
      lastDiscussed: {},
      triageEvents: [],
      triageResponses: {},
      triageConfig: DEFAULT_TRIAGE_CONFIG,
      notDiscussedDays: 14,
      lifecycle: { boardTemplateId: doc.boardCadenceTemplateId() },
      now: NOW,
    });
    const { activeCitizens, ...figures } = whole;
    expect(activeCitizens).toBe(16);
    expect(figures.notDiscussed).toBeGreaterThan(0);
    expect(stored.state).toEqual({ at: NOW.getTime(), ...figures });
  });

  it('on load, stores the facts of every card', async () => {
    const { live, doc } = board();
    const { stored, rec } = recorder();
    await rec.boardLoaded(live);
    expect(stored.facts).toEqual(doc.cards().map(cardFactOf));
    expect(stored.facts.filter((f) => f.closed)).toHaveLength(5);
    expect(stored.state).not.toBeNull();
  });

  it('on load, stores the facts as they are when it stores them, not as first read', async () => {
    const { live, doc } = board();
    const { stored, rec } = recorder();
    const loaded = rec.boardLoaded(live);
    // Runs after the first 8 cards were read (the read goes on in later turns): an edit of
    // one of them and a new card, each of which an edit's own fact change has queued already.
    // (The recorder starts a turn after it is asked: this lands one turn after that.)
    setImmediate(() =>
      setImmediate(() => {
        doc.closeForlob('c1', { outcome: 'afsluttet', closedOn: '2026-11-20', by: 'u' }, me);
        doc.createCard({ name: 'Ny', phaseId: 'henvist' }, me, 'late');
      }),
    );
    await loaded;
    expect(stored.facts.find((f) => f.cardId === 'c1')?.closed).toBe(true);
    expect(stored.facts.map((f) => f.cardId)).toContain('late');
    expect(stored.facts).toEqual(doc.cards().map(cardFactOf));
  });
});
