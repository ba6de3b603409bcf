import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jitteredWebSocketClass } from '../../client/src/sync/jitteredWebSocket.js';

/** Records the sockets the wrapper really opens; the network itself is not what we test here. */
class RecordingSocket {
  static opened: { url: string; at: number; socket: RecordingSocket }[] = [];
  readyState = 0;
  binaryType = 'blob';
  closed: number | undefined;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    RecordingSocket.opened.push({ url, at: Date.now(), socket: this });
  }
  send(): void {}
  close(code?: number): void {
    this.closed = code ?? 1000;
  }
}

describe('jittered reconnects (no reconnect storm after a server restart)', () => {
  const original = globalThis.WebSocket;
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    RecordingSocket.opened = [];
    globalThis.WebSocket = RecordingSocket as unknown as typeof WebSocket;
  });
  afterEach(() => {
    vi.useRealTimers();
    globalThis.WebSocket = original;
  });

  it('opens the first connection at once and delays each reconnect by a random share of the maximum', () => {
    const draws = [0.5, 0.9];
    const Jittered = jitteredWebSocketClass(1000, () => draws.shift() ?? 0);
    new Jittered('ws://x/yjs/b');
    expect(RecordingSocket.opened).toHaveLength(1);

    new Jittered('ws://x/yjs/b');
    vi.advanceTimersByTime(499);
    expect(RecordingSocket.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(RecordingSocket.opened.map((o) => o.at)).toEqual([0, 500]);

    new Jittered('ws://x/yjs/b');
    vi.advanceTimersByTime(900);
    expect(RecordingSocket.opened.map((o) => o.at)).toEqual([0, 500, 1400]);
  });

  it('spreads many clients over the whole window instead of one instant', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 200; i++) {
      const Jittered = jitteredWebSocketClass(1500, random);
      new Jittered('ws://x/first');
      new Jittered('ws://x/reconnect');
    }
    vi.advanceTimersByTime(1500);
    const reconnectTimes = RecordingSocket.opened.filter((o) => o.url.endsWith('reconnect')).map((o) => o.at);
    expect(reconnectTimes).toHaveLength(200);
    const perQuarter = [0, 1, 2, 3].map((q) => reconnectTimes.filter((t) => t >= q * 375 && t < (q + 1) * 375).length);
    for (const n of perQuarter) expect(n).toBeGreaterThan(25);
  });

  it('a socket closed while waiting never opens, and reports itself closed', () => {
    const Jittered = jitteredWebSocketClass(1000, () => 0.5);
    new Jittered('ws://x/first');
    const waiting = new Jittered('ws://x/later');
    expect(waiting.readyState).toBe(0);
    waiting.close();
    vi.advanceTimersByTime(2000);
    expect(RecordingSocket.opened).toHaveLength(1);
    expect(waiting.readyState).toBe(3);
  });

  it('forwards the handlers and binary type y-websocket sets', () => {
    const Jittered = jitteredWebSocketClass(1000, () => 0);
    const ws = new Jittered('ws://x/first');
    ws.binaryType = 'arraybuffer';
    const opened = vi.fn();
    ws.onopen = opened;
    const inner = RecordingSocket.opened[0]!.socket;
    inner.onopen?.();
    expect(opened).toHaveBeenCalledOnce();
    ws.close(4000);
    expect(inner.closed).toBe(4000);
  });
});
