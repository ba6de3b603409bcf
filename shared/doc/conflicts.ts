import * as Y from 'yjs';
import { isConflictField, type ConflictField } from '../model/conflict.js';

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

/** One field an update set without having seen the value the server held. */
export interface ConcurrentEdit {
  cardId: string;
  field: ConflictField;
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

/** The item holding a card field's value in `doc` (deleted included), or null. */
export function fieldItem(doc: Y.Doc, cardId: string, field: string): Y.Item | null {
  const card = doc.getMap<unknown>('cards').get(cardId);
  if (!(card instanceof Y.Map)) return null;
  return (card as Y.Map<unknown>)._map.get(field) ?? null;
}

/** The item key of a card field's current value, or null when it was never set. */
export function fieldItemKey(doc: Y.Doc, cardId: string, field: string): string | null {
  const item = fieldItem(doc, cardId, field);
  return item ? itemKey(item) : null;
}

/**
 * The concurrent card-field edits of `structs` (a decoded update), once the update is
 * applied to `after`; `before` is the same doc without it (the server's live doc and its
 * write gate's staging copy). O(update): only the update's own items are looked at.
 */
export function concurrentEdits(before: Y.Doc, after: Y.Doc, structs: Structs): ConcurrentEdit[] {
  const cardsAfter = after.getMap<unknown>('cards');
  /** cardId \0 field → the update's items setting it, with their decoded value. */
  const groups = new Map<string, { cardId: string; field: ConflictField; items: { item: Y.Item; value: unknown }[] }>();
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
    if (!(item instanceof Y.Item) || item.parentSub === null || !isConflictField(item.parentSub)) continue;
    const parent = item.parent;
    const cardItem = parent instanceof Y.Map ? parent._item : null;
    if (!cardItem || cardItem.parent !== cardsAfter || cardItem.parentSub === null) continue;
    const key = `${cardItem.parentSub}\u0000${item.parentSub}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { cardId: cardItem.parentSub, field: item.parentSub, items: [] }));
    group.items.push({ item, value: content instanceof Y.ContentAny ? content.arr.at(-1) : DROPPED });
  }
  const out: ConcurrentEdit[] = [];
  for (const { cardId, field, items } of groups.values()) {
    const liveCard = before.getMap<unknown>('cards').get(cardId);
    // A card the update created (or re-created) has no earlier value to conflict with.
    if (!(liveCard instanceof Y.Map) || liveCard._item === null) continue;
    const afterCard = cardsAfter.get(cardId);
    if (!(afterCard instanceof Y.Map) || !Y.compareIDs(afterCard._item?.id ?? null, liveCard._item.id)) continue;
    const own = new Set(items.map(({ item }) => itemKey(item)));
    // The first set of the field in the update builds on what the writer saw before it.
    const first = items.find(({ item }) => item.origin === null || !own.has(idKey(item.origin)));
    const originsInUpdate = new Set(items.flatMap(({ item }) => (item.origin ? [idKey(item.origin)] : [])));
    const last = items.filter(({ item, value }) => value !== DROPPED && !originsInUpdate.has(itemKey(item))).at(-1);
    if (!last) continue;
    const seenKey = first?.item.origin ? idKey(first.item.origin) : null;
    const currentItem = (liveCard as Y.Map<unknown>)._map.get(field) ?? null;
    const currentKey = currentItem ? itemKey(currentItem) : null;
    if (seenKey === currentKey) continue;
    out.push({
      cardId,
      field,
      current: (liveCard as Y.Map<unknown>).get(field),
      currentKey,
      seenKey,
      mine: last.value,
      mineWon: (afterCard as Y.Map<unknown>)._map.get(field) === last.item,
    });
  }
  return out;
}
