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

/**
 * A compaction's new snapshot: the stored snapshot with the log rows replayed on top, encoded
 * from a Y.Doc so Yjs garbage-collects deleted content (Y.mergeUpdates would keep it). Built
 * from what the database holds, never from a node's memory: a node's doc may lack another
 * node's rows, and a snapshot without them must never replace the rows. A row that does not
 * integrate is skipped, as it was when it first arrived (replayBoard above).
 */
export function foldLog(snapshot: Uint8Array | null, updates: readonly { update: Uint8Array }[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const { update } of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        // Skipped on load too; the row still moves to the history like the others.
      }
    }
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Gives every plain value the doc holds an array of its own length. Yjs's decoder collects
 * an item's values by pushing into `[]`, and V8 gives such an array room for 17: a map
 * value (one per item) then takes ~190 bytes of heap where ~65 do. A doc loaded from
 * storage is made almost wholly of decoded items, so at load this is a fifth to a quarter
 * of a board's heap (issue #15: 7 MB of the 74 MB at the morning peak, and of the 200-card
 * board of the memory bench). Yjs only ever reads these arrays or replaces them (splitting
 * and merging items make new ones), so an equal copy is safe.
 */
export function trimDecodedValues(doc: Y.Doc): void {
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
        struct.content.arr = struct.content.arr.slice();
      }
    }
  }
}
