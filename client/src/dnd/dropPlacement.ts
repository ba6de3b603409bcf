import { keyForMove, type Card, type Position } from '../../../shared/index.js';

/**
 * Where a dropped card goes, as one position write. `finalIds` is the column's order as the
 * person saw it when dropping; `current` is the column in the doc right now (remote edits may
 * have arrived during the drag), so the card is placed right after the card it was dropped
 * under. Returns null when the drop changes nothing.
 */
export function dropPlacement(
  phaseId: string,
  finalIds: readonly string[],
  activeId: string,
  current: readonly Card[],
): Position | null {
  const target = current.map((c) => ({ id: c.id, key: c.position.key }));
  const siblings = target.filter((c) => c.id !== activeId);
  const at = finalIds.indexOf(activeId);
  if (at < 0) return null;
  const prevId = at > 0 ? finalIds[at - 1] : undefined;
  const prevIndex = prevId === undefined ? -1 : siblings.findIndex((s) => s.id === prevId);
  const index = prevId === undefined ? 0 : prevIndex >= 0 ? prevIndex + 1 : Math.min(at, siblings.length);
  const key = keyForMove(target, activeId, index);
  return key === null ? null : { phaseId, key };
}
