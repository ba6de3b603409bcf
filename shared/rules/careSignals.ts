import type { CareSignalSettings, Decline, Discharge } from '../model/careSignals.js';
import type { Card } from '../model/card.js';
import { toIsoDate } from './dates.js';
import { swapChanges } from './swaps.js';

/*
 * The rules of the discharge flag and "nej tak" (docs/domain-rules.md "Udskrevet og nej
 * tak"), pure: the agenda asks them (rules/agenda.ts) and the write gate enforces the
 * append-only log (rules/writeRules.ts).
 *  - A citizen flagged "Udskrevet fra hospital" is on every tavlemøde agenda until the
 *    review with the planner is marked done (R27; S2:2853-2855 "gennemgang af de borgere,
 *    der er udskrevet fra sygehus").
 *  - N declines within D days (the municipality's setting, default 3 in 14) put the citizen
 *    on the agenda. Never a closure: "Hvis borger har sagt nej tak til rengøring tre gange,
 *    så har ydelsen skullet afsluttes" is what the seeds move away from (S2:3598-3606);
 *    the team talks about why instead (S2:4200-4203).
 *  - Logged declines are never changed or removed (only an administrator may, for one
 *    logged on the wrong citizen), like the swaps.
 */

export type CareSignalRefusalCode = 'decline_append_only' | 'offer_unknown';

const DAY_MS = 86_400_000;

/** The discharge still waiting for its review, or null. */
export function dischargeAwaitingReview(card: Pick<Card, 'lifecycle'>): Discharge | null {
  const d = card.lifecycle.discharge;
  return d !== null && d.reviewedAt === null ? d : null;
}

/** Declines within the last `days` days before `now` (a rolling window, in instants), oldest first. */
export function recentDeclines(declines: readonly Decline[], now: Date, days: number): Decline[] {
  const from = now.getTime() - days * DAY_MS;
  return declines
    .filter((d) => {
      const t = Date.parse(d.at);
      return !Number.isNaN(t) && t > from && t <= now.getTime();
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
}

export interface DeclinePattern {
  count: number;
  days: number;
  /** The day of the latest decline in the window (a discussion on or after it has taken it up). */
  lastOn: string;
}

/**
 * The pattern that puts the citizen on the agenda: at least `declineCount` declines within
 * `declineDays` days before `now`; null below the threshold.
 */
export function declinePattern(
  declines: readonly Decline[],
  now: Date,
  settings: Pick<CareSignalSettings, 'declineCount' | 'declineDays'>,
): DeclinePattern | null {
  const recent = recentDeclines(declines, now, settings.declineDays);
  if (recent.length < settings.declineCount) return null;
  return { count: recent.length, days: settings.declineDays, lastOn: toIsoDate(new Date(recent.at(-1)!.at)) };
}

/** "Har sagt nej tak 3 gange på 14 dage". */
export function declinePatternText(p: Pick<DeclinePattern, 'count' | 'days'>): string {
  return `Har sagt nej tak ${p.count} ${p.count === 1 ? 'gang' : 'gange'} på ${p.days} dage`;
}

/** Whether an update changed or removed a logged decline (only an administrator may). */
export function declinesChanged(before: Card | null, after: Card): boolean {
  return swapChanges(before?.lifecycle.declines ?? [], after.lifecycle.declines).changed;
}

/** Offer ids an update linked to a card (the gate checks they exist in the directory). */
export function addedOfferLinks(before: Card | null, after: Card): string[] {
  return swapChanges(before?.lifecycle.offerLinks ?? [], after.lifecycle.offerLinks).added;
}

export function careSignalRefusalMessage(code: CareSignalRefusalCode): string {
  switch (code) {
    case 'decline_append_only':
      return 'Et registreret nej tak kan ikke ændres eller slettes. Kontakt en administrator ved fejl.';
    case 'offer_unknown':
      return 'Tilbuddet findes ikke i kommunens oversigt over lokale tilbud.';
  }
}
