import type Database from 'better-sqlite3';

/**
 * The unit of group commit (groupCommit.ts): plain SQL and parameters rather than closures,
 * so a batch can be committed on the group commit's own connection (sqliteWriter.ts).
 */
export type SqlValue = string | number | bigint | Uint8Array | null;

export interface Statement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** One caller's write: its statements are undone together if one fails (in a savepoint when there are several). */
export type Write = readonly Statement[];

/** Of the write's last statement: the row it inserted (an append's sequence number); and all rows it changed. */
export interface WriteResult {
  lastInsertRowid: number;
  changes: number;
}

/** A failed write's error, as plain data (the caller gets an Error again: toError). */
export interface WriteError {
  message: string;
  code: string | null;
}

export type Outcome = { ok: true; value: WriteResult } | { ok: false; err: WriteError };

/**
 * Runs `writes` in one transaction, each of several statements in its own savepoint, and commits: one fsync for
 * the batch. A write that throws is rolled back alone. Throws only if the commit itself
 * fails, and then nothing in the batch is durable.
 */
export function commitBatch(db: Database.Database, writes: readonly Write[]): Outcome[] {
  const prepared = preparedStatements(db);
  const outcomes: Outcome[] = [];
  // A better-sqlite3 transaction started inside another one is a savepoint. A write of one
  // statement needs none: SQLite undoes a failing statement's changes by itself and the
  // transaction goes on (the savepoint's two extra statements were most of a small edit's SQL).
  db.transaction(() => {
    for (const write of writes) {
      try {
        const value =
          write.length === 1 ? runWrite(prepared, write) : db.transaction(() => runWrite(prepared, write))();
        outcomes.push({ ok: true, value });
      } catch (err) {
        // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction:
        // then nothing before is stored and what follows would run on its own. The batch fails.
        if (!db.inTransaction) throw err;
        outcomes.push({ ok: false, err: writeError(err) });
      }
    }
  })();
  return outcomes;
}

function runWrite(prepare: (sql: string) => Database.Statement, write: Write): WriteResult {
  let last = { lastInsertRowid: 0, changes: 0 };
  let changes = 0;
  for (const s of write) {
    const r = prepare(s.sql).run(...s.params);
    last = { lastInsertRowid: Number(r.lastInsertRowid), changes: r.changes };
    changes += r.changes;
  }
  return { lastInsertRowid: last.lastInsertRowid, changes };
}

export function writeError(err: unknown): WriteError {
  const code = (err as { code?: unknown } | null)?.code;
  return { message: err instanceof Error ? err.message : String(err), code: typeof code === 'string' ? code : null };
}

/** An Error again on the caller's side, with SQLite's code (e.g. SQLITE_CONSTRAINT_FOREIGNKEY). */
export function toError(e: WriteError): Error {
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}

/** One statement cache per connection: the same few SQL texts run for every edit. */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function preparedStatements(db: Database.Database): (sql: string) => Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const c = cache;
  return (sql) => {
    let st = c.get(sql);
    if (!st) c.set(sql, (st = db.prepare(sql)));
    return st;
  };
}

/**
 * Every connection to the board database, the main one and the group commit's: WAL (readers
 * and the writer do not block each other), synchronous=FULL (a commit is on disk before
 * anyone is told it is; the group commit's connection gets the same guarantee its own way,
 * sqliteWriter.ts WalSyncCommitter), foreign keys, and up to 5 s of waiting for a lock
 * (another process on the same file).
 */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * A transaction on the main connection that writes. It starts with BEGIN IMMEDIATE, taking
 * the write lock at once (waiting if another process's commit is under way): a deferred
 * transaction that read first would fail with SQLITE_BUSY_SNAPSHOT if another connection
 * committed meanwhile, instead of waiting.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate();
}

/**
 * A write transaction like `writeTransaction` whose commit does not wait for the disk: for
 * writes that only rearrange what the disk already holds, such as a compaction (the log rows
 * it folds into a snapshot were synced when they were appended, and it moves them in one
 * transaction). A power cut may roll it back whole, never half, and leaves the log as it was.
 * Its pages reach the disk with the next group commit's sync of the WAL (which covers every
 * frame before it) or the next checkpoint. So no compaction holds the event loop for an
 * fsync (0.4–13 ms on our disk; issue #15).
 */
export function rearrangingTransaction<T>(db: Database.Database, work: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return writeTransaction(db, work);
  } finally {
    db.pragma('synchronous = FULL');
  }
}
