import { useTranslation } from 'react-i18next';
import type { BoardHistoryResponse } from '../../../../shared/protocol/history.js';
import { formatInstant, parseDanishLocal } from '../../../../shared/rules/dates.js';

/** Quick picks, counted from the server's clock (the one the history is stamped with). */
function quickPicks(serverNow: Date): { key: string; at: Date }[] {
  // 07:00 Danish time on the server's Danish day, whatever zone this device is in.
  const morning = parseDanishLocal(`${formatInstant(serverNow, 'input').slice(0, 10)}T07:00`) ?? serverNow;
  return [
    { key: 'fiveMinutes', at: new Date(serverNow.getTime() - 5 * 60_000) },
    { key: 'thisMorning', at: morning },
    { key: 'yesterday', at: new Date(serverNow.getTime() - 24 * 3_600_000) },
  ];
}

/**
 * Ways to choose a time without typing one: "for 5 minutter siden", "i morges kl. 07", "i går",
 * and just before each of the latest minutes with changes (what an administrator looks for
 * after a mistake: the board right before it).
 */
export function HistoryQuickPicks({ history, onPick }: { history: BoardHistoryResponse; onPick: (at: Date) => void }) {
  const { t, i18n } = useTranslation();
  const clockTime = (iso: string) => formatInstant(iso, 'time', i18n.language === 'en' ? 'en' : 'da');
  return (
    <>
      <div className="history-quick" role="group" aria-label={t('admin.history.quick')}>
        {quickPicks(new Date(history.now)).map((q) => (
          <button key={q.key} type="button" onClick={() => onPick(q.at)}>
            {t(`admin.history.${q.key}`)}
          </button>
        ))}
      </div>
      {history.changes.length > 0 && (
        <div className="history-quick" role="group" aria-label={t('admin.history.recent')}>
          {history.changes.slice(0, 8).map((c) => (
            <button key={c.at} type="button" onClick={() => onPick(new Date(Date.parse(c.at) - 1000))}>
              {t('admin.history.beforeChange', { time: clockTime(c.at), count: c.count })}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
