import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
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
}

const NO_EDITORS: PresentPerson[] = [];

export const Column = memo(function Column(props: Props) {
  const { phase, title, cards, privacy, today, phases, ctx, editable, editing, onOpen, onCreate, onMoveTo } = props;
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(phase.id), disabled: !editable });
  const headingId = `column-title-${phase.id}`;
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
        <ul ref={setNodeRef} className="column-cards">
          {cards.map((card) => (
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
            />
          ))}
          {cards.length === 0 && <li className="column-empty">{t('board.empty')}</li>}
        </ul>
      </SortableContext>
      {editable && <NewCardForm columnTitle={title} onCreate={(name) => onCreate(phase.id, name)} />}
    </section>
  );
});
