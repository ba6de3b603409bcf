import { ArrowRight } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { suggestedMoveForCard, type Card, type LifecycleContext, type Phase } from '../../../../shared/index.js';
import type { PresentPerson } from '../../hooks/usePresence';
import { CardView } from './CardView';
import { displayName, phaseTitle } from './display';

interface Props {
  card: Card;
  privacy: boolean;
  today: string;
  phases: readonly Phase[];
  ctx: LifecycleContext;
  editable: boolean;
  editors: readonly PresentPerson[];
  onOpen: (cardId: string) => void;
  /** Move the card to the end of a column (the follow-up move offer; only on a click). */
  onMoveTo: (cardId: string, phaseId: string) => void;
  /** In a long column only the cards in view are rendered (Column.tsx): how it measures this one. */
  measure?: { ref: (el: HTMLLIElement | null) => void; index: number };
}

/**
 * A card on the board: Space picks it up (keyboard drag), Enter or a click opens the detail
 * panel. While it is being dragged the overlay shows it and this slot stays as a placeholder.
 */
export function SortableCard(props: Props) {
  const { card, privacy, today, phases, ctx, editable, editors, onOpen, onMoveTo, measure } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const move = useMemo(
    () => (editable ? suggestedMoveForCard(card, phases, today, ctx) : null),
    [editable, card, phases, today, ctx],
  );
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: !editable,
    // dnd-kit's default is the English "sortable"; screen readers read this aloud.
    attributes: { roleDescription: t('dnd.roleDescription') },
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
    <li className="card-slot" ref={measure?.ref} data-index={measure?.index}>
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
        // No aria-label: the name comes from the face itself, so a screen reader hears what is
        // seen (name, colour, dates), and speech control finds the card by its visible words.
      >
        <CardView card={card} privacy={privacy} today={today} phases={phases} ctx={ctx} editors={editors} />
      </div>
      {move && !isDragging && (
        <button
          type="button"
          className="move-offer"
          title={t('lifecycle.face.moveToHint')}
          data-testid="move-offer"
          onClick={() => onMoveTo(card.id, move.phase.id)}
        >
          <ArrowRight aria-hidden="true" />
          {t('lifecycle.face.moveTo', { column: phaseTitle(move.phase, lang) })}
          <span className="visually-hidden"> – {name}</span>
        </button>
      )}
    </li>
  );
}
