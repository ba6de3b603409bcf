import { CircleAlert, Info, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Toast } from '../../hooks/useToasts';

/** Messages from the server (e.g. a reverted change), announced politely; each can be dismissed. */
export function Toasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid="toast">
          {toast.kind === 'error' ? (
            <CircleAlert className="toast-icon" aria-hidden="true" />
          ) : (
            <Info className="toast-icon" aria-hidden="true" />
          )}
          <p>{toast.text}</p>
          <button
            type="button"
            className="icon-button"
            onClick={() => onDismiss(toast.id)}
            aria-label={t('toast.dismiss')}
          >
            <X aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
