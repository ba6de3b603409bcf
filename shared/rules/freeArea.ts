import { FREE_LAYOUT_FIELDS, type FreeItem } from '../model/freeArea.js';
import type { Role } from '../model/user.js';
import { toIsoDate } from './dates.js';
import { weekKey } from './time.js';

/*
 * The free area's rules (issue #16), pure: when an item has expired, who may change or
 * delete it, and which items the wall screen may show.
 */

/**
 * Has `item` expired at `now`? "i dag" lasts the Danish calendar day it was written on,
 * "denne uge" the ISO week (Monday–Sunday, Danish calendar) it was written in.
 *
 * Expired items are ignored, not deleted by a server job: every view filters them with this
 * rule, and the next person who writes on the free area sweeps them away in the same
 * transaction (anyone may delete an expired item, see `freeItemRefusal`). A server sweep
 * would be a timer writing into every loaded board at midnight for something nobody reads;
 * the layout's cap (MAX_FREE_ITEMS) bounds what lingers on a board nobody writes to.
 */
export function isExpired(item: Pick<FreeItem, 'expiry' | 'at'>, now: Date): boolean {
  if (item.expiry === null) return false;
  const written = new Date(item.at);
  if (Number.isNaN(written.getTime())) return true;
  const today = toIsoDate(now);
  const day = toIsoDate(written);
  return item.expiry === 'dag' ? today > day : weekKey(today) > weekKey(day);
}

/** The items a person sees at `now`: not expired, oldest first (later ones lie on top). */
export function liveFreeItems<T extends FreeItem>(items: readonly T[], now: Date): T[] {
  return items.filter((i) => !isExpired(i, now)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * Roles that keep the free area tidy: they may delete anyone's item. Others delete their own
 * (and anyone's expired item). Nobody rewrites another person's words, not even these: a
 * note says who wrote it, so its text, colour, expiry and "vis på skærmen" stay the author's.
 */
export const FREE_AREA_MODERATORS: ReadonlySet<Role> = new Set<Role>(['koordinator', 'leder', 'administrator']);

/** An item written this far ahead of the server's clock is refused (it would never expire). */
const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

export type FreeAreaRefusalCode = 'free_item_author' | 'free_item_delete';

/**
 * Why `userId` (with `role`) may not take the item from `before` to `after` (null: created /
 * deleted), or null when allowed. Anyone may move and resize; only the author changes the
 * rest; `by`, `at`, `kind` never change. Judged at the server's `now`.
 */
export function freeItemRefusal(
  role: Role,
  userId: string,
  before: FreeItem | null,
  after: FreeItem | null,
  now: Date,
): FreeAreaRefusalCode | null {
  if (before === null && after === null) return null;
  if (after === null) {
    const b = before!;
    return b.by === userId || FREE_AREA_MODERATORS.has(role) || isExpired(b, now) ? null : 'free_item_delete';
  }
  if (before === null) {
    if (after.by !== userId) return 'free_item_author';
    return Date.parse(after.at) > now.getTime() + MAX_CLOCK_SKEW_MS ? 'free_item_author' : null;
  }
  if (before.by !== after.by || before.at !== after.at || before.kind !== after.kind) return 'free_item_author';
  if (before.by === userId) return null;
  const layout = new Set<string>(FREE_LAYOUT_FIELDS);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (layout.has(key)) continue;
    const a: unknown = (before as Record<string, unknown>)[key];
    const b: unknown = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) return 'free_item_author';
  }
  return null;
}

export function freeAreaRefusalMessage(code: FreeAreaRefusalCode): string {
  return code === 'free_item_delete'
    ? 'Du kan kun slette dine egne beskeder. En koordinator eller leder kan slette andres.'
    : 'Du kan flytte andres beskeder, men kun den, der skrev dem, kan rette dem.';
}

/** Letters only, lower case, æ/ø/å and accents folded, so "Søren" matches "soren" and "Soeren". */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .toLocaleLowerCase('da-DK')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}]/gu, '');
}

const tokens = (text: string): string[] => text.split(/[^\p{L}\p{M}]+/u).filter((w) => w !== '');
const words = (text: string): string[] =>
  tokens(text)
    .map(foldWord)
    .filter((w) => w !== '');
/** "Søren" and "Soeren" fold differently (ø → oe): the second spelling, without the e/a. */
const plain = (w: string): string => w.replace(/oe/g, 'o').replace(/ae/g, 'a').replace(/aa/g, 'a');
/** Initials are kept apart, as written (capitals): "kl." must not match a citizen "KL". */
const INITIALS = '#';

/**
 * Every word a citizen on the board could be named by: each part of each name (of two letters
 * or more) folded, in both spellings of æ/ø/å, and the card's initials (two letters or more)
 * in capitals, as people write them.
 */
export function citizenWords(cards: readonly { name: string; initials: string }[]): Set<string> {
  const out = new Set<string>();
  for (const c of cards) {
    for (const w of words(c.name)) {
      if (w.length < 2) continue;
      out.add(w);
      out.add(plain(w));
    }
    const initials = tokens(c.initials.normalize('NFC')).join('').toLocaleUpperCase('da-DK');
    if (initials.length >= 2) out.add(INITIALS + initials);
  }
  return out;
}

/**
 * Does `text` name a citizen of the board? A word of it that is a part of a citizen's name,
 * spelt with or without æ/ø/å, in any case, or their initials written in capitals. Errs
 * towards yes ("1 bil per vagt" stays off the wall on a board with a citizen called Per):
 * the cost of a false yes is a note that stays off the wall, of a false no a citizen named
 * in a shared room.
 */
export function namesCitizen(text: string, citizens: ReadonlySet<string>): boolean {
  return tokens(text.normalize('NFC')).some((token) => {
    if (token.length >= 2 && token === token.toLocaleUpperCase('da-DK') && citizens.has(INITIALS + token)) return true;
    const w = foldWord(token);
    return w !== '' && (citizens.has(w) || citizens.has(plain(w)));
  });
}

/**
 * The items the wall screen may show at `now` (always privacy mode): those the author marked
 * "Vis på skærmen", not expired, and — for notes and text — whose words name no citizen of
 * the board. Such a note is left off whole rather than shown with the name blanked out: the
 * rest of a sentence about a citizen ("… faldet i nat") can say who it is to the room.
 * A drawing cannot be read for names: the author's tick is all there is (docs/domain-rules.md).
 */
export function wallFreeItems(items: readonly FreeItem[], citizens: ReadonlySet<string>, now: Date): FreeItem[] {
  return liveFreeItems(items, now).filter(
    (i) => i.onScreen && (i.kind === 'stroke' || !namesCitizen(i.text, citizens)),
  );
}
