import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { VISITATOR_STATUSES, type VisitatorStatus } from '../../../../shared/model/organisation.js';
import type { TeamVisitator } from '../../../../shared/protocol/organisation.js';
import type { BoardSocket } from '../../sync/boardSocket';
import { orgApi } from './orgApi';

const ZERO = () => 0;
const NOOP = () => () => {};

/**
 * The team's visitator today (R13, S2:1454-1474): who (the backup while a cover lasts), and
 * whether she is in the house, joining remotely or not in. She sets it in one tap here; the
 * server announces it on the board's socket (`org:visitator`), so colleagues see it at once.
 */
export function VisitatorLine({
  teamId,
  socket,
  variant = 'header',
}: {
  teamId: string | null;
  socket: BoardSocket | null;
  variant?: 'header' | 'meeting';
}) {
  const { t } = useTranslation();
  const version = useSyncExternalStore(socket?.subscribe ?? NOOP, socket?.getOrgVersion ?? ZERO);
  const [line, setLine] = useState<TeamVisitator | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!teamId) return;
    let live = true;
    orgApi.visitator(teamId).then(
      (v) => live && setLine(v),
      () => live && setLine(null),
    );
    return () => {
      live = false;
    };
  }, [teamId, version]);

  if (!line || line.teamId !== teamId || !line.visitator) return null;
  const who = line.coverFor
    ? t('org.visitator.cover', { name: line.visitator.name, for: line.coverFor.name })
    : line.cover
      ? t('org.visitator.coverNoFixed', { name: line.visitator.name })
      : t('org.visitator.fixed', { name: line.visitator.name });
  const status = line.status ? t(`org.visitator.status.${line.status}`) : t('org.visitator.notSet');
  const set = (s: VisitatorStatus) => {
    setError(null);
    orgApi
      .setStatus(line.teamId, s)
      .then(setLine, (err: unknown) =>
        setError(t('org.visitator.error', { message: err instanceof Error ? err.message : String(err) })),
      );
  };
  return (
    <div className={`visitator-line visitator-line-${variant}`} data-testid={`visitator-line-${variant}`}>
      <span className="visitator-line-text" data-testid={`visitator-text-${variant}`} aria-live="polite">
        {who} · <span className={`visitator-status status-${line.status ?? 'none'}`}>{status}</span>
      </span>
      {line.maySet && (
        <span className="visitator-status-set" role="group" aria-label={t('org.visitator.set.group')}>
          {VISITATOR_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={line.status === s}
              onClick={() => set(s)}
              data-testid={`visitator-set-${s}-${variant}`}
            >
              {t(`org.visitator.set.${s}`)}
            </button>
          ))}
        </span>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
