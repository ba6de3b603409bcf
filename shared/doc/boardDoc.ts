import * as Y from 'yjs';
import { BoardInitSchema, BoardMetaSchema, type BoardInit, type BoardMeta } from '../model/board.js';
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
import { IdSchema, IsoDateSchema, newId } from '../model/ids.js';
import { PhaseSchema, type Phase } from '../model/phase.js';
import { compareKeyed, isValidOrderKey, keyForIndex } from '../rules/ordering.js';
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
  /** Parsed phases and cards, reused while their Yjs items are unchanged (see `signature`). */
  private phasesMemo: { sig: unknown[]; phases: Phase[] } | null = null;
  private readonly cardMemo = new WeakMap<Y.Map<unknown>, { sig: unknown[]; phases: Phase[]; card: Card }>();

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
    const sig = signature(m);
    const memo = this.cardMemo.get(m);
    if (memo && memo.phases === phases && memo.card.id === id && sameSignature(memo.sig, sig)) {
      return { ...memo.card, position: { ...memo.card.position } };
    }
    const card = readCard(id, m, phases);
    this.cardMemo.set(m, { sig, phases, card });
    return { ...card, position: { ...card.position } };
  }

  hasCard(id: string): boolean {
    return this.cardsMap.get(id) instanceof Y.Map;
  }

  card(id: string): Card | null {
    const m = this.cardsMap.get(id);
    return m instanceof Y.Map ? this.readCardCached(id, m, this.readPhases()) : null;
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
   * writes the whole card in one transaction.
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
        card.set('phaseEnteredAt', toIsoDate(this.now()));
      }
    }, origin);
  }

  deleteCard(id: string, origin: TransactionOrigin): void {
    this.requireCard(id);
    this.doc.transact(() => this.cardsMap.delete(id), origin);
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
    return new Y.UndoManager([this.cardsMap], { trackedOrigins: new OriginSet([origin]), captureTimeout: 400 });
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
    readonly code: 'card_not_found' | 'phase_not_found' | 'card_exists',
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
  // Unknown column → first column; a key the ordering library would refuse → 'a0' (ties
  // are broken by id), so the card stays visible and its column stays sortable.
  const position =
    pos.success && phases.some((p) => p.id === pos.data.phaseId)
      ? { phaseId: pos.data.phaseId, key: isValidOrderKey(pos.data.key) ? pos.data.key : 'a0' }
      : { phaseId: firstPhase, key: 'a0' };
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
