import type { Card } from '../../shared/model/card.js';
import type { VisitRow } from '../../shared/model/visits.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import type { CardEvent } from '../../shared/rules/cardEvents.js';
import { weekKey, weeksEnding } from '../../shared/rules/time.js';
import type { Storage } from '../storage/types.js';
import { cardFactOf } from '../styring/recorder.js';
import { pick, pickWeighted, seededRandom } from './random.js';

/*
 * Demo data for the Styring cockpit (issue #13, point 5): each active demo citizen gets a
 * borger-nr. and four weeks of planned and delivered visits up to yesterday, deterministic
 * per team seed. Citizens lean over, under or even, so the pooled balance ("gynger og
 * karusseller") and the card's "Tid" have something to show. Invented data.
 */

const HELP_TYPES = ['Personlig pleje', 'Praktisk hjælp', 'Rehabilitering', 'Medicin', 'Rengøring'] as const;
const DAY_MS = 86_400_000;

/** "B-1007": the team's seed and the citizen's number; never CPR-shaped. */
export const demoExternalRef = (teamSeed: number, index: number) => `B-${teamSeed}${String(index).padStart(3, '0')}`;

/** Demo budget rates (kr. per citizen per week) by forløb type, in the style of Syddjurs' takster. */
export const DEMO_RATES: Readonly<Record<string, number>> = {
  'sel-83': 1450,
  'sel-83a': 2100,
  'sel-86': 1800,
  'sul-138': 1250,
  'sul-140': 900,
};

export const DEMO_TEAM_STYRING: Readonly<Record<string, { staff: number; budget: number; district: string }>> = {
  'team-nord': { staff: 200, budget: 60_000, district: 'Distrikt Midt' },
  'team-syd': { staff: 60, budget: 25_000, district: 'Distrikt Midt' },
};

export function demoVisits(cards: readonly Card[], teamSeed: number, now: Date): VisitRow[] {
  const rand = seededRandom(teamSeed * 7919);
  const weeks = weeksEnding(now);
  const first = weeks.at(-1)!.start;
  const yesterday = toIsoDate(new Date(now.getTime() - DAY_MS));
  const rows: VisitRow[] = [];
  for (const card of cards) {
    const hours = card.lifecycle.weeklyHours;
    if (card.lifecycle.externalRef === '' || hours === null || hours === 0) continue;
    const lean = pickWeighted(rand, [
      [1.2, 3],
      [0.8, 3],
      [1, 4],
    ] as const);
    const perWeek = Math.min(14, Math.max(2, Math.round(hours)));
    const minutes = Math.max(10, Math.round((hours * 60) / perWeek / 5) * 5);
    let n = 0;
    for (let day = first; day <= yesterday; day = toIsoDate(new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS))) {
      // Spread the visits over the week: whole visits a day, plus one more with the remainder's chance.
      const perDay = perWeek / 7;
      const count = Math.floor(perDay) + (rand() < perDay - Math.floor(perDay) ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const cancelled = rand() < 0.03;
        const delivered = cancelled ? 0 : Math.max(5, Math.round((minutes * lean * (0.85 + rand() * 0.3)) / 5) * 5);
        rows.push({
          visitId: `demo-${card.id}-${++n}`,
          citizenRef: card.lifecycle.externalRef,
          date: day,
          plannedMinutes: minutes,
          deliveredMinutes: delivered,
          helpType: pick(rand, HELP_TYPES),
        });
      }
    }
  }
  return rows;
}

/**
 * The cockpit's events for the demo cards as if they had been recorded when they happened:
 * created, closed with outcome, E2/E4 decisions and requests (sent and decided).
 */
export function demoEvents(cards: readonly Card[]): CardEvent[] {
  const events: CardEvent[] = [];
  const push = (
    cardId: string,
    kind: CardEvent['kind'],
    iso: string,
    detail: string | null,
    minutes: number | null = null,
  ) => {
    const at = Date.parse(iso);
    if (Number.isNaN(at)) return;
    const day = toIsoDate(new Date(at));
    events.push({ cardId, kind, at, day, week: weekKey(day), detail, minutes });
  };
  for (const c of cards) {
    push(c.id, 'created', c.createdAt, c.position.phaseId);
    const closure = c.lifecycle.closure;
    if (closure) push(c.id, 'closed', `${closure.closedOn}T12:00:00Z`, closure.outcome);
    for (const d of c.lifecycle.decisions) if (d.code === 'E2' || d.code === 'E4') push(c.id, 'switched', d.at, d.code);
    for (const r of c.lifecycle.requests) {
      push(c.id, 'request_created', r.at, r.kind);
      if (r.decidedAt) {
        push(
          c.id,
          'request_decided',
          r.decidedAt,
          r.kind,
          Math.round((Date.parse(r.decidedAt) - Date.parse(r.at)) / 60_000),
        );
      }
    }
    // The demo's bytteydelser (demoSwaps.ts), so the cockpit's weekly count is alive too.
    for (const swap of c.lifecycle.swaps ?? []) push(c.id, 'swap', swap.at, swap.id);
  }
  return events;
}

/** Stores the cockpit's demo data for one freshly seeded team board. */
export async function seedDemoStyring(
  storage: Storage,
  team: { id: string; boardId: string; seed: number },
  municipalityId: string,
  cards: readonly Card[],
  now: Date,
): Promise<void> {
  await storage.styring.replaceCardFacts(team.boardId, cards.map(cardFactOf));
  await storage.styring.appendCardEvents(team.boardId, demoEvents(cards));
  await storage.styring.upsertVisits(municipalityId, demoVisits(cards, team.seed, now), now.getTime());
  const s = DEMO_TEAM_STYRING[team.id];
  if (s)
    await storage.styring.setTeamStyring(team.id, {
      staffHoursPerWeek: s.staff,
      budgetPerWeek: s.budget,
      district: s.district,
    });
  await storage.styring.setBudgetRates(municipalityId, JSON.stringify(DEMO_RATES));
}
