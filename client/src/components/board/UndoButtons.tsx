import { Redo2, Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { UndoRedo } from '../../hooks/useUndoRedo';

/** Icon buttons (the words are their accessible names and tooltips) to keep the header to one row. */
export function UndoButtons({ undo, redo, canUndo, canRedo }: UndoRedo) {
  const { t } = useTranslation();
  return (
    <div className="undo-buttons" role="group">
      <button type="button" className="icon-button" onClick={undo} disabled={!canUndo} title={t('header.undoHint')}>
        <Undo2 aria-hidden="true" />
        <span className="visually-hidden">{t('header.undo')}</span>
      </button>
      <button type="button" className="icon-button" onClick={redo} disabled={!canRedo} title={t('header.redoHint')}>
        <Redo2 aria-hidden="true" />
        <span className="visually-hidden">{t('header.redo')}</span>
      </button>
    </div>
  );
}
