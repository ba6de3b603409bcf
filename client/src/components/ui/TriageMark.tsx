import { Circle, Octagon, Triangle, type LucideIcon } from 'lucide-react';
import type { Triage } from '../../../../shared/index.js';

/**
 * Triage is never colour alone: each level has its own shape as well as its word and colour
 * (circle = grøn, triangle = gul, octagon = rød, as on road signs), so it reads in greyscale,
 * for colour-blind people and across the room.
 */
const SHAPE: Record<Triage, LucideIcon> = { green: Circle, yellow: Triangle, red: Octagon };

export function TriageMark({ triage }: { triage: Triage }) {
  const Shape = SHAPE[triage];
  return (
    <Shape className={`triage-mark triage-mark-${triage}`} aria-hidden="true" fill="currentColor" strokeWidth={2} />
  );
}
