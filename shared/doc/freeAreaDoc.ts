import * as Y from 'yjs';
import {
  FreeItemPatchSchema,
  FreeItemSchema,
  type FreeItem,
  type FreeItemPatch,
  type NewFreeItem,
} from '../model/freeArea.js';
import { newId } from '../model/ids.js';
import { isExpired } from '../rules/freeArea.js';
import type { TransactionOrigin } from './origins.js';

/*
 * The free area's part of the board doc (issue #16), used through BoardDoc's methods:
 *   doc.getMap('freeItems')  itemId → FreeItem   one plain value per note, text or stroke
 * An item is written whole (a move rewrites its x and y with the rest): two people editing
 * different items touch different keys and never meet; two moving the same note end where
 * the last one put it.
 */

export const FREE_ITEMS_ROOT = 'freeItems';

/**
 * Expired items are swept away when someone adds an item, if they expired this long ago by
 * the writer's clock: the server judges expiry by its own clock (rules/freeArea.ts), so a
 * device whose clock runs a little fast never has its note refused for an early sweep.
 */
const SWEEP_MARGIN_MS = 60 * 60 * 1000;
/** At most this many are swept with one new item (the update stays small). */
const SWEEP_MAX = 50;

const TIDY: TransactionOrigin = { source: 'tidy' };

export class FreeAreaError extends Error {
  constructor(
    readonly code: 'item_not_found' | 'item_exists',
    message: string,
  ) {
    super(message);
    this.name = 'FreeAreaError';
  }
}

export function freeItemsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(FREE_ITEMS_ROOT);
}

/** Every valid item (a malformed one from a rogue client is skipped), in no particular order. */
export function readFreeItems(doc: Y.Doc): FreeItem[] {
  const out: FreeItem[] = [];
  for (const [key, value] of freeItemsMap(doc).entries()) {
    const parsed = FreeItemSchema.safeParse(value);
    if (parsed.success && parsed.data.id === key) out.push(parsed.data);
  }
  return out;
}

export function readFreeItem(doc: Y.Doc, id: string): FreeItem | null {
  const parsed = FreeItemSchema.safeParse(freeItemsMap(doc).get(id));
  return parsed.success && parsed.data.id === id ? parsed.data : null;
}

/** Writes a new item (and sweeps long-expired ones away). Returns its id. */
export function addFreeItem(doc: Y.Doc, input: NewFreeItem, now: Date, origin: TransactionOrigin): string {
  const item = FreeItemSchema.parse({ ...input, id: input.id ?? newId('f'), at: input.at ?? now.toISOString() });
  const map = freeItemsMap(doc);
  if (map.has(item.id)) throw new FreeAreaError('item_exists', `${item.id} findes allerede`);
  const swept = new Date(now.getTime() - SWEEP_MARGIN_MS);
  const expired = readFreeItems(doc)
    .filter((i) => isExpired(i, swept))
    .slice(0, SWEEP_MAX);
  // The sweep is its own transaction, which no undo tracks (see TIDY): undoing the new item
  // takes down only that item. The server judges it as its own update (anyone may delete an
  // expired item).
  if (expired.length > 0) doc.transact(() => expired.forEach((old) => map.delete(old.id)), TIDY);
  doc.transact(() => map.set(item.id, item), origin);
  return item.id;
}

/** Moves, resizes or edits an item; a patch that changes nothing writes nothing. */
export function updateFreeItem(doc: Y.Doc, id: string, patch: FreeItemPatch, origin: TransactionOrigin): void {
  const data = FreeItemPatchSchema.parse(patch);
  const item = readFreeItem(doc, id);
  if (!item) throw new FreeAreaError('item_not_found', `${id} findes ikke`);
  const next: Record<string, unknown> = { ...item };
  for (const [key, value] of Object.entries(data)) {
    // A stroke has no box or text: only what its kind holds is patched.
    if (value !== undefined && (key in item || key === 'x' || key === 'y')) next[key] = value;
  }
  const updated = FreeItemSchema.parse(next);
  if (JSON.stringify(updated) === JSON.stringify(item)) return;
  doc.transact(() => freeItemsMap(doc).set(id, updated), origin);
}

export function deleteFreeItem(doc: Y.Doc, id: string, origin: TransactionOrigin): void {
  const map = freeItemsMap(doc);
  if (!map.has(id)) throw new FreeAreaError('item_not_found', `${id} findes ikke`);
  doc.transact(() => map.delete(id), origin);
}

/** Calls `fn` after every transaction that changed the free area. Returns an unsubscribe function. */
export function onFreeAreaChange(doc: Y.Doc, fn: () => void): () => void {
  const map = freeItemsMap(doc);
  const handler = () => fn();
  map.observe(handler);
  return () => map.unobserve(handler);
}
