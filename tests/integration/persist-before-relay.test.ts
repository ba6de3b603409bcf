import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logging.js';
import type { Storage } from '../../server/storage/types.js';
import { LiveBoard, type BoardPeer } from '../../server/sync/board.js';

/** In-process check of the durability rule with a store whose appends we resolve by hand. */
function slowStore() {
  const pending: { update: Uint8Array; resolve: (seq: number) => void }[] = [];
  const stored: Uint8Array[] = [];
  const storage = {
    appendUpdate: (_id: string, update: Uint8Array) =>
      new Promise<number>((resolve) =>
        pending.push({
          update,
          resolve: (seq) => {
            stored.push(update);
            resolve(seq);
          },
        }),
      ),
    compact: async () => {},
  } as unknown as Storage;
  return { storage, pending, stored };
}

function peer(): BoardPeer & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return { origin: {}, awarenessIds: new Set(), sent, send: (m) => sent.push(m), close: () => {} };
}

/** A valid record (a nomination keyed `text`), so the write gate lets it through. */
function edit(text: string, doc = new Y.Doc()): Uint8Array {
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('nominations').set(text, nomination(text));
  return update!;
}

function nomination(id: string) {
  return { id, cardId: 'c1', by: 'u1', byName: '', at: '2026-12-01T08:00:00.000Z', note: '' };
}

describe('persist before relay', () => {
  it('relays an update only after storage confirmed it, in arrival order', async () => {
    const { storage, pending, stored } = slowStore();
    const board = new LiveBoard('b', new Y.Doc(), { lastSeq: 0, logLength: 0 }, storage, {
      compactEvery: 1000,
      log: silentLogger,
    });
    const writer = peer();
    const reader = peer();
    board.addPeer(writer);
    board.addPeer(reader);

    const clientDoc = new Y.Doc();
    const first = board.submitUpdate(edit('one', clientDoc), writer);
    const second = board.submitUpdate(edit('two', clientDoc), writer);
    await new Promise((r) => setImmediate(r));
    // Nothing applied or relayed while the first append is in flight; the second waits its turn.
    expect(pending).toHaveLength(1);
    expect(reader.sent).toHaveLength(0);
    expect(board.doc.getMap('nominations').size).toBe(0);

    pending[0]!.resolve(1);
    await first;
    expect(stored).toHaveLength(1);
    expect(reader.sent).toHaveLength(1);
    expect(writer.sent).toHaveLength(0); // the sender is not echoed its own update
    expect(board.doc.getMap('nominations').toJSON()).toEqual({ one: nomination('one') });

    await new Promise((r) => setImmediate(r));
    pending[1]!.resolve(2);
    await second;
    expect(board.doc.getMap('nominations').toJSON()).toEqual({ one: nomination('one'), two: nomination('two') });
    expect(reader.sent).toHaveLength(2);
    await board.shutdown(4503, 'test');
  });
});
