/**
 * A real Redis for a test file, from the Debian package (scripts/redis-local.sh: redis-server
 * on a free port with its data in a temp dir). Tests use it to stop, kill and restart Redis
 * under load, with or without its append-only file.
 *
 *   const redis = await startRedis();       // { url, ... }
 *   await redis.kill();                      // kill -9: what a crash looks like
 *   await redis.restart({ persist: true });  // same port; with persist the AOF is replayed
 *   await redis.stop();                      // stops it and deletes the temp dir
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '../../scripts/redis-local.sh');

export interface TestRedis {
  /** redis://127.0.0.1:port */
  url: string;
  dir: string;
  /** kill -9 of the server (the data, if persisted, stays in dir). */
  kill(): Promise<void>;
  /** Orderly shutdown without saving. */
  pause(): Promise<void>;
  /** Starts it again on the same port; `persist` as in startRedis. */
  restart(opts?: { persist?: boolean }): Promise<void>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/** Whether redis-server is installed (the tests skip, loudly, only without it). */
export function redisInstalled(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Prints why Redis tests are skipped, where nobody can miss it. */
export function warnNoRedis(what: string): void {
  if (redisInstalled()) return;
  process.stderr.write(
    `\n!!! ${what}: SKIPPED — no redis-server. Install the Debian package redis-server ` +
      `(scripts/install-system-deps.sh) to run them. !!!\n\n`,
  );
}

/** `persist`: the append-only file is on (fsync every second), so a restart keeps the data. */
export async function startRedis(opts: { persist?: boolean } = {}): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'tavlen-redis-'));
  const args = (port?: string, persist?: boolean) => [
    SCRIPT,
    'start',
    dir,
    ...(port ? [port] : persist ? [''] : []),
    ...(persist ? ['persist'] : []),
  ];
  const { stdout } = await run('bash', args(undefined, opts.persist), { timeout: 30_000 });
  const url = stdout.trim().split('\n').pop()!;
  const port = new URL(url).port;
  return {
    url,
    dir,
    kill: async () => {
      await run('bash', [SCRIPT, 'kill', dir], { timeout: 30_000 });
    },
    pause: async () => {
      await run('bash', [SCRIPT, 'stop', dir], { timeout: 30_000 });
    },
    restart: async (o = {}) => {
      await run('bash', args(port, o.persist ?? opts.persist), { timeout: 30_000 });
    },
    stop: async () => {
      await run('bash', [SCRIPT, 'destroy', dir], { timeout: 30_000 });
    },
  };
}
