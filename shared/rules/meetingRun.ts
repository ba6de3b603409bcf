import type { AgendaItem, AgendaItemStatus } from '../model/meeting.js';
import type { MeetingItemRef } from './meetingControl.js';

/*
 * Running a meeting through its agenda (issue #11, point 2), pure so the leader's panel,
 * the tests and any other client agree: which item "Start mødet" and "Næste" make current,
 * what is left when the leader ends, and how what was not reached comes first next time.
 */

/** Items still to be taken up. */
export const isOpenItem = (i: { status: AgendaItemStatus }) => i.status === 'pending';

/** The item as meeting control wants it (time box in seconds). */
export function itemRef(item: Pick<AgendaItem, 'id' | 'cardId' | 'timeBoxMin'>): MeetingItemRef {
  return { itemId: item.id, cardId: item.cardId, timeBoxSec: item.timeBoxMin * 60 };
}

/**
 * The item "Næste" goes to: the first open item after `currentId`, else the first open one
 * before it (an item skipped earlier), else null (everything is taken up). Without a
 * current item: the first open item, which is what "Start mødet" makes current.
 */
export function nextOpenItem<T extends Pick<AgendaItem, 'id' | 'status'>>(
  agenda: readonly T[],
  currentId: string | null,
): T | null {
  const at = currentId === null ? -1 : agenda.findIndex((i) => i.id === currentId);
  const after = agenda.slice(at + 1).find((i) => i.id !== currentId && isOpenItem(i));
  return after ?? agenda.slice(0, Math.max(0, at)).find(isOpenItem) ?? null;
}

/** Items still open when the leader ends: they are marked "ikke nået" and carried over. */
export function itemsLeft<T extends Pick<AgendaItem, 'status'>>(agenda: readonly T[]): T[] {
  return agenda.filter(isOpenItem);
}

/**
 * The rules' fresh agenda with what the previous meeting did not reach put first, in the
 * order it had (R8 "ingen glemmes": not reached is not forgotten). An item the rules also
 * generate keeps the rules' fresh reasons; one they no longer generate keeps its old
 * reasons (absolute dates, so they still read right), unless its citizen is gone or closed.
 */
export function withCarriedOver(
  generated: readonly AgendaItem[],
  previous: readonly AgendaItem[],
  isGone: (cardId: string) => boolean = () => false,
): AgendaItem[] {
  const fresh = new Map(generated.map((g) => [g.id, g]));
  const carried: AgendaItem[] = [];
  for (const p of previous) {
    if (p.status !== 'not-reached' && p.status !== 'pending') continue;
    if (p.cardId !== null && isGone(p.cardId)) continue;
    carried.push({ ...plainItem(fresh.get(p.id) ?? p), status: 'pending' });
  }
  const first = new Set(carried.map((c) => c.id));
  return [...carried, ...generated.filter((g) => !first.has(g.id))];
}

/** Just the stored fields (an AgendaEntry also carries order, note and card state). */
function plainItem(i: AgendaItem): AgendaItem {
  const out: AgendaItem = {
    id: i.id,
    cardId: i.cardId,
    title: i.title,
    reasons: [...i.reasons],
    source: i.source,
    timeBoxMin: i.timeBoxMin,
    status: i.status,
  };
  if (i.nominatedBy !== undefined) out.nominatedBy = i.nominatedBy;
  return out;
}

export interface MeetingBudget {
  /** The agenda's time boxes together (the meeting's budget). */
  plannedMs: number;
  /** Budget left at `elapsedMs`; negative once over. */
  remainingMs: number;
  /** Open items and their time boxes together. */
  openItems: number;
  openMs: number;
}

/**
 * The leader's view of time: the budget is the meeting's length (`budgetMin`, the team's
 * setting the agenda was planned against), else the sum of the agenda's time boxes,
 * against the meeting's elapsed time.
 */
export function meetingBudget(
  agenda: readonly Pick<AgendaItem, 'status' | 'timeBoxMin'>[],
  elapsedMs: number,
  budgetMin?: number | null,
): MeetingBudget {
  const boxes = agenda.reduce((sum, i) => (i.status === 'skipped' ? sum : sum + i.timeBoxMin), 0);
  const plannedMs = (budgetMin ?? boxes) * 60_000;
  const open = agenda.filter(isOpenItem);
  return {
    plannedMs,
    remainingMs: plannedMs - Math.max(0, elapsedMs),
    openItems: open.length,
    openMs: open.reduce((sum, i) => sum + i.timeBoxMin, 0) * 60_000,
  };
}
