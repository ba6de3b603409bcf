import { useTranslation } from 'react-i18next';
import { meetingBudget, meetingClock, type AgendaEntry, type MeetingState } from '../../../../shared/index.js';
import { useNow } from '../../hooks/useMeeting';
import { formatClock } from './display';

interface Props {
  state: MeetingState;
  offset: number;
  /** The agenda: its time boxes are the meeting's budget (the leader's panel); without it only the clocks. */
  agenda?: readonly AgendaEntry[];
  /** The meeting's length the agenda was planned against (its stored plan); else the time boxes' sum. */
  budgetMin?: number | null;
}

/**
 * Meeting and item clocks, run locally from the server's instants (no ticks over the wire),
 * with the time left of the budget and of the current item, and what is still open.
 */
export function MeetingClockView({ state, offset, agenda, budgetMin }: Props) {
  const { t } = useTranslation();
  const now = useNow(!state.paused, 1000);
  const clock = meetingClock(state, now + offset);
  const budget = meetingBudget(agenda ?? [], clock.meetingElapsedMs, budgetMin);
  const over = budget.plannedMs > 0 && budget.remainingMs < 0;
  return (
    <div className={`meeting-clocks${clock.overrun ? ' overrun' : ''}`} data-testid="meeting-clocks">
      <span>
        {t('meeting.meetingTime')} <strong>{formatClock(clock.meetingElapsedMs)}</strong>
      </span>
      {budget.plannedMs > 0 && (
        <span className={over ? 'meeting-over' : undefined} data-testid="meeting-budget">
          {over
            ? t('meeting.budgetOver', {
                over: formatClock(-budget.remainingMs),
                planned: formatClock(budget.plannedMs),
              })
            : t('meeting.budgetLeft', {
                left: formatClock(budget.remainingMs),
                planned: formatClock(budget.plannedMs),
              })}
        </span>
      )}
      {budget.openItems > 0 && (
        <span data-testid="meeting-open-items">
          {t('meeting.openItems', { count: budget.openItems, time: formatClock(budget.openMs) })}
        </span>
      )}
      {clock.itemElapsedMs !== null && (
        <span data-testid="meeting-item-clock">
          {t('meeting.itemTime')} <strong>{formatClock(clock.itemElapsedMs)}</strong>
          {clock.itemRemainingMs !== null && state.itemTimeBoxSec !== null && (
            <> / {formatClock(state.itemTimeBoxSec * 1000)}</>
          )}
          {clock.itemRemainingMs !== null && clock.itemRemainingMs >= 0 && (
            <> · {t('meeting.itemLeft', { left: formatClock(clock.itemRemainingMs) })}</>
          )}
        </span>
      )}
      {clock.overrun && (
        <span className="meeting-overrun" role="status">
          {t('meeting.overrun')}
        </span>
      )}
    </div>
  );
}
