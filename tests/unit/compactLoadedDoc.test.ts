import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactLoadedDoc } from '../../server/sync/replay.js';

/** Every plain-value item of a doc, with its content. */
function plainItems(doc: Y.Doc): Y.ContentAny[] {
  const out: Y.ContentAny[] = [];
  for (const structs of doc.store.clients.values()) {
    for (const s of structs) if (s instanceof Y.Item && s.content instanceof Y.ContentAny) out.push(s.content);
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Yjs types its own shared types
type Type = Y.AbstractType<any>;

/** Every map of a doc (root and nested) with its keys in iteration order. */
function mapKeys(doc: Y.Doc): [Type, Map<string, Y.Item>, string[]][] {
  const out: [Type, Map<string, Y.Item>, string[]][] = [];
  const visit = (type: Type) => {
    out.push([type, type._map, [...type._map.keys()]]);
    for (const item of type._map.values()) if (item.content instanceof Y.ContentType) visit(item.content.type);
  };
  for (const type of doc.share.values()) visit(type);
  return out;
}

describe('compactLoadedDoc (a board loaded from storage, compacted in memory)', () => {
  it('gives every decoded value an array of its own and every map a new key table; the doc reads, iterates and encodes the same', () => {
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
    const maps = mapKeys(loaded);

    compactLoadedDoc(loaded);

    const after = plainItems(loaded).map((c) => c.arr);
    expect(after).toHaveLength(before.length);
    expect(before.length).toBeGreaterThan(50);
    after.forEach((arr, i) => {
      expect(arr).not.toBe(before[i]);
      expect(arr).toEqual(before[i]);
    });
    // Every map's key table is rebuilt (keys shared across the doc), in the same order.
    expect(maps.filter(([, , keys]) => keys.length > 0).length).toBeGreaterThanOrEqual(20);
    for (const [type, table, keys] of maps) {
      if (keys.length > 0) expect(type._map).not.toBe(table);
      expect([...type._map.keys()]).toEqual(keys);
      for (const key of keys) expect(type._map.get(key)).toBe(table.get(key));
    }
    expect(Y.encodeStateAsUpdate(loaded)).toEqual(state);
    expect(loaded.getMap('cards').toJSON()).toEqual(json);
    expect(loaded.getArray('list').toArray()).toEqual([1, 'to', { tre: 3 }]);

    // And it keeps working as a doc: edits after the trim still merge both ways.
    (loaded.getMap<unknown>('cards').get('c1') as Y.Map<unknown>).set('triage', 'yellow');
    Y.applyUpdate(source, Y.encodeStateAsUpdate(loaded, Y.encodeStateVector(source)));
    expect((cards.get('c1') as Y.Map<unknown>).get('triage')).toBe('yellow');
  });
});
