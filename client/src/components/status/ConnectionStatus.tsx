import { CircleCheck, CircleX, CloudOff, LoaderCircle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseCode } from '../../../../shared/index.js';
import type { SyncStatus } from '../../sync/boardConnection';

const ICONS = { synced: CircleCheck, connecting: LoaderCircle, offline: CloudOff, closed: CircleX };

/**
 * Always visible; icon + text, never colour alone. Screen readers hear it only when the
 * state changes (online → offline → synced), not after every save: the visible text is
 * not a live region, a hidden one holds the message of the last change of state.
 */
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
  const key = `${status.state}:${status.closeCode ?? ''}`;
  const [announced, setAnnounced] = useState({ key, text: '' });
  // Adjusted during render (no effect): the first state is not announced, a change is.
  if (announced.key !== key) setAnnounced({ key, text });
  const Icon = ICONS[status.state];
  return (
    <div className={`sync-status sync-${status.state}`} data-testid="sync-status">
      <Icon className="sync-icon" aria-hidden="true" />
      {text}
      <span className="visually-hidden" role="status" data-testid="sync-announcer">
        {announced.text}
      </span>
    </div>
  );
}

function closedMessage(code: number | null): 'status.cprRejected' | 'status.staleEpoch' | 'status.closed' {
  if (code === CloseCode.cprRejected) return 'status.cprRejected';
  if (code === CloseCode.staleEpoch) return 'status.staleEpoch';
  return 'status.closed';
}
