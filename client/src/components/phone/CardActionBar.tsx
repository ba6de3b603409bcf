import { ArrowRightLeft, NotebookPen, Palette, Phone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../../shared/index.js';
import { MoveToSheet } from './MoveToSheet';

interface Props {
  name: string;
  phases: readonly Phase[];
  currentPhaseId: string;
  readOnly: boolean;
  onTriage: () => void;
  onNote: (() => void) | null;
  onContacts: (() => void) | null;
  onMove: (phaseId: string) => void;
}

/**
 * The card's most used actions at the bottom of a phone screen, in reach of one thumb:
 * the colour (triage, R11), a note (what was seen on the visit, R25), a move to the next
 * phase, and the relatives' phone numbers (R20, R22). The sections stay above it.
 */
export function CardActionBar({ name, phases, currentPhaseId, readOnly, onTriage, onNote, onContacts, onMove }: Props) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState(false);
  return (
    <>
      <div
        className="card-action-bar"
        role="toolbar"
        aria-label={t('phone.card.actions')}
        data-testid="card-action-bar"
      >
        <button type="button" onClick={onTriage} data-testid="action-triage">
          <Palette aria-hidden="true" /> {t('phone.card.triage')}
        </button>
        {onNote && (
          <button type="button" onClick={onNote} data-testid="action-note">
            <NotebookPen aria-hidden="true" /> {t('phone.card.note')}
          </button>
        )}
        {!readOnly && (
          <button type="button" onClick={() => setMoving(true)} data-testid="action-move">
            <ArrowRightLeft aria-hidden="true" /> {t('phone.card.move')}
          </button>
        )}
        {onContacts && (
          <button type="button" onClick={onContacts} data-testid="action-contacts">
            <Phone aria-hidden="true" /> {t('phone.card.contacts')}
          </button>
        )}
      </div>
      {moving && (
        <MoveToSheet
          name={name}
          phases={phases}
          currentPhaseId={currentPhaseId}
          onMove={(phaseId) => {
            onMove(phaseId);
            setMoving(false);
          }}
          onClose={() => setMoving(false)}
        />
      )}
    </>
  );
}
