import { closeSync, fdatasync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { commitBatch, configureConnection, type Outcome, type Write } from './commitBatch.js';
import type { Committer } from './groupCommit.js';

/** Commits on the calling thread: for an in-memory database, which no other thread can open. */
export class InlineCommitter implements Committer {
  constructor(private readonly db: Database.Database) {}

  commit(writes: readonly Write[]): Promise<Outcome[]> {
    try {
      return Promise.resolve(commitBatch(this.db, writes));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** fdatasync(2) as `node:fs` offers it: run on libuv's thread pool, never on the event loop. */
export type SyncFile = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

/**
 * Commits a batch on the event loop, then waits for the WAL file to reach the disk on
 * libuv's thread pool (issue #15). Its own connection to the database file runs at
 * `synchronous=NORMAL`: a commit appends its frames to the WAL and returns without an
 * fsync (a few tens of µs), and SQLite still syncs properly around every checkpoint. The
 * batch is reported committed only after `fdatasync` of the WAL file has returned, so
 * every write anyone is told about is on disk, exactly as `synchronous=FULL` (which
 * syncs the WAL at each commit) would have it — but the wait is off the event loop.
 *
 * It replaced a writer thread (a worker with a connection of its own): that thread's V8
 * isolate cost ~16 MB of RSS, and posting every batch to it and its answer back cost the
 * main thread more than the SQL it ran there (docs/benchmarks.md, "Group commit").
 *
 * A failed fdatasync leaves the WAL's state on disk unknown (the kernel may have dropped
 * the dirty pages): the batch is refused and so is every later one, so the server stops
 * accepting edits instead of carrying on with a log it cannot vouch for; /healthz then
 * answers 503 (`failure()`), so the process is restarted and SQLite recovers what reached
 * the disk.
 */
export class WalSyncCommitter implements Committer {
  private readonly db: Database.Database;
  private walFd: number | null = null;
  private failed: Error | null = null;

  constructor(
    private readonly file: string,
    private readonly syncFile: SyncFile = fdatasync,
  ) {
    this.db = new Database(file);
    configureConnection(this.db);
    this.db.pragma('synchronous = NORMAL');
  }

  async commit(writes: readonly Write[]): Promise<Outcome[]> {
    if (this.failed) throw this.failed;
    const outcomes = commitBatch(this.db, writes);
    // Opened after the first commit, which creates the WAL file if it is not there yet.
    // The connection keeps it open, so it is never unlinked under this descriptor.
    this.walFd ??= openSync(`${this.file}-wal`, 'r');
    const fd = this.walFd;
    await new Promise<void>((resolve, reject) =>
      this.syncFile(fd, (err) => {
        if (!err) return resolve();
        this.failed = Object.assign(new Error(`the database log could not be written to disk: ${err.message}`), {
          code: err.code ?? null,
        });
        reject(this.failed);
      }),
    );
    return outcomes;
  }

  failure(): Error | null {
    return this.failed;
  }

  close(): Promise<void> {
    if (this.walFd !== null) closeSync(this.walFd);
    this.walFd = null;
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
