import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_TYPES, REQUEST_KIND_LABELS, formatDanishTime } from '../../../../shared/index.js';
import { api, type MyOverviewResponse } from '../../api';
import { NextMeetings } from '../meeting/NextMeetings';

interface Props {
  /** Switch to the team's board and open the card. */
  onOpenCard: (teamId: string, cardId: string) => void;
}

/**
 * "Mine teams": for a visitator serving several teams, each team's upcoming and running
 * meetings and every open request and question addressed to her, linking to the card.
 */
export function MyTeamsView({ onOpenCard }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [data, setData] = useState<MyOverviewResponse | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api.myOverview().then(
      (d) => live && setData(d),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  if (failed) return <p className="board-loading">{t('myTeams.failed')}</p>;
  if (!data) return <p className="board-loading">{t('myTeams.loading')}</p>;
  return (
    <main className="my-teams" data-testid="my-teams" aria-labelledby="my-teams-h">
      <h2 id="my-teams-h">{t('myTeams.title')}</h2>
      {data.teams.map((team) => (
        <section key={team.boardId} className="my-team" data-testid={`my-team-${team.teamId}`}>
          <h3>{team.teamName}</h3>
          <h4>{t('myTeams.meetings')}</h4>
          {team.meetings.length === 0 ? (
            <p className="meeting-note">{t('myTeams.noMeetings')}</p>
          ) : (
            <ul>
              {team.meetings.map((m) => (
                <li key={m.id}>
                  {MEETING_TYPES[m.type].label[lang]} – {formatDanishTime(Date.parse(m.scheduledFor), lang)}
                  {m.startedAt && <strong> ({t('myTeams.running')})</strong>}
                </li>
              ))}
            </ul>
          )}
          <NextMeetings meetings={team.nextMeetings} lang={lang} />
          <h4>{t('myTeams.requests', { count: team.requests.length })}</h4>
          {team.requests.length === 0 ? (
            <p className="meeting-note">{t('myTeams.noRequests')}</p>
          ) : (
            <ul className="lc-list">
              {team.requests.map((r) => (
                <li key={`${r.source}-${r.id}`} className="request" data-testid={`my-request-${r.id}`}>
                  {r.cardId !== null && (
                    <button type="button" className="link" onClick={() => onOpenCard(team.teamId, r.cardId!)}>
                      {r.cardName}
                    </button>
                  )}{' '}
                  <strong>{r.source === 'request' ? REQUEST_KIND_LABELS[r.kind][lang] : t('myTeams.question')}</strong>:{' '}
                  {r.text}
                  <span className="field-hint"> – {r.byName}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </main>
  );
}
