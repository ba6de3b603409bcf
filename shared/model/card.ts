import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './ids.js';
import { containsCpr } from '../rules/cpr.js';
import type { CardLifecycle } from './lifecycle.js';

/** Triage colour (digest R11). Always shown with a letter too, never colour alone. */
export const TriageSchema = z.enum(['green', 'yellow', 'red']);
export type Triage = z.infer<typeof TriageSchema>;

const noCpr = (s: string) => !containsCpr(s);
const CPR_MESSAGE = 'Feltet ligner et CPR-nummer. CPR-numre må ikke skrives på tavlen.';

/** Free text a person types: trimmed, bounded and never a CPR number. */
export const freeText = (max: number) => z.string().trim().max(max).refine(noCpr, CPR_MESSAGE);

/** A fractional-indexing key (see rules/ordering.ts); only base-62 characters. */
export const OrderKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[0-9A-Za-z]+$/);

/** Where a card sits. One value, so concurrent moves of one card resolve to one place. */
export const PositionSchema = z.object({ phaseId: IdSchema, key: OrderKeySchema });
export type Position = z.infer<typeof PositionSchema>;

/**
 * The editable fields of a card (one forløb, digest R1). Each is a key of the card's
 * Y.Map, so two people editing different fields of one card both keep their edit.
 */
export const CardFieldsSchema = z.object({
  name: freeText(120).pipe(z.string().min(1, 'Navn skal udfyldes')),
  /** Short label for the wall screen; defaults to initials of the name. */
  initials: freeText(8),
  triage: TriageSchema,
  forlobType: freeText(60),
  contactPerson: freeText(80),
  nextDueDate: IsoDateSchema.nullable(),
  note: freeText(2000),
});
export type CardFields = z.infer<typeof CardFieldsSchema>;
export type CardField = keyof CardFields;

export const CardSchema = CardFieldsSchema.extend({
  id: IdSchema,
  position: PositionSchema,
  /** Date the card entered its current column: drives "dage i fase". */
  phaseEnteredAt: IsoDateSchema,
  createdAt: z.string(),
  /**
   * The instant the card last changed column ("Siden sidst" lists moves after the previous
   * meeting ended, not the whole day). Absent on cards not moved since it was recorded.
   */
  movedAt: z.iso.datetime({ offset: true }).optional(),
});
/**
 * A card as BoardDoc reads it: the stored fields plus its forløb lifecycle (see
 * model/lifecycle.ts; `CardSnapshotSchema` validates the whole). `CardSchema` stays the
 * schema of the base fields, so older code and raw clients that know nothing of the
 * lifecycle still validate.
 */
export type Card = z.infer<typeof CardSchema> & { lifecycle: CardLifecycle };

export const CardPatchSchema = CardFieldsSchema.partial();
export type CardPatch = z.infer<typeof CardPatchSchema>;

export const NewCardSchema = CardFieldsSchema.partial().extend({
  name: CardFieldsSchema.shape.name,
  phaseId: IdSchema,
});
export type NewCard = z.infer<typeof NewCardSchema>;

export const CARD_DEFAULTS: Omit<CardFields, 'name'> = {
  initials: '',
  triage: 'green',
  forlobType: '',
  contactPerson: '',
  nextDueDate: null,
  note: '',
};

/**
 * What separates the words of a name: white space, the hyphen and its Unicode kin (U+2010
 * hyphen, U+2011 non-breaking hyphen, U+2013 en dash, U+2014 em dash). Written as escapes:
 * one character above U+00FF in the server's bundle makes V8 hold all its source two bytes
 * a character.
 */
export const NAME_WORD_BREAKS = /[\s\-\u2010\u2011\u2013\u2014]+/;

/**
 * "Karen Marie Jensen" → "KMJ", "Anne-Sofie Ørsted" → "ASØ"; at most four letters so it
 * fits a wall-screen card. Each part contributes its first letter or digit, so
 * punctuation ("(uden navn)", "O'Brien") never becomes an initial, and decomposed
 * letters (A + combining ring) are composed first so "Åse" gives "Å", not "A".
 */
export function initialsOf(name: string): string {
  return name
    .normalize('NFC')
    .split(NAME_WORD_BREAKS)
    .map((part) => /[\p{L}\p{N}]/u.exec(part)?.[0] ?? '')
    .join('')
    .toLocaleUpperCase('da-DK')
    .slice(0, 4);
}
