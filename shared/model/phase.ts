import { z } from 'zod';
import { IdSchema } from './ids.js';

/**
 * A column of the board. Columns are data, so a municipality can configure its own
 * forløb phases (digest R1, S3:321-367). `kind` lets rules find "the follow-up week 5
 * column" without depending on the Danish title.
 */
export const PhaseKindSchema = z.enum(['referred', 'awaiting', 'start', 'followup', 'closed']);
export type PhaseKind = z.infer<typeof PhaseKindSchema>;

export const PhaseSchema = z.object({
  id: IdSchema,
  title: z.string().trim().min(1).max(60),
  kind: PhaseKindSchema,
  /** For kind 'followup': the forløb week this column follows up on (S2:2518). */
  followUpWeek: z.number().int().min(1).max(104).optional(),
  /** Column position, ascending. */
  position: z.number().int().min(0),
});
export type Phase = z.infer<typeof PhaseSchema>;

/** The default forløb phases of the live-board issue, in the municipalities' own words. */
export const DEFAULT_PHASES: readonly Phase[] = [
  { id: 'henvist', title: 'Henvist', kind: 'referred', position: 0 },
  { id: 'visiteret', title: 'Visiteret – afventer opstart', kind: 'awaiting', position: 1 },
  { id: 'opstart', title: 'Opstart', kind: 'start', position: 2 },
  { id: 'uge2', title: 'Opfølgning uge 2', kind: 'followup', followUpWeek: 2, position: 3 },
  { id: 'uge5', title: 'Opfølgning uge 5', kind: 'followup', followUpWeek: 5, position: 4 },
  { id: 'uge8', title: 'Opfølgning uge 8', kind: 'followup', followUpWeek: 8, position: 5 },
  { id: 'uge12', title: 'Opfølgning uge 12', kind: 'followup', followUpWeek: 12, position: 6 },
  { id: 'afsluttet', title: 'Afsluttet', kind: 'closed', position: 7 },
];
