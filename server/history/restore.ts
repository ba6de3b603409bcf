import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { changedFields, diffBoards, type RestoreResult } from '../../shared/doc/boardRestore.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { compareKeyed } from '../../shared/rules/ordering.js';
import type { HistoryPreview, PreviewCard } from '../../shared/protocol/history.js';
import type { Logger } from '../logging.js';
import type { AuditEntry, Storage } from '../storage/types.js';
import type { LiveBoard } from '../sync/board.js';
import type { BoardRegistry } from '../sync/registry.js';
import { replayBoard } from '../sync/replay.js';

export const RESTORE_ORIGIN: TransactionOrigin = { source: 'server', reason: 'restore' };

/**
 * The board's doc as it was at `at` (epoch ms): the newest history snapshot at or before it
 * plus the updates stored up to then, within that snapshot's epoch lineage (storage picks
 * them). A scratch doc: the caller destroys it. Null when `at` is before the kept history.
 */
export async function boardAt(storage: Storage, boardId: string, at: number, log: Logger): Promise<BoardDoc | null> {
  const stored = await storage.loadBoardAt(boardId, at);
  return stored ? new BoardDoc(replayBoard(stored, log).doc) : null;
}

/** Runs `fn` with the live board loaded (and keeps it loaded meanwhile). */
async function withLiveBoard<T>(
  registry: BoardRegistry,
  boardId: string,
  fn: (board: LiveBoard) => Promise<T>,
): Promise<T> {
  const board = await registry.acquire(boardId);
  try {
    return await fn(board);
  } finally {
    registry.release(board);
  }
}

/** The board as it was, column by column, compared with the board now. */
export async function previewAt(
  deps: { storage: Storage; registry: BoardRegistry; log: Logger },
  boardId: string,
  at: number,
): Promise<HistoryPreview | null> {
  const doc = await boardAt(deps.storage, boardId, at, deps.log);
  if (!doc) return null;
  try {
    const past = doc.state();
    const live = await withLiveBoard(deps.registry, boardId, async (b) => new BoardDoc(b.doc).state());
    const diff = diffBoards(past.cards, live.cards);
    const liveById = new Map(live.cards.map((c) => [c.id, c]));
    const phases = past.phases.map((p) => ({
      id: p.id,
      title: p.title,
      cards: past.cards
        .filter((c) => c.position.phaseId === p.id)
        .sort((a, b) => compareKeyed({ id: a.id, key: a.position.key }, { id: b.id, key: b.position.key }))
        .map((c): PreviewCard => {
          const now = liveById.get(c.id);
          const fields = now ? changedFields(c, now) : [];
          return {
            id: c.id,
            name: c.name,
            initials: c.initials,
            triage: c.triage,
            phaseId: p.id,
            status: !now ? 'missing' : fields.length > 0 ? 'changed' : 'unchanged',
            changedFields: fields,
          };
        }),
    }));
    const later = new Set(diff.later);
    return {
      at: new Date(at).toISOString(),
      phases,
      diff: {
        missing: diff.missing.length,
        changed: diff.changed.length,
        later: diff.later.length,
        unchanged: diff.unchanged,
      },
      laterCards: live.cards
        .filter((c) => later.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, phaseId: c.position.phaseId })),
    };
  } finally {
    doc.destroy();
  }
}

export interface RestoreInput {
  boardId: string;
  at: number;
  cardIds?: readonly string[];
  removeLater: boolean;
  userId: string;
}

/**
 * Restores the live board to `at` as one server change (persisted, then relayed to every
 * client, through LiveBoard.serverChange) and audits it: one `board_restored` entry with the
 * time and the cards, and one `card_restored` per card (ids only, never names). Returns what
 * was written; 'too_old' when `at` is before the kept history; 'not_stored' when the board
 * refused or could not store the change (nothing written); the asked-for cards that did not
 * exist then (nothing written).
 */
export async function restoreBoard(
  deps: { storage: Storage; registry: BoardRegistry; log: Logger; now?: () => number },
  input: RestoreInput,
): Promise<RestoreResult | 'too_old' | 'not_stored' | { unknownCards: string[] }> {
  const doc = await boardAt(deps.storage, input.boardId, input.at, deps.log);
  if (!doc) return 'too_old';
  const past = doc;
  const unknownCards = (input.cardIds ?? []).filter((id) => !past.hasCard(id));
  if (unknownCards.length > 0) {
    doc.destroy();
    return { unknownCards };
  }
  let result: RestoreResult = { recreated: [], changed: [], removed: [], phases: [], meta: false, freeItems: [] };
  let stored = true;
  try {
    await withLiveBoard(deps.registry, input.boardId, async (board) => {
      const opts = { cardIds: input.cardIds, removeLater: input.removeLater };
      let built = false;
      const wrote = await board.serverChange((staging) => {
        result = new BoardDoc(staging).restoreFrom(past, opts, RESTORE_ORIGIN);
        built = true;
      }, RESTORE_ORIGIN);
      // serverChange logs and swallows a failure; a restore that wrote nothing must say so.
      const anything =
        result.meta ||
        [result.recreated, result.changed, result.removed, result.phases, result.freeItems].some((l) => l.length > 0);
      stored = built && (wrote || !anything);
    });
  } finally {
    doc.destroy();
  }
  if (!stored) {
    deps.log.error('restore not stored', { board: input.boardId });
    return 'not_stored';
  }
  const at = (deps.now ?? Date.now)();
  const to = new Date(input.at).toISOString();
  const base = { at, userId: input.userId, boardId: input.boardId };
  const perCard = (how: 'recreated' | 'changed' | 'removed', ids: string[]): AuditEntry[] =>
    ids.map((cardId) => ({ ...base, cardId, action: 'card_restored', detail: { to, how } }));
  await deps.storage.appendAuditBatch([
    {
      ...base,
      cardId: null,
      action: 'board_restored',
      detail: {
        to,
        scope: input.cardIds ? 'selected' : 'board',
        removeLater: input.removeLater,
        recreated: result.recreated,
        changed: result.changed,
        removed: result.removed,
        phases: result.phases,
        meta: result.meta,
        freeItems: result.freeItems,
      },
    },
    ...perCard('recreated', result.recreated),
    ...perCard('changed', result.changed),
    ...perCard('removed', result.removed),
  ]);
  deps.log.info('board restored', {
    board: input.boardId,
    to,
    recreated: result.recreated.length,
    changed: result.changed.length,
    removed: result.removed.length,
    freeItems: result.freeItems.length,
  });
  return result;
}
