import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSnapshot } from '../../sync/boardStore';
import { phaseTitle } from '../card/display';
import { PhoneCardRow } from './PhoneCardRow';

interface Props {
  snapshot: BoardSnapshot;
  privacy: boolean;
  onOpen: (cardId: string) => void;
}

/**
 * The board on a phone: one section per phase with its count, folded open and shut with a
 * tap, instead of eight columns side by side. Cards move with "Flyt til …" on the card.
 */
export function PhaseList({ snapshot, privacy, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  // Folded by default: the first screen is the phases and their counts, one tap from the citizens.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="phase-list" aria-label={t('phone.phases.label')} role="region" data-testid="phase-list">
      {snapshot.phases.map((phase) => {
        const cards = snapshot.columns.get(phase.id) ?? [];
        const title = phaseTitle(phase, lang);
        const expanded = open.has(phase.id);
        return (
          <section
            key={phase.id}
            className={`phase-section column-${phase.kind}`}
            data-testid={`phase-section-${phase.id}`}
          >
            <h2 className="phase-heading">
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={`phase-cards-${phase.id}`}
                onClick={() => toggle(phase.id)}
                data-testid={`phase-toggle-${phase.id}`}
              >
                <span className="phase-chevron" aria-hidden="true">
                  {expanded ? '▾' : '▸'}
                </span>
                <span className="phase-title">{title}</span>
                <span className="column-count" aria-label={t('board.count', { count: cards.length })}>
                  {cards.length}
                </span>
              </button>
            </h2>
            {expanded && (
              <ul id={`phase-cards-${phase.id}`} className="phone-list">
                {cards.map((card) => (
                  <PhoneCardRow key={card.id} card={card} privacy={privacy} onOpen={onOpen} />
                ))}
                {cards.length === 0 && <li className="column-empty">{t('board.empty')}</li>}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
