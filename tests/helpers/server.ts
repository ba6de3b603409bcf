/**
 * Test fixture: runs the REAL server (the compiled server/index.ts) as a child process on a free port
 * with its own temporary DATA_DIR, so tests exercise exactly what production runs —
 * including crashes (`kill('SIGKILL')`) and restarts on the same data.
 *
 *   const srv = await startServer();                 // fresh DB, demo data seeded
 *   const cookie = await login(srv.baseUrl, 'anne', 'demo1234');
 *   const a = await connectBoard(srv, cookie, 'tavle-nord');   // see ./yclient.ts
 *   ...
 *   await srv.kill('SIGKILL');                       // crash it
 *   const again = await startServer({ dataDir: srv.dataDir });  // same data, new port
 *   await again.stop(); srv.cleanup();               // SIGTERM, then delete the temp dir
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export { sqlOn } from './db.js';
export { waitFor } from './waitFor.js';
export {
  connectBoard,
  openRawSocket,
  upgradeStatus,
  webSocketWithHeaders,
  type BoardClient,
  type RawSocket,
} from './yclient.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface StartOptions {
  /** Reuse a data directory (e.g. to restart after a crash). Default: a new temp dir. */
  dataDir?: string;
  /** Extra environment, e.g. { BOARD_UNLOAD_GRACE_MS: '50' }. */
  env?: Record<string, string>;
  /** How long to wait for the "listening" line. */
  startTimeoutMs?: number;
}

export interface TestServer {
  port: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** ws://127.0.0.1:<port>/yjs — the y-websocket server URL (room = board id). */
  wsUrl: string;
  dataDir: string;
  proc: ChildProcess;
  /** stderr so far (warnings and errors are logged there as JSON lines). */
  stderr(): string;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code (or the signal name). */
  kill(signal?: NodeJS.Signals): Promise<number | string>;
  /** Graceful stop: SIGTERM and wait for exit. */
  stop(): Promise<number | string>;
  /** Deletes the temp data dir (only if the fixture created it). Call after stop/kill. */
  cleanup(): void;
}

/**
 * Starts the compiled server `npm start` runs (dist/server/index.js, rebuilt by the vitest
 * global set-up in scripts/build-server.ts) with PORT=0 and waits for its port.
 */
export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tavlen-test-'));
  const proc = spawn(process.execPath, ['--enable-source-maps', 'dist/server/index.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'true',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | string>((res) => proc.once('exit', (code, signal) => res(code ?? signal ?? -1)));

  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`server did not start within ${opts.startTimeoutMs ?? 30_000} ms\n${stderr}`)),
      opts.startTimeoutMs ?? 30_000,
    );
    const lines = createInterface({ input: proc.stdout! });
    lines.on('line', (line) => {
      const msg = parseJson(line);
      if (msg?.msg === 'listening' && typeof msg.port === 'number') {
        clearTimeout(timer);
        res(msg.port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`server exited (${code}) before listening\n${stderr}`));
    });
  });

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    return exited;
  };
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    dataDir,
    proc,
    stderr: () => stderr,
    kill,
    stop: () => kill('SIGTERM'),
    cleanup: () => {
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in and returns the `tavlen_session=...` pair for a Cookie header. Throws on failure. */
export async function login(baseUrl: string, username: string, password = 'demo1234'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tavlen_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0]!;
}

export interface ApiReply<T> {
  status: number;
  body: T;
  text: string;
}

/** A JSON request as a browser on the app's own origin sends it (Origin header, JSON body). */
export async function apiCall<T = unknown>(
  baseUrl: string,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { origin: baseUrl };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, text };
}

export async function health(baseUrl: string): Promise<{ status: string; boardsLoaded: number; connections: number }> {
  const res = await fetch(`${baseUrl}/healthz`);
  if (res.status !== 200) throw new Error(`healthz ${res.status}`);
  return (await res.json()) as { status: string; boardsLoaded: number; connections: number };
}

function parseJson(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
