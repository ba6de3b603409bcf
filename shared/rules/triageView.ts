import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import type { TriageEvent } from '../model/meeting.js';
import { isClosedCard } from './lifecycle.js';
import { matchesFocus, triageSort, type DayFocus, type TriageCounts } from './triage.js';

/*
 * The triage view's list (R7, R11): the active citizens red → yellow → green. The day's
 * focus (SEL on the visitator's day, else SUL) highlights the citizens it concerns and
 * never hides anyone; only "ændret siden sidste møde" narrows the list. The counts are
 * counted from the very rows shown, so a heading can never promise citizens the list
 * does not have (issue #11, part 6).
 */

export interface TriageViewRow<C extends Card = Card> {
  card: C;
  /** The citizen belongs to the chosen focus (always true for "Alle"). */
  inFocus: boolean;
}

export interface TriageViewOptions {
  phases?: readonly Phase[];
  events?: readonly TriageEvent[];
  focus: DayFocus | 'all';
  /** Show only these card ids ("ændret siden sidste møde"); null: everyone active. */
  only?: ReadonlySet<string> | null;
}

export interface TriageView<C extends Card = Card> {
  rows: TriageViewRow<C>[];
  /** Per colour, of `rows`. */
  counts: TriageCounts;
  /** How many of `rows` are in focus. */
  inFocus: number;
}

export function triageView<C extends Card>(cards: readonly C[], opts: TriageViewOptions): TriageView<C> {
  const shown = cards.filter((c) => !isClosedCard(c, opts.phases ?? []) && (!opts.only || opts.only.has(c.id)));
  const rows = triageSort(shown, opts.events ?? []).map((card) => ({
    card,
    inFocus: opts.focus === 'all' || matchesFocus(card, opts.focus),
  }));
  const counts: TriageCounts = { red: 0, yellow: 0, green: 0, total: rows.length };
  for (const r of rows) counts[r.card.triage] += 1;
  return { rows, counts, inFocus: rows.filter((r) => r.inFocus).length };
}
