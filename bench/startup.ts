/**
 * `npm run bench:startup`: time from spawning the server to its "listening" line, on an
 * empty data directory (no demo seed), for the compiled bundle that `npm start` runs
 * (dist/server/index.js, built by `npm run build:server`) and, side by side, the same
 * server under the tsx TypeScript loader it ran under before. A restart is what every
 * client waits for after a crash or a deploy (issue #15: listening within 0.5 s).
 *
 * Env: BENCH_STARTS (5 per variant; the median is reported).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const BUNDLE = 'dist/server/index.js';

async function timeToListening(cmd: string, args: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tavlen-start-'));
  const started = performance.now();
  const child = spawn(cmd, args, {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"listening"')) resolve(performance.now() - started);
      });
      child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
    });
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build:server first`);
const variants: [string, string, string[]][] = [
  ['compiled (npm start)', process.execPath, [BUNDLE]],
  ['tsx loader', process.execPath, ['--import', 'tsx', 'server/index.ts']],
];
console.log(`startup to listening, median of ${STARTS} (${new Date().toISOString()})`);
for (const [name, cmd, args] of variants) {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) times.push(await timeToListening(cmd, args));
  console.log(
    `${name.padEnd(22)} ${median(times).toFixed(0).padStart(6)} ms   (${times.map((t) => t.toFixed(0)).join(', ')})`,
  );
}
