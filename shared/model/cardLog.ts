import { z } from 'zod';
import { freeText } from './card.js';
import { IdSchema } from './ids.js';
import { ActorIdSchema, ActorNameSchema, TimestampSchema } from './lifecycle.js';

/*
 * A card's dated log (issue #12 point 2; digest R25 "aflever en observation", R35 the
 * evening shift's read receipts). Append-only: an entry is never edited or deleted
 * (rules/writeRules.ts logRefusal), so what someone handed over stays as they wrote it.
 * Entries and receipts are items of two nested maps on the card (doc/layout.ts), each under
 * its own key, so two people writing or reading at once never overwrite each other.
 */

/** What an entry is: an observation, a message to the team, to the visitator, to the evening shift. */
export const LOG_KINDS = ['observation', 'team', 'visitator', 'evening'] as const;
export const LogKindSchema = z.enum(LOG_KINDS);
export type LogKind = z.infer<typeof LogKindSchema>;

/** Where "Aflever" hands an entry over to (R25; the agenda as a nomination, R16 the queue). */
export const LOG_ROUTES = ['visitator', 'agenda', 'evening'] as const;
export const LogRouteSchema = z.enum(LOG_ROUTES);
export type LogRoute = z.infer<typeof LogRouteSchema>;

/** As long as the old Note, so every note fits in one entry when it migrates. */
export const LOG_TEXT_MAX = 2000;

export const LogEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
  kind: LogKindSchema,
  text: freeText(LOG_TEXT_MAX).pipe(z.string().min(1, 'Skriv hvad du har set')),
  routedTo: LogRouteSchema.optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** "Læst af": one person has read one entry. Stored under `receiptKey(entryId, by)`. */
export const LogReceiptSchema = z.object({
  entryId: IdSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
  at: TimestampSchema,
});
export type LogReceipt = z.infer<typeof LogReceiptSchema>;

/** The value fields a receipt's key is made of (doc/layout.ts `keyFields`). */
export const RECEIPT_KEY_FIELDS = ['entryId', 'by'] as const;

/** One key per reader and entry: two people reading at once write two keys. */
export function receiptKey(entryId: string, userId: string): string {
  return `${entryId}:${userId}`;
}

export const ReceiptKeySchema = z
  .string()
  .max(129)
  .regex(/^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,64}$/);

export const NewLogEntrySchema = z.object({
  by: ActorIdSchema,
  byName: ActorNameSchema,
  kind: LogKindSchema,
  text: LogEntrySchema.shape.text,
  routedTo: LogRouteSchema.optional(),
  id: IdSchema.optional(),
  at: TimestampSchema.optional(),
});
export type NewLogEntry = z.input<typeof NewLogEntrySchema>;

export const LogReaderSchema = z.object({ by: ActorIdSchema, byName: ActorNameSchema });
export type LogReader = z.infer<typeof LogReaderSchema>;

/** A card's log as read: entries oldest first, and who has read which (entry id → receipts). */
export interface CardLog {
  entries: readonly LogEntry[];
  readBy: Readonly<Record<string, readonly LogReceipt[]>>;
}

export const EMPTY_CARD_LOG: CardLog = Object.freeze({ entries: Object.freeze([]), readBy: Object.freeze({}) });

/**
 * The chips for the common cases, one tap each (issue #12: "written in a tap or two"). From
 * the sources where they say it: falls (S2:3733), what the helper sees in the home: the
 * fridge, the calendar, loneliness that a besøgsven could ease (S2:255-263); the rest are
 * the everyday handovers the issue names.
 */
export const LOG_CHIPS: readonly string[] = Object.freeze([
  'Faldet',
  'Spiser dårligt',
  'Mere træt',
  'Ny medicin',
  'Pårørende ringet',
  'Tomt køleskab',
  'Ensom – besøgsven?',
]);

/** The id of the entry a card's old Note became (one per card: the migration is idempotent). */
export const MIGRATED_NOTE_ENTRY_ID = 'note';
/** Who wrote a migrated note: the note never recorded its author. */
export const SYSTEM_ACTOR = { by: 'system', byName: 'Overført fra Note' } as const;
