/**
 * `npm run bench:commit`: what group commit (server/storage/groupCommit.ts) saves. 1,000
 * appends to a real SQLite log (synchronous=FULL, so every commit is an fsync), arriving one
 * per turn of the event loop (a quiet board) and ten per turn (the morning peak, when many
 * boards' updates arrive together). Each append still resolves only once it is durable.
 *
 * Env: BENCH_APPENDS (1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../server/seed/demo.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'tavlen-commit-'));
const storage = openSqliteStorage(dir);
await seedDemo(storage);
const update = new Uint8Array(120).fill(7);

console.log(`group commit: ${APPENDS} durable appends (${new Date().toISOString()})`);
for (const perTurn of [1, 10, 50]) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < APPENDS / perTurn; i++) {
    await Promise.all(Array.from({ length: perTurn }, () => storage.appendUpdate('tavle-nord', update)));
  }
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  console.log(
    `${String(perTurn).padStart(3)} per turn: ${wall.toFixed(0).padStart(6)} ms wall (${(wall / APPENDS).toFixed(2)} ms per append), ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
  );
}
await storage.close();
rmSync(dir, { recursive: true, force: true });
