import { useCallback, useMemo, useState } from 'react';
import type { DragEndEvent, DragOverEvent, DragStartEvent, UniqueIdentifier } from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';
import { dropPlacement } from '../dnd/dropPlacement';
import { phaseOfDropId } from '../dnd/ids';
import type { BoardConnection } from '../sync/boardConnection';
import type { BoardSnapshot } from '../sync/boardStore';

/** Column id → card ids in display order. */
export type ColumnItems = Record<string, string[]>;

export interface BoardDnd {
  items: ColumnItems;
  activeId: string | null;
  onDragStart: (e: DragStartEvent) => void;
  onDragOver: (e: DragOverEvent) => void;
  onDragEnd: (e: DragEndEvent) => void;
  onDragCancel: () => void;
}

/**
 * Drag state lives only in React while dragging (a local preview); the doc is written once,
 * on drop, with a single position for the moved card. Remote changes during a drag update
 * the other cards as usual once the drag ends.
 */
export function useBoardDnd(connection: BoardConnection, snapshot: BoardSnapshot): BoardDnd {
  const fromDoc = useMemo(() => itemsOf(snapshot), [snapshot]);
  const [dragItems, setDragItems] = useState<ColumnItems | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const items = dragItems ?? fromDoc;

  const onDragStart = useCallback(
    (e: DragStartEvent) => {
      setActiveId(String(e.active.id));
      setDragItems(fromDoc);
    },
    [fromDoc],
  );

  const onDragOver = useCallback(({ active, over }: DragOverEvent) => {
    if (!over) return;
    setDragItems((prev) => {
      if (!prev) return prev;
      const from = containerOf(prev, active.id);
      const to = containerOf(prev, over.id);
      if (!from || !to || from === to) return prev;
      const target = prev[to] ?? [];
      const overIndex = target.indexOf(String(over.id));
      const translated = active.rect.current.translated;
      const below = translated !== null && translated.top > over.rect.top + over.rect.height / 2;
      const index = overIndex < 0 ? target.length : overIndex + (below ? 1 : 0);
      const moving = String(active.id);
      return {
        ...prev,
        [from]: (prev[from] ?? []).filter((id) => id !== moving),
        [to]: [...target.slice(0, index), moving, ...target.slice(index)],
      };
    });
  }, []);

  const finish = useCallback(() => {
    setActiveId(null);
    setDragItems(null);
  }, []);

  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      const current = dragItems;
      finish();
      if (!over || !current) return;
      const id = String(active.id);
      const phaseId = containerOf(current, id);
      if (!phaseId) return;
      let finalIds = current[phaseId] ?? [];
      if (containerOf(current, over.id) === phaseId && phaseOfDropId(over.id) === null) {
        finalIds = arrayMove(finalIds, finalIds.indexOf(id), finalIds.indexOf(String(over.id)));
      }
      const column = connection.store.getSnapshot().columns.get(phaseId) ?? [];
      const position = dropPlacement(phaseId, finalIds, id, column);
      if (position && connection.board.hasCard(id))
        connection.write((board, origin) => board.placeCard(id, position, origin));
    },
    [connection, dragItems, finish],
  );

  return { items, activeId, onDragStart, onDragOver, onDragEnd, onDragCancel: finish };
}

function itemsOf(snapshot: BoardSnapshot): ColumnItems {
  const out: ColumnItems = {};
  for (const [phaseId, cards] of snapshot.columns) out[phaseId] = cards.map((c) => c.id);
  return out;
}

/** The column a card or column droppable belongs to. */
export function containerOf(items: ColumnItems, id: UniqueIdentifier): string | null {
  const phase = phaseOfDropId(id);
  if (phase !== null) return phase in items ? phase : null;
  const s = String(id);
  for (const [phaseId, ids] of Object.entries(items)) if (ids.includes(s)) return phaseId;
  return null;
}
