import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Cards are ordered inside a column by a fractional-indexing key, tie-broken by id.
 * A move writes one new key for the moved card only, so concurrent moves of different
 * cards never renumber (and never clobber) each other.
 */
export interface Keyed {
  id: string;
  key: string;
}

/** Total order used everywhere: by key (plain code-unit order, as the library requires), then id. */
export function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * Key that places an item at `index` among `siblings` (sorted, not containing the item).
 * Index is clamped to [0, siblings.length]. Equal neighbour keys (a tie from concurrent
 * inserts) fall back to the nearest distinct key above, which keeps the result valid.
 */
export function keyForIndex(siblings: readonly Keyed[], index: number): string {
  const i = clampIndex(index, siblings.length);
  const before = i > 0 ? siblings[i - 1]!.key : null;
  let after: string | null = null;
  for (let j = i; j < siblings.length; j++) {
    const k = siblings[j]!.key;
    if (before === null || k > before) {
      after = k;
      break;
    }
  }
  return generateKeyBetween(before, after);
}

/**
 * Pure move helper for drag and drop: where does `id` go when dropped at `overIndex`
 * of the target list? Returns the new key, or null when the drop changes nothing.
 */
export function keyForMove(target: readonly Keyed[], id: string, overIndex: number): string | null {
  const current = target.findIndex((s) => s.id === id);
  const without = target.filter((s) => s.id !== id);
  const to = clampIndex(overIndex, without.length);
  if (current === to) return null;
  return keyForIndex(without, to);
}

/**
 * `n` fresh keys in ascending order ('a0', 'a1', …): the same for the same `n`, so a list
 * given new keys in its order shows that order and nothing of the keys it had.
 */
export function sequentialKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}

/**
 * True when `key` is a well-formed fractional-indexing key. The schema's base-62 check
 * lets through keys the library refuses (e.g. "0", "a00"); a raw client could write one,
 * and a column holding it would make every later insert next to it throw.
 */
export function isValidOrderKey(key: string): boolean {
  if (!/^[0-9A-Za-z]+$/.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** Whole index in [0, length]; fractions round down, NaN goes to the end. */
function clampIndex(index: number, length: number): number {
  if (Number.isNaN(index)) return length;
  return Math.max(0, Math.min(Math.floor(index), length));
}
