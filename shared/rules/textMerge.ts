import { diff3Merge } from 'node-diff3';

/*
 * Three-way merge of free text (docs/protocol.md "Concurrent edits"): two people changed
 * the same note from the same starting text; both changes are kept where they touch
 * different words. Word-level, so a typo fixed at the start and a sentence added at the
 * end of a one-line note both stay.
 */

/**
 * Words, runs of spaces and line breaks, and punctuation, each a token: joining the tokens
 * gives the text back. Punctuation apart, so "besøg" → "besøg." is an addition, not a change.
 */
function tokens(text: string): string[] {
  return text.split(/(\s+|[.,;:!?])/).filter((t) => t !== '');
}

/**
 * Merges `mine` and `theirs`, both edited from `base`. Both adding text at the same place
 * (nothing of the base removed there) keeps both, theirs first: it reached the server
 * first. Returns null when they changed the same words differently (a real conflict).
 */
export function mergeText(base: string, theirs: string, mine: string): string | null {
  if (theirs === mine || mine === base) return theirs;
  if (theirs === base) return mine;
  const out: string[] = [];
  for (const region of diff3Merge(tokens(theirs), tokens(base), tokens(mine), { excludeFalseConflicts: true })) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) {
      const { a, o, b } = region.conflict;
      if (o.length > 0) return null;
      out.push(...a, ...spaceBetween(a, b), ...b);
    }
  }
  return out.join('');
}

/** Two insertions at one place joined: a space (or the line break one of them ends with) between. */
function spaceBetween(a: string[], b: string[]): string[] {
  const last = a[a.length - 1] ?? '';
  const first = b[0] ?? '';
  if (/\s$/.test(last) || /^[\s.,;:!?]/.test(first)) return [];
  return [' '];
}
