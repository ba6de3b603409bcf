import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  compareByName,
  isClosedCard,
  pendingRequests,
  type Card,
  type StoredVisitatorQuestion,
} from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { displayName } from '../card/display';
import { RequestItem } from '../lifecycle/RequestsSection';
import { useLifecycleEnv } from '../lifecycle/env';
import { HandedToVisitator, handedToVisitator } from '../cardlog/HandedToVisitator';

interface Props {
  board: BoardSnapshot;
  questions: readonly StoredVisitatorQuestion[];
  privacy: boolean;
  onOpen: (cardId: string) => void;
  onError: (message: string) => void;
}

/**
 * "Spørg visitator" (R15, R16): the questions gathered during the week and the requests
 * waiting for a decision. On her day the visitator answers and decides here, live.
 */
export function VisitatorQueue({ board, questions, privacy, onOpen, onError }: Props) {
  const { t } = useTranslation();
  const { user } = useLifecycleEnv();
  const open = questions.filter((q) => q.status === 'open');
  const handed = handedToVisitator(board, user).length;
  const waiting = [...board.cardsById.values()]
    .filter((c) => !isClosedCard(c, board.phases) && pendingRequests(c).length > 0)
    .sort(compareByName);
  return (
    <section className="visitator-queue" aria-labelledby="visitator-queue-h" data-testid="visitator-queue">
      <h3 id="visitator-queue-h">{t('meeting.queue')}</h3>
      {open.length === 0 && waiting.length === 0 && handed === 0 && (
        <p className="meeting-note">{t('meeting.queueEmpty')}</p>
      )}
      <HandedToVisitator board={board} privacy={privacy} onOpen={onOpen} />
      {open.length > 0 && (
        <ul className="lc-list">
          {open.map((q) => (
            <QuestionItem
              key={q.id}
              question={q}
              card={q.cardId === null ? undefined : board.cardsById.get(q.cardId)}
              privacy={privacy}
              onOpen={onOpen}
              onError={onError}
            />
          ))}
        </ul>
      )}
      {waiting.map((c) => (
        <div key={c.id} className="queue-card">
          <button type="button" className="link" onClick={() => onOpen(c.id)}>
            {displayName(c, privacy)}
          </button>
          {!privacy && (
            <ul className="lc-list">
              {pendingRequests(c).map((r) => (
                <RequestItem key={r.id} card={c} request={r} />
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

function QuestionItem({
  question: q,
  card,
  privacy,
  onOpen,
  onError,
}: {
  question: StoredVisitatorQuestion;
  card: Card | undefined;
  privacy: boolean;
  onOpen: (cardId: string) => void;
  onError: (message: string) => void;
}) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const [answer, setAnswer] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      env.connection.writeMeeting((md, origin) =>
        md.answerQuestion(q.id, { answer: answer.trim(), by: env.user.id, byName: env.user.name }, origin),
      );
      setAnswer('');
    } catch (err) {
      onError(t('meeting.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <li className="request" data-testid={`question-${q.id}`}>
      {card && (
        <button type="button" className="link" onClick={() => onOpen(card.id)}>
          {displayName(card, privacy)}
        </button>
      )}
      {/* the question is written text: hidden on the wall screen like notes */}
      {!privacy && <p className="request-reason">{q.text}</p>}
      <div className="field-hint">{t('meeting.askedBy', { name: q.byName })}</div>
      {env.decidesRequests && !privacy && (
        <form className="meeting-inline-form" onSubmit={submit}>
          <label>
            {t('meeting.answer')}
            <input
              value={answer}
              maxLength={1000}
              onChange={(e) => setAnswer(e.target.value)}
              data-testid="question-answer"
            />
          </label>
          <button type="submit" disabled={answer.trim() === ''} data-testid="question-answer-send">
            {t('meeting.answerSend')}
          </button>
        </form>
      )}
    </li>
  );
}
