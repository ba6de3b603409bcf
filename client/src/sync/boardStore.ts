import {
  compareKeyed,
  type BoardDoc,
  type BoardMeta,
  type Card,
  type CardLog,
  type Phase,
} from '../../../shared/index.js';

/** Immutable view of a board for React. Unchanged cards keep their object identity. */
export interface BoardSnapshot {
  meta: BoardMeta | null;
  phases: Phase[];
  columns: ReadonlyMap<string, Card[]>;
  cardsById: ReadonlyMap<string, Card>;
  /** The board's default cadence template (a card may choose its own). */
  boardTemplateId: string;
  /** Each card's log that has entries (BoardDoc.cardLog; an unchanged log keeps its identity). */
  logs: ReadonlyMap<string, CardLog>;
}

/**
 * A `useSyncExternalStore` source over `BoardDoc.onChange`. The snapshot is rebuilt at most
 * once per change and then cached, so getSnapshot is referentially stable between changes.
 */
export class BoardStore {
  private snapshot: BoardSnapshot | null = null;
  /** Last built snapshot, to reuse unchanged card objects (cheap memoised re-renders). */
  private previous: BoardSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: () => void;

  constructor(private readonly board: BoardDoc) {
    this.unobserve = board.onChange(() => {
      this.snapshot = null;
      for (const fn of this.listeners) fn();
    });
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): BoardSnapshot => {
    if (this.snapshot === null) {
      this.snapshot = buildSnapshot(this.board, this.previous);
      this.previous = this.snapshot;
    }
    return this.snapshot;
  };

  destroy(): void {
    this.unobserve();
    this.listeners.clear();
  }
}

function buildSnapshot(board: BoardDoc, previous: BoardSnapshot | null): BoardSnapshot {
  // Keep the previous phases array while the columns are unchanged, so memoised columns
  // and cards do not re-render on every card edit.
  const freshPhases = board.phases();
  const phases =
    previous && JSON.stringify(previous.phases) === JSON.stringify(freshPhases) ? previous.phases : freshPhases;
  const cardsById = new Map<string, Card>();
  const columns = new Map<string, Card[]>(phases.map((p) => [p.id, []]));
  for (const fresh of board.cards()) {
    const old = previous?.cardsById.get(fresh.id);
    const card = old && sameCard(old, fresh) ? old : fresh;
    cardsById.set(card.id, card);
    columns.get(card.position.phaseId)?.push(card);
  }
  const byKey = (a: Card, b: Card) =>
    compareKeyed({ id: a.id, key: a.position.key }, { id: b.id, key: b.position.key });
  for (const list of columns.values()) list.sort(byKey);
  return {
    meta: board.meta(),
    phases,
    columns,
    cardsById,
    boardTemplateId: board.boardCadenceTemplateId(),
    logs: board.cardLogs(),
  };
}

function sameCard(a: Card, b: Card): boolean {
  return (
    a.name === b.name &&
    a.initials === b.initials &&
    a.triage === b.triage &&
    a.forlobType === b.forlobType &&
    a.contactPerson === b.contactPerson &&
    a.nextDueDate === b.nextDueDate &&
    a.note === b.note &&
    a.position.phaseId === b.position.phaseId &&
    a.position.key === b.position.key &&
    a.phaseEnteredAt === b.phaseEnteredAt &&
    a.createdAt === b.createdAt &&
    // BoardDoc shares an unchanged lifecycle between reads; compare the values otherwise.
    (a.lifecycle === b.lifecycle || JSON.stringify(a.lifecycle) === JSON.stringify(b.lifecycle))
  );
}
