import { z } from 'zod';
import { LocalOfferInputSchema, LocalOfferSchema } from '../model/localOffers.js';

/**
 * The local offers directory (R26; model/localOffers.ts). The signed-in person's
 * municipality: the offers for the whole municipality (`districtId` null) and those of the
 * districts the person's teams belong to (all of them for the administrator).
 *
 *   GET    /api/offers?q=        → LocalOffersResponse (every staff member; q: search words)
 *   POST   /api/offers           LocalOfferInput → LocalOffer (administrator, leder, koordinator)
 *   PUT    /api/offers/:offerId  LocalOfferInput → LocalOffer
 *   DELETE /api/offers/:offerId  → { ok: true }
 *
 * A card links an offer through the board doc (`offerLinks`); the write gate refuses a link
 * to an id this directory does not have ('offer_unknown').
 */
export const LocalOffersResponseSchema = z.object({
  offers: z.array(LocalOfferSchema),
  /** Whether the signed-in person may add, change and remove offers. */
  canManage: z.boolean(),
  /** The municipality's districts, to choose an offer's district and name it. */
  districts: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
});
export type LocalOffersResponse = z.infer<typeof LocalOffersResponseSchema>;

export const SaveLocalOfferRequestSchema = LocalOfferInputSchema;
export type SaveLocalOfferRequest = z.input<typeof SaveLocalOfferRequestSchema>;
