import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardDoc, lendCardParses, parsesHeld } from '../../shared/doc/boardDoc.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';

/*
 * The write gate reads a card after an update on its staging copy, borrowing the live
 * doc's parses of what the update did not write (lendCardParses). The card it reads must
 * be exactly what a fresh read of the same state gives: what the update wrote is parsed
 * again, garbage included.
 */

const SEED = { source: 'server', reason: 'seed' } as const;

/** As the write gate reads: keeping its parses (BoardDoc's `rememberParses`). */
const reader = (doc: Y.Doc) => new BoardDoc(doc, { rememberParses: true });

function board(): BoardDoc {
  const b = reader(new Y.Doc());
  b.initialize({ id: 'b', teamId: 't', name: 'B', phases: [...DEFAULT_PHASES] }, SEED);
  b.createCard({ name: 'Anna Berg', phaseId: DEFAULT_PHASES[0]!.id, note: 'før' }, SEED, 'c1');
  return b;
}

function copy(doc: Y.Doc): Y.Doc {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
}

/** A raw client's write to card c1 (any value, as a hostile client could send). */
function write(doc: Y.Doc, fields: Record<string, unknown>): Set<string> {
  const card = doc.getMap<Y.Map<unknown>>('cards').get('c1')!;
  doc.transact(() => {
    for (const [k, v] of Object.entries(fields)) card.set(k, v);
  });
  return new Set(Object.keys(fields));
}

describe('reading a card after an update with the live doc’s parses', () => {
  const cases: Record<string, unknown>[] = [
    { note: 'efter' },
    { triage: 'red' },
    { triage: 'not-a-triage' },
    { name: 'Bo Holm' },
    { initials: 42, note: { evil: true } },
    { weeklyHours: 7.5, legalBasis: 'sel-83' },
    { weeklyHours: 'mange' },
  ];
  for (const fields of cases) {
    it(`gives a fresh read’s card after writing ${JSON.stringify(fields)}`, () => {
      const live = board();
      const staging = reader(copy(live.doc));
      const before = live.card('c1'); // parses the live doc's values
      expect(before).not.toBeNull();
      staging.card('c1');
      const touched = write(staging.doc, fields);
      lendCardParses(live.doc, staging.doc, 'c1', (key) => !touched.has(key));
      const after = staging.card('c1');
      const fresh = new BoardDoc(copy(staging.doc)).card('c1');
      expect(after).toEqual(fresh);
    });
  }

  it('never lends a parse to a key the update wrote', () => {
    const live = board();
    const staging = reader(copy(live.doc));
    expect(live.card('c1')!.note).toBe('før');
    write(staging.doc, { note: { not: 'a note' } });
    // Told (wrongly) that nothing was written, it still lends nothing: the item is not the live one.
    lendCardParses(live.doc, staging.doc, 'c1', () => true);
    expect(staging.card('c1')!.note).toBe('');
  });

  it('holds one parse per key, not one per value the key ever held', () => {
    const live = board();
    const card = live.doc.getMap<Y.Map<unknown>>('cards').get('c1')!;
    live.card('c1');
    const held = parsesHeld(card);
    expect(held).toBeGreaterThan(0);
    for (let i = 0; i < 50; i++) {
      write(live.doc, { note: `note ${i}` });
      expect(live.card('c1')!.note).toBe(`note ${i}`);
    }
    // Each overwritten note stays in the doc as a tombstone; its parse must not stay with it.
    expect(parsesHeld(card)).toBe(held);
  });

  it('keeps nothing for a reader that does not remember, and reads the same', () => {
    const live = board();
    const card = live.doc.getMap<Y.Map<unknown>>('cards').get('c1')!;
    const whole = new BoardDoc(live.doc); // a reader of the whole board (cockpit, archive, print)
    const read = whole.card('c1');
    expect(parsesHeld(card)).toBe(0);
    live.card('c1'); // the gate's reader keeps its parses …
    const held = parsesHeld(card);
    expect(held).toBeGreaterThan(0);
    expect(new BoardDoc(live.doc).card('c1')).toEqual(read); // … which any reader then uses
    expect(parsesHeld(card)).toBe(held);
  });

  it('reads a collection afresh once an entry is added, changed or deleted, and as the same value while not', () => {
    const live = board();
    const origin = { source: 'local', userId: 'u1' } as const;
    const goals = () => live.doc.getMap<Y.Map<unknown>>('cards').get('c1')!.get('goals') as Y.Map<unknown>;
    const fresh = () => new BoardDoc(copy(live.doc)).card('c1')!.lifecycle.goals;
    const first = live.card('c1')!.lifecycle.goals;
    expect(live.card('c1')!.lifecycle.goals).toBe(first); // unchanged: the same value
    live.addGoal('c1', { id: 'g1', kind: 'citizen', text: 'Gå til købmanden', status: 'aktiv' }, origin);
    expect(live.card('c1')!.lifecycle.goals).toEqual(fresh());
    expect(live.card('c1')!.lifecycle.goals).toHaveLength(1);
    const g1 = goals().get('g1') as Record<string, unknown>;
    goals().set('g1', { ...g1, text: 'Gå til bageren' }); // the same key, a new item
    expect(live.card('c1')!.lifecycle.goals).toEqual(fresh());
    expect(live.card('c1')!.lifecycle.goals[0]!.text).toBe('Gå til bageren');
    goals().set('g2', { ...g1, id: 'g2', text: 'garbage', status: 'not-a-status', kind: 42 });
    expect(live.card('c1')!.lifecycle.goals).toEqual(fresh());
    goals().delete('g1');
    expect(live.card('c1')!.lifecycle.goals).toEqual(fresh());
    live.updateCard('c1', { note: 'kun en note' }, origin);
    const afterNote = live.card('c1')!.lifecycle.goals;
    live.updateCard('c1', { note: 'en anden note' }, origin);
    expect(live.card('c1')!.lifecycle.goals).toBe(afterNote); // a field edit re-reads no collection
  });

  it('lends the card’s unchanged collections whole, and never one the update changed', () => {
    const live = board();
    const origin = { source: 'local', userId: 'u1' } as const;
    live.addGoal('c1', { id: 'g1', kind: 'citizen', text: 'Gå til købmanden', status: 'aktiv' }, origin);
    const staging = reader(copy(live.doc));
    const before = live.card('c1')!;
    const touched = write(staging.doc, { note: 'efter' });
    lendCardParses(live.doc, staging.doc, 'c1', (key) => !touched.has(key), before);
    expect(staging.card('c1')!.lifecycle.goals).toBe(before.lifecycle.goals);

    // Told (wrongly) that nothing was written, it lends nothing: the goals hold other items.
    const other = reader(copy(live.doc));
    const goals = other.doc.getMap<Y.Map<unknown>>('cards').get('c1')!.get('goals') as Y.Map<unknown>;
    goals.set('g1', { ...(goals.get('g1') as object), text: 'Gå til bageren' });
    lendCardParses(live.doc, other.doc, 'c1', () => true, before);
    expect(other.card('c1')!.lifecycle.goals[0]!.text).toBe('Gå til bageren');
    expect(other.card('c1')).toEqual(new BoardDoc(copy(other.doc)).card('c1'));
  });
});
