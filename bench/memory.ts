/**
 * Memory per loaded 200-card board and its release (issue #15). Per server, its own process
 * started with the V8 inspector (bench/inspector.ts: forced full GC, heap read from outside,
 * no change to any server): N boards of 200 cards (bench/boardGen.ts) are loaded one after
 * another, each by one client that stays connected; heap and RSS are read before, with all N
 * loaded, and after every client has left and the server had time to unload (Tavlen unloads
 * BOARD_UNLOAD_GRACE_MS after the last client, set to 1 s here; Hocuspocus unloads when the
 * last client leaves; stock y-websocket never unloads — reported as it is).
 * Tavlen loads the boards from its storage; stock and Hocuspocus get the same state from the
 * client that loads each board (they have nothing stored).
 * Target (Tavlen): ≤ 1 MB of heap per loaded board, everything released after unloading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type WebSocket from 'ws';
import { buildBoard } from './boardGen.js';
import { contender, f, HOCUSPOCUS_TOKEN, LABEL, load1, login, sleep, syncOnce, type Name } from './common.js';
import { freePort, Inspector } from './inspector.js';
import { PEER_BUNDLES, ServerProcess } from './servers.js';
import { perBoard, ratio, releasedShare, verdict } from './stats.js';
import { benchBoardId, seedTavlenBench } from './tavlenSeed.js';
import { syncStep1Message, updateMessage } from './wire.js';

export interface MemoryOptions {
  boards: number;
  cards: number;
  servers: Name[];
}

const GRACE_MS = 1000;

interface MemRow {
  name: Name;
  heap: { base: number; loaded: number; unloaded: number };
  rss: { base: number; loaded: number; unloaded: number };
  load1: number;
}

async function measureServer(name: Name, o: MemoryOptions, states: Uint8Array[], ids: string[]): Promise<MemRow> {
  const dataDir = mkdtempSync(join(tmpdir(), `memory-${name}-`));
  const port = await freePort();
  const nodeArgs = [`--inspect=127.0.0.1:${port}`];
  if (name === 'tavlen') {
    await seedTavlenBench(dataDir, o.boards, new Date(), { snapshot: (b) => states[ids.indexOf(b.id)]! });
  }
  const server = new ServerProcess(
    name === 'tavlen'
      ? {
          name,
          script: PEER_BUNDLES.tavlen,
          nodeArgs,
          env: {
            DATA_DIR: dataDir,
            SEED_DEMO: 'false',
            LOG_LEVEL: 'error',
            NODE_ENV: 'production',
            BOARD_UNLOAD_GRACE_MS: String(GRACE_MS),
          },
        }
      : name === 'hocuspocus'
        ? {
            name,
            script: PEER_BUNDLES.hocuspocus,
            nodeArgs,
            env: { HOCUSPOCUS_DB: join(dataDir, 'hocuspocus.sqlite'), HOCUSPOCUS_TOKEN },
          }
        : { name, script: PEER_BUNDLES.stock, nodeArgs },
  );
  let inspector: Inspector | null = null;
  const sockets: WebSocket[] = [];
  try {
    await server.start();
    const headers = name === 'tavlen' ? { cookie: await login(server.port) } : undefined;
    const c = contender(name, server, headers);
    inspector = await Inspector.connect(port);
    const sample = async () => ({ heap: await inspector!.heapMbAfterGc(), rss: server.rssMb() });
    // The baseline once the server has settled (Tavlen's login has run: its session is warm).
    await sleep(500);
    const base = await sample();
    for (const [i, id] of ids.entries()) {
      const first =
        name === 'tavlen'
          ? [syncStep1Message(c.dialect, id, new Uint8Array([0]))]
          : [updateMessage(c.dialect, id, states[i]!), syncStep1Message(c.dialect, id, new Uint8Array([0]))];
      sockets.push((await syncOnce(c, id, first)).ws);
    }
    const loaded = await sample();
    for (const ws of sockets) ws.close();
    // Tavlen's grace, Hocuspocus's store on the last disconnect (its debounce is 2 s), and slack.
    await sleep(GRACE_MS + 3000);
    const unloaded = await sample();
    return {
      name,
      heap: { base: base.heap, loaded: loaded.heap, unloaded: unloaded.heap },
      rss: { base: base.rss, loaded: loaded.rss, unloaded: unloaded.rss },
      load1: load1(),
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    inspector?.close();
    await server.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function memoryScenario(o: MemoryOptions): Promise<void> {
  const ids = Array.from({ length: o.boards }, (_, i) => benchBoardId(i));
  const states = ids.map((id, i) => {
    const doc = buildBoard(o.cards, { id, teamId: `team-bench-${i}` });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  });
  const rows: MemRow[] = [];
  for (const name of o.servers) {
    const row = await measureServer(name, o, states, ids);
    rows.push(row);
    console.error(`memory ${name}: ${f(perBoard(row.heap.base, row.heap.loaded, o.boards), 2)} MB heap per board`);
  }
  const per = (r: MemRow, k: 'heap' | 'rss') => perBoard(r[k].base, r[k].loaded, o.boards);
  const stock = rows.find((r) => r.name === 'stock');
  console.log(
    `\n### Memory: ${o.boards} boards of ${o.cards} cards (${(states[0]!.length / 1000).toFixed(0)} kB each) loaded one ` +
      `after another, one client each; then every client leaves (heap after a forced full GC, via the inspector)\n`,
  );
  console.log(
    '| server | heap MB before | heap MB / board | ÷ stock | RSS MB / board | ÷ stock | heap MB after unload (− before) | released | RSS MB after unload (− before) | load avg |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const released = releasedShare(r.heap.base, r.heap.loaded, r.heap.unloaded);
    console.log(
      `| ${LABEL[r.name]} | ${f(r.heap.base, 1)} | ${f(per(r, 'heap'), 2)} | ${ratio(per(r, 'heap'), stock ? per(stock, 'heap') : NaN)} | ` +
        `${f(per(r, 'rss'), 2)} | ${ratio(per(r, 'rss'), stock ? per(stock, 'rss') : NaN)} | ` +
        `${f(r.heap.unloaded - r.heap.base, 1)} | ${f(Math.round(released * 100) + 0, 0)} % | ${f(r.rss.unloaded - r.rss.base, 1)} | ${f(r.load1, 1)} |`,
    );
  }
  const t = rows.find((r) => r.name === 'tavlen');
  if (t) {
    const released = releasedShare(t.heap.base, t.heap.loaded, t.heap.unloaded);
    console.log('\n| target (Tavlen) | value | limit | result |');
    console.log('|---|---:|---:|---|');
    console.log(`| heap per loaded board | ${f(per(t, 'heap'), 2)} MB | 1.00 MB | ${verdict(per(t, 'heap'), 1)} |`);
    // Within 5 % of what loading added: GC and allocator noise, not a board kept.
    console.log(
      `| released on unload | ${f(Math.round(released * 100) + 0, 0)} % | ≥ 95 % | ${Number.isFinite(released) ? (released >= 0.95 ? 'ok' : 'MISS') : '–'} |`,
    );
  }
}
