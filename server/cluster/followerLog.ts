import type { StreamEntry } from './boardStream.js';

/**
 * A follower's place in its owner's log (docs/multi-node.md "As built"): every update applied
 * once, in seq order, whatever order, gaps or repeats the stream brings. It says when a gap
 * must be read from storage and holds what arrives meanwhile. No I/O: the caller reads
 * storage and applies to the doc (`apply` returns false when the update did not integrate).
 */
export class FollowerLog {
  private buffered: StreamEntry[] = [];
  private repairing = false;

  constructor(
    /** The owner's lease token the board was loaded under. */
    readonly token: number,
    /** Every seq up to this is in the doc. */
    public lastSeq: number,
    private readonly apply: (seq: number, update: Uint8Array) => boolean,
  ) {}

  /**
   * One stream entry. 'gap': read storage after `lastSeq`, then call `repaired`. 'newer-owner':
   * another node owns the board now; its updates never go into a doc loaded under this one.
   */
  offer(entry: StreamEntry): 'ok' | 'gap' | 'newer-owner' {
    if (entry.token !== this.token) return entry.token > this.token ? 'newer-owner' : 'ok';
    if (this.repairing) {
      this.buffered.push(entry);
      return 'ok';
    }
    if (entry.seq <= this.lastSeq) return 'ok';
    if (entry.seq === this.lastSeq + 1) {
      this.step(entry.seq, entry.update);
      return 'ok';
    }
    this.buffered.push(entry);
    this.repairing = true;
    return 'gap';
  }

  /** A repair for another reason (Redis was away, the log head is ahead): false if one is running. */
  startRepair(): boolean {
    if (this.repairing) return false;
    this.repairing = true;
    return true;
  }

  /**
   * What storage holds after `lastSeq` (null: the read failed; the next trigger tries again),
   * then what the stream brought meanwhile. 'gap' when that still leaves one (read again).
   */
  repaired(rows: readonly { seq: number; update: Uint8Array }[] | null): 'ok' | 'gap' {
    this.repairing = false;
    if (rows === null) return 'ok';
    for (const r of rows) if (r.seq === this.lastSeq + 1) this.step(r.seq, r.update);
    let result: 'ok' | 'gap' = 'ok';
    for (const entry of this.buffered.splice(0).sort((a, b) => a.seq - b.seq)) {
      if (this.offer(entry) === 'gap') result = 'gap';
    }
    return result;
  }

  private step(seq: number, update: Uint8Array): void {
    if (this.apply(seq, update)) this.lastSeq = seq;
  }
}
