import type { Card } from '../model/card.js';

/**
 * What a card's face leaves out because the whole board shares it (issue #12 point 4): most
 * citizens on a team's board are in the same kind of forløb, so repeating
 * "Rehabiliteringsforløb (§83a)" on every card is noise. The usual type is the most common
 * non-empty one on the board (ties: alphabetical, so every browser agrees); a card shows its
 * type only when it differs. The detail panel always shows it.
 */
export function usualForlobType(cards: Iterable<Pick<Card, 'forlobType'>>): string | null {
  const counts = new Map<string, number>();
  for (const c of cards) {
    const type = c.forlobType.trim();
    if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [type, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== null && type.localeCompare(best, 'da') < 0)) {
      best = type;
      bestCount = n;
    }
  }
  return best;
}

/** The forløb type to print on the card face, or null when it is the board's usual one or empty. */
export function forlobTypeOnFace(card: Pick<Card, 'forlobType'>, usual: string | null): string | null {
  const type = card.forlobType.trim();
  return type && type !== usual ? type : null;
}
