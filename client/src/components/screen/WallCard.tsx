import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { wallCardStatus, type Card, type Phase } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { useResponseClock } from '../triage/triageClock';
import { TriageShape } from '../card/TriageShape';

interface Props {
  card: Card;
  phases: readonly Phase[];
  /** During a meeting the overview shows initials and colour only (the focus view has the rest). */
  compact: boolean;
  current: boolean;
  /** Fixed height, so the wall can count how many fit (see WallBoard). */
  heightRem: number;
}

/**
 * A card on the wall, read across the room: the initials (the screen only ever gets the
 * privacy projection), the colour in words and the one most urgent status in words.
 */
export const WallCard = memo(function WallCard({ card, phases, compact, current, heightRem }: Props) {
  const { t } = useTranslation();
  const { today, ctx, lang } = useLifecycleEnv();
  const clock = useResponseClock(card);
  const status = compact ? null : wallCardStatus(card, { today, phases, ctx, clock, lang });
  const colour = t(`triage.${card.triage}`);
  return (
    <li className="wall-slot">
      <div
        className={`wall-card wall-${card.triage}${status ? ` sev-${status.severity}` : ''}`}
        style={{ height: `${heightRem}rem` }}
        data-testid={`card-${card.id}`}
        data-card-name={card.initials}
        data-meeting-current={current ? 'true' : undefined}
      >
        <div className="wall-card-top">
          <span className="wall-initials">{card.initials}</span>
          <span className={`wall-colour colour-${card.triage}`}>
            <TriageShape triage={card.triage} />
            {colour}
          </span>
        </div>
        {status && status.text && (
          <div className="wall-status" data-testid="wall-status" data-kind={status.kind}>
            {/* "3 dage" and "i dag" never break into "3" / "dage" */}
            {status.text.replace(/(\d) /g, '$1\u00a0').replace(/ i dag$/, ' i\u00a0dag')}
          </div>
        )}
      </div>
    </li>
  );
});
