import { z } from 'zod';
import { freeText } from '../model/card.js';
import { IdSchema, IsoDateSchema } from '../model/ids.js';
import { DistrictSchema, TeamOrgSchema, VisitatorStatusSchema } from '../model/organisation.js';

/**
 * The organisation's wire contracts (issue #16; docs/protocol.md "Organisation").
 *
 * Administration (administrator of the municipality; a leder reads):
 *   GET    /api/admin/organisation                    → 200 AdminOrganisation
 *   POST   /api/admin/districts          CreateDistrict → 200 AdminOrganisation
 *   PATCH  /api/admin/districts/:id      PatchDistrict  → 200 AdminOrganisation
 *   PATCH  /api/admin/teams/:id/organisation PatchTeamOrg → 200 AdminOrganisation
 *   POST   /api/admin/covers             CreateCover    → 200 AdminOrganisation
 *   DELETE /api/admin/covers/:id                      → 200 AdminOrganisation
 * The team's visitator (anyone who may open the team's board; setting: today's visitator):
 *   GET    /api/teams/:teamId/visitator               → 200 TeamVisitator
 *   PUT    /api/teams/:teamId/visitator/status SetVisitatorStatus → 200 TeamVisitator
 * A change of status is announced on socket.io as `org:visitator` { teamId } to the board.
 */

const PersonSchema = z.object({ id: IdSchema, name: z.string() });
export type OrgPerson = z.infer<typeof PersonSchema>;

export const CoverViewSchema = z.object({
  id: IdSchema,
  teamId: IdSchema,
  userId: IdSchema,
  from: IsoDateSchema,
  to: IsoDateSchema,
});

export const AdminOrganisationSchema = z.object({
  districts: z.array(DistrictSchema),
  teams: z.array(TeamOrgSchema),
  /** Covers that have not ended (today or later), by start. */
  covers: z.array(CoverViewSchema),
  /** The municipality's active users with role visitator: the fixed ones and the pools. */
  visitators: z.array(PersonSchema),
  /** Administrators may change; a leder only looks. */
  canEdit: z.boolean(),
});
export type AdminOrganisation = z.infer<typeof AdminOrganisationSchema>;

const DistrictName = freeText(60).pipe(z.string().min(1, 'Distriktet skal have et navn.'));

export const CreateDistrictSchema = z.strictObject({ name: DistrictName });
export const PatchDistrictSchema = z.strictObject({
  name: DistrictName.optional(),
  visitatorIds: z.array(IdSchema).max(200).optional(),
});
export const PatchTeamOrgSchema = z.strictObject({
  districtId: IdSchema.nullable().optional(),
  partnerTeamId: IdSchema.nullable().optional(),
  eveningOfTeamId: IdSchema.nullable().optional(),
  visitatorId: IdSchema.nullable().optional(),
});
export type PatchTeamOrg = z.infer<typeof PatchTeamOrgSchema>;
export const CreateCoverSchema = z
  .strictObject({ teamId: IdSchema, userId: IdSchema, from: IsoDateSchema, to: IsoDateSchema })
  .refine((c) => c.from <= c.to, {
    message: 'Slutdatoen skal være samme dag som eller efter startdatoen.',
    path: ['to'],
  });
export type CreateCover = z.infer<typeof CreateCoverSchema>;

export const TeamVisitatorSchema = z.object({
  teamId: IdSchema,
  /** Today, the Danish date the status is for. */
  day: IsoDateSchema,
  /** Today's visitator: the backup while a cover lasts, else the fixed one; null when none. */
  visitator: PersonSchema.nullable(),
  /** Set while a backup covers: the fixed visitator she stands in for. */
  coverFor: PersonSchema.nullable(),
  cover: z.object({ from: IsoDateSchema, to: IsoDateSchema }).nullable(),
  /** Today's status, null until set today. */
  status: VisitatorStatusSchema.nullable(),
  /** Today is one of the team's visitator days (Administration → Indstillinger). */
  visitatorDay: z.boolean(),
  /** The signed-in person may set the status (today's or the fixed visitator). */
  maySet: z.boolean(),
});
export type TeamVisitator = z.infer<typeof TeamVisitatorSchema>;

export const SetVisitatorStatusSchema = z.strictObject({ status: VisitatorStatusSchema });
