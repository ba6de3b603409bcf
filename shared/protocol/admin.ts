import { z } from 'zod';
import { IdSchema } from '../model/ids.js';
import { RoleSchema, TeamKindSchema } from '../model/user.js';
import { containsCpr } from '../rules/cpr.js';
import { MIN_PASSWORD_LENGTH } from '../rules/permissions.js';

/**
 * Admin API, mounted at /api/admin (administrator; the leder a subset, see
 * shared/rules/permissions.ts). Every change is written to the audit log and ends the
 * affected user's sessions and live connections, so it takes effect at their next sign-in.
 *
 *   GET   /api/admin/teams                         → 200 AdminTeam[]
 *   POST  /api/admin/teams          CreateTeam     → 201 AdminTeam (with a new, empty board)
 *   PATCH /api/admin/teams/:id      RenameTeam     → 200 AdminTeam
 *   GET   /api/admin/users                         → 200 AdminUser[] (leder: members of own teams)
 *   POST  /api/admin/users          CreateUser     → 201 AdminUser
 *   PATCH /api/admin/users/:id      UpdateUser     → 200 AdminUser (role, readOnly, active)
 *   PUT   /api/admin/users/:id/teams SetTeams      → 200 AdminUser
 *   POST  /api/admin/users/:id/password SetPassword → 204
 */

const name = (what: string, max: number) =>
  z
    .string(`${what} skal udfyldes.`)
    .trim()
    .min(1, `${what} skal udfyldes.`)
    .max(max, `${what} må højst være ${max} tegn.`)
    // Names reach the board (team → board name in the doc) and presence; the sync endpoint's
    // CPR scan never sees them, so they are checked here (docs/security.md "No CPR numbers").
    .refine((s) => !containsCpr(s), `${what} ligner et CPR-nummer. CPR-numre må ikke skrives i Tavlen.`);

export const PasswordSchema = z
  .string('Adgangskoden skal udfyldes.')
  .min(MIN_PASSWORD_LENGTH, `Adgangskoden skal være mindst ${MIN_PASSWORD_LENGTH} tegn.`)
  .max(200, 'Adgangskoden må højst være 200 tegn.');

export const UsernameSchema = z
  .string('Brugernavnet skal udfyldes.')
  .trim()
  .toLowerCase()
  .min(2, 'Brugernavnet skal være mindst 2 tegn.')
  .max(64, 'Brugernavnet må højst være 64 tegn.')
  .regex(/^[a-z0-9._-]+$/, 'Brugernavnet må kun indeholde små bogstaver a-z, tal, punktum, - og _.')
  // Usernames are stored, audited and shown; digits and '-' would otherwise let a CPR number in.
  .refine((s) => !containsCpr(s), 'Brugernavnet ligner et CPR-nummer. CPR-numre må ikke bruges i Tavlen.');

const roleSchema = RoleSchema.refine((r) => r !== 'skaerm', {
  message: 'Skærme oprettes ved parring under "Skærme", ikke som brugere.',
});
const teamIds = z
  .array(IdSchema)
  .max(50)
  .transform((ids) => [...new Set(ids)]);

export const AdminTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: TeamKindSchema,
  boardId: z.string().nullable(),
  memberCount: z.number(),
});
export type AdminTeam = z.infer<typeof AdminTeamSchema>;

export const AdminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  teamIds: z.array(z.string()),
  readOnly: z.boolean(),
  /** Epoch ms when deactivated, null while active. */
  disabledAt: z.number().nullable(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const CreateTeamRequestSchema = z.object({
  name: name('Teamets navn', 60),
  kind: TeamKindSchema.default('kommune'),
});
export type CreateTeamRequest = z.input<typeof CreateTeamRequestSchema>;

export const RenameTeamRequestSchema = z.object({ name: name('Teamets navn', 60) });

export const CreateUserRequestSchema = z.object({
  username: UsernameSchema,
  name: name('Navnet', 100),
  role: roleSchema,
  teamIds,
  password: PasswordSchema,
  readOnly: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .object({ role: roleSchema.optional(), readOnly: z.boolean().optional(), active: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.readOnly !== undefined || b.active !== undefined, {
    message: 'Angiv rolle, læseadgang eller aktiv.',
  });
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

export const SetTeamsRequestSchema = z.object({ teamIds });
export const SetPasswordRequestSchema = z.object({ password: PasswordSchema });
