/**
 * `npm run bench`: Tavlen side by side with its peers, in one run on this machine, under
 * identical load (issue #15): the floor (a plain ws relay), stock y-websocket
 * (@y/websocket-server: no auth, no persistence), Hocuspocus with its SQLite extension (auth
 * hook, debounced persistence) and Tavlen (compiled, SQLite, auth, persist-before-relay).
 * Each server is its own process; every one gets the same prepared update bytes (real card
 * edits made with BoardDoc on a copy of Tavlen's board state), from the same open-loop
 * schedule, and rounds are interleaved so a noisy neighbour hurts all four alike.
 *
 * Scenarios: the morning peak (50 boards × 20 clients, 100 edits/s, median of the rounds)
 * capacity steps (100, 300, 1,000, 2,000 edits/s) and a reconnect storm (kill -9 and restart
 * under every client; --no-storm skips it). Prints one markdown table each.
 *
 * Flags: --quick (short windows, one round). Env: BENCH_BOARDS (50), BENCH_CLIENTS (20 per
 * board), BENCH_ROUNDS (3), BENCH_MEASURE_MS (15000), BENCH_STEPS ("100,300,1000,2000"),
 * BENCH_STEP_MS (8000), BENCH_WORKERS (cores − 1), BENCH_SERVERS (all: floor,stock,hocuspocus,tavlen).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { prepareEdits, type PreparedEdit } from './edits.js';
import { LoadGenerator, type LoadResult } from './loadgen.js';
import { buildPeers, PEER_BUNDLES, ServerProcess } from './servers.js';
import {
  capacity,
  cpuPer1k,
  editCount,
  isValidRun,
  median,
  percentile,
  ratio,
  verdict,
  type Schedule,
} from './stats.js';
import { BENCH_PASSWORD, BENCH_USER, seedTavlenBench } from './tavlenSeed.js';
import { authMessage, readUpdate, syncStep1Message, updateMessage, type Dialect } from './wire.js';

const quick = process.argv.includes('--quick');
const num = (name: string, full: number, fast: number) => Number(process.env[name] ?? (quick ? fast : full));
const BOARDS = num('BENCH_BOARDS', 50, 50);
const CLIENTS = num('BENCH_CLIENTS', 20, 20);
const OBSERVERS = 3;
const ROUNDS = num('BENCH_ROUNDS', 3, 1);
const WARMUP_MS = num('BENCH_WARMUP_MS', 3000, 1000);
const MEASURE_MS = num('BENCH_MEASURE_MS', 15_000, 4000);
const STEP_WARMUP_MS = quick ? 1000 : 2000;
const STEP_MS = num('BENCH_STEP_MS', 8000, 3000);
const STEPS = (process.env.BENCH_STEPS ?? '100,300,1000,2000').split(',').map(Number);
const MORNING_RATE = 100;
/** After the last send, how long edits still count as delivered (later ones count as lost). */
const DRAIN_MS = num('BENCH_DRAIN_MS', 5000, 3000);
const HOCUSPOCUS_TOKEN = 'bench-token';
const now = () => performance.timeOrigin + performance.now();

type Name = 'floor' | 'stock' | 'hocuspocus' | 'tavlen';
const LABEL: Record<Name, string> = {
  floor: 'floor (ws relay)',
  stock: 'stock y-websocket',
  hocuspocus: 'Hocuspocus + SQLite',
  tavlen: '**Tavlen**',
};
const SELECTED = (process.env.BENCH_SERVERS ?? 'floor,stock,hocuspocus,tavlen').split(',') as Name[];

interface Contender {
  name: Name;
  server: ServerProcess;
  dialect: Dialect;
  url: (boardId: string) => string;
  headers?: Record<string, string>;
  gen?: LoadGenerator;
}

interface Row {
  rate: number;
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  cpuPer1k: number;
  rssMb: number;
  lagP99: number;
  load1: number;
  valid: boolean;
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Opens a socket, sends `first` messages and resolves with the first Yjs update that comes back. */
function syncOnce(c: Contender, boardId: string, first: Uint8Array[]): Promise<{ ws: WebSocket; update: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(c.url(boardId), { headers: c.headers, perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('error', reject);
    ws.once('open', () => {
      if (c.dialect === 'hocuspocus') ws.send(authMessage(boardId, HOCUSPOCUS_TOKEN));
      for (const m of first) ws.send(m);
    });
    ws.on('message', (data: Buffer) => {
      const update = readUpdate(c.dialect, data);
      if (update) resolve({ ws, update });
    });
  });
}

async function measurePhase(c: Contender, rate: number, warmupMs: number, measureMs: number): Promise<Row> {
  const schedule: Schedule = { t0: now() + 200, editsPerSecond: rate, warmupMs, measureMs };
  // CPU over the measured window only: sampled when it starts and when it ends (not the
  // set-up, warm-up or drain), and the phase waits for the end sample.
  const at = (t: number) =>
    new Promise<number>((resolve) => setTimeout(() => resolve(c.server.cpuSeconds()), Math.max(0, t - now())));
  const cpuStart = at(schedule.t0 + warmupMs);
  const cpuEnd = at(schedule.t0 + warmupMs + measureMs);
  const r: LoadResult = await c.gen!.run(schedule, DRAIN_MS);
  const cpu = { start: await cpuStart, end: await cpuEnd };
  return {
    rate,
    p50: percentile(r.latencies, 50),
    p99: percentile(r.latencies, 99),
    max: percentile(r.latencies, 100),
    delivered: r.received / Math.max(1, r.expected),
    cpuPer1k: cpuPer1k(cpu.start, cpu.end, r.measuredEdits),
    rssMb: c.server.rssMb(),
    lagP99: r.generatorLagP99Ms,
    load1: loadavg()[0]!,
    valid: isValidRun(r.generatorLagP99Ms),
  };
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');

async function main(): Promise<void> {
  const started = now();
  await buildPeers();
  const dataDir = mkdtempSync(join(tmpdir(), 'tavlen-bench-'));
  const hocusDir = mkdtempSync(join(tmpdir(), 'hocuspocus-bench-'));
  const boardIds = await seedTavlenBench(dataDir, BOARDS);
  const servers: Record<Name, ServerProcess> = {
    floor: new ServerProcess({ name: 'floor', script: PEER_BUNDLES.floor }),
    stock: new ServerProcess({ name: 'stock', script: PEER_BUNDLES.stock }),
    hocuspocus: new ServerProcess({
      name: 'hocuspocus',
      script: PEER_BUNDLES.hocuspocus,
      env: { HOCUSPOCUS_DB: join(hocusDir, 'db.sqlite'), HOCUSPOCUS_TOKEN },
    }),
    tavlen: new ServerProcess({
      name: 'tavlen',
      script: PEER_BUNDLES.tavlen,
      env: { DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error', NODE_ENV: 'production' },
    }),
  };
  const contenders: Contender[] = [];
  // Never leave a server behind, whatever happens to this process.
  process.once('exit', () => Object.values(servers).forEach((s) => s.proc?.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  try {
    for (const s of Object.values(servers)) await s.start();
    const cookie = await login(servers.tavlen.port);
    const all: Contender[] = [
      {
        name: 'floor',
        server: servers.floor,
        dialect: 'y-websocket',
        url: (id) => `ws://127.0.0.1:${servers.floor.port}/${id}`,
      },
      {
        name: 'stock',
        server: servers.stock,
        dialect: 'y-websocket',
        url: (id) => `ws://127.0.0.1:${servers.stock.port}/${id}`,
      },
      {
        name: 'hocuspocus',
        server: servers.hocuspocus,
        dialect: 'hocuspocus',
        url: () => `ws://127.0.0.1:${servers.hocuspocus.port}`,
      },
      {
        name: 'tavlen',
        server: servers.tavlen,
        dialect: 'y-websocket',
        url: (id) => `ws://127.0.0.1:${servers.tavlen.port}/yjs/${id}`,
        headers: { cookie },
      },
    ];
    const tavlen = all.find((c) => c.name === 'tavlen')!;

    // The board state Tavlen really serves is the base of every edit, for every server.
    const bases: Uint8Array[] = [];
    for (const id of boardIds) {
      const { ws, update } = await syncOnce(tavlen, id, [syncStep1Message('y-websocket', id, new Uint8Array([0]))]);
      ws.terminate();
      bases.push(update);
    }
    const perBoard =
      Math.ceil(
        (ROUNDS * editCount({ t0: 0, editsPerSecond: MORNING_RATE, warmupMs: WARMUP_MS, measureMs: MEASURE_MS }) +
          STEPS.reduce(
            (n, rate) => n + editCount({ t0: 0, editsPerSecond: rate, warmupMs: STEP_WARMUP_MS, measureMs: STEP_MS }),
            0,
          )) /
          BOARDS,
      ) + 10;
    const t = now();
    const edits: PreparedEdit[][] = bases.map(
      (base, i) =>
        prepareEdits(base, { count: perBoard, writers: CLIENTS - OBSERVERS, user: BENCH_USER, boardIndex: i }).edits,
    );
    console.error(`prepared ${perBoard * BOARDS} edits in ${((now() - t) / 1000).toFixed(1)} s`);

    for (const c of all.filter((x) => SELECTED.includes(x.name))) {
      // Stock and Hocuspocus start empty: give them the same board state first.
      const setup: WebSocket[] = [];
      if (c.name === 'stock' || c.name === 'hocuspocus') {
        for (const [i, id] of boardIds.entries()) {
          const { ws } = await syncOnce(c, id, [
            updateMessage(c.dialect, id, bases[i]!),
            syncStep1Message(c.dialect, id, new Uint8Array([0])),
          ]);
          setup.push(ws);
        }
      }
      c.gen = await LoadGenerator.start({
        dialect: c.dialect,
        serverSyncs: c.name !== 'floor',
        boards: boardIds.map((id, i) => ({ index: i, url: c.url(id), docName: id, base: bases[i]!, edits: edits[i]! })),
        boardCount: BOARDS,
        clientsPerBoard: CLIENTS,
        observersPerBoard: OBSERVERS,
        headers: c.headers,
        token: HOCUSPOCUS_TOKEN,
      });
      for (const ws of setup) ws.terminate();
      contenders.push(c);
    }

    console.log(
      `\nTavlen bench ${new Date().toISOString()}${quick ? ' (--quick)' : ''}: ${BOARDS} boards × ${CLIENTS} clients ` +
        `(${OBSERVERS} observers each), ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ` +
        `load generator on ${Math.min(BOARDS, Number(process.env.BENCH_WORKERS ?? Math.max(1, cpus().length - 1)))} thread(s) per server.`,
    );

    // Morning peak: rounds interleaved over the servers.
    const morning = new Map<Name, Row[]>();
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of contenders) {
        const row = await measurePhase(c, MORNING_RATE, WARMUP_MS, MEASURE_MS);
        morning.set(c.name, [...(morning.get(c.name) ?? []), row]);
        console.error(`morning round ${r + 1} ${c.name}: p99 ${f(row.p99, 2)} ms, delivered ${f(row.delivered, 3)}`);
      }
    }
    printMorning(morning);

    // Capacity steps.
    const steps = new Map<Name, Row[]>();
    for (const rate of STEPS) {
      for (const c of contenders) {
        const row = await measurePhase(c, rate, STEP_WARMUP_MS, STEP_MS);
        steps.set(c.name, [...(steps.get(c.name) ?? []), row]);
        console.error(`capacity ${rate}/s ${c.name}: p99 ${f(row.p99, 2)} ms, delivered ${f(row.delivered, 3)}`);
      }
    }
    printCapacity(steps);

    if (!process.argv.includes('--no-storm')) await reconnectStorms(contenders);
    console.log(`\nwhole run: ${((now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const c of contenders) await c.gen?.close().catch(() => undefined);
    for (const s of Object.values(servers)) await s.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(hocusDir, { recursive: true, force: true });
  }
}

/**
 * Polls a server's HTTP endpoint back to back (one request at a time, 20 ms apart) and
 * reports the longest time it went without an answer after `from`: how long the event loop
 * was too busy to answer anyone.
 */
function startPoller(url: string) {
  let active = true;
  const answers: number[] = [];
  const loop = (async () => {
    while (active) {
      try {
        await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).arrayBuffer();
        answers.push(now());
      } catch {
        /* down or restarting */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async (from: number, to: number) => {
    active = false;
    await loop;
    let last = from;
    let gap = 0;
    for (const t of answers.filter((a) => a >= from && a <= to)) {
      gap = Math.max(gap, t - last);
      last = t;
    }
    return Math.max(gap, to - last);
  };
}

/** Reconnect storm: kill -9 under every connected client, restart, until all are resynced. */
async function reconnectStorms(contenders: Contender[]): Promise<void> {
  const rows: { name: Name; clients: number; listenMs: number; resyncMs: number; gapMs: number; resynced: number }[] =
    [];
  for (const c of contenders.filter((x) => x.name !== 'floor')) {
    const health = `http://127.0.0.1:${c.server.port}${c.name === 'tavlen' ? '/healthz' : '/'}`;
    const poll = startPoller(health);
    let killedAt = 0;
    let listenMs = NaN;
    const r = await c.gen!.storm(async () => {
      killedAt = now();
      await c.server.kill9();
      listenMs = await c.server.start();
    });
    const end = Number.isFinite(r.lastResyncAt) ? r.lastResyncAt : now();
    const gapMs = await poll(killedAt + (Number.isFinite(listenMs) ? listenMs : 0), end);
    rows.push({
      name: c.name,
      clients: r.clients,
      listenMs,
      resyncMs: r.lastResyncAt - killedAt,
      gapMs,
      resynced: r.resynced,
    });
    console.error(`storm ${c.name}: ${r.resynced}/${r.clients} resynced in ${f(r.lastResyncAt - killedAt, 0)} ms`);
  }
  const stock = rows.find((r) => r.name === 'stock');
  console.log(`\n### Reconnect storm: kill -9 and restart under ${BOARDS * CLIENTS} clients on ${BOARDS} boards\n`);
  console.log(
    '| server | restart → listening ms | all resynced ms | ÷ stock | resynced | longest unresponsive ms | load avg |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${LABEL[r.name]} | ${f(r.listenMs, 0)} | ${f(r.resyncMs, 0)} | ${ratio(r.resyncMs, stock?.resyncMs ?? NaN)} | ` +
        `${r.resynced}/${r.clients} | ${f(r.gapMs, 0)} | ${f(loadavg()[0]!, 1)} |`,
    );
  }
  const t = rows.find((r) => r.name === 'tavlen');
  if (t) {
    console.log('\n| target (Tavlen) | value | limit | result |');
    console.log('|---|---:|---:|---|');
    console.log(`| restart → listening | ${f(t.listenMs, 0)} ms | 500 ms | ${verdict(t.listenMs, 500)} |`);
    const limit = 2 * (stock?.resyncMs ?? NaN);
    console.log(
      `| all resynced ≤ 2× stock | ${f(t.resyncMs, 0)} ms | ${f(limit, 0)} ms | ${verdict(t.resyncMs, limit)} |`,
    );
    console.log(`| never unresponsive > 1 s | ${f(t.gapMs, 0)} ms | 1000 ms | ${verdict(t.gapMs, 1000)} |`);
  }
}

/** The median of each metric over the rounds; a server's result is valid when every round was. */
function summarize(rows: Row[]): Row {
  const m = (k: keyof Row) => median(rows.map((r) => r[k] as number));
  return {
    rate: rows[0]!.rate,
    p50: m('p50'),
    p99: m('p99'),
    max: m('max'),
    delivered: m('delivered'),
    cpuPer1k: m('cpuPer1k'),
    rssMb: m('rssMb'),
    lagP99: Math.max(...rows.map((r) => r.lagP99)),
    load1: m('load1'),
    valid: rows.every((r) => r.valid),
  };
}

function printMorning(morning: Map<Name, Row[]>): void {
  const s = new Map([...morning].map(([k, rows]) => [k, summarize(rows)]));
  const floor = s.get('floor');
  const stock = s.get('stock');
  console.log(
    `\n### Morning peak: ${BOARDS} boards × ${CLIENTS} clients, ${MORNING_RATE} edits/s, ${MEASURE_MS / 1000} s measured ` +
      `after ${WARMUP_MS / 1000} s warm-up, median of ${ROUNDS} round(s)\n`,
  );
  console.log(
    '| server | p50 ms | p99 ms | max ms | delivered | p99 ÷ floor | p99 ÷ stock | CPU s / 1k edits | CPU ÷ stock | RSS MB | RSS ÷ stock | gen lag p99 ms | load avg | valid |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [name, r] of s) {
    console.log(
      `| ${LABEL[name]} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.max)} | ${f(r.delivered, 3)} | ${ratio(r.p99, floor?.p99 ?? NaN)} | ` +
        `${ratio(r.p99, stock?.p99 ?? NaN)} | ${f(r.cpuPer1k, 2)} | ${ratio(r.cpuPer1k, stock?.cpuPer1k ?? NaN)} | ${f(r.rssMb, 0)} | ` +
        `${ratio(r.rssMb, stock?.rssMb ?? NaN)} | ${f(r.lagP99, 2)} | ${f(r.load1, 1)} | ${r.valid ? 'yes' : 'NO (generator lagged)'} |`,
    );
  }
  const t = s.get('tavlen');
  if (t) {
    console.log('\n| target (Tavlen) | value | limit | result |');
    console.log('|---|---:|---:|---|');
    const line = (what: string, v: number, limit: number, unit = '') =>
      console.log(`| ${what} | ${f(v, 2)}${unit} | ${f(limit, 2)}${unit} | ${verdict(v, limit)} |`);
    line('p99 ≤ 1.5× floor', t.p99, 1.5 * (floor?.p99 ?? NaN), ' ms');
    line('CPU per 1k edits ≤ 1.5× stock', t.cpuPer1k, 1.5 * (stock?.cpuPer1k ?? NaN), ' s');
    line('RSS ≤ 1.5× stock', t.rssMb, 1.5 * (stock?.rssMb ?? NaN), ' MB');
    console.log(`| all delivered | ${f(t.delivered, 3)} | 1.000 | ${t.delivered >= 1 ? 'ok' : 'MISS'} |`);
  }
}

function printCapacity(steps: Map<Name, Row[]>): void {
  console.log(
    `\n### Capacity: ${STEPS.join(', ')} edits/s, ${STEP_MS / 1000} s measured each after ${STEP_WARMUP_MS / 1000} s warm-up\n`,
  );
  console.log(
    '| edits/s | server | p50 ms | p99 ms | delivered | p99 ÷ floor | p99 ÷ stock | CPU s / 1k edits | gen lag p99 ms | load avg | valid |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [i, rate] of STEPS.entries()) {
    const floor = steps.get('floor')?.[i];
    const stock = steps.get('stock')?.[i];
    for (const [name, rows] of steps) {
      const r = rows[i]!;
      console.log(
        `| ${rate} | ${LABEL[name]} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.delivered, 3)} | ${ratio(r.p99, floor?.p99 ?? NaN)} | ` +
          `${ratio(r.p99, stock?.p99 ?? NaN)} | ${f(r.cpuPer1k, 2)} | ${f(r.lagP99, 2)} | ${f(r.load1, 1)} | ${r.valid ? 'yes' : 'NO'} |`,
      );
    }
  }
  console.log('\n| server | capacity (highest step with p99 ≤ 50 ms, all delivered, valid) |');
  console.log('|---|---:|');
  const caps = new Map([...steps].map(([k, rows]) => [k, capacity(rows)]));
  for (const [name, cap] of caps) console.log(`| ${LABEL[name]} | ${cap || 'none'} |`);
  const t = steps.get('tavlen');
  if (t) {
    const peers = Math.max(caps.get('stock') ?? 0, caps.get('hocuspocus') ?? 0);
    const top = t[t.length - 1]!;
    console.log(
      `\nTavlen capacity ≥ stock and Hocuspocus (${peers || 'none'}): ` +
        `${peers === 0 ? '– (no valid step for the peers)' : (caps.get('tavlen') ?? 0) >= peers ? 'ok' : 'MISS'}; ` +
        `at ${top.rate} edits/s delivers everything: ${top.delivered >= 1 ? 'ok' : `MISS (${f(top.delivered * 100, 1)} %)`}` +
        `${top.valid ? '' : ' (generator lagged: invalid)'}`,
    );
  }
}

await main();
