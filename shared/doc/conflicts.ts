import * as Y from 'yjs';
import { isConflictCollection, isConflictField, type ConflictField } from '../model/conflict.js';

/*
 * Concurrent edits of one card field, told from the Yjs items themselves (docs/protocol.md
 * "Concurrent edits"). Setting a key of a Y.Map creates an item whose `origin` is the last
 * id of the item the writer saw as the key's value. When an incoming item's origin is not
 * the item the server holds as the value, the writer never saw the current value: the edit
 * was concurrent (offline, or two people within a round trip). Yjs then picks a winner by
 * clientID, which says nothing about who was first; the server applies its own rule
 * (rules/conflicts.ts). Only this module and boardDoc.ts know the layout behind it.
 */

type Structs = ReturnType<typeof Y.decodeUpdate>['structs'];

/** The value of a set its writer overwrote in the same update. */
const DROPPED = Symbol('dropped');

/** One field (or collection item) an update set without having seen the value the server held. */
export interface ConcurrentEdit {
  cardId: string;
  field: ConflictField;
  /** For a collection (`goals`): the item's id. */
  itemId?: string;
  /** The value the server held before the update (undefined: unset). */
  current: unknown;
  /** Item key of `current` (see itemKey), for who wrote it; null: the field was never set. */
  currentKey: string | null;
  /** Item key of the value the writer saw (its base); null: the field was unset for the writer. */
  seenKey: string | null;
  /** The writer's value (its last set of the field in this update). */
  mine: unknown;
  /** Did Yjs make `mine` the field's value (its clientID ordered it last)? */
  mineWon: boolean;
}

/** A stable name of the value an item holds: its writer's client id and the item's last clock. */
export function itemKey(item: Y.Item): string {
  return `${item.id.client}:${item.id.clock + item.length - 1}`;
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

/** The Y.Map holding a card field (the card) or a collection's items (e.g. the card's goals). */
function slotMap(doc: Y.Doc, cardId: string, collection?: string): Y.Map<unknown> | null {
  const card = doc.getMap<unknown>('cards').get(cardId);
  if (!(card instanceof Y.Map)) return null;
  if (collection === undefined) return card as Y.Map<unknown>;
  const nested = (card as Y.Map<unknown>).get(collection);
  return nested instanceof Y.Map ? (nested as Y.Map<unknown>) : null;
}

/** The item holding a card field's value (or a collection item's) in `doc`, deleted included, or null. */
export function fieldItem(doc: Y.Doc, cardId: string, field: string, itemId?: string): Y.Item | null {
  const map = slotMap(doc, cardId, itemId === undefined ? undefined : field);
  return map?._map.get(itemId ?? field) ?? null;
}

/** The item key of a card field's (or collection item's) current value, or null when never set. */
export function fieldItemKey(doc: Y.Doc, cardId: string, field: string, itemId?: string): string | null {
  const item = fieldItem(doc, cardId, field, itemId);
  return item ? itemKey(item) : null;
}

/** The current items of a card's collection by id (for remembering what an update replaced). */
export function collectionItems(doc: Y.Doc, cardId: string, collection: string): Map<string, Y.Item> {
  const map = slotMap(doc, cardId, collection);
  const out = new Map<string, Y.Item>();
  for (const [id, item] of map?._map ?? []) if (!item.deleted) out.set(id, item);
  return out;
}

/** Where an integrated item sets a value the rule settles: a card field, or an item of a card's collection. */
function slotOf(item: Y.Item, cards: Y.Map<unknown>): { cardId: string; field: ConflictField; itemId?: string } | null {
  const parent = item.parent;
  const owner = parent instanceof Y.Map ? parent._item : null;
  if (!owner || item.parentSub === null || owner.parentSub === null) return null;
  if (owner.parent === cards) {
    return isConflictField(item.parentSub) ? { cardId: owner.parentSub, field: item.parentSub } : null;
  }
  const card = owner.parent instanceof Y.Map ? owner.parent._item : null;
  if (!card || card.parent !== cards || card.parentSub === null || !isConflictCollection(owner.parentSub)) return null;
  return { cardId: card.parentSub, field: owner.parentSub, itemId: item.parentSub };
}

/** Same Y.Map in two copies of one doc (the same item created it). */
function sameMap(a: Y.Map<unknown> | null, b: Y.Map<unknown> | null): boolean {
  return a !== null && b !== null && a._item !== null && Y.compareIDs(a._item.id, b._item?.id ?? null);
}

/**
 * The concurrent card-field (and goal) edits of `structs` (a decoded update), once the
 * update is applied to `after`; `before` is the same doc without it (the server's live doc
 * and its write gate's staging copy). O(update): only the update's own items are looked at.
 */
export function concurrentEdits(before: Y.Doc, after: Y.Doc, structs: Structs): ConcurrentEdit[] {
  const cardsAfter = after.getMap<unknown>('cards');
  type Group = { cardId: string; field: ConflictField; itemId?: string; items: { item: Y.Item; value: unknown }[] };
  /** cardId \0 field \0 itemId → the update's items setting it, with their decoded value. */
  const groups = new Map<string, Group>();
  for (const struct of structs) {
    // A set the writer itself overwrote arrives with its content dropped (ContentDeleted):
    // it still says what the writer saw first.
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentDeleted)) continue;
    let item: Y.Item | Y.GC;
    try {
      item = Y.getItem(after.store, struct.id) as Y.Item | Y.GC;
    } catch {
      continue;
    }
    if (!(item instanceof Y.Item)) continue;
    const slot = slotOf(item, cardsAfter);
    if (!slot) continue;
    const key = `${slot.cardId}\u0000${slot.field}\u0000${slot.itemId ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ...slot, items: [] }));
    group.items.push({ item, value: content instanceof Y.ContentAny ? content.arr.at(-1) : DROPPED });
  }
  const out: ConcurrentEdit[] = [];
  for (const { cardId, field, itemId, items } of groups.values()) {
    const collection = itemId === undefined ? undefined : field;
    const liveMap = slotMap(before, cardId, collection);
    const afterMap = slotMap(after, cardId, collection);
    // A card (or collection) the update created has no earlier value to conflict with.
    if (!sameMap(liveMap, afterMap) || items[0]!.item.parent !== afterMap) continue;
    const own = new Set(items.map(({ item }) => itemKey(item)));
    // The first set of the field in the update builds on what the writer saw before it.
    const first = items.find(({ item }) => item.origin === null || !own.has(idKey(item.origin)));
    const originsInUpdate = new Set(items.flatMap(({ item }) => (item.origin ? [idKey(item.origin)] : [])));
    const last = items.filter(({ item, value }) => value !== DROPPED && !originsInUpdate.has(itemKey(item))).at(-1);
    if (!last) continue;
    const key = itemId ?? field;
    const seenKey = first?.item.origin ? idKey(first.item.origin) : null;
    const currentItem = liveMap!._map.get(key) ?? null;
    const currentKey = currentItem ? itemKey(currentItem) : null;
    if (seenKey === currentKey) continue;
    out.push({
      cardId,
      field,
      ...(itemId !== undefined ? { itemId } : {}),
      current: liveMap!.get(key),
      currentKey,
      seenKey,
      mine: last.value,
      mineWon: afterMap!._map.get(key) === last.item,
    });
  }
  return out;
}
