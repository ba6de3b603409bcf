import { format, getISOWeek, getISOWeekYear, parseISO, subDays } from 'date-fns';
import type { HelpType, Swap, SwapSettings } from '../model/swaps.js';
import { toIsoDate } from './dates.js';

/*
 * The rules of bytteydelser (docs/domain.md "Bytteydelser"), pure: the card's swap form asks
 * them before sending, and the server's write gate (rules/writeRules.ts) asks the same ones
 * of every update, so a raw client cannot get round them.
 *  - Registration off (a municipality that keeps the mindset but stops registering,
 *    S2:1716-1736, 4589-4593): no new swaps.
 *  - Help "kan ikke byttes" (food, medicine, SUL tasks; S2:3637-3644, 4209-4213) cannot be
 *    given up.
 *  - A citizen marked not suitable (e.g. demens, S2:1729-1730) gets no swaps.
 *  - Swaps are append-only: the team's count is a record of what happened. Only an
 *    administrator may change or remove one (a swap logged on the wrong citizen).
 */

export type SwapRefusalCode = 'swap_off' | 'swap_not_swappable' | 'swap_not_suitable' | 'swap_append_only';

const norm = (s: string) => s.trim().toLocaleLowerCase('da');

/** The help type `givenUp` names (its id, or its label in any case); undefined: free text. */
export function helpTypeOf(settings: SwapSettings, givenUp: string): HelpType | undefined {
  const g = norm(givenUp);
  return settings.helpTypes.find((h) => h.id === givenUp || norm(h.label) === g);
}

/** How a swap's `givenUp` reads: the help type's label, or the words as written. */
export function givenUpLabel(settings: SwapSettings, givenUp: string): string {
  return helpTypeOf(settings, givenUp)?.label ?? givenUp;
}

/**
 * Why a new swap giving up `givenUp` for a citizen with suitability `suitable` may not be
 * logged, or null when it may.
 */
export function swapRefusal(
  settings: SwapSettings,
  suitable: boolean | null,
  givenUp: string,
): Exclude<SwapRefusalCode, 'swap_append_only'> | null {
  if (!settings.enabled) return 'swap_off';
  if (suitable === false) return 'swap_not_suitable';
  if (helpTypeOf(settings, givenUp)?.swappable === false) return 'swap_not_swappable';
  return null;
}

/** Plain Danish for a refused swap (the form shows it before sending; the gate's refusal too). */
export function swapRefusalMessage(code: SwapRefusalCode): string {
  switch (code) {
    case 'swap_off':
      return 'Kommunen registrerer ikke bytteydelser.';
    case 'swap_not_suitable':
      return 'Borgeren er markeret som ikke egnet til bytte. Tal med kontaktpersonen.';
    case 'swap_not_swappable':
      return 'Den hjælp kan ikke byttes (fx mad, medicin og sygeplejeopgaver efter sundhedsloven).';
    case 'swap_append_only':
      return 'En registreret bytteydelse kan ikke ændres eller slettes. Kontakt en administrator ved fejl.';
  }
}

type SwapLike = Pick<Swap, 'id'> & Record<string, unknown>;

/**
 * What an update did to one card's swaps: those that appeared, and whether any existing one
 * changed or went (the append-only rule).
 */
export function swapChanges(
  before: readonly Readonly<SwapLike>[],
  after: readonly Readonly<SwapLike>[],
): { added: string[]; changed: boolean } {
  const was = new Map(before.map((s) => [s.id, JSON.stringify(s)]));
  const added: string[] = [];
  let changed = false;
  for (const s of after) {
    const prior = was.get(s.id);
    was.delete(s.id);
    if (prior === undefined) added.push(s.id);
    else if (prior !== JSON.stringify(s)) changed = true;
  }
  return { added, changed: changed || was.size > 0 };
}

// --- Counts per week (the tavlemøde's figure) -----------------------------------------------

/** The ISO week an instant falls in, in Denmark: "2026-W53". Weeks across year end belong to the ISO year. */
export function swapWeekKey(instant: string | Date): string {
  return weekKeyOfDate(toIsoDate(typeof instant === 'string' ? new Date(instant) : instant));
}

/** The ISO week of a calendar date (YYYY-MM-DD): pure date arithmetic, no clock involved. */
function weekKeyOfDate(date: string): string {
  const day = parseISO(date);
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

export interface SwapWeekCount {
  /** ISO week number as Danes say it ("uge 2"). */
  week: number;
  thisWeek: number;
  lastWeek: number;
}

/**
 * Swaps logged this week and last week (Monday to Sunday in Denmark) over a team's cards.
 * "Last week" is the week of the calendar day 7 days before today, so a DST change or a
 * year end in between never shifts it.
 */
export function swapWeekCount(swapLists: Iterable<readonly Pick<Swap, 'at'>[]>, now: Date): SwapWeekCount {
  const today = toIsoDate(now);
  const thisKey = weekKeyOfDate(today);
  const lastKey = weekKeyOfDate(format(subDays(parseISO(today), 7), 'yyyy-MM-dd'));
  let thisWeek = 0;
  let lastWeek = 0;
  for (const swaps of swapLists) {
    for (const s of swaps) {
      const key = swapWeekKey(s.at);
      if (key === thisKey) thisWeek++;
      else if (key === lastKey) lastWeek++;
    }
  }
  return { week: getISOWeek(parseISO(today)), thisWeek, lastWeek };
}
