import { toError, type Outcome, type Write, type WriteResult } from './commitBatch.js';

/**
 * Group commit (issue #15). Every accepted update must be durable before it is relayed, and
 * with `synchronous=FULL` each SQLite commit costs an fsync (about 5 ms on our disks). The
 * small writes that follow every edit — the update itself, its audit rows, the Styring
 * events — share one transaction and one fsync with whatever else is waiting.
 *
 * The batch is committed by a `Committer`: for a database file its fsync runs on libuv's
 * thread pool (sqliteWriter.ts WalSyncCommitter), so it never blocks the event loop; inline
 * for an in-memory database. While one batch is being committed the next one gathers, so
 * under load a batch holds everything that arrived during the previous fsync: throughput
 * grows with load instead of the event loop stalling on one fsync per edit.
 *
 * Each write runs in its own savepoint (one of a single statement needs none: SQLite undoes
 * a failing statement by itself), so one that fails (a board deleted meanwhile) is
 * rolled back and rejected alone. Every caller resolves only after the transaction that
 * holds its write has committed: durability per write is unchanged.
 */
export interface Committer {
  /** Commits `writes` in one transaction (each undone alone if it fails); rejects if the commit fails. */
  commit(writes: readonly Write[]): Promise<Outcome[]>;
  close(): Promise<void>;
  /** Why it refuses every commit from now on (the disk failed it), or null while it works. */
  failure?(): Error | null;
}

/**
 * How soon a write must start its commit. `now`: in the next turn of the event loop (an
 * update waits for it before it is relayed). `followUp`: a write that follows an edit and
 * that nobody waits for (its audit rows, its Styring figures). It starts no commit of its
 * own for up to FOLLOW_UP_MS: it rides along with the next `now` write's commit, so under
 * load an edit and the previous edits' follow-ups share one transaction and one fsync
 * instead of taking two or three (issue #15: 2.6 commits per edit at 300 edits/s, and each
 * commit costs an fsync).
 */
export type Urgency = 'now' | 'followUp';

/** Longest a follow-up write waits for a commit to ride along with before it starts its own. */
export const FOLLOW_UP_MS = 20;

interface Waiting {
  write: Write;
  followUp: boolean;
  resolve: (value: WriteResult) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;
  /** Set while only follow-up writes wait: when it fires they commit on their own. */
  private followUpTimer: NodeJS.Timeout | null = null;

  constructor(private readonly committer: Committer) {}

  /** Why every write is refused from now on (the committer's failure), or null. */
  failure(): Error | null {
    return this.committer.failure?.() ?? null;
  }

  /** Queues a write; resolves with its result once it is committed (whatever its urgency). */
  run(write: Write, urgency: Urgency = 'now'): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      const followUp = urgency === 'followUp';
      this.waiting.push({ write, followUp, resolve, reject });
      if (followUp) this.awaitCompany();
      else this.schedule();
    });
  }

  /** Resolves once everything queued so far has been committed (or refused). */
  async drain(): Promise<void> {
    while (this.scheduled || this.inFlight || this.waiting.length > 0) {
      if (this.inFlight) await this.inFlight;
      else {
        // Follow-ups waiting for company go now.
        this.schedule();
        await new Promise<void>((r) => setImmediate(r));
      }
    }
  }

  /** Drains, then closes the committer (and its thread). */
  async close(): Promise<void> {
    await this.drain();
    await this.committer.close();
  }

  /** A commit in the next turn (after the poll phase: every message read in this turn joins it). */
  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.clearFollowUpTimer();
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Only follow-ups wait: they commit with the next commit, or alone after FOLLOW_UP_MS. */
  private awaitCompany(): void {
    if (this.scheduled || this.inFlight || this.followUpTimer) return;
    this.followUpTimer = setTimeout(() => {
      this.followUpTimer = null;
      this.schedule();
    }, FOLLOW_UP_MS);
  }

  private clearFollowUpTimer(): void {
    if (this.followUpTimer) clearTimeout(this.followUpTimer);
    this.followUpTimer = null;
  }

  private flush(): void {
    this.clearFollowUpTimer();
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
      // What gathered during this commit goes next, without waiting for another turn; if
      // only follow-ups gathered, they wait for company like any follow-up.
      if (this.waiting.some((w) => !w.followUp)) this.flush();
      else if (this.waiting.length > 0) this.awaitCompany();
    });
  }
}
