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
});
export type SessionUser = z.infer<typeof SessionUserSchema>;
