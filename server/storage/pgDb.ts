import pg from 'pg';
import { PG_MIGRATIONS } from './pgMigrations.js';

/**
 * The PostgreSQL plumbing the adapter's parts share: one pool, typed queries, transactions
 * (retried on a deadlock or serialization failure: nothing of them was committed), the
 * migrations, and the group commit of the small writes after every edit.
 */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** bigint (epoch ms, seqs, counts) and numeric (sums) as JS numbers: all stay far below 2^53. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Lock keys (two int4): this namespace and a hash of the board or job. */
export const LOCK_NAMESPACE = 0x74_61_76_6c; // "tavl"

const RETRYABLE = new Set(['40P01', '40001']);

export class PgDb {
  readonly pool: pg.Pool;

  constructor(url: string, poolSize: number) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, types: TYPES });
    // An idle client's error (the server restarted) must not crash the process; the pool
    // drops that client and the next query opens a new connection.
    this.pool.on('error', () => {});
  }

  async rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params as unknown[])).rows as T[];
  }

  async one<T>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(sql, params))[0] ?? null;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.pool.query(sql, params as unknown[])).rowCount ?? 0;
  }

  /** Runs `work` in one transaction on one connection; committed when it resolves. */
  async tx<T>(work: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await c.query(begin);
        const value = await work(c);
        await c.query('COMMIT');
        return value;
      } catch (err) {
        await c.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
        const code = (err as { code?: string }).code;
        if (attempt < 5 && code && RETRYABLE.has(code)) continue;
        throw err;
      } finally {
        c.release(broken);
      }
    }
  }

  /**
   * Runs `work` while holding a session advisory lock: one node at a time across the cluster
   * (migrations, the demo seed). The lock dies with the connection if the node does.
   */
  async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, key]);
      try {
        return await work();
      } finally {
        await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, key]);
      }
    } finally {
      c.release();
    }
  }

  /** `exclusive` without waiting: `ran: false` at once when another connection holds the lock. */
  async tryExclusive<T>(key: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const c = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const got = await c.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS got', [
        LOCK_NAMESPACE,
        key,
      ]);
      if (!got.rows[0]?.got) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        // A lock that cannot be released must not go back to the pool with its connection.
        await c
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, key])
          .catch((err: unknown) => (broken = err as Error));
      }
    } finally {
      c.release(broken);
    }
  }

  /** Brings the schema up to date; safe when several nodes start at once (advisory lock). */
  async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, 'migrations']);
      try {
        await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version    integer PRIMARY KEY,
          applied_at timestamptz NOT NULL DEFAULT now())`);
        const done = new Set(
          (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
        );
        for (let v = 1; v <= PG_MIGRATIONS.length; v++) {
          if (done.has(v)) continue;
          await c.query('BEGIN');
          try {
            await c.query(PG_MIGRATIONS[v - 1]!);
            await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
            await c.query('COMMIT');
          } catch (err) {
            await c.query('ROLLBACK');
            throw new Error(`PostgreSQL migration ${v} failed: ${(err as Error).message}`, { cause: err });
          }
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, 'migrations']);
      }
    } finally {
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

interface Waiting {
  write: (c: pg.PoolClient) => Promise<unknown>;
  /** Boards whose log head the write locks (locked up front, sorted, so nodes cannot deadlock). */
  boards: readonly string[];
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for PostgreSQL (the SQLite one is groupCommit.ts): writes queued while a
 * commit is in flight share the next transaction, each in its own savepoint so one failing
 * write is undone alone. A promise resolves only after COMMIT returned, i.e. after the WAL
 * flush: durability per write is unchanged.
 */
export class PgGroupCommit {
  private waiting: Waiting[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly db: PgDb) {}

  run<T>(write: (c: pg.PoolClient) => Promise<T>, boards: readonly string[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ write, boards, resolve: resolve as (v: unknown) => void, reject });
      this.running ??= this.loop();
    });
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    // After the poll phase: everything read from the sockets in this turn joins the batch.
    await new Promise((r) => setImmediate(r));
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      await this.flush(batch);
    }
    this.running = null;
  }

  private async flush(batch: Waiting[]): Promise<void> {
    let outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      await this.db.tx(async (c) => {
        outcomes = [];
        const boards = [...new Set(batch.flatMap((w) => w.boards))].sort();
        if (boards.length > 0) {
          await c.query('SELECT 1 FROM board_log_heads WHERE board_id = ANY($1) ORDER BY board_id FOR UPDATE', [
            boards,
          ]);
        }
        for (const item of batch) {
          await c.query('SAVEPOINT w');
          try {
            outcomes.push({ ok: true, value: await item.write(c) });
            await c.query('RELEASE SAVEPOINT w');
          } catch (err) {
            await c.query('ROLLBACK TO SAVEPOINT w');
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      // The commit itself failed: nothing in the batch is durable.
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.err);
    });
  }
}
