import { useTranslation } from 'react-i18next';
import { EMPTY_CARD_LOG, hasRead, recipientOf, type SessionUser, type UnreadEntry } from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { displayName } from '../card/display';
import { useLifecycleEnv } from '../lifecycle/env';
import { LogEntryItem, markLogRead } from './LogEntryItem';

/**
 * Log entries handed to the visitator (R25) still waiting for her: for the visitator, those
 * she has not read; for everyone else, those no one has read yet. Newest first.
 */
export function handedToVisitator(board: BoardSnapshot, user: Pick<SessionUser, 'id' | 'role'>): UnreadEntry[] {
  const out: UnreadEntry[] = [];
  for (const [cardId, log] of board.logs) {
    for (const entry of log.entries) {
      if (recipientOf(entry) !== 'visitator') continue;
      const waiting =
        user.role === 'visitator' ? !hasRead(log, entry.id, user.id) : (log.readBy[entry.id] ?? []).length === 0;
      if (waiting) out.push({ cardId, entry });
    }
  }
  return out.sort((a, b) => (a.entry.at > b.entry.at ? -1 : 1));
}

/** The handed-over entries in "Spørg visitator"; the visitator marks each read there. */
export function HandedToVisitator(props: { board: BoardSnapshot; privacy: boolean; onOpen: (cardId: string) => void }) {
  const { board, privacy, onOpen } = props;
  const { t } = useTranslation();
  const { connection, user, editable } = useLifecycleEnv();
  const entries = handedToVisitator(board, user);
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="handed-visitator-h" data-testid="handed-to-visitator">
      <h4 id="handed-visitator-h">{t('cardLog.routed.visitator')}</h4>
      <ul className="card-log-list">
        {entries.map(({ cardId, entry }) => {
          const card = board.cardsById.get(cardId);
          const log = board.logs.get(cardId) ?? EMPTY_CARD_LOG;
          const mine = editable && user.role === 'visitator' && !hasRead(log, entry.id, user.id);
          return (
            <LogEntryItem
              key={`${cardId}/${entry.id}`}
              entry={privacy ? { ...entry, text: '' } : entry}
              log={log}
              onMarkRead={mine ? () => markLogRead(connection, user, cardId, entry.id) : undefined}
              title={
                <button type="button" className="link" onClick={() => onOpen(cardId)}>
                  {card ? displayName(card, privacy) : '?'}
                </button>
              }
            />
          );
        })}
      </ul>
    </section>
  );
}
