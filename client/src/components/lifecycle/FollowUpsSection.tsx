import * as RadioGroup from '@radix-ui/react-radio-group';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DecisionCodeSchema,
  cadenceTemplateForCard,
  followUpsForCard,
  formatDateWithWeek,
  isCalendarDate,
  nextDueDateForCard,
  type Card,
  type CardFollowUp,
  type DecisionCode,
} from '../../../../shared/index.js';
import { useLifecycleEnv } from './env';
import { dateRange, dayMonth, instantDate, useLifecycleWrite } from './util';

/** Every follow-up of the forløb with date, ISO week, window and status; "Gennemfør" records the decision. */
export function FollowUpsSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const id = useId();
  const followUps = useMemo(() => followUpsForCard(card, env.today, env.ctx), [card, env.today, env.ctx]);
  const next = nextDueDateForCard(card, env.today, env.ctx);
  const template = cadenceTemplateForCard(card, env.ctx);
  const [completing, setCompleting] = useState<string | null>(null);

  return (
    <section className="lc-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('lifecycle.followUps.title')}</h3>
      {next && (
        <p className="lc-next" data-testid="next-due">
          {t('lifecycle.followUps.next', { date: formatDateWithWeek(next, env.lang) })}
        </p>
      )}
      {followUps.length === 0 ? (
        <p className="muted">
          {template?.individual ? t('lifecycle.followUps.noneTemplate') : t('lifecycle.followUps.none')}
        </p>
      ) : (
        <ol className="lc-list followup-list">
          {followUps.map((fu) => (
            <li key={fu.id} className={`followup-item fu-${fu.status}`} data-testid={`followup-${fu.id}`}>
              <div className="followup-head">
                <strong>{env.lang === 'en' ? fu.labelEn : fu.label}</strong>
                <span className={`status-chip status-${fu.status}`}>{t(`lifecycle.status.${fu.status}`)}</span>
              </div>
              <div className="followup-meta">
                {formatDateWithWeek(fu.dueDate, env.lang)} ·{' '}
                {t('lifecycle.followUps.window', { range: dateRange(fu.windowStart, fu.windowEnd, env.lang) })}
              </div>
              {fu.optional && fu.status !== 'completed' && (
                <div className="field-hint">{t('lifecycle.followUps.optional')}</div>
              )}
              {!fu.inTemplate && <div className="field-hint">{t('lifecycle.followUps.notInTemplate')}</div>}
              {fu.status === 'completed' ? (
                <CompletedLine card={card} fu={fu} />
              ) : (
                fu.status !== 'lapsed' &&
                env.editable &&
                (completing === fu.id ? (
                  <CompleteForm card={card} fu={fu} onDone={() => setCompleting(null)} />
                ) : (
                  <button type="button" onClick={() => setCompleting(fu.id)}>
                    {t('lifecycle.followUps.complete')}
                    <span className="visually-hidden"> – {env.lang === 'en' ? fu.labelEn : fu.label}</span>
                  </button>
                ))
              )}
            </li>
          ))}
        </ol>
      )}
      <DecisionHistory card={card} />
    </section>
  );
}

function CompletedLine({ card, fu }: { card: Card; fu: CardFollowUp }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  return (
    <div className="followup-done">
      {t('lifecycle.followUps.doneBy', {
        date: fu.completedOn ? dayMonth(fu.completedOn, env.lang) : '',
        name: fu.completedByName || fu.completedBy || '',
      })}
      {fu.decision && (
        <span className="tag decision-tag">
          {fu.decision.code} {t(`lifecycle.decision.${fu.decision.code}`)}
        </span>
      )}
      {env.editable && fu.completedBy === env.user.id && (
        <button
          type="button"
          className="link-button"
          onClick={() => write((board, origin) => board.uncompleteFollowUp(card.id, fu.id, origin))}
        >
          {t('lifecycle.followUps.undo')}
        </button>
      )}
    </div>
  );
}

function CompleteForm({ card, fu, onDone }: { card: Card; fu: CardFollowUp; onDone: () => void }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [date, setDate] = useState(env.today);
  const [code, setCode] = useState<DecisionCode>('E1');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const label = env.lang === 'en' ? fu.labelEn : fu.label;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!isCalendarDate(date)) return setError(t('validation.date'));
    const err = write((board, origin) =>
      board.completeFollowUp(
        card.id,
        fu.id,
        { date, by: env.user.id, byName: env.user.name, decision: { code, reason } },
        origin,
      ),
    );
    setError(err);
    if (err === null) onDone();
  };
  return (
    <form
      className="lc-form complete-form"
      onSubmit={submit}
      aria-label={t('lifecycle.followUps.completeTitle', { label })}
    >
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('lifecycle.followUps.date')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      <fieldset className="field decision-picker">
        <legend id={`${id}-code`}>{t('lifecycle.followUps.decision')}</legend>
        {/* Radix radio group: one tab stop, arrow keys, styled as the shared choice list. */}
        <RadioGroup.Root
          className="choice-list"
          value={code}
          onValueChange={(v) => setCode(DecisionCodeSchema.parse(v))}
          aria-labelledby={`${id}-code`}
        >
          {DecisionCodeSchema.options.map((c) => (
            <RadioGroup.Item key={c} value={c} className="choice">
              <span className="decision-code">{c}</span> {t(`lifecycle.decision.${c}`)}
            </RadioGroup.Item>
          ))}
        </RadioGroup.Root>
      </fieldset>
      {code === 'E3' && <p className="field-hint">{t('lifecycle.followUps.e3Hint')}</p>}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('lifecycle.followUps.reason')}</label>
        <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <p className="field-hint">{t('lifecycle.followUps.reasonHint')}</p>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('lifecycle.followUps.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('lifecycle.followUps.cancel')}
        </button>
      </div>
    </form>
  );
}

function DecisionHistory({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const id = useId();
  const decisions = [...card.lifecycle.decisions].reverse();
  return (
    <div className="lc-subsection" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('lifecycle.decisions.title')}</h3>
      {decisions.length === 0 ? (
        <p className="muted">{t('lifecycle.decisions.none')}</p>
      ) : (
        <ul className="lc-list" data-testid="decision-list">
          {decisions.map((d) => (
            <li key={d.id}>
              <strong>
                {t('lifecycle.decisions.entry', { code: d.code, label: t(`lifecycle.decision.${d.code}`) })}
              </strong>
              {d.reason && <span> – {d.reason}</span>}
              <div className="field-hint">
                {t('lifecycle.decisions.by', { name: d.byName || d.by, date: instantDate(d.at, env.lang) })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
