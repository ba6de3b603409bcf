import { useTranslation } from 'react-i18next';
import type { Card } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { useResponseClock } from './triageClock';

/**
 * The response clock in the detail panel, with the action that stops it: "Vurdering
 * foretaget" for red, "Handleplan lagt" for yellow (recorded through MeetingDoc, who and when).
 */
export function ResponseClockSection({ card, readOnly }: { card: Card; readOnly: boolean }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const clock = useResponseClock(card);
  if (!clock) return null;
  const handle = () =>
    env.connection.writeMeeting((md, origin) =>
      md.markTriageResponse(card.id, { by: env.user.id, byName: env.user.name }, origin),
    );
  return (
    <div className={`field response-clock clock-${clock.status}`} data-testid="response-clock">
      <span className="field-label">{t('clock.title')}</span>
      <p data-status={clock.status}>{clock.label}</p>
      {clock.response && <p className="field-hint">{t('clock.by', { name: clock.response.byName })}</p>}
      {clock.status !== 'handled' && !readOnly && (
        <button type="button" onClick={handle} data-testid="response-clock-handle">
          {t(
            card.triage === 'red'
              ? 'clock.handleRed'
              : card.triage === 'yellow'
                ? 'clock.handleYellow'
                : 'clock.handle',
          )}
        </button>
      )}
    </div>
  );
}
