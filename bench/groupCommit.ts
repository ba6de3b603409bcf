/**
 * `npm run bench:commit`: what group commit (server/storage/groupCommit.ts) and syncing the
 * WAL off the event loop (server/storage/sqliteWriter.ts) save. 1,000 appends to a real
 * SQLite log (every commit waits for an fsync), arriving one per turn of the event loop (a
 * quiet board) and ten or fifty per turn (the morning peak, when many boards' updates arrive
 * together); each append still resolves only once it is durable. Run side by side: commits
 * with synchronous=FULL on the event loop (`syncOffLoop: false`) and commits whose fsync of
 * the WAL runs on libuv's thread pool (the default). "Event loop busy" is the
 * share of the wall time the main thread was not free to relay other boards' updates
 * (performance.eventLoopUtilization).
 *
 * Env: BENCH_APPENDS (1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedDemo } from '../server/seed/demo.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 1000);
const update = new Uint8Array(120).fill(7);

console.log(`group commit: ${APPENDS} durable appends (${new Date().toISOString()})`);
console.log('| commits on | appends per turn | wall ms | ms per append | event loop busy | CPU ms (all threads) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const perTurn of [1, 10, 50]) {
  for (const syncOffLoop of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'tavlen-commit-'));
    const storage = openSqliteStorage(dir, { syncOffLoop });
    await seedDemo(storage);
    await storage.appendUpdate('tavle-nord', update); // the statements are prepared
    const started = performance.now();
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    for (let i = 0; i < APPENDS / perTurn; i++) {
      await Promise.all(Array.from({ length: perTurn }, () => storage.appendUpdate('tavle-nord', update)));
    }
    const used = process.cpuUsage(cpu);
    const busy = performance.eventLoopUtilization(elu).utilization;
    const wall = performance.now() - started;
    console.log(
      `| ${syncOffLoop ? 'fsync off the loop' : 'event loop (FULL)'} | ${perTurn} | ${wall.toFixed(0)} | ${(wall / APPENDS).toFixed(2)} | ${(busy * 100).toFixed(0)} % | ${((used.user + used.system) / 1000).toFixed(0)} |`,
    );
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
