import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { ChangeCollector, checkLayout, type LayoutProblem } from '../../shared/doc/changes.js';
import { BOARD_LAYOUT, MAX_CARDS_PER_BOARD, MAX_NESTED_ENTRIES, conforms } from '../../shared/doc/layout.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { OpstartParticipantsSchema } from '../../shared/model/lifecycle.js';
import { CardFieldsSchema } from '../../shared/model/card.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { assertBoardValid, boardProblems } from '../helpers/boardValid.js';
import { invalidPlainValues, layoutSlots, sampleKey, validFor } from '../helpers/layoutSamples.js';

const me = localOrigin('u-eva');

describe('conforms: a stored value must be exactly what the schema reads', () => {
  const Obj = z.object({ name: z.string().trim().max(5), n: z.number().optional() });

  it('accepts a value that parses to itself, with optional keys absent', () => {
    expect(conforms(Obj, { name: 'Anne' })).toBe(true);
    expect(conforms(Obj, { name: 'Anne', n: 2 })).toBe(true);
  });

  it('refuses what parsing would drop or rewrite: unknown keys, untrimmed text, transforms', () => {
    expect(conforms(Obj, { name: 'Anne', extra: 1 })).toBe(false);
    expect(conforms(Obj, { name: ' Anne' })).toBe(false);
    // Participants are a set in canonical order: an unsorted or repeated list is rewritten.
    expect(conforms(OpstartParticipantsSchema, ['ssh', 'ssa'])).toBe(true);
    expect(conforms(OpstartParticipantsSchema, ['ssa', 'ssh'])).toBe(false);
    expect(conforms(OpstartParticipantsSchema, ['ssh', 'ssh'])).toBe(false);
  });

  it('refuses what does not parse: wrong type, too long, missing required, array for object', () => {
    expect(conforms(Obj, { name: 4711 })).toBe(false);
    expect(conforms(Obj, { name: 'Annemarie' })).toBe(false);
    expect(conforms(Obj, {})).toBe(false);
    expect(conforms(Obj, [{ name: 'Anne' }])).toBe(false);
    expect(conforms(CardFieldsSchema.shape.note, 'x'.repeat(2001))).toBe(false);
  });

  it('allows keys a default fills in to be missing, but not a different stored value', () => {
    const WithDefault = z.object({ a: z.string().default('x') });
    expect(conforms(WithDefault, {})).toBe(true);
    expect(conforms(WithDefault, { a: 'y' })).toBe(true);
  });

  it('refuses an object that is not plain JSON, and runaway nesting', () => {
    const Any = z.any();
    expect(conforms(Any, { a: 1 })).toBe(true);
    class Looks {
      a = 1;
    }
    expect(conforms(z.object({ v: z.object({ a: z.number() }) }), { v: new Looks() })).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 20; i++) deep = { d: deep };
    // A passthrough schema returns the same object: identity short-cuts the walk.
    expect(conforms(Any, deep)).toBe(true);
    const Deep: z.ZodType = z.lazy(() => z.union([z.number(), z.object({ d: Deep })]));
    expect(conforms(Deep, deep)).toBe(false);
  });
});

/** A board as the server seeds it: meta, phases and two cards with lifecycle data, one closed. */
function seededBoard(): BoardDoc {
  const board = new BoardDoc(new Y.Doc({ gc: false }));
  board.initialize({ id: 'tavle-test', teamId: 'team-nord', name: 'Testtavle', phases: [...DEFAULT_PHASES] });
  board.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, me, 'c-open');
  board.setLifecycle('c-open', { weeklyHours: 4, visitationDate: '2026-11-02' }, me);
  board.addGoal('c-open', { kind: 'citizen', text: 'Gå til købmanden' }, me);
  board.createCard({ name: 'Poul Hansen', phaseId: 'uge5' }, me, 'c-closed');
  board.closeForlob('c-closed', { outcome: 'afsluttet', closedOn: '2026-11-20', by: 'u-eva' }, me);
  const meetings = new MeetingDoc(board);
  meetings.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-25T08:00:00.000Z' }, me, 'm-1');
  return board;
}

/** A copy of `board` with a collector, as the server's staging doc; `edit` runs on the copy. */
function stage(board: BoardDoc, edit: (doc: Y.Doc) => void) {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board.doc));
  const collector = new ChangeCollector(doc);
  edit(doc);
  const { touched, problem } = collector.take();
  collector.dispose();
  return { doc, touched, problem, layout: problem ?? checkLayout(doc, touched) };
}

const card = (doc: Y.Doc, id: string) => doc.getMap('cards').get(id) as Y.Map<unknown>;

describe('ChangeCollector: what an update touched, in records and fields', () => {
  it('names the record and fields a BoardDoc edit touched, and nothing else', () => {
    const board = seededBoard();
    const { touched, problem, layout } = stage(board, (doc) => {
      const b = new BoardDoc(doc);
      b.updateCard('c-open', { note: 'Ny note', triage: 'red' }, me);
      b.addGoal('c-open', { kind: 'smart', text: 'Gå 500 m' }, me);
    });
    expect(problem).toBeNull();
    expect(layout).toBeNull();
    expect([...touched.keys()]).toEqual(['cards']);
    expect(touched.get('cards')).toEqual(new Map([['c-open', new Set(['note', 'triage', 'goals'])]]));
  });

  it('marks a created or deleted record as touched whole, and a meta key by its key', () => {
    const board = seededBoard();
    const { touched } = stage(board, (doc) => {
      const b = new BoardDoc(doc);
      b.createCard({ name: 'Ny Borger', phaseId: 'henvist' }, me, 'c-new');
      b.deleteCard('c-closed', me);
      b.setBoardCadenceTemplateId('horsholm-83a', me);
    });
    expect(touched.get('cards')).toEqual(
      new Map([
        ['c-new', 'whole'],
        ['c-closed', 'whole'],
      ]),
    );
    expect(touched.get('meta')).toEqual(new Map([['cadenceTemplateId', 'whole']]));
  });

  it('take() starts over: a second take after no change is empty', () => {
    const doc = seededBoard().doc;
    const collector = new ChangeCollector(doc);
    new BoardDoc(doc).updateCard('c-open', { note: 'x' }, me);
    expect(collector.take().touched.size).toBe(1);
    expect(collector.take().touched.size).toBe(0);
    collector.dispose();
    new BoardDoc(doc).updateCard('c-open', { note: 'y' }, me);
    expect(collector.take().touched.size).toBe(0);
  });

  it('reports a root the layout does not know, and list content under a map root', () => {
    const board = seededBoard();
    expect(stage(board, (doc) => doc.getMap('ukendt').set('x', 1)).problem).toEqual({
      kind: 'unknown_root',
      path: 'ukendt',
    });
    // List content in `cards`, written by a doc that holds `cards` as an array.
    const rogue = new Y.Doc();
    rogue.getArray('cards').insert(0, ['x']);
    const listUpdate = Y.encodeStateAsUpdate(rogue);
    expect(stage(board, (doc) => Y.applyUpdate(doc, listUpdate)).problem).toEqual({
      kind: 'list_content',
      path: 'cards',
    });
    // A card field holding a Y.Array that then gets list content.
    const arr = stage(board, (doc) => {
      const a = new Y.Array<unknown>();
      card(doc, 'c-open').set('note', a);
      a.insert(0, ['x']);
    });
    expect(arr.layout?.path).toBe('cards.c-open.note');
  });
});

describe('checkLayout: the result must fit the layout', () => {
  const expectProblem = (layout: LayoutProblem | null, kind: LayoutProblem['kind'], path: string) =>
    expect(layout).toEqual({ kind, path });

  it('a board made by BoardDoc and MeetingDoc is valid as a whole (the helper agrees)', () => {
    const board = seededBoard();
    expect(boardProblems(board.doc)).toEqual([]);
    assertBoardValid(board.doc);
  });

  it('refuses wrong values in card fields, with the field as the path and no value in it', () => {
    const board = seededBoard();
    const cases: [string, unknown][] = [
      ['position', [{ phaseId: 'uge2', key: 'a0' }]],
      ['phaseEnteredAt', 'i går'],
      ['name', 'x'.repeat(5000)],
      ['weeklyHours', '8'],
      ['triage', 'lilla'],
    ];
    for (const [field, value] of cases) {
      const { layout } = stage(board, (doc) => card(doc, 'c-open').set(field, value));
      expectProblem(layout, 'invalid', `cards.c-open.${field}`);
      expect(JSON.stringify(layout)).not.toContain('i går');
    }
  });

  it('refuses Y types where a plain value belongs, unknown fields and a plain value for a record', () => {
    const board = seededBoard();
    for (const make of [() => new Y.Text('x'), () => new Y.Array(), () => new Y.Map()]) {
      expectProblem(
        stage(board, (doc) => card(doc, 'c-open').set('note', make())).layout,
        'invalid',
        'cards.c-open.note',
      );
    }
    expectProblem(
      stage(board, (doc) => card(doc, 'c-open').set('hemmeligt', 'x')).layout,
      'invalid',
      'cards.c-open.hemmeligt',
    );
    expectProblem(
      stage(board, (doc) => doc.getMap('cards').set('c-plain', { name: 'x' })).layout,
      'invalid',
      'cards.c-plain',
    );
    // A nested collection replaced by a plain value, or holding a Y.Map item.
    expectProblem(
      stage(board, (doc) => card(doc, 'c-open').set('goals', 'ingen')).layout,
      'invalid',
      'cards.c-open.goals',
    );
    expectProblem(
      stage(board, (doc) => (card(doc, 'c-open').get('goals') as Y.Map<unknown>).set('g-x', new Y.Map())).layout,
      'invalid',
      'cards.c-open.goals.g-x',
    );
  });

  it('refuses a key that is there but holds no value: a stored undefined, a format mark as a map value', () => {
    const board = seededBoard();
    // `has` says yes, `get` says undefined: readers would show "(uden navn)" for the name.
    const formatMark = (map: Y.Map<unknown>, key: string) =>
      map.doc!.transact((tr) => {
        const left = map._map.get(key) ?? null;
        const id = Y.createID(map.doc!.clientID, Y.getState(map.doc!.store, map.doc!.clientID));
        new Y.Item(id, left, left?.lastId ?? null, null, null, map, key, new Y.ContentFormat('bold', true)).integrate(
          tr,
          0,
        );
      });
    const named = stage(board, (doc) => formatMark(card(doc, 'c-open'), 'name'));
    expect(card(named.doc, 'c-open').has('name')).toBe(true);
    expect(card(named.doc, 'c-open').get('name')).toBeUndefined();
    expectProblem(named.layout, 'invalid', 'cards.c-open.name');
    expectProblem(
      stage(board, (doc) => card(doc, 'c-open').set('note', undefined)).layout,
      'invalid',
      'cards.c-open.note',
    );
    expectProblem(
      stage(board, (doc) => formatMark(card(doc, 'c-open').get('goals') as Y.Map<unknown>, 'g-x')).layout,
      'invalid',
      'cards.c-open.goals.g-x',
    );
    expectProblem(stage(board, (doc) => formatMark(doc.getMap('cards'), 'c-open')).layout, 'invalid', 'cards.c-open');
    expectProblem(stage(board, (doc) => formatMark(doc.getMap('meta'), 'name')).layout, 'invalid', 'meta.name');
    expectProblem(
      stage(board, (doc) => doc.getMap('nominations').set('n-1', undefined)).layout,
      'invalid',
      'nominations.n-1',
    );
    expect(boardProblems(named.doc)).toContain('invalid: cards.c-open.name');
  });

  it('refuses a new record without its required fields, and an invalid record key', () => {
    const board = seededBoard();
    expectProblem(
      stage(board, (doc) => {
        const m = new Y.Map<unknown>();
        m.set('position', { phaseId: 'henvist', key: 'a0' });
        doc.getMap('cards').set('c-noname', m);
      }).layout,
      'missing',
      'cards.c-noname',
    );
    expectProblem(stage(board, (doc) => card(doc, 'c-open').delete('name')).layout, 'missing', 'cards.c-open');
    expectProblem(
      stage(board, (doc) => {
        const m = new Y.Map<unknown>();
        m.set('name', 'x');
        m.set('position', { phaseId: 'henvist', key: 'a0' });
        doc.getMap('cards').set('ugyldig nøgle', m);
      }).layout,
      'invalid',
      'cards.ugyldig nøgle',
    );
  });

  it('a card sits in an existing column and only a closed column holds a closure', () => {
    const board = seededBoard();
    expectProblem(
      stage(board, (doc) => card(doc, 'c-open').set('position', { phaseId: 'nowhere', key: 'a0' })).layout,
      'invalid',
      'cards.c-open.position',
    );
    const closure = new BoardDoc(board.doc).card('c-closed')!.lifecycle.closure;
    expectProblem(
      stage(board, (doc) => card(doc, 'c-open').set('closure', closure)).layout,
      'invalid',
      'cards.c-open.closure',
    );
    // Moving the closed card out of the closed column without clearing its closure.
    expectProblem(
      stage(board, (doc) => card(doc, 'c-closed').set('position', { phaseId: 'uge2', key: 'a5' })).layout,
      'invalid',
      'cards.c-closed.closure',
    );
    // Deleting the column a card sits in is only seen when the card is touched: the gate
    // refuses phase changes by people anyway (writeRules), this is the layout's part.
    expect(stage(board, (doc) => new BoardDoc(doc).reopenForlob('c-closed', me)).layout).toBeNull();
  });

  it('refuses poisoned meta and phases: epoch "x", a phase with position null, a deleted meta key', () => {
    const board = seededBoard();
    expectProblem(stage(board, (doc) => doc.getMap('meta').set('epoch', 'x')).layout, 'invalid', 'meta.epoch');
    expectProblem(stage(board, (doc) => doc.getMap('meta').set('farve', 'rød')).layout, 'invalid', 'meta.farve');
    expectProblem(stage(board, (doc) => doc.getMap('meta').delete('id')).layout, 'missing', 'meta.id');
    const afsluttet = board.phasesMap.get('afsluttet') as object;
    expectProblem(
      stage(board, (doc) => doc.getMap('phases').set('afsluttet', { ...afsluttet, position: null })).layout,
      'invalid',
      'phases.afsluttet',
    );
    expectProblem(
      stage(board, (doc) => doc.getMap('phases').set('afsluttet', { ...afsluttet, id: 'uge2' })).layout,
      'invalid',
      'phases.afsluttet',
    );
    // Deleting a phase is no layout problem (a permission one): the value map allows it.
    expect(stage(board, (doc) => doc.getMap('phases').delete('uge12')).layout).toBeNull();
  });

  it('refuses more cards than a board holds and more items than a collection holds', () => {
    const board = seededBoard();
    const tooMany = stage(board, (doc) => {
      doc.transact(() => {
        for (let i = board.cardsMap.size; i <= MAX_CARDS_PER_BOARD; i++) {
          const m = new Y.Map<unknown>();
          m.set('name', 'x');
          m.set('position', { phaseId: 'henvist', key: 'a0' });
          doc.getMap('cards').set(`c${i}`, m);
        }
      });
    });
    expect(tooMany.doc.getMap('cards').size).toBe(MAX_CARDS_PER_BOARD + 1);
    expectProblem(tooMany.layout, 'too_many', 'cards');
    const goals = stage(board, (doc) => {
      const map = card(doc, 'c-open').get('goals') as Y.Map<unknown>;
      doc.transact(() => {
        for (let i = map.size; i <= MAX_NESTED_ENTRIES; i++) {
          map.set(`g${i}`, {
            id: `g${i}`,
            kind: 'citizen',
            text: 'Mål',
            status: 'aktiv',
            createdAt: '2026-11-24T09:00:00.000Z',
            updatedAt: '2026-11-24T09:00:00.000Z',
          });
        }
      });
    });
    expectProblem(goals.layout, 'too_many', 'cards.c-open.goals');
  });

  it('deleting records passes the layout (whether one may is a write rule)', () => {
    const board = seededBoard();
    const { layout, touched } = stage(board, (doc) => doc.getMap('cards').delete('c-open'));
    expect(layout).toBeNull();
    expect(touched.get('cards')).toEqual(new Map([['c-open', 'whole']]));
  });
});

describe('every slot of BOARD_LAYOUT (iterated from the layout data)', () => {
  const slots = layoutSlots();

  it('covers every root of the layout', () => {
    expect(new Set(slots.map((s) => s.root))).toEqual(new Set(Object.keys(BOARD_LAYOUT)));
  });

  /** Writes `value` into `slot` on a staged copy of the seeded board. */
  function write(board: BoardDoc, slot: (typeof slots)[number], key: string, value: unknown) {
    return stage(board, (doc) => {
      const root = doc.getMap<unknown>(slot.root);
      if (slot.kind === 'fixed' || slot.kind === 'value')
        return root.set(slot.kind === 'fixed' ? slot.field! : key, value);
      const record = root.get(slot.root === 'cards' ? (slot.field === 'closure' ? 'c-closed' : 'c-open') : 'm-1');
      const target = record as Y.Map<unknown>;
      if (slot.kind === 'field') {
        return target.set(slot.field!, value);
      }
      // A collection only the server creates (a card's `conflicts`) may not be there yet.
      let nested = target.get(slot.field!);
      if (!(nested instanceof Y.Map)) target.set(slot.field!, (nested = new Y.Map<unknown>()));
      (nested as Y.Map<unknown>).set(key, value);
    });
  }

  it.each(slots.map((s) => [s.name, s] as const))('%s: a valid value fits, invalid ones do not', (_n, slot) => {
    const board = seededBoard();
    const key = sampleKey(slot, 1);
    // A position must name a column of this board; every other valid value is context-free.
    const valid = slot.field === 'position' ? { phaseId: 'uge5', key: 'a0' } : validFor(slot, key);
    expect(write(board, slot, key, valid).layout).toBeNull();
    const bad = invalidPlainValues(slot.schema, valid);
    expect(bad.length).toBeGreaterThanOrEqual(2);
    for (const { label, value } of [
      ...bad,
      { label: 'Y.Text', value: new Y.Text('x') },
      { label: 'nested Y.Map', value: new Y.Map() },
    ]) {
      const { layout } = write(board, slot, key, value);
      expect(layout, label).not.toBeNull();
      expect(layout!.kind, label).toBe('invalid');
    }
  });

  it('cards.*.externalRef: a reference shaped like a CPR number is refused, even an impossible date', () => {
    const slot = slots.find((s) => s.name === 'cards.*.externalRef')!;
    const board = seededBoard();
    expect(write(board, slot, 'k1x', 'B-1042').layout).toBeNull();
    for (const cprLike of ['010203-1234', '9999991234', '999999 1234']) {
      expect(write(board, slot, 'k1x', cprLike).layout?.kind, cprLike).toBe('invalid');
    }
  });
});
