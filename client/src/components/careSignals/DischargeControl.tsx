import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from '../../../../shared/index.js';
import { formatInstant } from '../../../../shared/rules/dates.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { dayMonth, useLifecycleWrite } from '../lifecycle/util';

/**
 * "Udskrevet fra hospital" on the card (R27): one tap flags the citizen (today, or the day
 * chosen), who then comes up at every tavlemøde until "Gennemgået med planlægger" is tapped,
 * which records who and when. A flag, not a column: the citizen stays in their phase.
 */
export function DischargeControl({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [date, setDate] = useState(env.today);
  const [error, setError] = useState<string | null>(null);
  const d = card.lifecycle.discharge;
  const me = { by: env.user.id, byName: env.user.name };
  const run = (action: Parameters<typeof write>[0]) => setError(write(action));

  const flagForm = (label: string) =>
    env.editable && (
      <div className="discharge-flag">
        <label htmlFor={`${id}-date`}>{t('careSignals.discharge.date')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          max={env.today}
          onChange={(e) => setDate(e.target.value)}
          data-testid="discharge-date"
        />
        <button
          type="button"
          data-testid="discharge-flag"
          disabled={date === ''}
          onClick={() => run((board, origin) => board.flagDischarge(card.id, { date, ...me }, origin))}
        >
          {label}
        </button>
      </div>
    );

  return (
    <div className="lc-subsection discharge-control" data-testid="discharge-control">
      {d === null ? (
        flagForm(t('careSignals.discharge.flag'))
      ) : d.reviewedAt === null ? (
        <>
          <p className="discharge-status" data-testid="discharge-status">
            {t('careSignals.discharge.flagged', { date: dayMonth(d.date, env.lang) })}
          </p>
          {env.editable && (
            <div className="discharge-actions">
              <button
                type="button"
                data-testid="discharge-reviewed"
                onClick={() => run((board, origin) => board.markDischargeReviewed(card.id, me, origin))}
              >
                {t('careSignals.discharge.reviewed')}
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => run((board, origin) => board.clearDischarge(card.id, origin))}
              >
                {t('careSignals.discharge.clear')}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="muted" data-testid="discharge-status">
            {t('careSignals.discharge.reviewedBy', {
              date: dayMonth(d.date, env.lang),
              name: d.reviewedByName || d.reviewedBy,
              at: formatInstant(d.reviewedAt, 'dateTime', env.lang),
            })}
          </p>
          {flagForm(t('careSignals.discharge.again'))}
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
