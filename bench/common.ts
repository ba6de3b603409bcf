/**
 * What the bench's scenarios share: the contenders (a server under test and how its clients
 * reach it), Tavlen's bench login, one-shot syncs and number formatting.
 */
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import type { LoadGenerator } from './loadgen.js';
import type { ServerProcess } from './servers.js';
import { BENCH_PASSWORD, BENCH_USER } from './tavlenSeed.js';
import { authMessage, readUpdate, syncStep1Message, updateMessage, type Dialect } from './wire.js';

export const HOCUSPOCUS_TOKEN = 'bench-token';
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const load1 = () => loadavg()[0]!;

export type Name = 'floor' | 'stock' | 'hocuspocus' | 'tavlen' | 'tavlen2';
export const LABEL: Record<Name, string> = {
  floor: 'floor (ws relay)',
  stock: 'stock y-websocket',
  hocuspocus: 'Hocuspocus + SQLite',
  tavlen: '**Tavlen**',
  tavlen2: '**Tavlen, 2 nodes** (PostgreSQL + Redis)',
};

export interface Contender {
  name: Name;
  server: ServerProcess;
  /** Further processes of the same contender (the second node): CPU and RSS are summed. */
  more?: ServerProcess[];
  dialect: Dialect;
  url: (boardId: string) => string;
  /** Several nodes: one URL per client slot, round robin. */
  urls?: (boardId: string) => string[];
  headers?: Record<string, string>;
  gen?: LoadGenerator;
}

export const processes = (c: Contender) => [c.server, ...(c.more ?? [])];
export const cpuSeconds = (c: Contender) => processes(c).reduce((n, s) => n + s.cpuSeconds(), 0);
export const rssMb = (c: Contender) => processes(c).reduce((n, s) => n + s.rssMb(), 0);

/** Contenders for the servers of one start (see startContenders in run.ts). */
export function contender(name: Name, server: ServerProcess, headers?: Record<string, string>): Contender {
  const base = `ws://127.0.0.1:${server.port}`;
  switch (name) {
    case 'floor':
    case 'stock':
      return { name, server, dialect: 'y-websocket', url: (id) => `ws://127.0.0.1:${server.port}/${id}` };
    case 'hocuspocus':
      return { name, server, dialect: 'hocuspocus', url: () => `ws://127.0.0.1:${server.port}` };
    default:
      return { name, server, dialect: 'y-websocket', url: (id) => `${base}/yjs/${id}`, headers };
  }
}

export async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * Opens a socket, sends `first` messages and resolves with the first Yjs update that comes
 * back, the bytes received until then, and when the socket was asked for (`startedAt`,
 * absolute ms: Tavlen loads a board during the upgrade, the peers after it, so timings that
 * include a load start here) and when it opened.
 */
export function syncOnce(
  c: Contender,
  boardId: string,
  first: Uint8Array[],
  timeoutMs = 60_000,
): Promise<{ ws: WebSocket; update: Uint8Array; bytes: number; startedAt: number; openedAt: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = now();
    const ws = new WebSocket(c.url(boardId), { headers: c.headers, perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    let bytes = 0;
    let openedAt = NaN;
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`${c.name}: no sync of ${boardId} within ${timeoutMs} ms`));
    }, timeoutMs);
    ws.once('error', reject);
    ws.once('open', () => {
      openedAt = now();
      if (c.dialect === 'hocuspocus') ws.send(authMessage(boardId, HOCUSPOCUS_TOKEN));
      for (const m of first) ws.send(m);
    });
    ws.on('message', (data: Buffer) => {
      bytes += data.length;
      const update = readUpdate(c.dialect, data);
      if (!update) return;
      clearTimeout(timer);
      resolve({ ws, update, bytes, startedAt, openedAt });
    });
  });
}

export const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');

/**
 * Stock y-websocket and Hocuspocus start empty: each board gets Tavlen's state first, over
 * a socket kept open until the load generator is connected (so the board stays loaded).
 */
export async function giveState(c: Contender, ids: string[], states: Uint8Array[]): Promise<WebSocket[]> {
  if (c.name !== 'stock' && c.name !== 'hocuspocus') return [];
  const sockets: WebSocket[] = [];
  for (const [i, id] of ids.entries()) {
    const { ws } = await syncOnce(c, id, [
      updateMessage(c.dialect, id, states[i]!),
      syncStep1Message(c.dialect, id, new Uint8Array([0])),
    ]);
    sockets.push(ws);
  }
  return sockets;
}
