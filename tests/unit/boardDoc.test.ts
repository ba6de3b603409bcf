import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  DomainError,
  LIFECYCLE_DEFAULTS,
  localOrigin,
  type BoardInit,
  type Phase,
  type TransactionOrigin,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');

/** A clock the test controls: starts at 24 Nov 2026 10:00 Copenhagen time. */
function clock(start = '2026-11-24T09:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
  };
}

function board(opts: { now?: () => Date; init?: BoardInit } = {}): BoardDoc {
  const b = new BoardDoc(new Y.Doc(), opts.now ? { now: opts.now } : {});
  b.initialize(opts.init ?? INIT);
  return b;
}

/** Two-way full sync, as a reconnect would do. */
function sync(a: BoardDoc, b: BoardDoc): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'remote');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), 'remote');
}

const ids = (cards: { id: string }[]) => cards.map((c) => c.id);

function expectDomainError(fn: () => unknown, code: DomainError['code']): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  expect((caught as DomainError).name).toBe('DomainError');
}

describe('BoardDoc.initialize and meta', () => {
  it('writes meta with epoch 0 and the phases', () => {
    const b = board();
    expect(b.meta()).toEqual({ id: 'board-1', teamId: 'team-nord', name: 'Team Nord', epoch: 0 });
    expect(b.phases()).toEqual(DEFAULT_PHASES);
  });

  it('is idempotent: a second call changes nothing and sends no update', () => {
    const b = board();
    const before = Y.encodeStateAsUpdate(b.doc);
    const updates: Uint8Array[] = [];
    b.doc.on('update', (u: Uint8Array) => updates.push(u));
    b.initialize(INIT);
    b.initialize({ ...INIT, phases: [...INIT.phases].reverse() });
    expect(updates).toEqual([]);
    expect(Y.encodeStateAsUpdate(b.doc)).toEqual(before);
    expect(b.phases()).toEqual(DEFAULT_PHASES);
  });

  it('keeps an existing epoch', () => {
    const b = board();
    b.metaMap.set('epoch', 3);
    b.initialize(INIT);
    expect(b.meta()?.epoch).toBe(3);
  });

  it('updates values that differ (a renamed board) without touching the rest', () => {
    const b = board();
    b.initialize({ ...INIT, name: 'Team Nord-Vest' });
    expect(b.meta()?.name).toBe('Team Nord-Vest');
    expect(b.phases()).toHaveLength(DEFAULT_PHASES.length);
  });

  it('validates the whole init first: an invalid phase throws and nothing is written', () => {
    const b = new BoardDoc();
    const bad = { ...INIT, phases: [DEFAULT_PHASES[0]!, { id: 'x', title: '', kind: 'start', position: 1 } as Phase] };
    expect(() => b.initialize(bad)).toThrow();
    expect(b.metaMap.size).toBe(0);
    expect(b.phasesMap.size).toBe(0);
    expect(b.meta()).toBeNull();
  });

  it('meta() is null for an uninitialised or tampered doc', () => {
    expect(new BoardDoc().meta()).toBeNull();
    const b = board();
    b.metaMap.set('epoch', -1);
    expect(b.meta()).toBeNull();
  });

  it('tags the write with the seed origin by default and with the given origin otherwise', () => {
    const b = new BoardDoc();
    const origins: unknown[] = [];
    b.doc.on('afterTransaction', (tx: Y.Transaction) => origins.push(tx.origin));
    b.initialize(INIT);
    const other = new BoardDoc();
    other.doc.on('afterTransaction', (tx: Y.Transaction) => origins.push(tx.origin));
    const migration: TransactionOrigin = { source: 'server', reason: 'migration' };
    other.initialize(INIT, migration);
    expect(origins).toEqual([{ source: 'server', reason: 'seed' }, migration]);
  });
});

describe('BoardDoc.phases', () => {
  it('[R1] columns are data: a board can have its own phases, shown by position', () => {
    const phases: Phase[] = [
      { id: 'ny', title: 'Ny', kind: 'referred', position: 2 },
      { id: 'slut', title: 'Slut', kind: 'closed', position: 9 },
      { id: 'aktiv', title: 'Aktiv', kind: 'start', position: 5 },
    ];
    const b = board({ init: { ...INIT, phases } });
    expect(b.phases().map((p) => p.id)).toEqual(['ny', 'aktiv', 'slut']);
  });

  it('breaks equal positions by id so every device shows the same order', () => {
    const b = board({
      init: {
        ...INIT,
        phases: [
          { id: 'b', title: 'B', kind: 'start', position: 0 },
          { id: 'a', title: 'A', kind: 'start', position: 0 },
        ],
      },
    });
    expect(b.phases().map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('skips malformed phase entries written by a raw client', () => {
    const b = board();
    b.phasesMap.set('junk', 'not a phase');
    b.phasesMap.set('half', { id: 'half', title: 'Halv' });
    b.phasesMap.set('badkind', { id: 'badkind', title: 'X', kind: 'party', position: 1 });
    b.phasesMap.set('num', 42);
    b.phasesMap.set('nul', null);
    b.phasesMap.set('alias', { ...DEFAULT_PHASES[0]!, position: 99 }); // id says "henvist", key says "alias"
    expect(b.phases()).toEqual(DEFAULT_PHASES);
  });
});

describe('BoardDoc.createCard', () => {
  it('[R1] creates a card with defaults, initials, today and a key at the end of the column', () => {
    const c = clock('2026-11-24T23:30:00Z'); // already 25 Nov in Copenhagen
    const b = board({ now: c.now });
    const id = b.createCard({ name: 'Karen Marie Jensen', phaseId: 'henvist' }, me);
    expect(b.card(id)).toEqual({
      id,
      name: 'Karen Marie Jensen',
      initials: 'KMJ',
      triage: 'green',
      forlobType: '',
      contactPerson: '',
      nextDueDate: null,
      note: '',
      position: { phaseId: 'henvist', key: 'a0' },
      phaseEnteredAt: '2026-11-25',
      createdAt: '2026-11-24T23:30:00.000Z',
      lifecycle: LIFECYCLE_DEFAULTS,
    });
    expect(id).toMatch(/^c[0-9a-f]{16}$/);
    expect(b.hasCard(id)).toBe(true);
  });

  it('keeps given fields and initials, trims text, and appends to the column', () => {
    const b = board();
    const first = b.createCard({ name: 'A', phaseId: 'opstart' }, me, 'c-a');
    const second = b.createCard(
      {
        name: '  Bo Ærbø ',
        phaseId: 'opstart',
        initials: 'BÆ2',
        triage: 'red',
        nextDueDate: '2026-12-01',
        note: ' hej ',
      },
      me,
      'c-b',
    );
    expect([first, second]).toEqual(['c-a', 'c-b']);
    expect(b.card('c-b')).toMatchObject({
      name: 'Bo Ærbø',
      initials: 'BÆ2',
      triage: 'red',
      nextDueDate: '2026-12-01',
      note: 'hej',
    });
    expect(ids(b.column('opstart'))).toEqual(['c-a', 'c-b']);
  });

  it('[R36] an empty initials field falls back to the initials of the name', () => {
    const b = board();
    b.createCard({ name: 'Ærbø Østergård', phaseId: 'henvist', initials: '' }, me, 'c1');
    expect(b.card('c1')?.initials).toBe('ÆØ');
  });

  it.each([
    ['no name', { name: '', phaseId: 'henvist' }],
    ['whitespace name', { name: '   ', phaseId: 'henvist' }],
    ['[R36] a CPR number in the note', { name: 'Bo', phaseId: 'henvist', note: 'cpr 010190-1234' }],
    ['[R36] a CPR number as the name', { name: '0101901234', phaseId: 'henvist' }],
    ['an unknown triage', { name: 'Bo', phaseId: 'henvist', triage: 'purple' }],
    ['an impossible due date', { name: 'Bo', phaseId: 'henvist', nextDueDate: '2026-02-30' }],
    ['a too long note', { name: 'Bo', phaseId: 'henvist', note: 'x'.repeat(2001) }],
    ['an invalid phase id', { name: 'Bo', phaseId: 'ikke gyldig' }],
  ])('rejects %s and writes nothing', (_what, input) => {
    const b = board();
    const before = Y.encodeStateVector(b.doc);
    expect(() => b.createCard(input as never, me)).toThrow();
    expect(b.cardsMap.size).toBe(0);
    expect(Y.encodeStateVector(b.doc)).toEqual(before);
  });

  it('rejects an unknown column with DomainError phase_not_found and writes nothing', () => {
    const b = board();
    expectDomainError(() => b.createCard({ name: 'Bo', phaseId: 'findes-ikke' }, me), 'phase_not_found');
    expect(b.cards()).toEqual([]);
  });

  it('refuses to overwrite an existing card id', () => {
    const b = board();
    b.createCard({ name: 'Første', phaseId: 'henvist' }, me, 'c1');
    expectDomainError(() => b.createCard({ name: 'Anden', phaseId: 'opstart' }, me, 'c1'), 'card_exists');
    expect(b.card('c1')?.name).toBe('Første');
  });

  it('refuses an id that is not URL- and Yjs-safe', () => {
    const b = board();
    expect(() => b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'a/b')).toThrow();
    expect(b.cards()).toEqual([]);
  });

  it('writes the whole card in one transaction with the given origin', () => {
    const b = board();
    const seen: Y.Transaction[] = [];
    b.onChange((tx) => seen.push(tx));
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.origin).toBe(me);
  });
});

describe('BoardDoc.updateCard', () => {
  it('changes only the given fields', () => {
    const b = board();
    b.createCard({ name: 'Bo Hansen', phaseId: 'henvist', note: 'gammel' }, me, 'c1');
    b.updateCard('c1', { triage: 'yellow', contactPerson: 'Mette' }, me);
    expect(b.card('c1')).toMatchObject({ name: 'Bo Hansen', triage: 'yellow', contactPerson: 'Mette', note: 'gammel' });
  });

  it('can clear the due date with null and ignores undefined values', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist', nextDueDate: '2026-12-01' }, me, 'c1');
    b.updateCard('c1', { nextDueDate: null, note: undefined }, me);
    expect(b.card('c1')?.nextDueDate).toBeNull();
  });

  it('is a no-op (no update, no change event) when nothing changes', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist', triage: 'red' }, me, 'c1');
    const updates: Uint8Array[] = [];
    b.doc.on('update', (u: Uint8Array) => updates.push(u));
    const onChange = vi.fn();
    b.onChange(onChange);
    b.updateCard('c1', { triage: 'red', name: ' Bo ' }, me);
    b.updateCard('c1', {}, me);
    expect(updates).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('[R36] validates first: a CPR number or a bad value throws and nothing is written', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    const before = Y.encodeStateVector(b.doc);
    expect(() => b.updateCard('c1', { triage: 'red', note: '241126-1234' }, me)).toThrow(/CPR/);
    expect(() => b.updateCard('c1', { triage: 'red', name: '' }, me)).toThrow();
    expect(() => b.updateCard('c1', { nextDueDate: '2026-02-30' }, me)).toThrow();
    expect(Y.encodeStateVector(b.doc)).toEqual(before);
    expect(b.card('c1')?.triage).toBe('green');
  });

  it('cannot move a card through a patch (position is not a field)', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    b.updateCard('c1', { position: { phaseId: 'opstart', key: 'a0' } } as never, me);
    expect(b.card('c1')?.position.phaseId).toBe('henvist');
  });

  it('throws DomainError card_not_found for an unknown card', () => {
    expectDomainError(() => board().updateCard('nope', { triage: 'red' }, me), 'card_not_found');
  });

  it('[R17] two people editing different fields of one card both keep their edit', () => {
    const a = board();
    const b = new BoardDoc();
    a.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    sync(a, b);
    a.updateCard('c1', { triage: 'red' }, me);
    b.updateCard('c1', { note: 'ring først' }, localOrigin('u-other'));
    sync(a, b);
    expect(a.card('c1')).toMatchObject({ triage: 'red', note: 'ring først' });
    expect(b.card('c1')).toEqual(a.card('c1'));
  });
});

describe('BoardDoc.moveCard and placeCard', () => {
  function filled(now?: () => Date): BoardDoc {
    const b = board(now ? { now } : {});
    for (const id of ['c1', 'c2', 'c3', 'c4']) b.createCard({ name: id, phaseId: 'henvist' }, me, id);
    return b;
  }

  it('moves a card down within its column', () => {
    const b = filled();
    b.moveCard('c1', 'henvist', 2, me);
    expect(ids(b.column('henvist'))).toEqual(['c2', 'c3', 'c1', 'c4']);
    b.moveCard('c2', 'henvist', 3, me);
    expect(ids(b.column('henvist'))).toEqual(['c3', 'c1', 'c4', 'c2']);
  });

  it('moves a card up within its column', () => {
    const b = filled();
    b.moveCard('c4', 'henvist', 0, me);
    expect(ids(b.column('henvist'))).toEqual(['c4', 'c1', 'c2', 'c3']);
    b.moveCard('c3', 'henvist', 1, me);
    expect(ids(b.column('henvist'))).toEqual(['c4', 'c3', 'c1', 'c2']);
  });

  it('moves a card across columns to the given index and clamps the index', () => {
    const b = filled();
    b.createCard({ name: 'x', phaseId: 'opstart' }, me, 'x1');
    b.createCard({ name: 'x', phaseId: 'opstart' }, me, 'x2');
    b.moveCard('c2', 'opstart', 1, me);
    expect(ids(b.column('opstart'))).toEqual(['x1', 'c2', 'x2']);
    expect(ids(b.column('henvist'))).toEqual(['c1', 'c3', 'c4']);
    b.moveCard('c1', 'opstart', 99, me);
    b.moveCard('c3', 'opstart', -1, me);
    expect(ids(b.column('opstart'))).toEqual(['c3', 'x1', 'c2', 'x2', 'c1']);
  });

  it('moves a card into an empty column', () => {
    const b = filled();
    b.moveCard('c3', 'afsluttet', 0, me);
    expect(ids(b.column('afsluttet'))).toEqual(['c3']);
    expect(b.card('c3')?.position.phaseId).toBe('afsluttet');
  });

  it('[R3] updates phaseEnteredAt only when the column changes', () => {
    const c = clock('2026-11-24T09:00:00Z');
    const b = filled(c.now);
    expect(b.card('c1')?.phaseEnteredAt).toBe('2026-11-24');
    c.set('2026-11-27T09:00:00Z');
    b.moveCard('c1', 'henvist', 3, me);
    expect(b.card('c1')?.phaseEnteredAt).toBe('2026-11-24');
    b.moveCard('c1', 'opstart', 0, me);
    expect(b.card('c1')?.phaseEnteredAt).toBe('2026-11-27');
    c.set('2026-11-30T23:30:00Z'); // 1 December in Copenhagen
    b.moveCard('c1', 'opstart', 0, me);
    expect(b.card('c1')?.phaseEnteredAt).toBe('2026-11-27');
    b.moveCard('c1', 'uge2', 0, me);
    expect(b.card('c1')?.phaseEnteredAt).toBe('2026-12-01');
  });

  it('writes nothing when a card is dropped where it already is', () => {
    const b = filled();
    const before = Y.encodeStateVector(b.doc);
    b.moveCard('c2', 'henvist', 1, me);
    b.moveCard('c4', 'henvist', 10, me);
    expect(Y.encodeStateVector(b.doc)).toEqual(before);
  });

  it('throws DomainError for an unknown card or column and writes nothing', () => {
    const b = filled();
    const before = Y.encodeStateVector(b.doc);
    expectDomainError(() => b.moveCard('nope', 'henvist', 0, me), 'card_not_found');
    expectDomainError(() => b.moveCard('c1', 'nope', 0, me), 'phase_not_found');
    expectDomainError(() => b.placeCard('nope', { phaseId: 'henvist', key: 'a0' }, me), 'card_not_found');
    expectDomainError(() => b.placeCard('c1', { phaseId: 'nope', key: 'a0' }, me), 'phase_not_found');
    expect(Y.encodeStateVector(b.doc)).toEqual(before);
  });

  it('placeCard puts a card at an explicit position (by id or by its map)', () => {
    const c = clock();
    const b = filled(c.now);
    c.set('2026-12-02T09:00:00Z');
    b.placeCard('c4', { phaseId: 'henvist', key: 'Zz' }, me);
    expect(ids(b.column('henvist'))).toEqual(['c4', 'c1', 'c2', 'c3']);
    expect(b.card('c4')?.phaseEnteredAt).toBe('2026-11-24');
    b.placeCard(b.cardsMap.get('c1')!, { phaseId: 'uge5', key: 'a0' }, me);
    expect(b.card('c1')).toMatchObject({ position: { phaseId: 'uge5', key: 'a0' }, phaseEnteredAt: '2026-12-02' });
  });

  it('placeCard rejects a malformed position', () => {
    const b = filled();
    expect(() => b.placeCard('c1', { phaseId: 'henvist', key: 'a-0' }, me)).toThrow();
    expect(() => b.placeCard('c1', { phaseId: 'henvist', key: '' }, me)).toThrow();
    expect(b.card('c1')?.position.key).toBe('a0');
  });

  it('[R17] two people moving different cards at once never disturb each other', () => {
    const a = filled();
    const b = new BoardDoc();
    sync(a, b);
    a.moveCard('c1', 'henvist', 3, me);
    b.moveCard('c4', 'opstart', 0, localOrigin('u-other'));
    sync(a, b);
    expect(ids(a.column('henvist'))).toEqual(['c2', 'c3', 'c1']);
    expect(ids(a.column('opstart'))).toEqual(['c4']);
    expect(b.cards().sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(a.cards().sort((x, y) => (x.id < y.id ? -1 : 1)));
  });
});

describe('BoardDoc.deleteCard', () => {
  it('removes the card', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    b.createCard({ name: 'Al', phaseId: 'henvist' }, me, 'c2');
    b.deleteCard('c1', me);
    expect(b.hasCard('c1')).toBe(false);
    expect(b.card('c1')).toBeNull();
    expect(ids(b.cards())).toEqual(['c2']);
  });

  it('throws DomainError card_not_found for an unknown or already deleted card', () => {
    const b = board();
    expectDomainError(() => b.deleteCard('nope', me), 'card_not_found');
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    b.deleteCard('c1', me);
    expectDomainError(() => b.deleteCard('c1', me), 'card_not_found');
  });
});

describe('BoardDoc reads survive garbage from a raw client [R36: one bad value never hides a citizen]', () => {
  function withRawCard(write: (m: Y.Map<unknown>) => void): BoardDoc {
    const b = board();
    b.createCard({ name: 'Karen Jensen', phaseId: 'opstart', triage: 'red', note: 'ok' }, me, 'c1');
    write(b.cardsMap.get('c1')!);
    return b;
  }

  it('falls back field by field when values have the wrong type', () => {
    const b = withRawCard((m) => {
      m.set('name', 42);
      m.set('initials', ['K']);
      m.set('triage', 'purple');
      m.set('forlobType', { x: 1 });
      m.set('contactPerson', null);
      m.set('nextDueDate', '2026-02-30');
      m.set('note', true);
      m.set('phaseEnteredAt', 20261124);
      m.set('createdAt', 5);
    });
    expect(b.card('c1')).toEqual({
      id: 'c1',
      name: '(uden navn)',
      initials: 'UN',
      triage: 'green',
      forlobType: '',
      contactPerson: '',
      nextDueDate: null,
      note: '',
      position: { phaseId: 'opstart', key: 'a0' },
      phaseEnteredAt: '1970-01-01',
      createdAt: '',
      lifecycle: LIFECYCLE_DEFAULTS,
    });
    expect(ids(b.column('opstart'))).toEqual(['c1']);
  });

  it('[R36] hides a CPR number a raw client wrote, instead of showing it', () => {
    const b = withRawCard((m) => {
      m.set('note', 'cpr 010190-1234');
      m.set('name', '0101901234');
    });
    expect(b.card('c1')?.note).toBe('');
    expect(b.card('c1')?.name).toBe('(uden navn)');
    expect(JSON.stringify(b.cards())).not.toMatch(/0101901234|010190-1234/);
  });

  it('shows a card with an unknown column in the first column, and it can be moved out', () => {
    const b = withRawCard((m) => m.set('position', { phaseId: 'slettet-kolonne', key: 'a5' }));
    expect(b.card('c1')?.position).toEqual({ phaseId: 'henvist', key: 'a0' });
    expect(ids(b.column('henvist'))).toEqual(['c1']);
    b.moveCard('c1', 'uge2', 0, me);
    expect(ids(b.column('uge2'))).toEqual(['c1']);
  });

  it.each([
    ['a string', 'henvist'],
    ['null', null],
    ['a missing key', { phaseId: 'opstart' }],
    ['a Y.Map', new Y.Map()],
  ])('shows a card whose position is %s in the first column', (_what, value) => {
    const b = withRawCard((m) => m.set('position', value));
    expect(b.card('c1')?.position).toEqual({ phaseId: 'henvist', key: 'a0' });
  });

  it('keeps the column of a card whose key the ordering library would refuse, and its neighbours stay movable', () => {
    const b = withRawCard((m) => m.set('position', { phaseId: 'opstart', key: 'a00' }));
    b.createCard({ name: 'Nabo', phaseId: 'opstart' }, me, 'c2');
    expect(b.card('c1')?.position).toEqual({ phaseId: 'opstart', key: 'a0' });
    expect(() => b.moveCard('c2', 'opstart', 0, me)).not.toThrow();
    expect(() => b.createCard({ name: 'Tredje', phaseId: 'opstart' }, me, 'c3')).not.toThrow();
    expect(ids(b.column('opstart'))).toEqual(['c2', 'c1', 'c3']);
  });

  it('shows a card map with no fields at all with safe defaults', () => {
    const b = board();
    b.cardsMap.set('raw', new Y.Map());
    expect(b.card('raw')).toMatchObject({
      id: 'raw',
      name: '(uden navn)',
      triage: 'green',
      position: { phaseId: 'henvist', key: 'a0' },
    });
    expect(ids(b.column('henvist'))).toEqual(['raw']);
  });

  it('derives initials from the name when the stored initials are empty or invalid', () => {
    const b = withRawCard((m) => m.set('initials', ''));
    expect(b.card('c1')?.initials).toBe('KJ');
    b.cardsMap.get('c1')!.set('initials', 'x'.repeat(20));
    expect(b.card('c1')?.initials).toBe('KJ');
  });

  it('ignores entries of the cards map that are not card maps', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    (b.cardsMap as Y.Map<unknown>).set('junk', 'not a card');
    expect(ids(b.cards())).toEqual(['c1']);
    expect(b.hasCard('junk')).toBe(false);
    expect(b.card('junk')).toBeNull();
    expectDomainError(() => b.updateCard('junk', { triage: 'red' }, me), 'card_not_found');
  });
});

describe('BoardDoc.onChange', () => {
  it('fires once per local transaction with its origin', () => {
    const b = new BoardDoc();
    const fn = vi.fn();
    b.onChange(fn);
    b.initialize(INIT); // touches meta and phases in one transaction
    expect(fn).toHaveBeenCalledTimes(1);
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    b.updateCard('c1', { triage: 'red' }, me);
    b.moveCard('c1', 'opstart', 0, me);
    b.deleteCard('c1', me);
    expect(fn).toHaveBeenCalledTimes(5);
    expect(fn.mock.calls[1]![0].origin).toBe(me);
    expect(fn.mock.calls[1]![0].local).toBe(true);
  });

  it('[R17] fires for remote changes', () => {
    const a = board();
    const b = new BoardDoc();
    sync(a, b);
    const fn = vi.fn();
    b.onChange(fn);
    a.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    a.updateCard('c1', { note: 'ny' }, me);
    sync(a, b);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn.mock.calls[0]![0].origin).toBe('remote');
    expect(fn.mock.calls[0]![0].local).toBe(false);
    expect(b.card('c1')?.note).toBe('ny');
  });

  it('stops after unsubscribe, and other listeners keep working', () => {
    const b = board();
    const first = vi.fn();
    const second = vi.fn();
    const off = b.onChange(first);
    b.onChange(second);
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    off();
    b.updateCard('c1', { triage: 'red' }, me);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('does not fire for changes to other parts of the Y.Doc', () => {
    const b = board();
    const fn = vi.fn();
    b.onChange(fn);
    b.doc.getMap('elsewhere').set('x', 1);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('BoardDoc.createUndoManager (per-user undo)', () => {
  it('undoes my own edit, created with a fresh but equal origin at each call site', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    const undo = b.createUndoManager(localOrigin('u-mette'));
    b.updateCard('c1', { triage: 'red' }, localOrigin('u-mette'));
    expect(undo.canUndo()).toBe(true);
    undo.undo();
    expect(b.card('c1')?.triage).toBe('green');
    undo.redo();
    expect(b.card('c1')?.triage).toBe('red');
  });

  it('undoes a move and a create', () => {
    const b = board();
    const undo = b.createUndoManager(me);
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    undo.stopCapturing();
    b.moveCard('c1', 'opstart', 0, me);
    undo.undo();
    expect(b.card('c1')?.position.phaseId).toBe('henvist');
    undo.undo();
    expect(b.hasCard('c1')).toBe(false);
  });

  it('restores a deleted card with its fields', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'opstart', note: 'vigtig' }, me, 'c1');
    const undo = b.createUndoManager(me);
    b.deleteCard('c1', me);
    undo.undo();
    expect(b.card('c1')).toMatchObject({ name: 'Bo', note: 'vigtig', position: { phaseId: 'opstart' } });
  });

  it("[R17] does not undo a remote user's change, only mine", () => {
    const a = board();
    const other = new BoardDoc();
    a.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    sync(a, other);
    const undo = a.createUndoManager(me);
    a.updateCard('c1', { note: 'min note' }, me);
    other.updateCard('c1', { triage: 'red' }, localOrigin('u-other'));
    other.moveCard('c1', 'uge2', 0, localOrigin('u-other'));
    sync(a, other);
    undo.undo();
    expect(a.card('c1')).toMatchObject({ note: '', triage: 'red', position: { phaseId: 'uge2' } });
    expect(undo.canUndo()).toBe(false);
  });

  it('does not undo another local user or the server on the same doc', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    const undo = b.createUndoManager(me);
    b.updateCard('c1', { triage: 'red' }, localOrigin('u-anden'));
    b.updateCard('c1', { note: 'server' }, { source: 'server', reason: 'maintenance' });
    expect(undo.canUndo()).toBe(false);
    undo.undo();
    expect(b.card('c1')).toMatchObject({ triage: 'red', note: 'server' });
  });

  it('groups quick successive edits into one step, separated by stopCapturing', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    const undo = b.createUndoManager(me);
    b.updateCard('c1', { note: 'a' }, me);
    b.updateCard('c1', { triage: 'yellow' }, me);
    undo.stopCapturing();
    b.updateCard('c1', { triage: 'red' }, me);
    undo.undo();
    expect(b.card('c1')).toMatchObject({ note: 'a', triage: 'yellow' });
    undo.undo();
    expect(b.card('c1')).toMatchObject({ note: '', triage: 'green' });
  });
});

describe('DomainError', () => {
  it('is an Error with a stable code and a Danish message', () => {
    const e = new DomainError('card_not_found', 'Kortet x findes ikke');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('card_not_found');
    expect(e.message).toBe('Kortet x findes ikke');
    expect(e.name).toBe('DomainError');
  });
});

describe('localOrigin', () => {
  it('describes a local user', () => {
    expect(localOrigin('u1')).toEqual({ source: 'local', userId: 'u1' });
  });
});

describe('BoardDoc reads stay correct while parsed cards are reused', () => {
  it('a caller mutating a returned card or phase does not change the next read', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'henvist' }, me, 'c1');
    const first = b.card('c1')!;
    first.name = 'Ændret';
    first.position.phaseId = 'afsluttet';
    b.cards()[0]!.triage = 'red';
    b.phases()[0]!.title = 'X';
    expect(b.card('c1')).toMatchObject({ name: 'Bo', triage: 'green', position: { phaseId: 'henvist' } });
    expect(b.phases()[0]!.title).toBe('Henvist');
  });

  it('reads inside one transaction see the writes made earlier in it', () => {
    const b = board();
    b.createCard({ name: 'A', phaseId: 'henvist' }, me, 'a');
    expect(b.column('henvist')).toHaveLength(1);
    b.doc.transact(() => {
      b.createCard({ name: 'B', phaseId: 'henvist' }, me, 'b');
      b.updateCard('a', { note: 'x' }, me);
      expect(b.card('a')?.note).toBe('x');
      b.moveCard('b', 'henvist', 0, me);
      expect(ids(b.column('henvist'))).toEqual(['b', 'a']);
    }, me);
    expect(ids(b.column('henvist'))).toEqual(['b', 'a']);
  });

  it('sees a remote change to one field, a deleted key and a re-created card with the same id', () => {
    const a = board();
    const r = new BoardDoc();
    a.createCard({ name: 'Bo', phaseId: 'henvist', note: 'n' }, me, 'c1');
    sync(a, r);
    expect(r.card('c1')?.note).toBe('n');
    a.updateCard('c1', { note: 'm' }, me);
    sync(a, r);
    expect(r.card('c1')?.note).toBe('m');
    a.cardsMap.get('c1')!.delete('note'); // a raw client removes a field
    sync(a, r);
    expect(r.card('c1')?.note).toBe('');
    a.deleteCard('c1', me);
    a.createCard({ name: 'Ny', phaseId: 'opstart' }, me, 'c1');
    sync(a, r);
    expect(r.card('c1')).toMatchObject({ name: 'Ny', position: { phaseId: 'opstart' } });
  });

  it('re-evaluates fallbacks when the phases change', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'uge12' }, me, 'c1');
    const uge12 = b.phasesMap.get('uge12');
    b.phasesMap.delete('uge12');
    expect(b.card('c1')?.position.phaseId).toBe('henvist');
    b.phasesMap.set('uge12', uge12);
    expect(b.card('c1')?.position.phaseId).toBe('uge12');
  });
});
