import { useTranslation } from 'react-i18next';
import { formatDanishTime, TRIAGE_WORDS, type Card } from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import type { MeetingSnapshot } from '../../sync/meetingStore';
import { displayName, phaseTitle } from '../card/display';

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
        text: t('since.triageLine', {
          name: name(c.cardId),
          from: TRIAGE_WORDS[c.from][lang],
          to: TRIAGE_WORDS[c.to][lang],
          by: c.byName,
        }),
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
      lines: s.decisions.map((d) => ({ key: d.decisionId, cardId: d.cardId, text: name(d.cardId) })),
    },
    {
      key: 'requests',
      title: t('since.requests'),
      lines: s.requests.map((r) => ({ key: r.requestId, cardId: r.cardId, text: name(r.cardId) })),
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
