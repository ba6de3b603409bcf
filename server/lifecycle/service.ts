import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { LIFECYCLE_COLLECTION_KEYS } from '../../shared/model/lifecycle.js';
import type { RejectedNotice } from '../../shared/protocol/events.js';
import type { AuditWriter } from '../audit/writer.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import type { LiveBoard } from '../sync/board.js';
import { DelegationGuard, rejectionMessage, type Rejection } from '../sync/delegation.js';
import { archiveClosedCards } from './archive.js';
import {
  resolveMeetingConfig,
  resolveMunicipalityConfig,
  type MeetingConfig,
  type MunicipalityConfig,
} from './config.js';

const MIGRATION_ORIGIN: TransactionOrigin = { source: 'server', reason: 'migration' };

/** Some card lacks a nested lifecycle map (written before the lifecycle, or by a raw client). */
function needsLifecycleMaps(doc: Y.Doc): boolean {
  for (const m of doc.getMap('cards').values()) {
    if (m instanceof Y.Map && LIFECYCLE_COLLECTION_KEYS.some((k) => !(m.get(k) instanceof Y.Map))) return true;
  }
  return false;
}

export interface LifecycleOptions {
  archiveAfterDays: number;
  log: Logger;
  /** The audit log of card changes (server/audit); none in tests that do not need it. */
  audit?: AuditWriter;
  /** Sends a notice to one user's sockets on one board (socket.io). */
  notify?: (userId: string, notice: RejectedNotice) => void;
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
   * Registry hook: guard the board, give old cards their lifecycle maps (a stored server
   * change, so two people's first additions cannot race) and archive what is due.
   */
  attach(board: LiveBoard): void {
    const log = this.opts.log.child({ board: board.id });
    board
      .runExclusive(async (commit) => {
        if (!needsLifecycleMaps(board.doc)) return;
        await commit((staging) => new BoardDoc(staging).ensureLifecycleMaps(MIGRATION_ORIGIN), MIGRATION_ORIGIN);
      })
      .catch((err: unknown) => log.error('lifecycle migration failed', { err }));
    board.setGuard(
      new DelegationGuard(board.doc, {
        log,
        matrix: async () => {
          const config = await this.config(board.id);
          if (!config) throw new Error('board has no municipality');
          return config.delegation;
        },
        onRejected: (r) => this.rejected(board.id, r, log),
        onApplied: async (user, changes, phases) => this.opts.audit?.cardsChanged(board.id, user, changes, phases),
      }),
    );
    this.archive(board).catch((err: unknown) => log.error('archiving on load failed', { err }));
  }

  archive(board: LiveBoard, now: Date = new Date()): Promise<number> {
    return archiveClosedCards(board, this.storage, {
      afterDays: this.opts.archiveAfterDays,
      now,
      log: this.opts.log,
    });
  }

  private rejected(boardId: string, r: Rejection, log: Logger): void {
    // Ids, roles and operation names only: no citizen data in the log or the audit detail.
    log.warn('write rejected by the delegation matrix; reverted', {
      user: r.userId,
      role: r.role,
      card: r.cardId,
      ops: r.ops,
    });
    this.storage
      .appendAudit({
        at: Date.now(),
        userId: r.userId,
        boardId,
        cardId: r.cardId,
        action: 'write_rejected',
        detail: { role: r.role, ops: r.ops, restored: r.restored, removed: r.removed },
      })
      .catch((err: unknown) => log.error('could not write audit log', { err }));
    const op = r.ops[0];
    if (op && this.notify) {
      this.notify(r.userId, { boardId, cardId: r.cardId, op, message: rejectionMessage(op) });
    }
  }
}
