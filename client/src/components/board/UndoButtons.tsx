import { Redo2, Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { UndoRedo } from '../../hooks/useUndoRedo';

export function UndoButtons({ undo, redo, canUndo, canRedo }: UndoRedo) {
  const { t } = useTranslation();
  return (
    <div className="undo-buttons" role="group">
      <button type="button" onClick={undo} disabled={!canUndo} title={t('header.undoHint')}>
        <Undo2 aria-hidden="true" />
        {t('header.undo')}
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} title={t('header.redoHint')}>
        <Redo2 aria-hidden="true" />
        {t('header.redo')}
      </button>
    </div>
  );
}
