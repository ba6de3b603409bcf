import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { declinePattern, givenUpLabel, recentDeclines, type Card } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { instantDate, useLifecycleWrite } from '../lifecycle/util';

/** How many of the latest "nej tak" the card lists (the agenda rule counts them all). */
const RECENT = 10;

/**
 * "Nej tak" on the card (R24): tap what the citizen declined (the municipality's help types,
 * the same chips as the swaps) or write it, and it is logged as me, now. The count over the
 * municipality's window is shown, and when it reaches the threshold the card says the
 * citizen comes up at the tavlemøde – never that anything is closed (S2:3598-3606).
 */
export function DeclinesSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [other, setOther] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const { declineCount, declineDays } = env.careSignals;
  const now = new Date();
  const recentCount = recentDeclines(card.lifecycle.declines, now, declineDays).length;
  const pattern = declinePattern(card.lifecycle.declines, now, env.careSignals);
  const latest = [...card.lifecycle.declines].reverse().slice(0, RECENT);

  const log = (what: string) => {
    const err = write((board, origin) =>
      board.addDecline(card.id, { by: env.user.id, byName: env.user.name, what }, origin),
    );
    setMessage(err ? { error: true, text: err } : { error: false, text: t('careSignals.declines.saved', { what }) });
    if (!err) setOther('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (other.trim() !== '') log(other.trim());
  };

  return (
    <div className="lc-subsection declines-section" data-testid="declines-section">
      <h3>{t('careSignals.declines.title')}</h3>
      <p className="muted">{t('careSignals.declines.intro')}</p>
      <p className={pattern ? 'decline-pattern' : 'muted'} data-testid="decline-count">
        {pattern
          ? t('careSignals.declines.pattern', { count: pattern.count, days: pattern.days })
          : t('careSignals.declines.count', { count: recentCount, days: declineDays, threshold: declineCount })}
      </p>
      {env.editable && (
        <fieldset className="swap-chips decline-chips">
          <legend id={`${id}-what`}>{t('careSignals.declines.what')}</legend>
          {env.swaps.helpTypes.map((h) => (
            <button
              key={h.id}
              type="button"
              className="swap-chip"
              data-testid="decline-chip"
              onClick={() => log(givenUpLabel(env.swaps, h.id))}
            >
              {h.label}
            </button>
          ))}
          <form className="swap-other" onSubmit={submit}>
            <label>
              <span>{t('careSignals.declines.other')}</span>
              <input
                value={other}
                maxLength={120}
                onChange={(e) => setOther(e.target.value)}
                data-testid="decline-other"
              />
            </label>
            <button type="submit" className="swap-save" disabled={other.trim() === ''}>
              {t('careSignals.declines.save')}
            </button>
          </form>
        </fieldset>
      )}
      {message && (
        <p className={message.error ? 'field-error' : 'swap-saved'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {latest.length === 0 ? (
        <p className="muted">{t('careSignals.declines.none')}</p>
      ) : (
        <ul className="lc-list decline-list" data-testid="decline-list">
          {latest.map((d) => (
            <li key={d.id}>
              <span>{d.what}</span>
              <span className="muted">
                {' '}
                · {t('careSignals.declines.byAt', { by: d.byName || d.by, date: instantDate(d.at, env.lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
