import { describe, expect, it } from 'vitest';
import { IdSchema, IsoDateSchema, newId } from '../../shared/index.js';

describe('IdSchema', () => {
  it.each(['a', 'c1234abcd', 'henvist', 'uge_12', 'A-b_9', 'x'.repeat(64)])(
    'accepts the URL- and Yjs-safe id %j',
    (id) => {
      expect(IdSchema.safeParse(id).success).toBe(true);
    },
  );

  it.each(['', 'x'.repeat(65), 'has space', 'sti/til', 'ø', 'a.b', 'a?b', '../x', 'æble'])('rejects %j', (id) => {
    expect(IdSchema.safeParse(id).success).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(IdSchema.safeParse(42).success).toBe(false);
    expect(IdSchema.safeParse(null).success).toBe(false);
  });
});

describe('IsoDateSchema', () => {
  it.each(['2026-11-24', '2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '1970-01-01', '0099-06-15'])(
    'accepts the real calendar date %s',
    (d) => {
      expect(IsoDateSchema.parse(d)).toBe(d);
    },
  );

  it.each([
    '2026-02-30',
    '2026-02-31',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-06-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-01-32',
  ])('rejects the impossible date %s', (d) => {
    expect(IsoDateSchema.safeParse(d).success).toBe(false);
  });

  it.each(['24-11-2026', '2026-1-5', '2026/11/24', '2026-11-24T00:00:00Z', ' 2026-11-24', '20261124', ''])(
    'rejects the wrongly shaped value %j',
    (d) => {
      expect(IsoDateSchema.safeParse(d).success).toBe(false);
    },
  );
});

describe('newId', () => {
  it('is a valid id of 16 url-safe characters', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(IdSchema.safeParse(id).success).toBe(true);
  });

  it('puts the prefix in front', () => {
    const id = newId('c');
    expect(id).toMatch(/^c[0-9a-f]{16}$/);
    expect(IdSchema.safeParse(id).success).toBe(true);
  });

  it('does not repeat across many calls', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId('c')));
    expect(ids.size).toBe(5000);
  });
});
