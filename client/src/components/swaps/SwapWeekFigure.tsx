import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { swapWeekCount, type Card } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';

/**
 * "Bytteydelser denne uge: N (sidste uge M)" for the tavlemøde, where Favrskov follows the
 * swaps and praises them (S2:3594-3596). Counted over the board's cards in Danish ISO weeks
 * (rules/swaps.ts). Nothing when the municipality does not register swaps.
 */
export function SwapWeekFigure({ cards }: { cards: ReadonlyMap<string, Card> }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  // `today` changes at midnight, so the week turns over without a reload.
  const count = useMemo(
    () =>
      swapWeekCount(
        [...cards.values()].map((c) => c.lifecycle.swaps),
        new Date(),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `today` stands for the clock
    [cards, env.today],
  );
  if (!env.swaps.enabled) return null;
  return (
    <p className="swap-week" data-testid="swap-week" title={t('swaps.weekHint', { week: count.week })}>
      {t('swaps.week', { n: count.thisWeek, last: count.lastWeek })}
    </p>
  );
}
