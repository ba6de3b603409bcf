import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../../shared/index.js';
import { phaseTitle } from '../card/display';

interface Props {
  name: string;
  phases: readonly Phase[];
  currentPhaseId: string;
  onMove: (phaseId: string) => void;
  onClose: () => void;
}

/** "Flyt til …": every phase as a large button, so a card moves on a phone without dragging. */
export function MoveToSheet({ name, phases, currentPhaseId, onMove, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <div
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="move-sheet-title"
        data-testid="move-sheet"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="move-sheet-title">{t('phone.move.title', { name })}</h2>
        <ul className="sheet-options">
          {phases.map((p) => {
            const here = p.id === currentPhaseId;
            const title = phaseTitle(p, lang);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  disabled={here}
                  aria-current={here ? 'true' : undefined}
                  onClick={() => onMove(p.id)}
                  data-testid={`move-to-${p.id}`}
                >
                  {here ? t('phone.move.current', { phase: title }) : title}
                </button>
              </li>
            );
          })}
        </ul>
        <button ref={cancelRef} type="button" className="sheet-cancel" onClick={onClose}>
          {t('phone.move.cancel')}
        </button>
      </div>
    </div>
  );
}
