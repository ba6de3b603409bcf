import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ClosureOutcomeSchema,
  formatDateWithWeek,
  isCalendarDate,
  pendingRequests,
  type Card,
  type ClosureOutcome,
} from '../../../../shared/index.js';
import { RequestForm } from './RequestForm';
import { useLifecycleEnv } from './env';
import { useLifecycleWrite } from './util';

/**
 * Close the forløb (R6): outcome, date, whether the visitator took part, a note. A role the
 * delegation matrix does not allow to close gets "Send anmodning til visitator" instead.
 */
export function CloseSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const closure = card.lifecycle.closure;
  const [outcome, setOutcome] = useState<ClosureOutcome>('afsluttet');
  const [date, setDate] = useState(env.today);
  const [visitator, setVisitator] = useState(env.user.role === 'visitator');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const closeRequests = card.lifecycle.requests.filter((r) => r.kind === 'afslut');
  const pending = pendingRequests(card).some((r) => r.kind === 'afslut');
  const approved = closeRequests.some((r) => r.status === 'godkendt');

  if (closure) {
    return (
      <section className="lc-section" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>{t('lifecycle.close.title')}</h3>
        <p className="lc-ok" data-testid="closure">
          {t('lifecycle.close.closedOn', {
            outcome: t(`lifecycle.outcome.${closure.outcome}`),
            date: formatDateWithWeek(closure.closedOn, env.lang),
            name: closure.byName || closure.by,
          })}{' '}
          {closure.visitatorParticipated ? t('lifecycle.close.visitatorYes') : t('lifecycle.close.visitatorNo')}
        </p>
        {closure.note && <p>{closure.note}</p>}
        {env.can('create') && (
          <button type="button" onClick={() => write((board, origin) => board.reopenForlob(card.id, origin))}>
            {t('lifecycle.close.reopen')}
          </button>
        )}
      </section>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!isCalendarDate(date)) return setError(t('validation.date'));
    setError(
      write((board, origin) =>
        board.closeForlob(
          card.id,
          {
            outcome,
            closedOn: date,
            by: env.user.id,
            byName: env.user.name,
            visitatorParticipated: visitator,
            note,
          },
          origin,
        ),
      ),
    );
  };

  return (
    <section className="lc-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('lifecycle.close.title')}</h3>
      {approved && <p className="lc-ok">{t('lifecycle.close.approved')}</p>}
      {!env.editable ? null : env.can('close') ? (
        <form className="lc-form" onSubmit={submit} data-testid="close-form">
          <div className="field">
            <label htmlFor={`${id}-outcome`}>{t('lifecycle.close.outcome')}</label>
            <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as ClosureOutcome)}>
              {ClosureOutcomeSchema.options.map((o) => (
                <option key={o} value={o}>
                  {t(`lifecycle.outcome.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('lifecycle.close.date')}</label>
            <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <label className="check-line">
            <input type="checkbox" checked={visitator} onChange={(e) => setVisitator(e.target.checked)} />
            {t('lifecycle.close.visitator')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('lifecycle.close.note')}</label>
            <textarea
              id={`${id}-note`}
              rows={2}
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary danger">
            {t('lifecycle.close.submit')}
          </button>
        </form>
      ) : (
        <div data-testid="close-request">
          <p>{t('lifecycle.close.notAllowed')}</p>
          {pending ? (
            <p className="lc-warning">{t('lifecycle.close.pending')}</p>
          ) : (
            <RequestForm card={card} kind="afslut" />
          )}
        </div>
      )}
    </section>
  );
}
