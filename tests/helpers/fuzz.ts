/**
 * Deterministic corruption of real Yjs updates for the hostile-frame fuzz
 * (tests/integration/fuzz.test.ts): a pinned-seed PRNG and the mutations a broken network,
 * a buggy client or an attacker produce — bit flips, truncations, splices of two updates,
 * duplicated and reordered byte ranges.
 */

export { seededRandom as prng } from '../../server/seed/random.js';

export const MUTATIONS = ['bitflip', 'truncate', 'splice', 'duplicate', 'reorder'] as const;
export type Mutation = (typeof MUTATIONS)[number];

const int = (rand: () => number, n: number) => Math.floor(rand() * n);

/**
 * A corrupted copy of `update` (never the same bytes): `other` is a second real update
 * for splices. Returns the bytes and which mutation made them.
 */
export function mutate(
  rand: () => number,
  update: Uint8Array,
  other: Uint8Array,
): { bytes: Uint8Array; kind: Mutation } {
  const kind = MUTATIONS[int(rand, MUTATIONS.length)]!;
  const bytes = apply(kind, rand, update, other);
  if (bytes.length === update.length && bytes.every((b, i) => b === update[i])) {
    // A no-op (e.g. a reorder of equal bytes): flip one bit so every frame is corrupt.
    const flipped = Uint8Array.from(update);
    const i = int(rand, flipped.length);
    flipped[i] = flipped[i]! ^ (1 << int(rand, 8));
    return { bytes: flipped, kind: 'bitflip' };
  }
  return { bytes, kind };
}

function apply(kind: Mutation, rand: () => number, u: Uint8Array, other: Uint8Array): Uint8Array {
  switch (kind) {
    case 'bitflip': {
      const out = Uint8Array.from(u);
      const flips = 1 + int(rand, 3);
      for (let f = 0; f < flips; f++) {
        const i = int(rand, out.length);
        out[i] = out[i]! ^ (1 << int(rand, 8));
      }
      return out;
    }
    case 'truncate': {
      // Mostly the tail cut off, sometimes the head.
      const cut = 1 + int(rand, u.length - 1);
      return rand() < 0.75 ? u.slice(0, cut) : u.slice(cut);
    }
    case 'splice': {
      const a = int(rand, u.length);
      const b = int(rand, other.length);
      return concat(u.subarray(0, a), other.subarray(b));
    }
    case 'duplicate': {
      const start = int(rand, u.length);
      const end = Math.min(u.length, start + 1 + int(rand, 16));
      return concat(u.subarray(0, end), u.subarray(start, end), u.subarray(end));
    }
    case 'reorder': {
      // Swap two adjacent ranges.
      const a = int(rand, u.length);
      const b = Math.min(u.length, a + 1 + int(rand, 12));
      const c = Math.min(u.length, b + 1 + int(rand, 12));
      return concat(u.subarray(0, a), u.subarray(b, c), u.subarray(a, b), u.subarray(c));
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
