/**
 * Values for every slot of the board layout (shared/doc/layout.ts), derived from its zod
 * schemas, so the validation tests cover a field the moment it is added to the layout:
 * - `validSample(schema)`: a value that conforms exactly (checked, so a generator mistake
 *   fails loudly instead of testing nothing);
 * - `invalidPlainValues(schema, valid)`: plain JSON values that must be refused in that
 *   slot (wrong type, extra key, too long text, array for object, …), each checked not to
 *   conform before it is used.
 */
import type { z } from 'zod';
import {
  BOARD_LAYOUT,
  conforms,
  type RecordMapSpec,
  type RootName,
  type ValueMapSpec,
} from '../../shared/doc/layout.js';
import { ACTOR_FIELDS } from '../../shared/rules/writeRules.js';

/** Strings tried in order for a string slot: the first that conforms is used. */
const STRING_POOL = [
  'Tekst',
  'horsholm-83a',
  'week-2',
  '2026-03-02',
  '2026-03-02T09:00:00.000Z',
  'a0',
  'u-eva',
  'c:nord-01',
];
// 120: a free-area note's side (model/freeArea.ts FREE_BOX).
const NUMBER_POOL = [1, 5, 0, 2, 10, 120];

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value that conforms to `schema` exactly; throws when none is found (extend the pools). */
export function validSample(schema: z.ZodType, path = 'value'): unknown {
  const value = build(schema);
  if (!conforms(schema, value)) throw new Error(`no conforming sample for ${path}: ${JSON.stringify(value)}`);
  return value;
}

function build(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(def.shape!)) out[k] = build(s);
      return out;
    }
    case 'array': {
      const one = [build(def.element!)];
      return conforms(schema, one) ? one : [];
    }
    case 'record': {
      const key = STRING_POOL.find((s) => conforms(def.keyType!, s));
      const one = key === undefined ? {} : { [key]: build(def.valueType!) };
      return conforms(schema, one) ? one : {};
    }
    case 'optional':
    case 'nullable': {
      const inner = build(def.innerType!);
      return conforms(schema, inner) ? inner : def.type === 'nullable' ? null : undefined;
    }
    case 'pipe': {
      const first = build(def.in!);
      return conforms(schema, first) || defOf(def.out!).type === 'transform' ? first : build(def.out!);
    }
    case 'union':
      return def.options!.map(build).find((v) => conforms(schema, v)) ?? build(def.options![0]!);
    case 'enum':
      return Object.values(def.entries!)[0];
    case 'literal':
      return def.values![0];
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'number':
      return NUMBER_POOL.find((n) => conforms(schema, n)) ?? 1;
    case 'string':
      return STRING_POOL.find((s) => conforms(schema, s)) ?? 'Tekst';
    default:
      throw new Error(`layoutSamples: no sample for a zod ${def.type}`);
  }
}

export interface InvalidValue {
  label: string;
  value: unknown;
}

/** Plain values `schema` must refuse, given a `valid` sample of it. Each is checked. */
export function invalidPlainValues(schema: z.ZodType, valid: unknown): InvalidValue[] {
  const out: InvalidValue[] = [];
  const wrongType =
    typeof valid === 'string'
      ? 4711
      : typeof valid === 'number'
        ? String(valid)
        : typeof valid === 'boolean'
          ? 'ja'
          : 'tekst';
  out.push({ label: 'wrong type', value: wrongType });
  out.push({ label: 'array where a plain value belongs', value: [valid] });
  if (typeof valid === 'string') out.push({ label: 'too long text', value: 'x'.repeat(5000) });
  if (isObject(valid)) {
    out.push({ label: 'extra key inside the object', value: { ...valid, ekstra: 'x' } });
    // A free-text property (not an id, which would also break the key check) made too long.
    const keys = Object.keys(valid).filter((k) => k !== 'id' && k !== 'cardId');
    const text = keys.find((k) => valid[k] === 'Tekst') ?? keys.find((k) => typeof valid[k] === 'string');
    if (text) out.push({ label: `too long ${text}`, value: { ...valid, [text]: 'x'.repeat(5000) } });
    const [first] = keys;
    if (first) out.push({ label: `${first} missing`, value: withoutKey(valid, first) });
  }
  return out.filter((c) => !conforms(schema, c.value));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withoutKey(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

/** One place in the layout a plain value is stored, with its schema. */
export interface Slot {
  /** e.g. `cards.*.note`, `cards.*.goals.*`, `meta.epoch`, `phases.*`. */
  name: string;
  root: RootName;
  /** Key path below the root: `[]` for a value map entry (key chosen by the test), a field name, … */
  kind: 'fixed' | 'value' | 'field' | 'nested';
  field?: string;
  schema: z.ZodType;
  /** For value maps: the value's field that must equal its key. */
  idField?: string;
  /** For value maps: the value's fields that, joined by ':', make its key (a read receipt). */
  keyFields?: readonly string[];
  keySchema?: z.ZodType<string>;
}

/** Every slot of BOARD_LAYOUT, iterated from the layout data itself. */
export function layoutSlots(): Slot[] {
  const slots: Slot[] = [];
  for (const [root, spec] of Object.entries(BOARD_LAYOUT) as [RootName, (typeof BOARD_LAYOUT)[RootName]][]) {
    if (spec.kind === 'fixed') {
      for (const [field, schema] of Object.entries(spec.fields)) {
        slots.push({ name: `${root}.${field}`, root, kind: 'fixed', field, schema });
      }
    } else if (spec.kind === 'values') {
      slots.push(valueSlot(`${root}.*`, root, 'value', spec));
    } else {
      const records = spec as RecordMapSpec;
      for (const [field, schema] of Object.entries(records.fields)) {
        slots.push({ name: `${root}.*.${field}`, root, kind: 'field', field, schema });
      }
      for (const [field, nested] of Object.entries(records.nested)) {
        slots.push({ ...valueSlot(`${root}.*.${field}.*`, root, 'nested', nested), field });
      }
    }
  }
  return slots;
}

function valueSlot(name: string, root: RootName, kind: 'value' | 'nested', spec: ValueMapSpec): Slot {
  return {
    name,
    root,
    kind,
    schema: spec.value,
    keySchema: spec.key,
    ...(spec.idField ? { idField: spec.idField } : {}),
    ...(spec.keyFields ? { keyFields: spec.keyFields } : {}),
  };
}

/** A key valid for a value map (its key schema decides), `n` makes it unique. */
export function sampleKey(slot: Slot, n: number): string {
  // A key made of the value's fields (a read receipt, `entryId:by`): the person part is the
  // validation samples' writer, u-eva, so the sample is in the writer's own name.
  if (slot.keyFields)
    return slot.keyFields.map((f) => (ACTOR_FIELDS.includes(f as never) ? 'u-eva' : `k${n}x`)).join(':');
  const key = `k${n}x`;
  return slot.keySchema && !slot.keySchema.safeParse(key).success ? `week-${n}` : key;
}

/** A valid value for `slot` stored under `key` (its id field, if any, set to the key). */
export function validFor(slot: Slot, key?: string): unknown {
  const value = validSample(slot.schema, slot.name);
  if (slot.keyFields && key !== undefined && isObject(value)) {
    const parts = key.split(':');
    const keyed = { ...value, ...Object.fromEntries(slot.keyFields.map((f, i) => [f, parts[i]])) };
    if (!conforms(slot.schema, keyed)) throw new Error(`${key} is no valid key for ${slot.name}`);
    return keyed;
  }
  if (slot.idField && key !== undefined && isObject(value)) {
    const withId = { ...value, [slot.idField]: key };
    if (!conforms(slot.schema, withId)) throw new Error(`${key} is no valid id for ${slot.name}`);
    return withId;
  }
  return value;
}

/**
 * Hostile free-area items (issue #16, shared/model/freeArea.ts), each refused by the layout
 * for the reason its label names: the unit suite checks each against the slot's schema and
 * the integration suite sends them through the sync endpoint. `by` is u-eva, the suites' writer.
 */
export function hostileFreeItems(id = 'f-fjendtlig'): InvalidValue[] {
  const note = {
    id,
    kind: 'note',
    x: 10,
    y: 10,
    w: 200,
    h: 150,
    text: 'Bil 3 på værksted',
    colour: 'gul',
    by: 'u-eva',
    byName: 'Eva Mortensen',
    at: '2026-12-07T08:00:00.000Z',
    expiry: null,
    onScreen: false,
  };
  const stroke = {
    ...withoutKey(withoutKey(withoutKey(withoutKey(note, 'w'), 'h'), 'text'), 'colour'),
    kind: 'stroke',
  };
  const points = (n: number) => Array.from({ length: n }, (_, i) => i % 500);
  return [
    { label: 'text longer than a note holds', value: { ...note, text: 'x'.repeat(401) } },
    { label: 'a CPR number in the text', value: { ...note, text: 'Ring om 010190-1234' } },
    { label: 'a note off the surface', value: { ...note, x: 999_999 } },
    { label: 'a negative coordinate', value: { ...note, y: -5 } },
    { label: 'a note the size of a house', value: { ...note, w: 50_000 } },
    { label: 'a colour no token has', value: { ...note, colour: 'url(javascript:x)' } },
    { label: 'an unknown kind', value: { ...note, kind: 'image' } },
    { label: 'an unknown expiry', value: { ...note, expiry: 'aldrig' } },
    { label: 'a stroke of too many points', value: { ...stroke, ink: 'sort', size: 3, points: points(5000) } },
    { label: 'a stroke of fractional points', value: { ...stroke, ink: 'sort', size: 3, points: [0.5, 1] } },
    { label: 'a stroke with a point off the surface', value: { ...stroke, ink: 'sort', size: 3, points: [0, 1e9] } },
    { label: 'an extra key (a script)', value: { ...note, onclick: 'alert(1)' } },
  ].filter((c) => !conforms(BOARD_LAYOUT.freeItems.value, c.value));
}
