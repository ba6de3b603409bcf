/**
 * A real PostgreSQL for a test file, from the Debian package (scripts/pg-local.sh: initdb into
 * a temp dir, pg_ctl start on a free port, as the `postgres` user when the tests run as root).
 *
 *   const pg = await startPostgres();          // null only when no PostgreSQL is installed
 *   const url = await pg.createDatabase();     // a fresh, empty database per test
 *   ...
 *   await pg.stop();                            // stops the server and deletes the temp dir
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '../../scripts/pg-local.sh');

export interface TestPostgres {
  /** postgres://… of the server's maintenance database ("tavlen", created by the script). */
  url: string;
  dir: string;
  /** A new empty database; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) without deleting its data. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data. */
  resume(): Promise<void>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/** Whether a PostgreSQL server binary is installed (the tests skip, loudly, only without one). */
export function postgresInstalled(): boolean {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb'));
  const base = '/usr/lib/postgresql';
  return existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
}

/** Prints why PostgreSQL tests are skipped, where nobody can miss it. */
export function warnNoPostgres(what: string): void {
  if (postgresInstalled()) return;
  process.stderr.write(
    `\n!!! ${what}: SKIPPED — no PostgreSQL binaries (/usr/lib/postgresql/*/bin). ` +
      `Install the Debian package postgresql (scripts/install-system-deps.sh) to run them. !!!\n\n`,
  );
}

let counter = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tavlen-pg-'));
  const { stdout } = await run('bash', [SCRIPT, 'start', dir], { timeout: 120_000 });
  const url = stdout.trim().split('\n').pop()!;
  const port = new URL(url).port;
  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    dir,
    async createDatabase() {
      const name = `t${process.pid}_${++counter}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.href;
    },
    pause: async () => {
      await run('bash', [SCRIPT, 'stop', dir], { timeout: 60_000 });
    },
    resume: async () => {
      await run('bash', [SCRIPT, 'start', dir, port], { timeout: 60_000 });
    },
    stop: async () => {
      await run('bash', [SCRIPT, 'destroy', dir], { timeout: 60_000 });
    },
  };
}
