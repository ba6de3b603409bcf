import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import { containerOf, type ColumnItems } from '../hooks/useBoardDnd';

interface Lookup {
  /** Display name of a card (initials in privacy mode), never its id. */
  cardName: (id: string) => string;
  columnTitle: (phaseId: string) => string;
  /** Live drag order, so positions match what a sighted person sees. */
  items: () => ColumnItems;
  /** Column the drag started in, for the cancel message. */
  startColumn: () => string | null;
}

/** Danish (or English) screen-reader messages for keyboard and pointer dragging. */
export function dndAccessibility(
  t: TFunction,
  lookup: Lookup,
): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const where = (activeId: UniqueIdentifier, overId: UniqueIdentifier) => {
    const items = lookup.items();
    const phaseId = containerOf(items, overId);
    if (!phaseId) return null;
    const list = items[phaseId] ?? [];
    const overIdx = list.indexOf(String(overId));
    const activeIdx = list.indexOf(String(activeId));
    const position = overIdx >= 0 ? overIdx + 1 : activeIdx >= 0 ? activeIdx + 1 : list.length + 1;
    const total = activeIdx >= 0 ? list.length : list.length + 1;
    return { column: lookup.columnTitle(phaseId), position, total };
  };
  const name = (id: UniqueIdentifier) => lookup.cardName(String(id));
  return {
    screenReaderInstructions: { draggable: t('dnd.instructions') },
    announcements: {
      onDragStart: ({ active }) => {
        const phaseId = containerOf(lookup.items(), active.id);
        return t('dnd.start', { name: name(active.id), column: phaseId ? lookup.columnTitle(phaseId) : '' });
      },
      onDragOver: ({ active, over }) => {
        const w = over ? where(active.id, over.id) : null;
        return w ? t('dnd.over', { name: name(active.id), ...w }) : undefined;
      },
      onDragEnd: ({ active, over }) => {
        const w = over ? where(active.id, over.id) : null;
        return w ? t('dnd.end', { name: name(active.id), ...w }) : t('dnd.dropped', { name: name(active.id) });
      },
      onDragCancel: ({ active }) => {
        const start = lookup.startColumn();
        return t('dnd.cancel', { name: name(active.id), column: start ? lookup.columnTitle(start) : '' });
      },
    },
  };
}
