import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trimDecodedValues } from '../../server/sync/replay.js';

/** Every plain-value item of a doc, with its content. */
function plainItems(doc: Y.Doc): Y.ContentAny[] {
  const out: Y.ContentAny[] = [];
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) if (s instanceof Y.Item && s.content instanceof Y.ContentAny) out.push(s.content);
  }
  return out;
}

describe('trimDecodedValues (a loaded board holds its values in arrays of their own length)', () => {
  it('replaces every decoded value array with an equal copy; the doc reads and encodes the same', () => {
    const source = new Y.Doc();
    const cards = source.getMap<unknown>('cards');
    source.transact(() => {
      for (let i = 0; i < 20; i++) {
        const card = new Y.Map<unknown>();
        cards.set(`c${i}`, card);
        card.set('name', `Borger ${i}`);
        card.set('position', { phaseId: 'opstart', key: `a${i}` });
        card.set('triage', i % 2 === 0 ? 'green' : 'red');
      }
    });
    source.getArray<unknown>('list').push([1, 'to', { tre: 3 }]);
    cards.delete('c3');

    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(source));
    const before = plainItems(loaded).map((c) => c.arr);
    const state = Y.encodeStateAsUpdate(loaded);
    const json = loaded.getMap('cards').toJSON();

    trimDecodedValues(loaded);

    const after = plainItems(loaded).map((c) => c.arr);
    expect(after).toHaveLength(before.length);
    expect(before.length).toBeGreaterThan(50);
    after.forEach((arr, i) => {
      expect(arr).not.toBe(before[i]);
      expect(arr).toEqual(before[i]);
    });
    expect(Y.encodeStateAsUpdate(loaded)).toEqual(state);
    expect(loaded.getMap('cards').toJSON()).toEqual(json);
    expect(loaded.getArray('list').toArray()).toEqual([1, 'to', { tre: 3 }]);

    // And it keeps working as a doc: edits after the trim still merge both ways.
    (loaded.getMap<unknown>('cards').get('c1') as Y.Map<unknown>).set('triage', 'yellow');
    Y.applyUpdate(source, Y.encodeStateAsUpdate(loaded, Y.encodeStateVector(source)));
    expect((cards.get('c1') as Y.Map<unknown>).get('triage')).toBe('yellow');
  });
});
