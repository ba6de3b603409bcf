import { CalendarClock, Clock, UserRound } from 'lucide-react';
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
import { forlobTypeOnFace } from '../../../../shared/rules/cardFace.js';
import type { PresentPerson } from '../../hooks/usePresence';
import { CardLifecycleFace } from '../lifecycle/CardLifecycleFace';
import { ResponseClockFace } from '../triage/ResponseClockFace';
import { DischargeFace } from '../careSignals/DischargeFace';
import { TriageBadge } from './TriageBadge';
import { displayName } from './display';
import { useUsualForlobType } from './usualType';

interface Props {
  card: Card;
  privacy: boolean;
  today: string;
  phases: readonly Phase[];
  ctx: LifecycleContext;
  /** Other people who have this card open: outlined in the first one's colour. */
  editors?: readonly PresentPerson[];
}

/**
 * The face of a card; pure presentation, shared by the board and the drag overlay. What the
 * team needs at a glance (issue #12): name, triage as shape + word + colour, kontaktperson,
 * days in the phase, the next due date or follow-up and anything waiting — and the forløb
 * type only when it is not the board's usual one (the legal basis is in the detail panel).
 */
export const CardView = memo(function CardView({ card, privacy, today, phases, ctx, editors = [] }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const days = Math.max(0, daysBetween(card.phaseEnteredAt, today));
  const overdue = card.nextDueDate !== null && card.nextDueDate < today;
  // A forløb with dates shows its computed follow-up instead of the hand-written due date.
  const manualDue = forlobStartOf(card) === null;
  const editor = editors[0];
  const forlobType = forlobTypeOnFace(card, useUsualForlobType());
  return (
    <div
      className="card-face"
      style={editor ? { outlineColor: editor.color, ['--editor-color' as string]: editor.color } : undefined}
      data-editing={editor ? 'true' : undefined}
    >
      <div className="card-top">
        <span className="card-name">{displayName(card, privacy)}</span>
        <TriageBadge triage={card.triage} />
      </div>
      {forlobType && <div className="card-type">{forlobType}</div>}
      <ul className="card-meta">
        {!privacy && (
          <li className={card.contactPerson ? undefined : 'card-meta-missing'}>
            <UserRound aria-hidden="true" />
            <span className="visually-hidden">{t('card.contact')}: </span>
            {card.contactPerson || t('card.noContact')}
          </li>
        )}
        <li>
          <Clock aria-hidden="true" />
          {t('card.daysInPhase', { count: days })}
        </li>
        {manualDue && card.nextDueDate && (
          <li className={overdue ? 'overdue' : undefined}>
            <CalendarClock aria-hidden="true" />
            <span className="visually-hidden">{t('card.due')}: </span>
            {formatShortDate(card.nextDueDate, lang)}
            {overdue && <span className="overdue-label"> {t('card.overdue')}</span>}
          </li>
        )}
      </ul>
      <ResponseClockFace card={card} />
      {!privacy && <DischargeFace card={card} />}
      <CardLifecycleFace card={card} phases={phases} today={today} ctx={ctx} />
      {editors.length > 0 && (
        <div className="card-editors">{editors.map((p) => t('presence.editing', { name: p.name })).join(', ')}</div>
      )}
    </div>
  );
});
