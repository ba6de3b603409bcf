import { describe, expect, it } from 'vitest';
import {
  CARD_DEFAULTS,
  CardFieldsSchema,
  CardPatchSchema,
  CardSchema,
  NewCardSchema,
  OrderKeySchema,
  PositionSchema,
  TriageSchema,
  freeText,
  initialsOf,
  type CardFields,
} from '../../shared/index.js';

const valid: CardFields = {
  name: 'Karen Marie Jensen',
  initials: 'KMJ',
  triage: 'yellow',
  forlobType: 'Rehabilitering §83a',
  contactPerson: 'Mette (SSH)',
  nextDueDate: '2026-12-01',
  note: 'Ring til datteren før besøg, tlf. 12 34 56 78.',
};

describe('initialsOf', () => {
  it.each([
    ['Karen Marie Jensen', 'KMJ'],
    ['karen jensen', 'KJ'],
    ['Jens', 'J'],
    ['Anne-Sofie Ørsted', 'ASØ'],
    ['Ærø Østergård-Åse', 'ÆØÅ'],
    ['æbelø østergaard åsted', 'ÆØÅ'],
    ['Søren  Aabye   Kierkegaard', 'SAK'],
    ['  Bent Ølgaard  ', 'BØ'],
    ['Ida\tMaria\nHansen', 'IMH'],
    ['Hans-Christian Peter Holger Andersen', 'HCPH'],
    ["Jens O'Brien", 'JO'],
    ['(uden navn)', 'UN'],
    ['Marie – Louise', 'ML'],
  ])('[R36] %j → %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('composes decomposed Danish letters so Å stays Å', () => {
    expect(initialsOf('A\u030Ase Hansen')).toBe('ÅH');
  });

  it('gives at most four letters, so it fits a wall-screen card [R31]', () => {
    expect(initialsOf('a b c d e f g')).toBe('ABCD');
  });

  it('gives an empty string for a name without letters', () => {
    expect(initialsOf('')).toBe('');
    expect(initialsOf('   ')).toBe('');
    expect(initialsOf(' - ')).toBe('');
  });
});

describe('CardFieldsSchema', () => {
  it('accepts a complete valid card and trims free text', () => {
    const parsed = CardFieldsSchema.parse({ ...valid, name: '  Karen Marie Jensen  ', note: ' hej ' });
    expect(parsed.name).toBe('Karen Marie Jensen');
    expect(parsed.note).toBe('hej');
  });

  it.each([
    ['name', 120],
    ['initials', 8],
    ['forlobType', 60],
    ['contactPerson', 80],
    ['note', 2000],
  ] as const)('bounds %s at %i characters', (field, max) => {
    expect(CardFieldsSchema.safeParse({ ...valid, [field]: 'x'.repeat(max) }).success).toBe(true);
    expect(CardFieldsSchema.safeParse({ ...valid, [field]: 'x'.repeat(max + 1) }).success).toBe(false);
  });

  it('requires a name that is not only whitespace', () => {
    expect(CardFieldsSchema.safeParse({ ...valid, name: '' }).success).toBe(false);
    expect(CardFieldsSchema.safeParse({ ...valid, name: '   ' }).success).toBe(false);
  });

  it('allows the optional text fields to be empty', () => {
    const parsed = CardFieldsSchema.parse({ ...valid, initials: '', forlobType: '', contactPerson: '', note: '' });
    expect(parsed.note).toBe('');
  });

  it('[R11] triage is one of green, yellow, red', () => {
    expect(TriageSchema.options).toEqual(['green', 'yellow', 'red']);
    for (const triage of TriageSchema.options)
      expect(CardFieldsSchema.safeParse({ ...valid, triage }).success).toBe(true);
    expect(CardFieldsSchema.safeParse({ ...valid, triage: 'orange' }).success).toBe(false);
    expect(CardFieldsSchema.safeParse({ ...valid, triage: 'Red' }).success).toBe(false);
  });

  it('[R2] nextDueDate is a real date or null', () => {
    expect(CardFieldsSchema.safeParse({ ...valid, nextDueDate: null }).success).toBe(true);
    expect(CardFieldsSchema.safeParse({ ...valid, nextDueDate: '2026-02-30' }).success).toBe(false);
    expect(CardFieldsSchema.safeParse({ ...valid, nextDueDate: '1/12/2026' }).success).toBe(false);
    expect(CardFieldsSchema.safeParse({ ...valid, nextDueDate: undefined }).success).toBe(false);
  });

  it.each(['name', 'initials', 'forlobType', 'contactPerson', 'note'] as const)(
    '[R36] rejects a CPR number in %s',
    (field) => {
      for (const cpr of ['010190-1234', '0101901234', '010190 1234']) {
        expect(CardFieldsSchema.safeParse({ ...valid, [field]: cpr }).success).toBe(false);
        if (field !== 'initials') {
          // initials (≤ 8) cannot hold a CPR at all; the other fields say why in Danish
          const result = CardFieldsSchema.safeParse({ ...valid, [field]: `Borger ${cpr} ok` });
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((i) => i.message).join()).toMatch(/CPR-nummer/);
        }
      }
    },
  );

  it('[R36] free text keeps phone numbers and ordinary numbers', () => {
    expect(CardFieldsSchema.safeParse({ ...valid, note: 'Tlf 12 34 56 78, sag 12345678, 3 besøg' }).success).toBe(true);
  });
});

describe('freeText', () => {
  it('trims, bounds and refuses CPR numbers', () => {
    const schema = freeText(10);
    expect(schema.parse('  hej  ')).toBe('hej');
    expect(schema.safeParse('x'.repeat(11)).success).toBe(false);
    expect(schema.safeParse('0101901234').success).toBe(false);
  });
});

describe('OrderKeySchema and PositionSchema', () => {
  it('accepts base-62 keys only', () => {
    expect(OrderKeySchema.safeParse('a0').success).toBe(true);
    expect(OrderKeySchema.safeParse('Zz9V').success).toBe(true);
    expect(OrderKeySchema.safeParse('').success).toBe(false);
    expect(OrderKeySchema.safeParse('a-0').success).toBe(false);
    expect(OrderKeySchema.safeParse('x'.repeat(129)).success).toBe(false);
  });

  it('a position is one {phaseId, key} value', () => {
    expect(PositionSchema.safeParse({ phaseId: 'henvist', key: 'a0' }).success).toBe(true);
    expect(PositionSchema.safeParse({ phaseId: 'henvist' }).success).toBe(false);
    expect(PositionSchema.safeParse({ phaseId: 'ugyldig kolonne', key: 'a0' }).success).toBe(false);
  });
});

describe('CardSchema, CardPatchSchema, NewCardSchema, CARD_DEFAULTS', () => {
  it('CardSchema adds id, position and dates to the fields', () => {
    const card = {
      ...valid,
      id: 'c1',
      position: { phaseId: 'henvist', key: 'a0' },
      phaseEnteredAt: '2026-11-24',
      createdAt: '2026-11-24T08:00:00.000Z',
    };
    expect(CardSchema.parse(card)).toEqual(card);
    expect(CardSchema.safeParse({ ...card, phaseEnteredAt: '2026-02-30' }).success).toBe(false);
  });

  it('a patch may hold any subset of fields, each still validated, and drops unknown keys', () => {
    expect(CardPatchSchema.parse({})).toEqual({});
    expect(CardPatchSchema.parse({ triage: 'red' })).toEqual({ triage: 'red' });
    expect(CardPatchSchema.safeParse({ note: '010190-1234' }).success).toBe(false);
    expect(CardPatchSchema.parse({ triage: 'red', position: { phaseId: 'x', key: 'a0' } })).toEqual({ triage: 'red' });
  });

  it('a new card needs a name and a phase id, other fields are optional', () => {
    expect(NewCardSchema.safeParse({ name: 'Bo', phaseId: 'henvist' }).success).toBe(true);
    expect(NewCardSchema.safeParse({ phaseId: 'henvist' }).success).toBe(false);
    expect(NewCardSchema.safeParse({ name: 'Bo' }).success).toBe(false);
    expect(NewCardSchema.safeParse({ name: 'Bo', phaseId: 'henvist', triage: 'blue' }).success).toBe(false);
  });

  it('defaults are themselves valid field values', () => {
    expect(CardFieldsSchema.safeParse({ ...CARD_DEFAULTS, name: 'X' }).success).toBe(true);
    expect(CARD_DEFAULTS.triage).toBe('green');
    expect(CARD_DEFAULTS.nextDueDate).toBeNull();
  });
});
