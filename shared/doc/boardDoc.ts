import * as Y from 'yjs';
import { BoardInitSchema, BoardMetaSchema, type BoardInit, type BoardMeta } from '../model/board.js';
import {
  CARD_DEFAULTS,
  CardFieldsSchema,
  CardPatchSchema,
  CardSchema,
  NewCardSchema,
  PositionSchema,
  initialsOf,
  type Card,
  type CardPatch,
  type NewCard,
  type Position,
} from '../model/card.js';
import { IdSchema, IsoDateSchema, newId } from '../model/ids.js';
import { PhaseSchema, type Phase } from '../model/phase.js';
import {
  ActorNameSchema,
  CloseForlobSchema,
  ClosureSchema,
  CompleteFollowUpSchema,
  DEFAULT_BOARD_CADENCE_TEMPLATE_ID,
  DecideRequestSchema,
  DecisionSchema,
  FollowUpIdSchema,
  GoalPatchSchema,
  GoalSchema,
  LIFECYCLE_COLLECTION_KEYS,
  LIFECYCLE_DEFAULTS,
  LifecyclePatchSchema,
  LifecycleScalarsSchema,
  NewDecisionSchema,
  NewGoalSchema,
  NewRequestSchema,
  OPSTART_KEYS,
  OpstartParticipantsSchema,
  OpstartPlanSchema,
  OpstartSchema,
  RelativeInputSchema,
  RelativeSchema,
  StoredFollowUpCompletionSchema,
  VisitatorRequestSchema,
  deepFreeze,
  type CardLifecycle,
  type CloseForlobInput,
  type CompleteFollowUpInput,
  type DecideRequestInput,
  type Decision,
  type Goal,
  type GoalPatch,
  type LifecycleCollectionKey,
  type LifecyclePatch,
  type NewDecision,
  type NewGoal,
  type NewRequest,
  type OpstartPlan,
  type Relative,
  type RelativeInput,
  type StoredFollowUpCompletion,
  type VisitatorRequest,
} from '../model/lifecycle.js';
import { NewSwapSchema, SwapSchema, type NewSwap, type Swap } from '../model/swaps.js';
import {
  DeclineSchema,
  DischargeSchema,
  NewDeclineSchema,
  OfferLinkSchema,
  type Decline,
  type Discharge,
  type NewDecline,
} from '../model/careSignals.js';
import { CadenceTemplateIdSchema } from '../rules/cadenceTemplates.js';
import { compareKeyed, isValidOrderKey, keyForIndex } from '../rules/ordering.js';
import { toIsoDate } from '../rules/dates.js';
import { writeRestore, type BoardState, type RestoreOptions, type RestoreResult } from './boardRestore.js';
import type { TransactionOrigin } from './origins.js';
import {
  EMPTY_CARD_LOG,
  LogEntrySchema,
  LogReaderSchema,
  NewLogEntrySchema,
  receiptKey,
  type CardLog,
  type LogReader,
  type NewLogEntry,
} from '../model/cardLog.js';
import { lacksLogMaps, logMap, logSignature, migratedNoteEntry, readCardLog } from './cardLogDoc.js';
import { CARD_LOG_KEYS } from './layout.js';
import * as freeArea from './freeAreaDoc.js';
import { liveFreeItems } from '../rules/freeArea.js';
import type { FreeItem, FreeItemPatch, NewFreeItem } from '../model/freeArea.js';
import {
  FieldConflictSchema,
  MAX_CONFLICTS_PER_CARD,
  type ConflictField,
  type FieldConflict,
} from '../model/conflict.js';

/**
 * Typed domain API over one board's Y.Doc: the only code that touches Y.Map.
 *
 * Layout (see docs/protocol.md):
 *   doc.getMap('meta')    id, teamId, name, epoch            plain values
 *   doc.getMap('phases')  phaseId → Phase                    plain JSON values
 *   doc.getMap('cards')   cardId  → Y.Map of card fields     one key per field; lifecycle
 *                                                            collections are nested Y.Maps
 * A card's place is the single value `position` ({phaseId, key}) so two people moving
 * the same card concurrently end in one agreed place (last writer wins on one key).
 */
export class BoardDoc {
  readonly doc: Y.Doc;
  private readonly now: () => Date;
  /** Parsed phases and cards, reused while their Yjs items are unchanged (see `signature`). */
  private phasesMemo: { sig: unknown[]; phases: Phase[] } | null = null;
  private readonly cardMemo = new WeakMap<Y.Map<unknown>, { sig: unknown[]; phases: Phase[]; card: Card }>();
  private readonly logMemo = new WeakMap<Y.Map<unknown>, { sig: unknown[]; log: CardLog }>();
  /** Whether this reader's card parses are kept for later reads (see `rememberParses` below). */
  private readonly rememberParses: boolean;

  /**
   * `rememberParses`: keep what this reader parses for every reader of the doc. For a reader
   * that re-reads the cards an update touched (the write gate); a reader of the whole board
   * (the cockpit's figures, the archive, a print) still uses what was kept but keeps
   * nothing: kept for every card, the parses cost a loaded board a tenth of its heap.
   */
  constructor(doc: Y.Doc = new Y.Doc(), opts: { now?: () => Date; rememberParses?: boolean } = {}) {
    this.doc = doc;
    this.now = opts.now ?? (() => new Date());
    this.rememberParses = opts.rememberParses ?? false;
  }

  get metaMap(): Y.Map<unknown> {
    return this.doc.getMap('meta');
  }
  get phasesMap(): Y.Map<unknown> {
    return this.doc.getMap('phases');
  }
  get cardsMap(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap('cards');
  }

  /**
   * Writes meta and phases of a new board. Idempotent for the same init: values that are
   * already there are not rewritten, so a repeated call produces no update at all. The
   * whole init is validated first, so an invalid one throws and writes nothing.
   */
  initialize(init: BoardInit, origin: TransactionOrigin = { source: 'server', reason: 'seed' }): void {
    const data = BoardInitSchema.parse(init);
    this.doc.transact(() => {
      const setIfChanged = (map: Y.Map<unknown>, key: string, value: unknown) => {
        if (!map.has(key) || JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
      };
      setIfChanged(this.metaMap, 'id', data.id);
      setIfChanged(this.metaMap, 'teamId', data.teamId);
      setIfChanged(this.metaMap, 'name', data.name);
      if (!this.metaMap.has('epoch')) this.metaMap.set('epoch', 0);
      for (const p of data.phases) setIfChanged(this.phasesMap, p.id, p);
    }, origin);
  }

  /** The whole board as one Yjs update (a new board's first snapshot, a copy for history). */
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Frees the doc (a board built on the server to be stored, not kept). */
  destroy(): void {
    this.doc.destroy();
  }

  meta(): BoardMeta | null {
    const parsed = BoardMetaSchema.safeParse(this.metaMap.toJSON());
    return parsed.success ? parsed.data : null;
  }

  /** Columns in display order; malformed entries (e.g. from a rogue client) are skipped. */
  phases(): Phase[] {
    return this.readPhases().map((p) => ({ ...p }));
  }

  private readPhases(): Phase[] {
    const sig = signature(this.phasesMap);
    if (this.phasesMemo && sameSignature(this.phasesMemo.sig, sig)) return this.phasesMemo.phases;
    const out: Phase[] = [];
    for (const [key, value] of this.phasesMap.entries()) {
      const parsed = PhaseSchema.safeParse(value);
      // An entry whose id disagrees with its key would show one column twice.
      if (parsed.success && parsed.data.id === key) out.push(parsed.data);
    }
    out.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
    this.phasesMemo = { sig, phases: out };
    return out;
  }

  /**
   * One card, parsed once per change: reading a 2,000-card board for every column on every
   * render would otherwise re-validate every field of every card each time.
   */
  private readCardCached(id: string, m: Y.Map<unknown>, phases: Phase[]): Card {
    const sig = cardSignature(m);
    const memo = this.cardMemo.get(m);
    if (memo && memo.phases === phases && memo.card.id === id && sameSignature(memo.sig, sig)) {
      return { ...memo.card, position: { ...memo.card.position } };
    }
    const card = readCardRemembering(this.rememberParses, id, m, phases);
    this.cardMemo.set(m, { sig, phases, card });
    return { ...card, position: { ...card.position } };
  }

  hasCard(id: string): boolean {
    return this.cardsMap.get(id) instanceof Y.Map;
  }

  /**
   * Card `id` as it reads once `values` (map → key → plain value: the card's fields and its
   * collections' items) are set, without setting them: the write gate's read of an update of
   * plain sets (doc/plainWrites.ts). What they leave alone comes from the parses kept for this
   * doc; nothing read here is kept.
   */
  cardWith(id: string, values: ReadonlyMap<Y.Map<unknown>, ReadonlyMap<string, unknown>>): Card | null {
    const m = this.cardsMap.get(id);
    if (!(m instanceof Y.Map)) return null;
    const was = overridden;
    overridden = values;
    try {
      return readCardRemembering(this.rememberParses, id, m, this.readPhases());
    } finally {
      overridden = was;
    }
  }

  card(id: string): Card | null {
    const m = this.cardsMap.get(id);
    return m instanceof Y.Map ? this.readCardCached(id, m, this.readPhases()) : null;
  }

  /** The ids of the board's cards, in the map's order (a whole-board reader that reads in turns). */
  cardIds(): string[] {
    const out: string[] = [];
    for (const [id, m] of this.cardsMap.entries()) if (m instanceof Y.Map) out.push(id);
    return out;
  }

  /**
   * The closure date of every closed forløb (card id → date), read as `card()` reads it but
   * without reading the rest of each card: the archive's daily check of a whole board (issue
   * #15: at every board load it parsed every card in full to find the few that are due).
   */
  closedOnDates(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [id, m] of this.cardsMap.entries()) {
      if (!(m instanceof Y.Map)) continue;
      const closure = parseAt(m, 'closure', ReadNullableClosureSchema);
      if (closure?.success && closure.data) out.set(id, closure.data.closedOn);
    }
    return out;
  }

  /** All cards, each field validated with a safe fallback so one bad value never hides a citizen. */
  cards(): Card[] {
    const phases = this.readPhases();
    const out: Card[] = [];
    for (const [id, m] of this.cardsMap.entries()) {
      if (m instanceof Y.Map) out.push(this.readCardCached(id, m, phases));
    }
    return out;
  }

  /** Cards of one column in display order. */
  column(phaseId: string): Card[] {
    return this.cards()
      .filter((c) => c.position.phaseId === phaseId)
      .sort((a, b) => compareKeyed(keyedOf(a), keyedOf(b)));
  }

  /**
   * Adds a card at the end of its column. Validates everything first (invalid input
   * throws a ZodError, an unknown column or an id already in use a DomainError) and then
   * writes the whole card in one transaction, with its (empty) lifecycle collections so
   * two people's first additions to one collection never race. To create a card with
   * lifecycle data in one transaction, wrap `createCard` and `setLifecycle` in
   * `doc.transact(..., origin)`.
   */
  createCard(input: NewCard, origin: TransactionOrigin, id: string = newId('c')): string {
    const data = NewCardSchema.parse(input);
    IdSchema.parse(id);
    this.requirePhase(data.phaseId);
    if (this.cardsMap.has(id)) throw new DomainError('card_exists', `Kortet ${id} findes allerede`);
    const siblings = this.column(data.phaseId).map(keyedOf);
    const fields = { ...CARD_DEFAULTS, ...stripUndefined(data) };
    if (!fields.initials) fields.initials = initialsOf(fields.name);
    const now = this.now();
    this.doc.transact(() => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(fields)) if (k !== 'phaseId') m.set(k, v);
      m.set('position', { phaseId: data.phaseId, key: keyForIndex(siblings, siblings.length) });
      m.set('phaseEnteredAt', toIsoDate(now));
      m.set('createdAt', now.toISOString());
      for (const key of LIFECYCLE_COLLECTION_KEYS) m.set(key, new Y.Map<unknown>());
      for (const key of CARD_LOG_KEYS) m.set(key, new Y.Map<unknown>());
      this.cardsMap.set(id, m);
    }, origin);
    return id;
  }

  /** Validates the patch first: an invalid value throws and nothing is written. */
  updateCard(id: string, patch: CardPatch, origin: TransactionOrigin): void {
    const data = stripUndefined(CardPatchSchema.parse(patch));
    const m = this.requireCard(id);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(data)) {
        if (m.get(k) !== v) m.set(k, v);
      }
    }, origin);
  }

  /**
   * Moves a card to `index` within `phaseId` (index counted without the card itself).
   * Dropping a card where it already is writes nothing, so it cannot override someone
   * else's concurrent move of the same card.
   */
  moveCard(id: string, phaseId: string, index: number, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    this.requirePhase(phaseId);
    const column = this.column(phaseId);
    const current = column.findIndex((c) => c.id === id);
    const siblings = column.filter((c) => c.id !== id).map(keyedOf);
    const to = Number.isNaN(index) ? siblings.length : Math.max(0, Math.min(Math.floor(index), siblings.length));
    const stored = PositionSchema.safeParse(m.get('position'));
    const unchanged =
      stored.success && stored.data.phaseId === phaseId && stored.data.key === column[current]?.position.key;
    if (current === to && unchanged) return;
    this.placeCard(m, { phaseId, key: keyForIndex(siblings, to) }, origin);
  }

  /** Low-level: put a card at an explicit position (used by drag and drop with a precomputed key). */
  placeCard(m: Y.Map<unknown> | string, position: Position, origin: TransactionOrigin): void {
    const card = typeof m === 'string' ? this.requireCard(m) : m;
    const pos = PositionSchema.parse(position);
    this.requirePhase(pos.phaseId);
    const before = PositionSchema.safeParse(card.get('position'));
    this.doc.transact(() => {
      card.set('position', pos);
      if (!before.success || before.data.phaseId !== pos.phaseId) {
        const now = this.now();
        card.set('phaseEnteredAt', toIsoDate(now));
        card.set('movedAt', now.toISOString());
      }
    }, origin);
  }

  deleteCard(id: string, origin: TransactionOrigin): void {
    this.requireCard(id);
    this.doc.transact(() => this.cardsMap.delete(id), origin);
  }

  /** The board as a restore reads it: parsed meta, columns and cards (boardRestore.ts). */
  state(): BoardState {
    const template = CadenceTemplateIdSchema.safeParse(this.metaMap.get('cadenceTemplateId'));
    return {
      meta: this.meta(),
      cadenceTemplateId: template.success ? template.data : null,
      phases: this.phases(),
      cards: this.cards(),
      freeItems: this.freeItems(),
    };
  }

  /**
   * Restores this board to `past` (a scratch doc of the board as it was, see
   * server/history/): writes the past values as new plain values in one transaction, never
   * old Yjs items. Full restore: meta (not the epoch), columns and cards, keeping cards
   * created later unless `removeLater`, and the free area's messages that have not expired
   * (later ones stay); with `cardIds` only those cards (and columns they need). Returns
   * what was written.
   */
  restoreFrom(past: BoardDoc, opts: RestoreOptions, origin: TransactionOrigin): RestoreResult {
    const live = this.state();
    const then = past.state();
    // A message that has expired since is not brought back (it would be hidden anyway).
    const from = { ...then, freeItems: liveFreeItems(then.freeItems, this.now()) };
    let result: RestoreResult | undefined;
    const target = {
      meta: this.metaMap,
      phases: this.phasesMap,
      cards: this.cardsMap,
      freeItems: freeArea.freeItemsMap(this.doc),
    };
    this.doc.transact(() => {
      result = writeRestore(target, from, live, opts);
    }, origin);
    return result!;
  }

  // -------------------------------------------------------------------------------------
  // Forløb lifecycle (model/lifecycle.ts). Every method validates its whole input first
  // (ZodError; unknown card or item: DomainError) and then writes in one transaction.
  // -------------------------------------------------------------------------------------

  /** The board's default cadence template (meta `cadenceTemplateId`), 'horsholm-83a' if unset. */
  boardCadenceTemplateId(): string {
    const parsed = CadenceTemplateIdSchema.safeParse(this.metaMap.get('cadenceTemplateId'));
    return parsed.success ? parsed.data : DEFAULT_BOARD_CADENCE_TEMPLATE_ID;
  }

  setBoardCadenceTemplateId(templateId: string, origin: TransactionOrigin): void {
    const id = CadenceTemplateIdSchema.parse(templateId);
    if (this.metaMap.get('cadenceTemplateId') === id) return;
    this.doc.transact(() => this.metaMap.set('cadenceTemplateId', id), origin);
  }

  /**
   * Sets any of the scalar lifecycle fields (visitationDate, startDate, cadenceTemplateId,
   * forlobTypeId + forlobType + legalBasis, weeklyHours, secondaryContact, temporaryChange).
   * Unchanged values are not rewritten.
   */
  setLifecycle(id: string, patch: LifecyclePatch, origin: TransactionOrigin): void {
    const data = stripUndefined(LifecyclePatchSchema.parse(patch));
    const m = this.requireCard(id);
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(data)) setIfChanged(m, k, v);
    }, origin);
  }

  /** Books the opstartsmøde: date, who joins, a note. Does not touch `heldOn`. */
  planOpstart(id: string, plan: OpstartPlan, origin: TransactionOrigin): void {
    const data = OpstartPlanSchema.parse(plan);
    const m = this.requireCard(id);
    this.doc.transact(() => {
      setIfChanged(m, OPSTART_KEYS.plannedDate, data.plannedDate);
      setIfChanged(m, OPSTART_KEYS.participants, data.participants);
      setIfChanged(m, OPSTART_KEYS.note, data.note);
    }, origin);
  }

  /** Records the day the opstartsmøde was held (null: not held after all). */
  markOpstartHeld(id: string, date: string | null, origin: TransactionOrigin): void {
    const heldOn = IsoDateSchema.nullable().parse(date);
    const m = this.requireCard(id);
    this.doc.transact(() => setIfChanged(m, OPSTART_KEYS.heldOn, heldOn), origin);
  }

  /**
   * Records a follow-up as held (gennemført) by `by` on `date`, and with `decision` also
   * the FSIII decision taken at it, linked both ways. Returns the decision id, or null.
   */
  completeFollowUp(
    id: string,
    followUpId: string,
    input: CompleteFollowUpInput,
    origin: TransactionOrigin,
  ): string | null {
    const fuId = FollowUpIdSchema.parse(followUpId);
    const data = CompleteFollowUpSchema.parse(input);
    const m = this.requireCard(id);
    const decision: Decision | null = data.decision
      ? DecisionSchema.parse({
          id: data.decision.id ?? newId('d'),
          code: data.decision.code,
          reason: data.decision.reason,
          by: data.by,
          byName: data.byName,
          at: this.now().toISOString(),
          followUpId: fuId,
        })
      : null;
    const completion: StoredFollowUpCompletion = { date: data.date, by: data.by, byName: data.byName };
    if (decision) completion.decisionId = decision.id;
    if (decision) this.requireAbsent(m, 'decisions', decision.id);
    this.doc.transact(() => {
      if (decision) this.collection(m, 'decisions').set(decision.id, decision);
      this.collection(m, 'followUps').set(fuId, completion);
    }, origin);
    return decision?.id ?? null;
  }

  /** Removes a recorded completion (a mistake); a linked decision stays in the history. */
  uncompleteFollowUp(id: string, followUpId: string, origin: TransactionOrigin): void {
    const fuId = FollowUpIdSchema.parse(followUpId);
    const m = this.requireCard(id);
    const map = m.get('followUps');
    if (!(map instanceof Y.Map) || !map.has(fuId)) return;
    this.doc.transact(() => map.delete(fuId), origin);
  }

  /** Records an FSIII decision (E1–E4). Returns its id. */
  recordDecision(id: string, input: NewDecision, origin: TransactionOrigin): string {
    const data = NewDecisionSchema.parse(input);
    const m = this.requireCard(id);
    const decision = DecisionSchema.parse({
      ...data,
      id: data.id ?? newId('d'),
      at: data.at ?? this.now().toISOString(),
    });
    this.requireAbsent(m, 'decisions', decision.id);
    this.doc.transact(() => this.collection(m, 'decisions').set(decision.id, decision), origin);
    return decision.id;
  }

  /** Adds a goal (the citizen's own words, or a SMART-mål). Returns its id. */
  addGoal(id: string, input: NewGoal, origin: TransactionOrigin): string {
    const data = NewGoalSchema.parse(input);
    const m = this.requireCard(id);
    const at = this.now().toISOString();
    const goal = GoalSchema.parse({ ...data, id: data.id ?? newId('g'), createdAt: at, updatedAt: at });
    this.requireAbsent(m, 'goals', goal.id);
    this.doc.transact(() => this.collection(m, 'goals').set(goal.id, goal), origin);
    return goal.id;
  }

  /** Changes a goal's text, kind or status; `updatedAt` becomes now. */
  updateGoal(id: string, goalId: string, patch: GoalPatch, origin: TransactionOrigin): void {
    const data = stripUndefined(GoalPatchSchema.parse(patch));
    const m = this.requireCard(id);
    const old = this.requireItem(m, 'goals', goalId, GoalSchema);
    if (Object.entries(data).every(([k, v]) => old[k as keyof Goal] === v)) return;
    const goal: Goal = { ...old, ...data, updatedAt: this.now().toISOString() };
    this.doc.transact(() => this.collection(m, 'goals').set(goalId, goal), origin);
  }

  removeGoal(id: string, goalId: string, origin: TransactionOrigin): void {
    this.removeItem(id, 'goals', goalId, origin);
  }

  /** Adds a relative, or replaces the one with `input.id`. Returns the id. */
  upsertRelative(id: string, input: RelativeInput, origin: TransactionOrigin): string {
    const data = RelativeInputSchema.parse(input);
    const m = this.requireCard(id);
    const relative: Relative = RelativeSchema.parse({ ...data, id: data.id ?? newId('r') });
    const current = m.get('relatives');
    if (current instanceof Y.Map && JSON.stringify(current.get(relative.id)) === JSON.stringify(relative)) {
      return relative.id;
    }
    this.doc.transact(() => this.collection(m, 'relatives').set(relative.id, relative), origin);
    return relative.id;
  }

  removeRelative(id: string, relativeId: string, origin: TransactionOrigin): void {
    this.removeItem(id, 'relatives', relativeId, origin);
  }

  /** A structured request to the visitator (anmodning, R15), status 'afventer'. Returns its id. */
  addRequest(id: string, input: NewRequest, origin: TransactionOrigin): string {
    const data = NewRequestSchema.parse(input);
    const m = this.requireCard(id);
    const request: VisitatorRequest = VisitatorRequestSchema.parse({
      ...data,
      id: data.id ?? newId('a'),
      at: this.now().toISOString(),
      status: 'afventer',
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionNote: '',
    });
    this.requireAbsent(m, 'requests', request.id);
    this.doc.transact(() => this.collection(m, 'requests').set(request.id, request), origin);
    return request.id;
  }

  /** The visitator approves or declines a request (a later decision replaces an earlier one). */
  decideRequest(id: string, requestId: string, input: DecideRequestInput, origin: TransactionOrigin): void {
    const data = DecideRequestSchema.parse(input);
    const m = this.requireCard(id);
    const old = this.requireItem(m, 'requests', requestId, VisitatorRequestSchema);
    const request: VisitatorRequest = {
      ...old,
      status: data.status,
      decidedBy: data.decidedBy,
      decidedByName: data.decidedByName,
      decidedAt: this.now().toISOString(),
      decisionNote: data.note,
    };
    this.doc.transact(() => this.collection(m, 'requests').set(requestId, request), origin);
  }

  /**
   * Logs a bytteydelse (model/swaps.ts): id and time default to new and now. Swaps are
   * append-only; whether this one is allowed (settings, suitability) is rules/swaps.ts,
   * asked by the UI first and enforced by the server's write gate.
   */
  addSwap(id: string, input: NewSwap, origin: TransactionOrigin): string {
    const data = NewSwapSchema.parse(input);
    const m = this.requireCard(id);
    const swap: Swap = SwapSchema.parse({
      ...data,
      id: data.id ?? newId('s'),
      at: data.at ?? this.now().toISOString(),
    });
    this.requireAbsent(m, 'swaps', swap.id);
    this.doc.transact(() => this.collection(m, 'swaps').set(swap.id, swap), origin);
    return swap.id;
  }

  /**
   * "Udskrevet fra hospital <date>" (R27): flags the citizen for review with the planner.
   * A new discharge replaces an earlier one (readmitted and home again).
   */
  flagDischarge(id: string, input: { date: string; by: string; byName?: string }, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    const discharge: Discharge = DischargeSchema.parse({
      date: input.date,
      at: this.now().toISOString(),
      by: input.by,
      byName: input.byName ?? '',
      reviewedAt: null,
      reviewedBy: null,
      reviewedByName: '',
    });
    this.doc.transact(() => m.set('discharge', discharge), origin);
  }

  /** "Gennemgået med planlægger": who and when; the flag stays as the record of it. */
  markDischargeReviewed(id: string, by: { by: string; byName?: string }, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    const current = this.card(id)?.lifecycle.discharge ?? null;
    if (current === null) throw new DomainError('item_not_found', 'Borgeren er ikke markeret som udskrevet');
    const reviewed: Discharge = DischargeSchema.parse({
      ...current,
      reviewedAt: this.now().toISOString(),
      reviewedBy: by.by,
      reviewedByName: by.byName ?? '',
    });
    this.doc.transact(() => m.set('discharge', reviewed), origin);
  }

  /** Takes a discharge flag set by mistake off the card. */
  clearDischarge(id: string, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    this.doc.transact(() => setIfChanged(m, 'discharge', null), origin);
  }

  /** Logs a "nej tak" (model/careSignals.ts): append-only, like the swaps. */
  addDecline(id: string, input: NewDecline, origin: TransactionOrigin): string {
    const data = NewDeclineSchema.parse(input);
    const m = this.requireCard(id);
    const decline: Decline = DeclineSchema.parse({
      ...data,
      id: data.id ?? newId('n'),
      at: data.at ?? this.now().toISOString(),
    });
    this.requireAbsent(m, 'declines', decline.id);
    this.doc.transact(() => this.collection(m, 'declines').set(decline.id, decline), origin);
    return decline.id;
  }

  /** Links a local offer (by its directory id; the server checks that it exists). */
  linkOffer(id: string, offerId: string, by: { by: string; byName?: string }, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    const link = OfferLinkSchema.parse({
      id: offerId,
      at: this.now().toISOString(),
      by: by.by,
      byName: by.byName ?? '',
    });
    this.requireAbsent(m, 'offerLinks', link.id);
    this.doc.transact(() => this.collection(m, 'offerLinks').set(link.id, link), origin);
  }

  unlinkOffer(id: string, offerId: string, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    this.doc.transact(() => this.collection(m, 'offerLinks').delete(offerId), origin);
  }

  /**
   * Closes the forløb: records the closure and moves the card to the end of the first
   * column of kind 'closed' (unless it already sits in a closed column). Throws
   * DomainError phase_not_found when the board has no closed column.
   */
  closeForlob(id: string, input: CloseForlobInput, origin: TransactionOrigin): void {
    const closure = ClosureSchema.parse(CloseForlobSchema.parse(input));
    const m = this.requireCard(id);
    const phases = this.readPhases();
    const closed = phases.find((p) => p.kind === 'closed');
    if (!closed) throw new DomainError('phase_not_found', 'Tavlen har ingen kolonne til afsluttede forløb');
    const current = this.card(id)!;
    const inClosed = phases.find((p) => p.id === current.position.phaseId)?.kind === 'closed';
    this.doc.transact(() => {
      setIfChanged(m, 'closure', closure);
      if (!inClosed) this.moveCard(id, closed.id, Number.MAX_SAFE_INTEGER, origin);
    }, origin);
  }

  /**
   * Reopens a closed forløb: clears the closure and, if the card sits in a closed column,
   * moves it to the end of `opts.phaseId` (default: the first 'referred' column, else the
   * first column that is not closed). Counts as 'create' for the delegation matrix.
   */
  reopenForlob(id: string, origin: TransactionOrigin, opts: { phaseId?: string } = {}): void {
    const m = this.requireCard(id);
    const phases = this.readPhases();
    if (opts.phaseId !== undefined) this.requirePhase(IdSchema.parse(opts.phaseId));
    const current = this.card(id)!;
    const inClosed = phases.find((p) => p.id === current.position.phaseId)?.kind === 'closed';
    const target =
      opts.phaseId ??
      phases.find((p) => p.kind === 'referred')?.id ??
      phases.find((p) => p.kind !== 'closed')?.id ??
      current.position.phaseId;
    this.doc.transact(() => {
      setIfChanged(m, 'closure', null);
      if (inClosed && target !== current.position.phaseId) {
        this.moveCard(id, target, Number.MAX_SAFE_INTEGER, origin);
      }
    }, origin);
  }

  /**
   * Gives every card its nested lifecycle maps (cards written before the lifecycle, or by
   * a raw client). Run once by the server when it loads a board, so two people's first
   * additions to such a card cannot race. Returns the number of cards changed.
   */
  ensureLifecycleMaps(origin: TransactionOrigin = { source: 'server', reason: 'migration' }): number {
    let changed = 0;
    const missing = [...this.cardsMap.values()].filter(
      (m) => m instanceof Y.Map && LIFECYCLE_COLLECTION_KEYS.some((k) => !(m.get(k) instanceof Y.Map)),
    );
    if (missing.length === 0) return 0;
    this.doc.transact(() => {
      for (const m of missing) {
        for (const k of LIFECYCLE_COLLECTION_KEYS) this.collection(m, k);
        changed++;
      }
    }, origin);
    return changed;
  }

  /** Some card lacks a nested lifecycle map (written before the lifecycle, or by a raw client). */
  needsLifecycleMaps(): boolean {
    for (const m of this.cardsMap.values()) {
      if (m instanceof Y.Map && LIFECYCLE_COLLECTION_KEYS.some((k) => !(m.get(k) instanceof Y.Map))) return true;
    }
    return false;
  }

  // -------------------------------------------------------------------------------------
  // The card log (model/cardLog.ts, issue #12): append-only entries and read receipts.
  // Kept out of `Card`, so the audit diff, a restore and the wall screen (which walk the
  // card) never carry an entry's text or take an entry back; read it with `cardLog`.
  // -------------------------------------------------------------------------------------

  /** A card's log, parsed once per change (the same object while nothing in it changed). */
  cardLog(id: string): CardLog {
    const m = this.cardsMap.get(id);
    if (!(m instanceof Y.Map)) return EMPTY_CARD_LOG;
    const sig = logSignature(m);
    const memo = this.logMemo.get(m);
    if (memo && sameSignature(memo.sig, sig)) return memo.log;
    const log = readCardLog(m);
    this.logMemo.set(m, { sig, log });
    return log;
  }

  /** Every card's log that has entries, by card id. */
  cardLogs(): Map<string, CardLog> {
    const out = new Map<string, CardLog>();
    for (const id of this.cardsMap.keys()) {
      const log = this.cardLog(id);
      if (log.entries.length > 0) out.set(id, log);
    }
    return out;
  }

  /** Writes one entry under a fresh id (two people's entries never share a key). Returns the id. */
  addLogEntry(id: string, input: NewLogEntry, origin: TransactionOrigin): string {
    const data = NewLogEntrySchema.parse(input);
    const m = this.requireCard(id);
    const entry = LogEntrySchema.parse({
      ...stripUndefined(data),
      id: data.id ?? newId('l'),
      at: data.at ?? this.now().toISOString(),
    });
    const log = m.get('log');
    if (log instanceof Y.Map && log.has(entry.id)) throw new DomainError('item_exists', `${entry.id} findes allerede`);
    this.doc.transact(() => logMap(m, 'log').set(entry.id, entry), origin);
    return entry.id;
  }

  /** Records that `reader` has read an entry ("Læst af"); a second read writes nothing. */
  markLogRead(id: string, entryId: string, reader: LogReader, origin: TransactionOrigin): boolean {
    const who = LogReaderSchema.parse(reader);
    const m = this.requireCard(id);
    const log = m.get('log');
    if (!(log instanceof Y.Map) || !log.has(entryId)) throw new DomainError('item_not_found', `${entryId} findes ikke`);
    const key = receiptKey(entryId, who.by);
    const reads = m.get('logReads');
    if (reads instanceof Y.Map && reads.has(key)) return false;
    const receipt = { entryId, by: who.by, byName: who.byName, at: this.now().toISOString() };
    this.doc.transact(() => logMap(m, 'logReads').set(key, receipt), origin);
    return true;
  }

  /**
   * Board load, once (server/lifecycle/service.ts): every card gets its log maps, and a
   * card's old Note becomes its first entry (kind observation, by "system": the note never
   * said who wrote it; at: the card's creation). Idempotent. Returns the cards changed.
   */
  migrateCardLogs(origin: TransactionOrigin = { source: 'server', reason: 'migration' }): number {
    const now = this.now();
    const todo = [...this.cardsMap.values()].filter(
      (m) => m instanceof Y.Map && (lacksLogMaps(m) || migratedNoteEntry(m, now) !== null),
    );
    if (todo.length === 0) return 0;
    this.doc.transact(() => {
      for (const m of todo) {
        for (const key of CARD_LOG_KEYS) logMap(m, key);
        const entry = migratedNoteEntry(m, now);
        if (entry) logMap(m, 'log').set(entry.id, entry);
      }
    }, origin);
    return todo.length;
  }

  /** Some card lacks its log maps or has a Note not yet in its log. */
  needsCardLogMigration(): boolean {
    const now = this.now();
    for (const m of this.cardsMap.values()) {
      if (m instanceof Y.Map && (lacksLogMaps(m) || migratedNoteEntry(m, now) !== null)) return true;
    }
    return false;
  }

  /** A card's values exactly as stored (nested collections as plain objects), to keep in the archive. */
  storedCard(id: string): Record<string, unknown> | null {
    const m = this.cardsMap.get(id);
    return m instanceof Y.Map ? (m.toJSON() as Record<string, unknown>) : null;
  }

  /** The nested map of a collection, created if missing (or if a raw client wrote garbage there). */
  private collection(m: Y.Map<unknown>, key: LifecycleCollectionKey): Y.Map<unknown> {
    const current = m.get(key);
    if (current instanceof Y.Map) return current;
    const created = new Y.Map<unknown>();
    m.set(key, created);
    return created;
  }

  private requireAbsent(m: Y.Map<unknown>, key: LifecycleCollectionKey, itemId: string): void {
    const map = m.get(key);
    if (map instanceof Y.Map && map.has(itemId)) {
      throw new DomainError('item_exists', `${itemId} findes allerede`);
    }
  }

  private requireItem<T extends { id: string }>(
    m: Y.Map<unknown>,
    key: LifecycleCollectionKey,
    itemId: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  ): T {
    const map = m.get(key);
    const parsed = map instanceof Y.Map ? schema.safeParse(map.get(itemId)) : { success: false as const };
    if (!parsed.success || parsed.data.id !== itemId) {
      throw new DomainError('item_not_found', `${itemId} findes ikke`);
    }
    return parsed.data;
  }

  private removeItem(id: string, key: LifecycleCollectionKey, itemId: string, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    const map = m.get(key);
    if (!(map instanceof Y.Map) || !map.has(itemId)) throw new DomainError('item_not_found', `${itemId} findes ikke`);
    this.doc.transact(() => map.delete(itemId), origin);
  }

  // -------------------------------------------------------------------------------------
  // Concurrent edits (docs/protocol.md "Concurrent edits"): the card's `conflicts` map is
  // the server's; the person whose change was lost resolves theirs.
  // -------------------------------------------------------------------------------------

  /** A card's recorded conflicts (valid ones), oldest first. */
  conflicts(id: string): FieldConflict[] {
    const nested = this.cardsMap.get(id)?.get('conflicts');
    if (!(nested instanceof Y.Map)) return [];
    const out: FieldConflict[] = [];
    for (const [k, v] of nested.entries()) {
      const parsed = FieldConflictSchema.safeParse(v);
      if (parsed.success && parsed.data.id === k) out.push(parsed.data);
    }
    return out.sort((a, b) => ((a.lost.at ?? '') < (b.lost.at ?? '') ? -1 : 1));
  }

  /** Every card's conflicts (for "your change was overwritten" notices). */
  allConflicts(): { cardId: string; conflict: FieldConflict }[] {
    const out: { cardId: string; conflict: FieldConflict }[] = [];
    for (const [cardId, m] of this.cardsMap.entries()) {
      if (m instanceof Y.Map && m.get('conflicts') instanceof Y.Map) {
        for (const conflict of this.conflicts(cardId)) out.push({ cardId, conflict });
      }
    }
    return out;
  }

  /**
   * The loser's answer to a conflict: "Brug min" (`restore`) writes their value back as an
   * ordinary edit; both mark the conflict resolved, in one transaction.
   */
  resolveConflict(id: string, conflictId: string, restore: boolean, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    const conflict = this.conflicts(id).find((c) => c.id === conflictId);
    if (!conflict) throw new DomainError('item_not_found', `${conflictId} findes ikke`);
    if (conflict.resolvedAt !== undefined) return;
    const nested = m.get('conflicts') as Y.Map<unknown>;
    this.doc.transact(() => {
      if (restore) this.setSettled(m, conflict.field, conflict.lost.value, conflict.itemId);
      nested.set(conflictId, { ...conflict, resolvedAt: this.now().toISOString() });
    }, origin);
  }

  /**
   * Server: a concurrent edit's outcome. Sets `field` to `value` when it differs (a merge,
   * or the value the rule keeps when Yjs ordered the other last) and records `conflict`,
   * dropping the oldest (resolved first) beyond MAX_CONFLICTS_PER_CARD.
   */
  settleConcurrentEdit(
    id: string,
    field: ConflictField,
    value: unknown,
    conflict: FieldConflict | null,
    itemId?: string,
  ): void {
    const m = this.requireCard(id);
    this.setSettled(m, field, value, itemId);
    if (!conflict) return;
    let nested = m.get('conflicts');
    if (!(nested instanceof Y.Map)) m.set('conflicts', (nested = new Y.Map<unknown>()));
    const map = nested as Y.Map<unknown>;
    map.set(conflict.id, FieldConflictSchema.parse(conflict));
    const all = this.conflicts(id).sort(
      (a, b) => Number(a.resolvedAt === undefined) - Number(b.resolvedAt === undefined),
    );
    for (const old of all.slice(0, Math.max(0, all.length - MAX_CONFLICTS_PER_CARD))) map.delete(old.id);
  }

  /** A card field, or with `itemId` an item of the card's collection `field` (a goal). */
  private setSettled(m: Y.Map<unknown>, field: ConflictField, value: unknown, itemId?: string): void {
    if (itemId === undefined) return setIfChanged(m, field, value);
    const nested = m.get(field);
    if (nested instanceof Y.Map) setIfChanged(nested as Y.Map<unknown>, itemId, value);
  }

  /**
   * Calls `fn` once after every transaction that changed the board (local or remote).
   * Returns an unsubscribe function.
   */
  onChange(fn: (tx: Y.Transaction) => void): () => void {
    const seen = new WeakSet<Y.Transaction>();
    const handler = (_events: unknown, tx: Y.Transaction) => {
      if (seen.has(tx)) return; // one transaction can touch several of the maps
      seen.add(tx);
      fn(tx);
    };
    const maps = [this.metaMap, this.phasesMap, this.cardsMap] as const;
    for (const map of maps) map.observeDeep(handler);
    return () => {
      for (const map of maps) map.unobserveDeep(handler);
    };
  }

  /**
   * Undo manager that only undoes changes made with the given origin (per-user undo).
   * Origins match by value, so `localOrigin('u1')` created at each call site still counts
   * as the same user (Yjs itself compares origins by identity).
   */
  createUndoManager(origin: TransactionOrigin): Y.UndoManager {
    // The free area too: a note taken down, moved or put up by mistake comes back with Ctrl+Z.
    return new Y.UndoManager([this.cardsMap, freeArea.freeItemsMap(this.doc)], {
      trackedOrigins: new OriginSet([origin]),
      captureTimeout: 400,
    });
  }

  // --- The free area (doc/freeAreaDoc.ts, issue #16) ---------------------------------------

  /** Every valid note, text and stroke, expired ones too (rules/freeArea.ts liveFreeItems filters). */
  freeItems(): FreeItem[] {
    return freeArea.readFreeItems(this.doc);
  }

  freeItem(id: string): FreeItem | null {
    return freeArea.readFreeItem(this.doc, id);
  }

  /** Adds an item (id and time default to new and now); expired ones are swept in passing. */
  addFreeItem(input: NewFreeItem, origin: TransactionOrigin): string {
    return freeArea.addFreeItem(this.doc, input, this.now(), origin);
  }

  updateFreeItem(id: string, patch: FreeItemPatch, origin: TransactionOrigin): void {
    freeArea.updateFreeItem(this.doc, id, patch, origin);
  }

  deleteFreeItem(id: string, origin: TransactionOrigin): void {
    freeArea.deleteFreeItem(this.doc, id, origin);
  }

  onFreeAreaChange(fn: () => void): () => void {
    return freeArea.onFreeAreaChange(this.doc, fn);
  }

  private requireCard(id: string): Y.Map<unknown> {
    const m = this.cardsMap.get(id);
    if (!(m instanceof Y.Map)) throw new DomainError('card_not_found', `Kortet ${id} findes ikke`);
    return m;
  }

  private requirePhase(phaseId: string): void {
    if (!this.readPhases().some((p) => p.id === phaseId)) {
      throw new DomainError('phase_not_found', `Kolonnen ${phaseId} findes ikke`);
    }
  }
}

export class DomainError extends Error {
  constructor(
    readonly code: 'card_not_found' | 'phase_not_found' | 'card_exists' | 'item_not_found' | 'item_exists',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * What a map currently holds, cheaply: its Yjs items and whether each is deleted. A plain
 * value is stored in an immutable item, so an unchanged signature means unchanged values
 * (a nested Y type can change in place, but readers reject those as malformed anyway).
 * Always correct, also inside a transaction, unlike invalidating from observers.
 */
function signature(map: Y.Map<unknown>): unknown[] {
  const sig: unknown[] = [];
  for (const item of map._map.values()) sig.push(item, item.deleted);
  return sig;
}

/** A card's signature: its own items plus those of its nested lifecycle maps. */
function cardSignature(m: Y.Map<unknown>): unknown[] {
  const sig = signature(m);
  for (const key of LIFECYCLE_COLLECTION_KEYS) {
    const nested = m.get(key);
    if (nested instanceof Y.Map) {
      sig.push(nested, nested._map.size, ...signature(nested));
    }
  }
  return sig;
}

function setIfChanged(m: Y.Map<unknown>, key: string, value: unknown): void {
  const current = m.get(key);
  if (current === value) return;
  if (m.has(key) && typeof value === 'object' && !(current instanceof Y.AbstractType)) {
    if (JSON.stringify(current) === JSON.stringify(value)) return;
  }
  m.set(key, value);
}

function sameSignature(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A Set whose `has` also recognises a TransactionOrigin equal in value to a member. */
class OriginSet extends Set<unknown> {
  override has(value: unknown): boolean {
    if (super.has(value)) return true;
    if (!isOrigin(value)) return false;
    const key = originKey(value);
    for (const member of this) if (isOrigin(member) && originKey(member) === key) return true;
    return false;
  }
}

function isOrigin(value: unknown): value is TransactionOrigin {
  return typeof value === 'object' && value !== null && typeof (value as { source?: unknown }).source === 'string';
}

function originKey(o: TransactionOrigin): string {
  switch (o.source) {
    case 'local':
      return `local:${o.userId}`;
    case 'connection':
      return `connection:${o.connectionId}`;
    case 'server':
      return `server:${o.reason}`;
    case 'persistence':
      return 'persistence';
    case 'tidy':
      return 'tidy';
  }
}

function keyedOf(c: Card): { id: string; key: string } {
  return { id: c.id, key: c.position.key };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/**
 * Whether parses made now are kept: set by `readCardRemembering` for the length of one
 * synchronous card read, so the reader's choice need not be passed through every helper.
 */
let keepParses = false;

/** Plain values read in place of the maps' own (map → key → value), for the length of one card read (`cardWith`). */
let overridden: ReadonlyMap<Y.Map<unknown>, ReadonlyMap<string, unknown>> | null = null;

function readCardRemembering(remember: boolean, id: string, m: Y.Map<unknown>, phases: Phase[]): Card {
  const was = keepParses;
  keepParses = remember;
  try {
    return readCard(id, m, phases);
  } finally {
    keepParses = was;
  }
}

/**
 * Reads one card field by field. A raw y-websocket client can write anything, so every
 * field falls back to a safe default rather than dropping the card from view.
 */
function readCard(id: string, m: Y.Map<unknown>, phases: Phase[]): Card {
  const shape = CardFieldsSchema.shape;
  const field = <K extends keyof typeof shape>(k: K, fallback: unknown) =>
    safeOrAt(m, k, shape[k], fallback) as Card[K];
  const pos = parseAt(m, 'position', PositionSchema) ?? FAILED;
  const firstPhase = phases[0]?.id ?? 'henvist';
  // Unknown column → first column; a key the ordering library would refuse → 'a0' (ties
  // are broken by id), so the card stays visible and its column stays sortable.
  const position =
    pos.success && phases.some((p) => p.id === pos.data.phaseId)
      ? { phaseId: pos.data.phaseId, key: isValidOrderKey(pos.data.key) ? pos.data.key : 'a0' }
      : { phaseId: firstPhase, key: 'a0' };
  const entered = parseAt(m, 'phaseEnteredAt', IsoDateSchema) ?? FAILED;
  const values = overridden?.get(m);
  const created = values?.has('createdAt') ? values.get('createdAt') : m.get('createdAt');
  const moved = parseAt(m, 'movedAt', CardSchema.shape.movedAt) ?? FAILED;
  const name = field('name', '(uden navn)');
  return {
    id,
    name,
    initials: field('initials', initialsOf(name)) || initialsOf(name),
    triage: field('triage', CARD_DEFAULTS.triage),
    forlobType: field('forlobType', ''),
    contactPerson: field('contactPerson', ''),
    nextDueDate: field('nextDueDate', null),
    note: field('note', ''),
    position,
    phaseEnteredAt: entered.success ? entered.data : '1970-01-01',
    createdAt: typeof created === 'string' ? created : '',
    ...(moved.success && moved.data !== undefined ? { movedAt: moved.data } : {}),
    lifecycle: readLifecycle(m),
  };
}

// Lenient item schemas for reading: secondary fields fall back instead of dropping the item.
const ReadCompletionSchema = StoredFollowUpCompletionSchema.extend({
  byName: ActorNameSchema.catch(''),
  decisionId: IdSchema.optional().catch(undefined),
});
const ReadDecisionSchema = DecisionSchema.extend({
  reason: DecisionSchema.shape.reason.catch(''),
  byName: ActorNameSchema.catch(''),
  followUpId: DecisionSchema.shape.followUpId.catch(null),
});
const ReadGoalSchema = GoalSchema.extend({
  status: GoalSchema.shape.status.catch('aktiv'),
  createdAt: GoalSchema.shape.createdAt.catch(''),
  updatedAt: GoalSchema.shape.updatedAt.catch(''),
});
const ReadRelativeSchema = RelativeSchema.extend({
  relation: RelativeSchema.shape.relation.catch(''),
  phone: RelativeSchema.shape.phone.catch(''),
  consent: RelativeSchema.shape.consent.catch(false),
  channel: RelativeSchema.shape.channel.catch('sms'),
  goodNews: RelativeSchema.shape.goodNews.catch(false),
});
const ReadRequestSchema = VisitatorRequestSchema.extend({
  byName: ActorNameSchema.catch(''),
  status: VisitatorRequestSchema.shape.status.catch('afventer'),
  decidedBy: VisitatorRequestSchema.shape.decidedBy.catch(null),
  decidedByName: VisitatorRequestSchema.shape.decidedByName.catch(null),
  decidedAt: VisitatorRequestSchema.shape.decidedAt.catch(null),
  decisionNote: VisitatorRequestSchema.shape.decisionNote.catch(''),
});

const ReadDeclineSchema = DeclineSchema.extend({
  byName: ActorNameSchema.catch(''),
  note: DeclineSchema.shape.note.catch(undefined),
});
const ReadOfferLinkSchema = OfferLinkSchema.extend({ byName: ActorNameSchema.catch('') });

const ReadSwapSchema = SwapSchema.extend({
  byName: ActorNameSchema.catch(''),
  note: SwapSchema.shape.note.catch(undefined),
});

const ReadClosureSchema = ClosureSchema.extend({
  byName: ActorNameSchema.catch(''),
  visitatorParticipated: ClosureSchema.shape.visitatorParticipated.catch(false),
  note: ClosureSchema.shape.note.catch(''),
});

type SafeSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

type Parsed<T> = { success: true; data: T } | { success: false };
const FAILED: Parsed<never> = { success: false };
const NullableIsoDate = IsoDateSchema.nullable();
const ReadNullableClosureSchema = ReadClosureSchema.nullable();

/** What one stored plain value parsed to, and through which schema: one object per kept parse. */
type ParsedValue = Parsed<unknown> & { item: Y.Item; schema: unknown };

/**
 * What each stored plain value parsed to. A plain value never changes in place (writing a
 * key makes a new item), so re-reading a card after an edit parses only what the edit
 * wrote instead of every field of the card (the write gate reads every touched card after
 * each update; issue #15). Kept per map and key, for the item that key holds now: keyed by
 * the item, every overwritten value's parse lived on with the item's tombstone, which Yjs
 * keeps for good (the morning peak's heap grew by megabytes a minute with them). Weak: maps
 * go with their doc.
 */
const parsedValues = new WeakMap<object, Map<string, ParsedValue>>();

/** How many parses the cache holds for `map`'s keys (diagnostics, tests): at most one per key. */
export function parsesHeld(map: Y.Map<unknown>): number {
  return parsedValues.get(map)?.size ?? 0;
}

function cachedParse(item: Y.Item): ParsedValue | undefined {
  if (item.parentSub === null) return undefined;
  const hit = parsedValues.get(item.parent as object)?.get(item.parentSub);
  return hit?.item === item ? hit : undefined;
}

function rememberParse(value: ParsedValue): void {
  const { item } = value;
  if (item.parentSub === null) return;
  const parent = item.parent as object;
  let byKey = parsedValues.get(parent);
  if (byKey === undefined) parsedValues.set(parent, (byKey = new Map()));
  byKey.set(item.parentSub, value);
}

/** The item's value through `schema` (undefined when it holds no value), parsed once per item. */
function parseItem<T>(item: Y.Item, schema: SafeSchema<T>): Parsed<T> | undefined {
  // As Y.Map#get reads it.
  const value: unknown = item.content.getContent()[item.length - 1];
  if (value === undefined) return undefined;
  // Only plain values: a nested Y type changes in place.
  const plain = item.content instanceof Y.ContentAny;
  if (plain) {
    const hit = cachedParse(item);
    if (hit !== undefined && hit.schema === schema) return hit as Parsed<T>;
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    if (plain && keepParses) rememberParse({ success: false, item, schema });
    return FAILED;
  }
  const parsed = { success: true as const, data: result.data, item, schema };
  if (plain && keepParses) rememberParse(parsed);
  return parsed;
}

/**
 * Lends the parses of card `id`'s values in `from` to the same values in `to` (the write
 * gate's staging copy, which holds the same items as the live doc until an update lands):
 * reading the card after an update then parses only what the update wrote. Only keys
 * `untouched` accepts, and only items with the same Yjs id: the same id in one doc family
 * is the same stored value. The layout check never reads through this cache.
 *
 * `before`: the card as read from `from` (or as the last accepted update left it there). Its
 * lifecycle collections are lent whole to those collections of `to` that hold the same items:
 * a card's first edit then reads none of its unchanged collections again either.
 */
export function lendCardParses(
  from: Y.Doc,
  to: Y.Doc,
  id: string,
  untouched: (key: string) => boolean,
  before: Card | null = null,
): void {
  const a = from.getMap<unknown>('cards').get(id);
  const b = to.getMap<unknown>('cards').get(id);
  if (!(a instanceof Y.Map) || !(b instanceof Y.Map)) return;
  lendItems(a, b, untouched);
  for (const key of LIFECYCLE_COLLECTION_KEYS) {
    if (!untouched(key)) continue;
    const na = a.get(key);
    const nb = b.get(key);
    if (!(na instanceof Y.Map) || !(nb instanceof Y.Map)) continue;
    lendItems(na, nb, () => true);
    if (before !== null && sameStoredItems(na, nb)) keepCollection(nb, before.lifecycle[key]);
  }
}

/** Whether two copies of a collection hold the same items (by Yjs id) under the same keys. */
function sameStoredItems(a: Y.Map<unknown>, b: Y.Map<unknown>): boolean {
  if (a._map.size !== b._map.size) return false;
  for (const [key, item] of b._map) if (!sameStoredItem(a._map.get(key), item)) return false;
  return true;
}

/** The same stored value in two docs of one family: the same Yjs id, deleted in both or in neither. */
function sameStoredItem(source: Y.Item | undefined, item: Y.Item): source is Y.Item {
  return source !== undefined && source.deleted === item.deleted && Y.compareIDs(source.id, item.id);
}

function lendItems(a: Y.Map<unknown>, b: Y.Map<unknown>, untouched: (key: string) => boolean): void {
  for (const [key, item] of b._map) {
    if (item.deleted || cachedParse(item) !== undefined || !untouched(key)) continue;
    const source = a._map.get(key);
    if (!sameStoredItem(source, item)) continue;
    const lent = cachedParse(source);
    if (lent !== undefined) rememberParse({ ...lent, item });
  }
}

/** `m.get(key)` through `schema`; undefined when the key holds no value. */
function parseAt<T>(m: Y.Map<unknown>, key: string, schema: SafeSchema<T>): Parsed<T> | undefined {
  const values = overridden?.get(m);
  if (values?.has(key)) return parseValue(values.get(key), schema);
  const item = m._map.get(key);
  return item === undefined || item.deleted ? undefined : parseItem(item, schema);
}

function safeOrAt<T>(m: Y.Map<unknown>, key: string, schema: SafeSchema<T>, fallback: T): T {
  // A missing key is the common case on older cards.
  const parsed = parseAt(m, key, schema);
  return parsed?.success ? parsed.data : fallback;
}

/** A nested collection as last read, with the signature (`signature`) its items had then. */
interface CollectionRead {
  sig: unknown[];
  value: unknown;
}

/**
 * Nested collections as last read, kept like parses (only by readers that remember): while
 * a collection's keys hold the same items, it reads as the same (frozen) value. An edit of
 * one field of a card then re-reads no collection of it, and the audit diff, which compares
 * collections by identity first, skips them (issue #15: a tenth of what an edit allocated
 * at the morning peak was re-reading and re-sorting the card's unchanged collections).
 */
const collectionReads = new WeakMap<Y.Map<unknown>, CollectionRead>();

function readCollection<V>(nested: Y.Map<unknown>, read: () => V): V {
  // Read as `cardWith`'s values leave it: not the collection as stored, so not kept either.
  if (overridden?.has(nested)) return read();
  const sig = signature(nested);
  const hit = collectionReads.get(nested);
  if (hit !== undefined && sameSignature(hit.sig, sig)) return hit.value as V;
  const value = read();
  if (keepParses) collectionReads.set(nested, { sig, value });
  return value;
}

/** Keeps `value` as `nested`'s read while its keys hold the items they hold now. */
function keepCollection(nested: Y.Map<unknown>, value: unknown): void {
  const sig = signature(nested);
  const kept = collectionReads.get(nested);
  if (kept === undefined || !sameSignature(kept.sig, sig)) collectionReads.set(nested, { sig, value });
}

/** Valid items of a nested collection whose id matches their key, in `order`; garbage is skipped. */
function readItems<T extends { id: string }>(
  m: Y.Map<unknown>,
  key: LifecycleCollectionKey,
  schema: SafeSchema<T>,
  order: (t: T) => string,
): T[] {
  const nested = m.get(key);
  if (!(nested instanceof Y.Map)) return [];
  return readCollection(nested, () => {
    const out: T[] = [];
    eachParsed(nested, schema, (k, parsed) => {
      if (parsed.success && parsed.data.id === k) out.push(parsed.data);
    });
    return out.sort(byThenId(order));
  });
}

/**
 * Calls `each` with a collection's present entries, each parsed through `schema` once per
 * stored item, in the map's order; with `cardWith`'s values for this map set in (a replaced
 * key keeps its place, a new key comes last, as Y.Map orders them). A callback, not a list:
 * reading every card of a big board reads every collection.
 */
function eachParsed<T>(
  nested: Y.Map<unknown>,
  schema: SafeSchema<T>,
  each: (key: string, parsed: Parsed<T>) => void,
): void {
  const values = overridden?.get(nested);
  for (const [k, item] of nested._map) {
    if (values?.has(k)) each(k, parseValue(values.get(k), schema) ?? FAILED);
    else if (!item.deleted) each(k, parseItem(item, schema) ?? FAILED);
  }
  for (const [k, value] of values ?? []) if (!nested._map.has(k)) each(k, parseValue(value, schema) ?? FAILED);
}

/** A value not stored yet (`cardWith`): parsed, never kept (it has no item to be kept for). */
function parseValue<T>(value: unknown, schema: SafeSchema<T>): Parsed<T> | undefined {
  return value === undefined ? undefined : schema.safeParse(value);
}

const byThenId =
  <T extends { id: string }>(key: (t: T) => string) =>
  (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

function readFollowUps(nested: Y.Map<unknown>): Record<string, StoredFollowUpCompletion> {
  const followUps: Record<string, StoredFollowUpCompletion> = {};
  eachParsed(nested, ReadCompletionSchema, (k, parsed) => {
    if (!parsed.success || !FollowUpIdSchema.safeParse(k).success) return;
    const c: StoredFollowUpCompletion = { date: parsed.data.date, by: parsed.data.by, byName: parsed.data.byName };
    if (parsed.data.decisionId !== undefined) c.decisionId = parsed.data.decisionId;
    followUps[k] = c;
  });
  return followUps;
}

/** Reads the lifecycle field by field; the result is frozen (it is shared by cached reads). */
function readLifecycle(m: Y.Map<unknown>): CardLifecycle {
  const shape = LifecycleScalarsSchema.shape;
  const d = LIFECYCLE_DEFAULTS;
  const nested = m.get('followUps');
  const followUps = nested instanceof Y.Map ? readCollection(nested, () => readFollowUps(nested)) : {};
  return deepFreeze({
    visitationDate: safeOrAt(m, 'visitationDate', shape.visitationDate, d.visitationDate),
    startDate: safeOrAt(m, 'startDate', shape.startDate, d.startDate),
    cadenceTemplateId: safeOrAt(m, 'cadenceTemplateId', shape.cadenceTemplateId, d.cadenceTemplateId),
    forlobTypeId: safeOrAt(m, 'forlobTypeId', shape.forlobTypeId, d.forlobTypeId),
    legalBasis: safeOrAt(m, 'legalBasis', shape.legalBasis, d.legalBasis),
    weeklyHours: safeOrAt(m, 'weeklyHours', shape.weeklyHours, d.weeklyHours),
    externalRef: safeOrAt(m, 'externalRef', shape.externalRef, d.externalRef),
    secondaryContact: safeOrAt(m, 'secondaryContact', shape.secondaryContact, d.secondaryContact),
    temporaryChange: safeOrAt(m, 'temporaryChange', shape.temporaryChange, null),
    opstart: {
      plannedDate: safeOrAt(m, OPSTART_KEYS.plannedDate, NullableIsoDate, null),
      participants: safeOrAt(m, OPSTART_KEYS.participants, OpstartParticipantsSchema, []),
      heldOn: safeOrAt(m, OPSTART_KEYS.heldOn, NullableIsoDate, null),
      note: safeOrAt(m, OPSTART_KEYS.note, OpstartSchema.shape.note, ''),
    },
    followUps,
    decisions: readItems(m, 'decisions', ReadDecisionSchema, (x) => x.at),
    goals: readItems(m, 'goals', ReadGoalSchema, (x) => x.createdAt),
    relatives: readItems(m, 'relatives', ReadRelativeSchema, (x) => x.name),
    requests: readItems(m, 'requests', ReadRequestSchema, (x) => x.at),
    swaps: readItems(m, 'swaps', ReadSwapSchema, (x) => x.at),
    swapSuitable: safeOrAt(m, 'swapSuitable', shape.swapSuitable, d.swapSuitable),
    swapReason: safeOrAt(m, 'swapReason', shape.swapReason, d.swapReason),
    discharge: safeOrAt(m, 'discharge', shape.discharge, null),
    declines: readItems(m, 'declines', ReadDeclineSchema, (x) => x.at),
    offerLinks: readItems(m, 'offerLinks', ReadOfferLinkSchema, (x) => x.at),
    closure: safeOrAt(m, 'closure', ReadNullableClosureSchema, null),
  });
}
