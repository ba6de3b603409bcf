import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { updateContainsCpr } from '../../server/sync/cprScan.js';

/** Captures the update one change to a fresh doc produces. */
function updateOf(change: (doc: Y.Doc) => void, before?: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  if (before) doc.transact(() => before(doc));
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => change(doc));
  return update!;
}

describe('updateContainsCpr', () => {
  it.each([
    ['a plain map value', (d: Y.Doc) => d.getMap('cards').set('c1', 'cpr 010190-1234')],
    ['a value without dash', (d: Y.Doc) => d.getMap('cards').set('c1', 'nr 0101901234')],
    [
      'a nested map value',
      (d: Y.Doc) => {
        const m = new Y.Map<unknown>();
        d.getMap('cards').set('c1', m);
        m.set('note', '311299 1234 ring');
      },
    ],
    ['deep inside a JSON value', (d: Y.Doc) => d.getMap('cards').set('c1', { a: [{ b: 'x 290296-1111' }] })],
    ['an object key', (d: Y.Doc) => d.getMap('cards').set('c1', { '010190-1234': true })],
    ['a map key', (d: Y.Doc) => d.getMap('cards').set('010190-1234', 1)],
    ['Y.Text', (d: Y.Doc) => d.getText('t').insert(0, 'cpr 010190-1234')],
    ['a Y.Array element', (d: Y.Doc) => d.getArray('a').push(['010190-1234'])],
  ])('finds a CPR number in %s', (_what, change) => {
    expect(updateContainsCpr(updateOf(change))).toBe(true);
  });

  it.each([
    ['phone numbers and amounts', (d: Y.Doc) => d.getMap('cards').set('c1', 'Tlf. 12 34 56 78, 3,5 timer')],
    ['a date that is not a CPR date', (d: Y.Doc) => d.getMap('cards').set('c1', '320190-1234')],
    ['numbers and booleans', (d: Y.Doc) => d.getMap('cards').set('c1', { n: 1012901234, ok: true })],
  ])('passes %s', (_what, change) => {
    expect(updateContainsCpr(updateOf(change))).toBe(false);
  });

  it('deleting a value that held one passes (the deletion carries no text)', () => {
    const cpr = (d: Y.Doc) => d.getMap('cards').set('c1', '010190-1234');
    expect(updateOf((d) => d.getMap('cards').delete('c1'), cpr).length).toBeGreaterThan(0);
    expect(updateContainsCpr(updateOf((d) => d.getMap('cards').delete('c1'), cpr))).toBe(false);
  });

  it('refuses hostile nesting it will not descend into', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(updateContainsCpr(updateOf((d) => d.getMap('m').set('k', deep)))).toBe(true);
  });
});
