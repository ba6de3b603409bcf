import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from '../../../../shared/index.js';
import { useMeetingSnapshot } from '../../hooks/useMeeting';
import { useLifecycleEnv } from '../lifecycle/env';

interface Props {
  card: Card;
  /** Privacy mode: written questions stay hidden. */
  privacy: boolean;
}

/**
 * From a card to the next meeting: "Sæt på dagsorden" (a nomination, shown on the generated
 * agenda as "foreslået af …") and "Spørg visitator" (a question for the visitator's day).
 */
export function CardMeetingActions({ card, privacy }: Props) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const { nominations, questions } = useMeetingSnapshot(env.connection);
  const id = useId();
  const [note, setNote] = useState('');
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = nominations.filter((n) => n.cardId === card.id);
  const asked = questions.filter((q) => q.cardId === card.id);
  const actor = { by: env.user.id, byName: env.user.name };

  const run = (fn: () => void) => {
    try {
      fn();
      setError(null);
      return true;
    } catch (e) {
      setError(t('meeting.failed', { message: e instanceof Error ? e.message : String(e) }));
      return false;
    }
  };
  const nominate = (e: FormEvent) => {
    e.preventDefault();
    const ok = run(() =>
      env.connection.writeMeeting((md, origin) =>
        md.nominate({ ...actor, cardId: card.id, note: note.trim() }, origin),
      ),
    );
    if (ok) setNote('');
  };
  const ask = (e: FormEvent) => {
    e.preventDefault();
    const ok = run(() =>
      env.connection.writeMeeting((md, origin) =>
        md.askVisitator({ ...actor, cardId: card.id, text: question.trim() }, origin),
      ),
    );
    if (ok) setQuestion('');
  };

  return (
    <section className="lc-section" aria-labelledby={`${id}-h`} data-testid="card-meeting-actions">
      <h3 id={`${id}-h`}>{t('meeting.cardSection')}</h3>
      {mine.length > 0 && (
        <p className="field-hint" data-testid="card-nominated">
          {t('meeting.nominatedBy', { names: mine.map((n) => n.byName).join(', ') })}
        </p>
      )}
      {env.editable && (
        <form className="meeting-inline-form" onSubmit={nominate}>
          <label>
            {t('meeting.nominateNote')}
            <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="nominate-note" />
          </label>
          <button type="submit" data-testid="nominate">
            {t('meeting.nominate')}
          </button>
        </form>
      )}
      {asked.length > 0 && !privacy && (
        <ul className="lc-list">
          {asked.map((q) => (
            <li key={q.id} data-testid={`card-question-${q.id}`}>
              {q.text}{' '}
              <span className="field-hint">
                {q.status === 'answered'
                  ? t('meeting.answered', { name: q.answeredByName ?? '', answer: q.answer ?? '' })
                  : t('meeting.askedBy', { name: q.byName })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {env.editable && (
        <form className="meeting-inline-form" onSubmit={ask}>
          <label>
            {t('meeting.askText')}
            <input
              value={question}
              maxLength={500}
              onChange={(e) => setQuestion(e.target.value)}
              data-testid="ask-visitator-text"
            />
          </label>
          <button type="submit" disabled={question.trim() === ''} data-testid="ask-visitator">
            {t('meeting.ask')}
          </button>
        </form>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
