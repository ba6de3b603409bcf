import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../../shared/rules/dates.js';
import type { SyncStatus } from '../../sync/boardConnection';

interface Props {
  status: SyncStatus;
}

const clock = (d: Date) => formatInstant(d, 'time');

/**
 * The wall screen keeps showing the last state when the network drops, clearly marked as
 * not live; the banner goes away by itself once the connection is back and synced.
 */
export function NotLiveBanner({ status }: Props) {
  const { t } = useTranslation();
  const live = status.state === 'synced';
  const [prevLive, setPrevLive] = useState(live);
  // When the connection was last live; null before the first sync and while live.
  const [since, setSince] = useState<Date | null>(null);
  if (live !== prevLive) {
    setPrevLive(live);
    setSince(live ? null : new Date());
  }
  if (live || !since) return null;
  return (
    <div className="screen-not-live" role="status" data-testid="screen-not-live">
      {t('screen.notLive', { time: clock(since) })}
    </div>
  );
}
