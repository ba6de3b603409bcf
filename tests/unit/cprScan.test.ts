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
    ['a disguised CPR (en dash, NBSP)', (d: Y.Doc) => d.getMap('cards').set('c1', 'cpr 010190\u2013\u00A01234')],
    ['fullwidth digits', (d: Y.Doc) => d.getMap('cards').set('c1', '０１０１９０－１２３４')],
    ['a zero-width space', (d: Y.Doc) => d.getMap('cards').set('c1', '010190-12\u200B34')],
    ['a letter O for 0', (d: Y.Doc) => d.getMap('cards').set('c1', 'O1O190-1234')],
    ['dotted date parts', (d: Y.Doc) => d.getMap('cards').set('c1', '01.01.90-1234')],
    ['a root type name', (d: Y.Doc) => d.getMap('010190-1234').set('k', 1)],
    ['a Y.XmlElement name', (d: Y.Doc) => d.getXmlFragment('x').insert(0, [new Y.XmlElement('p010190-1234')])],
    ['a Y.XmlHook name', (d: Y.Doc) => d.getMap('m').set('h', new Y.XmlHook('010190-1234'))],
    [
      'an XML attribute',
      (d: Y.Doc) => {
        const el = new Y.XmlElement('p');
        d.getXmlFragment('x').insert(0, [el]);
        el.setAttribute('data', '01 01 90 1234');
      },
    ],
    ['a text format attribute', (d: Y.Doc) => d.getText('t').insert(0, 'x', { note: '010190/1234' })],
    ['an embed', (d: Y.Doc) => d.getText('t').insertEmbed(0, { alt: '010190 - 1234' })],
    ['binary content', (d: Y.Doc) => d.getMap('m').set('b', new TextEncoder().encode('cpr 0101901234'))],
    ['a sub-document id', (d: Y.Doc) => d.getMap('m').set('s', new Y.Doc({ guid: '010190-1234' }))],
  ])('finds a CPR number in %s', (_what, change) => {
    expect(updateContainsCpr(updateOf(change))).toBe(true);
  });

  it.each([
    ['phone numbers and amounts', (d: Y.Doc) => d.getMap('cards').set('c1', 'Tlf. 12 34 56 78, 3,5 timer')],
    ['a date that is not a CPR date', (d: Y.Doc) => d.getMap('cards').set('c1', '320190-1234')],
    ['numbers and booleans', (d: Y.Doc) => d.getMap('cards').set('c1', { n: 1012901234, ok: true })],
    ['an ordinary XML element', (d: Y.Doc) => d.getXmlFragment('x').insert(0, [new Y.XmlElement('paragraph')])],
    ['a date and a time', (d: Y.Doc) => d.getMap('cards').set('c1', 'Møde 01.01.2026 kl. 14.30')],
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
