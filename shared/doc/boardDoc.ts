import * as Y from 'yjs';
import { BoardMetaSchema, type BoardInit, type BoardMeta } from '../model/board.js';
import {
  CARD_DEFAULTS,
  CardFieldsSchema,
  CardPatchSchema,
  NewCardSchema,
  PositionSchema,
  initialsOf,
  type Card,
  type CardPatch,
  type NewCard,
  type Position,
} from '../model/card.js';
import { IsoDateSchema, newId } from '../model/ids.js';
import { PhaseSchema, type Phase } from '../model/phase.js';
import { compareKeyed, keyForIndex } from '../rules/ordering.js';
import { toIsoDate } from '../rules/dates.js';
import type { TransactionOrigin } from './origins.js';

/**
 * Typed domain API over one board's Y.Doc: the only code that touches Y.Map.
 *
 * Layout (see docs/protocol.md):
 *   doc.getMap('meta')    id, teamId, name, epoch            plain values
 *   doc.getMap('phases')  phaseId → Phase                    plain JSON values
 *   doc.getMap('cards')   cardId  → Y.Map of card fields     one key per field
 * A card's place is the single value `position` ({phaseId, key}) so two people moving
 * the same card concurrently end in one agreed place (last writer wins on one key).
 */
export class BoardDoc {
  readonly doc: Y.Doc;
  private readonly now: () => Date;

  constructor(doc: Y.Doc = new Y.Doc(), opts: { now?: () => Date } = {}) {
    this.doc = doc;
    this.now = opts.now ?? (() => new Date());
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

  /** Writes meta and phases of a new board. Idempotent for the same init. */
  initialize(init: BoardInit, origin: TransactionOrigin = { source: 'server', reason: 'seed' }): void {
    this.doc.transact(() => {
      this.metaMap.set('id', init.id);
      this.metaMap.set('teamId', init.teamId);
      this.metaMap.set('name', init.name);
      if (!this.metaMap.has('epoch')) this.metaMap.set('epoch', 0);
      for (const p of init.phases) this.phasesMap.set(p.id, PhaseSchema.parse(p));
    }, origin);
  }

  meta(): BoardMeta | null {
    const parsed = BoardMetaSchema.safeParse(this.metaMap.toJSON());
    return parsed.success ? parsed.data : null;
  }

  /** Columns in display order; malformed entries (e.g. from a rogue client) are skipped. */
  phases(): Phase[] {
    const out: Phase[] = [];
    for (const value of this.phasesMap.values()) {
      const parsed = PhaseSchema.safeParse(value);
      if (parsed.success) out.push(parsed.data);
    }
    return out.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  }

  hasCard(id: string): boolean {
    return this.cardsMap.get(id) instanceof Y.Map;
  }

  card(id: string): Card | null {
    const m = this.cardsMap.get(id);
    return m instanceof Y.Map ? readCard(id, m, this.phases()) : null;
  }

  /** All cards, each field validated with a safe fallback so one bad value never hides a citizen. */
  cards(): Card[] {
    const phases = this.phases();
    const out: Card[] = [];
    for (const [id, m] of this.cardsMap.entries()) {
      if (m instanceof Y.Map) out.push(readCard(id, m, phases));
    }
    return out;
  }

  /** Cards of one column in display order. */
  column(phaseId: string): Card[] {
    return this.cards()
      .filter((c) => c.position.phaseId === phaseId)
      .sort((a, b) => compareKeyed(keyedOf(a), keyedOf(b)));
  }

  createCard(input: NewCard, origin: TransactionOrigin, id: string = newId('c')): string {
    const data = NewCardSchema.parse(input);
    this.requirePhase(data.phaseId);
    const siblings = this.column(data.phaseId).map(keyedOf);
    const fields = { ...CARD_DEFAULTS, ...stripUndefined(data) };
    if (!fields.initials) fields.initials = initialsOf(fields.name);
    const today = toIsoDate(this.now());
    this.doc.transact(() => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(fields)) if (k !== 'phaseId') m.set(k, v);
      m.set('position', { phaseId: data.phaseId, key: keyForIndex(siblings, siblings.length) });
      m.set('phaseEnteredAt', today);
      m.set('createdAt', this.now().toISOString());
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

  /** Moves a card to `index` within `phaseId` (index counted without the card itself). */
  moveCard(id: string, phaseId: string, index: number, origin: TransactionOrigin): void {
    const m = this.requireCard(id);
    this.requirePhase(phaseId);
    const siblings = this.column(phaseId)
      .filter((c) => c.id !== id)
      .map(keyedOf);
    this.placeCard(m, { phaseId, key: keyForIndex(siblings, index) }, origin);
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
        card.set('phaseEnteredAt', toIsoDate(this.now()));
      }
    }, origin);
  }

  deleteCard(id: string, origin: TransactionOrigin): void {
    this.requireCard(id);
    this.doc.transact(() => this.cardsMap.delete(id), origin);
  }

  /** Calls `fn` after every change (local or remote). Returns an unsubscribe function. */
  onChange(fn: (tx: Y.Transaction) => void): () => void {
    const handler = (_events: unknown, tx: Y.Transaction) => fn(tx);
    const maps = [this.metaMap, this.phasesMap, this.cardsMap] as const;
    for (const map of maps) map.observeDeep(handler);
    return () => {
      for (const map of maps) map.unobserveDeep(handler);
    };
  }

  /** Undo manager that only undoes changes made with the given origin (per-user undo). */
  createUndoManager(origin: TransactionOrigin): Y.UndoManager {
    return new Y.UndoManager([this.cardsMap], { trackedOrigins: new Set([origin]), captureTimeout: 400 });
  }

  private requireCard(id: string): Y.Map<unknown> {
    const m = this.cardsMap.get(id);
    if (!(m instanceof Y.Map)) throw new DomainError('card_not_found', `Kortet ${id} findes ikke`);
    return m;
  }

  private requirePhase(phaseId: string): void {
    if (!this.phases().some((p) => p.id === phaseId)) {
      throw new DomainError('phase_not_found', `Kolonnen ${phaseId} findes ikke`);
    }
  }
}

export class DomainError extends Error {
  constructor(
    readonly code: 'card_not_found' | 'phase_not_found',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

function keyedOf(c: Card): { id: string; key: string } {
  return { id: c.id, key: c.position.key };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/**
 * Reads one card field by field. A raw y-websocket client can write anything, so every
 * field falls back to a safe default rather than dropping the card from view.
 */
function readCard(id: string, m: Y.Map<unknown>, phases: Phase[]): Card {
  const shape = CardFieldsSchema.shape;
  const field = <K extends keyof typeof shape>(k: K, fallback: unknown) => {
    const parsed = shape[k].safeParse(m.get(k));
    return (parsed.success ? parsed.data : fallback) as Card[K];
  };
  const pos = PositionSchema.safeParse(m.get('position'));
  const firstPhase = phases[0]?.id ?? 'henvist';
  const position =
    pos.success && phases.some((p) => p.id === pos.data.phaseId) ? pos.data : { phaseId: firstPhase, key: 'a0' };
  const entered = IsoDateSchema.safeParse(m.get('phaseEnteredAt'));
  const created = m.get('createdAt');
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
  };
}
