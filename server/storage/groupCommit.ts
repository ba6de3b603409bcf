import { toError, type Outcome, type Write, type WriteResult } from './commitBatch.js';

/**
 * Group commit (issue #15). Every accepted update must be durable before it is relayed, and
 * with `synchronous=FULL` each SQLite commit costs an fsync (about 5 ms on our disks). The
 * small writes that follow every edit — the update itself, its audit rows, the Styring
 * events — share one transaction and one fsync with whatever else is waiting.
 *
 * The batch is committed by a `Committer`: on the writer thread for a database file
 * (sqliteWriter.ts), so the fsync never blocks the event loop, or inline for an in-memory
 * database. While one batch is being committed the next one gathers, so under load a batch
 * holds everything that arrived during the previous fsync: throughput grows with load
 * instead of the event loop stalling on one fsync per edit.
 *
 * Each write runs in its own savepoint, so one that fails (a board deleted meanwhile) is
 * rolled back and rejected alone. Every caller resolves only after the transaction that
 * holds its write has committed: durability per write is unchanged.
 */
export interface Committer {
  /** Commits `writes` in one transaction (each in a savepoint); rejects if the commit fails. */
  commit(writes: readonly Write[]): Promise<Outcome[]>;
  close(): Promise<void>;
}

interface Waiting {
  write: Write;
  resolve: (value: WriteResult) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly committer: Committer) {}

  /** Queues a write; resolves with its result once it is committed. */
  run(write: Write): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (this.scheduled || this.inFlight) return;
      this.scheduled = true;
      // After the poll phase: every message read from the sockets in this turn joins the batch.
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    });
  }

  /** Resolves once everything queued so far has been committed (or refused). */
  async drain(): Promise<void> {
    while (this.scheduled || this.inFlight || this.waiting.length > 0) {
      if (this.inFlight) await this.inFlight;
      else await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** Drains, then closes the committer (and its thread). */
  async close(): Promise<void> {
    await this.drain();
    await this.committer.close();
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.inFlight = this.committer.commit(batch.map((w) => w.write)).then(
      (outcomes) =>
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(toError(outcome.err));
        }),
      // The commit itself failed: nothing in the batch is durable.
      (err: unknown) => batch.forEach((item) => item.reject(err)),
    );
    void this.inFlight.then(() => {
      this.inFlight = null;
      // What gathered during this commit goes next, without waiting for another turn.
      this.flush();
    });
  }
}
