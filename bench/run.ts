/**
 * `npm run bench`: Tavlen side by side with its peers, in one run on this machine, under
 * identical load (issue #15): the floor (a plain ws relay), stock y-websocket
 * (@y/websocket-server: no auth, no persistence), Hocuspocus with its SQLite extension (auth
 * hook, debounced persistence) and Tavlen (compiled, SQLite, auth, persist-before-relay).
 * Each server is its own process; every one gets the same prepared update bytes (real card
 * edits made with BoardDoc on a copy of Tavlen's board state), from the same open-loop
 * schedule, and rounds are interleaved so a noisy neighbour hurts all four alike.
 *
 * Scenarios (one markdown table each; `--only a,b` picks some):
 * - hot: 1 board × 60 clients, 50 edits/s + one user dragging with presence at 30 Hz (hotBoard.ts)
 * - morning: 50 boards × 20 clients, 100 edits/s, median of the rounds
 * - two: the morning peak also on two Tavlen nodes (PostgreSQL + Redis), in the same table
 * - capacity: 100, 300, 1,000, 2,000 edits/s
 * - storm: kill -9 and restart under every client (--no-storm skips it)
 * - big: 2,000 cards + a year of history: load, new client, returning client (bigBoard.ts)
 * - memory: heap and RSS per loaded 200-card board and after unloading (memory.ts)
 *
 * Flags: --quick (short windows, one round), --only. Env: BENCH_BOARDS (50), BENCH_CLIENTS
 * (20 per board), BENCH_ROUNDS (3), BENCH_MEASURE_MS (15000), BENCH_STEPS
 * ("100,300,1000,2000"), BENCH_STEP_MS (8000), BENCH_HOT_MS (8000), BENCH_TWO_ROUNDS (1),
 * BENCH_MEMORY_BOARDS (40),
 * BENCH_WORKERS (cores − 1), BENCH_SERVERS (all: floor,stock,hocuspocus,tavlen).
 * Diagnostics of Tavlen's server: BENCH_PROFILE=dir (a V8 CPU profile), BENCH_GC_LOG=file
 * (every garbage collection, timestamped), BENCH_INSPECT=port (the V8 inspector on that port:
 * heap snapshots and allocation sampling from outside while a scenario runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresInstalled, startPostgres, type TestPostgres } from '../tests/helpers/postgres.js';
import { redisInstalled, startRedis, type TestRedis } from '../tests/helpers/redis.js';
import { bigBoard } from './bigBoard.js';
import {
  contender,
  cpuSeconds,
  f,
  giveState,
  HOCUSPOCUS_TOKEN,
  LABEL,
  load1,
  login,
  now,
  rssMb,
  syncOnce,
  type Contender,
  type Name,
} from './common.js';
import { prepareEdits, type PreparedEdit } from './edits.js';
import { hotBoard, hotEditCount } from './hotBoard.js';
import { LoadGenerator, type LoadResult } from './loadgen.js';
import { memoryScenario } from './memory.js';
import { buildPeers, PEER_BUNDLES, ServerProcess } from './servers.js';
import {
  capacity,
  cpuPer1k,
  editCount,
  isValidRun,
  median,
  percentile,
  ratio,
  selectedScenarios,
  verdict,
  type Scenario,
  type Schedule,
} from './stats.js';
import { BENCH_USER, seedTavlenBench } from './tavlenSeed.js';
import { syncStep1Message } from './wire.js';

const quick = process.argv.includes('--quick');
const ONLY = selectedScenarios(process.argv);
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
const HOT = {
  clients: 60,
  rate: 50,
  presenceHz: 30,
  warmupMs: quick ? 1000 : 2000,
  measureMs: num('BENCH_HOT_MS', 8000, 4000),
};
/** Rounds of the two-node morning peak (after the one-node rounds; the nodes stop then). */
const TWO_ROUNDS = Math.min(ROUNDS, num('BENCH_TWO_ROUNDS', 1, 1));
const SELECTED = (process.env.BENCH_SERVERS ?? 'floor,stock,hocuspocus,tavlen').split(',') as Name[];
const has = (s: Scenario) => ONLY.has(s);
const needsMainServers = has('hot') || has('morning') || has('two') || has('capacity') || has('storm');
const morningRuns = has('morning') || has('two');

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

async function measurePhase(c: Contender, rate: number, warmupMs: number, measureMs: number): Promise<Row> {
  const schedule: Schedule = { t0: now() + 200, editsPerSecond: rate, warmupMs, measureMs };
  // CPU over the measured window only: sampled when it starts and when it ends (not the
  // set-up, warm-up or drain), and the phase waits for the end sample.
  const at = (t: number) =>
    new Promise<number>((resolve) => setTimeout(() => resolve(cpuSeconds(c)), Math.max(0, t - now())));
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
    rssMb: rssMb(c),
    lagP99: r.generatorLagP99Ms,
    load1: load1(),
    valid: isValidRun(r.generatorLagP99Ms),
  };
}

/** The board states a Tavlen contender serves: the base of every edit, for every server. */
async function fetchBases(c: Contender, ids: string[]): Promise<Uint8Array[]> {
  const bases: Uint8Array[] = [];
  for (const id of ids) {
    const { ws, update } = await syncOnce(c, id, [syncStep1Message('y-websocket', id, new Uint8Array([0]))]);
    ws.terminate();
    bases.push(update);
  }
  return bases;
}

/**
 * Tavlen on two nodes (DATABASE_URL + REDIS_URL), PostgreSQL and Redis started here from the
 * Debian packages (tests/helpers/postgres.ts, redis.ts); a board's clients are split over both.
 * Null (with a line saying so) when either is not installed.
 */
async function startTwoNodes(dataDir: string, seededAt: Date) {
  if (!postgresInstalled() || !redisInstalled()) {
    console.log(
      '\nTwo-node morning peak: SKIPPED — needs the Debian packages postgresql and redis-server ' +
        '(scripts/install-system-deps.sh).',
    );
    return null;
  }
  // Each started one is stopped again if the other, or the seeding, fails.
  const [pgStart, redisStart] = await Promise.allSettled([startPostgres(), startRedis()]);
  if (pgStart.status === 'rejected' || redisStart.status === 'rejected') {
    await Promise.allSettled([pgStart, redisStart].map((r) => (r.status === 'fulfilled' ? r.value.stop() : null)));
    throw pgStart.status === 'rejected' ? pgStart.reason : (redisStart as PromiseRejectedResult).reason;
  }
  const [pg, redis]: [TestPostgres, TestRedis] = [pgStart.value, redisStart.value];
  let databaseUrl: string;
  try {
    databaseUrl = await pg.createDatabase();
    await seedTavlenBench(dataDir, BOARDS, seededAt, { databaseUrl });
  } catch (err) {
    await Promise.allSettled([redis.stop(), pg.stop()]);
    throw err;
  }
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
  };
  const nodes = [0, 1].map(
    (i) =>
      new ServerProcess({
        name: `tavlen-node-${i}`,
        script: PEER_BUNDLES.tavlen,
        env: { ...env, NODE_ID: `node-${i}` },
      }),
  );
  const stop = async () => {
    await Promise.allSettled(nodes.map((n) => (n.proc ? n.stop() : undefined)));
    await Promise.allSettled([redis.stop(), pg.stop()]);
  };
  try {
    for (const n of nodes) await n.start();
    const c = contender('tavlen2', nodes[0]!, { cookie: await login(nodes[0]!.port) });
    c.more = [nodes[1]!];
    c.urls = (id) => nodes.map((n) => `ws://127.0.0.1:${n.port}/yjs/${id}`);
    return { c, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function connectGenerator(c: Contender, boardIds: string[], bases: Uint8Array[], edits: PreparedEdit[][]) {
  const setup = await giveState(c, boardIds, bases);
  c.gen = await LoadGenerator.start({
    dialect: c.dialect,
    serverSyncs: c.name !== 'floor',
    boards: boardIds.map((id, i) => ({
      index: i,
      url: c.url(id),
      urls: c.urls?.(id),
      docName: id,
      base: bases[i]!,
      edits: edits[i]!,
    })),
    boardCount: BOARDS,
    clientsPerBoard: CLIENTS,
    observersPerBoard: OBSERVERS,
    headers: c.headers,
    token: HOCUSPOCUS_TOKEN,
  });
  for (const ws of setup) ws.terminate();
}

function prepareAll(bases: Uint8Array[], perBoard: number): PreparedEdit[][] {
  const t = now();
  const edits = bases.map(
    (base, i) =>
      prepareEdits(base, { count: perBoard, writers: CLIENTS - OBSERVERS, user: BENCH_USER, boardIndex: i }).edits,
  );
  console.error(`prepared ${perBoard * bases.length} edits in ${((now() - t) / 1000).toFixed(1)} s`);
  return edits;
}

/** Wall time of each scenario, printed at the end: what each costs of the 10-minute budget. */
const costs: [string, number][] = [];
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t = now();
  const value = await work();
  costs.push([name, now() - t]);
  return value;
}

async function serverScenarios(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tavlen-bench-'));
  const hocusDir = mkdtempSync(join(tmpdir(), 'hocuspocus-bench-'));
  const twoDir = mkdtempSync(join(tmpdir(), 'tavlen-bench-2n-'));
  const seededAt = new Date();
  // One more board than the morning peak's: the hot board, with clients and edits of its own.
  const ids = await seedTavlenBench(dataDir, BOARDS + 1, seededAt);
  const boardIds = ids.slice(0, BOARDS);
  const hotId = ids[BOARDS]!;
  const servers: Record<Exclude<Name, 'tavlen2'>, ServerProcess> = {
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
  let two: Awaited<ReturnType<typeof startTwoNodes>> = null;
  try {
    for (const s of Object.values(servers)) await s.start();
    const cookie = await login(servers.tavlen.port);
    const all = (Object.keys(servers) as Exclude<Name, 'tavlen2'>[]).map((n) =>
      contender(n, servers[n], n === 'tavlen' ? { cookie } : undefined),
    );
    const chosen = all.filter((x) => SELECTED.includes(x.name));
    const tavlen = all.find((c) => c.name === 'tavlen')!;

    if (has('hot')) {
      await timed('hot board', async () => {
        const [base] = await fetchBases(tavlen, [hotId]);
        const { edits } = prepareEdits(base!, {
          count: hotEditCount(HOT),
          writers: HOT.clients - OBSERVERS - 1,
          user: BENCH_USER,
          boardIndex: BOARDS,
        });
        await hotBoard(chosen, {
          ...HOT,
          boardId: hotId,
          base: base!,
          edits,
          observers: OBSERVERS,
          drainMs: DRAIN_MS,
        });
      });
    }
    if (!morningRuns && !has('capacity') && !has('storm')) return;

    const perBoard =
      Math.ceil(
        ((morningRuns ? ROUNDS : 0) *
          editCount({ t0: 0, editsPerSecond: MORNING_RATE, warmupMs: WARMUP_MS, measureMs: MEASURE_MS }) +
          (has('capacity')
            ? STEPS.reduce(
                (n, rate) =>
                  n + editCount({ t0: 0, editsPerSecond: rate, warmupMs: STEP_WARMUP_MS, measureMs: STEP_MS }),
                0,
              )
            : 0)) /
          BOARDS,
      ) + 10;
    await timed(`set-up: ${BOARDS} boards × ${CLIENTS} clients per server`, async () => {
      const bases = await fetchBases(tavlen, boardIds);
      const edits = prepareAll(bases, perBoard);
      for (const c of chosen) {
        await connectGenerator(c, boardIds, bases, edits);
        contenders.push(c);
      }
    });
    if (morningRuns) {
      const morning = new Map<Name, Row[]>();
      const measureMorning = async (c: Contender, r: number) => {
        const row = await measurePhase(c, MORNING_RATE, WARMUP_MS, MEASURE_MS);
        morning.set(c.name, [...(morning.get(c.name) ?? []), row]);
        console.error(`morning round ${r + 1} ${c.name}: p99 ${f(row.p99, 2)} ms, delivered ${f(row.delivered, 3)}`);
      };
      await timed('morning peak', async () => {
        // Rounds interleaved over the servers.
        for (let r = 0; r < ROUNDS; r++) for (const c of contenders) await measureMorning(c, r);
      });
      if (has('two')) {
        // After the one-node rounds and stopped before anything else runs: two more processes
        // with PostgreSQL, Redis and 1,000 clients of their own are no part of what the other
        // rows measure.
        const started = await timed('set-up: two nodes', async () => {
          const nodes = await startTwoNodes(twoDir, seededAt);
          two = nodes;
          if (!nodes) return null;
          // Its own states (another database, other clientIDs of the seed), so its own edits.
          const bases = await fetchBases(nodes.c, boardIds);
          const morningOnly =
            Math.ceil(
              (TWO_ROUNDS *
                editCount({ t0: 0, editsPerSecond: MORNING_RATE, warmupMs: WARMUP_MS, measureMs: MEASURE_MS })) /
                BOARDS,
            ) + 10;
          await connectGenerator(nodes.c, boardIds, bases, prepareAll(bases, morningOnly));
          return nodes;
        });
        if (started) {
          await timed('morning peak, two nodes', async () => {
            for (let r = 0; r < TWO_ROUNDS; r++) await measureMorning(started.c, r);
          });
          await started.c.gen?.close().catch(() => undefined);
          await started.stop();
          two = null;
        }
      }
      printMorning(morning);
    }
    if (has('capacity')) {
      await timed('capacity steps', async () => {
        const steps = new Map<Name, Row[]>();
        for (const rate of STEPS) {
          for (const c of contenders) {
            const row = await measurePhase(c, rate, STEP_WARMUP_MS, STEP_MS);
            steps.set(c.name, [...(steps.get(c.name) ?? []), row]);
            console.error(`capacity ${rate}/s ${c.name}: p99 ${f(row.p99, 2)} ms, delivered ${f(row.delivered, 3)}`);
          }
        }
        printCapacity(steps);
      });
    }
    if (has('storm')) await timed('reconnect storm', () => reconnectStorms(contenders));
  } finally {
    const twoNodes = two as Awaited<ReturnType<typeof startTwoNodes>>;
    for (const c of [...contenders, ...(twoNodes ? [twoNodes.c] : [])]) await c.gen?.close().catch(() => undefined);
    await twoNodes?.stop();
    for (const s of Object.values(servers)) await s.stop().catch(() => undefined);
    for (const d of [dataDir, hocusDir, twoDir]) rmSync(d, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = now();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  await buildPeers();
  console.log(
    `\nTavlen bench ${new Date().toISOString()}${quick ? ' (--quick)' : ''}: scenarios ${[...ONLY].join(', ')}; ` +
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load generator on ` +
      `${Math.min(BOARDS, Number(process.env.BENCH_WORKERS ?? Math.max(1, cpus().length - 1)))} thread(s) per server.`,
  );
  if (needsMainServers) await serverScenarios();
  const standalone = SELECTED.filter((n) => n !== 'floor');
  if (has('big')) {
    await timed('big board', () =>
      bigBoard({ cards: 2000, sessions: 2000, editsPerSession: 10, clients: quick ? 1 : 3, servers: standalone }),
    );
  }
  if (has('memory')) {
    await timed('memory', () =>
      memoryScenario({ boards: num('BENCH_MEMORY_BOARDS', 40, 10), cards: 200, servers: standalone }),
    );
  }
  console.log(
    `\nwhole run: ${((now() - started) / 1000).toFixed(0)} s (${costs.map(([n, ms]) => `${n} ${(ms / 1000).toFixed(0)} s`).join(', ')})`,
  );
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
        `${r.resynced}/${r.clients} | ${f(r.gapMs, 0)} | ${f(load1(), 1)} |`,
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
      `after ${WARMUP_MS / 1000} s warm-up, median of ${ROUNDS} round(s)` +
      `${morning.has('tavlen2') ? ` (two nodes: ${TWO_ROUNDS} round(s), clients of each board split over both nodes)` : ''}\n`,
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
    const two = s.get('tavlen2');
    if (two) {
      // Performance anchors §7b: cross-node p99 ≤ 2× single-node; nothing lost between nodes.
      line('two nodes: p99 ≤ 2× one node', two.p99, 2 * t.p99, ' ms');
      console.log(
        `| two nodes: all delivered (clients of a board on both nodes) | ${f(two.delivered, 3)} | 1.000 | ${two.delivered >= 1 ? 'ok' : 'MISS'} |`,
      );
    }
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
