import { useTranslation } from 'react-i18next';
import { meetingClock, type MeetingState } from '../../../../shared/index.js';
import { useNow } from '../../hooks/useMeeting';
import { formatClock } from './display';

/** Meeting and item clocks, run locally from the server's instants (no ticks over the wire). */
export function MeetingClockView({ state, offset }: { state: MeetingState; offset: number }) {
  const { t } = useTranslation();
  const now = useNow(!state.paused, 1000);
  const clock = meetingClock(state, now + offset);
  return (
    <div className={`meeting-clocks${clock.overrun ? ' overrun' : ''}`} data-testid="meeting-clocks">
      <span>
        {t('meeting.meetingTime')} <strong>{formatClock(clock.meetingElapsedMs)}</strong>
      </span>
      {clock.itemElapsedMs !== null && (
        <span>
          {t('meeting.itemTime')} <strong>{formatClock(clock.itemElapsedMs)}</strong>
          {clock.itemRemainingMs !== null && state.itemTimeBoxSec !== null && (
            <> / {formatClock(state.itemTimeBoxSec * 1000)}</>
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
