import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GoalStatusSchema, type Card, type GoalKind, type GoalStatus } from '../../../../shared/index.js';
import { useLifecycleEnv } from './env';
import { useLifecycleWrite } from './util';

/** The citizen's own words ("Hvad er vigtigt for dig?") and the SMART goals, each with a status (R19). */
export function GoalsSection({ card }: { card: Card }) {
  return (
    <section className="lc-section">
      <GoalList card={card} kind="citizen" />
      <GoalList card={card} kind="smart" />
    </section>
  );
}

function GoalList({ card, kind }: { card: Card; kind: GoalKind }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const goals = card.lifecycle.goals.filter((g) => g.kind === kind);
  const title = kind === 'citizen' ? t('lifecycle.goals.citizenTitle') : t('lifecycle.goals.smartTitle');
  const prompt = kind === 'citizen' ? t('lifecycle.goals.citizenPrompt') : t('lifecycle.goals.smartPrompt');

  const add = (e: FormEvent) => {
    e.preventDefault();
    const err = write((board, origin) => board.addGoal(card.id, { kind, text }, origin));
    setError(err);
    if (err === null) setText('');
  };
  return (
    <div className="lc-subsection" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{title}</h3>
      {goals.length === 0 ? (
        <p className="muted">{t('lifecycle.goals.none')}</p>
      ) : (
        <ul className="lc-list">
          {goals.map((g) => (
            <li key={g.id} className={`goal goal-${g.status}`}>
              <p className={kind === 'citizen' ? 'goal-quote' : undefined}>{g.text}</p>
              <div className="goal-actions">
                <label className="visually-hidden" htmlFor={`${id}-${g.id}`}>
                  {t('lifecycle.goals.status')}
                </label>
                <select
                  id={`${id}-${g.id}`}
                  value={g.status}
                  disabled={!env.editable}
                  onChange={(e) =>
                    write((board, origin) =>
                      board.updateGoal(card.id, g.id, { status: e.target.value as GoalStatus }, origin),
                    )
                  }
                >
                  {GoalStatusSchema.options.map((s) => (
                    <option key={s} value={s}>
                      {t(`lifecycle.goalStatus.${s}`)}
                    </option>
                  ))}
                </select>
                {env.editable && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => write((board, origin) => board.removeGoal(card.id, g.id, origin))}
                  >
                    {t('lifecycle.goals.remove')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {env.editable && (
        <form className="lc-inline-form" onSubmit={add}>
          <label className="field">
            <span>{prompt}</span>
            <input value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">{t('lifecycle.goals.add')}</button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
