/**
 * Group commit for the board log (issue #15). Every accepted update must be durable before
 * it is relayed, and with `synchronous=FULL` each commit costs an fsync that blocks the event
 * loop. Updates that arrive together — in one turn of the event loop, from any boards — are
 * written in one transaction, so they share one fsync. Each caller still resolves only after
 * the transaction holding its update has committed: durability per update is unchanged, the
 * cost is shared.
 */
export interface PendingAppend {
  boardId: string;
  update: Uint8Array;
}

/** Writes a batch in one transaction and returns each row's sequence number, in order. */
export type WriteBatch = (batch: readonly PendingAppend[]) => number[];

interface Waiting extends PendingAppend {
  resolve: (seq: number) => void;
  reject: (err: unknown) => void;
}

export class AppendBatcher {
  private waiting: Waiting[] = [];
  private scheduled: Promise<void> | null = null;

  constructor(private readonly writeBatch: WriteBatch) {}

  append(boardId: string, update: Uint8Array): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ boardId, update, resolve, reject });
      // After the poll phase: every message read from the sockets in this turn joins the batch.
      this.scheduled ??= new Promise<void>((done) =>
        setImmediate(() => {
          this.flush();
          done();
        }),
      );
    });
  }

  /** Resolves once everything appended so far has been written (or refused). */
  async drain(): Promise<void> {
    while (this.scheduled) await this.scheduled;
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = null;
    if (batch.length === 0) return;
    try {
      const seqs = this.writeBatch(batch);
      batch.forEach((item, i) => item.resolve(seqs[i]!));
    } catch {
      // One bad row (say, a board deleted meanwhile) must not fail its neighbours: retry alone.
      for (const item of batch) {
        try {
          item.resolve(this.writeBatch([item])[0]!);
        } catch (err) {
          item.reject(err);
        }
      }
    }
  }
}
