import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatShortDate,
  followUpsForCard,
  nextFollowUp,
  opstartStatusForCard,
  pendingRequests,
  temporaryChangeState,
  type Card,
  type LifecycleContext,
  type Phase,
} from '../../../../shared/index.js';
import { dayMonth } from './util';

interface Props {
  card: Card;
  phases: readonly Phase[];
  today: string;
  ctx: LifecycleContext;
}

/**
 * The forløb on the card face: the next follow-up with its status, the opstart countdown,
 * a temporary change, a request waiting for the visitator, or how the forløb was closed.
 * Status is always text as well as colour.
 */
export function CardLifecycleFace({ card, phases, today, ctx }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const lc = card.lifecycle;
  const closedColumn = phases.find((p) => p.id === card.position.phaseId)?.kind === 'closed';
  const closed = lc.closure !== null || closedColumn;
  const next = useMemo(
    () => (closed ? undefined : nextFollowUp(followUpsForCard(card, today, ctx))),
    [card, today, ctx, closed],
  );
  const opstart = useMemo(() => (closed ? null : opstartStatusForCard(card, today)), [card, today, closed]);
  const pending = pendingRequests(card).length > 0;
  const temp =
    lc.temporaryChange && temporaryChangeState(lc.temporaryChange, today) !== 'ended' ? lc.temporaryChange : null;

  return (
    <>
      {next && (
        <div className={`card-followup fu-${next.status}`} data-testid="face-followup">
          <span className="visually-hidden">{t('lifecycle.face.followUp')}: </span>
          <span className="fu-text">
            {t('lifecycle.face.followUpLine', {
              label: lang === 'en' ? next.labelEn : next.label,
              date: formatShortDate(next.dueDate, lang),
            })}
          </span>{' '}
          <span className={`status-chip status-${next.status}`}>{t(`lifecycle.status.${next.status}`)}</span>
        </div>
      )}
      {opstart && opstart.status !== 'held' && (
        <div className={`card-opstart opstart-${opstart.status}`} data-testid="face-opstart">
          {opstart.status === 'overdue'
            ? t('lifecycle.face.opstartOverdue', { count: opstart.daysOverdue })
            : opstart.status === 'planned' && opstart.meetingDate
              ? t('lifecycle.face.opstartPlanned', { date: dayMonth(opstart.meetingDate, lang) })
              : opstart.daysLeft === 0
                ? t('lifecycle.face.opstartToday')
                : t('lifecycle.face.opstartIn', { count: opstart.daysLeft })}
        </div>
      )}
      {(temp || pending || lc.closure) && (
        <div className="card-badges">
          {temp && (
            <span className="badge badge-temp" title={temp.text}>
              {t('lifecycle.face.tempChange', { date: dayMonth(temp.endDate, lang) })}
            </span>
          )}
          {pending && <span className="badge badge-pending">{t('lifecycle.face.awaitingVisitator')}</span>}
          {lc.closure && (
            <span className="badge badge-closed">
              {t('lifecycle.face.closed', {
                outcome: t(`lifecycle.outcome.${lc.closure.outcome}`),
                date: dayMonth(lc.closure.closedOn, lang),
              })}
            </span>
          )}
        </div>
      )}
    </>
  );
}
