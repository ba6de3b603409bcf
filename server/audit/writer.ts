import type { Phase } from '../../shared/model/phase.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Logger } from '../logging.js';
import type { AuditEntry, Storage } from '../storage/types.js';
import type { CardTransition as CardChange } from '../../shared/rules/writeRules.js';
import { cardAuditEntries } from './cardEntries.js';
import { freeAreaAuditEntries } from './freeAreaEntries.js';
import type { FreeItemTransition } from '../../shared/rules/writeRules.js';

/**
 * Writes the server's audit entries; a failure to write is logged and never stops the edit
 * itself, which is already stored. Card changes come from the board's update guard and are
 * buffered: everything derived in one turn of the event loop goes to storage in one SQL
 * transaction (one fsync), right after the turn, so a burst of updates costs one extra
 * fsync rather than one per update. The price: entries of the last few milliseconds before
 * a hard crash may be lost (the edits themselves are not). `flush()` on shutdown.
 */
export class AuditWriter {
  private buffer: AuditEntry[] = [];
  private scheduled = false;

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async cardsChanged(
    boardId: string,
    user: Pick<SessionUser, 'id' | 'role'>,
    transitions: readonly CardChange[],
    phases: readonly Phase[],
  ): Promise<void> {
    this.buffered(cardAuditEntries(boardId, user, transitions, phases, this.now()));
  }

  /** What a person's update did on the free area (issue #16), buffered like card changes. */
  freeAreaChanged(boardId: string, user: Pick<SessionUser, 'id' | 'role'>, items: readonly FreeItemTransition[]): void {
    this.buffered(freeAreaAuditEntries(boardId, user, items, this.now()));
  }

  private buffered(entries: AuditEntry[]): void {
    if (entries.length === 0) return;
    this.buffer.push(...entries);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Writes whatever is buffered now. */
  async flush(): Promise<void> {
    this.scheduled = false;
    const entries = this.buffer;
    this.buffer = [];
    await this.append(entries);
  }

  async append(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.storage.appendAuditBatch(entries);
    } catch (err) {
      this.log.error('could not write audit log', { err, entries: entries.length });
    }
  }
}
