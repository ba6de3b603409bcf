import * as random from 'lib0/random';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { clientIdCount, rebuildDoc } from '../../shared/doc/epoch.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';

/** The board's current epoch as its doc says (0 when unset). */
export function epochOf(doc: Y.Doc): number {
  return new BoardDoc(doc).meta()?.epoch ?? 0;
}

/**
 * Epoch rebuild on load (docs/protocol.md "Epochs"): a board loaded from storage (no peers
 * yet) whose doc has seen more than `threshold` clientIDs is copied as plain data into a new
 * doc with one clientID and `meta.epoch + 1`. The new snapshot replaces snapshot and log in
 * one transaction, together with the previous epoch's state vector (for browsers' offline
 * edits). Returns the doc to serve: the rebuilt one, or `doc` unchanged.
 */
export async function maybeRebuildEpoch(
  boardId: string,
  doc: Y.Doc,
  lastSeq: number,
  deps: { storage: Storage; threshold: number; log: Logger },
): Promise<{ doc: Y.Doc; rebuilt: boolean }> {
  const clients = clientIdCount(doc);
  if (deps.threshold <= 0 || clients <= deps.threshold) return { doc, rebuilt: false };
  const started = performance.now();
  const epoch = epochOf(doc) + 1;
  const prevStateVector = Y.encodeStateVector(doc);
  const fresh = rebuildDoc(doc, { epoch, clientID: random.uint32() });
  const snapshot = Y.encodeStateAsUpdate(fresh);
  try {
    await deps.storage.rebuildEpoch(boardId, snapshot, lastSeq, { epoch, prevStateVector, rebuiltAt: Date.now() });
  } catch (err) {
    // Not stored means not rebuilt: serve the old epoch, try again on the next load.
    deps.log.error('epoch rebuild could not be stored; keeping the old epoch', { board: boardId, err });
    fresh.destroy();
    return { doc, rebuilt: false };
  }
  doc.destroy();
  deps.log.info('board rebuilt into a new epoch', {
    board: boardId,
    epoch,
    clientIdsBefore: clients,
    snapshotBytes: snapshot.length,
    ms: Math.round(performance.now() - started),
  });
  return { doc: fresh, rebuilt: true };
}
