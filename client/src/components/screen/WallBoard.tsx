import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WALL_PAGE_MS, cardsPerPage, wallPage, type Card } from '../../../../shared/index.js';
import { useNow } from '../../hooks/useMeeting';
import type { BoardSnapshot } from '../../sync/boardStore';
import { phaseTitle } from '../card/display';
import { WallCard } from './WallCard';

/**
 * Card heights in rem (the wall's root font size follows the viewport width, see app.css),
 * matching the card's CSS: at rest the initials line and up to three status lines; during
 * a meeting one line (initials and colour).
 */
const CARD_REM = { rest: 6.35, compact: 2.15 } as const;
const GAP_REM = 0.2;

interface Props {
  board: BoardSnapshot;
  /** A meeting runs: compact cards, the focus view has the details. */
  compact: boolean;
  currentCardId: string | null;
  /** Cards that must be on screen whatever the page (pointed at). */
  pinned: readonly string[];
}

const NO_CARDS: Card[] = [];

/**
 * The whole board on the wall, every column at once and nothing scrolls: a column with more
 * cards than fit turns its pages every WALL_PAGE_MS ("1/2" in its heading), except that the
 * card being discussed or pointed at is always on the page shown.
 */
export function WallBoard({ board, compact, currentCardId, pinned }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const heightRem = compact ? CARD_REM.compact : CARD_REM.rest;
  const [observe, perPage] = useCardsPerPage(heightRem, `${compact}`);
  const tick = Math.floor(useNow(true, WALL_PAGE_MS) / WALL_PAGE_MS);
  const keep = currentCardId ? [currentCardId, ...pinned] : pinned;
  return (
    <div className="wall-columns" style={{ ['--wall-columns' as string]: board.phases.length }} ref={observe}>
      {board.phases.map((phase) => {
        const cards = board.columns.get(phase.id) ?? NO_CARDS;
        const shown = wallPage(cards, perPage, tick, keep);
        const headingId = `column-title-${phase.id}`;
        return (
          <section
            key={phase.id}
            className={`wall-column column-${phase.kind}`}
            aria-labelledby={headingId}
            data-testid={`column-${phase.id}`}
          >
            <h2 id={headingId} className="wall-column-header">
              {phaseTitle(phase, lang)}{' '}
              <span className="wall-count" aria-label={t('board.count', { count: cards.length })}>
                {cards.length}
              </span>
              {shown.pages > 1 && (
                <>
                  {' '}
                  <span
                    className="wall-page"
                    data-testid={`wall-page-${phase.id}`}
                    aria-label={t('screen.wall.page', { page: shown.page + 1, pages: shown.pages })}
                  >
                    {shown.page + 1}/{shown.pages}
                  </span>
                </>
              )}
            </h2>
            <ul className="wall-list">
              {shown.items.map((card) => (
                <WallCard
                  key={card.id}
                  card={card}
                  phases={board.phases}
                  compact={compact}
                  current={card.id === currentCardId}
                  heightRem={heightRem}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/** How many cards fit in a column's list, measured whenever the wall's size changes. */
function useCardsPerPage(heightRem: number, layoutKey: string): [(el: HTMLDivElement | null) => void, number] {
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const [value, setValue] = useState(1);
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => {
      const list = el.querySelector<HTMLElement>('.wall-list');
      if (!list) return;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setValue(cardsPerPage(list.clientHeight, heightRem * rem, GAP_REM * rem));
    };
    // The observer also fires once right away, so the first paint already has the real count.
    // The list is observed too: its height can change while the wall's own box does not (the
    // heading's type settling after the styles or fonts arrive), and a count measured before
    // that would page a column far too finely ("5/9" where "1/2" fits).
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    const list = el.querySelector<HTMLElement>('.wall-list');
    if (list) observer.observe(list);
    return () => observer.disconnect();
  }, [el, heightRem, layoutKey]);
  return [setEl, value];
}
