import { z } from 'zod';
import { IdSchema } from '../model/ids.js';
import { DiscussionPromptLinesSchema } from '../model/discussionPrompts.js';
import { SwapSettingsLinesSchema } from '../model/swaps.js';
import { CareSignalSettingsSchema } from '../model/careSignals.js';
import { AgendaPlanSummarySchema } from '../model/meeting.js';
import { TeamMeetingSettingsSchema } from '../model/teamMeetings.js';
import { RoleSchema, TeamKindSchema } from '../model/user.js';
import { containsCpr } from '../rules/cpr.js';
import { DelegationPresetIdSchema } from '../rules/delegation.js';
import { ResponseClockRuleSchema, TriageConfigSchema, VisitatorDaysSchema } from '../rules/triage.js';
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
 *
 * Settings (server/http/adminSettings.ts); these apply to the boards at once (the server
 * reads them on demand) and end no sessions:
 *   GET   /api/admin/settings                      → 200 AdminSettings (leder: own teams only)
 *   PUT   /api/admin/settings       UpdateSettings → 200 AdminSettings (administrator: delegation,
 *                                                    triage clocks, the focus view's discussion prompts)
 *   PUT   /api/admin/teams/:id/visitator-days  SetVisitatorDays → 200 AdminSettings
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

// --- Settings ------------------------------------------------------------------------------

/** The municipality's delegation: a preset, or "egen" for its own matrix (shown, not edited here). */
export const AdminDelegationSchema = z.union([DelegationPresetIdSchema, z.literal('egen')]);
export type AdminDelegation = z.infer<typeof AdminDelegationSchema>;

export const AdminTeamSettingsSchema = z.object({
  teamId: z.string(),
  name: z.string(),
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  visitatorDays: VisitatorDaysSchema,
  /** Meeting types (length, schedule) and the rotation cycle N (model/teamMeetings.ts). */
  meetings: TeamMeetingSettingsSchema,
  /**
   * Today's tavlemøde planned on the team's board with these settings (rules/agendaPlan.ts):
   * whether the rotation gets round in N days, and what it would take. Null: no board.
   */
  rotation: AgendaPlanSummarySchema.omit({ notReached: true }).nullable(),
});
export type AdminTeamSettings = z.infer<typeof AdminTeamSettingsSchema>;

export const AdminSettingsSchema = z.object({
  delegation: AdminDelegationSchema,
  triage: TriageConfigSchema,
  /**
   * The wall focus view's prompts as the admin form edits them (Danish, one per line), and
   * whether they are the built-in defaults (model/discussionPrompts.ts). Only the request is
   * checked line by line: an answer never fails on a value stored before a rule changed.
   */
  discussionPrompts: z.object({
    observationAreas: z.array(z.string()),
    triedAlready: z.array(z.string()),
    isDefault: z.boolean(),
  }),
  /** Bytteydelser as the admin form edits them (model/swaps.ts), and whether they are the defaults. */
  swaps: z.object({
    lines: z.object({
      enabled: z.boolean(),
      instead: z.array(z.string()),
      swappable: z.array(z.string()),
      notSwappable: z.array(z.string()),
    }),
    isDefault: z.boolean(),
  }),
  /** Discharge lane on/off and the "nej tak" threshold (model/careSignals.ts). */
  careSignals: z.object({ settings: CareSignalSettingsSchema, isDefault: z.boolean() }),
  /** Administrator: every team of the municipality; leder: the teams they lead. */
  teams: z.array(AdminTeamSettingsSchema),
});
export type AdminSettings = z.infer<typeof AdminSettingsSchema>;

const clockHours = (what: string) =>
  z
    .number(`${what}: antal timer skal være et tal.`)
    .int(`${what}: angiv hele timer.`)
    .min(1, `${what}: mindst 1 time.`)
    .max(24 * 30, `${what}: højst ${24 * 30} timer.`)
    // The shared rule is the authority on what a clock may be.
    .pipe(ResponseClockRuleSchema.shape.hours);

export const UpdateSettingsRequestSchema = z
  .object({
    delegationPreset: z
      .enum(DelegationPresetIdSchema.options, 'Ukendt delegationsmodel. Vælg Standard, Solrød eller Favrskov.')
      .optional(),
    /** Hours of the red and yellow response clocks; the actions keep their wording. */
    triage: z.object({ redHours: clockHours('Rød'), yellowHours: clockHours('Gul') }).optional(),
    /** The focus view's prompts, Danish, one per entry; null = back to the defaults. */
    discussionPrompts: DiscussionPromptLinesSchema.nullable().optional(),
    /** Bytteydelser; null = back to the defaults. */
    swaps: SwapSettingsLinesSchema.nullable().optional(),
    /** Discharge lane and "nej tak" threshold; null = back to the defaults. */
    careSignals: CareSignalSettingsSchema.nullable().optional(),
  })
  .refine(
    (b) =>
      b.delegationPreset !== undefined ||
      b.triage !== undefined ||
      b.discussionPrompts !== undefined ||
      b.swaps !== undefined ||
      b.careSignals !== undefined,
    { message: 'Angiv delegationsmodel, responstider, samtalestøtte, bytteydelser eller udskrevne og nej tak.' },
  );
export type UpdateSettingsRequest = z.input<typeof UpdateSettingsRequestSchema>;

export const SetVisitatorDaysRequestSchema = z.object({
  days: z
    .array(
      z
        .number('Ugedage angives som tal fra 1 (mandag) til 7 (søndag).')
        .int('Ugedage angives som tal fra 1 (mandag) til 7 (søndag).')
        .min(1, 'Ugedage angives som tal fra 1 (mandag) til 7 (søndag).')
        .max(7, 'Ugedage angives som tal fra 1 (mandag) til 7 (søndag).'),
      'Angiv visitatordagene som en liste af ugedage.',
    )
    .pipe(VisitatorDaysSchema)
    .transform((d) => [...d].sort((a, b) => a - b)),
});
export type SetVisitatorDaysRequest = z.input<typeof SetVisitatorDaysRequestSchema>;

/** PUT /api/admin/teams/:teamId/meetings: the whole setting, Danish messages from the schema. */
export const SetTeamMeetingsRequestSchema = TeamMeetingSettingsSchema;
export type SetTeamMeetingsRequest = z.input<typeof SetTeamMeetingsRequestSchema>;
