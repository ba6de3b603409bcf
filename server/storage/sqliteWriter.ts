import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { commitBatch, type Outcome, type Statement, type Write, type WriteError } from './commitBatch.js';
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

/** What the writer thread answers for one batch (sqliteWriter.worker.ts). */
export type WriterReply = { id: number; outcomes: Outcome[] } | { id: number; failed: WriteError };

/**
 * Commits on a thread of its own, with its own connection to the database file (WAL lets
 * the main connection read meanwhile). The fsync of every commit then waits there, not in
 * the event loop that relays the boards' updates: that wait was 40 % of the main thread at
 * 100 edits/s (a CPU profile of `npm run bench`, docs/benchmarks.md).
 */
export class WorkerCommitter implements Committer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (o: Outcome[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private dead: Error | null = null;

  constructor(file: string) {
    // From the bundle (dist/server/) the worker is its own compiled file beside it; from the
    // TypeScript sources (tests, scripts) it is loaded through tsx.
    this.worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./sqliteWriter.worker.ts', import.meta.url).href)}); })`,
          { eval: true, workerData: { file } },
        )
      : new Worker(new URL('./sqliteWriter.worker.js', import.meta.url), { workerData: { file } });
    // Idle, the thread does not keep the process alive; with a commit pending it does.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (!waiting) return;
      if ('failed' in reply)
        waiting.reject(Object.assign(new Error(reply.failed.message), { code: reply.failed.code }));
      else waiting.resolve(reply.outcomes);
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const w of this.pending.values()) w.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the database writer thread stopped (${code})`)));
  }

  commit(writes: readonly Write[]): Promise<Outcome[]> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      const transfer: ArrayBuffer[] = [];
      this.worker.postMessage({ id, writes: writes.map((w) => w.map((st) => ownBytes(st, transfer))) }, transfer);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Posting a Uint8Array copies its whole backing buffer, and an update read from a socket is
 * a view into a much larger one (a profile showed postMessage at 0.3 ms per batch). Exactly
 * the bytes are copied once, and the copy is transferred rather than copied again.
 */
function ownBytes(st: Statement, transfer: ArrayBuffer[]): Statement {
  if (!st.params.some((p) => p instanceof Uint8Array)) return st;
  const params = st.params.map((p) => {
    if (!(p instanceof Uint8Array)) return p;
    const copy = new Uint8Array(p); // not p.slice(): on a Buffer that is a view, not a copy
    transfer.push(copy.buffer);
    return copy;
  });
  return { sql: st.sql, params };
}
