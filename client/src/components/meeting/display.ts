import { initialsOf, type AgendaEntry, type Card } from '../../../../shared/index.js';

/** The citizen of an agenda item as may be shown: initials only in privacy mode. */
export function itemName(
  item: Pick<AgendaEntry, 'cardId' | 'title'>,
  cardsById: ReadonlyMap<string, Card>,
  privacy: boolean,
): string {
  const card = item.cardId === null ? undefined : cardsById.get(item.cardId);
  if (card) return privacy ? card.initials : card.name;
  // an item without a card: a general question keeps its title; a gone citizen only initials
  if (privacy && item.cardId !== null) return initialsOf(item.title);
  return item.title;
}

/** 75_000 → "1:15", an hour and more → "1:05:00" (never "175:00"); negative values get a minus sign. */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}
