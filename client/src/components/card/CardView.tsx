import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  daysBetween,
  forlobStartOf,
  formatShortDate,
  type Card,
  type LifecycleContext,
  type Phase,
} from '../../../../shared/index.js';
import type { PresentPerson } from '../../hooks/usePresence';
import { CardLifecycleFace } from '../lifecycle/CardLifecycleFace';
import { ResponseClockFace } from '../triage/ResponseClockFace';
import { TriageBadge } from './TriageBadge';
import { displayName } from './display';

interface Props {
  card: Card;
  privacy: boolean;
  today: string;
  phases: readonly Phase[];
  ctx: LifecycleContext;
  /** Other people who have this card open: outlined in the first one's colour. */
  editors?: readonly PresentPerson[];
}

/** The face of a card; pure presentation, shared by the board and the drag overlay. */
export const CardView = memo(function CardView({ card, privacy, today, phases, ctx, editors = [] }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const days = Math.max(0, daysBetween(card.phaseEnteredAt, today));
  const overdue = card.nextDueDate !== null && card.nextDueDate < today;
  // A forløb with dates shows its computed follow-up instead of the hand-written due date.
  const manualDue = forlobStartOf(card) === null;
  const editor = editors[0];
  return (
    <div
      className="card-face"
      style={editor ? { outlineColor: editor.color, ['--editor-color' as string]: editor.color } : undefined}
      data-editing={editor ? 'true' : undefined}
    >
      <div className="card-top">
        <TriageBadge triage={card.triage} />
        <span className="card-name">{displayName(card, privacy)}</span>
      </div>
      {card.forlobType && <div className="card-type">{card.forlobType}</div>}
      <dl className="card-facts">
        <div>
          <dt>{t('card.inPhase')}</dt>
          <dd>{t('card.days', { count: days })}</dd>
        </div>
        {manualDue && (
          <div className={overdue ? 'overdue' : undefined}>
            <dt>{t('card.due')}</dt>
            <dd>
              {card.nextDueDate ? formatShortDate(card.nextDueDate, lang) : '–'}
              {overdue && <span className="overdue-label"> {t('card.overdue')}</span>}
            </dd>
          </div>
        )}
        {!privacy && (
          <div>
            <dt>{t('card.contactShort')}</dt>
            <dd>{card.contactPerson || '–'}</dd>
          </div>
        )}
      </dl>
      <ResponseClockFace card={card} />
      <CardLifecycleFace card={card} phases={phases} today={today} ctx={ctx} />
      {editors.length > 0 && (
        <div className="card-editors">{editors.map((p) => t('presence.editing', { name: p.name })).join(', ')}</div>
      )}
    </div>
  );
});
