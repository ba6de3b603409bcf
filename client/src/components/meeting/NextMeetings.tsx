import { useTranslation } from 'react-i18next';
import { MEETING_TYPES, formatDanishTime, type PlannedMeeting } from '../../../../shared/index.js';

/** The team's next scheduled meetings (type, when, length): on the board's Møde panel and in "Mine teams". */
export function NextMeetings({ meetings, lang }: { meetings: readonly PlannedMeeting[]; lang: 'da' | 'en' }) {
  const { t } = useTranslation();
  if (meetings.length === 0) return null;
  return (
    <div className="next-meetings" data-testid="next-meetings">
      <h4>{t('meeting.nextMeetings')}</h4>
      <ul>
        {meetings.map((m) => (
          <li key={m.type}>
            {MEETING_TYPES[m.type].label[lang]} – {formatDanishTime(Date.parse(m.at), lang)} ({m.durationMin} min)
          </li>
        ))}
      </ul>
    </div>
  );
}
