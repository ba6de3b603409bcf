import { z } from 'zod';
import { IdSchema } from './ids.js';

/**
 * Roles of the home-care team and its surroundings (digest §1). `skaerm` is the paired
 * wall-screen device: read-only, privacy mode. Role names are stored in this ASCII form
 * and shown in Danish through i18n.
 */
export const RoleSchema = z.enum([
  'administrator',
  'leder',
  'koordinator',
  'visitator',
  'sygeplejerske',
  'terapeut',
  'ssa',
  'ssh',
  'skaerm',
]);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

/** The roles in Danish, as the teams say them (UI texts and the audit CSV alike). */
export const ROLE_LABELS_DA: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  leder: 'Leder',
  koordinator: 'Koordinator',
  visitator: 'Visitator',
  sygeplejerske: 'Sygeplejerske',
  terapeut: 'Terapeut',
  ssa: 'Social- og sundhedsassistent',
  ssh: 'Social- og sundhedshjælper',
  skaerm: 'Skærm',
};

export const LangSchema = z.enum(['da', 'en']);

/** What the client may know about the signed-in user (GET /api/me). */
export const SessionUserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  teamIds: z.array(IdSchema),
  lang: LangSchema,
  color: z.string(),
  /** "Kun læseadgang": the server drops this user's board edits (see canEditBoard). */
  readOnly: z.boolean().optional(),
  // The organisation (issue #16, shared/rules/organisation.ts): `teamIds` are all teams whose
  // board the user may open read-write today (own teams, the day team of their evening team,
  // a team they cover as backup visitator); these say more.
  /** The teams the user is a member of (administration reach is about these only). */
  memberTeamIds: z.array(IdSchema).optional(),
  /** Makkerteams: their boards open read-only (the server refuses every write). */
  readTeamIds: z.array(IdSchema).optional(),
  /** Teams whose board the user shares as a member of its evening team (evening handovers). */
  eveningTeamIds: z.array(IdSchema).optional(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/**
 * A team is either the municipality's own (`kommune`) or a private provider (`privat`,
 * frit valg). Both work the same way: members see only their own team's board and citizens.
 */
export const TeamKindSchema = z.enum(['kommune', 'privat']);
export type TeamKind = z.infer<typeof TeamKindSchema>;
