import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  closestCorners,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { Card } from '../../../../shared/index.js';
import { phaseOfDropId } from '../../dnd/ids';
import { useBoardDnd, type ColumnItems } from '../../hooks/useBoardDnd';
import { useDragAnnouncements } from '../../hooks/useDragAnnouncements';
import type { Presence } from '../../hooks/usePresence';
import type { BoardConnection } from '../../sync/boardConnection';
import type { BoardSnapshot } from '../../sync/boardStore';
import { usualForlobType } from '../../../../shared/rules/cardFace.js';
import { CardView } from '../card/CardView';
import { UsualForlobTypeContext } from '../card/usualType';
import { phaseTitle } from '../card/display';
import { useLifecycleEnv } from '../lifecycle/env';
import { Column } from './Column';

interface Props {
  connection: BoardConnection;
  snapshot: BoardSnapshot;
  privacy: boolean;
  editable: boolean;
  today: string;
  presence: Presence;
  onOpen: (cardId: string) => void;
}

/** Pointer: the card under the pointer wins over its column. Keyboard has no pointer: nearest corners. */
const collisionDetection: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  if (hits.length === 0) return closestCorners(args);
  const cards = hits.filter((h) => phaseOfDropId(h.id) === null);
  return cards.length > 0 ? cards : hits;
};

const NO_CARDS: Card[] = [];

export function Board({ connection, snapshot, privacy, editable, today, presence, onOpen }: Props) {
  const { ctx } = useLifecycleEnv();
  const { i18n } = useTranslation();
  const lang: 'da' | 'en' = i18n.language === 'en' ? 'en' : 'da';
  const dnd = useBoardDnd(connection, snapshot);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      // Enter opens a card; Space picks it up.
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
      // Instant scrolling: with smooth scrolling a quick second arrow press lands mid-animation.
      scrollBehavior: 'auto',
    }),
  );

  const { accessibility, onDragStart } = useDragAnnouncements(snapshot, dnd, privacy, lang);

  const onCreate = useCallback(
    (phaseId: string, name: string) =>
      onOpen(connection.write((board, origin) => board.createCard({ name, phaseId }, origin))),
    [connection, onOpen],
  );

  // The follow-up move offer: only when a person clicks it, to the end of the column.
  const onMoveTo = useCallback(
    (cardId: string, phaseId: string) => {
      const end = connection.store.getSnapshot().columns.get(phaseId)?.length ?? 0;
      if (connection.board.hasCard(cardId))
        connection.write((board, origin) => board.moveCard(cardId, phaseId, end, origin));
    },
    [connection],
  );

  const columns = useMemo(
    () => (dnd.activeId === null ? snapshot.columns : columnsFromItems(dnd.items, snapshot)),
    [dnd.activeId, dnd.items, snapshot],
  );
  const active = dnd.activeId ? snapshot.cardsById.get(dnd.activeId) : undefined;
  const usualType = useMemo(() => usualForlobType(snapshot.cardsById.values()), [snapshot.cardsById]);
  return (
    <UsualForlobTypeContext value={usualType}>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={accessibility}
        onDragStart={onDragStart}
        onDragOver={dnd.onDragOver}
        onDragEnd={dnd.onDragEnd}
        onDragCancel={dnd.onDragCancel}
      >
        <div className="board-columns">
          {snapshot.phases.map((phase) => (
            <Column
              key={phase.id}
              phase={phase}
              title={phaseTitle(phase, lang)}
              cards={columns.get(phase.id) ?? NO_CARDS}
              privacy={privacy}
              today={today}
              phases={snapshot.phases}
              ctx={ctx}
              editable={editable}
              editing={presence.editing}
              onOpen={onOpen}
              onCreate={onCreate}
              onMoveTo={onMoveTo}
              activeId={dnd.activeId}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <div className="card card-overlay">
              <CardView card={active} privacy={privacy} today={today} phases={snapshot.phases} ctx={ctx} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
    </UsualForlobTypeContext>
  );
}

/** The local preview while dragging: the drag order, filled with the doc's cards. */
function columnsFromItems(items: ColumnItems, snapshot: BoardSnapshot): Map<string, Card[]> {
  const out = new Map<string, Card[]>();
  for (const [phaseId, ids] of Object.entries(items)) {
    out.set(
      phaseId,
      ids.flatMap((id) => snapshot.cardsById.get(id) ?? []),
    );
  }
  return out;
}
