import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card, VisitatorRequest } from '../../../../shared/index.js';
import { RequestForm } from './RequestForm';
import { useLifecycleEnv } from './env';
import { instantDate, useLifecycleWrite } from './util';

/** Requests to the visitator (R15): anyone on the team asks; the visitator approves or declines, live. */
export function RequestsSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const id = useId();
  const requests = [...card.lifecycle.requests].reverse();
  return (
    <section className="lc-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('lifecycle.requests.title')}</h3>
      {requests.length === 0 ? (
        <p className="muted">{t('lifecycle.requests.none')}</p>
      ) : (
        <ul className="lc-list" data-testid="request-list">
          {requests.map((r) => (
            <RequestItem key={r.id} card={card} request={r} />
          ))}
        </ul>
      )}
      <RequestForm card={card} />
    </section>
  );
}

export function RequestItem({ card, request: r }: { card: Card; request: VisitatorRequest }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [note, setNote] = useState('');
  const decide = (status: 'godkendt' | 'afvist') =>
    write((board, origin) =>
      board.decideRequest(
        card.id,
        r.id,
        { status, decidedBy: env.user.id, decidedByName: env.user.name, note },
        origin,
      ),
    );
  return (
    <li className={`request request-${r.status}`} data-testid={`request-${r.id}`}>
      <div className="followup-head">
        <strong>{t(`lifecycle.requestKind.${r.kind}`)}</strong>
        <span className={`status-chip request-status-${r.status}`}>{t(`lifecycle.requestStatus.${r.status}`)}</span>
      </div>
      <p className="request-reason">{r.reason}</p>
      <div className="field-hint">
        {t('lifecycle.requests.by', { name: r.byName || r.by, date: instantDate(r.at, env.lang) })}
      </div>
      {r.status !== 'afventer' && r.decidedAt && (
        <div className="field-hint">
          {t('lifecycle.requests.decidedBy', {
            status: t(`lifecycle.requestStatus.${r.status}`),
            name: r.decidedByName || r.decidedBy || '',
            date: instantDate(r.decidedAt, env.lang),
          })}
          {r.decisionNote && <span> – {r.decisionNote}</span>}
        </div>
      )}
      {r.status === 'afventer' && env.decidesRequests && (
        <div className="request-decide">
          <label className="visually-hidden" htmlFor={`${id}-note`}>
            {t('lifecycle.requests.note')}
          </label>
          <input
            id={`${id}-note`}
            placeholder={t('lifecycle.requests.note')}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => decide('godkendt')}>
              {t('lifecycle.requests.approve')}
            </button>
            <button type="button" onClick={() => decide('afvist')}>
              {t('lifecycle.requests.decline')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
