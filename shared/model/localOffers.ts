import { z } from 'zod';
import { freeText } from './card.js';
import { IdSchema } from './ids.js';

/*
 * The directory of local offers (R26; S2:1070-1076, 1907-1928, 4402-4405): besøgsven,
 * seniorklub, spisefællesskab, gåhold … per lokalområde, so staff can link a citizen to
 * civil society without knowing every corner of the municipality. Stored in SQL per
 * municipality (server/storage/sqliteOffers.ts), with an optional district so it can be
 * narrowed once districts exist; cards link to offers by id (model/careSignals.ts).
 */

const tag = freeText(30)
  .pipe(z.string().min(1, 'Et emne må ikke være tomt.'))
  .transform((t) => t.toLocaleLowerCase('da'));

export const MAX_OFFER_TAGS = 12;
export const MAX_OFFERS_PER_MUNICIPALITY = 500;

/** What an administrator or koordinator writes. */
export const LocalOfferInputSchema = z.object({
  name: freeText(80).pipe(z.string().min(1, 'Skriv tilbuddets navn.')),
  /** What it is: "Frivillig besøgsven kommer en gang om ugen til kaffe og snak". */
  what: freeText(400),
  /** Lokalområde: "Nordby", "Hele kommunen". */
  area: freeText(80),
  /** Who to call: "Ældre Sagen Nordby, tlf. 12 34 56 78". */
  contact: freeText(200),
  /** Who it suits, as words the focus view matches against goals: "ensomhed", "gangfunktion". */
  tags: z.array(tag).max(MAX_OFFER_TAGS, `Højst ${MAX_OFFER_TAGS} emner.`),
  districtId: IdSchema.nullable().default(null),
});
export type LocalOfferInput = z.input<typeof LocalOfferInputSchema>;

export const LocalOfferSchema = z.object({
  id: IdSchema,
  municipalityId: IdSchema,
  districtId: IdSchema.nullable(),
  name: z.string(),
  what: z.string(),
  area: z.string(),
  contact: z.string(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});
export type LocalOffer = z.infer<typeof LocalOfferSchema>;
