import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../server/logging.js';
import type { Storage } from '../../server/storage/types.js';
import { AWARENESS_WINDOW_MS, LiveBoard, type BoardPeer } from '../../server/sync/board.js';

/*
 * Presence on a hot board (issue #15): LiveBoard relays awareness at most once per window
 * per board, carrying each changed client's latest state; departures go out at once.
 * Fake timers: the windows are driven by hand, nothing here waits on the clock.
 */

type Peer = BoardPeer & { sent: Uint8Array[] };

function peer(): Peer {
  const sent: Uint8Array[] = [];
  return { origin: {}, awarenessIds: new Set(), sent, send: (m) => sent.push(m), close: () => {} };
}

/** The client states one relayed awareness message carries (null: removed). */
function statesIn(message: Uint8Array): Map<number, unknown> {
  const outer = decoding.createDecoder(message);
  expect(decoding.readVarUint(outer)).toBe(1); // messageAwareness
  const inner = decoding.createDecoder(decoding.readVarUint8Array(outer));
  const out = new Map<number, unknown>();
  const count = decoding.readVarUint(inner);
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(inner);
    decoding.readVarUint(inner); // clock
    out.set(id, JSON.parse(decoding.readVarString(inner)) as unknown);
  }
  return out;
}

/** A remote client's presence, applied to the board as its connection would. */
function client(board: LiveBoard, from: Peer) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  return {
    id: awareness.clientID,
    set(state: Record<string, unknown>) {
      awareness.setLocalState(state);
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
      awarenessProtocol.applyAwarenessUpdate(board.awareness, update, from.origin);
    },
    leave() {
      awarenessProtocol.removeAwarenessStates(board.awareness, [awareness.clientID], from.origin);
    },
    /** Stops the client's own awareness timer. */
    destroy() {
      awareness.destroy();
    },
  };
}

function newBoard(): LiveBoard {
  const storage = { appendUpdate: async () => 1, compact: async () => {} } as unknown as Storage;
  return new LiveBoard('b', new Y.Doc(), { lastSeq: 0, logLength: 0 }, storage, {
    compactEvery: 1000,
    log: silentLogger,
  });
}

describe('awareness relay per board', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first change at once and a burst within one window as one message with the latest state', async () => {
    const board = newBoard();
    const dragger = peer();
    const watcher = peer();
    board.addPeer(dragger);
    board.addPeer(watcher);
    const a = client(board, dragger);

    a.set({ x: 0 });
    expect(watcher.sent).toHaveLength(1);
    expect(statesIn(watcher.sent[0]!).get(a.id)).toEqual({ x: 0 });

    // A drag at 30 Hz sends about one state per 33 ms; several land in one window.
    for (let x = 1; x <= 5; x++) a.set({ x });
    expect(watcher.sent).toHaveLength(1);
    vi.advanceTimersByTime(AWARENESS_WINDOW_MS);
    expect(watcher.sent).toHaveLength(2);
    expect(statesIn(watcher.sent[1]!).get(a.id)).toEqual({ x: 5 });
    // The sender gets the same relay (its keep-alive echo).
    expect(dragger.sent).toHaveLength(2);

    // A quiet window closes it: the next change goes out at once again.
    vi.advanceTimersByTime(AWARENESS_WINDOW_MS);
    expect(watcher.sent).toHaveLength(2);
    a.set({ x: 6 });
    expect(watcher.sent).toHaveLength(3);
    expect(statesIn(watcher.sent[2]!).get(a.id)).toEqual({ x: 6 });
    await board.shutdown(4503, 'test');
  });

  it('sends at most one message per window however many clients change, each with its latest state', async () => {
    const board = newBoard();
    const watcher = peer();
    board.addPeer(watcher);
    const writers = Array.from({ length: 10 }, () => peer());
    for (const w of writers) board.addPeer(w);
    const clients = writers.map((w) => client(board, w));

    clients[0]!.set({ n: 0 });
    const ticks = 30;
    for (let t = 1; t <= ticks; t++) {
      for (const c of clients) c.set({ n: t });
      vi.advanceTimersByTime(AWARENESS_WINDOW_MS / 4);
    }
    vi.advanceTimersByTime(AWARENESS_WINDOW_MS);
    // 300 changes in 7.5 windows: the first at once, then one per window.
    expect(watcher.sent.length).toBeLessThanOrEqual(
      1 + Math.ceil((ticks * AWARENESS_WINDOW_MS) / 4 / AWARENESS_WINDOW_MS) + 1,
    );
    // Whatever was coalesced, every client's last state is the last thing the watcher got of it.
    const last = new Map<number, unknown>();
    for (const m of watcher.sent) for (const [id, s] of statesIn(m)) last.set(id, s);
    for (const c of clients) expect(last.get(c.id)).toEqual({ n: ticks });
    await board.shutdown(4503, 'test');
  });

  it('relays a departure at once, with what was pending, even inside a window', async () => {
    const board = newBoard();
    const watcher = peer();
    const one = peer();
    const two = peer();
    for (const p of [watcher, one, two]) board.addPeer(p);
    const a = client(board, one);
    const b = client(board, two);

    a.set({ x: 1 });
    expect(watcher.sent).toHaveLength(1);
    a.set({ x: 2 }); // held back by the window
    b.set({ y: 1 }); // held back by the window
    expect(watcher.sent).toHaveLength(1);
    b.leave();
    expect(watcher.sent).toHaveLength(2);
    const states = statesIn(watcher.sent[1]!);
    expect(states.get(b.id)).toBeNull();
    expect(states.get(a.id)).toEqual({ x: 2 });
    await board.shutdown(4503, 'test');
  });

  it('leaves no timer behind when the board shuts down inside a window', async () => {
    const board = newBoard();
    const watcher = peer();
    board.addPeer(watcher);
    const a = client(board, watcher);
    a.set({ x: 1 });
    a.set({ x: 2 });
    a.destroy();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await board.shutdown(4503, 'test');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(AWARENESS_WINDOW_MS);
    expect(watcher.sent).toHaveLength(1);
  });
});
