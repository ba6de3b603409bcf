import type { Card } from '../../../../shared/index.js';
import { useResponseClock } from './triageClock';

/** The response clock on the card face: text as well as colour, overdue in red. */
export function ResponseClockFace({ card }: { card: Card }) {
  const clock = useResponseClock(card);
  if (!clock) return null;
  return (
    <div className={`card-clock clock-${clock.status}`} data-testid="face-clock" data-status={clock.status}>
      {clock.label}
    </div>
  );
}
