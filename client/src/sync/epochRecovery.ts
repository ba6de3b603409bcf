import type * as Y from 'yjs';
import { stateVectorFromBase64, unsyncedChanges, type EpochChange } from '../../../shared/index.js';
import { api } from '../api';

/**
 * After a 4409 (the board was rebuilt into a new epoch, docs/protocol.md "Epochs"): the
 * edits this browser made that the server never got, kept in memory only (they may hold
 * citizens' names) until the same person's next connection of the board has synced its
 * fresh doc. Keyed by person too, so nothing is ever written in someone else's name.
 */
const waiting = new Map<string, EpochChange[]>();

/**
 * Reads the old local doc (still intact) against the state vector the server had when the
 * cached epoch ended, and keeps what must be re-sent. Without that state vector (an epoch
 * the server has no record of) nothing can be told apart, so nothing is re-sent: re-sending
 * everything would duplicate what the server already has.
 */
export async function collectUnsyncedEdits(
  userId: string,
  boardId: string,
  oldDoc: Y.Doc,
  cachedEpoch: number,
): Promise<number> {
  const info = await api.boardEpoch(boardId, cachedEpoch);
  const changes = info.previousStateVector
    ? unsyncedChanges(oldDoc, stateVectorFromBase64(info.previousStateVector))
    : [];
  waiting.set(`${userId}\n${boardId}`, changes);
  return changes.length;
}

/** The edits waiting for this board's fresh doc (once: they are handed over and forgotten). */
export function takeUnsyncedEdits(userId: string, boardId: string): EpochChange[] | null {
  const key = `${userId}\n${boardId}`;
  const changes = waiting.get(key) ?? null;
  waiting.delete(key);
  return changes;
}
