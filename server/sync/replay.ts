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
 * Compacts a doc just decoded from storage (issue #15, memory). Two things Yjs's decoder
 * leaves behind, each a sizeable share of a loaded board's heap:
 *
 * - Every plain value's array has room for 17: the decoder collects an item's values by
 *   pushing into `[]`, so a map value (one per item) takes ~190 bytes where ~65 do. Yjs only
 *   reads these arrays or replaces them (splitting and merging items make new ones), so an
 *   equal copy is safe.
 * - Every item's map key is a string of its own: "triage" once per card, and so on for
 *   every field and collection. Within the doc each distinct key is kept once, the maps'
 *   own key tables included (rebuilt in the same order, as Y.Map iterates them).
 *
 * Measured on the memory bench's 200-card boards (docs/benchmarks.md).
 */
export function compactLoadedDoc(doc: Y.Doc): void {
  const keys = new Map<string, string>();
  const intern = (key: string): string => {
    const known = keys.get(key);
    if (known !== undefined) return known;
    keys.set(key, key);
    return key;
  };
  const maps = new Set<Y.AbstractType<unknown>>();
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (struct.content instanceof Y.ContentAny) struct.content.arr = struct.content.arr.slice();
      if (struct.parentSub !== null) {
        struct.parentSub = intern(struct.parentSub);
        maps.add(struct.parent as Y.AbstractType<unknown>);
      }
    }
  }
  for (const type of maps) {
    const table = new Map<string, Y.Item>();
    for (const [key, item] of type._map) table.set(intern(key), item);
    type._map = table;
  }
}
