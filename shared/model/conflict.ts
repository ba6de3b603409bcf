import { z } from 'zod';
import { IdSchema } from './ids.js';
import { freeText } from './card.js';
import {
  ActorNameSchema,
  OPSTART_KEYS,
  GoalSchema,
  OpstartParticipantsSchema,
  TemporaryChangeSchema,
  TimestampSchema,
} from './lifecycle.js';

/*
 * A concurrent edit of one card field that could not be merged (docs/protocol.md "Concurrent
 * edits"): both values are kept, so the person whose change did not stay is told and can
 * restore theirs with one tap. Written by the server only; the loser may mark it resolved.
 */

/**
 * Card fields whose concurrent edits are detected. Not the card's place (`position` and its
 * dates: a move is last-writer-wins by design) nor the closure (a closure is decided, not edited).
 */
export const CONFLICT_FIELDS = [
  'name',
  'initials',
  'triage',
  'forlobType',
  'contactPerson',
  'nextDueDate',
  'note',
  'visitationDate',
  'startDate',
  'cadenceTemplateId',
  'forlobTypeId',
  'legalBasis',
  'weeklyHours',
  'secondaryContact',
  'temporaryChange',
  OPSTART_KEYS.plannedDate,
  OPSTART_KEYS.participants,
  OPSTART_KEYS.heldOn,
  OPSTART_KEYS.note,
] as const;
export type CardConflictField = (typeof CONFLICT_FIELDS)[number];
/**
 * Card collections whose items are edited whole and settled like fields, per item (a
 * conflict names the item in `itemId`): two people editing one goal, one its text and one
 * its status, both keep their change.
 */
export const CONFLICT_COLLECTIONS = ['goals'] as const;
export type ConflictCollection = (typeof CONFLICT_COLLECTIONS)[number];
export const ConflictFieldSchema = z.enum([...CONFLICT_FIELDS, ...CONFLICT_COLLECTIONS]);
export type ConflictField = z.infer<typeof ConflictFieldSchema>;

/** Free-text fields: concurrent edits are merged as text (rules/textMerge.ts) before they conflict. */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set<ConflictField>([
  'name',
  'initials',
  'contactPerson',
  'note',
  'secondaryContact',
  OPSTART_KEYS.note,
]);

export function isConflictField(field: string): field is CardConflictField {
  return (CONFLICT_FIELDS as readonly string[]).includes(field);
}

export function isConflictCollection(field: string): field is ConflictCollection {
  return (CONFLICT_COLLECTIONS as readonly string[]).includes(field);
}

/** A conflict field's value: text, a date, a number, none, the participants, a temporary change, a goal. */
const FieldValueSchema = z.union([
  freeText(2000),
  z.number(),
  z.null(),
  OpstartParticipantsSchema,
  TemporaryChangeSchema,
  GoalSchema,
]);

/** One side of a conflict: the value and who wrote it when ('' / null when the server no longer knows). */

export const ConflictSideSchema = z.object({
  value: FieldValueSchema,
  by: z.union([IdSchema, z.literal('')]),
  byName: ActorNameSchema,
  at: TimestampSchema.nullable(),
});
export type ConflictSide = z.infer<typeof ConflictSideSchema>;

export const FieldConflictSchema = z.object({
  id: IdSchema,
  field: ConflictFieldSchema,
  /** For a collection (`goals`): the item's id. */
  itemId: IdSchema.optional(),
  /** The value the card has: the one the server had first. */
  kept: ConflictSideSchema,
  /** The value that did not stay: its writer had not seen `kept`. */
  lost: ConflictSideSchema,
  resolvedAt: TimestampSchema.optional(),
});
export type FieldConflict = z.infer<typeof FieldConflictSchema>;

/** Conflicts kept per card; the server drops the oldest (resolved first) beyond this. */
export const MAX_CONFLICTS_PER_CARD = 20;

/** The conflicts `userId` lost and has not resolved, newest first. */
export function openConflictsOf<T extends { conflict: FieldConflict }>(userId: string, all: readonly T[]): T[] {
  return all
    .filter((c) => c.conflict.lost.by === userId && c.conflict.resolvedAt === undefined)
    .sort((a, b) => ((a.conflict.lost.at ?? '') < (b.conflict.lost.at ?? '') ? 1 : -1));
}
