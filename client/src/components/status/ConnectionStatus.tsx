import { useTranslation } from 'react-i18next';
import { CloseCode } from '../../../../shared/index.js';
import type { SyncStatus } from '../../sync/boardConnection';

/** Always visible, announced politely when it changes. Icon + text, never colour alone. */
export function ConnectionStatus({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const text =
    status.state === 'synced'
      ? t('status.synced')
      : status.state === 'offline'
        ? t('status.offline', { count: status.pending })
        : status.state === 'closed'
          ? t(status.closeCode === CloseCode.cprRejected ? 'status.cprRejected' : 'status.closed')
          : t('status.connecting');
  const icon = { synced: '✓', connecting: '…', offline: '!', closed: '×' }[status.state];
  return (
    <div className={`sync-status sync-${status.state}`} role="status" aria-live="polite" data-testid="sync-status">
      <span className="sync-icon" aria-hidden="true">
        {icon}
      </span>
      {text}
    </div>
  );
}
