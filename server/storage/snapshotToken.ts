import { createHash } from 'node:crypto';
import type { CompactHint, StoredUpdate } from './types.js';

/** Names a stored snapshot by its content (types.ts CompactHint.basis). */
export function snapshotToken(snapshot: Uint8Array | null): string {
  return snapshot ? createHash('sha1').update(snapshot).digest('base64url') : 'none';
}

/**
 * Whether a compaction may write the hint's doc instead of folding: the stored snapshot is the
 * one the doc came from and every row read is in the doc. Then the doc holds all of it.
 */
export function hintCovers(
  hint: CompactHint | undefined,
  stored: { snapshot: Uint8Array | null; updates: readonly StoredUpdate[] },
): hint is CompactHint {
  return (
    hint !== undefined &&
    hint.basis === snapshotToken(stored.snapshot) &&
    stored.updates.every((u) => hint.contains(u.seq))
  );
}
