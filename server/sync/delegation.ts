import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { Card } from '../../shared/model/card.js';
import { LIFECYCLE_COLLECTION_KEYS } from '../../shared/model/lifecycle.js';
import type { Phase } from '../../shared/model/phase.js';
import type { Role, SessionUser } from '../../shared/model/user.js';
import {
  forbiddenOperations,
  protectedOperations,
  type DelegationMatrix,
  type Operation,
} from '../../shared/rules/delegation.js';
import type { RejectedOperation } from '../../shared/protocol/events.js';
import type { Logger } from '../logging.js';
import type { BoardPeer, CommitServerChange, UpdateGuard } from './board.js';

/** What the guard reports when it reverted something (for the audit log and the notice). */
export type RejectedOp = RejectedOperation;

export interface Rejection {
  userId: string;
  role: Role;
  cardId: string;
  ops: RejectedOp[];
  /** Card keys (or `requests.<id>`) restored; never values, so no citizen data. */
  restored: string[];
  /** The card the role may not create was removed again. */
  removed: boolean;
}

export interface DelegationGuardDeps {
  /** The municipality's matrix now (read on demand, so a changed setting applies at once). */
  matrix(): Promise<DelegationMatrix>;
  /** Called after a revert is stored and applied. */
  onRejected(rejection: Rejection): void;
  /**
   * Called after every peer update (and its revert, if any) with the cards it touched,
   * before → after, inside the board's queue: the audit log's source.
   */
  onApplied?(user: SessionUser, changes: CardChange[], phases: Phase[]): Promise<void>;
  log: Logger;
}

/** One card touched by a peer's update (null: the card did not / no longer exists). */
export interface CardChange {
  cardId: string;
  before: Card | null;
  after: Card | null;
}

export const REVERT_ORIGIN: TransactionOrigin = { source: 'server', reason: 'revert' };

/** Roles that decide requests (anmodninger) to the visitator. */
const DECIDERS: ReadonlySet<Role> = new Set<Role>(['visitator', 'administrator']);

/** The Y.Map keys each protected operation is about; only the ones a change touched are restored. */
const FIELDS: Readonly<Record<Operation, readonly string[]>> = {
  create: ['closure', 'position', 'phaseEnteredAt'],
  close: ['closure', 'position', 'phaseEnteredAt'],
  adjustUp: ['weeklyHours'],
  adjustDown: ['weeklyHours'],
  changeType: ['forlobTypeId', 'forlobType', 'legalBasis'],
};

/** The fields of a request that only a decider may change. */
const DECISION_FIELDS = ['status', 'decidedBy', 'decidedByName', 'decidedAt', 'decisionNote'] as const;

const COLLECTIONS: ReadonlySet<string> = new Set(LIFECYCLE_COLLECTION_KEYS);

interface Seen {
  card: Card;
  /** `Y.Map.toJSON()` of the card: the exact stored values, to restore from. */
  raw: Record<string, unknown>;
}

/**
 * Server-side enforcement of the municipality's delegation matrix (digest R14) and of who
 * decides requests (R15). It keeps the last known state of every card; for each peer
 * update it compares the cards that update touched (before → after), and for operations
 * the peer's role may not do it writes a compensating server change that restores the
 * touched protected keys to their values from just before the update. Keys the update
 * did not change are never written, so concurrent edits of other fields by others stay.
 */
export class DelegationGuard implements UpdateGuard {
  private readonly board: BoardDoc;
  private readonly known = new Map<string, Seen>();
  private watching: unknown = null;
  private touched = new Map<string, Seen | null>();
  private readonly unobserve: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly deps: DelegationGuardDeps,
  ) {
    this.board = new BoardDoc(doc);
    for (const [id, m] of this.board.cardsMap.entries()) this.remember(id, m);
    const cards = this.board.cardsMap;
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => this.onCards(events, tx);
    cards.observeDeep(handler);
    this.unobserve = () => cards.unobserveDeep(handler);
  }

  beforePeerUpdate(from: BoardPeer): void {
    this.watching = from.origin;
    this.touched = new Map();
  }

  async afterPeerUpdate(from: BoardPeer, commit: CommitServerChange): Promise<void> {
    this.watching = null;
    const touched = this.touched;
    this.touched = new Map();
    const user = from.user;
    if (!user || touched.size === 0) return;
    await this.enforce(user, touched, commit);
    if (!this.deps.onApplied) return;
    // After the revert: what the update left on the board, as everyone now sees it.
    const changes = [...touched].map(([cardId, before]) => ({
      cardId,
      before: before?.card ?? null,
      after: this.known.get(cardId)?.card ?? null,
    }));
    await this.deps.onApplied(user, changes, this.board.phases());
  }

  private async enforce(user: SessionUser, touched: Map<string, Seen | null>, commit: CommitServerChange) {
    const phases = this.board.phases();
    const candidates: { id: string; before: Seen | null; after: Seen | null; ops: Operation[] }[] = [];
    for (const [id, before] of touched) {
      const after = this.known.get(id) ?? null;
      const ops = protectedOperations(before?.card ?? null, after?.card ?? null, phases);
      const decides = !DECIDERS.has(user.role) && changedDecisions(before, after).length > 0;
      if (ops.length > 0 || decides) candidates.push({ id, before, after, ops });
    }
    if (candidates.length === 0) return;

    const matrix = await this.deps.matrix();
    const plans: Plan[] = [];
    for (const c of candidates) {
      const forbidden = forbiddenOperations(matrix, user.role, c.ops);
      const decisions = DECIDERS.has(user.role) ? [] : changedDecisions(c.before, c.after);
      if (forbidden.length === 0 && decisions.length === 0) continue;
      plans.push(planRevert(c.id, c.before, c.after, forbidden, decisions));
    }
    if (plans.length === 0) return;

    const stored = await commit((staging) => {
      const cards = staging.getMap<Y.Map<unknown>>('cards');
      for (const plan of plans) applyPlan(cards, plan);
    }, REVERT_ORIGIN);
    if (!stored) return;
    for (const plan of plans) {
      this.deps.onRejected({
        userId: user.id,
        role: user.role,
        cardId: plan.cardId,
        ops: plan.ops,
        restored: plan.restoredKeys,
        removed: plan.remove,
      });
    }
  }

  dispose(): void {
    this.unobserve();
    this.known.clear();
  }

  private onCards(events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction): void {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.path.length === 0) {
        if (!(event instanceof Y.YMapEvent)) continue;
        for (const key of event.keysChanged) if (typeof key === 'string') ids.add(key);
      } else if (typeof event.path[0] === 'string') {
        ids.add(event.path[0]);
      }
    }
    const mine = this.watching !== null && tx.origin === this.watching;
    for (const id of ids) {
      if (mine && !this.touched.has(id)) this.touched.set(id, this.known.get(id) ?? null);
      const m = this.board.cardsMap.get(id);
      if (m instanceof Y.Map) this.remember(id, m);
      else this.known.delete(id);
    }
  }

  private remember(id: string, m: Y.Map<unknown>): void {
    if (!(m instanceof Y.Map)) return;
    const card = this.board.card(id);
    if (card) this.known.set(id, { card, raw: m.toJSON() as Record<string, unknown> });
  }
}

interface Plan {
  cardId: string;
  ops: RejectedOp[];
  /** Delete the card (a create the role may not do). */
  remove: boolean;
  /** Re-create the card from these stored values (a delete the role may not do). */
  recreate: Record<string, unknown> | null;
  /** Top-level keys → value to restore (undefined: the key did not exist). */
  restore: Map<string, unknown>;
  /** Request id → stored value to restore (undefined: remove the request). */
  requests: Map<string, unknown>;
  restoredKeys: string[];
}

function planRevert(
  cardId: string,
  before: Seen | null,
  after: Seen | null,
  forbidden: Operation[],
  decisions: string[],
): Plan {
  const ops: RejectedOp[] = [...forbidden];
  if (decisions.length > 0) ops.push('decideRequest');
  const plan: Plan = {
    cardId,
    ops,
    remove: false,
    recreate: null,
    restore: new Map(),
    requests: new Map(),
    restoredKeys: [],
  };
  if (before === null) {
    // A card that may not appear (or not appear like that) is removed again.
    plan.remove = after !== null;
    return plan;
  }
  if (after === null) {
    if (forbidden.includes('close')) plan.recreate = before.raw;
    plan.restoredKeys = plan.recreate ? ['*'] : [];
    return plan;
  }
  for (const op of forbidden) {
    for (const key of FIELDS[op]) {
      if (!sameJson(before.raw[key], after.raw[key])) plan.restore.set(key, before.raw[key]);
    }
  }
  const beforeReqs = asRecord(before.raw.requests);
  for (const id of decisions) {
    const prior = beforeReqs[id];
    // A request added already decided goes back to "awaiting the visitator".
    plan.requests.set(id, prior === undefined ? undecided(asRecord(asRecord(after.raw.requests)[id])) : prior);
  }
  plan.restoredKeys = [...plan.restore.keys(), ...[...plan.requests.keys()].map((id) => `requests.${id}`)];
  return plan;
}

function applyPlan(cards: Y.Map<Y.Map<unknown>>, plan: Plan): void {
  if (plan.remove) {
    cards.delete(plan.cardId);
    return;
  }
  if (plan.recreate) {
    cards.set(plan.cardId, toYMap(plan.recreate));
    return;
  }
  const m = cards.get(plan.cardId);
  if (!(m instanceof Y.Map)) return;
  for (const [key, value] of plan.restore) {
    if (value === undefined) m.delete(key);
    else m.set(key, COLLECTIONS.has(key) ? toYMap(asRecord(value)) : value);
  }
  if (plan.requests.size > 0) {
    let requests = m.get('requests');
    if (!(requests instanceof Y.Map)) {
      requests = new Y.Map<unknown>();
      m.set('requests', requests);
    }
    for (const [id, value] of plan.requests) {
      if (value === undefined) (requests as Y.Map<unknown>).delete(id);
      else (requests as Y.Map<unknown>).set(id, value);
    }
  }
}

/** Request ids whose decision fields changed, or that appeared already decided, or vanished. */
function changedDecisions(before: Seen | null, after: Seen | null): string[] {
  if (!after) return [];
  const b = asRecord(before?.raw.requests);
  const a = asRecord(after.raw.requests);
  const out: string[] = [];
  for (const [id, value] of Object.entries(a)) {
    const prior = b[id];
    const now = asRecord(value);
    if (prior === undefined) {
      if (now.status !== undefined && now.status !== 'afventer') out.push(id);
      continue;
    }
    const was = asRecord(prior);
    if (DECISION_FIELDS.some((f) => !sameJson(was[f], now[f]))) out.push(id);
  }
  for (const id of Object.keys(b)) if (!(id in a)) out.push(id);
  return out;
}

function undecided(request: Record<string, unknown>): Record<string, unknown> {
  return { ...request, status: 'afventer', decidedBy: null, decidedByName: null, decidedAt: null, decisionNote: '' };
}

/** A card (or collection) as stored: nested collections are Y.Maps, the rest plain values. */
function toYMap(values: Record<string, unknown>, depth = 0): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    m.set(key, depth === 0 && COLLECTIONS.has(key) ? toYMap(asRecord(value), 1) : value);
  }
  return m;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Danish notice for the person whose change was reverted. */
export function rejectionMessage(op: RejectedOp): string {
  switch (op) {
    case 'create':
      return 'Du har ikke ret til at oprette forløb. Send en anmodning til visitator.';
    case 'adjustUp':
      return 'Du har ikke ret til at give mere tid. Send en anmodning om mere tid til visitator.';
    case 'adjustDown':
      return 'Du har ikke ret til at sætte tiden ned. Send en anmodning til visitator.';
    case 'close':
      return 'Du har ikke ret til at afslutte forløbet. Send en anmodning til visitator.';
    case 'changeType':
      return 'Du har ikke ret til at skifte forløbstype. Send en anmodning til visitator.';
    case 'decideRequest':
      return 'Kun visitator kan godkende eller afvise anmodninger.';
  }
}
