import { z } from 'zod';
import { freeText } from './card.js';
import { IdSchema, IsoDateSchema } from './ids.js';

/*
 * Three things the physical tavle carried beside the phases (issue #16 part 5):
 *  - "Udskrevet – gennemgås med planlægger" (R27; S2:1402, 1432-1434, 2853-2855): a citizen
 *    just discharged from hospital, to be gone through with the planner. A flag on the card,
 *    not a phase: the citizen stays in their forløb column (a discharge can happen in any
 *    phase), and the board shows the flagged together when the municipality wants a lane.
 *  - "Nej tak" (R24; S2:3598-3606, 4200-4203): what the citizen declined, logged in one tap.
 *    Repeated declines raise a discussion item, never a closure.
 *  - Links to the local offers directory (R26; model/localOffers.ts).
 * Rules in rules/careSignals.ts. Kept free of lifecycle.ts, which builds on it.
 */

const Instant = z.iso.datetime({ offset: true });
const ActorId = IdSchema;
const ActorName = freeText(80);

/**
 * The discharge flag, one value: set in one tap, and "Gennemgået med planlægger" marks it
 * reviewed with who and when (the gate's impersonation check holds `by` and `reviewedBy` to
 * the sender). A new discharge replaces the value (a citizen can be readmitted).
 */
export const DischargeSchema = z.object({
  /** The day the citizen came home from hospital. */
  date: IsoDateSchema,
  at: Instant,
  by: ActorId,
  byName: ActorName,
  reviewedAt: Instant.nullable(),
  reviewedBy: ActorId.nullable(),
  reviewedByName: ActorName,
});
export type Discharge = z.infer<typeof DischargeSchema>;

/** One "nej tak" in a card's `declines` map (keyed by its id). Never changed once written. */
export const DeclineSchema = z.object({
  id: IdSchema,
  at: Instant,
  by: ActorId,
  byName: ActorName,
  /** What was declined: a help type's or offer's words, or the person's own. */
  what: freeText(120).pipe(z.string().min(1, 'Skriv hvad borgeren sagde nej tak til')),
  note: freeText(300).optional(),
});
export type Decline = z.infer<typeof DeclineSchema>;

/** Input of BoardDoc.addDecline: id and time default to new and now. */
export const NewDeclineSchema = DeclineSchema.extend({
  id: IdSchema.optional(),
  at: Instant.optional(),
  byName: ActorName.default(''),
});
export type NewDecline = z.input<typeof NewDeclineSchema>;

/** A local offer linked to the card, keyed by the offer's id (the server checks it exists). */
export const OfferLinkSchema = z.object({
  id: IdSchema,
  at: Instant,
  by: ActorId,
  byName: ActorName,
});
export type OfferLink = z.infer<typeof OfferLinkSchema>;

// --- The municipality's settings ----------------------------------------------------------

export const CareSignalSettingsSchema = z.strictObject({
  /** Show the discharged citizens awaiting review together above the board. */
  dischargeLane: z.boolean('Angiv om udskrevne vises samlet.'),
  /** N declines … */
  declineCount: z.number('Angiv antal nej tak.').int().min(2, 'Mindst 2 gange.').max(20, 'Højst 20 gange.'),
  /** … within D days puts the citizen on the agenda. */
  declineDays: z.number('Angiv antal dage.').int().min(1, 'Mindst 1 dag.').max(90, 'Højst 90 dage.'),
});
export type CareSignalSettings = z.infer<typeof CareSignalSettingsSchema>;

/** Three times in 14 days (S2:4200-4203 "nej tak til bad 3 uger i træk"; R24). */
export const DEFAULT_CARE_SIGNAL_SETTINGS: CareSignalSettings = Object.freeze({
  dischargeLane: true,
  declineCount: 3,
  declineDays: 14,
});
