import * as Y from 'yjs';
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

/**
 * After a refused update (4423, docs/protocol.md "Refused writes"): this browser's copy as it
 * was, and the records the server refused, until the same person's next connection of the
 * board has synced a fresh doc. Then every edit of that copy the server does not have is
 * written again, except those in a refused record, so one refused change does not take the
 * person's other offline edits with it. Memory only, like the epoch case.
 */
const afterRefusal = new Map<string, { state: Uint8Array; exclude: string[]; rounds: number; at: number }>();

/** A refusal that keeps coming back this often within a minute is not retried any more. */
const MAX_REFUSAL_ROUNDS = 5;

export function keepEditsAfterRefusal(userId: string, boardId: string, doc: Y.Doc, record: string): void {
  const key = `${userId}\n${boardId}`;
  const now = Date.now();
  const before = afterRefusal.get(key);
  const recent = before && now - before.at < 60_000 ? before : null;
  const rounds = (recent?.rounds ?? 0) + 1;
  if (!record || rounds > MAX_REFUSAL_ROUNDS) {
    afterRefusal.delete(key);
    return;
  }
  afterRefusal.set(key, {
    state: Y.encodeStateAsUpdate(doc),
    exclude: [...(recent?.exclude ?? []), record],
    rounds,
    at: now,
  });
}

/** The edits to write again on the fresh doc `fresh` (once: they are handed over and forgotten). */
export function takeEditsAfterRefusal(userId: string, boardId: string, fresh: Y.Doc): EpochChange[] | null {
  const key = `${userId}\n${boardId}`;
  const kept = afterRefusal.get(key);
  if (!kept) return null;
  // The round count stays (for MAX_REFUSAL_ROUNDS); the copy is handed over once.
  afterRefusal.set(key, { ...kept, state: new Uint8Array() });
  if (kept.state.length === 0) return null;
  const old = new Y.Doc();
  try {
    Y.applyUpdate(old, kept.state);
    const server = Y.decodeStateVector(Y.encodeStateVector(fresh));
    return unsyncedChanges(old, server).filter(
      (c) => !kept.exclude.some((record) => c.path.slice(0, 2).join('.') === record),
    );
  } finally {
    old.destroy();
  }
}
