import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './ids.js';
import { TriageSchema, freeText } from './card.js';
import { ActorIdSchema, ActorNameSchema, FollowUpIdSchema, RequestKindSchema, TimestampSchema } from './lifecycle.js';

/*
 * Meetings and the agenda "Ingen glemmes" (digest §2, R7–R10, R15, R16).
 *
 * Pure data: the meeting types with their defaults, the agenda item and the reasons an
 * item is on the agenda, the triage history, nominations and the "Spørg visitator" queue.
 * The rules that build an agenda from cards live in rules/agenda.ts and rules/triage.ts.
 *
 * Every reason carries absolute dates, never "3 days ago": the text is rendered against
 * the day it is read (`reasonText` in rules/agenda.ts), so an agenda prepared yesterday
 * still reads right today.
 */

type Label = { da: string; en: string };

// ---------------------------------------------------------------------------------------
// Meeting types (R7)
// ---------------------------------------------------------------------------------------

export const MeetingTypeSchema = z.enum(['tavlemoede', 'tvaerfagligt', 'udvidet']);
export type MeetingType = z.infer<typeof MeetingTypeSchema>;

/** The agenda rules (rules/agenda.ts `AGENDA_RULES`), each switchable per meeting type. */
export const AgendaRuleIdSchema = z.enum([
  'triage',
  'triage-changed',
  'follow-ups',
  'opstart',
  'not-discussed',
  'new-citizen',
  'nominations',
  'visitator',
  'temporary-change',
  /** "Udskrevet – gennemgås med planlægger" (R27, rules/careSignals.ts). */
  'discharge',
  /** Repeated "nej tak" (R24, rules/careSignals.ts). */
  'declines',
]);
export type AgendaRuleId = z.infer<typeof AgendaRuleIdSchema>;

export const MeetingCadenceSchema = z.enum(['daily', 'weekly', 'biweekly']);
export type MeetingCadence = z.infer<typeof MeetingCadenceSchema>;

/** The settings of a meeting type a municipality may change. */
export const MeetingTypeSettingsSchema = z.object({
  /** Planned length of the meeting, minutes. */
  durationMin: z.number().int().min(5).max(480),
  /** Default time box of one agenda item, minutes (R10). */
  defaultTimeBoxMin: z.number().int().min(1).max(60),
  /** Agenda rules applied on every meeting of this type. */
  rules: z.array(AgendaRuleIdSchema).max(AgendaRuleIdSchema.options.length),
  /** Rules added on the fixed visitator's days (R13, S2:4489-4493). */
  rulesOnVisitatorDays: z.array(AgendaRuleIdSchema).max(AgendaRuleIdSchema.options.length),
  /** A citizen not discussed for this many days is put on the agenda (R8). */
  notDiscussedDays: z.number().int().min(1).max(365),
});
export type MeetingTypeSettings = z.infer<typeof MeetingTypeSettingsSchema>;

export interface MeetingTypeConfig extends MeetingTypeSettings {
  id: MeetingType;
  label: Label;
  cadence: MeetingCadence;
  /** Who is usually there, in the seeds' words. */
  participants: Label;
  source: string;
}

const ALL_BUT_VISITATOR: readonly AgendaRuleId[] = AgendaRuleIdSchema.options.filter((r) => r !== 'visitator');

/**
 * The three meeting modes of R7. Durations and time boxes are Tavlen's defaults (the seeds
 * give only Solrød's ½-hour daily meeting, S2:3051-3052); each municipality can change them.
 */
export const MEETING_TYPES: Readonly<Record<MeetingType, MeetingTypeConfig>> = Object.freeze({
  tavlemoede: {
    id: 'tavlemoede',
    label: { da: 'Tavlemøde', en: 'Board meeting' },
    cadence: 'daily',
    participants: {
      da: 'Teamet – og visitator på visitatordagen',
      en: "The team – and the visitator on the visitator's day",
    },
    durationMin: 15,
    defaultTimeBoxMin: 1,
    rules: [...ALL_BUT_VISITATOR],
    rulesOnVisitatorDays: ['visitator'],
    notDiscussedDays: 14,
    source: 'S2:1635-1645, 4369-4378, 4489-4493',
  },
  tvaerfagligt: {
    id: 'tvaerfagligt',
    label: { da: 'Tværfagligt møde', en: 'Interdisciplinary meeting' },
    cadence: 'weekly',
    participants: {
      da: 'Teamet, den faste visitator, sygeplejerske, terapeut, leder og planlægger',
      en: 'The team, the fixed visitator, nurse, therapist, leader and planner',
    },
    durationMin: 45,
    defaultTimeBoxMin: 5,
    rules: [...AgendaRuleIdSchema.options],
    rulesOnVisitatorDays: [],
    notDiscussedDays: 14,
    source: 'S2:1583-1585, 3794-3797; S3:551-577',
  },
  udvidet: {
    id: 'udvidet',
    label: { da: 'Udvidet møde', en: 'Extended meeting' },
    cadence: 'biweekly',
    participants: {
      da: 'Teamet, aftenvagt, visitator, sygeplejerske, demenskoordinator og terapeuter',
      en: 'The team, evening shift, visitator, nurse, dementia coordinator and therapists',
    },
    durationMin: 90,
    defaultTimeBoxMin: 5,
    rules: [...AgendaRuleIdSchema.options],
    rulesOnVisitatorDays: [],
    notDiscussedDays: 14,
    source: 'S2:1612-1613, 3163-3166',
  },
});

// ---------------------------------------------------------------------------------------
// Triage history, last discussed, nominations, "Spørg visitator" (R8, R11, R16)
// ---------------------------------------------------------------------------------------

/** One change of a card's triage colour. */
export const TriageEventSchema = z.object({
  cardId: IdSchema,
  at: TimestampSchema,
  from: TriageSchema,
  to: TriageSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
  reason: freeText(200).optional(),
});
export type TriageEvent = z.infer<typeof TriageEventSchema>;

/**
 * The response to a red or yellow card ("Vurdering foretaget" / "Handleplan lagt"), stored
 * per card. It answers one colour episode: the colour and the instant it began
 * (`triageSince`); a later colour change starts a new episode and a new clock.
 */
export const TriageResponseSchema = z.object({
  cardId: IdSchema,
  triage: TriageSchema,
  since: TimestampSchema,
  at: TimestampSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
});
export type TriageResponse = z.infer<typeof TriageResponseSchema>;

/** Card id → the (Danish) date the citizen was last discussed at a meeting ("sidst drøftet", R8). */
export const LastDiscussedSchema = z.record(IdSchema, IsoDateSchema);
export type LastDiscussed = z.infer<typeof LastDiscussedSchema>;

/** Someone asks for a citizen to be discussed at the next meeting. */
export const NominationSchema = z.object({
  id: IdSchema,
  cardId: IdSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
  at: TimestampSchema,
  note: freeText(200),
});
export type Nomination = z.infer<typeof NominationSchema>;

export const VisitatorQuestionStatusSchema = z.enum(['open', 'answered']);
export type VisitatorQuestionStatus = z.infer<typeof VisitatorQuestionStatusSchema>;

/** A question gathered during the week for the visitator's day (R16); cardId null: a general question. */
export const VisitatorQuestionSchema = z.object({
  id: IdSchema,
  cardId: IdSchema.nullable(),
  text: freeText(500).pipe(z.string().min(1, 'Skriv spørgsmålet')),
  by: ActorIdSchema,
  byName: ActorNameSchema,
  at: TimestampSchema,
  status: VisitatorQuestionStatusSchema,
  answer: freeText(1000).optional(),
});
export type VisitatorQuestion = z.infer<typeof VisitatorQuestionSchema>;

// ---------------------------------------------------------------------------------------
// Agenda reasons
// ---------------------------------------------------------------------------------------

const followUpRef = {
  followUpId: FollowUpIdSchema,
  /** "Opfølgning uge 5" / "Follow-up week 5" (as computeFollowUps labels it). */
  label: z.string().min(1).max(80),
  labelEn: z.string().min(1).max(80),
  dueDate: IsoDateSchema,
  windowEnd: IsoDateSchema,
};

export const AgendaReasonSchema = z.discriminatedUnion('code', [
  /** Red (or yellow) now; `since`: the instant it became so, null when unknown. */
  z.object({ code: z.literal('red'), since: TimestampSchema.nullable() }),
  z.object({ code: z.literal('yellow'), since: TimestampSchema.nullable() }),
  /** Net change since the last meeting: first `from`, latest `to`, how many changes. */
  z.object({
    code: z.literal('triage-changed'),
    from: TriageSchema,
    to: TriageSchema,
    at: TimestampSchema,
    byName: ActorNameSchema,
    count: z.number().int().min(1),
  }),
  z.object({ code: z.literal('follow-up-due'), ...followUpRef }),
  z.object({ code: z.literal('follow-up-overdue'), ...followUpRef }),
  /** Not held and not (validly) booked; `plannedAfterDeadline`: booked after the 14-day deadline. */
  z.object({ code: z.literal('opstart-to-plan'), deadline: IsoDateSchema, plannedAfterDeadline: z.boolean() }),
  z.object({ code: z.literal('opstart-overdue'), deadline: IsoDateSchema }),
  /** `since`: the last discussion, or (never discussed) the day counting started. */
  z.object({ code: z.literal('not-discussed'), since: IsoDateSchema, lastDiscussedOn: IsoDateSchema.nullable() }),
  /** Never discussed, recently started; `planOpstart`: no opstartsmøde booked or held yet. */
  z.object({ code: z.literal('new-citizen'), since: IsoDateSchema, planOpstart: z.boolean() }),
  z.object({
    code: z.literal('question-for-visitator'),
    questionId: IdSchema,
    text: z.string().max(500),
    byName: ActorNameSchema,
    at: TimestampSchema,
  }),
  z.object({
    code: z.literal('request-pending'),
    requestId: IdSchema,
    kind: RequestKindSchema,
    reason: z.string().max(200),
    byName: ActorNameSchema,
    at: TimestampSchema,
  }),
  z.object({
    code: z.literal('nominated'),
    nominationId: IdSchema,
    byName: ActorNameSchema,
    at: TimestampSchema,
    note: z.string().max(200),
  }),
  z.object({ code: z.literal('temporary-change-ending'), text: z.string().max(200), endDate: IsoDateSchema }),
  /** Discharged from hospital on `date`, not yet gone through with the planner (R27). */
  z.object({ code: z.literal('discharged'), date: IsoDateSchema }),
  /** `count` "nej tak" within `days` days, the latest on `lastOn` (R24). */
  z.object({
    code: z.literal('declined'),
    count: z.number().int().min(1).max(10_000),
    days: z.number().int().min(1).max(366),
    lastOn: IsoDateSchema,
  }),
  /**
   * The rotation ("alt vel?", issue #11): nobody else asks for this citizen, but it is their
   * turn. `since`: the last discussion, or the day counting started; `carriedOver`: not
   * reached at the previous meeting of this type, so first in line now.
   */
  z.object({
    code: z.literal('rotation'),
    since: IsoDateSchema,
    lastDiscussedOn: IsoDateSchema.nullable(),
    carriedOver: z.boolean(),
  }),
]);
export type AgendaReason = z.infer<typeof AgendaReasonSchema>;
export type AgendaReasonCode = AgendaReason['code'];
export type AgendaReasonOf<C extends AgendaReasonCode> = Extract<AgendaReason, { code: C }>;

export const AGENDA_REASON_CODES = AgendaReasonSchema.options.map((o) => o.shape.code.value) as AgendaReasonCode[];

/**
 * Severity of a reason, most severe first: the order reasons are listed in on an item
 * and (via `AGENDA_GROUPS` in rules/agenda.ts) the order items are listed in.
 */
export const REASON_SEVERITY: readonly AgendaReasonCode[] = Object.freeze([
  'red',
  'follow-up-overdue',
  'opstart-overdue',
  'yellow',
  'follow-up-due',
  'opstart-to-plan',
  'temporary-change-ending',
  'discharged',
  'declined',
  'request-pending',
  'question-for-visitator',
  'triage-changed',
  'nominated',
  'not-discussed',
  'new-citizen',
  'rotation',
]);

// ---------------------------------------------------------------------------------------
// Agenda items and the prepared agenda (R9, R10)
// ---------------------------------------------------------------------------------------

/** `c:<cardId>` for a citizen, `q:<questionId>` for a general question, anything unique for manual items. */
export const AgendaItemIdSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_:-]+$/);

export const AgendaItemSourceSchema = z.enum(['rule', 'nominated', 'manual']);
export type AgendaItemSource = z.infer<typeof AgendaItemSourceSchema>;

/** 'not-reached': still pending when the meeting ended; it comes first on the next agenda. */
export const AgendaItemStatusSchema = z.enum(['pending', 'discussed', 'parked', 'skipped', 'not-reached']);
export type AgendaItemStatus = z.infer<typeof AgendaItemStatusSchema>;

export const AGENDA_ITEM_STATUS_LABELS: Readonly<Record<AgendaItemStatus, Label>> = {
  pending: { da: 'Mangler', en: 'Pending' },
  discussed: { da: 'Drøftet', en: 'Discussed' },
  parked: { da: 'Parkeret', en: 'Parked' },
  skipped: { da: 'Sprunget over', en: 'Skipped' },
  'not-reached': { da: 'Ikke nået', en: 'Not reached' },
};

export const AgendaItemSchema = z.object({
  id: AgendaItemIdSchema,
  cardId: IdSchema.nullable(),
  title: z.string().trim().min(1).max(500),
  /** All reasons, most severe first. Empty only for a manual item. */
  reasons: z.array(AgendaReasonSchema),
  source: AgendaItemSourceSchema,
  /** Minutes, in half-minute steps: a rotation item ("alt vel?") gets ½ minute. */
  timeBoxMin: z.number().min(0.5).max(120).multipleOf(0.5),
  status: AgendaItemStatusSchema,
  /** Display name of the first person who nominated the citizen. */
  nominatedBy: ActorNameSchema.optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

/** A citizen the rotation wanted but the budget had no room for ("ikke nået – foreslås næste gang"). */
export const NotReachedItemSchema = z.object({ cardId: IdSchema, title: z.string().trim().min(1).max(500) }).strict();
export type NotReachedItem = z.infer<typeof NotReachedItemSchema>;

const minutes = z.number().min(0).max(10_000);

/**
 * What "Lav dagsorden" planned against the time budget (rules/agendaPlan.ts), stored on the
 * meeting (key `plan`) so everyone sees the same verdict and the next meeting of the type
 * takes the citizens not reached first.
 */
export const AgendaPlanSummarySchema = z
  .object({
    budgetMin: minutes,
    /** The time boxes of what is on the agenda. */
    plannedMin: minutes,
    /** The must-discuss items alone. */
    mustMin: minutes,
    /** How far the must-discuss items alone exceed the budget; 0 when they fit. */
    overBudgetMin: minutes,
    /** The team's promise: every active citizen at least every N days. */
    rotationDays: z.number().int().min(1).max(90),
    /** Days the rotation takes at today's pace; null: no schedule, or no room at all (see `rotationRoom`). */
    cycleDays: z.number().int().min(0).max(3650).nullable(),
    /** False when the must-discuss items leave no room for a single rotation item. */
    rotationRoom: z.boolean(),
    /** Minutes a meeting would need to keep the promise (whole minutes). */
    neededMin: minutes,
    activeCount: z.number().int().min(0).max(100_000),
    notReached: z.array(NotReachedItemSchema).max(1000),
  })
  .strict();
export type AgendaPlanSummary = z.infer<typeof AgendaPlanSummarySchema>;

/** An item the coordinator took off the agenda, with the reasons it had then. */
export const RemovedAgendaItemSchema = z.object({
  id: AgendaItemIdSchema,
  /** `reasonKey` of each reason at removal; a reason with another key brings the item back. */
  reasonKeys: z.array(z.string().max(120)),
});
export type RemovedAgendaItem = z.infer<typeof RemovedAgendaItemSchema>;

/** The coordinator's prepared agenda: items in their chosen order, and what they removed. */
export const PreparedAgendaSchema = z.object({
  items: z.array(AgendaItemSchema),
  removed: z.array(RemovedAgendaItemSchema),
});
export type PreparedAgenda = z.infer<typeof PreparedAgendaSchema>;

// ---------------------------------------------------------------------------------------
// Stored meeting data (doc/meetingDoc.ts): inputs of its methods and what it stores
// ---------------------------------------------------------------------------------------

/** Who does something, with the display name at the time. */
export const ActorSchema = z.object({ by: ActorIdSchema, byName: ActorNameSchema.default('') });
export type ActorInput = z.input<typeof ActorSchema>;

/** A triage event as stored in `triageEvents`: the event with its own id (= its key). */
export const StoredTriageEventSchema = TriageEventSchema.extend({ id: IdSchema });
export type StoredTriageEvent = z.infer<typeof StoredTriageEventSchema>;

export const SetTriageSchema = ActorSchema.extend({ reason: freeText(200).optional(), at: TimestampSchema.optional() });
export type SetTriageInput = z.input<typeof SetTriageSchema>;

export const MarkDiscussedSchema = z.object({ date: IsoDateSchema, by: ActorIdSchema });
export type MarkDiscussedInput = z.infer<typeof MarkDiscussedSchema>;

/**
 * `lastDiscussed` value: the date and who marked it. When set by an agenda item, `meetingId`
 * and `previous` let un-marking the item restore what was there before.
 */
export const DiscussedEntrySchema = z.object({
  date: IsoDateSchema,
  by: ActorIdSchema,
  meetingId: IdSchema.optional(),
  previous: z.object({ date: IsoDateSchema, by: ActorIdSchema }).nullable().optional(),
});
export type DiscussedEntry = z.infer<typeof DiscussedEntrySchema>;

export const NewNominationSchema = ActorSchema.extend({ cardId: IdSchema, note: freeText(200).default('') });
export type NewNomination = z.input<typeof NewNominationSchema>;

export const NewVisitatorQuestionSchema = ActorSchema.extend({
  cardId: IdSchema.nullable().default(null),
  text: VisitatorQuestionSchema.shape.text,
});
export type NewVisitatorQuestion = z.input<typeof NewVisitatorQuestionSchema>;

export const AnswerQuestionSchema = ActorSchema.extend({ answer: freeText(1000) });
export type AnswerQuestionInput = z.input<typeof AnswerQuestionSchema>;

/** A question as stored: who answered it, and when, besides the answer. */
export const StoredVisitatorQuestionSchema = VisitatorQuestionSchema.extend({
  answeredBy: ActorIdSchema.optional(),
  answeredByName: ActorNameSchema.optional(),
  answeredAt: TimestampSchema.optional(),
});
export type StoredVisitatorQuestion = z.infer<typeof StoredVisitatorQuestionSchema>;

export const NewMeetingSchema = z.object({
  type: MeetingTypeSchema,
  /** The instant the meeting is planned to start. */
  scheduledFor: TimestampSchema,
  /** Who leads it (display name). */
  leader: ActorNameSchema.default(''),
});
export type NewMeeting = z.input<typeof NewMeetingSchema>;

export const MinutesSchema = z.object({
  summary: freeText(4000),
  attendees: z.array(ActorNameSchema.pipe(z.string().min(1))).max(50),
});
export type Minutes = z.infer<typeof MinutesSchema>;
export const MinutesPatchSchema = MinutesSchema.partial();
export type MinutesPatch = z.infer<typeof MinutesPatchSchema>;

/**
 * Card id → column id, written by the server when the meeting starts (`phasesAtStart`) and
 * ends (`phasesAtEnd`): the minutes' "flyttet fra … til …" (a card keeps no move history).
 */
export const PhaseSnapshotSchema = z.record(IdSchema, IdSchema);
export type PhaseSnapshot = z.infer<typeof PhaseSnapshotSchema>;

/** A meeting as read: plan, who leads, when it started and ended, the minutes. */
export const MeetingSchema = z.object({
  id: IdSchema,
  type: MeetingTypeSchema,
  scheduledFor: TimestampSchema,
  createdAt: z.string(),
  leader: ActorNameSchema,
  startedAt: TimestampSchema.nullable(),
  endedAt: TimestampSchema.nullable(),
  minutes: MinutesSchema,
  /** Where every card stood when the meeting started / ended; null before that. */
  phasesAtStart: PhaseSnapshotSchema.nullable().optional(),
  phasesAtEnd: PhaseSnapshotSchema.nullable().optional(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const ManualAgendaItemSchema = z.object({
  title: freeText(200).pipe(z.string().min(1, 'Skriv et punkt')),
  /** A citizen on the board; the item then gets id `c:<cardId>` and merges with the rules' item. */
  cardId: IdSchema.nullable().default(null),
  timeBoxMin: AgendaItemSchema.shape.timeBoxMin.optional(),
  /** Where to insert it (default: last). */
  index: z.number().int().min(0).optional(),
});
export type ManualAgendaItem = z.input<typeof ManualAgendaItemSchema>;

export const AgendaItemNoteSchema = freeText(2000);

/**
 * Whose agreement it is, in the words of "Aftaler i dag" (R21, S2:3519-3521): "vi har
 * aftalt, at du gør" (the citizen) or "at kommunen gør" (the team).
 */
export const ActionPartySchema = z.enum(['borger', 'kommune']);
export type ActionParty = z.infer<typeof ActionPartySchema>;

/** "Who does what by when", recorded during the meeting. */
export const ActionItemSchema = z.object({
  id: IdSchema,
  /** The agenda item it came from, or null for the meeting as a whole. */
  itemId: AgendaItemIdSchema.nullable(),
  cardId: IdSchema.nullable(),
  text: freeText(300).pipe(z.string().min(1, 'Skriv opgaven')),
  who: freeText(80),
  due: IsoDateSchema.nullable(),
  /** Absent on agreements recorded before the party was asked: shown without one. */
  party: ActionPartySchema.optional(),
  by: ActorIdSchema,
  at: TimestampSchema,
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const NewActionItemSchema = z.object({
  itemId: AgendaItemIdSchema.nullable().default(null),
  text: ActionItemSchema.shape.text,
  who: freeText(80).default(''),
  due: IsoDateSchema.nullable().default(null),
  party: ActionPartySchema.optional(),
  by: ActorIdSchema,
});
export type NewActionItem = z.input<typeof NewActionItemSchema>;

/** Parkeringsplads: something raised in the meeting to take up later. */
export const ParkedEntrySchema = z.object({
  id: IdSchema,
  text: freeText(300).pipe(z.string().min(1, 'Skriv hvad der parkeres')),
  itemId: AgendaItemIdSchema.nullable(),
  by: ActorIdSchema,
  byName: ActorNameSchema,
  at: TimestampSchema,
});
export type ParkedEntry = z.infer<typeof ParkedEntrySchema>;

export const NewParkedEntrySchema = ActorSchema.extend({
  text: ParkedEntrySchema.shape.text,
  itemId: AgendaItemIdSchema.nullable().default(null),
});
export type NewParkedEntry = z.input<typeof NewParkedEntrySchema>;
