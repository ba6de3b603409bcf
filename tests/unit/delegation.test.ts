import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHASES,
  DELEGATION_PRESETS,
  DelegationMatrixSchema,
  LIFECYCLE_DEFAULTS,
  OPERATIONS,
  OPERATION_LABELS,
  ROLES,
  delegationPreset,
  forbiddenOperations,
  isAllowed,
  isClosedCard,
  protectedOperations,
  type Card,
  type CardLifecycle,
  type DelegationPresetId,
  type Operation,
  type Role,
} from '../../shared/index.js';

const phases = [...DEFAULT_PHASES];

// ---------------------------------------------------------------------------------------
// Presets: every preset × role × operation
// ---------------------------------------------------------------------------------------

const AUTHORITY: Role[] = ['visitator', 'administrator'];
const TEAM: Role[] = ['leder', 'koordinator', 'sygeplejerske', 'terapeut', 'ssa', 'ssh'];

/** The intended rules, written independently of the preset data. */
function expected(preset: DelegationPresetId, role: Role, op: Operation): boolean {
  if (role === 'skaerm') return false;
  if (AUTHORITY.includes(role)) return true;
  switch (preset) {
    case 'standard':
      return false; // S0:436-441: only the visitator
    case 'solrod':
      return TEAM.includes(role) && (op === 'adjustDown' || op === 'close'); // S2:3208-3232
    case 'favrskov':
      return role === 'terapeut' && (op === 'adjustDown' || op === 'close'); // S2:3554-3559
  }
}

const combos = DELEGATION_PRESETS.flatMap((p) =>
  ROLES.flatMap((role) => OPERATIONS.map((op) => [p.id, role, op, expected(p.id, role, op)] as const)),
);

describe('DELEGATION_PRESETS × roles × operations', () => {
  it('covers three presets, every role and every operation', () => {
    expect(DELEGATION_PRESETS.map((p) => p.id)).toEqual(['standard', 'solrod', 'favrskov']);
    expect(combos).toHaveLength(3 * ROLES.length * OPERATIONS.length);
  });

  it.each(combos)('%s: %s may %s → %s', (presetId, role, op, allowed) => {
    expect(isAllowed(delegationPreset(presetId).matrix, role, op)).toBe(allowed);
  });
});

describe('delegation presets and matrix schema', () => {
  it('every preset is a valid matrix with a Danish name and a source', () => {
    for (const p of DELEGATION_PRESETS) {
      expect(DelegationMatrixSchema.parse(p.matrix)).toEqual(p.matrix);
      expect(p.name.length).toBeGreaterThan(5);
      expect(p.description.length).toBeGreaterThan(10);
      expect(p.source).toMatch(/^S\d:/);
    }
    expect(delegationPreset('solrod').source).toContain('S2:3208-3232');
    expect(delegationPreset('favrskov').source).toContain('S2:3554-3559');
    expect(() => delegationPreset('aarhus' as never)).toThrow(RangeError);
  });

  it('requires every operation, accepts only known roles and removes duplicates', () => {
    const full = { create: [], adjustUp: [], adjustDown: [], close: [], changeType: [] };
    expect(DelegationMatrixSchema.parse(full)).toEqual(full);
    expect(DelegationMatrixSchema.safeParse({ ...full, close: undefined }).success).toBe(false);
    expect(DelegationMatrixSchema.safeParse({ ...full, close: ['chef'] }).success).toBe(false);
    expect(DelegationMatrixSchema.parse({ ...full, close: ['ssh', 'ssh'] }).close).toEqual(['ssh']);
  });

  it('the wall screen may never do anything, whatever the matrix says', () => {
    const all = Object.fromEntries(OPERATIONS.map((op) => [op, [...ROLES]])) as Record<Operation, Role[]>;
    for (const op of OPERATIONS) {
      expect(isAllowed(all, 'skaerm', op)).toBe(false);
      expect(isAllowed(all, 'ssh', op)).toBe(true);
    }
  });

  it('forbiddenOperations lists what a role may not do', () => {
    const solrod = delegationPreset('solrod').matrix;
    expect(forbiddenOperations(solrod, 'ssh', ['adjustDown', 'close'])).toEqual([]);
    expect(forbiddenOperations(solrod, 'ssh', ['close', 'adjustUp', 'changeType'])).toEqual(['adjustUp', 'changeType']);
    expect(forbiddenOperations(solrod, 'visitator', OPERATIONS)).toEqual([]);
  });

  it('every operation has Danish and English labels', () => {
    expect(Object.keys(OPERATION_LABELS).sort()).toEqual([...OPERATIONS].sort());
  });
});

// ---------------------------------------------------------------------------------------
// protectedOperations
// ---------------------------------------------------------------------------------------

type LifecycleOverrides = { -readonly [K in keyof CardLifecycle]?: CardLifecycle[K] };

function card(phaseId = 'uge5', lifecycle: LifecycleOverrides = {}, extra: Partial<Card> = {}): Card {
  return {
    id: 'c1',
    name: 'Bo',
    initials: 'B',
    triage: 'green',
    forlobType: '',
    contactPerson: '',
    nextDueDate: null,
    note: '',
    position: { phaseId, key: 'a0' },
    phaseEnteredAt: '2026-04-01',
    createdAt: '2026-04-01T08:00:00.000Z',
    lifecycle: { ...LIFECYCLE_DEFAULTS, ...lifecycle },
    ...extra,
  };
}

const closure = {
  outcome: 'afsluttet' as const,
  closedOn: '2026-04-20',
  by: 'u',
  byName: 'Ulla',
  visitatorParticipated: false,
  note: '',
};

describe('protectedOperations', () => {
  it('nothing before and after: nothing', () => {
    expect(protectedOperations(null, null, phases)).toEqual([]);
  });

  it('a card that appears is create; appearing already closed is create and close', () => {
    expect(protectedOperations(null, card(), phases)).toEqual(['create']);
    expect(protectedOperations(null, card('uge5', { weeklyHours: 12, forlobTypeId: 'sel-83a' }), phases)).toEqual([
      'create',
    ]);
    expect(protectedOperations(null, card('afsluttet'), phases)).toEqual(['create', 'close']);
    expect(protectedOperations(null, card('uge5', { closure }), phases)).toEqual(['create', 'close']);
  });

  it('deleting a card is close, whatever state it was in', () => {
    expect(protectedOperations(card(), null, phases)).toEqual(['close']);
    expect(protectedOperations(card('afsluttet', { closure }), null, phases)).toEqual(['close']);
  });

  it('edits that touch no protected field are not protected', () => {
    const before = card('uge5', { weeklyHours: 5, forlobTypeId: 'sel-83a' });
    const after = card(
      'uge8',
      { weeklyHours: 5, forlobTypeId: 'sel-83a', startDate: '2026-04-01', secondaryContact: 'Lars' },
      { note: 'ny note', forlobType: 'Omdøbt' },
    );
    expect(protectedOperations(before, after, phases)).toEqual([]);
    expect(protectedOperations(before, before, phases)).toEqual([]);
  });

  it('recording a closure, or moving into a closed column, is close', () => {
    expect(protectedOperations(card(), card('uge5', { closure }), phases)).toEqual(['close']);
    expect(protectedOperations(card(), card('afsluttet'), phases)).toEqual(['close']);
    expect(protectedOperations(card(), card('afsluttet', { closure }), phases)).toEqual(['close']);
  });

  it('changing the closure of a closed card is close; moving it between closed columns is not', () => {
    const two = [...phases, { id: 'arkiv', title: 'Arkiv', kind: 'closed' as const, position: 8 }];
    const closed = card('afsluttet', { closure });
    expect(
      protectedOperations(closed, card('afsluttet', { closure: { ...closure, outcome: 'plejecenter' } }), two),
    ).toEqual(['close']);
    expect(protectedOperations(closed, card('arkiv', { closure }), two)).toEqual([]);
    expect(protectedOperations(card('afsluttet'), card('arkiv'), two)).toEqual([]);
  });

  it('reopening is create (closure cleared and out of the closed column)', () => {
    expect(protectedOperations(card('afsluttet', { closure }), card('henvist'), phases)).toEqual(['create']);
    expect(protectedOperations(card('uge5', { closure }), card('uge5'), phases)).toEqual(['create']);
    expect(protectedOperations(card('afsluttet'), card('uge5'), phases)).toEqual(['create']);
    // closure cleared but still in the closed column: still closed, nothing happened
    expect(protectedOperations(card('afsluttet', { closure }), card('afsluttet'), phases)).toEqual([]);
  });

  it('more visiteret tid is adjustUp, less is adjustDown; not recorded counts as 0', () => {
    const at = (h: number | null) => card('uge5', { weeklyHours: h });
    expect(protectedOperations(at(5), at(7.5), phases)).toEqual(['adjustUp']);
    expect(protectedOperations(at(5), at(2), phases)).toEqual(['adjustDown']);
    expect(protectedOperations(at(null), at(3), phases)).toEqual(['adjustUp']);
    expect(protectedOperations(at(3), at(null), phases)).toEqual(['adjustDown']);
    expect(protectedOperations(at(null), at(0), phases)).toEqual([]);
    expect(protectedOperations(at(4), at(4), phases)).toEqual([]);
  });

  it('changing forlobTypeId on an existing card is changeType', () => {
    const t = (id: string | null) => card('uge5', { forlobTypeId: id });
    expect(protectedOperations(t('favrskov-2a'), t('favrskov-2b'), phases)).toEqual(['changeType']);
    expect(protectedOperations(t(null), t('sel-83a'), phases)).toEqual(['changeType']);
    expect(protectedOperations(t('sel-83a'), t(null), phases)).toEqual(['changeType']);
  });

  it('combined changes report every operation, in OPERATIONS order', () => {
    const before = card('uge5', { weeklyHours: 10, forlobTypeId: 'favrskov-3a' });
    expect(
      protectedOperations(before, card('afsluttet', { weeklyHours: 0, forlobTypeId: 'favrskov-1a', closure }), phases),
    ).toEqual(['adjustDown', 'close', 'changeType']);
    expect(
      protectedOperations(
        card('afsluttet', { weeklyHours: 2, closure }),
        card('henvist', { weeklyHours: 6, forlobTypeId: 'x' }),
        phases,
      ),
    ).toEqual(['create', 'adjustUp', 'changeType']);
    expect(protectedOperations(before, card('uge8', { weeklyHours: 12, forlobTypeId: 'favrskov-3b' }), phases)).toEqual(
      ['adjustUp', 'changeType'],
    );
  });

  it('a card in an unknown column counts as open', () => {
    expect(protectedOperations(card('uge5'), card('ukendt'), phases)).toEqual([]);
    expect(isClosedCard(card('ukendt'), phases)).toBe(false);
    expect(isClosedCard(card('afsluttet'), phases)).toBe(true);
    expect(isClosedCard(card('uge5', { closure }), phases)).toBe(true);
  });

  it('a Card object without lifecycle (built by older code) is read as the defaults', () => {
    const bare = { ...card() } as Partial<Card>;
    delete bare.lifecycle;
    expect(protectedOperations(bare as Card, card('uge5', { weeklyHours: 2 }), phases)).toEqual(['adjustUp']);
    expect(protectedOperations(null, bare as Card, phases)).toEqual(['create']);
  });

  it('is decided by the matrix: a Solrød SSH may close and adjust down, not up', () => {
    const solrod = delegationPreset('solrod').matrix;
    const before = card('uge5', { weeklyHours: 10 });
    const down = protectedOperations(before, card('afsluttet', { weeklyHours: 0, closure }), phases);
    expect(forbiddenOperations(solrod, 'ssh', down)).toEqual([]);
    const up = protectedOperations(before, card('uge5', { weeklyHours: 12 }), phases);
    expect(forbiddenOperations(solrod, 'ssh', up)).toEqual(['adjustUp']);
    expect(forbiddenOperations(delegationPreset('standard').matrix, 'ssh', down)).toEqual(['adjustDown', 'close']);
  });
});
