import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from '../../../shared/index.js';
import { displayName } from '../components/card/display';
import type { MyConflict } from './useMyConflicts';

/**
 * A toast, once per conflict and session, for a change of mine that did not stay on a card
 * I do not have open (the open card shows it itself); also for conflicts recorded while
 * this device was offline, which arrive when it is back.
 */
export function useConflictToasts(
  conflicts: readonly MyConflict[],
  cards: ReadonlyMap<string, Card>,
  openCardId: string | null,
  privacy: boolean,
  show: (text: string, kind: 'info') => void,
): void {
  const { t } = useTranslation();
  const told = useRef(new Set<string>());
  useEffect(() => {
    for (const { cardId, conflict } of conflicts) {
      if (told.current.has(conflict.id) || cardId === openCardId) continue;
      const card = cards.get(cardId);
      if (!card) continue;
      told.current.add(conflict.id);
      show(
        t('conflict.toast', {
          field: t(`conflict.fields.${conflict.field}`),
          card: displayName(card, privacy),
          name: conflict.kept.byName || t('conflict.someone'),
        }),
        'info',
      );
    }
  }, [conflicts, cards, openCardId, privacy, show, t]);
}
