import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { Card } from '../../shared/model/card.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { cardEvents } from '../../shared/rules/cardEvents.js';
import { addStateCounts, boardStateCounts, NO_STATE_COUNTS } from '../../shared/rules/styringState.js';
import type { TriageConfig } from '../../shared/rules/triage.js';
import type { CardTransition } from '../../shared/rules/writeRules.js';
import type { Logger } from '../logging.js';
import type { CardFact, StyringStore } from '../storage/styringTypes.js';
import type { LiveBoard } from '../sync/board.js';

/** "Not discussed" in the cockpit: R8's 14 days (the agenda's default rotation). */
const NOT_DISCUSSED_DAYS = 14;

export function cardFactOf(card: Card): CardFact {
  return {
    cardId: card.id,
    externalRef: card.lifecycle.externalRef,
    weeklyHours: card.lifecycle.weeklyHours,
    forlobTypeId: card.lifecycle.forlobTypeId,
    closed: card.lifecycle.closure !== null,
  };
}

/** Cards a whole-board read takes per turn of the event loop. */
const CARDS_PER_TURN = 8;

/**
 * A board's cards, a few at a time with a turn of the event loop between (cards deleted
 * meanwhile are skipped): read at once, a 40-card board's figures held every board's edits
 * up for 5–15 ms, 1–2 times a second at the morning peak (its p99, issue #15). The figures
 * are a snapshot "now"; a change made during the read schedules another.
 */
async function* cardsInTurns(doc: BoardDoc, perTurn = CARDS_PER_TURN): AsyncGenerator<Card[]> {
  const ids = doc.cardIds();
  for (let i = 0; i < ids.length; i += perTurn) {
    if (i > 0) await new Promise<void>((r) => setImmediate(r));
    const cards: Card[] = [];
    for (const id of ids.slice(i, i + perTurn)) {
      const card = doc.card(id);
      if (card) cards.push(card);
    }
    yield cards;
  }
}

/**
 * Keeps the cockpit's SQL in step with the boards (issue #13): the facts of every live card
 * (refreshed whole when a board loads, so server changes and the seed are covered) and one
 * event row per thing the cockpit counts, from the card transitions the write gate already
 * computed for each accepted update. Nothing here reads a board on a cockpit request.
 */
export class StyringRecorder {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The board-wide reads queued so far (see `oneAtATime`). */
  private turns: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StyringStore,
    private readonly log: Logger,
    /** The board's triage clocks (per municipality), for the response-clock count. */
    private readonly triageConfig: (boardId: string) => Promise<TriageConfig>,
    /**
     * The figures are of days (14 days not discussed) and hours (24-hour clocks), and the
     * hourly refresh catches what the calendar changes; a snapshot reads the whole board.
     * Taken 30 s after each change, every board at the morning peak took one every half
     * minute: a sixth of what the server allocated then (issue #15).
     */
    private readonly snapshotDelayMs = 120_000,
  ) {}

  boardLoaded(board: LiveBoard): Promise<void> {
    return this.oneAtATime(async () => {
      // One reader for both: the snapshot parses the cards a few a turn, and the facts are
      // then read from what the reader kept, in the turn that queues them: each edit's own
      // fact change is queued when it lands, so facts read before an edit and stored after it
      // would undo it.
      const doc = new BoardDoc(board.doc);
      await this.snapshot(board, new Date(), doc);
      await this.store.replaceCardFacts(board.id, doc.cards().map(cardFactOf));
    });
  }

  /**
   * Work that reads a whole board runs one board at a time, each after a turn of the event
   * loop: the snapshots of fifty boards edited in the same minute fall due in the same
   * second, and so do fifty boards' facts after a restart; run together they held every
   * board's edits up for a tenth of a second (issue #15, the morning peak's p99).
   */
  private oneAtATime(task: () => Promise<void>): Promise<void> {
    const run = this.turns.then(() => new Promise<void>((r) => setImmediate(r))).then(task);
    this.turns = run.catch(() => {});
    return run;
  }

  /**
   * Stores the board's state figures now (not discussed for 14 days, response clocks overdue:
   * they change with the calendar and meeting data, not only with card transitions).
   */
  async snapshot(board: LiveBoard, now: Date = new Date(), doc = new BoardDoc(board.doc)): Promise<void> {
    try {
      const meetings = new MeetingDoc(doc);
      const context = {
        phases: doc.phases(),
        lastDiscussed: meetings.lastDiscussed(),
        triageEvents: meetings.triageEvents(),
        triageResponses: meetings.triageResponses(),
        triageConfig: await this.triageConfig(board.id),
        notDiscussedDays: NOT_DISCUSSED_DAYS,
        lifecycle: { boardTemplateId: doc.boardCadenceTemplateId() },
        now,
      };
      let counts = NO_STATE_COUNTS;
      for await (const cards of cardsInTurns(doc))
        counts = addStateCounts(counts, boardStateCounts({ ...context, cards }));
      const { activeCitizens: _active, ...state } = counts;
      await this.store.setBoardState(board.id, { at: now.getTime(), ...state });
    } catch (err) {
      this.log.error('could not snapshot styring state', { board: board.id, err });
    }
  }

  /** A snapshot in turn with the other board-wide reads: the hourly refresh of every loaded board. */
  snapshotInTurn(board: LiveBoard): Promise<void> {
    return this.oneAtATime(() => this.snapshot(board));
  }

  /**
   * After a change: one snapshot within 1–1.5 × `snapshotDelayMs`, however many changes come.
   * The spread keeps boards first edited in the same minute (every board at 08:00) from
   * falling due in the same second: 50 snapshots of ~3 ms each were a p99 spike.
   */
  scheduleSnapshot(board: LiveBoard): void {
    if (this.pending.has(board.id)) return;
    const timer = setTimeout(
      () => {
        this.pending.delete(board.id);
        void this.snapshotInTurn(board);
      },
      this.snapshotDelayMs * (1 + Math.random() / 2),
    );
    timer.unref();
    this.pending.set(board.id, timer);
  }

  async cardsChanged(boardId: string, transitions: readonly CardTransition[], at: number): Promise<void> {
    try {
      const facts = transitions.filter((t) => t.after !== null).map((t) => cardFactOf(t.after!));
      const gone = transitions.filter((t) => t.after === null).map((t) => t.cardId);
      const events = transitions.flatMap((t) => cardEvents(t.before, t.after, at));
      // Queued together, so they share a commit (and that of the edit after them).
      await Promise.all([
        facts.length > 0 ? this.store.upsertCardFacts(boardId, facts) : null,
        gone.length > 0 ? this.store.deleteCardFacts(boardId, gone) : null,
        events.length > 0 ? this.store.appendCardEvents(boardId, events) : null,
      ]);
    } catch (err) {
      // The update is stored and relayed already; a lost figure must not fail the edit.
      this.log.error('could not record styring events', { board: boardId, err });
    }
  }
}
