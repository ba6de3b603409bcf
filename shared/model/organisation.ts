import { z } from 'zod';
import { freeText } from './card.js';
import { IdSchema, IsoDateSchema } from './ids.js';

/**
 * The organisation around a team (issue #16, R13, R37): districts grouping a municipality's
 * teams with their visitator pool, makkerteams, the evening team that shares a day team's
 * board, the team's fixed visitator, backup visitators for a period and the visitator's
 * status today. Stored by the server (server/storage/orgTypes.ts), never in a board doc.
 */

/** A district (distrikt/lokalområde): groups teams; its visitators are the pool for cover. */
export const DistrictSchema = z.object({
  id: IdSchema,
  name: freeText(60).pipe(z.string().min(1, 'Navn skal udfyldes')),
  teamIds: z.array(IdSchema),
  /** The district's visitator pool: who may be chosen as a backup for its teams. */
  visitatorIds: z.array(IdSchema),
});
export type District = z.infer<typeof DistrictSchema>;

/** A team's place in the organisation. */
export const TeamOrgSchema = z.object({
  teamId: IdSchema,
  name: z.string(),
  districtId: IdSchema.nullable(),
  /** Makkerteam: members of each may open the other's board read-only (symmetric). */
  partnerTeamId: IdSchema.nullable(),
  /** Set on an evening team: the day team whose board it shares (read-write). */
  eveningOfTeamId: IdSchema.nullable(),
  /** The team's fixed visitator (a user with role visitator). */
  visitatorId: IdSchema.nullable(),
});
export type TeamOrg = z.infer<typeof TeamOrgSchema>;

/** A backup visitator for a team from `from` to `to`, both days inclusive (Danish dates). */
export const VisitatorCoverSchema = z
  .object({
    id: IdSchema,
    teamId: IdSchema,
    userId: IdSchema,
    from: IsoDateSchema,
    to: IsoDateSchema,
  })
  .refine((c) => c.from <= c.to, {
    message: 'Slutdatoen skal være samme dag som eller efter startdatoen',
    path: ['to'],
  });
export type VisitatorCover = z.infer<typeof VisitatorCoverSchema>;

/**
 * The visitator's one-tap status for a team today: "I huset i dag" / "Deltager remote" /
 * "Ikke med i dag" (S2:1454-1474, 4534-4536).
 */
export const VisitatorStatusSchema = z.enum(['i_huset', 'remote', 'ikke_med']);
export type VisitatorStatus = z.infer<typeof VisitatorStatusSchema>;
export const VISITATOR_STATUSES = VisitatorStatusSchema.options;
