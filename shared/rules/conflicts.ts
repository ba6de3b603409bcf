import { FREE_TEXT_FIELDS, type ConflictField, type FieldConflict } from '../model/conflict.js';
import { mergeText } from './textMerge.js';

/*
 * The rule for concurrent edits of one card field (docs/protocol.md "Concurrent edits"):
 * what the server had first stays, because that is what everyone else already saw; an
 * edit made without seeing it does not overwrite it. Free text is merged first, and only
 * changes to the same words are a conflict. A conflict keeps both values: the card shows
 * the kept one, and the person whose change did not stay is told and can restore theirs.
 * The rule depends on the order updates reached the server only, never on Yjs clientIDs.
 */

export interface EditResolution {
  /** The field's value after the server's resolution. */
  value: unknown;
  /** Both changed it differently and no merge exists: record a conflict for the writer. */
  conflict: boolean;
}

/**
 * `base`: what the writer saw (undefined when the server no longer knows it); `current`:
 * what the server had; `mine`: the writer's value. `fits`: does a merged value fit the field.
 */
export function resolveConcurrentEdit(
  field: ConflictField,
  base: unknown,
  current: unknown,
  mine: unknown,
  fits: (value: unknown) => boolean,
): EditResolution {
  if (current === undefined || sameValue(current, mine)) return { value: mine, conflict: false };
  if (
    FREE_TEXT_FIELDS.has(field) &&
    typeof base === 'string' &&
    typeof current === 'string' &&
    typeof mine === 'string'
  ) {
    const merged = mergeText(base, current, mine);
    if (merged !== null && fits(merged)) return { value: merged, conflict: false };
  }
  if (field === 'goals' && isRecord(base) && isRecord(current) && isRecord(mine)) {
    const merged = mergeGoal(base, current, mine);
    if (merged !== null && fits(merged)) return { value: merged, conflict: false };
  }
  return { value: current, conflict: true };
}

/**
 * A goal edited by two people from the same goal: each key from whoever changed it, the
 * text merged as text, `updatedAt` the later; null when both changed another key differently.
 */
function mergeGoal(
  base: Record<string, unknown>,
  current: Record<string, unknown>,
  mine: Record<string, unknown>,
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(current), ...Object.keys(mine)])) {
    const [b, c, m] = [base[key], current[key], mine[key]];
    if (key === 'updatedAt') out[key] = String(c ?? '') > String(m ?? '') ? c : m;
    else if (sameValue(c, m) || sameValue(b, m)) out[key] = c;
    else if (sameValue(b, c)) out[key] = m;
    else if (key === 'text' && typeof b === 'string' && typeof c === 'string' && typeof m === 'string') {
      const text = mergeText(b, c, m);
      if (text === null) return null;
      out[key] = text;
    } else return null;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * May `userId` make this change to a card's conflict record (null: absent)? Conflicts are
 * the server's; the person whose change was lost may only mark theirs resolved, once.
 */
export function conflictChangeAllowed(
  userId: string,
  before: FieldConflict | null,
  after: FieldConflict | null,
): boolean {
  if (before === null || after === null) return false;
  if (before.lost.by !== userId || before.resolvedAt !== undefined || after.resolvedAt === undefined) return false;
  return sameValue({ ...after, resolvedAt: undefined }, { ...before, resolvedAt: undefined });
}
