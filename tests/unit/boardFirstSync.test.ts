import * as decoding from 'lib0/decoding';
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../server/logging.js';
import type { Storage } from '../../server/storage/types.js';
import { AFTER_FIRST_SYNC_FALLBACK_MS, FULL_STATE_KEEP_MS, GATE_IDLE_MS, LiveBoard } from '../../server/sync/board.js';
import { SYNC_DEFLATED_MESSAGE, SYNC_DEFLATE_MIN_BYTES } from '../../shared/protocol/deflatedSync.js';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';

/*
 * What a board sends a new client and what waits for that (issue #15, the big board): load-time
 * work that reads every card runs after the first client has the board; a board loaded from a
 * snapshot alone sends those bytes; a big full state goes deflated to a client that asks.
 */

const storage = { appendUpdate: async () => 1, compact: async () => {} } as unknown as Storage;
const boards: LiveBoard[] = [];
const EMPTY_SV = Y.encodeStateVector(new Y.Doc());

function board(doc: Y.Doc, fullState: Uint8Array | null = null): LiveBoard {
  const b = new LiveBoard('b', doc, { lastSeq: 0, logLength: 0, fullState }, storage, {
    compactEvery: 1000,
    log: silentLogger,
  });
  boards.push(b);
  return b;
}

/** A doc whose state is about `bytes` long. */
function docOf(bytes: number): Y.Doc {
  const doc = new Y.Doc();
  const notes = doc.getMap('meta');
  for (let i = 0; Y.encodeStateAsUpdate(doc).byteLength < bytes; i++)
    notes.set(`k${i}`, `Aftalt med familien ${i} `.repeat(10));
  return doc;
}

/** The update a sync step 2 (type 0, 1) or deflated (type 100) message carries. */
function stateIn(message: Uint8Array): { type: number; update: Uint8Array } {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  if (type === SYNC_DEFLATED_MESSAGE)
    return { type, update: new Uint8Array(inflateRawSync(decoding.readVarUint8Array(d))) };
  expect(decoding.readVarUint(d)).toBe(1); // sync step 2
  return { type, update: decoding.readVarUint8Array(d) };
}

afterEach(async () => {
  vi.useRealTimers();
  for (const b of boards.splice(0)) await b.shutdown(4503, 'test');
});

describe('work that waits for the first client', () => {
  it('runs after the first client was sent the board, not before, and only once', async () => {
    const b = board(docOf(1000));
    const ran: string[] = [];
    b.afterFirstSync(() => ran.push('styring'));
    b.afterFirstSync(() => ran.push('archive'));
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual([]);
    b.syncStep2For(EMPTY_SV, true);
    expect(ran).toEqual([]); // the answer goes out first
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['styring', 'archive']);
    b.syncStep2For(EMPTY_SV, true);
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['styring', 'archive']);
    b.afterFirstSync(() => ran.push('late'));
    expect(ran).toEqual(['styring', 'archive', 'late']); // that moment has passed: at once
  });

  it('runs after AFTER_FIRST_SYNC_FALLBACK_MS when no client comes', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const b = board(docOf(1000));
    const ran: string[] = [];
    b.afterFirstSync(() => ran.push('styring'));
    vi.advanceTimersByTime(AFTER_FIRST_SYNC_FALLBACK_MS - 1);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['styring']);
  });
});

describe('the full state a new client gets', () => {
  it('is the stored snapshot’s own bytes when the board was loaded from it alone, until the board changes', () => {
    const source = docOf(2000);
    const snapshot = Y.encodeStateAsUpdate(source);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    // Handed bytes that differ from the doc on purpose (a key set before the board took it),
    // to see which are sent: the stored ones, not a new encoding of the doc.
    doc.getMap('meta').set('only-in-doc', 1);
    const b = board(doc, snapshot);
    expect(stateIn(b.syncStep2For(EMPTY_SV, true)).update).toEqual(snapshot);
    doc.getMap('meta').set('after', 'x');
    const after = new Y.Doc();
    Y.applyUpdate(after, stateIn(b.syncStep2For(EMPTY_SV, true)).update);
    expect(after.getMap('meta').get('after')).toBe('x');
  });

  it('goes deflated to a client that asks when it is big, plain when small or not asked, and always whole', () => {
    for (const [bytes, asks, type] of [
      [2 * SYNC_DEFLATE_MIN_BYTES, true, SYNC_DEFLATED_MESSAGE],
      [2 * SYNC_DEFLATE_MIN_BYTES, false, 0],
      [SYNC_DEFLATE_MIN_BYTES / 4, true, 0],
    ] as const) {
      const doc = docOf(bytes);
      const b = board(doc);
      const message = b.syncStep2For(EMPTY_SV, true, asks);
      const got = stateIn(message);
      expect(got.type).toBe(type);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, got.update);
      expect(copy.getMap('meta').toJSON()).toEqual(doc.getMap('meta').toJSON());
      if (type === SYNC_DEFLATED_MESSAGE) expect(message.byteLength).toBeLessThan(got.update.byteLength / 3);
    }
  });
});

describe('the write gate’s staging copy on an idle board', () => {
  /** One update of `write` on the client's doc. */
  function updateOf(doc: Y.Doc, write: () => void): Uint8Array {
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    write();
    return update!;
  }
  /** A valid column: the gate judges it on its staging copy (it is not a plain update, shared/doc/plainWrites.ts). */
  const column = (doc: Y.Doc, id: string) =>
    updateOf(doc, () => doc.getMap('phases').set(id, { id, title: id, kind: 'referred', position: 9 }));
  /** A valid nomination: a plain update once the board has the list, judged without a copy. */
  const nomination = (doc: Y.Doc, id: string) =>
    updateOf(doc, () =>
      doc
        .getMap('nominations')
        .set(id, { id, cardId: 'c1', by: 'u1', byName: '', at: '2026-12-01T08:00:00.000Z', note: '' }),
    );
  const writer = { origin: {}, awarenessIds: new Set<number>(), send: () => {}, close: () => {} };

  it('is made by the first write that needs it, kept while people write, and given back GATE_IDLE_MS after the last', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const b = board(new Y.Doc());
    const client = new Y.Doc();
    expect(b.gateHoldsCopy).toBe(false); // a board only read holds one doc
    await b.submitUpdate(column(client, 'k1'), writer);
    expect(b.gateHoldsCopy).toBe(true);
    vi.advanceTimersByTime(GATE_IDLE_MS - 1);
    await b.submitUpdate(column(client, 'k2'), writer); // a write re-arms the wait
    vi.advanceTimersByTime(GATE_IDLE_MS - 1);
    expect(b.gateHoldsCopy).toBe(true);
    vi.advanceTimersByTime(1);
    expect(b.gateHoldsCopy).toBe(false);
    // The next write makes a new copy and is judged as before.
    await b.submitUpdate(column(client, 'k3'), writer);
    expect(b.gateHoldsCopy).toBe(true);
    expect(Object.keys(b.doc.getMap('phases').toJSON()).sort()).toEqual(['k1', 'k2', 'k3']);
  });

  it('is not made by plain updates, and a copy that exists catches up with them before it is used', async () => {
    const b = board(new Y.Doc());
    const client = new Y.Doc();
    b.doc.getMap('nominations'); // the board has the list (every stored board does)
    await b.submitUpdate(nomination(client, 'n1'), writer);
    await b.submitUpdate(nomination(client, 'n2'), writer);
    expect(b.gateHoldsCopy).toBe(false);
    await b.submitUpdate(column(client, 'k1'), writer);
    expect(b.gateHoldsCopy).toBe(true);
    await b.submitUpdate(nomination(client, 'n3'), writer);
    // The copy lacks n3 until the next update that needs it, which must see the board with n3.
    await b.submitUpdate(column(client, 'k2'), writer);
    await b.submitUpdate(
      updateOf(client, () => client.getMap('nominations').delete('n3')),
      writer,
    );
    expect(Object.keys(b.doc.getMap('nominations').toJSON()).sort()).toEqual(['n1', 'n2']);
    expect(Object.keys(b.doc.getMap('phases').toJSON()).sort()).toEqual(['k1', 'k2']);
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(client));
  });

  it('is not made by a meeting’s writes: a move, a triage colour, a decision, a goal and its change', async () => {
    const seed = new BoardDoc();
    seed.initialize(
      { id: 'b', teamId: 't', name: 'Tavle', phases: [...DEFAULT_PHASES] },
      { source: 'server', reason: 'seed' },
    );
    seed.createCard({ name: 'Borger', phaseId: 'henvist' }, { source: 'server', reason: 'seed' }, 'c1');
    const b = board(new Y.Doc());
    Y.applyUpdate(b.doc, seed.encodeState());
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(b.doc));
    const cards = new BoardDoc(client);
    const meeting = new MeetingDoc(cards);
    const origin = { source: 'local', userId: 'u1' } as const;
    b.doc.getMap('triageEvents'); // the list a stored board has once a colour was ever set
    const writes = [
      () => cards.moveCard('c1', 'visiteret', 0, origin),
      () => meeting.setTriage('c1', 'red', { by: 'u1', byName: 'A' }, origin),
      () => cards.recordDecision('c1', { code: 'E1', by: 'u1' }, origin),
      () => cards.addGoal('c1', { id: 'g1', text: 'Gå selv på trappen', kind: 'citizen' }, origin),
      () => cards.updateGoal('c1', 'g1', { status: 'opnaaet' }, origin),
    ];
    for (const write of writes) await b.submitUpdate(updateOf(client, write), writer);
    expect(b.gateHoldsCopy).toBe(false);
    const after = new BoardDoc(b.doc).card('c1')!;
    expect(after.position.phaseId).toBe('visiteret');
    expect(after.triage).toBe('red');
    expect(after.lifecycle.decisions.map((d) => d.code)).toEqual(['E1']);
    expect(after.lifecycle.goals.map((g) => g.status)).toEqual(['opnaaet']);
  });
});

describe('the cached full state', () => {
  /**
   * A board loaded from a snapshot whose bytes differ from its doc on purpose, and whether a
   * new client is sent those bytes (the cache) rather than an encoding of the doc.
   */
  function boardFromSnapshot(): { sendsCached: () => boolean } {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const snapshot = Y.encodeStateAsUpdate(docOf(2000));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    doc.getMap('meta').set('only-in-doc', 1);
    const b = board(doc, snapshot);
    return {
      sendsCached: () => {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, stateIn(b.syncStep2For(EMPTY_SV, true)).update);
        return copy.getMap('meta').get('only-in-doc') === undefined;
      },
    };
  }

  it('is kept FULL_STATE_KEEP_MS after a new client last asked, then made afresh', () => {
    const { sendsCached } = boardFromSnapshot();
    expect(sendsCached()).toBe(true);
    vi.advanceTimersByTime(FULL_STATE_KEEP_MS - 1);
    expect(sendsCached()).toBe(true); // asked again: kept on
    vi.advanceTimersByTime(FULL_STATE_KEEP_MS - 1);
    expect(sendsCached()).toBe(true); // past the first ask's window, within the second's
    vi.advanceTimersByTime(FULL_STATE_KEEP_MS);
    expect(sendsCached()).toBe(false); // nobody asked for a window: encoded afresh from the doc
  });

  it('loaded with the board is given back when no new client asks for it', () => {
    const { sendsCached } = boardFromSnapshot();
    vi.advanceTimersByTime(FULL_STATE_KEEP_MS);
    expect(sendsCached()).toBe(false);
  });
});
