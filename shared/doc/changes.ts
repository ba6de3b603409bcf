import * as Y from 'yjs';
import type { ZodType } from 'zod';
import {
  BOARD_LAYOUT,
  conforms,
  isRootName,
  keyMatches,
  ROOT_NAMES,
  type RecordMapSpec,
  type RootName,
  type ValueMapSpec,
} from './layout.js';

/*
 * What an update did to a board, in terms of its records, and whether the result still
 * fits the layout (layout.ts). Used by the server on a staging copy of the board before
 * an update is stored or relayed: the cost is proportional to what the update touched,
 * never to the size of the board.
 */

/** Record key → the fields touched, or 'whole' when the record itself was set or deleted. */
export type TouchedRecords = Map<string, Set<string> | 'whole'>;
export type Touched = Map<RootName, TouchedRecords>;

/**
 * How a check reads a map of the doc after the update: by default the doc itself; the write
 * gate passes the live doc with the values a plain update sets (plainWrites.ts).
 */
export interface MapRead {
  /** A key's value, and whether the key is there (a stored `undefined` is). */
  (map: Y.Map<unknown>, key: string): { value: unknown; present: boolean };
  /** The map's entries in the order `Y.Map#entries` gives them. */
  entries(map: Y.Map<unknown>): Iterable<[string, unknown]>;
}

/** Maps read as the doc holds them. */
export const readDoc: MapRead = Object.assign(
  (map: Y.Map<unknown>, key: string) => ({ value: map.get(key), present: map.has(key) }),
  { entries: (map: Y.Map<unknown>) => map.entries() },
);

/** Why a resulting document does not fit the layout. `path` names keys only, never values. */
export interface LayoutProblem {
  kind: 'unknown_root' | 'list_content' | 'invalid' | 'missing' | 'too_many';
  path: string;
}

/**
 * Watches every root of the layout on one doc and records what each transaction touched.
 * Call `take()` right after applying an update to get what it touched.
 */
export class ChangeCollector {
  private touched: Touched = new Map();
  private listContent: string | null = null;
  private readonly stop: (() => void)[] = [];

  constructor(private readonly doc: Y.Doc) {
    for (const name of ROOT_NAMES) {
      const root = doc.getMap<unknown>(name);
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.record(name, root, events);
      root.observeDeep(handler);
      this.stop.push(() => root.unobserveDeep(handler));
    }
  }

  /** What was touched since the last call, and any root the doc has that the layout lacks. */
  take(): { touched: Touched; problem: LayoutProblem | null } {
    const touched = this.touched;
    let problem: LayoutProblem | null = this.listContent ? { kind: 'list_content', path: this.listContent } : null;
    for (const name of this.doc.share.keys()) {
      if (!isRootName(name)) problem ??= { kind: 'unknown_root', path: name };
    }
    this.touched = new Map();
    this.listContent = null;
    return { touched, problem };
  }

  dispose(): void {
    for (const stop of this.stop) stop();
  }

  private record(name: RootName, root: Y.Map<unknown>, events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    let records = this.touched.get(name);
    if (!records) this.touched.set(name, (records = new Map()));
    for (const event of events) {
      const keys = event instanceof Y.YMapEvent ? [...event.keysChanged] : [null];
      if (event.target === root) {
        for (const key of keys) {
          if (key === null) this.listContent ??= name;
          else records.set(key, 'whole');
        }
        continue;
      }
      const [recordKey, field] = event.path as (string | number)[];
      if (typeof recordKey !== 'string') {
        this.listContent ??= name;
        continue;
      }
      const current = records.get(recordKey);
      if (current === 'whole') continue;
      const fields = current ?? new Set<string>();
      records.set(recordKey, fields);
      if (typeof field === 'string') fields.add(field);
      else if (field !== undefined) this.listContent ??= `${name}.${recordKey}`;
      else {
        for (const key of keys) {
          if (key === null) this.listContent ??= `${name}.${recordKey}`;
          else fields.add(key);
        }
      }
    }
  }
}

/**
 * Checks every touched record of `doc` (the state after the update) against the layout.
 * Deleted records pass here (whether they may be deleted is a permission rule); a record
 * that exists must fit its spec in every touched field, or entirely when written whole.
 */
export function checkLayout(
  doc: Y.Doc,
  touched: Touched,
  /** Entries of a root after the update; by default counted (O(entries): pass a running count). */
  sizeOf: (name: RootName) => number = (name) => doc.getMap<unknown>(name).size,
  read: MapRead = readDoc,
): LayoutProblem | null {
  for (const [name, records] of touched) {
    const spec = BOARD_LAYOUT[name];
    const root = doc.getMap<unknown>(name);
    let added = false;
    for (const [key, fields] of records) {
      const { value, present } = read(root, key);
      if (fields === 'whole' && value !== undefined) added = true;
      const problem =
        spec.kind === 'fixed'
          ? checkFixed(name, spec.fields, key, value, present)
          : spec.kind === 'values'
            ? checkValue(name, spec, key, value, present)
            : checkRecord(name, spec, key, value, present, fields, read);
      if (problem) return problem;
    }
    if (added && spec.kind !== 'fixed' && sizeOf(name) > spec.maxEntries) return { kind: 'too_many', path: name };
  }
  return checkCardPlaces(doc, touched.get('cards'), read);
}

/*
 * `present` tells a deleted key from one whose value reads as undefined: a stored
 * `undefined`, or content that is no value at all (a Y.Text format mark set as a map
 * value). Such a key counts as there for `has` but holds nothing the schema allows.
 */

function checkFixed(
  name: string,
  fields: Readonly<Record<string, ZodType>>,
  key: string,
  value: unknown,
  present: boolean,
): LayoutProblem | null {
  const path = `${name}.${key}`;
  const schema = fields[key];
  if (!schema) return { kind: 'invalid', path };
  if (value === undefined && present) return { kind: 'invalid', path };
  if (value === undefined) return schema.safeParse(undefined).success ? null : { kind: 'missing', path };
  return isPlain(value) && conforms(schema, value) ? null : { kind: 'invalid', path };
}

function checkValue(
  name: string,
  spec: ValueMapSpec,
  key: string,
  value: unknown,
  present: boolean,
): LayoutProblem | null {
  const path = `${name}.${key}`;
  if (!spec.key.safeParse(key).success) return { kind: 'invalid', path };
  if (value === undefined) return present ? { kind: 'invalid', path } : null;
  if (!isPlain(value) || !conforms(spec.value, value)) return { kind: 'invalid', path };
  if (!keyMatches(spec, key, value)) return { kind: 'invalid', path };
  return null;
}

function checkRecord(
  name: string,
  spec: RecordMapSpec,
  key: string,
  value: unknown,
  present: boolean,
  fields: Set<string> | 'whole',
  read: MapRead,
): LayoutProblem | null {
  const path = `${name}.${key}`;
  if (!spec.key.safeParse(key).success) return { kind: 'invalid', path };
  if (value === undefined) return present ? { kind: 'invalid', path } : null;
  if (!(value instanceof Y.Map)) return { kind: 'invalid', path };
  const record = value as Y.Map<unknown>;
  const keys = fields === 'whole' ? [...record.keys()] : [...fields];
  for (const field of keys) {
    const { value: fieldValue, present: fieldPresent } = read(record, field);
    const problem = checkField(`${path}.${field}`, spec, field, fieldValue, fieldPresent, read);
    if (problem) return problem;
  }
  for (const field of spec.required) {
    if ((fields === 'whole' || fields.has(field)) && !read(record, field).present) return { kind: 'missing', path };
  }
  return null;
}

function checkField(
  path: string,
  spec: RecordMapSpec,
  field: string,
  value: unknown,
  present: boolean,
  read: MapRead,
): LayoutProblem | null {
  const plain = spec.fields[field];
  if (value === undefined && present) return { kind: 'invalid', path };
  if (plain) {
    if (value === undefined) return null;
    return isPlain(value) && conforms(plain, value) ? null : { kind: 'invalid', path };
  }
  const nested = spec.nested[field];
  if (!nested) return { kind: 'invalid', path };
  if (value === undefined) return null;
  if (!(value instanceof Y.Map)) return { kind: 'invalid', path };
  const map = value as Y.Map<unknown>;
  let count = 0;
  for (const [key, item] of read.entries(map)) {
    if (++count > nested.maxEntries) return { kind: 'too_many', path };
    const problem = checkValue(path, nested, key, item, true);
    if (problem) return problem;
  }
  return null;
}

/** A card sits in a column of the board, and only a card in a closed column has a closure. */
function checkCardPlaces(doc: Y.Doc, cards: TouchedRecords | undefined, read: MapRead): LayoutProblem | null {
  if (!cards) return null;
  const phases = doc.getMap<unknown>('phases');
  const root = doc.getMap<unknown>('cards');
  for (const [id, fields] of cards) {
    if (fields !== 'whole' && !fields.has('position') && !fields.has('closure')) continue;
    const card = read(root, id).value;
    if (!(card instanceof Y.Map)) continue;
    const position = read(card as Y.Map<unknown>, 'position').value as { phaseId?: unknown } | undefined;
    const phase = typeof position?.phaseId === 'string' ? read(phases, position.phaseId).value : undefined;
    if (phase === undefined) return { kind: 'invalid', path: `cards.${id}.position` };
    const closure = read(card as Y.Map<unknown>, 'closure').value;
    const closedColumn = (phase as { kind?: unknown }).kind === 'closed';
    if (closure !== undefined && closure !== null && !closedColumn)
      return { kind: 'invalid', path: `cards.${id}.closure` };
  }
  return null;
}

/** A plain stored value: JSON data, not a Y type or a binary. */
function isPlain(value: unknown): boolean {
  return !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array) && !(value instanceof Y.Doc);
}
