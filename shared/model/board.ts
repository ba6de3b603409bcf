import { z } from 'zod';
import { IdSchema } from './ids.js';
import { PhaseSchema } from './phase.js';

export const BoardMetaSchema = z.object({
  id: IdSchema,
  teamId: IdSchema,
  name: z.string().trim().min(1).max(80),
  /** Bumped when the doc is rebuilt from scratch; clients with an older epoch reload. */
  epoch: z.number().int().min(0),
});
export type BoardMeta = z.infer<typeof BoardMetaSchema>;

export const BoardInitSchema = BoardMetaSchema.omit({ epoch: true }).extend({
  phases: z.array(PhaseSchema).min(1),
});
export type BoardInit = z.infer<typeof BoardInitSchema>;
