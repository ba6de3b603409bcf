import * as Y from 'yjs';

/**
 * A compaction's new snapshot: the stored snapshot with the log rows replayed on top, encoded
 * from a Y.Doc so Yjs garbage-collects deleted content (Y.mergeUpdates would keep it). Built
 * from what the database holds, never from a node's memory: a node's doc may lack another
 * node's rows, and a snapshot without them must never replace the rows. A row that does not
 * integrate is skipped, as it was when it first arrived (server/sync/replay.ts).
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
