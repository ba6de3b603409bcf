import { z } from 'zod';
import { BoardMetaSchema } from '../model/board.js';
import { CardFieldsSchema, OrderKeySchema, PositionSchema } from '../model/card.js';
import { IdSchema, IsoDateSchema } from '../model/ids.js';
import { LogEntrySchema, LogReceiptSchema, RECEIPT_KEY_FIELDS, ReceiptKeySchema } from '../model/cardLog.js';
import {
  ClosureSchema,
  DecisionSchema,
  FollowUpIdSchema,
  GoalSchema,
  LifecycleScalarsSchema,
  OPSTART_KEYS,
  OpstartSchema,
  RelativeSchema,
  StoredFollowUpCompletionSchema,
  TimestampSchema,
  VisitatorRequestSchema,
} from '../model/lifecycle.js';
import {
  ActionItemSchema,
  AgendaItemIdSchema,
  AgendaItemNoteSchema,
  AgendaItemSchema,
  AgendaItemStatusSchema,
  AgendaPlanSummarySchema,
  DiscussedEntrySchema,
  MeetingSchema,
  MinutesSchema,
  NominationSchema,
  ParkedEntrySchema,
  PhaseSnapshotSchema,
  RemovedAgendaItemSchema,
  StoredTriageEventSchema,
  StoredVisitatorQuestionSchema,
  TriageResponseSchema,
} from '../model/meeting.js';
import { PhaseSchema } from '../model/phase.js';
import { FieldConflictSchema, MAX_CONFLICTS_PER_CARD } from '../model/conflict.js';
import { SwapSchema } from '../model/swaps.js';
import { FreeItemSchema, MAX_FREE_ITEMS } from '../model/freeArea.js';
import { CadenceTemplateIdSchema } from '../rules/cadenceTemplates.js';

/*
 * The board document's layout as data: every root map, every record in it and every value
 * a record may hold, each with the zod schema its stored value must conform to exactly
 * (see `conforms`). The server checks every record an update touches against this before
 * the update is stored or relayed (doc/changes.ts), so this is the one list of what may
 * exist in a board doc; BoardDoc and MeetingDoc write only what it allows.
 */

/** A map of plain JSON values (never nested Y types), e.g. phaseId → Phase. */
export interface ValueMapSpec {
  kind: 'values';
  key: z.ZodType<string>;
  value: z.ZodType;
  /** The value's field that must equal its key (e.g. a phase's `id`). */
  idField?: string;
  /**
   * The value's fields whose values, joined by ':', must equal its key (a read receipt is
   * stored under `entryId:by`, so one person's receipt can never sit under another's key).
   */
  keyFields?: readonly string[];
  maxEntries: number;
}

/**
 * A map of records, each a Y.Map with one key per field (plain values) and nested value
 * maps (e.g. a card with its `goals`).
 */
export interface RecordMapSpec {
  kind: 'records';
  key: z.ZodType<string>;
  fields: Readonly<Record<string, z.ZodType>>;
  nested: Readonly<Record<string, ValueMapSpec>>;
  /** Fields a record must have (a record written whole always has them). */
  required: readonly string[];
  maxEntries: number;
}

/** A root with fixed keys of plain values (the board's meta). */
export interface FixedSpec {
  kind: 'fixed';
  fields: Readonly<Record<string, z.ZodType>>;
}

export type RootSpec = ValueMapSpec | RecordMapSpec | FixedSpec;

/** Most cards a board holds (a large municipality team has a few hundred active forløb). */
export const MAX_CARDS_PER_BOARD = 3000;
/** Most items in one nested collection of a card or a meeting. */
export const MAX_NESTED_ENTRIES = 500;
/** Most entries in one card's log: a year-long forløb with a few handovers a day. */
export const MAX_LOG_ENTRIES = 2000;

const values = (
  value: z.ZodType,
  opts: { key?: z.ZodType<string>; idField?: string; keyFields?: readonly string[]; maxEntries?: number } = {},
): ValueMapSpec => ({
  kind: 'values',
  key: opts.key ?? IdSchema,
  value,
  ...(opts.idField ? { idField: opts.idField } : {}),
  ...(opts.keyFields ? { keyFields: opts.keyFields } : {}),
  maxEntries: opts.maxEntries ?? MAX_NESTED_ENTRIES,
});

const opstart = OpstartSchema.shape;

/** Every key a card's Y.Map may hold besides its nested collections. */
export const CARD_FIELDS: Readonly<Record<string, z.ZodType>> = {
  ...CardFieldsSchema.shape,
  position: PositionSchema,
  phaseEnteredAt: IsoDateSchema,
  /** The instant of the last change of column ("Siden sidst", issue #11). */
  movedAt: TimestampSchema,
  createdAt: z.string().max(40),
  ...LifecycleScalarsSchema.shape,
  [OPSTART_KEYS.plannedDate]: opstart.plannedDate,
  [OPSTART_KEYS.participants]: opstart.participants,
  [OPSTART_KEYS.heldOn]: opstart.heldOn,
  [OPSTART_KEYS.note]: opstart.note,
  closure: ClosureSchema.nullable(),
};

/** A card's nested collections (model/lifecycle.ts LIFECYCLE_COLLECTION_KEYS). */
export const CARD_COLLECTIONS: Readonly<Record<string, ValueMapSpec>> = {
  followUps: values(StoredFollowUpCompletionSchema, { key: FollowUpIdSchema }),
  decisions: values(DecisionSchema, { idField: 'id' }),
  goals: values(GoalSchema, { idField: 'id' }),
  relatives: values(RelativeSchema, { idField: 'id' }),
  requests: values(VisitatorRequestSchema, { idField: 'id' }),
  /**
   * The dated log (model/cardLog.ts, issue #12): append-only entries, and the read receipts
   * one key per reader and entry. Not a lifecycle collection: a restore or the wall screen,
   * which walk the lifecycle, never take an entry back or show its text.
   */
  log: values(LogEntrySchema, { idField: 'id', maxEntries: MAX_LOG_ENTRIES }),
  logReads: values(LogReceiptSchema, {
    key: ReceiptKeySchema,
    keyFields: RECEIPT_KEY_FIELDS,
    maxEntries: MAX_LOG_ENTRIES * 20,
  }),
  /** Concurrent edits that could not be merged: the server's (model/conflict.ts). */
  conflicts: values(FieldConflictSchema, { idField: 'id', maxEntries: MAX_CONFLICTS_PER_CARD }),
  /** Bytteydelser (model/swaps.ts; rules/swaps.ts says who may add, nobody but an administrator changes). */
  swaps: values(SwapSchema, { idField: 'id' }),
};

/** The card log's nested maps (CARD_COLLECTIONS), created with the card so first writes never race. */
export const CARD_LOG_KEYS = ['log', 'logReads'] as const;

/** The rules' part of an agenda item as stored in a meeting's `items` (status lives apart). */
const StoredAgendaItemSchema = AgendaItemSchema.omit({ status: true });
const meeting = MeetingSchema.shape;

/** Where every card stood at a meeting's start or end: at most one entry per card of a board. */
const boundedSnapshot = PhaseSnapshotSchema.nullable().refine(
  (snapshot) => snapshot === null || Object.keys(snapshot).length <= MAX_CARDS_PER_BOARD,
);

export const MEETING_FIELDS: Readonly<Record<string, z.ZodType>> = {
  type: meeting.type,
  scheduledFor: meeting.scheduledFor,
  createdAt: z.string().max(40),
  leader: meeting.leader,
  startedAt: meeting.startedAt,
  endedAt: meeting.endedAt,
  summary: MinutesSchema.shape.summary,
  attendees: MinutesSchema.shape.attendees,
  /** Written by the server's meeting record at start and end (the minutes' moves). */
  phasesAtStart: boundedSnapshot,
  phasesAtEnd: boundedSnapshot,
  /** "Lav dagsorden"'s budget verdict and who was not reached (rules/agendaPlan.ts, issue #11). */
  plan: AgendaPlanSummarySchema,
};

export const MEETING_COLLECTIONS: Readonly<Record<string, ValueMapSpec>> = {
  items: values(StoredAgendaItemSchema, { key: AgendaItemIdSchema, idField: 'id' }),
  order: values(OrderKeySchema, { key: AgendaItemIdSchema }),
  status: values(AgendaItemStatusSchema, { key: AgendaItemIdSchema }),
  timeBox: values(AgendaItemSchema.shape.timeBoxMin, { key: AgendaItemIdSchema }),
  notes: values(AgendaItemNoteSchema, { key: AgendaItemIdSchema }),
  removed: values(RemovedAgendaItemSchema, { key: AgendaItemIdSchema, idField: 'id' }),
  actions: values(ActionItemSchema, { idField: 'id' }),
  parking: values(ParkedEntrySchema, { idField: 'id' }),
};

/** Root map name → what it holds. A root not listed here may not exist in a board doc. */
export const BOARD_LAYOUT = {
  meta: {
    kind: 'fixed',
    fields: { ...BoardMetaSchema.shape, cadenceTemplateId: CadenceTemplateIdSchema },
  },
  phases: values(PhaseSchema, { idField: 'id', maxEntries: 40 }),
  cards: {
    kind: 'records',
    key: IdSchema,
    fields: CARD_FIELDS,
    nested: CARD_COLLECTIONS,
    required: ['name', 'position'],
    maxEntries: MAX_CARDS_PER_BOARD,
  },
  triageEvents: values(StoredTriageEventSchema, { idField: 'id', maxEntries: 200_000 }),
  triageResponses: values(TriageResponseSchema, { idField: 'cardId', maxEntries: MAX_CARDS_PER_BOARD * 4 }),
  lastDiscussed: values(DiscussedEntrySchema, { maxEntries: MAX_CARDS_PER_BOARD * 4 }),
  nominations: values(NominationSchema, { idField: 'id', maxEntries: 10_000 }),
  questions: values(StoredVisitatorQuestionSchema, { idField: 'id', maxEntries: 50_000 }),
  meetings: {
    kind: 'records',
    key: IdSchema,
    fields: MEETING_FIELDS,
    nested: MEETING_COLLECTIONS,
    required: ['type', 'scheduledFor'],
    maxEntries: 20_000,
  },
  /** The free area (model/freeArea.ts, issue #16): one entry per note, text or stroke. */
  freeItems: values(FreeItemSchema, { idField: 'id', maxEntries: MAX_FREE_ITEMS }),
} as const satisfies Record<string, RootSpec>;

export type RootName = keyof typeof BOARD_LAYOUT;
export const ROOT_NAMES = Object.keys(BOARD_LAYOUT) as RootName[];

/** Does `value` sit under the key its spec demands (`idField`, `keyFields`)? */
export function keyMatches(spec: ValueMapSpec, key: string, value: unknown): boolean {
  const v = value as Record<string, unknown>;
  if (spec.idField && v[spec.idField] !== key) return false;
  if (spec.keyFields && spec.keyFields.map((f) => String(v[f])).join(':') !== key) return false;
  return true;
}

export function isRootName(name: string): name is RootName {
  return Object.hasOwn(BOARD_LAYOUT, name);
}

/**
 * Does `value` conform to `schema` exactly, as stored? It must parse, and parsing must not
 * have dropped or rewritten anything: an unknown key, an untrimmed string or a value a
 * transform changes is refused, so what is stored is what every reader will read. Keys
 * the schema fills with defaults are allowed to be missing.
 */
export function conforms(schema: z.ZodType, value: unknown): boolean {
  const parsed = schema.safeParse(value);
  return parsed.success && sameStored(parsed.data, value, 0);
}

function sameStored(parsed: unknown, raw: unknown, depth: number): boolean {
  if (depth > 16) return false;
  if (parsed === raw) return true;
  if (typeof parsed !== 'object' || typeof raw !== 'object' || parsed === null || raw === null) return false;
  if (Array.isArray(parsed) !== Array.isArray(raw)) return false;
  if (Array.isArray(parsed)) {
    const r = raw as unknown[];
    return parsed.length === r.length && parsed.every((p, i) => sameStored(p, r[i], depth + 1));
  }
  if (Object.getPrototypeOf(raw) !== Object.prototype && Object.getPrototypeOf(raw) !== null) return false;
  const p = parsed as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(p, key) || !sameStored(p[key], value, depth + 1)) return false;
  }
  return true;
}
