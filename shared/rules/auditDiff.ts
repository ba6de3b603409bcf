import type { Card, Triage } from '../model/card.js';

/**
 * What changed on one card between two plain states, for the audit log (R36). Pure: the
 * server feeds it the card as it was before a peer's update and after it, and writes one
 * audit entry per change. Values are plain scalars (text truncated), so an entry never
 * carries a whole card.
 */
export type AuditValue = string | number | boolean | null;

export type AuditChange =
  | { kind: 'created'; phaseId: string }
  | { kind: 'deleted'; phaseId: string }
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'closed'; outcome: string; closedOn: string }
  | { kind: 'reopened' }
  | { kind: 'triage'; from: Triage; to: Triage }
  | { kind: 'field'; field: string; from: AuditValue; to: AuditValue };

/** Longest text kept in an audit value; longer text is cut and ends with "…". */
export const AUDIT_TEXT_MAX = 200;

export function truncateAuditText(s: string, max = AUDIT_TEXT_MAX): string {
  if (s.length <= max) return s; // UTF-16 length ≥ code points: nothing to cut
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Keys never reported as field changes: bookkeeping that follows from another change
 * (`phaseEnteredAt` from a move, `updatedAt` from an edit) or never changes (`id`,
 * `createdAt`). Position and triage and closure have their own change kinds.
 */
const SKIPPED = new Set(['id', 'createdAt', 'updatedAt', 'phaseEnteredAt', 'movedAt', 'position', 'triage', 'closure']);

/** Keyed collections of the lifecycle: arrays of items with an `id`, or records by id. */
const COLLECTIONS = new Set([
  'followUps',
  'decisions',
  'goals',
  'relatives',
  'requests',
  'swaps',
  'declines',
  'offerLinks',
]);

/** One line that stands for a whole item when it is added or removed. */
function itemSummary(item: Record<string, unknown>): AuditValue {
  for (const key of ['text', 'name', 'reason', 'code', 'date', 'what']) {
    const v = item[key];
    if (typeof v === 'string' && v !== '') {
      const code = key !== 'code' && typeof item.code === 'string' ? `${item.code}: ` : '';
      const kind = key === 'reason' && typeof item.kind === 'string' ? `${item.kind}: ` : '';
      return scalar(`${code}${kind}${v}`);
    }
  }
  return scalar(item.id ?? '');
}

function scalar(v: unknown): AuditValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return truncateAuditText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return truncateAuditText(v.map((x) => String(x)).join(', '));
  return truncateAuditText(JSON.stringify(v));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array of items with ids, or a record keyed by id, as a map id → item. */
function keyed(v: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (Array.isArray(v)) {
    for (const item of v) if (isRecord(item) && typeof item.id === 'string') out.set(item.id, item);
  } else if (isRecord(v)) {
    for (const [id, item] of Object.entries(v)) if (isRecord(item)) out.set(id, item);
  }
  return out;
}

/**
 * Flattens plain values to `path → scalar`: nested objects become `a.b`, arrays of
 * scalars one comma-separated value. Collections are handled by the caller.
 */
function flatten(value: Record<string, unknown>, prefix: string, out: Map<string, AuditValue>): void {
  for (const [key, v] of Object.entries(value)) {
    if (SKIPPED.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(v)) flatten(v, path, out);
    else out.set(path, scalar(v));
  }
}

function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string,
  out: AuditChange[],
): void {
  const a = new Map<string, AuditValue>();
  const b = new Map<string, AuditValue>();
  flatten(before, prefix, a);
  flatten(after, prefix, b);
  diffFlat(a, b, out);
}

function diffFlat(a: ReadonlyMap<string, AuditValue>, b: ReadonlyMap<string, AuditValue>, out: AuditChange[]): void {
  for (const [field, from] of a) {
    const to = b.get(field) ?? null;
    if (from !== to) out.push({ kind: 'field', field, from, to });
  }
  for (const [field, to] of b) {
    if (!a.has(field) && to !== null) out.push({ kind: 'field', field, from: null, to });
  }
}

function collectionChanges(name: string, before: unknown, after: unknown, out: AuditChange[]): void {
  // The board reader gives an unchanged collection as the same (frozen) value.
  if (before === after) return;
  const a = keyed(before);
  const b = keyed(after);
  for (const [id, item] of b) {
    const prior = a.get(id);
    if (!prior) out.push({ kind: 'field', field: `${name}.${id}`, from: null, to: itemSummary(item) });
    // The same object read twice (the board reader keeps an unchanged item's parse) has no changes.
    else if (prior !== item) fieldChanges(prior, item, `${name}.${id}`, out);
  }
  for (const [id, item] of a) {
    if (!b.has(id)) out.push({ kind: 'field', field: `${name}.${id}`, from: itemSummary(item), to: null });
  }
}

/**
 * Cards flattened, by card object: the write gate's card after one update is its card
 * before the next, so each card read is flattened once, not once per side of two diffs.
 */
const flatCards = new WeakMap<Card, ReadonlyMap<string, AuditValue>>();

/** The card's own fields and its lifecycle's flattened side by side (their keys never clash). */
function flatCard(card: Card): ReadonlyMap<string, AuditValue> {
  let flat = flatCards.get(card);
  if (flat === undefined) flatCards.set(card, (flat = flattenCard(card)));
  return flat;
}

function flattenCard(card: Card): Map<string, AuditValue> {
  const out = new Map<string, AuditValue>();
  const { lifecycle, ...base } = card;
  flatten(base, '', out);
  for (const [key, v] of Object.entries(lifecycle)) {
    if (SKIPPED.has(key) || COLLECTIONS.has(key)) continue;
    if (isRecord(v)) flatten(v, key, out);
    else out.set(key, scalar(v));
  }
  return out;
}

/**
 * The changes from `before` to `after` (null = the card does not exist), in a stable order:
 * created/deleted, moved, closed/reopened, triage, then field changes in key order. A
 * created card reports only `created` (its first values are the card itself, read at the
 * time of reading); a deleted one only `deleted`. Reordering inside one column is not a
 * change worth an audit entry.
 */
export function auditDiff(before: Card | null, after: Card | null): AuditChange[] {
  if (!before && !after) return [];
  if (!before) return [{ kind: 'created', phaseId: after!.position.phaseId }];
  if (!after) return [{ kind: 'deleted', phaseId: before.position.phaseId }];
  const out: AuditChange[] = [];
  if (before.position.phaseId !== after.position.phaseId) {
    out.push({ kind: 'moved', from: before.position.phaseId, to: after.position.phaseId });
  }
  const wasClosed = before.lifecycle.closure;
  const isClosed = after.lifecycle.closure;
  if (!wasClosed && isClosed) out.push({ kind: 'closed', outcome: isClosed.outcome, closedOn: isClosed.closedOn });
  else if (wasClosed && !isClosed) out.push({ kind: 'reopened' });
  if (before.triage !== after.triage) out.push({ kind: 'triage', from: before.triage, to: after.triage });

  diffFlat(flatCard(before), flatCard(after), out);
  // A closure edited while closed (outcome, note, ...) is reported field by field.
  if (wasClosed && isClosed) fieldChanges({ ...wasClosed }, { ...isClosed }, 'closure', out);
  for (const name of COLLECTIONS) {
    collectionChanges(
      name,
      before.lifecycle[name as keyof Card['lifecycle']],
      after.lifecycle[name as keyof Card['lifecycle']],
      out,
    );
  }
  return out;
}
