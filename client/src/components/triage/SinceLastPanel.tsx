import { useTranslation } from 'react-i18next';
import {
  DECISION_CODE_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  formatDanishTime,
  TRIAGE_WORDS,
  type Card,
} from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import type { MeetingSnapshot } from '../../sync/meetingStore';
import { displayName, phaseTitle } from '../card/display';
import { SwapWeekFigure } from '../swaps/SwapWeekFigure';

interface Props {
  board: BoardSnapshot;
  meetings: MeetingSnapshot;
  privacy: boolean;
  onOpen: (cardId: string) => void;
  onClose: () => void;
}

interface Line {
  key: string;
  cardId: string;
  text: string;
}

/** "Siden sidst": what changed on the board since the previous meeting ended. */
export function SinceLastPanel({ board, meetings, privacy, onOpen, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang: 'da' | 'en' = i18n.language === 'en' ? 'en' : 'da';
  const s = meetings.sinceLast;
  const card = (id: string): Card | undefined => board.cardsById.get(id);
  const name = (id: string) => {
    const c = card(id);
    return c ? displayName(c, privacy) : '?';
  };
  // the written why (reason, begrundelse) is hidden in privacy mode, like notes
  const withDetail = (text: string, detail: string | undefined) => (detail && !privacy ? `${text} – ${detail}` : text);
  const phaseName = (id: string) => {
    const p = board.phases.find((x) => x.id === card(id)?.position.phaseId);
    return p ? phaseTitle(p, lang) : '';
  };
  const groups: { key: string; title: string; lines: Line[] }[] = [
    {
      key: 'new',
      title: t('since.newCards'),
      lines: s.newCards.map((id) => ({ key: id, cardId: id, text: name(id) })),
    },
    {
      key: 'triage',
      title: t('since.triage'),
      lines: s.triageChanges.map((c) => ({
        key: c.cardId,
        cardId: c.cardId,
        text: withDetail(
          t('since.triageLine', {
            name: name(c.cardId),
            from: TRIAGE_WORDS[c.from][lang],
            to: TRIAGE_WORDS[c.to][lang],
            by: c.byName,
          }),
          c.events.at(-1)?.reason,
        ),
      })),
    },
    {
      key: 'moved',
      title: t('since.moved'),
      lines: s.movedCards.map((id) => ({
        key: id,
        cardId: id,
        text: t('since.movedLine', { name: name(id), column: phaseName(id) }),
      })),
    },
    {
      key: 'closed',
      title: t('since.closed'),
      lines: s.closedCards.map((id) => ({ key: id, cardId: id, text: name(id) })),
    },
    {
      key: 'decisions',
      title: t('since.decisions'),
      lines: s.decisions.map((d) => {
        const decision = card(d.cardId)?.lifecycle.decisions.find((x) => x.id === d.decisionId);
        const text = decision
          ? t('since.decisionLine', {
              name: name(d.cardId),
              code: `${decision.code} ${DECISION_CODE_LABELS[decision.code][lang]}`,
              by: decision.byName,
            })
          : name(d.cardId);
        return { key: d.decisionId, cardId: d.cardId, text: withDetail(text, decision?.reason) };
      }),
    },
    {
      key: 'requests',
      title: t('since.requests'),
      lines: s.requests.map((r) => {
        const request = card(r.cardId)?.lifecycle.requests.find((x) => x.id === r.requestId);
        const text = request
          ? t('since.requestLine', {
              name: name(r.cardId),
              kind: REQUEST_KIND_LABELS[request.kind][lang],
              status: REQUEST_STATUS_LABELS[request.status][lang],
              by: request.byName,
            })
          : name(r.cardId);
        return { key: r.requestId, cardId: r.cardId, text: withDetail(text, request?.reason) };
      }),
    },
  ];
  const any = groups.some((g) => g.lines.length > 0);
  return (
    <aside className="since-last-panel" data-testid="since-last" aria-label={t('since.title')}>
      <header className="since-last-header">
        <h2>{t('since.title')}</h2>
        <button type="button" onClick={onClose}>
          {t('since.close')}
        </button>
      </header>
      <SwapWeekFigure cards={board.cardsById} />
      {s.lastMeetingAt === null ? (
        <p>{t('since.noMeeting')}</p>
      ) : (
        <>
          <p className="since-last-window">
            {t('since.window', { at: formatDanishTime(Date.parse(s.lastMeetingAt), lang) })}
          </p>
          {!any && <p>{t('since.nothing')}</p>}
          {groups
            .filter((g) => g.lines.length > 0)
            .map((g) => (
              <section key={g.key} data-testid={`since-${g.key}`}>
                <h3>{g.title}</h3>
                <ul>
                  {g.lines.map((l) => (
                    <li key={l.key}>
                      <button type="button" className="link" onClick={() => onOpen(l.cardId)}>
                        {l.text}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </>
      )}
    </aside>
  );
}
