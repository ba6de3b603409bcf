import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  applyChanges,
  clientIdCount,
  localOrigin,
  rebuildDoc,
  stateVectorFromBase64,
  stateVectorToBase64,
  unsyncedChanges,
  type BoardInit,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');
const phaseId = DEFAULT_PHASES[0]!.id;

/** What the server holds, as it would after loading from storage (untyped roots). */
function serverCopy(doc: Y.Doc): Y.Doc {
  const s = new Y.Doc();
  Y.applyUpdate(s, Y.encodeStateAsUpdate(doc));
  return s;
}

function seeded(): BoardDoc {
  const b = new BoardDoc(new Y.Doc());
  b.initialize(INIT);
  b.createCard({ name: 'Anna Hansen', phaseId }, me, 'c-anna');
  b.createCard({ name: 'Bent Olsen', phaseId }, me, 'c-bent');
  return b;
}

describe('rebuildDoc', () => {
  it('copies every root as plain data, under one clientID, with the next epoch', () => {
    const b = seeded();
    // Many sessions: each its own clientID, each one edit.
    for (let i = 0; i < 30; i++) {
      const session = new BoardDoc(new Y.Doc());
      Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(b.doc));
      session.updateCard('c-anna', { note: `notat ${i}` }, me);
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(session.doc, Y.encodeStateVector(b.doc)));
    }
    b.doc.getArray('extra').push(['x', { y: 1 }]);
    const server = serverCopy(b.doc);
    expect(clientIdCount(server)).toBeGreaterThan(30);
    const before = { ...b.doc.toJSON(), meta: undefined };

    const rebuilt = rebuildDoc(server, { epoch: 1, clientID: 42 });
    expect(clientIdCount(rebuilt)).toBe(1);
    expect(rebuilt.clientID).toBe(42);
    const after = new BoardDoc(rebuilt);
    expect({ ...rebuilt.toJSON(), meta: undefined }).toEqual(before);
    expect(after.meta()).toEqual({ id: 'board-1', teamId: 'team-nord', name: 'Team Nord', epoch: 1 });
    // Nested maps are real Y.Maps again (lifecycle collections stay editable per entry).
    expect(after.cardsMap.get('c-anna')).toBeInstanceOf(Y.Map);
    expect(after.card('c-anna')?.note).toBe('notat 29');
  });
});

describe('unsyncedChanges (which edits did the server never get)', () => {
  /** A browser synced with the server, then offline; the server's final state vector. */
  function offlineBrowser() {
    const server = seeded();
    const browser = new BoardDoc(new Y.Doc());
    Y.applyUpdate(browser.doc, Y.encodeStateAsUpdate(server.doc));
    // Synced while online: reaches the server.
    browser.updateCard('c-bent', { note: 'online notat' }, me);
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(browser.doc, Y.encodeStateVector(server.doc)));
    return { server, browser };
  }

  it('finds nothing when everything was synced', () => {
    const { server, browser } = offlineBrowser();
    expect(unsyncedChanges(browser.doc, Y.decodeStateVector(Y.encodeStateVector(server.doc)))).toEqual([]);
  });

  it('finds a field edited offline and a card created offline (whole), not synced edits', () => {
    const { server, browser } = offlineBrowser();
    const sv = Y.decodeStateVector(Y.encodeStateVector(server.doc));
    browser.updateCard('c-anna', { note: 'offline notat' }, me);
    browser.createCard({ name: 'Carl Berg', phaseId }, me, 'c-carl');
    const changes = unsyncedChanges(browser.doc, sv);
    const paths = changes.map((c) => c.path.join('/')).sort();
    expect(paths).toEqual(['cards/c-anna/note', 'cards/c-carl']);
    expect(changes.find((c) => c.path[1] === 'c-carl')?.value.t).toBe('map');
    expect(changes.find((c) => c.path[1] === 'c-anna')?.value).toEqual({ t: 'json', v: 'offline notat' });
  });

  it('finds an entry added offline inside a synced nested map', () => {
    const { server, browser } = offlineBrowser();
    const sv = Y.decodeStateVector(Y.encodeStateVector(server.doc));
    browser.addGoal('c-anna', { kind: 'citizen', text: 'Kan selv tage bad' }, me);
    const changes = unsyncedChanges(browser.doc, sv);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.path.slice(0, 3)).toEqual(['cards', 'c-anna', 'goals']);
  });

  it('round-trips the server state vector through base64', () => {
    const { server } = offlineBrowser();
    const sv = Y.encodeStateVector(server.doc);
    expect(stateVectorFromBase64(stateVectorToBase64(sv))).toEqual(Y.decodeStateVector(sv));
  });
});

describe('applyChanges', () => {
  it('skips changes whose card is gone and values already there', () => {
    const b = seeded();
    const res = applyChanges(
      b.doc,
      [
        { path: ['cards', 'c-gone', 'note'], value: { t: 'json', v: 'x' } },
        { path: ['cards', 'c-anna', 'name'], value: { t: 'json', v: 'Anna Hansen' } },
        { path: ['cards', 'c-anna', 'note'], value: { t: 'json', v: 'nyt notat' } },
      ],
      me,
    );
    expect(res).toEqual({ applied: 1, skipped: 1 });
    expect(b.card('c-anna')?.note).toBe('nyt notat');
  });
});
