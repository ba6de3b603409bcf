import { addDays, format, parseISO } from 'date-fns';
import { addDaysToDate } from '../../shared/rules/cadence.js';
import { parseDanishLocal, toIsoDate } from '../../shared/rules/dates.js';
import type { Logger } from '../logging.js';
import type { AuditEntry, HistoryPruneResult, Storage } from '../storage/types.js';
import type { AuditWriter } from './writer.js';

export const DAY_MS = 86_400_000;

export interface RetentionOptions {
  /** Closed forløb are purged from the archive this many days after their closing date. */
  closedDays: number;
  /** Audit entries older than this many days are deleted. */
  auditDays: number;
  /** Point-in-time board history older than this many days is pruned (absent: kept). */
  historyDays?: number;
}

export interface RetentionResult {
  /** Archived forløb deleted, per board. */
  cards: { boardId: string; count: number }[];
  auditEntries: number;
  history: HistoryPruneResult;
}

/**
 * The daily retention job: deletes archived forløb (the card with every personal detail in
 * it) closed at least `closedDays` days ago (Danish calendar), then audit entries older than
 * `auditDays` (the only deletion the audit table allows, see the migration), and records
 * what it did as `retention_purged` entries: counts only, never names.
 */
export async function runRetention(
  storage: Storage,
  audit: AuditWriter,
  opts: RetentionOptions & { now: Date; log: Logger },
): Promise<RetentionResult> {
  const today = toIsoDate(opts.now);
  // Closed on or before today − closedDays ⇔ closed before the day after that.
  const closedBefore = format(addDays(parseISO(today), 1 - opts.closedDays), 'yyyy-MM-dd');
  const cards = await storage.purgeArchivedClosedBefore(closedBefore);
  const auditCutoff = opts.now.getTime() - opts.auditDays * DAY_MS;
  const auditEntries = await storage.purgeAuditBefore(auditCutoff);
  // Each board keeps the newest snapshot at or before the cutoff, so any time since stays restorable.
  const historyCutoff = opts.historyDays === undefined ? null : opts.now.getTime() - opts.historyDays * DAY_MS;
  const history =
    historyCutoff === null ? { snapshots: 0, updates: 0 } : await storage.pruneHistoryBefore(historyCutoff);

  const at = opts.now.getTime();
  const entries: AuditEntry[] = cards.map((c) => ({
    at,
    userId: null,
    boardId: c.boardId,
    cardId: null,
    action: 'retention_purged',
    detail: { cards: c.count, closedBefore, retentionDays: opts.closedDays },
  }));
  if (auditEntries > 0) {
    entries.push({
      at,
      userId: null,
      boardId: null,
      cardId: null,
      action: 'retention_purged',
      detail: { auditEntries, before: new Date(auditCutoff).toISOString(), retentionDays: opts.auditDays },
    });
  }
  if (history.snapshots > 0 || history.updates > 0) {
    entries.push({
      at,
      userId: null,
      boardId: null,
      cardId: null,
      action: 'retention_purged',
      detail: {
        historySnapshots: history.snapshots,
        historyUpdates: history.updates,
        before: new Date(historyCutoff!).toISOString(),
        retentionDays: opts.historyDays,
      },
    });
  }
  await audit.append(entries);
  const purged = cards.reduce((n, c) => n + c.count, 0);
  if (purged > 0 || auditEntries > 0 || history.snapshots > 0) {
    opts.log.info('retention purge', { cards: purged, auditEntries, history });
  }
  return { cards, auditEntries, history };
}

/** The time (Danish) of the nightly maintenance: nobody's tavlemøde, few edits. */
export const MAINTENANCE_TIME = '03:00';

/**
 * The next MAINTENANCE_TIME in Danish time after `now` (a summer or winter night
 * alike). The maintenance compacts every loaded board and purges by the retention settings:
 * run a minute after a start, as it was, it fell on the morning meeting whenever a node was
 * restarted before it, and its compactions held every board's edits up (issue #15).
 */
export function nextMaintenanceAt(now: Date): Date {
  const today = toIsoDate(now);
  const at = (day: string) => parseDanishLocal(`${day}T${MAINTENANCE_TIME}`)!;
  const tonight = at(today);
  return tonight > now ? tonight : at(addDaysToDate(today, 1));
}

/**
 * Runs the job every night at MAINTENANCE_TIME, Danish time (each node; `run` itself makes
 * the purge once a day across nodes). The timer never keeps the process alive.
 */
export function startRetentionTimer(run: () => Promise<unknown>, log: Logger): () => void {
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = () => {
    schedule();
    if (running) return;
    running = true;
    run()
      .catch((err: unknown) => log.error('retention job failed', { err }))
      .finally(() => (running = false));
  };
  const schedule = () => {
    if (stopped) return;
    const now = new Date();
    timer = setTimeout(tick, Math.max(1_000, nextMaintenanceAt(now).getTime() - now.getTime()));
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
