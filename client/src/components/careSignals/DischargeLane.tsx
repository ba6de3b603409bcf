import { useTranslation } from 'react-i18next';
import { dischargeAwaitingReview, isClosedCard, type Card } from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { displayName } from '../card/display';
import { useLifecycleEnv } from '../lifecycle/env';
import { dayMonth } from '../lifecycle/util';

/**
 * "Udskrevet – gennemgås med planlægger" (R27; S2:2853-2855): the discharged citizens not
 * yet reviewed, together in a lane beside the phases, when the municipality wants it. Each
 * stays in their own phase column too; the lane is a view, and a tap opens the card.
 */
export function DischargeLane({
  snapshot,
  privacy,
  onOpen,
}: {
  snapshot: BoardSnapshot;
  privacy: boolean;
  onOpen: (cardId: string) => void;
}) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  if (!env.careSignals.dischargeLane) return null;
  const waiting: { card: Card; date: string }[] = [];
  for (const card of snapshot.cardsById.values()) {
    const d = dischargeAwaitingReview(card);
    if (d && !isClosedCard(card, snapshot.phases)) waiting.push({ card, date: d.date });
  }
  if (waiting.length === 0) return null;
  waiting.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.card.name.localeCompare(b.card.name, 'da')));
  return (
    <aside className="discharge-lane" aria-labelledby="discharge-lane-title" data-testid="discharge-lane">
      <h2 id="discharge-lane-title">{t('careSignals.discharge.lane')}</h2>
      <p className="muted">{t('careSignals.discharge.laneHint')}</p>
      <ul>
        {waiting.map(({ card, date }) => (
          <li key={card.id}>
            <button type="button" onClick={() => onOpen(card.id)} data-testid="discharge-lane-card">
              <span className="discharge-lane-name">{displayName(card, privacy)}</span>
              <span className="muted"> · {dayMonth(date, env.lang)}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
