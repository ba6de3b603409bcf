import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changedSince,
  dayFocus,
  formatElapsed,
  formatShortDate,
  triageSince,
  triageView,
  type DayFocus,
} from '../../../../shared/index.js';
import { useNow } from '../../hooks/useMeeting';
import type { BoardSnapshot } from '../../sync/boardStore';
import type { MeetingSnapshot } from '../../sync/meetingStore';
import { TriageBadge } from '../card/TriageBadge';
import { useLifecycleEnv } from '../lifecycle/env';
import { displayName } from '../card/display';

/** With no ended meeting, "changed" means since the board started. */
const BOARD_START = '1970-01-01T00:00:00.000Z';

interface Props {
  board: BoardSnapshot;
  meetings: MeetingSnapshot;
  privacy: boolean;
  onOpen: (cardId: string) => void;
}

/** The active citizens red → yellow → green, with counts and filters (R7, R11). */
export function TriageView({ board, meetings, privacy, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const lang: 'da' | 'en' = i18n.language === 'en' ? 'en' : 'da';
  const now = useNow(true, 60_000);
  const [changedOnly, setChangedOnly] = useState(false);
  const env = useLifecycleEnv();
  // Until someone picks a chip, the day decides: SEL on the visitator's day, else SUL (S2:4491, 4523).
  const [chosen, setFocus] = useState<DayFocus | 'all' | null>(null);
  const focus = chosen ?? dayFocus(env.today, env.visitatorDays);
  const events = meetings.triageEvents;
  const since = meetings.lastEnded?.endedAt ?? null;

  const changedIds = useMemo(
    () => new Set(changedSince(events, since ?? BOARD_START).map((c) => c.cardId)),
    [events, since],
  );
  // The focus highlights, it never hides; the counts are of the rows shown (shared/rules/triageView.ts).
  const { rows, counts, inFocus } = useMemo(
    () =>
      triageView([...board.cardsById.values()], {
        phases: board.phases,
        events,
        focus,
        only: changedOnly ? changedIds : null,
      }),
    [board, events, focus, changedOnly, changedIds],
  );
  const focusName = focus === 'SEL' ? t('view.focusSEL') : focus === 'SUL' ? t('view.focusSUL') : null;

  const focusOptions: (DayFocus | 'all')[] = ['all', 'SEL', 'SUL'];
  return (
    <section className="triage-view" data-testid="triage-view" aria-label={t('view.listLabel')}>
      <p className="triage-counts" data-testid="triage-counts">
        {t('view.counts', { red: counts.red, yellow: counts.yellow, green: counts.green })}
      </p>
      {focusName !== null && (
        <p className="triage-in-focus" data-testid="triage-in-focus">
          {t('view.inFocus', { count: inFocus, law: focusName })}
        </p>
      )}
      <div className="triage-filters">
        <button
          type="button"
          className="chip"
          aria-pressed={changedOnly}
          onClick={() => setChangedOnly((v) => !v)}
          data-testid="triage-filter-changed"
        >
          {since === null ? t('view.changedNoMeeting') : t('view.changed')}
        </button>
        <span role="group" aria-label={t('view.focusLabel')} className="triage-focus">
          {focusOptions.map((f) => (
            <button
              key={f}
              type="button"
              className="chip"
              aria-pressed={focus === f}
              onClick={() => setFocus(f)}
              data-testid={`triage-focus-${f}`}
            >
              {f === 'all' ? t('view.focusAll') : f === 'SEL' ? t('view.focusSEL') : t('view.focusSUL')}
            </button>
          ))}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="triage-empty">{t('view.none')}</p>
      ) : (
        <table className="triage-table">
          <thead>
            <tr>
              <th scope="col">{t('view.name')}</th>
              <th scope="col">{t('view.colour')}</th>
              <th scope="col">{t('view.inColour')}</th>
              <th scope="col">{t('view.next')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ card: c, inFocus: focused }) => {
              const name = displayName(c, privacy);
              const inColour = now - Date.parse(triageSince(c, events));
              return (
                <tr
                  key={c.id}
                  className={`triage-row triage-row-${c.triage}${focusName === null ? '' : focused ? ' in-focus' : ' out-of-focus'}`}
                  data-testid={`triage-row-${c.id}`}
                  data-triage={c.triage}
                  data-focus={focusName === null ? undefined : focused ? 'true' : 'false'}
                >
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => onOpen(c.id)}
                      title={t('view.open', { name })}
                    >
                      {name}
                    </button>
                  </td>
                  <td>
                    <TriageBadge triage={c.triage} />
                  </td>
                  <td>{Number.isNaN(inColour) ? '–' : formatElapsed(Math.max(0, inColour), lang)}</td>
                  <td>{c.nextDueDate ? formatShortDate(c.nextDueDate, lang) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
