import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import type { Role } from '../model/user.js';
import type { VisitatorRequest } from '../model/lifecycle.js';
import type { CardLog } from '../model/cardLog.js';
import type { SwapSettings } from '../model/swaps.js';
import { forbiddenOperations, protectedOperations, type DelegationMatrix, type Operation } from './delegation.js';
import { swapChanges, swapRefusal, swapRefusalMessage, type SwapRefusalCode } from './swaps.js';
import type { FreeItem } from '../model/freeArea.js';
import { freeAreaRefusalMessage, freeItemRefusal, type FreeAreaRefusalCode } from './freeArea.js';

/*
 * Who may change what on a board, in domain terms (docs/security.md "The one write path").
 * The server works out what an update does (cards created, changed, moved, closed,
 * deleted; phases; board settings; meeting records) and asks these rules; an update any
 * part of which is refused is refused whole. Stated over before → after, so no sequence of
 * updates gets around them: deleting a card needs the right to delete, re-creating it with
 * more hours is an adjustment up, a closure is a closure however it was reached.
 */

/** Why a write was refused; the client shows `refusalMessage(code)`. */
export type RefusalCode =
  | 'invalid'
  | 'too_large'
  | 'too_many_cards'
  | 'incomplete'
  | 'rate'
  | 'cpr'
  | 'board_settings'
  | 'delete_card'
  | 'delete_meeting'
  | 'decide_request'
  | 'impersonation'
  | 'log_append_only'
  | 'conflicts'
  | SwapRefusalCode
  | FreeAreaRefusalCode
  | Operation;

export interface Refusal {
  code: RefusalCode;
  /** Where (record keys, never values: audit and logs hold no citizen data). */
  path: string;
  cardId?: string;
}

/** Roles that decide requests (anmodninger) to the visitator (R15). */
const DECIDERS: ReadonlySet<Role> = new Set<Role>(['visitator', 'administrator']);
/** Deleting a card outright destroys a citizen's history: staff close or archive instead. */
const CARD_DELETERS: ReadonlySet<Role> = new Set<Role>(['administrator']);
/** Board settings a team member may change (the rest are the server's: id, team, epoch, columns). */
const MEMBER_META_KEYS: ReadonlySet<string> = new Set(['cadenceTemplateId']);

/** One card an update touched; null: it did not / no longer exists. */
export interface CardTransition {
  cardId: string;
  before: Card | null;
  after: Card | null;
}

/** What an update does, in domain terms, for the rules. */
export interface BoardWrite {
  /** Keys of `meta` touched. */
  metaKeys: string[];
  /** Phase ids touched. */
  phaseIds: string[];
  cards: CardTransition[];
  /** Meetings deleted that had started (their minutes would go). */
  startedMeetingsDeleted: string[];
  /** The board's columns, for telling what a card's column means. */
  phases: readonly Phase[];
  /** Cards whose log the update touched: the log before and after (model/cardLog.ts). */
  logs?: LogTransition[];
  /** Free-area items the update touched (model/freeArea.ts); null: did not / no longer exists. */
  freeItems?: FreeItemTransition[];
  /** The server's clock when judging (expiry of free-area items); default now. */
  now?: Date;
}

export interface FreeItemTransition {
  itemId: string;
  before: FreeItem | null;
  after: FreeItem | null;
}

/** One card's log before and after an update. */
export interface LogTransition {
  cardId: string;
  before: CardLog;
  after: CardLog;
}

/** Operations on cards that need the delegation matrix (so it is fetched only then). */
export function needsMatrix(write: BoardWrite): boolean {
  return write.cards.some((c) => protectedOperations(c.before, c.after, write.phases).length > 0);
}

/** Cards whose swaps the update added to (so the municipality's swap settings are fetched only then). */
export function needsSwapSettings(write: BoardWrite): boolean {
  return write.cards.some((c) => c.after !== null && swapsOf(c.before, c.after).added.length > 0);
}

const swapsOf = (before: Card | null, after: Card) => swapChanges(before?.lifecycle.swaps ?? [], after.lifecycle.swaps);

/**
 * A card's bytteydelser (rules/swaps.ts): existing ones changed or removed by anyone but an
 * administrator, or new ones the municipality's settings or the citizen's suitability refuse.
 * The suitability is the card's after the update (marking someone suitable and logging a swap
 * at once is one decision).
 */
function swapWriteRefusal(
  role: Role,
  before: Card | null,
  after: Card,
  swaps: SwapSettings | null,
): SwapRefusalCode | null {
  const { added, changed } = swapsOf(before, after);
  if (changed && role !== 'administrator') return 'swap_append_only';
  if (added.length === 0) return null;
  if (!swaps) throw new Error('the swap settings are needed for this write');
  for (const id of added) {
    const swap = after.lifecycle.swaps.find((s) => s.id === id)!;
    const code = swapRefusal(swaps, after.lifecycle.swapSuitable, swap.givenUp);
    if (code) return code;
  }
  return null;
}

/**
 * The first rule `role` breaks with `write`, or null when every part is allowed. `matrix`
 * is the municipality's delegation matrix (R14); it may be null when `needsMatrix` is false,
 * and `swaps` its swap settings, null when `needsSwapSettings` is false.
 */
export function refusalFor(
  role: Role,
  write: BoardWrite,
  matrix: DelegationMatrix | null,
  swaps: SwapSettings | null = null,
  userId: string | null = null,
): Refusal | null {
  const meta = write.metaKeys.find((k) => !MEMBER_META_KEYS.has(k));
  if (meta !== undefined) return { code: 'board_settings', path: `meta.${meta}` };
  if (write.phaseIds.length > 0) return { code: 'board_settings', path: `phases.${write.phaseIds[0]}` };
  if (write.startedMeetingsDeleted.length > 0) {
    return { code: 'delete_meeting', path: `meetings.${write.startedMeetingsDeleted[0]}` };
  }
  for (const c of write.cards) {
    const path = `cards.${c.cardId}`;
    if (c.before !== null && c.after === null) {
      if (!CARD_DELETERS.has(role)) return { code: 'delete_card', path, cardId: c.cardId };
      continue;
    }
    const ops = protectedOperations(c.before, c.after, write.phases);
    if (ops.length > 0) {
      if (!matrix) throw new Error('the delegation matrix is needed for this write');
      const forbidden = forbiddenOperations(matrix, role, ops);
      if (forbidden.length > 0) return { code: forbidden[0]!, path, cardId: c.cardId };
    }
    if (!DECIDERS.has(role) && changedDecisions(c.before, c.after).length > 0) {
      return { code: 'decide_request', path, cardId: c.cardId };
    }
    const swap = c.after ? swapWriteRefusal(role, c.before, c.after, swaps) : null;
    if (swap) return { code: swap, path: `${path}.swaps`, cardId: c.cardId };
  }
  // After the card rules, so a delete + re-create is judged as what it does to the forløb first.
  for (const l of write.logs ?? []) {
    const problem = logRefusal(l.before, l.after);
    if (problem) return { code: 'log_append_only', path: `cards.${l.cardId}.${problem}`, cardId: l.cardId };
  }
  for (const f of write.freeItems ?? []) {
    if (userId === null) throw new Error('the writer is needed for a free-area write');
    const code = freeItemRefusal(role, userId, f.before, f.after, write.now ?? new Date());
    if (code) return { code, path: `freeItems.${f.itemId}` };
  }
  return null;
}

/**
 * The log is append-only (issue #12): every entry and every receipt there before is there
 * after, unchanged. Returns where it was broken (`log.<id>`, `logReads.<key>`) or null.
 * Who an entry or receipt names is the gate's impersonation check; that a receipt sits
 * under its own `entryId:by` key is the layout's (doc/layout.ts keyFields).
 */
export function logRefusal(before: CardLog, after: CardLog): string | null {
  const now = new Map(after.entries.map((e) => [e.id, e]));
  for (const entry of before.entries) {
    if (JSON.stringify(now.get(entry.id)) !== JSON.stringify(entry)) return `log.${entry.id}`;
  }
  for (const [entryId, receipts] of Object.entries(before.readBy)) {
    const kept = new Map((after.readBy[entryId] ?? []).map((r) => [r.by, r]));
    for (const r of receipts) {
      if (JSON.stringify(kept.get(r.by)) !== JSON.stringify(r)) return `logReads.${entryId}:${r.by}`;
    }
  }
  return null;
}

const DECISION_FIELDS = ['status', 'decidedBy', 'decidedByName', 'decidedAt', 'decisionNote'] as const;

/** Requests whose decision changed, that appeared already decided, or that vanished. */
export function changedDecisions(before: Card | null, after: Card | null): string[] {
  if (!after) return [];
  const was = new Map<string, VisitatorRequest>((before?.lifecycle.requests ?? []).map((r) => [r.id, r]));
  const out: string[] = [];
  for (const now of after.lifecycle.requests) {
    const prior = was.get(now.id);
    was.delete(now.id);
    if (!prior) {
      if (now.status !== 'afventer') out.push(now.id);
    } else if (DECISION_FIELDS.some((f) => JSON.stringify(prior[f]) !== JSON.stringify(now[f]))) {
      out.push(now.id);
    }
  }
  out.push(...was.keys());
  return out;
}

/** Plain Danish for the person whose change was refused (also used by the client). */
export function refusalMessage(code: RefusalCode): string {
  switch (code) {
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
    case 'decide_request':
      return 'Kun visitator kan godkende eller afvise anmodninger.';
    case 'delete_card':
      return 'Kun en administrator kan slette et kort. Afslut forløbet i stedet.';
    case 'impersonation':
      return 'Du kan kun skrive på tavlen i dit eget navn.';
    case 'log_append_only':
      return 'Det, der står i loggen, kan ikke rettes eller slettes. Skriv en ny linje i stedet.';
    case 'conflicts':
      return 'Kun den, hvis ændring blev overskrevet, kan afgøre en samtidig ændring.';
    case 'delete_meeting':
      return 'Et møde, der er holdt, kan ikke slettes.';
    case 'board_settings':
      return 'Tavlens kolonner og indstillinger ændres af en administrator.';
    case 'too_large':
      return 'Ændringen er for stor til at blive gemt.';
    case 'too_many_cards':
      return 'Tavlen kan ikke rumme så mange kort.';
    case 'incomplete':
      return 'Ændringen kunne ikke gemmes, fordi din kopi af tavlen var ufuldstændig.';
    case 'rate':
      return 'Der kom for mange ændringer på kort tid.';
    case 'cpr':
      return 'Noget af det, du skrev, ligner et CPR-nummer. CPR-numre må ikke skrives på tavlen.';
    case 'invalid':
      return 'Ændringen passer ikke til tavlens opbygning og blev ikke gemt.';
    case 'swap_off':
    case 'swap_not_suitable':
    case 'swap_not_swappable':
    case 'swap_append_only':
      return swapRefusalMessage(code);
    case 'free_item_author':
    case 'free_item_delete':
      return freeAreaRefusalMessage(code);
  }
}

/**
 * The record a refusal is about, as `root.key` (e.g. `cards.c1`), or '' when it is about
 * the update as a whole. Sent with the close code, so the browser can send its other
 * unsynced edits again without the refused one.
 */
export function refusedRecord(refusal: Pick<Refusal, 'path'>): string {
  const path = refusal.path.includes(':') ? refusal.path.slice(refusal.path.indexOf(':') + 1) : refusal.path;
  const [root, key] = path.split('.');
  return root && key && /^[A-Za-z]+$/.test(root) ? `${root}.${key}` : '';
}

/** The close reason of a refused update: the code, then the record if there is one. */
export function refusalReason(refusal: Refusal): string {
  const record = refusedRecord(refusal);
  return (record ? `${refusal.code} ${record}` : refusal.code).slice(0, 120);
}

/** Reads a close reason written by `refusalReason`. */
export function parseRefusalReason(reason: string): { code: string; record: string } {
  const [code = '', record = ''] = reason.split(' ');
  return { code, record };
}

/** Fields of stored records that say who did something (decided, answered, wrote). */
export const ACTOR_FIELDS = ['by', 'decidedBy', 'answeredBy'] as const;

/**
 * A person writes only in their own name: the actor field that `after` (a stored record or
 * item) sets to someone other than `userId`, new or changed since `before`, or null. Names
 * already there stay (a decision on someone else's request keeps who asked).
 */
export function impersonatedField(userId: string, before: unknown, after: unknown): string | null {
  if (!isRecord(after)) return null;
  const was = isRecord(before) ? before : {};
  for (const field of ACTOR_FIELDS) {
    const value = after[field];
    if (value === undefined || value === null || value === was[field]) continue;
    if (value !== userId) return field;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
