import type { Card } from '../../../../shared/index.js';
import { DeclinesSection } from './DeclinesSection';
import { OffersSection } from './OffersSection';

/** The card's "Nej tak og tilbud" tab (R24, R26): what the citizen declined, and local offers. */
export function CareSignalsSection({ card }: { card: Card }) {
  return (
    <section className="lc-section care-signals-section" data-testid="care-signals-section">
      <DeclinesSection card={card} />
      <OffersSection card={card} />
    </section>
  );
}
