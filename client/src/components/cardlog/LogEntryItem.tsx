import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDanishTime, type CardLog, type LogEntry, type SessionUser } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';

/** Writes my read receipt ("Læst af") for one entry. */
export function markLogRead(connection: BoardConnection, user: SessionUser, cardId: string, entryId: string): void {
  connection.write((board, origin) => board.markLogRead(cardId, entryId, { by: user.id, byName: user.name }, origin));
}

interface Props {
  entry: LogEntry;
  log: CardLog;
  /** Given when the entry is addressed to me and I have not read it: "Markér som læst". */
  onMarkRead?: (() => void) | undefined;
  /** Shown before the text (the citizen's name in "Til mig"). */
  title?: ReactNode;
}

/** One log entry: when (Danish time), who, what kind, where it was handed, who has read it. */
export function LogEntryItem({ entry, log, onMarkRead, title }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const readers = log.readBy[entry.id] ?? [];
  return (
    <li className="log-entry" data-testid={`log-entry-${entry.id}`}>
      {title}
      <div className="log-entry-head">
        <span className={`log-kind log-kind-${entry.kind}`}>{t(`cardLog.kinds.${entry.kind}`)}</span>
        <span className="log-entry-meta">
          {entry.byName} · <time dateTime={entry.at}>{formatDanishTime(Date.parse(entry.at), lang)}</time>
        </span>
      </div>
      <p className="log-entry-text">{entry.text}</p>
      {entry.routedTo && (
        <p className="log-entry-routed">
          <span>{t(`cardLog.routed.${entry.routedTo}`)}</span>
          {' – '}
          <span data-testid="log-read-by">
            {readers.length > 0
              ? t('cardLog.readBy', { names: readers.map((r) => r.byName).join(', ') })
              : t('cardLog.notRead')}
          </span>
        </p>
      )}
      {onMarkRead && (
        <button type="button" onClick={onMarkRead} data-testid="log-mark-read">
          {t('cardLog.markRead')}
        </button>
      )}
    </li>
  );
}
