import * as Y from 'yjs';
import { readDoc, type MapRead, type Touched } from './changes.js';
import { BOARD_LAYOUT, type RootName } from './layout.js';

/*
 * The common update told from its decoded structs alone: plain values set on existing cards
 * (a move, a field edit, a triage colour), items added to or replaced in a card's collections
 * (a decision, a goal, a visitator's answer) and new entries in the board's plain value lists
 * (a triage event), each by someone who saw the value they replace. For such an update the
 * doc after it is the doc before it with those values set, which Yjs guarantees (below), so
 * the write gate can judge it against the live doc and these values instead of applying it
 * to a staging copy of the board first (issue #15: that second copy was half the boards'
 * memory and a second integration of every edit). Anything else returns null and takes the
 * staging copy, as every update did before.
 *
 * Why the values are exactly what Yjs will hold: a map key's items form a list whose last
 * item is the value. An item whose origin is that last item, with no right origin, is
 * integrated right after it and becomes the last (Item.integrate; a conflict only arises
 * between items with the same left, and the held item has none to its right). An item with
 * no origin under a key that has never held an item is the key's only item. An item whose
 * parent is deleted would be deleted at once, so the parent must be alive; a clock that does
 * not follow the sender's last one would wait as pending, so clocks must follow on.
 */

/**
 * A card's collections whose items an update may add or replace here: all but the card log
 * (its rules read the log before and after) and the conflict records (the server's alone).
 */
const PLAIN_COLLECTIONS: ReadonlySet<string> = new Set(
  Object.keys(BOARD_LAYOUT.cards.nested).filter((key) => !['log', 'logReads', 'conflicts'].includes(key)),
);

/** Roots whose plain entries an update may add or replace here: those the write rules read no more of than the layout. */
const PLAIN_ROOTS: ReadonlySet<RootName> = new Set([
  'triageEvents',
  'triageResponses',
  'lastDiscussed',
  'nominations',
  'questions',
]);

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** What an update of plain sets writes: as the change collector would report it, and the values by map. */
export interface PlainWrites {
  touched: Touched;
  /** Map (a root, a card or a card's collection, in the live doc) → key → the value the update sets. */
  values: Map<Y.Map<unknown>, Map<string, unknown>>;
}

/** The plain sets of `update` on `live`, or null when it does anything else (see above). */
export function plainWrites(live: Y.Doc, update: Pick<Decoded, 'structs' | 'ds'>): PlainWrites | null {
  const { structs, ds } = update;
  if (structs.length === 0) return null;
  const cards = live.getMap<unknown>('cards');
  const touched: Touched = new Map();
  const values = new Map<Y.Map<unknown>, Map<string, unknown>>();
  /** The items the update replaces (each key's held item), for its delete set. */
  const replaced: Y.Item[] = [];
  const nextClock = new Map<number, number>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || struct.length !== 1 || struct.rightOrigin !== null) return null;
    const content = struct.content;
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return null;
    const { client, clock } = struct.id;
    if (clock !== (nextClock.get(client) ?? Y.getState(live.store, client))) return null;
    nextClock.set(client, clock + 1);
    const slot = slotOf(live, struct);
    if (slot === null) return null;
    const { map, key, held } = slot;
    let byKey = values.get(map);
    if (byKey === undefined) values.set(map, (byKey = new Map()));
    // One set per key: a key set twice in one update is left to the staging copy.
    if (byKey.has(key)) return null;
    byKey.set(key, content.arr[0]);
    if (held !== null) replaced.push(held);
    const where = placeOf(map, cards, live);
    if (where === null) return null;
    let records = touched.get(where.root);
    if (records === undefined) touched.set(where.root, (records = new Map()));
    if (where.cardId === null) {
      records.set(key, 'whole');
      continue;
    }
    // A field of the card, or an item of one of its collections (which touches that collection).
    const field = where.collection ?? key;
    if (where.collection === null && !Object.hasOwn(BOARD_LAYOUT.cards.fields, key)) return null;
    const fields = records.get(where.cardId);
    if (fields === 'whole') return null;
    if (fields === undefined) records.set(where.cardId, new Set([field]));
    else fields.add(field);
  }
  // The only deletions: of the values the update replaces (Y.Map#set deletes the one it
  // overwrites). A range may span several of them: a delete set joins adjacent clocks.
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) {
      for (let at = clock; at < clock + len;) {
        const item = replaced.find((r) => r.id.client === client && r.id.clock <= at && at < r.id.clock + r.length);
        if (item === undefined) return null;
        at = item.id.clock + item.length;
      }
    }
  }
  return { touched, values };
}

/** Reads of the live doc as it will be once `writes` are applied (checkLayout's `read`). */
export function readAfter(writes: PlainWrites): MapRead {
  const read = (map: Y.Map<unknown>, key: string) => {
    const set = writes.values.get(map);
    return set?.has(key) ? { value: set.get(key), present: true } : readDoc(map, key);
  };
  const entries = (map: Y.Map<unknown>) => {
    const set = writes.values.get(map);
    return set === undefined ? readDoc.entries(map) : entriesAfter(map, set);
  };
  return Object.assign(read, { entries });
}

/**
 * A map's entries once `set` is applied, in Y.Map's order: a key keeps its place when its
 * value is replaced (the key's entry in the map's `_map` is updated), a new key comes last.
 */
function* entriesAfter(map: Y.Map<unknown>, set: ReadonlyMap<string, unknown>): Generator<[string, unknown]> {
  for (const [key, item] of map._map) {
    if (set.has(key)) yield [key, set.get(key)];
    else if (!item.deleted) yield [key, map.get(key)];
  }
  for (const [key, value] of set) if (!map._map.has(key)) yield [key, value];
}

/**
 * The map and key a decoded item sets in `live` and the item it replaces, or null when it is
 * not a set that is sure to become the key's value.
 */
function slotOf(live: Y.Doc, struct: Y.Item): { map: Y.Map<unknown>; key: string; held: Y.Item | null } | null {
  if (struct.origin !== null) {
    // Encoded with an origin, an item carries no parent: it is the origin's.
    const held = liveItem(live, struct.origin);
    if (held === null || held.parentSub === null || !(held.parent instanceof Y.Map)) return null;
    // The origin must be the last clock of the item the key holds now (what the writer saw).
    if (struct.origin.clock !== held.id.clock + held.length - 1) return null;
    const map = held.parent as Y.Map<unknown>;
    if (map._map.get(held.parentSub) !== held || !alive(map)) return null;
    return { map, key: held.parentSub, held };
  }
  const key = struct.parentSub;
  if (key === null) return null;
  const parent: unknown = struct.parent;
  let map: Y.Map<unknown> | null = null;
  if (typeof parent === 'string') {
    const root = live.share.get(parent);
    map = root instanceof Y.Map ? (root as Y.Map<unknown>) : null;
  } else if (parent instanceof Y.ID) {
    const owner = liveItem(live, parent);
    const type: unknown = owner?.content instanceof Y.ContentType ? owner.content.type : null;
    map = type instanceof Y.Map ? (type as Y.Map<unknown>) : null;
  }
  // A key that has held anything before takes its place by Yjs' ordering of concurrent items.
  if (map === null || map._map.has(key) || !alive(map)) return null;
  return { map, key, held: null };
}

/**
 * Where a map of the live doc sits: a plain-values root, a card the board holds now (its
 * fields), or a plain collection of such a card (`collection`: its key in the card).
 */
function placeOf(
  map: Y.Map<unknown>,
  cards: Y.Map<unknown>,
  live: Y.Doc,
): { root: RootName; cardId: string | null; collection: string | null } | null {
  const item = map._item;
  if (item === null) {
    for (const root of PLAIN_ROOTS)
      if ((live.share.get(root) as unknown) === map) return { root, cardId: null, collection: null };
    return null;
  }
  const cardId = cardIdOf(item, cards);
  if (cardId !== null) return { root: 'cards', cardId, collection: null };
  // A collection: held by its card under its key now.
  const card = item.parent instanceof Y.Map ? (item.parent as Y.Map<unknown>) : null;
  const key = item.parentSub;
  if (card === null || card._item === null || key === null || !PLAIN_COLLECTIONS.has(key)) return null;
  if (card._map.get(key) !== item) return null;
  const owner = cardIdOf(card._item, cards);
  return owner === null ? null : { root: 'cards', cardId: owner, collection: key };
}

/** The id of the card `item` holds, if it is a card the board holds now. */
function cardIdOf(item: Y.Item, cards: Y.Map<unknown>): string | null {
  const cardId = item.parentSub;
  return item.parent === cards && cardId !== null && cards._map.get(cardId) === item ? cardId : null;
}

/** The live doc's item with this id (not a GC'd range), or null when there is none. */
function liveItem(live: Y.Doc, id: Y.ID): Y.Item | null {
  if (id.clock >= Y.getState(live.store, id.client)) return null;
  const struct = Y.getItem(live.store, id) as Y.Item | Y.GC;
  return struct instanceof Y.Item ? struct : null;
}

/** A map that is not deleted, nor inside something deleted. */
function alive(map: Y.Map<unknown>): boolean {
  for (let item = map._item; item !== null; item = (item.parent as { _item: Y.Item | null })._item) {
    if (item.deleted) return false;
  }
  return true;
}
