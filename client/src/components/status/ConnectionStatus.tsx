import { CircleCheck, CircleX, CloudOff, LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CloseCode } from '../../../../shared/index.js';
import type { SyncStatus } from '../../sync/boardConnection';

const ICONS = { synced: CircleCheck, connecting: LoaderCircle, offline: CloudOff, closed: CircleX };

/** Always visible, announced politely when it changes. Icon + text, never colour alone. */
export function ConnectionStatus({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const text =
    status.state === 'synced'
      ? t('status.synced')
      : status.state === 'offline'
        ? t('status.offline', { count: status.pending })
        : status.state === 'closed'
          ? t(closedMessage(status.closeCode))
          : t('status.connecting');
  const Icon = ICONS[status.state];
  return (
    <div className={`sync-status sync-${status.state}`} role="status" aria-live="polite" data-testid="sync-status">
      <Icon className="sync-icon" aria-hidden="true" />
      {text}
    </div>
  );
}

function closedMessage(code: number | null): 'status.cprRejected' | 'status.staleEpoch' | 'status.closed' {
  if (code === CloseCode.cprRejected) return 'status.cprRejected';
  if (code === CloseCode.staleEpoch) return 'status.staleEpoch';
  return 'status.closed';
}
