import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortDate, nextDueDateForCard, type Card, type Phase } from '../../../../shared/index.js';
import { TriageBadge } from '../card/TriageBadge';
import { displayName, phaseTitle } from '../card/display';
import { useLifecycleEnv } from '../lifecycle/env';

interface Props {
  card: Card;
  privacy: boolean;
  /** Shown under the name when the list mixes phases (Mine borgere, Søg). */
  phase?: Phase;
  onOpen: (cardId: string) => void;
}

/**
 * One citizen in a phone list: the whole row is one large tap target that opens the card.
 * Its name for a screen reader is what it shows: colour, name, phase and due date.
 */
export const PhoneCardRow = memo(function PhoneCardRow({ card, privacy, phase, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { today, ctx } = useLifecycleEnv();
  const name = displayName(card, privacy);
  // The computed follow-up when the forløb has dates, else the hand-written due date (as on the card).
  const due = nextDueDateForCard(card, today, ctx) ?? card.nextDueDate;
  const overdue = due !== null && due < today;
  return (
    <li className="phone-row-slot">
      <button type="button" className="phone-row" onClick={() => onOpen(card.id)} data-testid={`phone-card-${card.id}`}>
        <TriageBadge triage={card.triage} />
        <span className="phone-row-text">
          <span className="phone-row-name">{name}</span>
          <span className="phone-row-meta">
            {phase && <span>{phaseTitle(phase, lang)}</span>}
            {due && (
              <span className={overdue ? 'phone-row-overdue' : undefined}>
                {t(overdue ? 'phone.row.overdue' : 'phone.row.due', { date: formatShortDate(due, lang) })}
              </span>
            )}
          </span>
        </span>
        <span className="phone-row-chevron" aria-hidden="true">
          ›
        </span>
      </button>
    </li>
  );
});

/** A list of citizens from several phases (Mine borgere, Søg): each row names its phase. */
export function PhoneCardList(props: {
  cards: readonly Card[];
  phases: readonly Phase[];
  privacy: boolean;
  onOpen: (cardId: string) => void;
}) {
  const phaseOf = (phaseId: string) => props.phases.find((p) => p.id === phaseId);
  return (
    <ul className="phone-list">
      {props.cards.map((card) => (
        <PhoneCardRow
          key={card.id}
          card={card}
          privacy={props.privacy}
          phase={phaseOf(card.position.phaseId)}
          onOpen={props.onOpen}
        />
      ))}
    </ul>
  );
}
