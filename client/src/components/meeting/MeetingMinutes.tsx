import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MINUTES_LABELS,
  actionLine,
  buildMinutes,
  decisionLine,
  minutesMarkdown,
  type ActionItem,
  type AgendaEntry,
  type Meeting,
  type ParkedEntry,
} from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { useLifecycleEnv } from '../lifecycle/env';

interface Props {
  meeting: Meeting;
  agenda: readonly AgendaEntry[];
  actions: readonly ActionItem[];
  parked?: readonly ParkedEntry[];
  board: BoardSnapshot;
  privacy: boolean;
}

/**
 * Printable minutes ("Referat") per citizen discussed, with "Kopiér som Markdown" and
 * "Hent PDF". The model is shared with the server's PDF (shared/rules/minutes.ts).
 */
export function MeetingMinutes({ meeting, agenda, actions, parked, board, privacy }: Props) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const L = MINUTES_LABELS;
  const lang = env.lang;
  const [copied, setCopied] = useState(false);
  const model = useMemo(
    () => buildMinutes({ meeting, agenda, actions, parked, cards: board.cardsById, lang, privacy }),
    [meeting, agenda, actions, parked, board.cardsById, lang, privacy],
  );
  const pdfUrl = `/api/boards/${encodeURIComponent(env.connection.boardId)}/meetings/${encodeURIComponent(meeting.id)}/minutes.pdf`;

  const copy = async () => {
    await navigator.clipboard.writeText(minutesMarkdown(model, lang));
    setCopied(true);
  };

  return (
    <section className="meeting-minutes" data-testid="meeting-minutes" aria-labelledby="minutes-title">
      <h3 id="minutes-title">{model.title}</h3>
      {model.window && <p>{model.window}</p>}
      <div className="meeting-actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('meeting.print')}
        </button>
        <button type="button" onClick={() => void copy()} data-testid="copy-markdown">
          {t('meeting.copyMarkdown')}
        </button>
        {/* the PDF has full names and agreements: never from the wall screen */}
        {!privacy && (
          <a className="button" href={pdfUrl} download data-testid="minutes-pdf">
            {t('meeting.downloadPdf')}
          </a>
        )}
        {copied && <span role="status">{t('meeting.copied')}</span>}
      </div>
      {model.entries.length === 0 ? (
        <p>{L.noneDiscussed[lang]}</p>
      ) : (
        model.entries.map((e) => (
          <article key={e.itemId} className="minutes-entry" data-testid={`minutes-${e.itemId}`}>
            <h4>{e.name}</h4>
            <dl>
              <dt>{L.status[lang]}</dt>
              <dd>{e.status}</dd>
              {e.reasons.length > 0 && (
                <>
                  <dt>{L.reasons[lang]}</dt>
                  <dd>{e.reasons.join('; ')}</dd>
                </>
              )}
              {e.note && (
                <>
                  <dt>{L.note[lang]}</dt>
                  <dd>{e.note}</dd>
                </>
              )}
              {e.decisions.length > 0 && (
                <>
                  <dt>{L.decisions[lang]}</dt>
                  {e.decisions.map((d, i) => (
                    <dd key={i}>{decisionLine(d)}</dd>
                  ))}
                </>
              )}
              {e.actions.length > 0 && (
                <>
                  <dt>{L.actions[lang]}</dt>
                  {e.actions.map((a, i) => (
                    <dd key={i}>{actionLine(a, lang)}</dd>
                  ))}
                </>
              )}
            </dl>
          </article>
        ))
      )}
      {model.parked.length > 0 && (
        <article className="minutes-entry" data-testid="minutes-parked">
          <h4>{L.parked[lang]}</h4>
          <ul>
            {model.parked.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </article>
      )}
    </section>
  );
}
