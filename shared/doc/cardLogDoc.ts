import * as Y from 'yjs';
import {
  EMPTY_CARD_LOG,
  LogEntrySchema,
  LogReceiptSchema,
  MIGRATED_NOTE_ENTRY_ID,
  SYSTEM_ACTOR,
  receiptKey,
  type CardLog,
  type LogEntry,
  type LogReceipt,
} from '../model/cardLog.js';
import { TimestampSchema } from '../model/lifecycle.js';
import { CardFieldsSchema } from '../model/card.js';
import { CARD_LOG_KEYS } from './layout.js';

/*
 * The card log's part of the board doc (model/cardLog.ts): how entries and receipts sit in
 * a card's Y.Map. Only BoardDoc calls these; everything else reads `BoardDoc.cardLog`.
 */

type LogKey = (typeof CARD_LOG_KEYS)[number];

/** The nested map, created if missing. Cards get both at creation and at board load. */
export function logMap(card: Y.Map<unknown>, key: LogKey): Y.Map<unknown> {
  const current = card.get(key);
  if (current instanceof Y.Map) return current;
  const created = new Y.Map<unknown>();
  card.set(key, created);
  return created;
}

export function lacksLogMaps(card: Y.Map<unknown>): boolean {
  return CARD_LOG_KEYS.some((k) => !(card.get(k) instanceof Y.Map));
}

/** A cheap fingerprint of both maps' Yjs items (see boardDoc.ts `signature`). */
export function logSignature(card: Y.Map<unknown>): unknown[] {
  const sig: unknown[] = [];
  for (const key of CARD_LOG_KEYS) {
    const nested = card.get(key);
    sig.push(nested);
    if (nested instanceof Y.Map) for (const item of nested._map.values()) sig.push(item, item.deleted);
  }
  return sig;
}

/** Valid entries (oldest first) and receipts by entry; garbage a raw client wrote is skipped. */
export function readCardLog(card: Y.Map<unknown>): CardLog {
  const log = card.get('log');
  const reads = card.get('logReads');
  if (!(log instanceof Y.Map) || log.size === 0) return EMPTY_CARD_LOG;
  const entries: LogEntry[] = [];
  for (const [k, v] of log.entries()) {
    const parsed = LogEntrySchema.safeParse(v);
    if (parsed.success && parsed.data.id === k) entries.push(parsed.data);
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const readBy: Record<string, LogReceipt[]> = {};
  if (reads instanceof Y.Map) {
    for (const [k, v] of reads.entries()) {
      const parsed = LogReceiptSchema.safeParse(v);
      if (!parsed.success || receiptKey(parsed.data.entryId, parsed.data.by) !== k) continue;
      (readBy[parsed.data.entryId] ??= []).push(parsed.data);
    }
  }
  for (const list of Object.values(readBy)) list.sort((a, b) => (a.at < b.at ? -1 : 1));
  return Object.freeze({ entries: Object.freeze(entries), readBy: Object.freeze(readBy) });
}

/**
 * The entry a card's old Note becomes, or null when there is nothing to move or it was
 * moved already (its fixed id makes the migration idempotent, also when two servers race).
 */
export function migratedNoteEntry(card: Y.Map<unknown>, now: Date): LogEntry | null {
  const note = CardFieldsSchema.shape.note.safeParse(card.get('note'));
  if (!note.success || note.data === '') return null;
  const log = card.get('log');
  if (log instanceof Y.Map && log.has(MIGRATED_NOTE_ENTRY_ID)) return null;
  const created = TimestampSchema.safeParse(card.get('createdAt'));
  const entry = LogEntrySchema.safeParse({
    id: MIGRATED_NOTE_ENTRY_ID,
    at: created.success ? created.data : now.toISOString(),
    ...SYSTEM_ACTOR,
    kind: 'observation',
    text: note.data,
  });
  return entry.success ? entry.data : null;
}
