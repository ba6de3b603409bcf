import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DragStartEvent } from '@dnd-kit/core';
import { displayName, phaseTitle } from '../components/card/display';
import { dndAccessibility } from '../dnd/announcements';
import type { BoardSnapshot } from '../sync/boardStore';
import { containerOf, type BoardDnd } from './useBoardDnd';

/**
 * Screen-reader texts for dragging. dnd-kit calls them during drag events, after renders,
 * so they read the latest board through a ref instead of being rebuilt on every change.
 */
export function useDragAnnouncements(snapshot: BoardSnapshot, dnd: BoardDnd, privacy: boolean, lang: 'da' | 'en') {
  const { t } = useTranslation();
  const live = useRef({ snapshot, items: dnd.items, start: null as string | null, privacy, lang });
  useLayoutEffect(() => {
    live.current = { ...live.current, snapshot, items: dnd.items, privacy, lang };
  });
  const accessibility = useMemo(
    () =>
      // The callbacks read the ref when dnd-kit announces a drag, never during render.
      // eslint-disable-next-line react-hooks/refs
      dndAccessibility(t, {
        cardName: (id) => {
          const card = live.current.snapshot.cardsById.get(id);
          return card ? displayName(card, live.current.privacy) : '';
        },
        columnTitle: (phaseId) => {
          const phase = live.current.snapshot.phases.find((p) => p.id === phaseId);
          return phase ? phaseTitle(phase, live.current.lang) : '';
        },
        items: () => live.current.items,
        startColumn: () => live.current.start,
      }),
    [t],
  );
  const { onDragStart: start } = dnd;
  const onDragStart = useCallback(
    (e: DragStartEvent) => {
      live.current.start = containerOf(live.current.items, e.active.id);
      start(e);
    },
    [start],
  );
  return { accessibility, onDragStart };
}
