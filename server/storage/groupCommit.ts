/**
 * Group commit (issue #15). Every accepted update must be durable before it is relayed, and
 * with `synchronous=FULL` each SQLite commit costs an fsync that blocks the event loop. The
 * small writes that follow every edit — the update itself, its audit rows, the Styring
 * events — each used to be their own transaction. Writes that arrive together, in one turn
 * of the event loop and from any boards, now share one transaction and one fsync.
 *
 * Each write runs in its own savepoint inside the shared transaction, so one that fails (a
 * board deleted meanwhile) is rolled back and rejected alone. Every caller resolves only
 * after the shared transaction has committed: durability per write is unchanged.
 */
export interface Transactions {
  /** Runs `work` in one transaction, committed (durably) when it returns. */
  inTransaction(work: () => void): void;
  /** Runs `write` in a savepoint of the current transaction: undone alone if it throws. */
  inSavepoint<T>(write: () => T): T;
}

interface Waiting {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled: Promise<void> | null = null;

  constructor(private readonly tx: Transactions) {}

  /** Queues a synchronous write; resolves with its result once it is committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ write, resolve: resolve as (value: unknown) => void, reject });
      // After the poll phase: every message read from the sockets in this turn joins the batch.
      this.scheduled ??= new Promise<void>((done) =>
        setImmediate(() => {
          this.flush();
          done();
        }),
      );
    });
  }

  /** Resolves once everything queued so far has been committed (or refused). */
  async drain(): Promise<void> {
    while (this.scheduled) await this.scheduled;
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = null;
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.tx.inTransaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.tx.inSavepoint(item.write) });
          } catch (err) {
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
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.err);
    });
  }
}
