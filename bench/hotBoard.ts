/**
 * The hot board (issue #15): one board × 60 clients, 50 edits/s through the card structure,
 * and one user dragging a card whose presence (awareness) goes out 30 times a second. Per
 * server: edit p99 (target ≤ 15 ms for Tavlen), and for the presence the latency and how many
 * presence messages each other client receives per second — "coalesced" when that is well
 * under the sender's 30 Hz (≤ 15 Hz per sender, performance anchors §7b). Reported for every
 * server as it is; none of the four coalesces today.
 */
import { cpuSeconds, f, giveState, HOCUSPOCUS_TOKEN, LABEL, load1, now, type Contender } from './common.js';
import type { PreparedEdit } from './edits.js';
import { LoadGenerator } from './loadgen.js';
import {
  cpuPer1k,
  isValidRun,
  percentile,
  presenceCoalesced,
  presencePerClientPerSecond,
  ratio,
  verdict,
  type Schedule,
} from './stats.js';

export interface HotBoardOptions {
  boardId: string;
  base: Uint8Array;
  edits: PreparedEdit[];
  clients: number;
  observers: number;
  rate: number;
  presenceHz: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

/** The dragging user's awareness clientID (apart from every writer's Yjs clientID). */
const DRAGGER_CLIENT_ID = 900_000_001;

interface HotRow {
  c: Contender;
  p50: number;
  p99: number;
  delivered: number;
  cpuPer1k: number;
  perClient: number;
  presenceP50: number;
  presenceP99: number;
  presenceDelivered: number;
  lagP99: number;
  load1: number;
  valid: boolean;
}

/** Edits needed for one run of the hot board. */
export const hotEditCount = (o: Pick<HotBoardOptions, 'rate' | 'warmupMs' | 'measureMs'>) =>
  Math.ceil(((o.warmupMs + o.measureMs) * o.rate) / 1000) + 10;

async function runOne(c: Contender, o: HotBoardOptions): Promise<HotRow> {
  const setup = await giveState(c, [o.boardId], [o.base]);
  const gen = await LoadGenerator.start(
    {
      dialect: c.dialect,
      serverSyncs: c.name !== 'floor',
      boards: [{ index: 0, url: c.url(o.boardId), docName: o.boardId, base: o.base, edits: o.edits }],
      boardCount: 1,
      clientsPerBoard: o.clients,
      observersPerBoard: o.observers,
      headers: c.headers,
      token: HOCUSPOCUS_TOKEN,
      // The dragging user is the last light client.
      presence: { slot: o.clients - 1, hz: o.presenceHz, clientId: DRAGGER_CLIENT_ID },
    },
    1,
  );
  for (const ws of setup) ws.terminate();
  try {
    const schedule: Schedule = {
      t0: now() + 200,
      editsPerSecond: o.rate,
      warmupMs: o.warmupMs,
      measureMs: o.measureMs,
    };
    const at = (t: number) =>
      new Promise<number>((resolve) => setTimeout(() => resolve(cpuSeconds(c)), Math.max(0, t - now())));
    const cpuStart = at(schedule.t0 + o.warmupMs);
    const cpuEnd = at(schedule.t0 + o.warmupMs + o.measureMs);
    const r = await gen.run(schedule, o.drainMs);
    const p = r.presence!;
    const perClient = presencePerClientPerSecond(p.received, p.receivers, p.measureMs);
    return {
      c,
      p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99),
      delivered: r.received / Math.max(1, r.expected),
      cpuPer1k: cpuPer1k(await cpuStart, await cpuEnd, r.measuredEdits),
      perClient,
      presenceP50: percentile(p.latencies, 50),
      presenceP99: percentile(p.latencies, 99),
      // Without coalescing every send reaches every other client; with it, fewer (by design).
      presenceDelivered: p.received / Math.max(1, p.sent * p.receivers),
      lagP99: r.generatorLagP99Ms,
      load1: load1(),
      valid: isValidRun(r.generatorLagP99Ms),
    };
  } finally {
    await gen.close();
  }
}

export async function hotBoard(contenders: Contender[], o: HotBoardOptions): Promise<void> {
  const rows: HotRow[] = [];
  for (const c of contenders) {
    const row = await runOne(c, o);
    rows.push(row);
    console.error(
      `hot board ${c.name}: p99 ${f(row.p99, 2)} ms, presence ${f(row.perClient, 1)}/s per client, p99 ${f(row.presenceP99, 1)} ms`,
    );
  }
  const floor = rows.find((r) => r.c.name === 'floor');
  const stock = rows.find((r) => r.c.name === 'stock');
  console.log(
    `\n### Hot board: 1 board × ${o.clients} clients, ${o.rate} edits/s + one user dragging with presence at ` +
      `${o.presenceHz} Hz, ${o.measureMs / 1000} s measured after ${o.warmupMs / 1000} s warm-up\n`,
  );
  console.log(
    '| server | edit p50 ms | edit p99 ms | delivered | p99 ÷ floor | p99 ÷ stock | CPU s / 1k edits | presence msgs / s per client | coalesced (≤ 15/s) | presence p50 ms | presence p99 ms | presence p99 ÷ floor | presence reached | gen lag p99 ms | load avg | valid |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(
      `| ${LABEL[r.c.name]} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.delivered, 3)} | ${ratio(r.p99, floor?.p99 ?? NaN)} | ` +
        `${ratio(r.p99, stock?.p99 ?? NaN)} | ${f(r.cpuPer1k, 2)} | ${f(r.perClient, 1)} | ${presenceCoalesced(r.perClient) === 'ok' ? 'yes' : 'no'} | ` +
        `${f(r.presenceP50, 2)} | ${f(r.presenceP99, 2)} | ${ratio(r.presenceP99, floor?.presenceP99 ?? NaN)} | ` +
        `${f(r.presenceDelivered, 3)} | ${f(r.lagP99, 2)} | ${f(r.load1, 1)} | ${r.valid ? 'yes' : 'NO (generator lagged)'} |`,
    );
  }
  const t = rows.find((r) => r.c.name === 'tavlen');
  if (t) {
    console.log('\n| target (Tavlen) | value | limit | result |');
    console.log('|---|---:|---:|---|');
    console.log(`| edit p99 ≤ 15 ms | ${f(t.p99, 2)} ms | 15 ms | ${verdict(t.p99, 15)} |`);
    console.log(`| all edits delivered | ${f(t.delivered, 3)} | 1.000 | ${t.delivered >= 1 ? 'ok' : 'MISS'} |`);
    console.log(
      `| presence coalesced (≤ 15 msgs/s per client for one sender at ${o.presenceHz} Hz) | ${f(t.perClient, 1)} / s | 15 / s | ${presenceCoalesced(t.perClient)} |`,
    );
  }
}
