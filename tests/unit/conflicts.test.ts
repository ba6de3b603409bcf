/**
 * Concurrent edits of one card field (docs/protocol.md "Concurrent edits"): detection from
 * the Yjs items (shared/doc/conflicts.ts), the rule (shared/rules/conflicts.ts), the text
 * merge (shared/rules/textMerge.ts) and the conflict record's BoardDoc API.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { concurrentEdits } from '../../shared/doc/conflicts.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { openConflictsOf, type FieldConflict } from '../../shared/model/conflict.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { conflictChangeAllowed, resolveConcurrentEdit } from '../../shared/rules/conflicts.js';
import { mergeText } from '../../shared/rules/textMerge.js';

const me = localOrigin('u-test');

/** A server doc with one card, and two clients synced with it (given clientIDs). */
function setUp(idA = 1, idB = 2) {
  const server = new Y.Doc();
  const board = new BoardDoc(server);
  board.initialize({ id: 'b', teamId: 't', name: 'T', phases: [...DEFAULT_PHASES] });
  const cardId = board.createCard({ name: 'Karen Jensen', phaseId: 'henvist', note: 'Ring før besøg' }, me);
  const client = (id: number) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return { doc, board: new BoardDoc(doc) };
  };
  return { server, board, cardId, a: client(idA), b: client(idB) };
}

/** What the gate does: apply `update` to a staging copy of `server`, then ask. */
function detect(server: Y.Doc, update: Uint8Array) {
  const staging = new Y.Doc();
  Y.applyUpdate(staging, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(staging, update);
  return concurrentEdits(server, staging, Y.decodeUpdate(update).structs);
}

/** The update a client made since `before` (a state vector of the server). */
const since = (doc: Y.Doc, before: Uint8Array) => Y.encodeStateAsUpdate(doc, before);

describe('concurrentEdits: an edit that never saw the value the server holds', () => {
  it.each([
    [1, 2],
    [2, 1],
  ])('the second of two edits of triage from one base is concurrent, whoever Yjs orders last (ids %i/%i)', (x, y) => {
    const { server, cardId, a, b } = setUp(x, y);
    const sv = Y.encodeStateVector(server);
    a.board.updateCard(cardId, { triage: 'red' }, me);
    b.board.updateCard(cardId, { triage: 'yellow' }, me);
    const fromB = since(b.doc, sv);
    expect(detect(server, fromB)).toEqual([]);
    Y.applyUpdate(server, fromB);
    const [edit, ...rest] = detect(server, since(a.doc, sv));
    expect(rest).toEqual([]);
    expect(edit).toMatchObject({ cardId, field: 'triage', current: 'yellow', mine: 'red' });
    // Yjs's own winner follows the clientIDs: the higher one is ordered last.
    expect(edit!.mineWon).toBe(x > y);
  });

  it('an edit made after seeing the current value is not concurrent, also several sets in one update', () => {
    const { server, cardId, a, b } = setUp();
    let sv = Y.encodeStateVector(server);
    b.board.updateCard(cardId, { triage: 'yellow' }, me);
    Y.applyUpdate(server, since(b.doc, sv));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(server));
    sv = Y.encodeStateVector(server);
    a.board.updateCard(cardId, { triage: 'red' }, me);
    a.board.updateCard(cardId, { triage: 'green' }, me);
    expect(detect(server, since(a.doc, sv))).toEqual([]);
  });

  it('an offline writer that set a field twice: its base is what it saw first, its value the last', () => {
    const { server, cardId, a, b } = setUp();
    const sv = Y.encodeStateVector(server);
    a.board.updateCard(cardId, { triage: 'red' }, me);
    a.board.updateCard(cardId, { triage: 'green' }, me);
    a.board.updateCard(cardId, { triage: 'red' }, me);
    b.board.updateCard(cardId, { triage: 'yellow' }, me);
    Y.applyUpdate(server, since(b.doc, sv));
    expect(detect(server, since(a.doc, sv))).toMatchObject([{ field: 'triage', current: 'yellow', mine: 'red' }]);
  });

  it('different fields of one card, a new card, and a field the rule leaves to Yjs (position) are not conflicts', () => {
    const { server, cardId, a, b } = setUp();
    const sv = Y.encodeStateVector(server);
    a.board.updateCard(cardId, { triage: 'red' }, me);
    a.board.createCard({ name: 'Ny Borger', phaseId: 'henvist' }, me);
    a.board.moveCard(cardId, 'uge2', 0, me);
    b.board.updateCard(cardId, { note: 'Ny note' }, me);
    b.board.moveCard(cardId, 'uge5', 0, me);
    Y.applyUpdate(server, since(b.doc, sv));
    expect(detect(server, since(a.doc, sv))).toEqual([]);
  });
});

describe('concurrentEdits on a goal (an item of a card collection)', () => {
  it('two edits of one goal from one base: the second is concurrent, named by the goal id', () => {
    const { server, board, cardId, a, b } = setUp();
    const goalId = board.addGoal(cardId, { kind: 'citizen', text: 'Gå til Netto' }, me);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(server);
    a.board.updateGoal(cardId, goalId, { text: 'Gå selv til Netto' }, me);
    b.board.updateGoal(cardId, goalId, { status: 'delvist' }, me);
    Y.applyUpdate(server, since(b.doc, sv));
    expect(detect(server, since(a.doc, sv))).toMatchObject([
      { cardId, field: 'goals', itemId: goalId, current: { status: 'delvist' }, mine: { text: 'Gå selv til Netto' } },
    ]);
  });

  it('a new goal is no conflict', () => {
    const { server, cardId, a } = setUp();
    const sv = Y.encodeStateVector(server);
    a.board.addGoal(cardId, { kind: 'citizen', text: 'Gå til Netto' }, me);
    expect(detect(server, since(a.doc, sv))).toEqual([]);
  });
});

describe('resolveConcurrentEdit: what reached the server first stays, free text merges', () => {
  const fits = () => true;
  it('keeps the current value and records a conflict for a different value', () => {
    expect(resolveConcurrentEdit('triage', 'green', 'yellow', 'red', fits)).toEqual({
      value: 'yellow',
      conflict: true,
    });
  });
  it('the same value from both is no conflict', () => {
    expect(resolveConcurrentEdit('triage', 'green', 'red', 'red', fits)).toEqual({ value: 'red', conflict: false });
  });
  it('merges free text that changed different words', () => {
    expect(
      resolveConcurrentEdit('note', 'Ring før besøg', 'Ring altid før besøg', 'Ring før besøg. Datter deltager', fits),
    ).toEqual({ value: 'Ring altid før besøg. Datter deltager', conflict: false });
  });
  it('free text changed in the same words, or a merge that does not fit the field, is a conflict', () => {
    expect(resolveConcurrentEdit('note', 'Ring før besøg', 'Ring inden besøg', 'Ring efter besøg', fits)).toEqual({
      value: 'Ring inden besøg',
      conflict: true,
    });
    expect(resolveConcurrentEdit('note', 'a', 'a b', 'a c', () => false)).toEqual({ value: 'a b', conflict: true });
  });
  it('without the base (forgotten) free text is not merged', () => {
    expect(resolveConcurrentEdit('note', undefined, 'a b', 'a c', fits)).toEqual({ value: 'a b', conflict: true });
  });
  it('a goal: each key from whoever changed it, the text merged, the later updatedAt', () => {
    const base = { id: 'g', kind: 'citizen', text: 'Gå til Netto', status: 'aktiv', createdAt: 't0', updatedAt: 't0' };
    const current = { ...base, text: 'Gå til Netto igen', status: 'delvist', updatedAt: 't2' };
    const mine = { ...base, text: 'Gå selv til Netto', updatedAt: 't1' };
    expect(resolveConcurrentEdit('goals', base, current, mine, fits)).toEqual({
      value: { ...base, text: 'Gå selv til Netto igen', status: 'delvist', updatedAt: 't2' },
      conflict: false,
    });
    expect(resolveConcurrentEdit('goals', base, current, { ...mine, status: 'opnaaet' }, fits)).toEqual({
      value: current,
      conflict: true,
    });
  });
  it('a field that is not free text is never merged', () => {
    expect(resolveConcurrentEdit('forlobType', 'a', 'a b', 'c a', fits).conflict).toBe(true);
  });
});

describe('mergeText (three-way, word by word)', () => {
  it.each([
    [
      'changes to different words both stay',
      'Ring før besøg',
      'Ring altid før besøg',
      'Ring før besøg i dag',
      'Ring altid før besøg i dag',
    ],
    ['lines apart', 'a\nb\nc', 'a\nB\nc', 'a\nb\nc\nd', 'a\nB\nc\nd'],
    [
      'both add at the end: both kept, first arrival first',
      'Ring før besøg',
      'Ring før besøg. Datter deltager',
      'Ring før besøg. Faldt i går',
      'Ring før besøg. Datter deltager. Faldt i går',
    ],
    ['from an empty note', '', 'Datter deltager', 'Faldt i går', 'Datter deltager Faldt i går'],
    ['one side unchanged', 'x y', 'x y', 'x z', 'x z'],
  ])('%s', (_label, base, theirs, mine, merged) => {
    expect(mergeText(base, theirs, mine)).toBe(merged);
  });
  it('the same words changed differently: no merge', () => {
    expect(mergeText('Ring før besøg', 'Ring inden besøg', 'Ring efter besøg')).toBeNull();
    expect(mergeText('Ring før besøg', 'Ring', 'Ring før ikke besøg')).toBeNull();
  });
});

describe('the conflict record (BoardDoc)', () => {
  const conflict = (over: Partial<FieldConflict> = {}): FieldConflict => ({
    id: 'k1',
    field: 'triage',
    kept: { value: 'yellow', by: 'u-bent', byName: 'Bent Nielsen', at: '2026-12-07T09:32:00.000Z' },
    lost: { value: 'red', by: 'u-anne', byName: 'Anne Holm', at: '2026-12-07T09:40:00.000Z' },
    ...over,
  });

  it('the server records it; the loser restores theirs with one call, and it is resolved', () => {
    const { board, cardId } = setUp();
    board.doc.transact(() => board.settleConcurrentEdit(cardId, 'triage', 'yellow', conflict()));
    expect(board.card(cardId)!.triage).toBe('yellow');
    expect(openConflictsOf('u-anne', board.allConflicts())).toHaveLength(1);
    expect(openConflictsOf('u-bent', board.allConflicts())).toHaveLength(0);
    board.resolveConflict(cardId, 'k1', true, localOrigin('u-anne'));
    expect(board.card(cardId)!.triage).toBe('red');
    expect(board.conflicts(cardId)[0]!.resolvedAt).toBeDefined();
    expect(openConflictsOf('u-anne', board.allConflicts())).toHaveLength(0);
  });

  it('keeps at most 20 per card, dropping resolved ones first', () => {
    const { board, cardId } = setUp();
    board.doc.transact(() =>
      board.settleConcurrentEdit(
        cardId,
        'triage',
        'yellow',
        conflict({ id: 'old', resolvedAt: '2026-12-07T10:00:00.000Z' }),
      ),
    );
    for (let i = 0; i < 20; i++) {
      const at = `2026-12-07T11:${String(i).padStart(2, '0')}:00.000Z`;
      board.doc.transact(() =>
        board.settleConcurrentEdit(
          cardId,
          'triage',
          'yellow',
          conflict({ id: `k${i}`, lost: { ...conflict().lost, at } }),
        ),
      );
    }
    const ids = board.conflicts(cardId).map((c) => c.id);
    expect(ids).toHaveLength(20);
    expect(ids).not.toContain('old');
  });

  it('a person may only mark a conflict they lost resolved, once, changing nothing else', () => {
    const before = conflict();
    const resolved = { ...before, resolvedAt: '2026-12-07T10:00:00.000Z' };
    expect(conflictChangeAllowed('u-anne', before, resolved)).toBe(true);
    expect(conflictChangeAllowed('u-bent', before, resolved)).toBe(false);
    expect(conflictChangeAllowed('u-anne', resolved, { ...resolved, resolvedAt: '2026-12-07T11:00:00.000Z' })).toBe(
      false,
    );
    expect(conflictChangeAllowed('u-anne', before, { ...resolved, lost: { ...before.lost, value: 'green' } })).toBe(
      false,
    );
    expect(conflictChangeAllowed('u-anne', null, resolved)).toBe(false);
    expect(conflictChangeAllowed('u-anne', before, null)).toBe(false);
  });
});
