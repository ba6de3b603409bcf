import { useTranslation } from 'react-i18next';
import { formatInstant, toIsoDate } from '../../../../shared/rules/dates.js';
import type { SyncStatus } from '../../sync/boardConnection';

interface Props {
  status: SyncStatus;
  /** The wall's large banner, or a staff device's slimmer one. */
  variant?: 'wall' | 'staff';
}

/**
 * When the board is not live — the network dropped, or the app started without it and shows
 * the last copy on the device (issue #16, N7) — it says so clearly, with the time it was last
 * live (kept across restarts, sync/offlineStart.ts); it goes away by itself once synced again.
 * Not while merely connecting: a normal start is not an outage.
 */
export function NotLiveBanner({ status, variant = 'wall' }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  if (status.state !== 'offline' && status.state !== 'closed') return null;
  const since = status.notLiveSince;
  // the time alone today, the date too when the copy is older (Danish time)
  const text =
    since === null
      ? t('downtime.notLiveUnknown')
      : toIsoDate(new Date(since)) === toIsoDate(new Date())
        ? t('downtime.notLiveSince', { time: formatInstant(since, 'time', lang) })
        : t('downtime.notLiveSinceDay', { time: formatInstant(since, 'dateTime', lang) });
  return (
    <div
      className={variant === 'wall' ? 'screen-not-live' : 'screen-not-live not-live-staff'}
      role="status"
      data-testid="screen-not-live"
    >
      {text}
    </div>
  );
}
