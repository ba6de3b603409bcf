/**
 * `npm run bench`: the same open-loop load against (1) the floor — a plain ws relay — and
 * (2) Tavlen with auth and persist-before-relay on SQLite, side by side in one run on this
 * machine. Prints a table; numbers are only meaningful relative to the floor of the same run.
 *
 * Env: BENCH_EDITS_PER_S (default 100), BENCH_CLIENTS (per room, default 20),
 *      BENCH_MEASURE_MS (default 20000), BENCH_REPEAT (default 1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { percentile, runLoad, type LoadResult } from './loadgen.js';

const EDITS = Number(process.env.BENCH_EDITS_PER_S ?? 100);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const MEASURE = Number(process.env.BENCH_MEASURE_MS ?? 20_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);

interface Started {
  proc: ChildProcess;
  port: number;
}

function startProcess(script: string, env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: proc.stdout! });
    const timer = setTimeout(() => reject(new Error(`${script} did not report a port`)), 30_000);
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { port?: number };
        if (typeof msg.port === 'number' && msg.port > 0) {
          clearTimeout(timer);
          resolve({ proc, port: msg.port });
        }
      } catch {
        /* not a JSON log line */
      }
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function measure(name: string, s: Started, roomUrls: string[], headers?: Record<string, string>) {
  const cpu0 = cpuSeconds(s.proc.pid!);
  const r: LoadResult = await runLoad({
    roomUrls,
    clientsPerRoom: CLIENTS,
    observersPerRoom: 2,
    editsPerSecond: EDITS,
    warmupMs: 3000,
    measureMs: MEASURE,
    headers,
  });
  const cpu = cpuSeconds(s.proc.pid!) - cpu0;
  const lat = r.latenciesMs.sort((a, b) => a - b);
  const edits = r.sent || 1;
  return {
    server: name,
    'p50 ms': percentile(lat, 50).toFixed(2),
    'p95 ms': percentile(lat, 95).toFixed(2),
    'p99 ms': percentile(lat, 99).toFixed(2),
    'max ms': percentile(lat, 100).toFixed(1),
    delivered: (r.received / Math.max(1, r.expected)).toFixed(3),
    'CPU s/1k edits': ((cpu / edits) * 1000).toFixed(2),
    'RSS MB': rssMb(s.proc.pid!).toFixed(0),
    'loadgen lag p99 ms': r.loadgenLagP99Ms.toFixed(1),
    valid: r.loadgenLagP99Ms <= 5 ? 'yes' : 'NO (load generator lagged)',
  };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tavlen-bench-'));
  const floor = await startProcess('bench/floor-server.ts', {});
  const tavlen = await startProcess('server/index.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'error', SEED_DEMO: 'true' });
  try {
    const base = `http://127.0.0.1:${tavlen.port}`;
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const boards = (await (await fetch(`${base}/api/boards`, { headers: { cookie } })).json()) as { id: string }[];
    const tavlenRooms = boards.map((b) => `ws://127.0.0.1:${tavlen.port}/yjs/${b.id}`);
    const floorRooms = boards.map((b) => `ws://127.0.0.1:${floor.port}/yjs/${b.id}`);

    console.log(
      `Tavlen bench: ${boards.length} boards × ${CLIENTS} clients (2 observers each), ${EDITS} edits/s open loop, ` +
        `${MEASURE / 1000} s measured after 3 s warm-up, ${REPEAT} round(s). Node ${process.version}.`,
    );
    const rows = [];
    for (let i = 0; i < REPEAT; i++) {
      rows.push(await measure('floor (plain ws relay)', floor, floorRooms));
      rows.push(await measure('tavlen (auth + SQLite persist-before-relay)', tavlen, tavlenRooms, { cookie }));
    }
    console.table(rows);
  } finally {
    floor.proc.kill('SIGTERM');
    tavlen.proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
