/**
 * Checks a whole board doc against the layout (shared/doc/layout.ts), walking every root,
 * record, field and nested item with the layout's own zod schemas. Independent of the
 * server's ChangeCollector/checkLayout, so a test can tell the live board is valid even
 * where the gate's incremental check might have missed something.
 */
import * as Y from 'yjs';
import { BoardMetaSchema } from '../../shared/model/board.js';
import { BOARD_LAYOUT, conforms, isRootName, keyMatches, type ValueMapSpec } from '../../shared/doc/layout.js';

const isPlain = (v: unknown) => !(v instanceof Y.AbstractType) && !(v instanceof Uint8Array) && !(v instanceof Y.Doc);

/** Every place the board breaks the layout, as `problem: path` (empty: valid). */
export function boardProblems(doc: Y.Doc): string[] {
  const out: string[] = [];
  for (const [name, type] of doc.share) {
    if (!isRootName(name)) {
      // A root the doc only knows by reference (never written) holds nothing.
      if (type._start !== null || type._map.size > 0) out.push(`unknown root: ${name}`);
      continue;
    }
    const root = doc.getMap<unknown>(name);
    if (root._start !== null) out.push(`list content: ${name}`);
    const spec = BOARD_LAYOUT[name];
    if (spec.kind === 'fixed') {
      for (const [field, schema] of Object.entries(spec.fields)) {
        const v = root.get(field);
        // The board's identity is always there; other settings (cadenceTemplateId) may be unset.
        if (v === undefined) {
          if (Object.hasOwn(BoardMetaSchema.shape, field)) out.push(`missing: ${name}.${field}`);
        } else if (!isPlain(v) || !conforms(schema, v)) out.push(`invalid: ${name}.${field}`);
      }
      for (const key of root.keys()) if (!Object.hasOwn(spec.fields, key)) out.push(`unknown key: ${name}.${key}`);
    } else if (spec.kind === 'values') {
      out.push(...valueMapProblems(name, spec, root));
    } else {
      if (root.size > spec.maxEntries) out.push(`too many: ${name}`);
      for (const [key, record] of root.entries()) {
        const path = `${name}.${key}`;
        if (!spec.key.safeParse(key).success) out.push(`invalid key: ${path}`);
        if (!(record instanceof Y.Map)) {
          out.push(`not a record: ${path}`);
          continue;
        }
        if (record._start !== null) out.push(`list content: ${path}`);
        for (const field of spec.required) if (!record.has(field)) out.push(`missing: ${path}.${field}`);
        for (const [field, v] of record.entries()) {
          const plain = spec.fields[field];
          const nested = spec.nested[field];
          if (plain) {
            if (!isPlain(v) || !conforms(plain, v)) out.push(`invalid: ${path}.${field}`);
          } else if (nested) {
            if (v instanceof Y.Map) out.push(...valueMapProblems(`${path}.${field}`, nested, v));
            else out.push(`invalid: ${path}.${field}`);
          } else out.push(`unknown field: ${path}.${field}`);
        }
      }
    }
  }
  out.push(...placeProblems(doc));
  return out;
}

function valueMapProblems(path: string, spec: ValueMapSpec, map: Y.Map<unknown>): string[] {
  const out: string[] = [];
  if (map.size > spec.maxEntries) out.push(`too many: ${path}`);
  if (map._start !== null) out.push(`list content: ${path}`);
  for (const [key, v] of map.entries()) {
    const ok = spec.key.safeParse(key).success && isPlain(v) && conforms(spec.value, v) && keyMatches(spec, key, v);
    if (!ok) out.push(`invalid: ${path}.${key}`);
  }
  return out;
}

/** Every card sits in an existing column; only cards in a closed column have a closure. */
function placeProblems(doc: Y.Doc): string[] {
  const out: string[] = [];
  const phases = doc.getMap<unknown>('phases');
  for (const [id, card] of doc.getMap<unknown>('cards').entries()) {
    if (!(card instanceof Y.Map)) continue;
    const position = card.get('position') as { phaseId?: string } | undefined;
    const phase = position?.phaseId !== undefined ? (phases.get(position.phaseId) as { kind?: string }) : undefined;
    if (!phase) out.push(`no column: cards.${id}`);
    const closure = card.get('closure');
    if (closure !== undefined && closure !== null && phase?.kind !== 'closed')
      out.push(`closure in open column: cards.${id}`);
  }
  return out;
}

/** Throws with every problem when `doc` does not fit the layout. */
export function assertBoardValid(doc: Y.Doc): void {
  const problems = boardProblems(doc);
  if (problems.length > 0) throw new Error(`board does not fit the layout:\n${problems.slice(0, 20).join('\n')}`);
}
