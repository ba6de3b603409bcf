import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMPTY_CARD_LOG,
  eveningEntries,
  hasRead,
  unreadFor,
  type SessionUser,
  type UnreadEntry,
} from '../../../../shared/index.js';
import { useBoardSnapshot } from '../../hooks/useBoardSnapshot';
import type { BoardConnection } from '../../sync/boardConnection';
import type { BoardSnapshot } from '../../sync/boardStore';
import { displayName } from '../card/display';
import { LogEntryItem, markLogRead } from './LogEntryItem';
import { useEveningShift } from './useEveningShift';

/** The log entries addressed to `user` that they have not read (rules/cardLog.ts unreadFor). */
export function useUnreadForMe(connection: BoardConnection, user: SessionUser): UnreadEntry[] {
  const snapshot = useBoardSnapshot(connection);
  const [evening] = useEveningShift(user, snapshot.meta?.teamId ?? null);
  return useMemo(
    () => unreadFor({ id: user.id, role: user.role, evening }, snapshot),
    [snapshot, user.id, user.role, evening],
  );
}

/** How many entries are unread for me: the badge on "Til mig" (header, phone bottom bar). */
export function useUnreadCount(connection: BoardConnection, user: SessionUser): number {
  return useUnreadForMe(connection, user).length;
}

interface Props {
  connection: BoardConnection;
  user: SessionUser;
  privacy: boolean;
  /** False on a read-only connection: nothing to mark. */
  editable?: boolean;
  onOpenCard: (cardId: string) => void;
  /** Absent on the phone, where "Til mig" is a tab of the bottom navigation, not a panel. */
  onClose?: () => void;
}

/**
 * "Til mig" (issue #12, R35): what was handed over to me and I have not read, newest
 * first, each marked read with one tap (the receipt is what "Læst af" shows the writer).
 * Also the evening shift's list, for everyone, and the switch that makes its entries mine.
 * Works on its own (a side panel here; the phone's bottom bar links the same component).
 */
export function ForMe({ connection, user, privacy, editable = true, onOpenCard, onClose }: Props) {
  const { t } = useTranslation();
  const snapshot = useBoardSnapshot(connection);
  const unread = useUnreadForMe(connection, user);
  const [evening, setEvening] = useEveningShift(user, snapshot.meta?.teamId ?? null);
  const forEvening = useMemo(() => eveningEntries(snapshot), [snapshot]);
  return (
    <aside className="for-me-panel" aria-labelledby="for-me-h" data-testid="for-me">
      <header className="for-me-header">
        <h2 id="for-me-h">{t('cardLog.forMe.title')}</h2>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('cardLog.forMe.close')}
          </button>
        )}
      </header>
      <label className="toggle">
        <input type="checkbox" checked={evening} onChange={(e) => setEvening(e.target.checked)} />
        {t('cardLog.forMe.evening')}
      </label>
      <p className="field-hint">{t('cardLog.forMe.eveningHint')}</p>
      {unread.length === 0 ? (
        <p className="meeting-note" data-testid="for-me-empty">
          {t('cardLog.forMe.empty')}
        </p>
      ) : (
        <EntryList
          entries={unread}
          snapshot={snapshot}
          privacy={privacy}
          onOpenCard={onOpenCard}
          onMarkRead={editable ? (cardId, entryId) => markLogRead(connection, user, cardId, entryId) : undefined}
          user={user}
        />
      )}
      {!evening && (
        <section aria-labelledby="for-me-evening-h">
          <h3 id="for-me-evening-h">{t('cardLog.forMe.eveningList')}</h3>
          {forEvening.length === 0 ? (
            <p className="meeting-note">{t('cardLog.forMe.eveningEmpty')}</p>
          ) : (
            <EntryList entries={forEvening} snapshot={snapshot} privacy={privacy} onOpenCard={onOpenCard} user={user} />
          )}
        </section>
      )}
    </aside>
  );
}

function EntryList(props: {
  entries: readonly UnreadEntry[];
  snapshot: BoardSnapshot;
  privacy: boolean;
  onOpenCard: (cardId: string) => void;
  /** Given: entries I have not read get "Markér som læst". */
  onMarkRead?: ((cardId: string, entryId: string) => void) | undefined;
  user: SessionUser;
}) {
  const { entries, snapshot, privacy, onOpenCard, onMarkRead, user } = props;
  return (
    <ul className="card-log-list">
      {entries.map(({ cardId, entry }) => {
        const card = snapshot.cardsById.get(cardId);
        const log = snapshot.logs.get(cardId) ?? EMPTY_CARD_LOG;
        return (
          <LogEntryItem
            key={`${cardId}/${entry.id}`}
            entry={privacy ? { ...entry, text: '' } : entry}
            log={log}
            onMarkRead={onMarkRead && !hasRead(log, entry.id, user.id) ? () => onMarkRead(cardId, entry.id) : undefined}
            title={
              <button type="button" className="link" onClick={() => onOpenCard(cardId)}>
                {card ? displayName(card, privacy) : '?'}
              </button>
            }
          />
        );
      })}
    </ul>
  );
}

/** The header's "Til mig" button, with the number of unread entries in its name. */
export function ForMeButton(props: {
  connection: BoardConnection;
  user: SessionUser;
  pressed: boolean;
  onClick: () => void;
}) {
  const { t } = useTranslation();
  const count = useUnreadCount(props.connection, props.user);
  return (
    <button type="button" aria-pressed={props.pressed} onClick={props.onClick} data-testid="for-me-open">
      {count > 0 ? t('cardLog.forMe.openCount', { count }) : t('cardLog.forMe.open')}
    </button>
  );
}
