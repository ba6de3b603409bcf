import type * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { fieldItemKey, type ConcurrentEdit } from '../../shared/doc/conflicts.js';
import { CARD_FIELDS, conforms } from '../../shared/doc/layout.js';
import { FREE_TEXT_FIELDS, type ConflictSide, type FieldConflict } from '../../shared/model/conflict.js';
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
  private readonly texts = new Map<string, string>();

  /** Before an accepted update reaches the live doc: remember the free text it replaces. */
  rememberReplaced(live: Y.Doc, writes: readonly { cardId: string; field: string }[]): void {
    for (const { cardId, field } of writes) {
      if (!FREE_TEXT_FIELDS.has(field)) continue;
      const key = fieldItemKey(live, cardId, field);
      const value: unknown = new BoardDoc(live).cardsMap.get(cardId)?.get(field);
      if (key !== null && typeof value === 'string') remember(this.texts, key, value);
    }
  }

  /** After it reached the live doc: who wrote the fields' values now. */
  rememberAuthor(live: Y.Doc, writes: readonly { cardId: string; field: string }[], author: Author): void {
    for (const { cardId, field } of writes) {
      const key = fieldItemKey(live, cardId, field);
      if (key !== null) remember(this.authors, key, author);
    }
  }

  author(key: string | null): Author {
    return (key !== null ? this.authors.get(key) : undefined) ?? { by: '', byName: '', at: null };
  }

  /** The text the writer started from: '' for a field that was never set, undefined when forgotten. */
  base(edit: ConcurrentEdit, live: Y.Doc): string | undefined {
    if (edit.seenKey === null) return '';
    if (edit.seenKey === fieldItemKey(live, edit.cardId, edit.field)) {
      const value: unknown = new BoardDoc(live).cardsMap.get(edit.cardId)?.get(edit.field);
      return typeof value === 'string' ? value : undefined;
    }
    return this.texts.get(edit.seenKey);
  }
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
    const schema = CARD_FIELDS[edit.field]!;
    const { value, conflict } = resolveConcurrentEdit(
      edit.field,
      memory.base(edit, live),
      edit.current,
      edit.mine,
      (v) => conforms(schema, v),
    );
    const stored: unknown = board.cardsMap.get(edit.cardId)?.get(edit.field);
    if (!conflict && sameValue(stored, value)) continue;
    out.push({
      cardId: edit.cardId,
      field: edit.field,
      value,
      conflict: conflict
        ? {
            id: newId('k'),
            field: edit.field,
            kept: { value: edit.current as FieldConflict['kept']['value'], ...memory.author(edit.currentKey) },
            lost: {
              value: edit.mine as FieldConflict['lost']['value'],
              by: writer.id,
              byName: writer.name,
              at: now.toISOString(),
            },
          }
        : null,
    });
  }
  return out;
}

/** Writes settlements (a server change's `build`). */
export function settleEdits(staging: Y.Doc, settlements: readonly Settlement[]): void {
  const board = new BoardDoc(staging);
  for (const s of settlements) board.settleConcurrentEdit(s.cardId, s.field, s.value, s.conflict);
}
