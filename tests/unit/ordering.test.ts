import { describe, expect, it } from 'vitest';
import { compareKeyed, isValidOrderKey, keyForIndex, keyForMove, type Keyed } from '../../shared/index.js';

/** Builds a sorted column with fresh keys: ids a, b, c, ... */
function column(n: number): Keyed[] {
  const out: Keyed[] = [];
  for (let i = 0; i < n; i++) out.push({ id: String.fromCharCode(97 + i), key: keyForIndex(out, i) });
  return out;
}

/** Applies a move the way the board does and returns the resulting id order. */
function orderAfter(list: Keyed[], id: string, key: string): string[] {
  return list
    .map((k) => (k.id === id ? { id, key } : k))
    .sort(compareKeyed)
    .map((k) => k.id);
}

describe('compareKeyed', () => {
  it('orders by key in plain code-unit order (not locale order)', () => {
    // 'Z' (0x5a) < 'a' (0x61) in code units; localeCompare would say otherwise
    expect(compareKeyed({ id: 'x', key: 'Zz' }, { id: 'y', key: 'a0' })).toBeLessThan(0);
    expect(compareKeyed({ id: 'x', key: 'a1' }, { id: 'y', key: 'a0' })).toBeGreaterThan(0);
    expect(compareKeyed({ id: 'x', key: 'a0' }, { id: 'y', key: 'a0V' })).toBeLessThan(0);
  });

  it('breaks key ties by id, so equal keys still sort the same on every device', () => {
    expect(compareKeyed({ id: 'c1', key: 'a0' }, { id: 'c2', key: 'a0' })).toBeLessThan(0);
    expect(compareKeyed({ id: 'c2', key: 'a0' }, { id: 'c1', key: 'a0' })).toBeGreaterThan(0);
    expect(compareKeyed({ id: 'c1', key: 'a0' }, { id: 'c1', key: 'a0' })).toBe(0);
  });

  it('gives the same order whatever order the items arrive in', () => {
    const items: Keyed[] = [
      { id: 'b', key: 'a0' },
      { id: 'a', key: 'a0' },
      { id: 'c', key: 'Zz' },
      { id: 'd', key: 'a1' },
    ];
    const sorted = [...items].sort(compareKeyed).map((k) => k.id);
    expect(sorted).toEqual(['c', 'a', 'b', 'd']);
    expect(
      [...items]
        .reverse()
        .sort(compareKeyed)
        .map((k) => k.id),
    ).toEqual(sorted);
  });
});

describe('keyForIndex', () => {
  it('gives a first key for an empty column', () => {
    expect(keyForIndex([], 0)).toBe('a0');
  });

  it.each([0, 1, 2, 3])('places an item at index %i of a three-item column', (index) => {
    const list = column(3);
    const key = keyForIndex(list, index);
    expect(isValidOrderKey(key)).toBe(true);
    const order = [...list, { id: 'new', key }].sort(compareKeyed).map((k) => k.id);
    expect(order.indexOf('new')).toBe(index);
  });

  it('clamps the index into [0, length]', () => {
    const list = column(3);
    const first = [...list, { id: 'new', key: keyForIndex(list, -5) }].sort(compareKeyed);
    const last = [...list, { id: 'new', key: keyForIndex(list, 99) }].sort(compareKeyed);
    expect(first[0]!.id).toBe('new');
    expect(last[3]!.id).toBe('new');
  });

  it('treats fractional indexes as the index below and NaN as the end', () => {
    const list = column(3);
    expect(keyForIndex(list, 1.7)).toBe(keyForIndex(list, 1));
    expect(keyForIndex(list, Number.NaN)).toBe(keyForIndex(list, 3));
    expect(keyForIndex(list, Infinity)).toBe(keyForIndex(list, 3));
    expect(keyForIndex(list, -Infinity)).toBe(keyForIndex(list, 0));
  });

  it('never renumbers: every key stays between its neighbours after many inserts at one spot', () => {
    const list = column(2);
    for (let i = 0; i < 200; i++) {
      list.splice(1, 0, { id: `n${i}`, key: keyForIndex(list, 1) });
      list.sort(compareKeyed);
      expect(list[1]!.id).toBe(`n${i}`);
    }
    expect(list[0]!.id).toBe('a');
    expect(list.at(-1)!.id).toBe('b');
  });

  it('survives duplicate keys from concurrent inserts and gives a valid key', () => {
    // two peers inserted at the same place at the same time: both got 'a1'
    const tied: Keyed[] = [
      { id: 'a', key: 'a0' },
      { id: 'x', key: 'a1' },
      { id: 'y', key: 'a1' },
      { id: 'b', key: 'a2' },
    ];
    for (let index = 0; index <= tied.length; index++) {
      const key = keyForIndex(tied, index);
      expect(isValidOrderKey(key)).toBe(true);
      const order = [...tied, { id: 'new', key }].sort(compareKeyed).map((k) => k.id);
      // between two equal keys no key can land in the middle: it goes right after the tie
      const expected = index === 2 ? 3 : index;
      expect(order.indexOf('new')).toBe(expected);
    }
  });

  it('handles a whole column of equal keys', () => {
    const tied: Keyed[] = ['a', 'b', 'c'].map((id) => ({ id, key: 'a0' }));
    expect(isValidOrderKey(keyForIndex(tied, 0))).toBe(true);
    expect(keyForIndex(tied, 0) < 'a0').toBe(true);
    expect(keyForIndex(tied, 1) > 'a0').toBe(true);
    expect(keyForIndex(tied, 3) > 'a0').toBe(true);
  });
});

describe('keyForMove', () => {
  const list = column(4); // a b c d

  it('returns null when a card is dropped where it already is', () => {
    for (let i = 0; i < list.length; i++) expect(keyForMove(list, list[i]!.id, i)).toBeNull();
  });

  it('returns null when the last card is dropped past the end', () => {
    expect(keyForMove(list, 'd', 10)).toBeNull();
    expect(keyForMove(list, 'a', -3)).toBeNull();
  });

  it('moves a card down within its column', () => {
    const key = keyForMove(list, 'a', 2)!;
    expect(orderAfter(list, 'a', key)).toEqual(['b', 'c', 'a', 'd']);
    expect(orderAfter(list, 'a', keyForMove(list, 'a', 3)!)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('moves a card up within its column', () => {
    expect(orderAfter(list, 'd', keyForMove(list, 'd', 0)!)).toEqual(['d', 'a', 'b', 'c']);
    expect(orderAfter(list, 'c', keyForMove(list, 'c', 1)!)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('moves a card one step in either direction', () => {
    expect(orderAfter(list, 'b', keyForMove(list, 'b', 2)!)).toEqual(['a', 'c', 'b', 'd']);
    expect(orderAfter(list, 'c', keyForMove(list, 'c', 1)!)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('places a card from another column at the drop index', () => {
    for (let i = 0; i <= list.length; i++) {
      const key = keyForMove(list, 'other', i)!;
      expect(key).not.toBeNull();
      const order = [...list, { id: 'other', key }].sort(compareKeyed).map((k) => k.id);
      expect(order.indexOf('other')).toBe(i);
    }
  });

  it('places a card in an empty column', () => {
    expect(keyForMove([], 'x', 0)).toBe('a0');
  });
});

describe('isValidOrderKey', () => {
  it.each(['a0', 'a1', 'Zz', 'a0V', 'b00', 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'])('accepts %j', (key) => {
    expect(isValidOrderKey(key)).toBe(true);
  });

  it.each(['', '0', 'a', 'a00', 'a10', 'b0', 'A00000000000000000000000000', 'a-0', 'æ0'])('rejects %j', (key) => {
    expect(isValidOrderKey(key)).toBe(false);
  });
});
