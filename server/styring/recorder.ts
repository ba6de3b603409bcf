import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { Card } from '../../shared/model/card.js';
import { cardEvents } from '../../shared/rules/cardEvents.js';
import type { CardTransition } from '../../shared/rules/writeRules.js';
import type { Logger } from '../logging.js';
import type { CardFact, StyringStore } from '../storage/styringTypes.js';
import type { LiveBoard } from '../sync/board.js';

export function cardFactOf(card: Card): CardFact {
  return {
    cardId: card.id,
    externalRef: card.lifecycle.externalRef,
    weeklyHours: card.lifecycle.weeklyHours,
    forlobTypeId: card.lifecycle.forlobTypeId,
    closed: card.lifecycle.closure !== null,
    nextDue: card.nextDueDate,
  };
}

/**
 * Keeps the cockpit's SQL in step with the boards (issue #13): the facts of every live card
 * (refreshed whole when a board loads, so server changes and the seed are covered) and one
 * event row per thing the cockpit counts, from the card transitions the write gate already
 * computed for each accepted update. Nothing here reads a board on a cockpit request.
 */
export class StyringRecorder {
  constructor(
    private readonly store: StyringStore,
    private readonly log: Logger,
  ) {}

  async boardLoaded(board: LiveBoard): Promise<void> {
    const cards = new BoardDoc(board.doc).cards();
    await this.store.replaceCardFacts(board.id, cards.map(cardFactOf));
  }

  async cardsChanged(boardId: string, transitions: readonly CardTransition[], at: number): Promise<void> {
    try {
      const facts = transitions.filter((t) => t.after !== null).map((t) => cardFactOf(t.after!));
      const gone = transitions.filter((t) => t.after === null).map((t) => t.cardId);
      if (facts.length > 0) await this.store.upsertCardFacts(boardId, facts);
      if (gone.length > 0) await this.store.deleteCardFacts(boardId, gone);
      const events = transitions.flatMap((t) => cardEvents(t.before, t.after, at));
      if (events.length > 0) await this.store.appendCardEvents(boardId, events);
    } catch (err) {
      // The update is stored and relayed already; a lost figure must not fail the edit.
      this.log.error('could not record styring events', { board: boardId, err });
    }
  }
}
