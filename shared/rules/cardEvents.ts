import type { Card } from '../model/card.js';
import { toIsoDate } from './dates.js';
import { weekKey } from './time.js';

/*
 * What the Styring cockpit counts (issue #13, point 3), derived from one card's change
 * before → after as the write gate already sees it (rules/writeRules.ts CardTransition). The
 * server stores these as rows so the figures are SQL over events, never a scan of live boards.
 */

export const CARD_EVENT_KINDS = [
  'created',
  'moved',
  'closed',
  'switched',
  'triage',
  'request_created',
  'request_decided',
  'swap',
] as const;
export type CardEventKind = (typeof CARD_EVENT_KINDS)[number];

export interface CardEvent {
  cardId: string;
  kind: CardEventKind;
  /** Epoch ms of the change, its Danish date and ISO week (rules/time.ts weekKey). */
  at: number;
  day: string;
  week: string;
  /**
   * closed: the outcome; switched: E2, E4 or 'type' (forløb type changed); triage: the new
   * colour; moved: the new column id; request_*: the request kind; swap: the swap id.
   */
  detail: string | null;
  /** request_decided: minutes from the request to the decision. */
  minutes: number | null;
}

/** A swap as a sibling branch stores it (card collection `swaps`); read loosely, by id. */
interface SwapLike {
  id: string;
}

export function cardEvents(before: Card | null, after: Card | null, at: number): CardEvent[] {
  if (after === null) return [];
  // The local day costs a time-zone conversion: only an update with events pays for it
  // (most edits, a note or a field, have none; issue #15).
  let day: string | null = null;
  const events: CardEvent[] = [];
  const push = (kind: CardEventKind, detail: string | null, minutes: number | null = null) => {
    day ??= toIsoDate(new Date(at));
    events.push({ cardId: after.id, at, day, week: weekKey(day), minutes, kind, detail });
  };

  if (before === null) push('created', after.position.phaseId);
  else if (before.position.phaseId !== after.position.phaseId) push('moved', after.position.phaseId);

  const closureBefore = before?.lifecycle.closure ?? null;
  const closureAfter = after.lifecycle.closure;
  if (closureBefore === null && closureAfter) push('closed', closureAfter.outcome);

  if (before !== null && before.triage !== after.triage) push('triage', after.triage);

  const decisionsBefore = new Set((before?.lifecycle.decisions ?? []).map((d) => d.id));
  for (const d of after.lifecycle.decisions) {
    if (!decisionsBefore.has(d.id) && (d.code === 'E2' || d.code === 'E4')) push('switched', d.code);
  }
  if (before !== null && (before.lifecycle.forlobTypeId ?? null) !== (after.lifecycle.forlobTypeId ?? null)) {
    push('switched', 'type');
  }

  const requestsBefore = new Map((before?.lifecycle.requests ?? []).map((r) => [r.id, r]));
  for (const r of after.lifecycle.requests) {
    const old = requestsBefore.get(r.id);
    if (!old) push('request_created', r.kind);
    if ((!old || old.status === 'afventer') && r.status !== 'afventer') {
      const waited = r.decidedAt === null ? null : Math.max(0, Date.parse(r.decidedAt) - Date.parse(r.at));
      push('request_decided', r.kind, waited === null || Number.isNaN(waited) ? null : Math.round(waited / 60_000));
    }
  }

  const swaps = (l: Card['lifecycle'] | undefined): readonly SwapLike[] =>
    (l as { swaps?: readonly SwapLike[] } | undefined)?.swaps ?? [];
  const swapsBefore = new Set(swaps(before?.lifecycle).map((s) => s.id));
  for (const s of swaps(after.lifecycle)) if (!swapsBefore.has(s.id)) push('swap', s.id);
  return events;
}
