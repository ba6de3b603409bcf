import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  left: number;
  total: number;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Afslut mødet" with items left asks first (issue #11): how many were not reached, and
 * that they come first next time. Focus starts on "Fortsæt mødet", the safe choice,
 * and Tab stays between the two answers; Escape cancels.
 */
export function EndMeetingDialog({ left, total, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="meeting-dialog-backdrop">
      <div
        className="meeting-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-h`}
        aria-describedby={`${id}-d`}
        data-testid="end-meeting-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          // keep Tab inside the two answers while the question is open
          if (e.key === 'Tab') {
            e.preventDefault();
            (document.activeElement === cancelRef.current ? confirmRef : cancelRef).current?.focus();
          }
        }}
      >
        <h3 id={`${id}-h`}>{t('meeting.endAsk.title')}</h3>
        <p id={`${id}-d`}>{t('meeting.endAsk.text', { count: left, total })}</p>
        <div className="meeting-actions">
          <button
            type="button"
            ref={confirmRef}
            className="primary"
            onClick={onConfirm}
            data-testid="end-meeting-confirm"
          >
            {t('meeting.endAsk.confirm')}
          </button>
          <button type="button" ref={cancelRef} onClick={onCancel} data-testid="end-meeting-cancel">
            {t('meeting.endAsk.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
