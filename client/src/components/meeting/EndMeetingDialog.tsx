import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';

interface Props {
  left: number;
  total: number;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Afslut mødet" with items left asks first (issue #11): how many were not reached, and
 * that they come first next time. A modal alert dialog (ui/Dialog): focus starts on
 * "Fortsæt mødet", the safe choice, and stays in the dialog; Escape cancels.
 */
export function EndMeetingDialog({ left, total, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      role="alertdialog"
      title={t('meeting.endAsk.title')}
      description={t('meeting.endAsk.text', { count: left, total })}
      onClose={onCancel}
      initialFocus={cancelRef}
      className="meeting-dialog"
      testId="end-meeting-dialog"
    >
      <div className="meeting-actions">
        <button type="button" className="primary" onClick={onConfirm} data-testid="end-meeting-confirm">
          {t('meeting.endAsk.confirm')}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel} data-testid="end-meeting-cancel">
          {t('meeting.endAsk.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
