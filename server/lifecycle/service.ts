import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { RejectedNotice } from '../../shared/protocol/events.js';
import type { AuditWriter } from '../audit/writer.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import type { LiveBoard } from '../sync/board.js';
import { refusalMessage, type Refusal } from '../../shared/rules/writeRules.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { StyringRecorder } from '../styring/recorder.js';
import type { Jobs } from '../cluster/jobs.js';
import { archiveClosedCards } from './archive.js';
import {
  resolveMeetingConfig,
  resolveMunicipalityConfig,
  type MeetingConfig,
  type MunicipalityConfig,
} from './config.js';

const MIGRATION_ORIGIN: TransactionOrigin = { source: 'server', reason: 'migration' };

export interface LifecycleOptions {
  archiveAfterDays: number;
  log: Logger;
  /** The audit log of card changes (server/audit); none in tests that do not need it. */
  audit?: AuditWriter;
  /** Keeps the Styring cockpit's card facts and events (server/styring); none in some tests. */
  styring?: StyringRecorder;
  /** Sends a notice to one user's sockets on one board (socket.io). */
  notify?: (userId: string, notice: RejectedNotice) => void;
  /**
   * Where the board jobs on load (migration, archiving) run: with several nodes on the board's
   * owner only (server/cluster/jobs.ts); absent = here, as one process always did.
   */
  jobs?: Pick<Jobs, 'runForBoard' | 'canRunBoardJobs'>;
}

/**
 * The server side of the forløb lifecycle: the municipality's configuration, the delegation
 * guard on every loaded board (with audit log and notices) and archiving of closed forløb.
 */
export class Lifecycle {
  notify: LifecycleOptions['notify'];

  constructor(
    private readonly storage: Storage,
    private readonly opts: LifecycleOptions,
  ) {
    this.notify = opts.notify;
  }

  /** The board's municipality configuration, validated; null for an unknown board. */
  async config(boardId: string): Promise<MunicipalityConfig | null> {
    const rec = await this.storage.boardConfig(boardId);
    return rec ? resolveMunicipalityConfig(rec, this.opts.log) : null;
  }

  /** The board's triage clocks and visitator days (defaults when unset or invalid). */
  async meetingConfig(boardId: string): Promise<MeetingConfig> {
    return resolveMeetingConfig(await this.storage.meetingConfig(boardId), this.opts.log);
  }

  /**
   * Registry hook: guard the board, give old cards their lifecycle and log maps and move
   * old Notes into the log (stored server changes, so two people's first additions cannot
   * race) and archive what is due.
   */
  attach(board: LiveBoard): void {
    const log = this.opts.log.child({ board: board.id });
    // Queued at once (no lock to wait for), so it is the board's first change after loading.
    if (this.opts.jobs?.canRunBoardJobs(board.id) !== false) {
      board
        .runExclusive(async (commit) => {
          if (new BoardDoc(board.doc).needsLifecycleMaps()) {
            await commit((staging) => new BoardDoc(staging).ensureLifecycleMaps(MIGRATION_ORIGIN), MIGRATION_ORIGIN);
          }
          // The card log (issue #12): log maps on every card, and an old Note as the first entry.
          if (new BoardDoc(board.doc).needsCardLogMigration()) {
            await commit((staging) => new BoardDoc(staging).migrateCardLogs(MIGRATION_ORIGIN), MIGRATION_ORIGIN);
          }
        })
        .catch((err: unknown) => log.error('lifecycle migration failed', { err }));
    }
    board.setPolicy({
      matrix: async () => {
        const config = await this.config(board.id);
        if (!config) throw new Error('board has no municipality');
        return config.delegation;
      },
      swapSettings: async () => {
        const config = await this.config(board.id);
        if (!config) throw new Error('board has no municipality');
        return config.swaps;
      },
      knownOffers: async (ids) => {
        const config = await this.config(board.id);
        if (!config) throw new Error('board has no municipality');
        return new Set(await this.storage.offers.existing(config.municipalityId, ids));
      },
      onRefused: (user, refusal) => this.refused(board.id, user, refusal),
      onFreeArea: (user, items) => this.opts.audit?.freeAreaChanged(board.id, user, items),
      onApplied: async (user, changes, phases) => {
        // Together, so the audit rows and the Styring events share one commit (group commit).
        await Promise.all([
          this.opts.audit?.cardsChanged(board.id, user, changes, phases),
          this.opts.styring?.cardsChanged(board.id, changes, Date.now()),
        ]);
        this.opts.styring?.scheduleSnapshot(board);
      },
    });
    // Both read every card: after the first client has the board, not before (issue #15).
    board.afterFirstSync(() => {
      this.opts.styring?.boardLoaded(board).catch((err: unknown) => log.error('styring facts on load failed', { err }));
      const archive = this.opts.jobs
        ? this.opts.jobs.runForBoard('archive', board.id, () => this.archive(board))
        : this.archive(board);
      archive.catch((err: unknown) => log.error('archiving on load failed', { err }));
    });
  }

  archive(board: LiveBoard, now: Date = new Date()): Promise<number> {
    return archiveClosedCards(board, this.storage, {
      afterDays: this.opts.archiveAfterDays,
      now,
      log: this.opts.log,
    });
  }

  /** The refusal is already audited by the board; the person is told why on their sockets. */
  private refused(boardId: string, user: SessionUser, refusal: Refusal): void {
    this.notify?.(user.id, {
      boardId,
      cardId: refusal.cardId ?? null,
      op: refusal.code,
      message: refusalMessage(refusal.code),
    });
  }
}
