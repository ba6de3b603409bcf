import { memo, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { Card, LifecycleContext, Phase } from '../../../../shared/index.js';
import { columnDropId } from '../../dnd/ids';
import type { PresentPerson } from '../../hooks/usePresence';
import { SortableCard } from '../card/SortableCard';
import { NewCardForm } from './NewCardForm';

interface Props {
  phase: Phase;
  title: string;
  cards: readonly Card[];
  privacy: boolean;
  today: string;
  phases: readonly Phase[];
  ctx: LifecycleContext;
  editable: boolean;
  editing: ReadonlyMap<string, PresentPerson[]>;
  onOpen: (cardId: string) => void;
  onCreate: (phaseId: string, name: string) => void;
  onMoveTo: (cardId: string, phaseId: string) => void;
  /** The card being dragged anywhere on the board, if any. */
  activeId: string | null;
}

const NO_EDITORS: PresentPerson[] = [];

/**
 * From this many cards a column renders only the cards in view (and a few either side):
 * React rendering 2,000 cards took most of the 3.8 s before a 2,000-card board showed
 * (`npm run bench:load`, issue #15). Below it every card is in the page, as a team's board
 * of 40–80 citizens always is, so finding a card on the page never depends on scrolling.
 */
const RENDER_IN_VIEW_FROM = 60;
/**
 * A card's height before it is measured, and the gap between cards (--space-2), in px. A
 * plain card measures 105 px in Chromium at desktop width; an estimate below that makes the
 * column grow as cards are measured, so one fling of the scrollbar stops short of the end.
 */
const CARD_ESTIMATE_PX = 105;
const CARD_GAP_PX = 8;

export const Column = memo(function Column(props: Props) {
  const { phase, title, cards, privacy, today, phases, ctx, editable, editing, onOpen, onCreate, onMoveTo, activeId } =
    props;
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(phase.id), disabled: !editable });
  const headingId = `column-title-${phase.id}`;
  const list = useRef<HTMLUListElement | null>(null);
  const setList = useCallback(
    (el: HTMLUListElement | null) => {
      list.current = el;
      setNodeRef(el);
    },
    [setNodeRef],
  );
  const inView = cards.length >= RENDER_IN_VIEW_FROM;
  // The card being dragged stays rendered even when scrolled away: dnd-kit keeps measuring it.
  const activeIndex = activeId === null ? -1 : cards.findIndex((c) => c.id === activeId);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const shown = defaultRangeExtractor(range);
      return activeIndex < 0 || shown.includes(activeIndex) ? shown : [...shown, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: inView ? cards.length : 0,
    getScrollElement: () => list.current,
    estimateSize: () => CARD_ESTIMATE_PX,
    gap: CARD_GAP_PX,
    overscan: 6,
    rangeExtractor,
    getItemKey: (i) => cards[i]?.id ?? i,
    // Re-render in React's own batches, not synchronously on every scroll event: while a card
    // is dragged across a 2,000-card board, the synchronous renders were a third of the CPU
    // and the drag ran at 23 fps (bench:load, LOAD_PROFILE).
    useFlushSync: false,
  });
  const rows = inView ? virtualizer.getVirtualItems() : null;
  const first = rows?.[0];
  const last = rows?.[rows.length - 1];
  const before = first ? first.start : 0;
  const after = last ? virtualizer.getTotalSize() - last.end : 0;
  const renderCard = (card: Card, index?: number) => (
    <SortableCard
      key={card.id}
      card={card}
      privacy={privacy}
      today={today}
      phases={phases}
      ctx={ctx}
      editable={editable}
      editors={editing.get(card.id) ?? NO_EDITORS}
      onOpen={onOpen}
      onMoveTo={onMoveTo}
      {...(index !== undefined ? { measure: { ref: virtualizer.measureElement, index } } : {})}
    />
  );
  return (
    <section
      className={`column column-${phase.kind}${isOver ? ' column-over' : ''}`}
      aria-labelledby={headingId}
      data-testid={`column-${phase.id}`}
    >
      <header className="column-header">
        <h2 id={headingId}>{title}</h2>
        <span className="column-count" aria-label={t('board.count', { count: cards.length })}>
          {cards.length}
        </span>
      </header>
      <SortableContext items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setList} className="column-cards">
          {rows ? (
            <>
              {before > 0 && (
                <li className="column-spacer" aria-hidden="true" style={{ height: before - CARD_GAP_PX }} />
              )}
              {rows.map((row) => renderCard(cards[row.index]!, row.index))}
              {after > 0 && <li className="column-spacer" aria-hidden="true" style={{ height: after - CARD_GAP_PX }} />}
            </>
          ) : (
            cards.map((card) => renderCard(card))
          )}
          {cards.length === 0 && <li className="column-empty">{t('board.empty')}</li>}
        </ul>
      </SortableContext>
      {editable && <NewCardForm columnTitle={title} onCreate={(name) => onCreate(phase.id, name)} />}
    </section>
  );
});
