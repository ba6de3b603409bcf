import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './ids.js';
import { CardSchema, freeText } from './card.js';
import { FollowUpCompletionSchema } from '../rules/cadence.js';
import { CadenceTemplateIdSchema } from '../rules/cadenceTemplates.js';
import { SwapReasonSchema, SwapSchema, SwapSuitableSchema } from './swaps.js';
import { DeclineSchema, DischargeSchema, OfferLinkSchema } from './careSignals.js';
import { ExternalRefSchema } from './visits.js';

/*
 * The forløb lifecycle data of a card (digest §3, R3–R6, R15, R19–R22).
 *
 * Storage (see docs/protocol.md, "Data model"): every scalar is its own key of the card's
 * Y.Map, so two people editing different fields both keep their edit. The opstart plan is
 * stored as four flat keys (`opstartPlannedDate`, `opstartParticipants`, `opstartHeldOn`,
 * `opstartNote`) so planning and marking it held never overwrite each other. Collections
 * (`followUps`, `decisions`, `goals`, `relatives`, `requests`, `swaps`) are nested Y.Maps keyed by
 * item id with one plain JSON value per item, so concurrent additions all survive; one
 * item is replaced as a whole (last writer wins per item).
 *
 * Readers validate everything field by field (a raw client may write garbage): a bad
 * scalar falls back to its default, a bad collection item is skipped. The card itself is
 * never hidden.
 */

type Label = { da: string; en: string };

// ---------------------------------------------------------------------------------------
// Small shared shapes
// ---------------------------------------------------------------------------------------

/** A follow-up id as produced by computeFollowUps: `week-5`, `days-14`, `months-3`, `every3m-2`. */
export const FollowUpIdSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9-]+$/, 'ugyldigt opfølgnings-id');

/** Who did something: a user id (as in FollowUpCompletionSchema.by). */
export const ActorIdSchema = FollowUpCompletionSchema.shape.by;
/** The person's display name at the time, kept so history reads well after they leave. */
export const ActorNameSchema = freeText(80);

/** An instant, as `new Date().toISOString()` writes it. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** Visiteret tid in hours per week: 0–168 (a week has 168 hours). */
export const WeeklyHoursSchema = z
  .number()
  .finite()
  .min(0, 'visiteret tid kan ikke være negativ')
  .max(168, 'højst 168 timer om ugen');

/** "SEL §83a", "SUL §138", "Ældreloven §10". */
export const LegalBasisSchema = freeText(40);

// ---------------------------------------------------------------------------------------
// Opstart (R3, R9)
// ---------------------------------------------------------------------------------------

export const OPSTART_PARTICIPANTS = ['ssh', 'ssa', 'sygeplejerske', 'terapeut', 'visitator', 'paarorende'] as const;
export const OpstartParticipantSchema = z.enum(OPSTART_PARTICIPANTS);
export type OpstartParticipant = z.infer<typeof OpstartParticipantSchema>;

export const OPSTART_PARTICIPANT_LABELS: Readonly<Record<OpstartParticipant, Label>> = {
  ssh: { da: 'Social- og sundhedshjælper (SSH)', en: 'Social and healthcare helper (SSH)' },
  ssa: { da: 'Social- og sundhedsassistent (SSA)', en: 'Social and healthcare assistant (SSA)' },
  sygeplejerske: { da: 'Sygeplejerske', en: 'Nurse' },
  terapeut: { da: 'Terapeut (ergo-/fysioterapeut)', en: 'Therapist (OT/PT)' },
  visitator: { da: 'Visitator', en: 'Needs assessor (visitator)' },
  paarorende: { da: 'Pårørende', en: 'Relatives' },
};

/** Participants as a set: known roles only, each once, in the canonical order above. */
export const OpstartParticipantsSchema = z
  .array(OpstartParticipantSchema)
  .max(OPSTART_PARTICIPANTS.length * 2)
  .transform((list) => OPSTART_PARTICIPANTS.filter((p) => list.includes(p)));

export interface OpstartGuidance {
  id: string;
  /** Danish help text shown when planning who joins the opstartsmøde. */
  text: string;
  /** Participants this situation suggests (empty: a consideration, not a suggestion). */
  suggests: readonly OpstartParticipant[];
  source: string;
}

/**
 * Who joins the opstartsmøde when, in the seeds' words (digest §3, R9). Help text for the
 * planner; the board never decides it.
 */
export const OPSTART_PARTICIPANT_GUIDANCE: readonly OpstartGuidance[] = Object.freeze([
  {
    id: 'besluttes-paa-tavlemoede',
    text: 'Hvem der deltager i opstartsmødet, aftales på førstkommende tavlemøde – sammen med hvad der skal ske i hjemmet.',
    suggests: [],
    source: 'S2:4915-4917 (Aabenraa)',
  },
  {
    id: 'simpel',
    text: 'Simpel problemstilling, hvor der ikke er brug for andre: SSH eller SSA tager mødet alene.',
    suggests: ['ssh', 'ssa'],
    source: 'S2:4918-4920 (Aabenraa)',
  },
  {
    id: 'kraevende-paarorende',
    text: 'Krævende pårørende, hvor opgaven skal hegnes ind: visitator tager mødet alene.',
    suggests: ['visitator'],
    source: 'S2:4920-4927 (Aabenraa)',
  },
  {
    id: 'opgaver-i-hjemmet',
    text: 'Har sygeplejerske og/eller ergoterapeut opgaver i hjemmet, tager SSH/SSA mødet sammen med dem.',
    suggests: ['ssh', 'ssa', 'sygeplejerske', 'terapeut'],
    source: 'S2:4927-4929 (Aabenraa)',
  },
  {
    id: 'hensyn-til-borgeren',
    text: 'Tag hensyn til borgeren: kan han/hun overskue, at der kommer mange forskellige personer i hjemmet – eller er det bedre, at én person tager mødet alene?',
    suggests: [],
    source: 'S2:4929-4931 (Aabenraa)',
  },
  {
    id: 'terapeut-frem-for-visitator',
    text: 'Terapeuten frem for visitator deltager i opstartsmødet – for mange fagpersoner i hjemmet er en belastning.',
    suggests: ['terapeut'],
    source: 'S2:1415-1418 (Sønderborg)',
  },
  {
    id: 'kontaktpersoner',
    text: 'Borgerens primære og sekundære kontaktperson holder opstartsmødet med borgeren og de pårørende om borgerens ønsker og behov.',
    suggests: ['ssh', 'ssa', 'paarorende'],
    source: 'S2:2807-2815 (Herlev)',
  },
  {
    id: 'rehabilitering',
    text: 'Rehabiliteringsterapeuten og den ansvarlige SSH eller SSA vurderer behovet, lægger en plan og taler med borgeren om håb og drømme.',
    suggests: ['terapeut', 'ssh', 'ssa'],
    source: 'S2:1585-1588 (Hørsholm)',
  },
]);

export const OpstartSchema = z.object({
  plannedDate: IsoDateSchema.nullable(),
  participants: OpstartParticipantsSchema,
  heldOn: IsoDateSchema.nullable(),
  note: freeText(500),
});
export type Opstart = z.infer<typeof OpstartSchema>;

/** Input of BoardDoc.planOpstart (heldOn is set with markOpstartHeld). */
export const OpstartPlanSchema = z.object({
  plannedDate: IsoDateSchema.nullable(),
  participants: OpstartParticipantsSchema.default([]),
  note: freeText(500).default(''),
});
export type OpstartPlan = z.input<typeof OpstartPlanSchema>;

// ---------------------------------------------------------------------------------------
// Follow-up completions and decisions (FSIII E1–E4)
// ---------------------------------------------------------------------------------------

/** A completion as stored; parses with FollowUpCompletionSchema too (extra keys are ignored). */
export const StoredFollowUpCompletionSchema = FollowUpCompletionSchema.extend({
  byName: ActorNameSchema,
  /** The decision recorded at this follow-up, if one was. */
  decisionId: IdSchema.optional(),
});
export type StoredFollowUpCompletion = z.infer<typeof StoredFollowUpCompletionSchema>;

export const DecisionCodeSchema = z.enum(['E1', 'E2', 'E3', 'E4']);
export type DecisionCode = z.infer<typeof DecisionCodeSchema>;

/** FSIII decision codes at a follow-up. */
export const DECISION_CODE_LABELS: Readonly<Record<DecisionCode, Label>> = {
  E1: { da: 'Fortsættes', en: 'Continues' },
  E2: { da: 'Ændres inden for rammen', en: 'Changed within the frame' },
  E3: { da: 'Afsluttes', en: 'Closed' },
  E4: { da: 'Revisitation', en: 'Reassessment (revisitation)' },
};

export const DecisionSchema = z.object({
  id: IdSchema,
  code: DecisionCodeSchema,
  reason: freeText(500),
  by: ActorIdSchema,
  byName: ActorNameSchema,
  at: TimestampSchema,
  followUpId: FollowUpIdSchema.nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** Input of BoardDoc.recordDecision; `id` and `at` default to a new id and now. */
export const NewDecisionSchema = DecisionSchema.extend({
  id: IdSchema.optional(),
  byName: ActorNameSchema.default(''),
  at: TimestampSchema.optional(),
  reason: freeText(500).default(''),
  followUpId: FollowUpIdSchema.nullable().default(null),
});
export type NewDecision = z.input<typeof NewDecisionSchema>;

/** Input of BoardDoc.completeFollowUp. */
export const CompleteFollowUpSchema = z.object({
  date: IsoDateSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema.default(''),
  /** Also record a decision linked to this follow-up. */
  decision: z
    .object({ id: IdSchema.optional(), code: DecisionCodeSchema, reason: freeText(500).default('') })
    .optional(),
});
export type CompleteFollowUpInput = z.input<typeof CompleteFollowUpSchema>;

// ---------------------------------------------------------------------------------------
// Goals (R19)
// ---------------------------------------------------------------------------------------

export const GoalKindSchema = z.enum(['citizen', 'smart']);
export type GoalKind = z.infer<typeof GoalKindSchema>;

export const GOAL_KIND_LABELS: Readonly<Record<GoalKind, Label & { prompt: string }>> = {
  citizen: {
    da: 'Borgerens egne ord',
    en: "The citizen's own words",
    prompt: 'Hvad er vigtigt for dig? Hvad håber og drømmer du om for din hverdag?',
  },
  smart: { da: 'SMART-mål', en: 'SMART goal', prompt: 'Specifikt, målbart, accepteret, realistisk og tidsbestemt.' },
};

export const GoalStatusSchema = z.enum(['aktiv', 'opnaaet', 'delvist', 'ikke-opnaaet']);
export type GoalStatus = z.infer<typeof GoalStatusSchema>;

export const GOAL_STATUS_LABELS: Readonly<Record<GoalStatus, Label>> = {
  aktiv: { da: 'Aktiv', en: 'Active' },
  opnaaet: { da: 'Opnået', en: 'Achieved' },
  delvist: { da: 'Delvist opnået', en: 'Partly achieved' },
  'ikke-opnaaet': { da: 'Ikke opnået', en: 'Not achieved' },
};

const goalText = freeText(500).pipe(z.string().min(1, 'Målet skal udfyldes'));

export const GoalSchema = z.object({
  id: IdSchema,
  kind: GoalKindSchema,
  text: goalText,
  status: GoalStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Goal = z.infer<typeof GoalSchema>;

export const NewGoalSchema = z.object({
  id: IdSchema.optional(),
  kind: GoalKindSchema,
  text: goalText,
  status: GoalStatusSchema.default('aktiv'),
});
export type NewGoal = z.input<typeof NewGoalSchema>;

export const GoalPatchSchema = z.object({
  kind: GoalKindSchema.optional(),
  text: goalText.optional(),
  status: GoalStatusSchema.optional(),
});
export type GoalPatch = z.input<typeof GoalPatchSchema>;

// ---------------------------------------------------------------------------------------
// Relatives (R20, R22)
// ---------------------------------------------------------------------------------------

export const ContactChannelSchema = z.enum(['sms', 'telefon', 'email']);
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, Label>> = {
  sms: { da: 'SMS', en: 'Text message' },
  telefon: { da: 'Telefon', en: 'Phone' },
  email: { da: 'E-mail', en: 'Email' },
};

export const RelativeSchema = z.object({
  id: IdSchema,
  name: freeText(80).pipe(z.string().min(1, 'Navn skal udfyldes')),
  /** "datter", "nabo", … */
  relation: freeText(40),
  phone: freeText(30),
  /** The citizen has consented to sharing information with this person. */
  consent: z.boolean(),
  channel: ContactChannelSchema,
  /** Wants good news too, not only when something is wrong (S2:1884-1892). */
  goodNews: z.boolean(),
});
export type Relative = z.infer<typeof RelativeSchema>;

export const RelativeInputSchema = RelativeSchema.extend({
  id: IdSchema.optional(),
  relation: freeText(40).default(''),
  phone: freeText(30).default(''),
  consent: z.boolean().default(false),
  channel: ContactChannelSchema.default('sms'),
  goodNews: z.boolean().default(false),
});
export type RelativeInput = z.input<typeof RelativeInputSchema>;

// ---------------------------------------------------------------------------------------
// Temporary change (R5) and closure (R6)
// ---------------------------------------------------------------------------------------

/** Days a temporary change may last before a forløb change should be proposed (S2:3721-3737). */
export const TEMPORARY_CHANGE_BUFFER_DAYS = 14;

/** "Midlertidig ændring": e.g. eye drops for 3 weeks, a UTI, a fall (S2:3721-3737). */
export const TemporaryChangeSchema = z.object({
  text: freeText(200).pipe(z.string().min(1, 'Beskriv ændringen')),
  endDate: IsoDateSchema,
});
export type TemporaryChange = z.infer<typeof TemporaryChangeSchema>;

export const ClosureOutcomeSchema = z.enum([
  'afsluttet',
  'reduceret',
  'varig-hjaelp',
  'almindelig-hjemmepleje',
  'daghjem',
  'plejecenter',
]);
export type ClosureOutcome = z.infer<typeof ClosureOutcomeSchema>;

export const CLOSURE_OUTCOME_LABELS: Readonly<Record<ClosureOutcome, Label>> = {
  afsluttet: { da: 'Afsluttet', en: 'Closed' },
  reduceret: { da: 'Reduceret hjælp', en: 'Help reduced' },
  'varig-hjaelp': { da: 'Overgang til varig hjælp', en: 'Moved to lasting help' },
  'almindelig-hjemmepleje': { da: 'Overgang til almindelig hjemmepleje', en: 'Moved to ordinary home care' },
  daghjem: { da: 'Overgang til daghjem', en: 'Moved to day centre' },
  plejecenter: { da: 'Overgang til plejecenter', en: 'Moved to nursing home' },
};

export const ClosureSchema = z.object({
  outcome: ClosureOutcomeSchema,
  closedOn: IsoDateSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
  /** Whether the visitator took part in the decision (S2:3142-3145). */
  visitatorParticipated: z.boolean(),
  note: freeText(500),
});
export type Closure = z.infer<typeof ClosureSchema>;

export const CloseForlobSchema = ClosureSchema.extend({
  byName: ActorNameSchema.default(''),
  visitatorParticipated: z.boolean().default(false),
  note: freeText(500).default(''),
});
export type CloseForlobInput = z.input<typeof CloseForlobSchema>;

// ---------------------------------------------------------------------------------------
// Requests to the visitator (anmodninger, R15)
// ---------------------------------------------------------------------------------------

export const RequestKindSchema = z.enum(['mere-tid', 'aendr-forlob', 'afslut', 'hjaelpemiddel']);
export type RequestKind = z.infer<typeof RequestKindSchema>;

export const REQUEST_KIND_LABELS: Readonly<Record<RequestKind, Label>> = {
  'mere-tid': { da: 'Mere tid', en: 'More time' },
  'aendr-forlob': { da: 'Ændr forløb', en: 'Change forløb' },
  afslut: { da: 'Afslut', en: 'Close' },
  hjaelpemiddel: { da: 'Hjælpemiddel', en: 'Assistive device' },
};

export const RequestStatusSchema = z.enum(['afventer', 'godkendt', 'afvist']);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, Label>> = {
  afventer: { da: 'Afventer visitator', en: 'Awaiting visitator' },
  godkendt: { da: 'Godkendt – visitator sender brev til borgeren', en: 'Approved – awaiting decision letter' },
  afvist: { da: 'Afvist', en: 'Declined' },
};

/** One line, at most 200 characters. */
export const RequestReasonSchema = freeText(200)
  .refine((s) => !/[\r\n]/.test(s), 'Begrundelsen skal være én linje')
  .pipe(z.string().min(1, 'Skriv en kort begrundelse'));

export const VisitatorRequestSchema = z.object({
  id: IdSchema,
  kind: RequestKindSchema,
  reason: RequestReasonSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema,
  at: TimestampSchema,
  status: RequestStatusSchema,
  decidedBy: ActorIdSchema.nullable(),
  decidedByName: ActorNameSchema.nullable(),
  decidedAt: TimestampSchema.nullable(),
  decisionNote: freeText(500),
});
export type VisitatorRequest = z.infer<typeof VisitatorRequestSchema>;

export const NewRequestSchema = z.object({
  id: IdSchema.optional(),
  kind: RequestKindSchema,
  reason: RequestReasonSchema,
  by: ActorIdSchema,
  byName: ActorNameSchema.default(''),
});
export type NewRequest = z.input<typeof NewRequestSchema>;

export const DecideRequestSchema = z.object({
  status: z.enum(['godkendt', 'afvist']),
  decidedBy: ActorIdSchema,
  decidedByName: ActorNameSchema.default(''),
  note: freeText(500).default(''),
});
export type DecideRequestInput = z.input<typeof DecideRequestSchema>;

// ---------------------------------------------------------------------------------------
// Scalars and the whole lifecycle
// ---------------------------------------------------------------------------------------

/** The scalar lifecycle fields, one Y.Map key each. */
export const LifecycleScalarsSchema = z.object({
  visitationDate: IsoDateSchema.nullable(),
  /** Day 1 of care; the cadence counts from here. */
  startDate: IsoDateSchema.nullable(),
  /** null: the board default (meta `cadenceTemplateId`). */
  cadenceTemplateId: CadenceTemplateIdSchema.nullable(),
  /** Id in the municipality's forløb catalogue; the display name stays in `forlobType`. */
  forlobTypeId: IdSchema.nullable(),
  legalBasis: LegalBasisSchema,
  /** Visiteret tid, hours per week; null when not recorded. */
  weeklyHours: WeeklyHoursSchema.nullable(),
  /**
   * The citizen's id in the planning system ("Borger-nr. i planlægningssystemet"): links
   * imported visits to the card (model/visits.ts). Never a CPR number; '' = not set.
   */
  externalRef: ExternalRefSchema,
  /** Secondary kontaktperson (`contactPerson` is the primary). */
  secondaryContact: freeText(80),
  temporaryChange: TemporaryChangeSchema.nullable(),
  /** "Egnet til bytte" (R23): null = not judged, false = swaps are refused (model/swaps.ts). */
  swapSuitable: SwapSuitableSchema,
  swapReason: SwapReasonSchema,
  /** "Udskrevet fra hospital" awaiting review with the planner (R27, model/careSignals.ts). */
  discharge: DischargeSchema.nullable(),
});
export type LifecycleScalars = z.infer<typeof LifecycleScalarsSchema>;
export type LifecycleScalarKey = keyof LifecycleScalars;

/**
 * Input of BoardDoc.setLifecycle: any subset of the scalars, plus `forlobType` (the
 * existing display-name field) so choosing from the catalogue sets id, name and legal
 * basis in one transaction (see `catalogueSelection`). Unknown keys are dropped.
 */
export const LifecyclePatchSchema = LifecycleScalarsSchema.partial().extend({
  forlobType: CardSchema.shape.forlobType.optional(),
});
export type LifecyclePatch = z.input<typeof LifecyclePatchSchema>;

/** Y.Map keys of the nested collections. */
export const LIFECYCLE_COLLECTION_KEYS = [
  'followUps',
  'decisions',
  'goals',
  'relatives',
  'requests',
  /** Bytteydelser (model/swaps.ts), append-only. */
  'swaps',
  /** "Nej tak" (model/careSignals.ts), append-only. */
  'declines',
  /** Linked local offers by offer id (model/careSignals.ts). */
  'offerLinks',
] as const;
export type LifecycleCollectionKey = (typeof LIFECYCLE_COLLECTION_KEYS)[number];

/** Flat Y.Map keys of the opstart plan. */
export const OPSTART_KEYS = {
  plannedDate: 'opstartPlannedDate',
  participants: 'opstartParticipants',
  heldOn: 'opstartHeldOn',
  note: 'opstartNote',
} as const satisfies Record<keyof Opstart, string>;

export const CardLifecycleSchema = LifecycleScalarsSchema.extend({
  opstart: OpstartSchema,
  /** followUpId → completion. Pass to computeFollowUps as `completed`. */
  followUps: z.record(FollowUpIdSchema, StoredFollowUpCompletionSchema),
  /** Sorted by `at`, then id. */
  decisions: z.array(DecisionSchema),
  /** Sorted by `createdAt`, then id. */
  goals: z.array(GoalSchema),
  /** Sorted by name, then id. */
  relatives: z.array(RelativeSchema),
  /** Sorted by `at`, then id. */
  requests: z.array(VisitatorRequestSchema),
  /** Bytteydelser, sorted by `at`, then id. */
  swaps: z.array(SwapSchema),
  /** "Nej tak", sorted by `at`, then id. */
  declines: z.array(DeclineSchema),
  /** Linked local offers, sorted by `at`, then id. */
  offerLinks: z.array(OfferLinkSchema),
  closure: ClosureSchema.nullable(),
});

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * A card's lifecycle as read from the doc. Read-only: it is shared between reads (and
 * frozen at runtime), so copy before changing anything.
 */
export type CardLifecycle = DeepReadonly<z.infer<typeof CardLifecycleSchema>>;

export const LIFECYCLE_DEFAULTS: CardLifecycle = deepFreeze({
  visitationDate: null,
  startDate: null,
  cadenceTemplateId: null,
  forlobTypeId: null,
  legalBasis: '',
  weeklyHours: null,
  externalRef: '',
  secondaryContact: '',
  temporaryChange: null,
  swapSuitable: null,
  swapReason: '',
  discharge: null,
  opstart: { plannedDate: null, participants: [], heldOn: null, note: '' },
  followUps: {},
  decisions: [],
  goals: [],
  relatives: [],
  requests: [],
  swaps: [],
  declines: [],
  offerLinks: [],
  closure: null,
});

/** A card with its lifecycle: what BoardDoc.card() returns (see `Card`). */
export const CardSnapshotSchema = CardSchema.extend({ lifecycle: CardLifecycleSchema });

/** The board's default cadence template when the meta key is not set. */
export const DEFAULT_BOARD_CADENCE_TEMPLATE_ID = 'horsholm-83a';

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
