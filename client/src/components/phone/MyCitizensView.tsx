import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { myCitizens, type MyCitizenReason } from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { useLifecycleEnv } from '../lifecycle/env';
import { PhoneCardList } from './PhoneCardRow';

interface Props {
  snapshot: BoardSnapshot;
  privacy: boolean;
  onOpen: (cardId: string) => void;
}

const REASONS: readonly MyCitizenReason[] = ['primary', 'secondary', 'dueToday'];

/** "Mine borgere": the citizens I am kontaktperson for, then those to follow up today. */
export function MyCitizensView({ snapshot, privacy, onOpen }: Props) {
  const { t } = useTranslation();
  const { user, today, ctx } = useLifecycleEnv();
  const mine = useMemo(
    () => myCitizens(snapshot.cardsById.values(), snapshot.phases, { name: user.name }, today, ctx),
    [snapshot, user.name, today, ctx],
  );
  return (
    <section className="phone-view" aria-labelledby="mine-title" data-testid="my-citizens">
      <h2 id="mine-title" className="phone-view-title">
        {t('phone.mine.title')}
      </h2>
      <p className="phone-view-hint">{t('phone.mine.who', { name: user.name })}</p>
      {mine.length === 0 && <p className="phone-empty">{t('phone.mine.none')}</p>}
      {REASONS.map((reason) => {
        const group = mine.filter((m) => m.reason === reason);
        if (group.length === 0) return null;
        return (
          <section key={reason} aria-labelledby={`mine-${reason}`} data-testid={`mine-${reason}`}>
            <h3 id={`mine-${reason}`} className="phone-group-title">
              {t(`phone.mine.${reason}`)} <span className="column-count">{group.length}</span>
            </h3>
            <PhoneCardList
              cards={group.map(({ card }) => card)}
              phases={snapshot.phases}
              privacy={privacy}
              onOpen={onOpen}
            />
          </section>
        );
      })}
    </section>
  );
}
