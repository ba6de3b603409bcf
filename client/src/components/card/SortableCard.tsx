import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Card } from '../../../../shared/index.js';
import type { PresentPerson } from '../../hooks/usePresence';
import { CardView } from './CardView';
import { displayName } from './display';

interface Props {
  card: Card;
  privacy: boolean;
  today: string;
  editable: boolean;
  editors: readonly PresentPerson[];
  onOpen: (cardId: string) => void;
}

/**
 * A card on the board: Space picks it up (keyboard drag), Enter or a click opens the detail
 * panel. While it is being dragged the overlay shows it and this slot stays as a placeholder.
 */
export function SortableCard({ card, privacy, today, editable, editors, onOpen }: Props) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: !editable,
  });
  const name = displayName(card, privacy);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && editable && !isDragging) {
      e.preventDefault();
      onOpen(card.id);
      return;
    }
    listeners?.onKeyDown?.(e);
  };
  return (
    <li className="card-slot">
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        onKeyDown={onKeyDown}
        onClick={editable ? () => onOpen(card.id) : undefined}
        className={`card${isDragging ? ' card-placeholder' : ''}`}
        style={{ transform: CSS.Translate.toString(transform), transition }}
        data-testid={`card-${card.id}`}
        data-card-name={name}
        aria-label={editable ? t('card.open', { name }) : name}
      >
        <CardView card={card} privacy={privacy} today={today} editors={editors} />
      </div>
    </li>
  );
}
