import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZodError } from 'zod';
import {
  EMPTY_CARD_LOG,
  LOG_CHIPS,
  LOG_KINDS,
  LOG_ROUTES,
  LOG_TEXT_MAX,
  hasRead,
  isAddressedTo,
  type Card,
  type LogKind,
  type LogRoute,
  writeLogEntry,
} from '../../../../shared/index.js';
import { useBoardSnapshot } from '../../hooks/useBoardSnapshot';
import { useLifecycleEnv } from '../lifecycle/env';
import { LogEntryItem, markLogRead } from './LogEntryItem';
import { useEveningShift } from './useEveningShift';

/**
 * The card's dated log (issue #12, R25, R35): write an observation in a tap or two (a chip,
 * maybe a word more) and save it, or hand it over ("Aflever") to the visitator's queue, the
 * next tavlemøde's agenda (as a nomination, so it is discussed) or the evening shift.
 * Newest first below, with who has read what was handed over.
 */
export function CardLogSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const { connection, user, editable } = env;
  const snapshot = useBoardSnapshot(connection);
  const log = snapshot.logs.get(card.id) ?? EMPTY_CARD_LOG;
  const [evening] = useEveningShift(user, snapshot.meta?.teamId ?? null);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<LogKind>('observation');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const me = { id: user.id, role: user.role, evening };

  const write = (routedTo?: LogRoute) => {
    const actor = { by: user.id, byName: user.name };
    try {
      const entry = { ...actor, kind, text: text.trim(), ...(routedTo ? { routedTo } : {}) };
      // To the agenda it is also a nomination, in the same transaction (doc/cardLogHandover.ts).
      connection.writeMeeting((md, origin) => writeLogEntry(md, card.id, entry, origin));
      setText('');
      setKind('observation');
      setError(null);
      setSaved(true);
    } catch (err) {
      const message = err instanceof ZodError ? (err.issues[0]?.message ?? '') : String(err);
      setError(t('cardLog.failed', { message }));
      setSaved(false);
    }
  };
  const addChip = (chip: string) => {
    setSaved(false);
    setText((current) => (current.trim() === '' ? chip : `${current.trim()}. ${chip}`));
  };
  const empty = text.trim() === '';
  const newestFirst = [...log.entries].reverse();

  return (
    <section className="card-log" aria-labelledby="card-log-h" data-testid="card-log">
      <h3 id="card-log-h">{t('cardLog.title')}</h3>
      {editable && (
        <form className="card-log-form" onSubmit={(e) => e.preventDefault()} aria-label={t('cardLog.write')}>
          <fieldset className="chips">
            <legend>{t('cardLog.chips')}</legend>
            <div className="chip-row">
              {LOG_CHIPS.map((chip) => (
                <button key={chip} type="button" className="chip" onClick={() => addChip(chip)}>
                  {chip}
                </button>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span>{t('cardLog.text')}</span>
            <textarea
              value={text}
              rows={3}
              maxLength={LOG_TEXT_MAX}
              onChange={(e) => {
                setSaved(false);
                setText(e.target.value);
              }}
              data-testid="card-log-text"
            />
            <span className="field-hint">{t('cardLog.textHint')}</span>
          </label>
          <fieldset className="chips">
            <legend>{t('cardLog.kind')}</legend>
            <div className="chip-row" role="group">
              {LOG_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  className="chip"
                  aria-pressed={kind === k}
                  onClick={() => setKind(k)}
                  data-testid={`card-log-kind-${k}`}
                >
                  {t(`cardLog.kinds.${k}`)}
                </button>
              ))}
            </div>
          </fieldset>
          <div className="card-log-actions">
            <button type="button" disabled={empty} onClick={() => write()} data-testid="card-log-save">
              {t('cardLog.save')}
            </button>
            <span className="card-log-handover" role="group" aria-label={t('cardLog.handOver')}>
              <span aria-hidden="true">{t('cardLog.handOver')}:</span>
              {LOG_ROUTES.map((r) => (
                <button
                  key={r}
                  type="button"
                  disabled={empty}
                  onClick={() => write(r)}
                  aria-label={`${t('cardLog.handOver')} ${t(`cardLog.routes.${r}`)}`}
                  data-testid={`card-log-route-${r}`}
                >
                  {t(`cardLog.routes.${r}`)}
                </button>
              ))}
            </span>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          {saved && (
            <p className="field-hint" role="status">
              {t('cardLog.saved')}
            </p>
          )}
        </form>
      )}
      <h4>{t('cardLog.history')}</h4>
      {newestFirst.length === 0 ? (
        <p className="meeting-note">{t('cardLog.empty')}</p>
      ) : (
        <ul className="card-log-list" data-testid="card-log-list">
          {newestFirst.map((entry) => (
            <LogEntryItem
              key={entry.id}
              entry={entry}
              log={log}
              onMarkRead={
                editable && isAddressedTo(me, entry) && !hasRead(log, entry.id, user.id)
                  ? () => markLogRead(connection, user, card.id, entry.id)
                  : undefined
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
