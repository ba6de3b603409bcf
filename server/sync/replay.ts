import * as Y from 'yjs';
import type { StoredBoard } from '../storage/types.js';
import type { Logger } from '../logging.js';

const PERSISTENCE_ORIGIN = { source: 'persistence' } as const;

/**
 * Rebuilds a board's doc from storage: snapshot, then each logged update in order.
 * Replay (not Y.mergeUpdates) keeps loading linear in the log length. An update that
 * fails to integrate is skipped, exactly as it was when it first arrived live.
 */
export function replayBoard(stored: StoredBoard, log: Logger): { doc: Y.Doc; lastSeq: number; logLength: number } {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, PERSISTENCE_ORIGIN);
  let lastSeq = stored.snapshotSeq;
  for (const { seq, update } of stored.updates) {
    try {
      Y.applyUpdate(doc, update, PERSISTENCE_ORIGIN);
    } catch (err) {
      log.warn('skipped stored update that does not integrate', { seq, err });
    }
    lastSeq = seq;
  }
  return { doc, lastSeq, logLength: stored.updates.length };
}
