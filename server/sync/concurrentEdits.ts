import type * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { collectionItems, fieldItemKey, itemKey, type ConcurrentEdit } from '../../shared/doc/conflicts.js';
import { CARD_FIELDS, conforms } from '../../shared/doc/layout.js';
import {
  FREE_TEXT_FIELDS,
  isConflictCollection,
  type ConflictSide,
  type FieldConflict,
} from '../../shared/model/conflict.js';
import { GoalSchema } from '../../shared/model/lifecycle.js';
import { newId } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import { resolveConcurrentEdit, sameValue } from '../../shared/rules/conflicts.js';

/** Bound on each memory below (a busy board's recent edits; older ones fall back gracefully). */
const MAX_REMEMBERED = 20_000;

type Author = Omit<ConflictSide, 'value'>;

/**
 * What the server remembers of recent card-field values to settle concurrent edits
 * (docs/protocol.md "Concurrent edits"): who wrote each value (Yjs items carry only a
 * clientID), and the text a free-text value replaced (Yjs forgets overwritten values), the
 * base of a three-way merge. In memory only: after a restart a conflict names no author
 * and free text is not merged but kept as a conflict.
 */
export class FieldMemory {
  private readonly authors = new Map<string, Author>();
  /** Replaced free text and goals by the item key that held them. */
  private readonly values = new Map<string, unknown>();
  /** Collection item keys current before the update being applied (so only new ones get its author). */
  private currentBefore = new Set<string>();

  /** Before an accepted update reaches the live doc: remember the free text and goals it may replace. */
  rememberReplaced(live: Y.Doc, writes: readonly FieldWrite[]): void {
    this.currentBefore = new Set();
    for (const { cardId, field, itemId } of writes) {
      if (isConflictCollection(field)) {
        for (const [id, item] of collectionItems(live, cardId, field)) {
          if (itemId !== undefined && id !== itemId) continue;
          const key = itemKey(item);
          this.currentBefore.add(key);
          remember(this.values, key, item.content.getContent()[0]);
        }
        continue;
      }
      if (!FREE_TEXT_FIELDS.has(field)) continue;
      const key = fieldItemKey(live, cardId, field);
      const value: unknown = new BoardDoc(live).cardsMap.get(cardId)?.get(field);
      if (key !== null && typeof value === 'string') remember(this.values, key, value);
    }
  }

  /** After it reached the live doc: who wrote the fields' values (and the goals it made current) now. */
  rememberAuthor(live: Y.Doc, writes: readonly FieldWrite[], author: Author): void {
    for (const { cardId, field, itemId } of writes) {
      if (isConflictCollection(field)) {
        for (const [id, item] of collectionItems(live, cardId, field)) {
          const key = itemKey(item);
          if ((itemId === undefined || id === itemId) && !this.currentBefore.has(key))
            remember(this.authors, key, author);
        }
        continue;
      }
      const key = fieldItemKey(live, cardId, field);
      if (key !== null) remember(this.authors, key, author);
    }
  }

  author(key: string | null): Author {
    return (key !== null ? this.authors.get(key) : undefined) ?? { by: '', byName: '', at: null };
  }

  /**
   * What the writer started from: '' for a text field that was never set, undefined when
   * forgotten (then nothing is merged).
   */
  base(edit: ConcurrentEdit): unknown {
    if (edit.seenKey === null) return edit.itemId === undefined ? '' : undefined;
    return this.values.get(edit.seenKey);
  }
}

/** A card field an update set, or a card collection it changed (`itemId`: one item of it). */
export interface FieldWrite {
  cardId: string;
  field: string;
  itemId?: string;
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}

/** What the server writes for one concurrent edit, applied by `settleEdits` on a staging copy. */
export interface Settlement {
  cardId: string;
  field: ConcurrentEdit['field'];
  itemId?: string;
  value: unknown;
  conflict: FieldConflict | null;
}

/**
 * The rule applied to an accepted update's concurrent edits (shared/rules/conflicts.ts),
 * against the live doc as it is now (the update applied). Only what must change is listed.
 */
export function settlementsFor(
  edits: readonly ConcurrentEdit[],
  live: Y.Doc,
  memory: FieldMemory,
  writer: SessionUser,
  now: Date,
): Settlement[] {
  const board = new BoardDoc(live);
  const out: Settlement[] = [];
  for (const edit of edits) {
    const { cardId, field, itemId } = edit;
    const schema = itemId === undefined ? CARD_FIELDS[field]! : GoalSchema;
    const { value, conflict } = resolveConcurrentEdit(field, memory.base(edit), edit.current, edit.mine, (v) =>
      conforms(schema, v),
    );
    const card = board.cardsMap.get(cardId);
    const nested: unknown = itemId === undefined ? undefined : card?.get(field);
    const stored: unknown =
      itemId === undefined ? card?.get(field) : (nested as Y.Map<unknown> | undefined)?.get(itemId);
    if (!conflict && sameValue(stored, value)) continue;
    const side = (v: unknown) => v as FieldConflict['kept']['value'];
    out.push({
      cardId,
      field,
      ...(itemId !== undefined ? { itemId } : {}),
      value,
      conflict: conflict
        ? {
            id: newId('k'),
            field,
            ...(itemId !== undefined ? { itemId } : {}),
            kept: { value: side(edit.current), ...memory.author(edit.currentKey) },
            lost: { value: side(edit.mine), by: writer.id, byName: writer.name, at: now.toISOString() },
          }
        : null,
    });
  }
  return out;
}

/** Writes settlements (a server change's `build`). */
export function settleEdits(staging: Y.Doc, settlements: readonly Settlement[]): void {
  const board = new BoardDoc(staging);
  for (const s of settlements) board.settleConcurrentEdit(s.cardId, s.field, s.value, s.conflict, s.itemId);
}
