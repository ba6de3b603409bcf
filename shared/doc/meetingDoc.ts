import * as Y from 'yjs';
import { z } from 'zod';
import { TriageSchema, type Card, type Triage } from '../model/card.js';
import { IdSchema, IsoDateSchema, newId } from '../model/ids.js';
import { ActorIdSchema, ActorNameSchema, TimestampSchema } from '../model/lifecycle.js';
import {
  ActionItemSchema,
  ActorSchema,
  AgendaItemIdSchema,
  AgendaItemNoteSchema,
  AgendaItemSchema,
  AgendaItemStatusSchema,
  AgendaPlanSummarySchema,
  AgendaReasonSchema,
  AnswerQuestionSchema,
  DiscussedEntrySchema,
  MEETING_TYPES,
  ManualAgendaItemSchema,
  MarkDiscussedSchema,
  MeetingTypeSchema,
  MinutesPatchSchema,
  MinutesSchema,
  NewActionItemSchema,
  NewMeetingSchema,
  NewNominationSchema,
  NewParkedEntrySchema,
  NewVisitatorQuestionSchema,
  NominationSchema,
  ParkedEntrySchema,
  PhaseSnapshotSchema,
  RemovedAgendaItemSchema,
  SetTriageSchema,
  StoredTriageEventSchema,
  StoredVisitatorQuestionSchema,
  TriageResponseSchema,
  type ActionItem,
  type ActorInput,
  type AgendaItem,
  type AgendaItemStatus,
  type AgendaPlanSummary,
  type AnswerQuestionInput,
  type DiscussedEntry,
  type LastDiscussed,
  type ManualAgendaItem,
  type MarkDiscussedInput,
  type Meeting,
  type MeetingType,
  type MinutesPatch,
  type NewActionItem,
  type NewMeeting,
  type NewNomination,
  type NewParkedEntry,
  type NewVisitatorQuestion,
  type Nomination,
  type ParkedEntry,
  type PhaseSnapshot,
  type PreparedAgenda,
  type RemovedAgendaItem,
  type SetTriageInput,
  type StoredTriageEvent,
  type StoredVisitatorQuestion,
  type TriageResponse,
} from '../model/meeting.js';
import { agendaItemIdForCard, mergeWithPrepared, reasonKey } from '../rules/agenda.js';
import { toIsoDate } from '../rules/dates.js';
import { compareKeyed, isValidOrderKey, keyForIndex } from '../rules/ordering.js';
import { isClosedCard } from '../rules/lifecycle.js';
import { changedSince, triageSince, type TriageChange } from '../rules/triage.js';
import { BoardDoc, DomainError } from './boardDoc.js';
import type { TransactionOrigin } from './origins.js';

/**
 * Typed API over the meeting data in a board's Y.Doc: the only code that touches these maps.
 *
 * Layout (see docs/protocol.md, "Meeting data"):
 *   doc.getMap('triageEvents')   eventId  → TriageEvent & {id}            plain JSON
 *   doc.getMap('triageResponses') cardId  → TriageResponse (response clock handled)
 *   doc.getMap('lastDiscussed')  cardId   → {date, by, meetingId?, previous?}
 *   doc.getMap('nominations')    id       → Nomination
 *   doc.getMap('questions')      id       → VisitatorQuestion (+ answeredBy/-Name/-At)
 *   doc.getMap('meetings')       meetingId → Y.Map: scalars (type, scheduledFor, createdAt,
 *                                 leader, startedAt, endedAt, summary, attendees,
 *                                 phasesAtStart, phasesAtEnd, plan) and one nested Y.Map
 *                                 per per-item field (MEETING_MAPS). `plan`: AgendaPlanSummary,
 *                                 the budget verdict of "Lav dagsorden" with the citizens not
 *                                 reached.
 *
 * An agenda item's fields live in separate nested maps keyed by item id (`items` holds the
 * rules' part, `order` its fractional key, `status`, `timeBox`, `notes`), so one coordinator
 * moving an item while another marks it drøftet never overwrite each other. The item is on
 * the agenda while `items` has it; `removed` remembers what was taken off by hand.
 */
export const MEETING_MAPS = ['items', 'order', 'status', 'timeBox', 'notes', 'removed', 'actions', 'parking'] as const;
export type MeetingMapKey = (typeof MEETING_MAPS)[number];

/** Title of an item whose stored title is unreadable (written by a raw client). */
export const FALLBACK_ITEM_TITLE = '(ukendt punkt)';
/** Title of an item for a citizen whose card is gone and whose stored title is unreadable. */
export const FALLBACK_CITIZEN_TITLE = '(borger ikke på tavlen)';

/** One agenda item as the meeting view shows it. */
export interface AgendaEntry extends AgendaItem {
  /** Its fractional order key (items sort by key, then id). */
  order: string;
  note: string;
  /** The item is about a citizen whose card is no longer on the board. */
  cardMissing: boolean;
  /** The citizen's forløb is closed (closure recorded or in a closed column). */
  cardClosed: boolean;
}

/** What the server's meeting control records with a start or an end. */
export interface MeetingRecordOptions {
  /** Who leads (start). */
  leader?: string;
  /** Who was connected during the meeting (end); added to the attendees. */
  attendees?: readonly string[];
  /** Store where every card stands (`phasesAtStart` / `phasesAtEnd`). */
  snapshotPhases?: boolean;
}

export interface DiscussOptions {
  /** Who marks it (default: the local origin's user, else 'system'). */
  by?: string;
  /** The Danish date of the discussion (default: today in Copenhagen). */
  date?: string;
}

type InternalEntry = AgendaEntry & { baseTimeBoxMin: number };

type SafeSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

function safeOr<T>(schema: SafeSchema<T>, value: unknown, fallback: T): T {
  // A missing key is the common case on older cards; a failed parse builds a costly error.
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

// Lenient read schemas: secondary fields fall back instead of dropping the item.
const ReadTriageEventSchema = StoredTriageEventSchema.extend({
  byName: ActorNameSchema.catch(''),
  reason: StoredTriageEventSchema.shape.reason.catch(undefined),
});
const ReadNominationSchema = NominationSchema.extend({
  byName: ActorNameSchema.catch(''),
  note: NominationSchema.shape.note.catch(''),
});
const ReadQuestionSchema = StoredVisitatorQuestionSchema.extend({
  byName: ActorNameSchema.catch(''),
  status: StoredVisitatorQuestionSchema.shape.status.catch('open'),
  answer: StoredVisitatorQuestionSchema.shape.answer.catch(undefined),
  answeredBy: StoredVisitatorQuestionSchema.shape.answeredBy.catch(undefined),
  answeredByName: StoredVisitatorQuestionSchema.shape.answeredByName.catch(undefined),
  answeredAt: StoredVisitatorQuestionSchema.shape.answeredAt.catch(undefined),
});
const ReadActionSchema = ActionItemSchema.extend({
  itemId: ActionItemSchema.shape.itemId.catch(null),
  cardId: ActionItemSchema.shape.cardId.catch(null),
  who: ActionItemSchema.shape.who.catch(''),
  due: ActionItemSchema.shape.due.catch(null),
  at: ActionItemSchema.shape.at.catch(''),
});
const ReadParkedSchema = ParkedEntrySchema.extend({
  itemId: ParkedEntrySchema.shape.itemId.catch(null),
  byName: ActorNameSchema.catch(''),
  at: ParkedEntrySchema.shape.at.catch(''),
});
const TimeBoxSchema = AgendaItemSchema.shape.timeBoxMin;
/** The rules' part of an item as stored in `items` (status and time box override live apart). */
type StoredItem = Omit<AgendaItem, 'status'>;

/**
 * Typed domain API for meetings and the agenda. Constructed over the same Y.Doc as the
 * board (pass the BoardDoc, so triage writes the card through it). Every method validates
 * its whole input first (ZodError; unknown card, meeting or item: DomainError) and then
 * writes in one transaction; readers validate everything with safe fallbacks.
 */
export class MeetingDoc {
  readonly board: BoardDoc;
  readonly doc: Y.Doc;
  private readonly now: () => Date;
  private readonly memo = new WeakMap<object, { sig: unknown[]; value: unknown }>();

  constructor(board: BoardDoc, opts: { now?: () => Date } = {}) {
    this.board = board;
    this.doc = board.doc;
    this.now = opts.now ?? (() => new Date());
  }

  get triageEventsMap(): Y.Map<unknown> {
    return this.doc.getMap('triageEvents');
  }
  get triageResponsesMap(): Y.Map<unknown> {
    return this.doc.getMap('triageResponses');
  }
  get lastDiscussedMap(): Y.Map<unknown> {
    return this.doc.getMap('lastDiscussed');
  }
  get nominationsMap(): Y.Map<unknown> {
    return this.doc.getMap('nominations');
  }
  get questionsMap(): Y.Map<unknown> {
    return this.doc.getMap('questions');
  }
  get meetingsMap(): Y.Map<unknown> {
    return this.doc.getMap('meetings');
  }

  /**
   * Lets a user's undo manager also undo the triage history a `setTriage` wrote (so undoing
   * a colour change does not leave an event claiming it happened), a response recorded by
   * mistake, and the coordinator's agenda edits (the meetings map: order, removals, time
   * boxes, manual items, statuses, with the "sidst drøftet" a status wrote).
   */
  extendUndoScope(undoManager: Y.UndoManager): void {
    undoManager.addToScope([this.triageEventsMap, this.triageResponsesMap, this.meetingsMap, this.lastDiscussedMap]);
  }

  // -------------------------------------------------------------------------------------
  // Triage with history
  // -------------------------------------------------------------------------------------

  /**
   * Sets the card's triage colour and records who, when and why, in one transaction.
   * Setting the colour it already has writes nothing and returns null; else the event id.
   */
  setTriage(cardId: string, triage: Triage, input: SetTriageInput, origin: TransactionOrigin): string | null {
    const to = TriageSchema.parse(triage);
    const data = SetTriageSchema.parse(input);
    const card = this.board.card(cardId);
    if (!card) throw new DomainError('card_not_found', `Kortet ${cardId} findes ikke`);
    if (card.triage === to) return null;
    const event: StoredTriageEvent = StoredTriageEventSchema.parse({
      id: newId('t'),
      cardId,
      at: data.at ?? this.now().toISOString(),
      from: card.triage,
      to,
      by: data.by,
      byName: data.byName,
      ...(data.reason ? { reason: data.reason } : {}),
    });
    this.doc.transact(() => {
      this.board.updateCard(cardId, { triage: to }, origin);
      this.triageEventsMap.set(event.id, event);
    }, origin);
    return event.id;
  }

  /** Triage history, oldest first (then id); of one card if given. Events of deleted cards stay. */
  triageEvents(cardId?: string): StoredTriageEvent[] {
    const all = this.cached(this.triageEventsMap, () =>
      readEntries(this.triageEventsMap, ReadTriageEventSchema).sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at) || cmp(a.id, b.id),
      ),
    );
    return (cardId === undefined ? all : all.filter((e) => e.cardId === cardId)).map((e) => ({ ...e }));
  }

  /** Per card, the triage changes after `lastMeetingAt` (default: when the last meeting ended). */
  triageChangesSince(lastMeetingAt: string | null = this.lastEndedMeeting()?.endedAt ?? null): TriageChange[] {
    return changedSince(this.triageEvents(), lastMeetingAt, this.now().toISOString());
  }

  /**
   * Records that the response the card's colour asks for is done ("Vurdering foretaget",
   * "Handleplan lagt"): it stops the clock of the current colour episode only. Returns the
   * stored response. The colour's clock rule is the caller's business (config per municipality).
   */
  markTriageResponse(cardId: string, input: ActorInput, origin: TransactionOrigin, at?: string): TriageResponse {
    const actor = ActorSchema.parse(input);
    const card = this.board.card(cardId);
    if (!card) throw new DomainError('card_not_found', `Kortet ${cardId} findes ikke`);
    const response = TriageResponseSchema.parse({
      cardId,
      triage: card.triage,
      since: triageSince(card, this.triageEvents(cardId)),
      at: at ?? this.now().toISOString(),
      by: actor.by,
      byName: actor.byName,
    });
    this.doc.transact(() => this.triageResponsesMap.set(cardId, response), origin);
    return response;
  }

  /** The recorded response of a card (any episode; see `currentResponse`), or null. */
  triageResponse(cardId: string): TriageResponse | null {
    return this.triageResponses()[cardId] ?? null;
  }

  /** Card id → its latest recorded response. Garbage is skipped. */
  triageResponses(): Record<string, TriageResponse> {
    return this.cached(this.triageResponsesMap, () => {
      const out: Record<string, TriageResponse> = {};
      for (const [k, v] of this.triageResponsesMap.entries()) {
        const p = TriageResponseSchema.safeParse(v);
        if (p.success && p.data.cardId === k) out[k] = p.data;
      }
      return out;
    });
  }

  // -------------------------------------------------------------------------------------
  // Sidst drøftet
  // -------------------------------------------------------------------------------------

  /**
   * Records that the citizen was discussed on `date`. Never moves the date back: an earlier
   * date than the one recorded writes nothing. A card that is gone is no error.
   */
  markDiscussed(cardId: string, input: MarkDiscussedInput, origin: TransactionOrigin): void {
    const id = IdSchema.parse(cardId);
    const data = MarkDiscussedSchema.parse(input);
    const current = this.discussedEntry(id);
    if (current && current.date >= data.date) return;
    this.doc.transact(() => this.lastDiscussedMap.set(id, { date: data.date, by: data.by }), origin);
  }

  /** Card id → date last discussed, as the agenda rules want it. */
  lastDiscussed(): LastDiscussed {
    const out: LastDiscussed = {};
    for (const [id, e] of Object.entries(this.lastDiscussedEntries())) out[id] = e.date;
    return out;
  }

  /** Card id → {date, by, …}: who marked it. */
  lastDiscussedEntries(): Record<string, DiscussedEntry> {
    return { ...this.cachedDiscussed() };
  }

  private cachedDiscussed(): Record<string, DiscussedEntry> {
    return this.cached(this.lastDiscussedMap, () => {
      const out: Record<string, DiscussedEntry> = {};
      for (const key of [...this.lastDiscussedMap.keys()].sort()) {
        const e = this.discussedEntry(key);
        if (e) out[key] = e;
      }
      return out;
    });
  }

  private discussedEntry(cardId: string): DiscussedEntry | null {
    if (!IdSchema.safeParse(cardId).success) return null;
    const raw = this.lastDiscussedMap.get(cardId);
    const parsed = DiscussedEntrySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // a plain date written by a raw client still counts
    const date = IsoDateSchema.safeParse(raw);
    return date.success ? { date: date.data, by: '' } : null;
  }

  // -------------------------------------------------------------------------------------
  // Nominations and "Spørg visitator"
  // -------------------------------------------------------------------------------------

  /** Asks for the citizen to be discussed at the next meeting. Returns the nomination id. */
  nominate(input: NewNomination, origin: TransactionOrigin, id: string = newId('n')): string {
    const data = NewNominationSchema.parse(input);
    const nomination = NominationSchema.parse({ ...data, id: IdSchema.parse(id), at: this.now().toISOString() });
    if (!this.board.hasCard(nomination.cardId)) {
      throw new DomainError('card_not_found', `Kortet ${nomination.cardId} findes ikke`);
    }
    if (this.nominationsMap.has(id)) throw new DomainError('item_exists', `${id} findes allerede`);
    this.doc.transact(() => this.nominationsMap.set(id, nomination), origin);
    return id;
  }

  removeNomination(id: string, origin: TransactionOrigin): void {
    if (!this.nominationsMap.has(id)) throw new DomainError('item_not_found', `${id} findes ikke`);
    this.doc.transact(() => this.nominationsMap.delete(id), origin);
  }

  /** Valid nominations, oldest first. */
  nominations(): Nomination[] {
    return this.cached(this.nominationsMap, () =>
      readEntries(this.nominationsMap, ReadNominationSchema).sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at) || cmp(a.id, b.id),
      ),
    ).map((n) => ({ ...n }));
  }

  /** Adds a question to the visitator's queue (cardId null: a general question). Returns its id. */
  askVisitator(input: NewVisitatorQuestion, origin: TransactionOrigin, id: string = newId('q')): string {
    const data = NewVisitatorQuestionSchema.parse(input);
    const q = StoredVisitatorQuestionSchema.parse({
      ...data,
      id: IdSchema.parse(id),
      at: this.now().toISOString(),
      status: 'open',
    });
    if (q.cardId !== null && !this.board.hasCard(q.cardId)) {
      throw new DomainError('card_not_found', `Kortet ${q.cardId} findes ikke`);
    }
    if (this.questionsMap.has(id)) throw new DomainError('item_exists', `${id} findes allerede`);
    this.doc.transact(() => this.questionsMap.set(id, q), origin);
    return id;
  }

  /** Records the visitator's answer; the question leaves the agenda. Answering again replaces it. */
  answerQuestion(id: string, input: AnswerQuestionInput, origin: TransactionOrigin): void {
    const data = AnswerQuestionSchema.parse(input);
    const current = ReadQuestionSchema.safeParse(this.questionsMap.get(id));
    if (!current.success || current.data.id !== id) throw new DomainError('item_not_found', `${id} findes ikke`);
    const answered = StoredVisitatorQuestionSchema.parse({
      ...stripUndefined(current.data),
      status: 'answered',
      answer: data.answer,
      answeredBy: data.by,
      answeredByName: data.byName,
      answeredAt: this.now().toISOString(),
    });
    this.doc.transact(() => this.questionsMap.set(id, answered), origin);
  }

  /** Valid questions, oldest first. */
  questions(): StoredVisitatorQuestion[] {
    return this.cached(this.questionsMap, () =>
      readEntries(this.questionsMap, ReadQuestionSchema)
        .map((q) => stripUndefined(q) as StoredVisitatorQuestion)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || cmp(a.id, b.id)),
    ).map((q) => ({ ...q }));
  }

  // -------------------------------------------------------------------------------------
  // Meetings
  // -------------------------------------------------------------------------------------

  /** Plans a meeting, with its (empty) nested maps so two people's first writes never race. */
  createMeeting(input: NewMeeting, origin: TransactionOrigin, id: string = newId('m')): string {
    const data = NewMeetingSchema.parse(input);
    IdSchema.parse(id);
    if (this.meetingsMap.has(id)) throw new DomainError('item_exists', `Mødet ${id} findes allerede`);
    this.doc.transact(() => {
      const m = new Y.Map<unknown>();
      m.set('type', data.type);
      m.set('scheduledFor', data.scheduledFor);
      m.set('createdAt', this.now().toISOString());
      m.set('leader', data.leader);
      m.set('startedAt', null);
      m.set('endedAt', null);
      m.set('summary', '');
      m.set('attendees', []);
      for (const k of MEETING_MAPS) m.set(k, new Y.Map<unknown>());
      this.meetingsMap.set(id, m);
    }, origin);
    return id;
  }

  meeting(id: string): Meeting | null {
    const m = this.meetingsMap.get(id);
    return m instanceof Y.Map ? readMeeting(id, m) : null;
  }

  /** Every meeting, by planned start (then id). A malformed entry falls back field by field. */
  meetings(): Meeting[] {
    const out: Meeting[] = [];
    for (const [id, m] of this.meetingsMap.entries()) {
      if (m instanceof Y.Map && IdSchema.safeParse(id).success) out.push(readMeeting(id, m));
    }
    return out.sort((a, b) => cmp(a.scheduledFor, b.scheduledFor) || cmp(a.id, b.id));
  }

  /**
   * The meeting (of `type`, if given) that ended last, or null: its `endedAt` is the agenda
   * rules' `lastMeetingAt` and where "Siden sidst" counts from.
   */
  lastEndedMeeting(type?: MeetingType): (Meeting & { endedAt: string }) | null {
    let best: (Meeting & { endedAt: string }) | null = null;
    for (const m of this.meetings()) {
      if (m.endedAt === null || (type !== undefined && m.type !== type)) continue;
      if (best === null || Date.parse(m.endedAt) > Date.parse(best.endedAt)) best = { ...m, endedAt: m.endedAt };
    }
    return best;
  }

  /**
   * Starts the meeting now (or at `at`). Starting a started meeting writes nothing. The
   * server's meeting control passes who leads and where every card stands (`phasesAtStart`).
   */
  startMeeting(id: string, origin: TransactionOrigin, at?: string, opts: MeetingRecordOptions = {}): void {
    const when = at === undefined ? this.now().toISOString() : TimestampSchema.parse(at);
    const leader = opts.leader === undefined ? undefined : ActorNameSchema.parse(opts.leader);
    const m = this.requireMeeting(id);
    if (readMeeting(id, m).startedAt !== null) return;
    this.doc.transact(() => {
      m.set('startedAt', when);
      if (leader) m.set('leader', leader);
      if (opts.snapshotPhases) m.set('phasesAtStart', this.phaseSnapshot());
    }, origin);
  }

  /**
   * Ends the meeting now (or at `at`); an unstarted meeting starts at the same instant. The
   * server passes who was connected (added to the attendees) and snapshots the columns.
   */
  endMeeting(id: string, origin: TransactionOrigin, at?: string, opts: MeetingRecordOptions = {}): void {
    const when = at === undefined ? this.now().toISOString() : TimestampSchema.parse(at);
    const extra = z.array(MinutesSchema.shape.attendees.element).parse(opts.attendees ?? []);
    const m = this.requireMeeting(id);
    const current = readMeeting(id, m);
    if (current.endedAt !== null) return;
    const attendees = [...new Set([...current.minutes.attendees, ...extra])].slice(0, 50);
    this.doc.transact(() => {
      if (current.startedAt === null) m.set('startedAt', when);
      m.set('endedAt', when);
      if (attendees.length !== current.minutes.attendees.length) m.set('attendees', attendees);
      if (opts.snapshotPhases) m.set('phasesAtEnd', this.phaseSnapshot());
    }, origin);
  }

  /** Card id → the column it stands in now. */
  phaseSnapshot(): PhaseSnapshot {
    const out: PhaseSnapshot = {};
    for (const c of this.board.cards()) out[c.id] = c.position.phaseId;
    return out;
  }

  /** Stores what "Lav dagsorden" planned against the budget (rules/agendaPlan.ts `planSummary`). */
  setAgendaPlan(id: string, plan: AgendaPlanSummary, origin: TransactionOrigin): void {
    const data = AgendaPlanSummarySchema.parse(plan);
    const m = this.requireMeeting(id);
    this.doc.transact(() => setIfChanged(m, 'plan', data), origin);
  }

  /** The stored budget verdict of a meeting's agenda, or null (none, or unreadable). */
  agendaPlan(id: string): AgendaPlanSummary | null {
    const m = this.meetingsMap.get(id);
    return m instanceof Y.Map ? safeOr(AgendaPlanSummarySchema.nullable(), m.get('plan') ?? null, null) : null;
  }

  /**
   * Card ids the previous meeting of `type` did not reach, first on its next agenda: its items
   * left "ikke nået" (or pending) when it ended, in agenda order, then the plan's "ikke nået –
   * foreslås næste gang" (the rotation that did not fit).
   */
  carriedOver(type: MeetingType): string[] {
    const last = this.lastEndedMeeting(type);
    if (!last) return [];
    const ids: string[] = [];
    for (const e of this.agenda(last.id)) {
      if (e.cardId !== null && (e.status === 'pending' || e.status === 'not-reached')) ids.push(e.cardId);
    }
    for (const n of this.agendaPlan(last.id)?.notReached ?? []) ids.push(n.cardId);
    return [...new Set(ids)];
  }

  setMinutes(id: string, patch: MinutesPatch, origin: TransactionOrigin): void {
    const data = stripUndefined(MinutesPatchSchema.parse(patch));
    const m = this.requireMeeting(id);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(data)) setIfChanged(m, k, v);
    }, origin);
  }

  // -------------------------------------------------------------------------------------
  // The agenda
  // -------------------------------------------------------------------------------------

  /** The agenda in order (key, then id), with status, time box, note and card state. */
  agenda(meetingId: string): AgendaEntry[] {
    return this.entries(meetingId).map(({ baseTimeBoxMin: _base, ...e }) => e);
  }

  /** The agenda with each item's stored (rules') time box; cached per change of the meeting. */
  private entries(meetingId: string): InternalEntry[] {
    const m = this.meetingsMap.get(meetingId);
    if (!(m instanceof Y.Map)) return [];
    const type = safeOr(MeetingTypeSchema, m.get('type'), 'tavlemoede');
    const defaultBox = MEETING_TYPES[type].defaultTimeBoxMin;
    const sig: unknown[] = [type];
    for (const k of MEETING_MAPS) {
      const x = nested(m, k);
      sig.push(x);
      if (x) sig.push(...signature(x));
    }
    const memo = this.memo.get(m);
    let entries: InternalEntry[];
    if (memo && sameSignature(memo.sig, sig)) entries = memo.value as InternalEntry[];
    else {
      entries = readAgenda(m, defaultBox);
      this.memo.set(m, { sig, value: entries });
    }
    const phases = this.board.phases();
    return entries.map((e) => {
      const card = e.cardId === null ? null : this.board.card(e.cardId);
      return {
        ...e,
        reasons: [...e.reasons],
        title: card ? card.name : e.title,
        cardMissing: e.cardId !== null && card === null,
        cardClosed: card !== null && isClosedCard(card, phases),
      };
    });
  }

  /** The agenda as the pure agenda rules see a prepared agenda (items in order, removed). */
  preparedAgenda(meetingId: string): PreparedAgenda {
    const m = this.requireMeeting(meetingId);
    return {
      items: this.agenda(meetingId).map(toAgendaItem),
      removed: readRemoved(m),
    };
  }

  /**
   * Lays the rules' fresh agenda over what the coordinators prepared (`mergeWithPrepared`)
   * and stores the result: prepared items keep their place, time box and status and get
   * fresh reasons; removed items stay removed unless a new reason appears; new items go
   * last. Writes only what changed, so a re-run that changes nothing writes nothing.
   */
  prepareAgenda(meetingId: string, generated: readonly AgendaItem[], origin: TransactionOrigin): AgendaEntry[] {
    const gen = z.array(AgendaItemSchema).parse(generated);
    const m = this.requireMeeting(meetingId);
    const prepared = this.preparedAgenda(meetingId);
    const current = new Map(this.entries(meetingId).map((e) => [e.id, e]));
    const merged = mergeWithPrepared(gen, prepared);
    const keep = new Set(merged.map((i) => i.id));
    const removedIds = new Set(prepared.removed.map((r) => r.id));
    this.doc.transact(() => {
      const items = this.nestedMap(m, 'items');
      const order = this.nestedMap(m, 'order');
      const status = this.nestedMap(m, 'status');
      const timeBox = this.nestedMap(m, 'timeBox');
      const removed = this.nestedMap(m, 'removed');
      // dropped by the merge: pending rule items whose reasons have all gone
      for (const id of current.keys()) if (!keep.has(id)) items.delete(id);
      let last: { id: string; key: string }[] = [...current.values()]
        .filter((e) => keep.has(e.id))
        .map((e) => ({ id: e.id, key: e.order }));
      for (const item of merged) {
        const existing = current.get(item.id);
        const stored = storedOf(item, existing ? existing.baseTimeBoxMin : item.timeBoxMin);
        setIfChanged(items, item.id, stored);
        if (!existing) {
          const key = keyForIndex(last, last.length);
          order.set(item.id, key);
          last = [...last, { id: item.id, key }];
          if (status.has(item.id)) status.delete(item.id);
          if (timeBox.has(item.id)) timeBox.delete(item.id);
          if (removedIds.has(item.id)) removed.delete(item.id);
        }
      }
    }, origin);
    return this.agenda(meetingId);
  }

  /** Moves an item to `toIndex` (counted without the item; clamped). A no-op move writes nothing. */
  moveAgendaItem(meetingId: string, itemId: string, toIndex: number, origin: TransactionOrigin): void {
    const index = z.number().parse(toIndex);
    const m = this.requireMeeting(meetingId);
    const list = this.agenda(meetingId);
    const current = list.findIndex((e) => e.id === itemId);
    if (current < 0) throw new DomainError('item_not_found', `${itemId} findes ikke`);
    const siblings = list.filter((e) => e.id !== itemId).map((e) => ({ id: e.id, key: e.order }));
    const to = Number.isNaN(index) ? siblings.length : Math.max(0, Math.min(Math.floor(index), siblings.length));
    const storedKey = this.nestedMap(m, 'order', false)?.get(itemId);
    if (current === to && storedKey === list[current]!.order) return;
    const key = keyForIndex(siblings, to);
    this.doc.transact(() => this.nestedMap(m, 'order').set(itemId, key), origin);
  }

  /**
   * Takes an item off the agenda, remembering its reasons so a re-run of the rules keeps it
   * off until a new reason appears. A manual item without a citizen is simply gone.
   */
  removeAgendaItem(meetingId: string, itemId: string, origin: TransactionOrigin): void {
    const m = this.requireMeeting(meetingId);
    const entry = this.agenda(meetingId).find((e) => e.id === itemId);
    if (!entry) throw new DomainError('item_not_found', `${itemId} findes ikke`);
    const remember = entry.source !== 'manual' || entry.cardId !== null;
    const record: RemovedAgendaItem = { id: itemId, reasonKeys: [...new Set(entry.reasons.map(reasonKey))].sort() };
    this.doc.transact(() => {
      this.nestedMap(m, 'items').delete(itemId);
      if (remember) this.nestedMap(m, 'removed').set(itemId, record);
    }, origin);
  }

  /**
   * Adds an item by hand. With a citizen (`cardId`) its id is `c:<cardId>`, so the rules'
   * item for that citizen merges into it; otherwise `m:<random>`. Returns the item id.
   */
  addManualItem(meetingId: string, input: ManualAgendaItem, origin: TransactionOrigin, id?: string): string {
    const data = ManualAgendaItemSchema.parse(input);
    const m = this.requireMeeting(meetingId);
    if (data.cardId !== null && !this.board.hasCard(data.cardId)) {
      throw new DomainError('card_not_found', `Kortet ${data.cardId} findes ikke`);
    }
    const itemId = AgendaItemIdSchema.parse(
      data.cardId !== null ? agendaItemIdForCard(data.cardId) : (id ?? `m:${newId()}`),
    );
    const list = this.agenda(meetingId);
    if (list.some((e) => e.id === itemId)) throw new DomainError('item_exists', `${itemId} findes allerede`);
    const type = safeOr(MeetingTypeSchema, m.get('type'), 'tavlemoede');
    const stored: StoredItem = {
      id: itemId,
      cardId: data.cardId,
      title: data.cardId !== null ? (this.board.card(data.cardId)?.name ?? data.title) : data.title,
      reasons: [],
      source: 'manual',
      timeBoxMin: data.timeBoxMin ?? MEETING_TYPES[type].defaultTimeBoxMin,
    };
    const siblings = list.map((e) => ({ id: e.id, key: e.order }));
    const key = keyForIndex(siblings, data.index ?? siblings.length);
    this.doc.transact(() => {
      this.nestedMap(m, 'items').set(itemId, stored);
      this.nestedMap(m, 'order').set(itemId, key);
      for (const k of ['status', 'timeBox', 'removed'] as const) {
        const map = this.nestedMap(m, k, false);
        if (map?.has(itemId)) map.delete(itemId);
      }
    }, origin);
    return itemId;
  }

  setTimeBox(meetingId: string, itemId: string, minutes: number, origin: TransactionOrigin): void {
    const value = TimeBoxSchema.parse(minutes);
    const m = this.requireMeeting(meetingId);
    const entry = this.requireEntry(meetingId, itemId);
    if (entry.timeBoxMin === value && this.nestedMap(m, 'timeBox', false)?.get(itemId) === value) return;
    this.doc.transact(() => this.nestedMap(m, 'timeBox').set(itemId, value), origin);
  }

  setItemNote(meetingId: string, itemId: string, note: string, origin: TransactionOrigin): void {
    const value = AgendaItemNoteSchema.parse(note);
    const m = this.requireMeeting(meetingId);
    this.requireEntry(meetingId, itemId);
    this.doc.transact(() => setIfChanged(this.nestedMap(m, 'notes'), itemId, value), origin);
  }

  /**
   * Sets an item's status. 'discussed' also marks the citizen drøftet (on `opts.date`,
   * default today in Copenhagen) in the same transaction; taking 'discussed' back restores
   * the citizen's previous "sidst drøftet" if this meeting was the one that set it.
   */
  setItemStatus(
    meetingId: string,
    itemId: string,
    status: AgendaItemStatus,
    origin: TransactionOrigin,
    opts: DiscussOptions = {},
  ): void {
    const next = AgendaItemStatusSchema.parse(status);
    const by = ActorIdSchema.parse(opts.by ?? (origin.source === 'local' ? origin.userId : 'system'));
    const date = opts.date === undefined ? toIsoDate(this.now()) : IsoDateSchema.parse(opts.date);
    const m = this.requireMeeting(meetingId);
    const entry = this.requireEntry(meetingId, itemId);
    const cardId = entry.cardId;
    const before = cardId === null ? null : this.discussedEntry(cardId);
    this.doc.transact(() => {
      const statusMap = this.nestedMap(m, 'status');
      if (statusMap.get(itemId) !== next) statusMap.set(itemId, next);
      if (cardId === null) return;
      if (next === 'discussed' && (before === null || before.date < date)) {
        const previous = before ? { date: before.date, by: before.by } : null;
        this.lastDiscussedMap.set(cardId, { date, by, meetingId, previous });
      } else if (next !== 'discussed' && entry.status === 'discussed' && before?.meetingId === meetingId) {
        if (before.previous) this.lastDiscussedMap.set(cardId, before.previous);
        else this.lastDiscussedMap.delete(cardId);
      }
    }, origin);
  }

  /** Records "who does what by when". Returns the action id. */
  addActionItem(meetingId: string, input: NewActionItem, origin: TransactionOrigin, id: string = newId('a')): string {
    const data = NewActionItemSchema.parse(input);
    IdSchema.parse(id);
    const m = this.requireMeeting(meetingId);
    const entry = data.itemId === null ? null : this.requireEntry(meetingId, data.itemId);
    const action = ActionItemSchema.parse({ ...data, id, cardId: entry?.cardId ?? null, at: this.now().toISOString() });
    if (this.nestedMap(m, 'actions', false)?.has(id)) throw new DomainError('item_exists', `${id} findes allerede`);
    this.doc.transact(() => this.nestedMap(m, 'actions').set(id, action), origin);
    return id;
  }

  removeActionItem(meetingId: string, id: string, origin: TransactionOrigin): void {
    this.removeNested(meetingId, 'actions', id, origin);
  }

  /** Action items of a meeting (of one agenda item if given), oldest first. */
  actionItems(meetingId: string, itemId?: string): ActionItem[] {
    const m = this.meetingsMap.get(meetingId);
    const map = m instanceof Y.Map ? nested(m, 'actions') : null;
    if (!map) return [];
    return readEntries(map, ReadActionSchema)
      .filter((a) => itemId === undefined || a.itemId === itemId)
      .sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
  }

  /** Puts something on the parkeringsplads. Returns the entry id. */
  park(meetingId: string, input: NewParkedEntry, origin: TransactionOrigin, id: string = newId('p')): string {
    const data = NewParkedEntrySchema.parse(input);
    IdSchema.parse(id);
    const m = this.requireMeeting(meetingId);
    const entry = ParkedEntrySchema.parse({ ...data, id, at: this.now().toISOString() });
    if (this.nestedMap(m, 'parking', false)?.has(id)) throw new DomainError('item_exists', `${id} findes allerede`);
    this.doc.transact(() => this.nestedMap(m, 'parking').set(id, entry), origin);
    return id;
  }

  unpark(meetingId: string, id: string, origin: TransactionOrigin): void {
    this.removeNested(meetingId, 'parking', id, origin);
  }

  parked(meetingId: string): ParkedEntry[] {
    const m = this.meetingsMap.get(meetingId);
    const map = m instanceof Y.Map ? nested(m, 'parking') : null;
    if (!map) return [];
    return readEntries(map, ReadParkedSchema).sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
  }

  // -------------------------------------------------------------------------------------
  // Since last meeting, change notification
  // -------------------------------------------------------------------------------------

  /**
   * "Siden sidst" over this board (see `sinceLast`): from the end of the previous meeting of
   * `type` (any type if not given), or from `lastVisitAt` (this person's previous visit to
   * the board) when that is later (`sinceBoundary`).
   */
  sinceLastMeeting(opts: { type?: MeetingType; lastVisitAt?: string | null } = {}): SinceLast {
    const lastMeetingAt = sinceBoundary(this.lastEndedMeeting(opts.type)?.endedAt ?? null, opts.lastVisitAt ?? null);
    return sinceLast(this.board.cards(), lastMeetingAt, {
      triageEvents: this.triageEvents(),
      until: this.now().toISOString(),
      phases: this.board.phases(),
    });
  }

  /** Calls `fn` once after every transaction that changed meeting data (local or remote). */
  onChange(fn: (tx: Y.Transaction) => void): () => void {
    const seen = new WeakSet<Y.Transaction>();
    const handler = (_events: unknown, tx: Y.Transaction) => {
      if (seen.has(tx)) return;
      seen.add(tx);
      fn(tx);
    };
    const maps = [
      this.triageEventsMap,
      this.triageResponsesMap,
      this.lastDiscussedMap,
      this.nominationsMap,
      this.questionsMap,
      this.meetingsMap,
    ] as const;
    for (const map of maps) map.observeDeep(handler);
    return () => {
      for (const map of maps) map.unobserveDeep(handler);
    };
  }

  // -------------------------------------------------------------------------------------

  private cached<T>(map: Y.Map<unknown>, compute: () => T): T {
    const sig = signature(map);
    const memo = this.memo.get(map);
    if (memo && sameSignature(memo.sig, sig)) return memo.value as T;
    const value = compute();
    this.memo.set(map, { sig, value });
    return value;
  }

  private requireMeeting(id: string): Y.Map<unknown> {
    const m = this.meetingsMap.get(id);
    if (!(m instanceof Y.Map)) throw new DomainError('item_not_found', `Mødet ${id} findes ikke`);
    return m;
  }

  private requireEntry(meetingId: string, itemId: string): InternalEntry {
    const entry = this.entries(meetingId).find((e) => e.id === itemId);
    if (!entry) throw new DomainError('item_not_found', `${itemId} findes ikke`);
    return entry;
  }

  /** The nested map, created if missing or garbage (must then run inside a transaction). */
  private nestedMap(m: Y.Map<unknown>, key: MeetingMapKey): Y.Map<unknown>;
  private nestedMap(m: Y.Map<unknown>, key: MeetingMapKey, create: false): Y.Map<unknown> | null;
  private nestedMap(m: Y.Map<unknown>, key: MeetingMapKey, create = true): Y.Map<unknown> | null {
    const current = nested(m, key);
    if (current || !create) return current;
    const created = new Y.Map<unknown>();
    m.set(key, created);
    return created;
  }

  private removeNested(meetingId: string, key: MeetingMapKey, id: string, origin: TransactionOrigin): void {
    const m = this.requireMeeting(meetingId);
    const map = nested(m, key);
    if (!map?.has(id)) throw new DomainError('item_not_found', `${id} findes ikke`);
    this.doc.transact(() => map.delete(id), origin);
  }
}

// ---------------------------------------------------------------------------------------
// "Siden sidst"
// ---------------------------------------------------------------------------------------

/**
 * Where "Siden sidst" counts from: the end of the previous meeting, or the person's last
 * visit if that is later (what they saw then is not news). No meeting: null, nothing is
 * news yet, whatever the visit (issue #11, part 6).
 */
export function sinceBoundary(lastMeetingEnd: string | null, lastVisitAt: string | null): string | null {
  if (lastMeetingEnd === null) return null;
  const visit = lastVisitAt === null ? NaN : Date.parse(lastVisitAt);
  return !Number.isNaN(visit) && visit > Date.parse(lastMeetingEnd) ? new Date(visit).toISOString() : lastMeetingEnd;
}

export interface SinceLast {
  /** Where it counts from (`sinceBoundary`); null: no previous meeting, nothing counts as changed. */
  lastMeetingAt: string | null;
  /** Cards created after the meeting. */
  newCards: string[];
  /**
   * Cards that changed column after the boundary (`movedAt`); a card moved before that
   * instant was recorded counts only from the day after the boundary's day.
   */
  movedCards: string[];
  /** Forløb closed on or after the meeting's day. */
  closedCards: string[];
  triageChanges: TriageChange[];
  /** Decisions recorded after the meeting: card id and decision id. */
  decisions: { cardId: string; decisionId: string }[];
  /** Requests to the visitator made after the meeting. */
  requests: { cardId: string; requestId: string }[];
}

/**
 * What changed on the board since the previous meeting ("siden sidst"). Pure: cards and
 * triage events in, ids out (sorted by card name order is the view's business).
 */
export function sinceLast(
  cards: readonly Card[],
  lastMeetingAt: string | null,
  opts: { triageEvents?: readonly StoredTriageEvent[]; until?: string; phases?: readonly { id: string }[] } = {},
): SinceLast {
  const empty: SinceLast = {
    lastMeetingAt,
    newCards: [],
    movedCards: [],
    closedCards: [],
    triageChanges: [],
    decisions: [],
    requests: [],
  };
  if (lastMeetingAt === null) return empty;
  const t = Date.parse(lastMeetingAt);
  if (Number.isNaN(t)) return empty;
  const day = toIsoDate(new Date(t));
  const after = (at: string) => {
    const x = Date.parse(at);
    return !Number.isNaN(x) && x > t;
  };
  const out = { ...empty, triageChanges: changedSince(opts.triageEvents ?? [], lastMeetingAt, opts.until) };
  for (const c of [...cards].sort((a, b) => cmp(a.id, b.id))) {
    const isNew = after(c.createdAt);
    if (isNew) out.newCards.push(c.id);
    else if (c.movedAt !== undefined ? after(c.movedAt) : c.phaseEnteredAt > day) out.movedCards.push(c.id);
    if (c.lifecycle.closure !== null && c.lifecycle.closure.closedOn >= day) out.closedCards.push(c.id);
    for (const d of c.lifecycle.decisions) if (after(d.at)) out.decisions.push({ cardId: c.id, decisionId: d.id });
    for (const r of c.lifecycle.requests) if (after(r.at)) out.requests.push({ cardId: c.id, requestId: r.id });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

function readMeeting(id: string, m: Y.Map<unknown>): Meeting {
  const createdAt = m.get('createdAt');
  return {
    id,
    type: safeOr(MeetingTypeSchema, m.get('type'), 'tavlemoede'),
    scheduledFor: safeOr(TimestampSchema, m.get('scheduledFor'), typeof createdAt === 'string' ? createdAt : ''),
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    leader: safeOr(ActorNameSchema, m.get('leader'), ''),
    startedAt: safeOr(TimestampSchema.nullable(), m.get('startedAt'), null),
    endedAt: safeOr(TimestampSchema.nullable(), m.get('endedAt'), null),
    minutes: {
      summary: safeOr(MinutesSchema.shape.summary, m.get('summary'), ''),
      attendees: safeOr(MinutesSchema.shape.attendees, m.get('attendees'), []),
    },
    ...(m.has('phasesAtStart')
      ? { phasesAtStart: safeOr(PhaseSnapshotSchema.nullable(), m.get('phasesAtStart'), null) }
      : {}),
    ...(m.has('phasesAtEnd')
      ? { phasesAtEnd: safeOr(PhaseSnapshotSchema.nullable(), m.get('phasesAtEnd'), null) }
      : {}),
  };
}

function nested(m: Y.Map<unknown>, key: MeetingMapKey): Y.Map<unknown> | null {
  const v = m.get(key);
  return v instanceof Y.Map ? v : null;
}

/**
 * Reads the agenda field by field. Only the item's id (= its key) is required: a bad title
 * falls back to a placeholder, bad reasons are skipped, a bad order key sorts as 'a0' (ties
 * broken by id), a bad status as pending, a bad time box as the meeting type's default.
 */
function readAgenda(m: Y.Map<unknown>, defaultBox: number): InternalEntry[] {
  const items = nested(m, 'items');
  if (!items) return [];
  const order = nested(m, 'order');
  const status = nested(m, 'status');
  const timeBox = nested(m, 'timeBox');
  const notes = nested(m, 'notes');
  const out: InternalEntry[] = [];
  for (const [id, raw] of items.entries()) {
    if (!AgendaItemIdSchema.safeParse(id).success) continue;
    const v = (typeof raw === 'object' && raw !== null && !(raw instanceof Y.AbstractType) ? raw : {}) as Record<
      string,
      unknown
    >;
    const cardId = safeOr(
      IdSchema.nullable(),
      v.cardId,
      id.startsWith('c:') ? safeOr(IdSchema, id.slice(2), null) : null,
    );
    const reasons = Array.isArray(v.reasons)
      ? v.reasons.flatMap((r) => {
          const p = AgendaReasonSchema.safeParse(r);
          return p.success ? [p.data] : [];
        })
      : [];
    const base = safeOr(TimeBoxSchema, v.timeBoxMin, defaultBox);
    const key = order?.get(id);
    const entry: InternalEntry = {
      id,
      cardId,
      title: safeOr(
        AgendaItemSchema.shape.title,
        v.title,
        cardId === null ? FALLBACK_ITEM_TITLE : FALLBACK_CITIZEN_TITLE,
      ),
      reasons,
      source: safeOr(AgendaItemSchema.shape.source, v.source, 'manual'),
      timeBoxMin: safeOr(TimeBoxSchema, timeBox?.get(id), base),
      status: safeOr(AgendaItemStatusSchema, status?.get(id), 'pending'),
      order: typeof key === 'string' && isValidOrderKey(key) ? key : 'a0',
      note: safeOr(AgendaItemNoteSchema, notes?.get(id), ''),
      cardMissing: false,
      cardClosed: false,
      baseTimeBoxMin: base,
    };
    const nominatedBy = ActorNameSchema.safeParse(v.nominatedBy);
    if (nominatedBy.success && v.nominatedBy !== undefined) entry.nominatedBy = nominatedBy.data;
    out.push(entry);
  }
  return out.sort((a, b) => compareKeyed({ id: a.id, key: a.order }, { id: b.id, key: b.order }));
}

function readRemoved(m: Y.Map<unknown>): RemovedAgendaItem[] {
  const map = nested(m, 'removed');
  if (!map) return [];
  const items = nested(m, 'items');
  // an item that is on the agenda again (added back by someone concurrently) is not removed
  return readEntries(map, RemovedAgendaItemSchema).filter((r) => !items?.has(r.id));
}

/** Valid entries of a map whose `id` equals their key; garbage is skipped. */
function readEntries<T extends { id: string }>(map: Y.Map<unknown>, schema: SafeSchema<T>): T[] {
  const out: T[] = [];
  for (const [k, v] of map.entries()) {
    const parsed = schema.safeParse(v);
    if (parsed.success && parsed.data.id === k) out.push(parsed.data);
  }
  return out;
}

function toAgendaItem(e: AgendaEntry): AgendaItem {
  const item: AgendaItem = {
    id: e.id,
    cardId: e.cardId,
    title: e.title,
    reasons: e.reasons,
    source: e.source,
    timeBoxMin: e.timeBoxMin,
    status: e.status,
  };
  if (e.nominatedBy !== undefined) item.nominatedBy = e.nominatedBy;
  return item;
}

function storedOf(item: AgendaItem, timeBoxMin: number): StoredItem {
  const out: StoredItem = {
    id: item.id,
    cardId: item.cardId,
    title: item.title,
    reasons: item.reasons,
    source: item.source,
    timeBoxMin,
  };
  if (item.nominatedBy !== undefined) out.nominatedBy = item.nominatedBy;
  return out;
}

// ---------------------------------------------------------------------------------------
// Small helpers (as in boardDoc.ts)
// ---------------------------------------------------------------------------------------

function signature(map: Y.Map<unknown>): unknown[] {
  const sig: unknown[] = [];
  for (const item of map._map.values()) sig.push(item, item.deleted);
  return sig;
}

function sameSignature(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function setIfChanged(m: Y.Map<unknown>, key: string, value: unknown): void {
  const current = m.get(key);
  if (current === value) return;
  if (m.has(key) && typeof value === 'object' && !(current instanceof Y.AbstractType)) {
    if (JSON.stringify(current) === JSON.stringify(value)) return;
  }
  m.set(key, value);
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
