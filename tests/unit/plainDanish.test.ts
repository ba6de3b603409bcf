import { describe, expect, it } from 'vitest';
import { da } from '../../client/src/i18n/da';

/*
 * Plain Danish on staff screens (R32, issue #12 point 4): the words the staff do not use
 * themselves stay out of the Danish UI text. The visitator's own terms (visitation,
 * forløbstype) are allowed; office and developer words are not.
 */
const BANNED = [
  'revisionsspor', // → "Log over ændringer"
  'udfald', // → "Hvordan endte forløbet?"
  'markdown', // → "Kopiér som tekst"
  'afgørelse', // → "Beslutning" (the team decides together with the visitator)
  'sagsbehandl',
  'bevillingsskrivelse',
  'funktionsevnetilstand',
  'ydelsespakke',
  'json',
  'uuid',
];

/** Every string in a nested i18n resource, with its key path. */
function strings(node: unknown, path = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[path, node]];
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

describe('plain Danish on staff screens', () => {
  const all = strings(da);

  it('reads the whole Danish resource (a sanity check that the walk found the text)', () => {
    expect(all.length).toBeGreaterThan(500);
    expect(all).toContainEqual(['audit.title', 'Log over ændringer']);
  });

  it.each(BANNED)('no Danish UI text contains "%s"', (word) => {
    const hits = all.filter(([, text]) => text.toLowerCase().includes(word)).map(([key, text]) => `${key}: ${text}`);
    expect(hits).toEqual([]);
  });
});
