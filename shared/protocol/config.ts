import { z } from 'zod';
import { IdSchema, IsoDateSchema } from '../model/ids.js';
import { ForlobCatalogueSchema } from '../model/catalogue.js';
import { CardSnapshotSchema } from '../model/lifecycle.js';
import { CadenceTemplateIdSchema, CadenceTemplateSchema } from '../rules/cadenceTemplates.js';
import { DelegationMatrixSchema, DelegationPresetIdSchema } from '../rules/delegation.js';
import { TriageConfigSchema, VisitatorDaysSchema } from '../rules/triage.js';
import { TeamMeetingSettingsSchema } from '../model/teamMeetings.js';
import { DiscussionPromptsSchema } from '../model/discussionPrompts.js';
import { SwapSettingsSchema } from '../model/swaps.js';
import { CareSignalSettingsSchema } from '../model/careSignals.js';

/**
 * Per-board configuration from the municipality (server: SQL, validated with these shared
 * schemas). Only members of the board's team get it, the team's wall screens included (the
 * focus view's prompts come from here; nothing in it is personal data); anyone else gets the
 * same 404 as for an unknown board.
 *
 *   GET  /api/boards/:boardId/config           → 200 BoardConfigResponse
 *   GET  /api/boards/:boardId/archive?q=<text> → 200 ArchiveResponse (closed forløb moved out
 *                                                of the live board; name search, newest first)
 */
export const BoardConfigResponseSchema = z.object({
  /** The matrix in force (a preset's or the municipality's own). The server enforces it. */
  delegation: DelegationMatrixSchema,
  /** The preset it comes from; null when the municipality has its own matrix. */
  presetId: DelegationPresetIdSchema.nullable(),
  catalogue: ForlobCatalogueSchema,
  /** Built-in templates followed by the municipality's own. */
  cadenceTemplates: z.array(CadenceTemplateSchema),
  /** The board's default cadence template (board meta), or the default one. */
  boardCadenceTemplateId: CadenceTemplateIdSchema.nullable(),
  /** Triage response clocks of the municipality (red → assessment, yellow → action plan). */
  triage: TriageConfigSchema,
  /** The team's visitator days (ISO weekdays): SEL focus and the visitator agenda rule. */
  visitatorDays: VisitatorDaysSchema,
  /** The team's meeting types (length, schedule) and rotation cycle: the agenda's budget. */
  meetings: TeamMeetingSettingsSchema,
  /** What the wall's focus view prompts the talk with (R11, R12): the municipality's or the defaults. */
  discussionPrompts: DiscussionPromptsSchema,
  /** Bytteydelser: registration on/off, the "byt til" chips, help types that cannot be swapped. */
  swaps: SwapSettingsSchema,
  /** Discharge lane on/off and the "nej tak" threshold (model/careSignals.ts). */
  careSignals: CareSignalSettingsSchema,
});
export type BoardConfigResponse = z.infer<typeof BoardConfigResponseSchema>;

/** At most this many archived cards per search answer. */
export const ARCHIVE_SEARCH_LIMIT = 50;

export const ArchiveQuerySchema = z.object({ q: z.string().max(120).default('') });

export const ArchivedCardSchema = z.object({
  cardId: IdSchema,
  name: z.string(),
  closedOn: IsoDateSchema,
  /** Epoch milliseconds when it left the live board. */
  archivedAt: z.number(),
  /** The card as it was when archived. */
  card: CardSnapshotSchema,
});
export type ArchivedCard = z.infer<typeof ArchivedCardSchema>;

export const ArchiveResponseSchema = z.object({ items: z.array(ArchivedCardSchema) });
export type ArchiveResponse = z.infer<typeof ArchiveResponseSchema>;
