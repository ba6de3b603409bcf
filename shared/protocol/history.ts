import { z } from 'zod';
import { TriageSchema } from '../model/card.js';
import { IdSchema } from '../model/ids.js';

/**
 * Point-in-time history and restore (admin tab "Gendan"; server/http/adminHistory.ts). Who:
 * `historyAccess` in rules/permissions.ts. Times are ISO timestamps with offset.
 *
 *   GET  /api/admin/history/boards                    → 200 HistoryBoardsResponse
 *   GET  /api/admin/boards/:boardId/history           → 200 BoardHistoryResponse
 *   GET  /api/admin/boards/:boardId/history/at?at=…   → 200 HistoryPreview (the board then, and the diff)
 *   POST /api/admin/boards/:boardId/restore  RestoreRequest → 200 RestoreResponse (audited)
 */

export const HistoryTimeSchema = z.iso.datetime({ offset: true, error: 'Tidspunktet er ugyldigt.' });

export const HistoryBoardsResponseSchema = z.object({
  boards: z.array(z.object({ id: z.string(), name: z.string(), teamId: z.string(), teamName: z.string() })),
});
export type HistoryBoardsResponse = z.infer<typeof HistoryBoardsResponseSchema>;

export const BoardHistoryResponseSchema = z.object({
  boardId: z.string(),
  /** The server's time, so quick picks ("for 5 minutter siden") agree with the stored clock. */
  now: z.string(),
  /** Earliest time the board can be shown at; null: no history yet. */
  oldest: z.string().nullable(),
  retentionDays: z.number(),
  snapshots: z.array(z.object({ at: z.string(), kind: z.enum(['start', 'compaction', 'epoch']) })),
  /** Stored changes per minute, newest first. */
  changes: z.array(z.object({ at: z.string(), count: z.number() })),
});
export type BoardHistoryResponse = z.infer<typeof BoardHistoryResponseSchema>;

export const HistoryAtQuerySchema = z.object({ at: HistoryTimeSchema }).strict();

export const PreviewCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  initials: z.string(),
  triage: TriageSchema,
  phaseId: z.string(),
  /** Compared with the board now: gone, different, or the same. */
  status: z.enum(['missing', 'changed', 'unchanged']),
  changedFields: z.array(z.string()),
});
export type PreviewCard = z.infer<typeof PreviewCardSchema>;

export const HistoryPreviewSchema = z.object({
  at: z.string(),
  /** The columns then, in order, each with its cards in display order. */
  phases: z.array(z.object({ id: z.string(), title: z.string(), cards: z.array(PreviewCardSchema) })),
  diff: z.object({ missing: z.number(), changed: z.number(), later: z.number(), unchanged: z.number() }),
  /** Cards on the board now that did not exist then. */
  laterCards: z.array(z.object({ id: z.string(), name: z.string(), phaseId: z.string() })),
});
export type HistoryPreview = z.infer<typeof HistoryPreviewSchema>;

export const RestoreRequestSchema = z
  .object({
    at: HistoryTimeSchema,
    /** Only these cards (ids on the board then); absent: the whole board. */
    cardIds: z.array(IdSchema).min(1, 'Vælg mindst ét kort.').max(5000).optional(),
    /** "Fjern kort oprettet senere" (whole-board restore only). Default: keep them. */
    removeLater: z.boolean().default(false),
  })
  .strict();
export type RestoreRequest = z.input<typeof RestoreRequestSchema>;

export const RestoreResponseSchema = z.object({
  at: z.string(),
  recreated: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
  phases: z.array(z.string()),
  meta: z.boolean(),
  /** Free-area messages written back (BoardDoc.restoreFrom). */
  freeItems: z.array(z.string()),
});
export type RestoreResponse = z.infer<typeof RestoreResponseSchema>;
