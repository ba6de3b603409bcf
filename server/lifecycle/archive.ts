import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { Card } from '../../shared/model/card.js';
import { daysBetween, toIsoDate } from '../../shared/rules/dates.js';
import type { Logger } from '../logging.js';
import type { ArchivedCardRecord, Storage } from '../storage/types.js';
import type { LiveBoard } from '../sync/board.js';

export const ARCHIVE_ORIGIN: TransactionOrigin = { source: 'server', reason: 'maintenance' };

/** What `archived_cards.card` holds: the card as read, and its stored values (to restore). */
export interface ArchivedCardJson {
  card: Card;
  stored: Record<string, unknown>;
}

/**
 * Moves closed forløb out of the live doc into `archived_cards`: every card whose closure
 * date is at least `afterDays` days before today (Danish calendar). The rows are written
 * first, then the cards are deleted from the doc in one server change (stored before it is
 * relayed). A crash in between leaves a card in both places; the next run writes the same
 * row again and deletes it, so the job is idempotent. Runs in the board's queue, so no
 * update can reopen a card between the check and the delete.
 */
export function archiveClosedCards(
  board: LiveBoard,
  storage: Storage,
  opts: { afterDays: number; now: Date; log: Logger },
): Promise<number> {
  let moved = 0;
  return board
    .runExclusive(async (commit) => {
      const doc = new BoardDoc(board.doc);
      const today = toIsoDate(opts.now);
      // Only the due cards are read whole: this runs at every board load.
      const due: Card[] = [];
      for (const [id, closedOn] of doc.closedOnDates()) {
        const card = daysBetween(closedOn, today) >= opts.afterDays ? doc.card(id) : null;
        if (card?.lifecycle.closure) due.push(card);
      }
      if (due.length === 0) return;
      const rows: ArchivedCardRecord[] = due.map((card) => {
        const json: ArchivedCardJson = { card, stored: doc.storedCard(card.id) ?? {} };
        return {
          boardId: board.id,
          cardId: card.id,
          name: card.name,
          closedOn: card.lifecycle.closure!.closedOn,
          archivedAt: opts.now.getTime(),
          card: json,
        };
      });
      await storage.archiveCards(rows);
      await commit((staging) => {
        const next = new BoardDoc(staging);
        for (const card of due) next.deleteCard(card.id, ARCHIVE_ORIGIN);
      }, ARCHIVE_ORIGIN);
      moved = due.length;
      opts.log.info('archived closed forløb', { board: board.id, cards: moved });
    })
    .then(() => moved);
}
