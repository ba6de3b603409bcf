import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffBoards } from '../../shared/doc/boardRestore.js';
import { BoardDoc, DEFAULT_PHASES, localOrigin, type BoardInit } from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');
const RESTORE = { source: 'server', reason: 'restore' } as const;
const fixedNow = () => new Date('2026-11-24T09:00:00Z');

/** A board with three citizens and some lifecycle data, written by one client. */
function pastBoard(): BoardDoc {
  const b = new BoardDoc(new Y.Doc(), { now: fixedNow });
  b.initialize(INIT);
  b.createCard({ name: 'Karen Jensen', phaseId: 'henvist', triage: 'red', note: 'Fald i hjemmet' }, me, 'c-karen');
  b.createCard({ name: 'Ole Hansen', phaseId: 'opstart' }, me, 'c-ole');
  b.createCard({ name: 'Åse Berg', phaseId: 'uge2' }, me, 'c-aase');
  b.addGoal('c-karen', { text: 'Kunne gå på trapper', kind: 'citizen' }, me);
  b.setLifecycle('c-ole', { weeklyHours: 4 }, me);
  return b;
}

/** A replica of `b` in a doc with another client id (the live board, later). */
function replica(b: BoardDoc): BoardDoc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(b.doc));
  return new BoardDoc(doc, { now: fixedNow });
}

/** Raw wipe: every key of cards, phases and meta deleted (what issue #10 measured). */
function wipe(b: BoardDoc): void {
  b.doc.transact(() => {
    for (const name of ['cards', 'phases', 'meta']) {
      const m = b.doc.getMap(name);
      for (const k of [...m.keys()]) m.delete(k);
    }
  }, me);
}

const comparable = (b: BoardDoc) =>
  b
    .cards()
    .map((c) => ({ ...c }))
    .sort((x, y) => (x.id < y.id ? -1 : 1));

describe('BoardDoc.restoreFrom', () => {
  it('brings a wiped board back to the past state: meta, columns, every card with its lifecycle', () => {
    const past = pastBoard();
    const live = replica(past);
    wipe(live);
    expect(live.cards()).toEqual([]);
    expect(live.meta()).toBeNull();

    const result = live.restoreFrom(past, {}, RESTORE);

    expect(result.recreated).toEqual(['c-aase', 'c-karen', 'c-ole']);
    expect(result.meta).toBe(true);
    expect(result.phases).toHaveLength(DEFAULT_PHASES.length);
    expect(live.meta()).toEqual(past.meta());
    expect(live.phases()).toEqual(past.phases());
    expect(comparable(live)).toEqual(comparable(past));
    expect(live.card('c-karen')!.lifecycle.goals.map((g) => g.text)).toEqual(['Kunne gå på trapper']);
    expect(live.card('c-ole')!.lifecycle.weeklyHours).toBe(4);
  });

  it('writes new values, never the old Yjs items: every restored item belongs to the restoring client', () => {
    const past = pastBoard();
    const live = replica(past);
    wipe(live);
    const before = Y.encodeStateVector(live.doc);
    live.restoreFrom(past, {}, RESTORE);
    const update = Y.encodeStateAsUpdate(live.doc, before);
    const clients = new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));
    expect([...clients]).toEqual([live.doc.clientID]);
    // The old items stay deleted: no item of the past client is alive in the cards map again.
    const karen = live.cardsMap.get('c-karen')!;
    expect(karen._item!.id.client).toBe(live.doc.clientID);
  });

  it('sets changed fields back and keeps cards created later (default: nothing lost)', () => {
    const past = pastBoard();
    const live = replica(past);
    live.updateCard('c-karen', { triage: 'green', note: 'ændret' }, me);
    live.moveCard('c-ole', 'uge5', 0, me);
    live.removeGoal('c-karen', live.card('c-karen')!.lifecycle.goals[0]!.id, me);
    live.createCard({ name: 'Ny Borger', phaseId: 'henvist' }, me, 'c-ny');

    expect(diffBoards(past.cards(), live.cards())).toEqual({
      missing: [],
      changed: ['c-karen', 'c-ole'],
      later: ['c-ny'],
      unchanged: 1,
    });
    const result = live.restoreFrom(past, {}, RESTORE);

    expect(result).toMatchObject({ recreated: [], changed: ['c-karen', 'c-ole'], removed: [] });
    expect(live.card('c-karen')).toMatchObject({ triage: 'red', note: 'Fald i hjemmet' });
    expect(live.card('c-karen')!.lifecycle.goals).toHaveLength(1);
    expect(live.card('c-ole')!.position.phaseId).toBe('opstart');
    expect(live.card('c-ny')?.name).toBe('Ny Borger');
  });

  it('"fjern kort oprettet senere" deletes the cards that did not exist then', () => {
    const past = pastBoard();
    const live = replica(past);
    live.createCard({ name: 'Ny Borger', phaseId: 'henvist' }, me, 'c-ny');
    const result = live.restoreFrom(past, { removeLater: true }, RESTORE);
    expect(result.removed).toEqual(['c-ny']);
    expect(live.hasCard('c-ny')).toBe(false);
    expect(comparable(live)).toEqual(comparable(past));
  });

  it('restores only the selected cards, leaving the others as they are now', () => {
    const past = pastBoard();
    const live = replica(past);
    live.deleteCard('c-karen', me);
    live.deleteCard('c-ole', me);
    live.updateCard('c-aase', { triage: 'yellow' }, me);
    live.doc.transact(() => live.metaMap.set('name', 'Omdøbt'), me);

    const result = live.restoreFrom(past, { cardIds: ['c-karen'] }, RESTORE);

    expect(result).toEqual({
      recreated: ['c-karen'],
      changed: [],
      removed: [],
      phases: [],
      meta: false,
      freeItems: [],
    });
    expect(live.card('c-karen')?.name).toBe('Karen Jensen');
    expect(live.hasCard('c-ole')).toBe(false);
    expect(live.card('c-aase')?.triage).toBe('yellow');
    expect(live.meta()?.name).toBe('Omdøbt');
  });

  it('a selected card whose column is gone gets the column back', () => {
    const past = pastBoard();
    const live = replica(past);
    live.doc.transact(() => {
      live.phasesMap.delete('uge2');
      live.cardsMap.delete('c-aase');
    }, me);
    const result = live.restoreFrom(past, { cardIds: ['c-aase'] }, RESTORE);
    expect(result.phases).toEqual(['uge2']);
    expect(live.column('uge2').map((c) => c.id)).toEqual(['c-aase']);
  });

  it('keeps the live epoch: a restore from an older lineage does not move the board back', () => {
    const past = pastBoard();
    const live = replica(past);
    live.doc.transact(() => live.metaMap.set('epoch', 3), { source: 'server', reason: 'epoch' });
    live.deleteCard('c-ole', me);
    live.restoreFrom(past, {}, RESTORE);
    expect(live.meta()?.epoch).toBe(3);
    expect(live.hasCard('c-ole')).toBe(true);
  });

  it('restoring a board that has not changed writes nothing', () => {
    const past = pastBoard();
    const live = replica(past);
    const before = Y.encodeStateVector(live.doc);
    const result = live.restoreFrom(past, {}, RESTORE);
    expect(result).toEqual({ recreated: [], changed: [], removed: [], phases: [], meta: false, freeItems: [] });
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(live.doc, before)).structs).toHaveLength(0);
  });

  it("a full restore puts the free area's messages back and sets moved ones back, not expired ones; later ones stay", () => {
    const past = pastBoard();
    const note = (id: string, text: string, expiry: 'dag' | null, at = '2026-11-24T08:00:00.000Z') =>
      past.doc.getMap('freeItems').set(id, {
        id,
        kind: 'note',
        x: 20,
        y: 20,
        w: 280,
        h: 190,
        text,
        colour: 'gul',
        by: 'u-mette',
        byName: 'Mette',
        at,
        expiry,
        onScreen: false,
      });
    note('f-bil', 'Bil 3 på værksted', null);
    note('f-brand', 'Brandøvelse kl. 13', null);
    // Written yesterday "i dag": expired by now, so not brought back.
    note('f-gammel', 'Gammel besked', 'dag', '2026-11-23T08:00:00.000Z');
    const live = replica(past);
    live.deleteFreeItem('f-bil', me);
    live.updateFreeItem('f-brand', { x: 600 }, me);
    const later = live.addFreeItem({ ...live.freeItem('f-brand')!, id: undefined, text: 'Ny besked' } as never, me);
    // Putting up the new one swept the expired one away.
    expect(live.freeItem('f-gammel')).toBeNull();

    // Only some cards: the free area is left as it is.
    expect(live.restoreFrom(past, { cardIds: ['c-ole'] }, RESTORE).freeItems).toEqual([]);
    expect(live.freeItem('f-bil')).toBeNull();

    const result = live.restoreFrom(past, { removeLater: true }, RESTORE);
    expect(result.freeItems).toEqual(['f-bil', 'f-brand']);
    expect(live.freeItem('f-bil')).toEqual(past.freeItem('f-bil'));
    expect(live.freeItem('f-brand')?.x).toBe(20);
    expect(live.freeItem('f-gammel')).toBeNull();
    expect(live.freeItem(later)).toMatchObject({ text: 'Ny besked' });
    expect(live.restoreFrom(past, {}, RESTORE).freeItems).toEqual([]);
  });

  it('every client converges on the restored board', () => {
    const past = pastBoard();
    const live = replica(past);
    const other = replica(past);
    wipe(live);
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(live.doc, Y.encodeStateVector(other.doc)));
    expect(other.cards()).toEqual([]);
    const before = Y.encodeStateVector(live.doc);
    live.restoreFrom(past, {}, RESTORE);
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(live.doc, before));
    expect(comparable(other)).toEqual(comparable(past));
    expect(other.phases()).toEqual(past.phases());
  });
});
