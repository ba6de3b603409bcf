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
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/**
 * A team is either the municipality's own (`kommune`) or a private provider (`privat`,
 * frit valg). Both work the same way: members see only their own team's board and citizens.
 */
export const TeamKindSchema = z.enum(['kommune', 'privat']);
export type TeamKind = z.infer<typeof TeamKindSchema>;
