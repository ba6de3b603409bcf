import { generateKeyBetween } from 'fractional-indexing';

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
  const i = Math.max(0, Math.min(index, siblings.length));
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
  if (current === overIndex) return null;
  return keyForIndex(without, overIndex);
}
