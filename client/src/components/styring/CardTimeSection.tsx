import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardTimeResponse } from '../../../../shared/protocol/styring.js';
import { styringApi } from './styringApi';
import { TimeHeadCells, TimeValueCells } from './TimeCells';

interface Cached {
  at: string;
  data: CardTimeResponse;
}

const cacheKey = (boardId: string, cardId: string) => `tavlen:time:${boardId}:${cardId}`;

function readCache(key: string): Cached | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Cached) : null;
  } catch {
    return null;
  }
}

/**
 * "Tid" on the card: granted (visiteret) vs planned vs delivered this week and the four before
 * (issue #13). Read from the API, kept in localStorage, so offline shows the last known figures.
 */
export function CardTimeSection({
  boardId,
  cardId,
  externalRef,
  weeklyHours,
}: {
  boardId: string;
  cardId: string;
  externalRef: string;
  weeklyHours: number | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const id = useId();
  const key = cacheKey(boardId, cardId);
  const [cached, setCached] = useState<Cached | null>(() => readCache(key));
  const [stale, setStale] = useState(false);

  useEffect(() => {
    let live = true;
    // A change of borger-nr. or visiteret tid on the card reloads the figures.
    styringApi.cardTime(boardId, cardId).then(
      (data) => {
        if (!live) return;
        const next = { at: new Date().toISOString(), data };
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          /* a full storage only loses the offline copy */
        }
        setCached(next);
        setStale(false);
      },
      () => live && setStale(true),
    );
    return () => {
      live = false;
    };
  }, [boardId, cardId, key, externalRef, weeklyHours]);

  const data = cached?.data;
  return (
    <section className="card-time" aria-labelledby={`${id}-h`} data-testid="card-time">
      <h3 id={`${id}-h`}>{t('styring.card.title')}</h3>
      <p className="field-hint">{t('styring.card.explain')}</p>
      {stale && cached && (
        <p className="field-hint" data-testid="card-time-stale">
          {t('styring.card.stale', { at: new Date(cached.at).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB') })}
        </p>
      )}
      {!data && !stale && <p>{t('app.loading')}</p>}
      {data && data.externalRef === '' && <p>{t('styring.card.noRef')}</p>}
      {data && data.externalRef !== '' && (
        <table className="time-table">
          <thead>
            <tr>
              <TimeHeadCells />
            </tr>
          </thead>
          <tbody>
            {data.weeks.map((w, i) => (
              <tr key={w.week.key} data-testid={`card-time-week-${i}`}>
                <th scope="row">
                  {i === 0 ? t('styring.thisWeek', { n: w.week.number }) : t('styring.weekN', { n: w.week.number })}
                  {w.coveredDays > 0 && w.coveredDays < 7 && (
                    <span className="field-hint"> ({t('styring.days', { n: w.coveredDays })})</span>
                  )}
                </th>
                <TimeValueCells w={w} signed testId={`card-time-delivered-${i}`} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
