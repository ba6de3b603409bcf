import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import type { Cluster } from './redis.js';

/** What became of one call: it ran here, another node is running it, or it already ran this period. */
export type JobOutcome = 'ran' | 'held' | 'done';

/** Key of a job's last completed run on any node (docs/operations.md "Redis"). */
export const JOB_KEY_PREFIX = 'tavlen:job:';

/**
 * A node's ticks drift (timers, restarts), so a run counts for the period when it started at
 * most this fraction of a period ago: a node whose own next tick comes one period later runs.
 */
const PERIOD_SLACK = 0.1;

/** Whether a run that started at `lastStart` still covers `now` for a job run every `periodMs`. */
export function ranThisPeriod(lastStart: number | null, now: number, periodMs: number): boolean {
  if (lastStart === null || lastStart > now) return false;
  return now - lastStart < periodMs * (1 - PERIOD_SLACK);
}

/**
 * Jobs that must run once (issue #14): the daily retention, the session sweep, and the board
 * jobs (archiving closed forløb, the Styring snapshot, the lifecycle migration).
 *
 * - Alone (no cluster): every job runs on this process, never twice at once.
 * - With several nodes, a cluster job runs under a PostgreSQL advisory lock taken with
 *   try-lock (another node holding it → `held`, skipped), and a completed run is noted in Redis
 *   with its start time, so the other nodes' ticks in the same period find it `done`. The lock
 *   belongs to the database session, so a `kill -9` releases it; the note is written only after
 *   the job finished, so the next tick on any node runs a killed job again. Every job is
 *   idempotent for that reason (docs/operations.md "Jobs that run once").
 * - Board jobs run only where `canRunBoardJobs(boardId)` says (the board's owner once board
 *   ownership exists; every node until then), one node at a time per board.
 */
export class Jobs {
  private readonly running = new Set<string>();
  private boardTurn: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      storage: Storage;
      cluster: Cluster | null;
      log: Logger;
      now?: () => number;
      /** The seam for board ownership: whether this node may run a board's jobs. */
      canRunBoardJobs?: (boardId: string) => boolean;
    },
  ) {}

  canRunBoardJobs(boardId: string): boolean {
    return this.deps.canRunBoardJobs?.(boardId) ?? true;
  }

  /** A job for the whole installation, run by one node per `periodMs`. */
  runOnce(name: string, periodMs: number, work: () => Promise<unknown>): Promise<JobOutcome> {
    const { cluster } = this.deps;
    if (!cluster) {
      return this.locally(name, async () => {
        await work();
        return 'ran';
      });
    }
    return this.locally(name, async () => {
      const held = await this.deps.storage.tryExclusive(`job:${name}`, async () => {
        const now = (this.deps.now ?? Date.now)();
        if (ranThisPeriod(await this.lastStart(cluster, name), now, periodMs)) return 'done' as const;
        await work();
        await cluster.redis
          .set(JOB_KEY_PREFIX + name, String(now), { expiration: { type: 'PX', value: periodMs } })
          .catch((err: unknown) => this.deps.log.warn('job run not noted: may run again this period', { err, name }));
        return 'ran' as const;
      });
      return held.ran ? held.value : 'held';
    });
  }

  /** A job for one board: skipped where the board's jobs do not run, one node at a time. */
  async runForBoard(name: string, boardId: string, work: () => Promise<unknown>): Promise<JobOutcome> {
    if (!this.canRunBoardJobs(boardId)) return 'held';
    if (!this.deps.cluster) {
      await work();
      return 'ran';
    }
    // One board at a time: each holds a pooled connection for its lock while it waits for the
    // board's queue, and sixty boards at once would starve the pool the edits are stored through.
    const turn = this.boardTurn.then(() => this.deps.storage.tryExclusive(`job:${name}:${boardId}`, work));
    this.boardTurn = turn.then(
      () => {},
      () => {},
    );
    return (await turn).ran ? 'ran' : 'held';
  }

  /** Never two runs of one job in this process (a slow run and the next tick). */
  private async locally(name: string, work: () => Promise<JobOutcome>): Promise<JobOutcome> {
    if (this.running.has(name)) return 'held';
    this.running.add(name);
    try {
      return await work();
    } finally {
      this.running.delete(name);
    }
  }

  /** The start of the last completed run, or null (never, expired, or Redis away: run anyway). */
  private async lastStart(cluster: Cluster, name: string): Promise<number | null> {
    try {
      const raw = await cluster.redis.get(JOB_KEY_PREFIX + name);
      const at = raw === null ? NaN : Number(raw);
      return Number.isFinite(at) ? at : null;
    } catch (err) {
      // Under the lock a repeat is safe (every job is idempotent); a skipped purge is not.
      this.deps.log.warn('job note unreadable: running under the lock anyway', { err, name });
      return null;
    }
  }
}
