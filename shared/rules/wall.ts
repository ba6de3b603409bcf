import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import { followUpsNeedingAction } from './cadence.js';
import type { Lang } from './dates.js';
import { daysBetween } from './dates.js';
import {
  followUpsForCard,
  forlobStartOf,
  isClosedCard,
  opstartStatusForCard,
  pendingRequests,
  type LifecycleContext,
} from './lifecycle.js';
import { formatElapsed, type ResponseClockStatus } from './triage.js';

/*
 * The wall screen's compact card (issue #11, point 4): read across the room, a card says
 * who (initials), the colour in words and the ONE most urgent thing about it, in words —
 * never colour alone, never a one-letter difference. And the paging maths for columns that
 * hold more cards than fit on the screen. Pure: `today` and the clock come in.
 */

/** Most urgent first; `none` when nothing needs attention. */
export const WALL_STATUS_KINDS = [
  'clock-overdue',
  'follow-up-overdue',
  'opstart-overdue',
  'due-overdue',
  'clock-running',
  'follow-up-due',
  'due-today',
  'opstart-soon',
  'request-pending',
  'none',
] as const;
export type WallStatusKind = (typeof WALL_STATUS_KINDS)[number];

/** alert: overdue (red text); warn: today / running (yellow); calm: nothing pressing. */
export type WallSeverity = 'alert' | 'warn' | 'calm';

export interface WallStatus {
  kind: WallStatusKind;
  severity: WallSeverity;
  /** Short words for the card ("Opfølgning overskredet 3 dage"); '' for `none`. */
  text: string;
}

export interface WallStatusInput {
  today: string;
  phases?: readonly Phase[];
  ctx?: LifecycleContext;
  /** The card's response clock now (`cardResponseClock`), or null without one. */
  clock?: { status: ResponseClockStatus; remainingMs: number | null } | null;
  lang?: Lang;
}

const NONE: WallStatus = { kind: 'none', severity: 'calm', text: '' };

/** Across a room whole hours are enough: "40 min", "5 t", and days once over 48 hours ("3 dage"). */
function wallDuration(ms: number, lang: Lang): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} ${lang === 'da' ? 't' : 'h'}`;
  return formatElapsed(ms, lang);
}

const daysWord = (n: number, lang: Lang) =>
  lang === 'da' ? `${n} ${n === 1 ? 'dag' : 'dage'}` : `${n} ${n === 1 ? 'day' : 'days'}`;

/** "over" texts: "<what> overskredet 3 dage" / "<what> overdue 3 days". */
function overdue(kind: WallStatusKind, what: { da: string; en: string }, by: string, lang: Lang): WallStatus {
  return { kind, severity: 'alert', text: lang === 'da' ? `${what.da} overskredet ${by}` : `${what.en} overdue ${by}` };
}

const WORDS = {
  clock: { da: 'Svarfrist', en: 'Response' },
  followUp: { da: 'Opfølgning', en: 'Follow-up' },
  opstart: { da: 'Opstart', en: 'Start meeting' },
  due: { da: 'Frist', en: 'Deadline' },
};

/**
 * The one most urgent status of a card, in words, for the wall (most urgent first):
 * an overdue response clock, an overdue follow-up, an overdue opstartsmøde (R3), an overdue
 * hand-set due date; then a running response clock, a follow-up due now, a due date today,
 * an opstartsmøde within its last days, a request waiting for the visitator. Closed forløb
 * show nothing. Durations over 48 hours read in days.
 */
export function wallCardStatus(card: Card, input: WallStatusInput): WallStatus {
  const lang = input.lang ?? 'da';
  const { today } = input;
  if (isClosedCard(card, input.phases ?? [])) return NONE;
  const clock = input.clock ?? null;
  const followUps = followUpsNeedingAction(followUpsForCard(card, today, input.ctx ?? {}));
  const opstart = opstartStatusForCard(card, today);
  // A forløb with dates follows its computed follow-ups instead of the hand-written due date.
  const manualDue = forlobStartOf(card) === null ? card.nextDueDate : null;

  if (clock?.status === 'overdue' && clock.remainingMs !== null)
    return overdue('clock-overdue', WORDS.clock, wallDuration(clock.remainingMs, lang), lang);
  const late = followUps.find((f) => f.status === 'overdue');
  if (late) return overdue('follow-up-overdue', WORDS.followUp, daysWord(-late.daysUntilWindowEnd, lang), lang);
  if (opstart?.status === 'overdue')
    return overdue('opstart-overdue', WORDS.opstart, daysWord(opstart.daysOverdue, lang), lang);
  if (manualDue !== null && manualDue < today)
    return overdue('due-overdue', WORDS.due, daysWord(daysBetween(manualDue, today), lang), lang);

  if (clock?.status === 'running' && clock.remainingMs !== null) {
    const left = wallDuration(clock.remainingMs, lang);
    return {
      kind: 'clock-running',
      severity: 'warn',
      text: lang === 'da' ? `Svarfrist om ${left}` : `Respond in ${left}`,
    };
  }
  const due = followUps.find((f) => f.status === 'due');
  if (due) {
    const text =
      due.dueDate === today
        ? lang === 'da'
          ? 'Opfølgning i dag'
          : 'Follow-up today'
        : lang === 'da'
          ? 'Opfølgning forfalden'
          : 'Follow-up due';
    return { kind: 'follow-up-due', severity: 'warn', text };
  }
  if (manualDue === today)
    return { kind: 'due-today', severity: 'warn', text: lang === 'da' ? 'Frist i dag' : 'Due today' };
  if (opstart?.status === 'due-soon') {
    const n = opstart.daysLeft;
    const when =
      n === 0
        ? lang === 'da'
          ? 'i dag'
          : 'today'
        : lang === 'da'
          ? `om ${daysWord(n, lang)}`
          : `in ${daysWord(n, lang)}`;
    // "Opstart", not "Opstartsmøde": the longer word does not fit a wall card's width
    return {
      kind: 'opstart-soon',
      severity: 'warn',
      text: lang === 'da' ? `Opstart ${when}` : `Start meeting ${when}`,
    };
  }
  if (pendingRequests(card).length > 0)
    return {
      kind: 'request-pending',
      severity: 'calm',
      text: lang === 'da' ? 'Afventer visitator' : 'Awaiting visitator',
    };
  return NONE;
}

// ---------------------------------------------------------------------------------------
// Paging a column that holds more cards than fit
// ---------------------------------------------------------------------------------------

/** How often the wall turns the pages of long columns. */
export const WALL_PAGE_MS = 15_000;

/** How many fixed-height cards fit in `available` px: n cards and n-1 gaps. At least 1. */
export function cardsPerPage(available: number, cardHeight: number, gap: number): number {
  if (!(cardHeight > 0) || !(available > 0)) return 1;
  return Math.max(1, Math.floor((available + gap) / (cardHeight + gap)));
}

export interface WallPage<T> {
  /** 0-based page shown. */
  page: number;
  pages: number;
  items: T[];
}

/**
 * The page of a column to show: the page holding a pinned item (the card being discussed or
 * pointed at, so the wall never hides it), else page `tick mod pages` (a timer turns the
 * pages, every column in step).
 */
export function wallPage<T extends { id: string }>(
  items: readonly T[],
  perPage: number,
  tick: number,
  pinned: readonly string[] = [],
): WallPage<T> {
  const size = Math.max(1, Math.floor(perPage));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const pinnedAt = items.findIndex((it) => pinned.includes(it.id));
  const page = pinnedAt >= 0 ? Math.floor(pinnedAt / size) : ((Math.floor(tick) % pages) + pages) % pages;
  return { page, pages, items: items.slice(page * size, page * size + size) };
}
