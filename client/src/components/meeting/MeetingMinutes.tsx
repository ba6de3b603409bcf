import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MINUTES_LABELS,
  actionLine,
  agreementLine,
  buildMinutes,
  changeLine,
  minutesHeader,
  minutesMarkdown,
  type ActionItem,
  type AgendaEntry,
  type Meeting,
  type ParkedEntry,
  type StoredTriageEvent,
  type StoredVisitatorQuestion,
} from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { useLifecycleEnv } from '../lifecycle/env';

interface Props {
  meeting: Meeting;
  agenda: readonly AgendaEntry[];
  actions: readonly ActionItem[];
  parked?: readonly ParkedEntry[];
  triageEvents: readonly StoredTriageEvent[];
  questions: readonly StoredVisitatorQuestion[];
  board: BoardSnapshot;
  privacy: boolean;
}

/** A titled list; nothing when empty. */
function Section({ title, lines, testId }: { title: string; lines: readonly string[]; testId: string }) {
  if (lines.length === 0) return null;
  return (
    <article className="minutes-entry" data-testid={testId}>
      <h4>{title}</h4>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </article>
  );
}

/** The browser's print of the minutes alone (app.css scopes its print rules to this class); Ctrl+P prints the board. */
function printMinutes(): void {
  document.body.classList.add('printing-minutes');
  const done = () => document.body.classList.remove('printing-minutes');
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}

/**
 * Printable minutes ("Referat") per citizen taken up, with "Kopiér som tekst", "Hent PDF"
 * and each citizen's "Min plan". The model is shared with the server's PDF
 * (shared/rules/minutes.ts).
 */
export function MeetingMinutes(props: Props) {
  const { meeting, agenda, actions, parked, triageEvents, questions, board, privacy } = props;
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const L = MINUTES_LABELS;
  const lang = env.lang;
  const [copied, setCopied] = useState(false);
  const model = useMemo(
    () =>
      buildMinutes({
        meeting,
        agenda,
        actions,
        parked,
        triageEvents,
        questions,
        phases: board.phases,
        cards: board.cardsById,
        lang,
        privacy,
      }),
    [meeting, agenda, actions, parked, triageEvents, questions, board.phases, board.cardsById, lang, privacy],
  );
  const base = `/api/boards/${encodeURIComponent(env.connection.boardId)}`;
  const pdfUrl = `${base}/meetings/${encodeURIComponent(meeting.id)}/minutes.pdf`;

  const copy = async () => {
    await navigator.clipboard.writeText(minutesMarkdown(model, lang));
    setCopied(true);
  };

  return (
    <section className="meeting-minutes" data-testid="meeting-minutes" aria-labelledby="minutes-title">
      <h3 id="minutes-title">{model.title}</h3>
      <dl className="minutes-header" data-testid="minutes-header">
        {minutesHeader(model, lang).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="meeting-actions no-print">
        <button type="button" onClick={printMinutes}>
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
          <article
            key={e.itemId ?? `card-${e.cardId}`}
            className="minutes-entry"
            data-testid={`minutes-${e.itemId ?? `c:${e.cardId}`}`}
          >
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
              {e.changes.length > 0 && (
                <>
                  <dt>{L.changes[lang]}</dt>
                  {e.changes.map((c, i) => (
                    <dd key={i} data-change={c.kind}>
                      {changeLine(c)}
                    </dd>
                  ))}
                </>
              )}
              {e.actions.length > 0 && (
                <>
                  <dt>{L.actions[lang]}</dt>
                  {e.actions.map((a, i) => (
                    <dd key={i}>{agreementLine(a, lang)}</dd>
                  ))}
                </>
              )}
            </dl>
            {!privacy && e.cardId && board.cardsById.has(e.cardId) && (
              <a
                className="button no-print"
                href={`${base}/cards/${encodeURIComponent(e.cardId)}/min-plan.pdf`}
                download
                title={t('meeting.myPlanHint')}
                data-testid="minutes-my-plan"
              >
                {t('meeting.myPlan')}
              </a>
            )}
          </article>
        ))
      )}
      <Section
        title={L.generalActions[lang]}
        lines={model.generalActions.map((a) => actionLine(a, lang))}
        testId="minutes-general-actions"
      />
      <Section
        title={L.notReached[lang]}
        lines={model.notReached.map((n) => (n.reasons.length ? `${n.name} (${n.reasons.join('; ')})` : n.name))}
        testId="minutes-not-reached"
      />
      <Section title={L.questions[lang]} lines={model.questions.map(changeLine)} testId="minutes-questions" />
      <Section title={L.parked[lang]} lines={model.parked} testId="minutes-parked" />
    </section>
  );
}
