import { Check } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OPSTART_PARTICIPANTS,
  OPSTART_PARTICIPANT_GUIDANCE,
  formatDateWithWeek,
  isCalendarDate,
  opstartStatusForCard,
  type Card,
  type OpstartParticipant,
} from '../../../../shared/index.js';
import { CommitInput } from './CommitInput';
import { useLifecycleEnv } from './env';
import { dateRange, useLifecycleWrite } from './util';

/** The opstartsmøde: countdown to visitation + 14, planned date, who joins (with the seeds' advice), held. */
export function OpstartSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const plan = card.lifecycle.opstart;
  const status = opstartStatusForCard(card, env.today);
  const readOnly = !env.editable;

  const savePlan = (patch: Partial<{ plannedDate: string | null; participants: OpstartParticipant[]; note: string }>) =>
    write((board, origin) =>
      board.planOpstart(
        card.id,
        { plannedDate: plan.plannedDate, participants: [...plan.participants], note: plan.note, ...patch },
        origin,
      ),
    );
  const toggle = (p: OpstartParticipant) => {
    const has = plan.participants.includes(p);
    savePlan({ participants: has ? plan.participants.filter((x) => x !== p) : [...plan.participants, p] });
  };

  return (
    <section className="lc-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('lifecycle.opstart.title')}</h3>
      {status === null ? (
        <p className="muted">{t('lifecycle.opstart.needVisitation')}</p>
      ) : (
        <div className={`opstart-status opstart-${status.status}`} data-testid="opstart-status">
          <strong>{t(`lifecycle.opstartStatus.${status.status}`)}</strong>
          <div>{t('lifecycle.opstart.deadline', { date: formatDateWithWeek(status.deadline, env.lang) })}</div>
          {status.status !== 'held' && (
            <div>
              {status.daysLeft < 0
                ? t('lifecycle.opstart.overdue', { count: status.daysOverdue })
                : t('lifecycle.opstart.daysLeft', { count: status.daysLeft })}
            </div>
          )}
          {status.daysSinceStart >= 0 && (
            <div>{t('lifecycle.opstart.sinceStart', { count: status.daysSinceStart })}</div>
          )}
          <div className="field-hint">
            {t('lifecycle.opstart.norm', { range: dateRange(status.normWindow.from, status.normWindow.to, env.lang) })}
          </div>
        </div>
      )}
      <CommitInput
        label={t('lifecycle.opstart.planned')}
        type="date"
        value={plan.plannedDate ?? ''}
        readOnly={readOnly}
        onCommit={(v) => {
          if (v !== '' && !isCalendarDate(v)) return t('validation.date');
          return savePlan({ plannedDate: v === '' ? null : v });
        }}
      />
      <fieldset className="field chips" disabled={readOnly}>
        <legend>{t('lifecycle.opstart.participants')}</legend>
        <div className="chip-row">
          {OPSTART_PARTICIPANTS.map((p) => (
            <button
              key={p}
              type="button"
              className="chip"
              aria-pressed={plan.participants.includes(p)}
              onClick={() => toggle(p)}
            >
              {plan.participants.includes(p) && <Check aria-hidden="true" />}
              {t(`lifecycle.participant.${p}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <details className="guidance">
        <summary>{t('lifecycle.opstart.guidance')}</summary>
        <ul>
          {OPSTART_PARTICIPANT_GUIDANCE.map((g) => (
            <li key={g.id}>{g.text}</li>
          ))}
        </ul>
      </details>
      <CommitInput
        label={t('lifecycle.opstart.note')}
        value={plan.note}
        readOnly={readOnly}
        onCommit={(v) => savePlan({ note: v })}
      />
      {plan.heldOn ? (
        <p className="lc-ok">
          {t('lifecycle.opstart.heldOn', { date: formatDateWithWeek(plan.heldOn, env.lang) })}{' '}
          {!readOnly && (
            <button
              type="button"
              className="link-button"
              onClick={() => write((board, origin) => board.markOpstartHeld(card.id, null, origin))}
            >
              {t('lifecycle.opstart.notHeld')}
            </button>
          )}
        </p>
      ) : (
        !readOnly && (
          <button
            type="button"
            className="primary"
            onClick={() => write((board, origin) => board.markOpstartHeld(card.id, env.today, origin))}
          >
            {t('lifecycle.opstart.held')}
          </button>
        )
      )}
    </section>
  );
}
