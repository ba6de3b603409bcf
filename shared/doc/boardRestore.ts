import * as Y from 'yjs';
import type { BoardMeta } from '../model/board.js';
import type { Card } from '../model/card.js';
import { MAX_FREE_ITEMS, type FreeItem } from '../model/freeArea.js';
import { LIFECYCLE_COLLECTION_KEYS, OPSTART_KEYS, type LifecycleCollectionKey } from '../model/lifecycle.js';
import type { Phase } from '../model/phase.js';

/**
 * Restoring a board to a past state (docs/operations.md "History and restore"). The past
 * board is read through BoardDoc's parsers (so only schema-valid values come back) and
 * written into the live doc as ordinary new values: a restore never merges old Yjs items, so
 * it is one more change every client receives, and it works across an epoch rebuild.
 * `BoardDoc.restoreFrom` is the entry point; this file holds its layout-aware helpers.
 */

/** A board as read through BoardDoc (the past one, or the live one before the restore). */
export interface BoardState {
  meta: BoardMeta | null;
  /** The board's cadence template when set (meta `cadenceTemplateId`). */
  cadenceTemplateId: string | null;
  phases: Phase[];
  cards: Card[];
  /** The free area's messages (BoardDoc.restoreFrom gives a past board's unexpired ones, oldest first). */
  freeItems: FreeItem[];
}

export interface RestoreOptions {
  /** Restore only these cards (ids of the past board); phases and meta then only as needed. */
  cardIds?: readonly string[];
  /** "Fjern kort oprettet senere": delete cards that did not exist at the time (full restore only). */
  removeLater?: boolean;
}

export interface RestoreResult {
  /** Cards that were gone and are written again. */
  recreated: string[];
  /** Cards whose fields were set back. */
  changed: string[];
  /** Cards created after the time, deleted because `removeLater` was asked for. */
  removed: string[];
  /** Columns written back. */
  phases: string[];
  /** Whether any board setting (name, ids, cadence template) was written back. */
  meta: boolean;
  /**
   * Messages of the free area written back (taken down since, or moved or edited since):
   * a full restore only, and only those not expired now. Messages put up later stay.
   */
  freeItems: string[];
}

/** How the live board differs from a past one, card by card (ids sorted). */
export interface BoardDiff {
  /** On the past board, gone now. */
  missing: string[];
  /** On both, with different values. */
  changed: string[];
  /** Created after the time (not on the past board). */
  later: string[];
  unchanged: number;
}

/** The maps a restore writes (BoardDoc passes its own). */
export interface RestoreTarget {
  meta: Y.Map<unknown>;
  phases: Y.Map<unknown>;
  cards: Y.Map<Y.Map<unknown>>;
  freeItems: Y.Map<unknown>;
}

/** A card as it is laid out in its Y.Map: flat keys, and the nested collections by item id. */
interface StoredCard {
  fields: Record<string, unknown>;
  collections: Record<LifecycleCollectionKey, Record<string, unknown>>;
}

/** Plain, unfrozen JSON (parsed lifecycle values are deep-frozen and shared by the reader's cache). */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function storedCard(card: Card): StoredCard {
  const l = card.lifecycle;
  const fields: Record<string, unknown> = {
    name: card.name,
    initials: card.initials,
    triage: card.triage,
    forlobType: card.forlobType,
    contactPerson: card.contactPerson,
    nextDueDate: card.nextDueDate,
    note: card.note,
    position: card.position,
    phaseEnteredAt: card.phaseEnteredAt,
    createdAt: card.createdAt,
    visitationDate: l.visitationDate,
    startDate: l.startDate,
    cadenceTemplateId: l.cadenceTemplateId,
    forlobTypeId: l.forlobTypeId,
    legalBasis: l.legalBasis,
    weeklyHours: l.weeklyHours,
    externalRef: l.externalRef,
    secondaryContact: l.secondaryContact,
    temporaryChange: l.temporaryChange,
    swapSuitable: l.swapSuitable,
    swapReason: l.swapReason,
    discharge: l.discharge,
    [OPSTART_KEYS.plannedDate]: l.opstart.plannedDate,
    [OPSTART_KEYS.participants]: l.opstart.participants,
    [OPSTART_KEYS.heldOn]: l.opstart.heldOn,
    [OPSTART_KEYS.note]: l.opstart.note,
    closure: l.closure,
  };
  const byId = (items: readonly { id: string }[]) => Object.fromEntries(items.map((i) => [i.id, i]));
  return plain({
    fields,
    collections: {
      followUps: { ...l.followUps },
      decisions: byId(l.decisions),
      goals: byId(l.goals),
      relatives: byId(l.relatives),
      requests: byId(l.requests),
      swaps: byId(l.swaps),
      declines: byId(l.declines),
      offerLinks: byId(l.offerLinks),
    },
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The card's fields (and collections) whose value differs between the two readings. */
export function changedFields(past: Card, live: Card): string[] {
  const a = storedCard(past);
  const b = storedCard(live);
  const out = Object.keys(a.fields).filter((k) => !same(a.fields[k], b.fields[k]));
  for (const k of LIFECYCLE_COLLECTION_KEYS) if (!same(a.collections[k], b.collections[k])) out.push(k);
  return out;
}

export function diffBoards(past: readonly Card[], live: readonly Card[]): BoardDiff {
  const liveById = new Map(live.map((c) => [c.id, c]));
  const pastIds = new Set(past.map((c) => c.id));
  const diff: BoardDiff = { missing: [], changed: [], later: [], unchanged: 0 };
  for (const card of past) {
    const now = liveById.get(card.id);
    if (!now) diff.missing.push(card.id);
    else if (changedFields(card, now).length > 0) diff.changed.push(card.id);
    else diff.unchanged++;
  }
  diff.later = live.filter((c) => !pastIds.has(c.id)).map((c) => c.id);
  for (const list of [diff.missing, diff.changed, diff.later]) list.sort();
  return diff;
}

function fillCollection(map: Y.Map<unknown>, items: Record<string, unknown>): boolean {
  let wrote = false;
  for (const [id, item] of Object.entries(items)) {
    if (!same(map.get(id), item)) {
      map.set(id, item);
      wrote = true;
    }
  }
  for (const id of [...map.keys()]) {
    if (!(id in items)) {
      map.delete(id);
      wrote = true;
    }
  }
  return wrote;
}

/**
 * Writes one past card into the live cards map; true when anything was written. `now` is the
 * live card as read: a key is written only where the readings differ, so a restore of an
 * unchanged card writes nothing (the reader's defaults are not written as changes).
 */
function writeCard(cards: Y.Map<Y.Map<unknown>>, card: Card, now: Card | undefined): boolean {
  const { fields, collections } = storedCard(card);
  const current = cards.get(card.id);
  if (!(current instanceof Y.Map) || !now) {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) m.set(k, v);
    for (const key of LIFECYCLE_COLLECTION_KEYS) {
      const nested = new Y.Map<unknown>();
      for (const [id, item] of Object.entries(collections[key])) nested.set(id, item);
      m.set(key, nested);
    }
    cards.set(card.id, m);
    return true;
  }
  let wrote = false;
  const live = storedCard(now);
  for (const [k, v] of Object.entries(fields)) {
    if (!same(live.fields[k], v)) {
      current.set(k, v);
      wrote = true;
    }
  }
  for (const key of LIFECYCLE_COLLECTION_KEYS) {
    const nested = current.get(key);
    if (same(live.collections[key], collections[key])) continue;
    if (nested instanceof Y.Map) {
      if (fillCollection(nested, collections[key])) wrote = true;
    } else {
      const fresh = new Y.Map<unknown>();
      current.set(key, fresh);
      fillCollection(fresh, collections[key]);
      wrote = true;
    }
  }
  return wrote;
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): boolean {
  if (map.has(key) && same(map.get(key), value)) return false;
  map.set(key, plain(value));
  return true;
}

/**
 * Writes `past` into `target` (call inside a transaction). Full restore: meta (never the
 * epoch: the live doc's lineage stays), every past column, every past card; later cards stay
 * unless `removeLater`. Later columns always stay (a card may sit in one). Selected cards:
 * only those, plus any column they need that is gone.
 */
export function writeRestore(
  target: RestoreTarget,
  past: BoardState,
  live: BoardState,
  opts: RestoreOptions,
): RestoreResult {
  const result: RestoreResult = { recreated: [], changed: [], removed: [], phases: [], meta: false, freeItems: [] };
  const selected = opts.cardIds ? new Set(opts.cardIds) : null;
  const cards = past.cards.filter((c) => !selected || selected.has(c.id));
  const neededPhases = new Set(cards.map((c) => c.position.phaseId));

  if (!selected && past.meta) {
    const m = past.meta;
    for (const [k, v] of [
      ['id', m.id],
      ['teamId', m.teamId],
      ['name', m.name],
    ] as const) {
      if (setIfChanged(target.meta, k, v)) result.meta = true;
    }
    // The live epoch stays; only a wiped one is put back (from the live reading, else the past).
    if (!Number.isInteger(target.meta.get('epoch'))) {
      target.meta.set('epoch', live.meta?.epoch ?? m.epoch);
      result.meta = true;
    }
    if (past.cadenceTemplateId !== null && setIfChanged(target.meta, 'cadenceTemplateId', past.cadenceTemplateId)) {
      result.meta = true;
    }
  }
  for (const phase of past.phases) {
    const wanted = !selected || (neededPhases.has(phase.id) && !live.phases.some((p) => p.id === phase.id));
    if (wanted && setIfChanged(target.phases, phase.id, phase)) result.phases.push(phase.id);
  }
  const liveById = new Map(live.cards.map((c) => [c.id, c]));
  for (const card of cards) {
    const now = liveById.get(card.id);
    if (writeCard(target.cards, card, now)) (now ? result.changed : result.recreated).push(card.id);
  }
  if (!selected && opts.removeLater) {
    const pastIds = new Set(past.cards.map((c) => c.id));
    for (const id of [...target.cards.keys()]) {
      if (!pastIds.has(id)) {
        target.cards.delete(id);
        result.removed.push(id);
      }
    }
  }
  if (!selected) writeFreeItems(target.freeItems, past.freeItems, live.freeItems, result);
  for (const list of [result.recreated, result.changed, result.removed, result.phases, result.freeItems]) list.sort();
  return result;
}

/**
 * The past board's messages written back whole where the live one lacks them or differs
 * (both as parsed, like the cards); the live board's later messages stay (they are today's
 * news, not damage). Taken oldest first (as `past` comes) and never past the board's cap,
 * so a full board refuses none of the restore.
 */
function writeFreeItems(
  target: Y.Map<unknown>,
  past: readonly FreeItem[],
  live: readonly FreeItem[],
  result: RestoreResult,
): void {
  const liveById = new Map(live.map((i) => [i.id, i]));
  let room = MAX_FREE_ITEMS - target.size;
  for (const item of past) {
    const now = liveById.get(item.id);
    if (now !== undefined && JSON.stringify(now) === JSON.stringify(item)) continue;
    if (!target.has(item.id)) {
      if (room === 0) continue;
      room--;
    }
    target.set(item.id, item);
    result.freeItems.push(item.id);
  }
}
