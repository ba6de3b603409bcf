import type { Phase } from '../../shared/model/phase.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Logger } from '../logging.js';
import type { AuditEntry, Storage } from '../storage/types.js';
import { cardAuditEntries, type CardTransition } from './cardEntries.js';

/**
 * Writes the server's audit entries. Card changes come from the board's update guard, one
 * batch (one SQL transaction) per peer update; a failure to write is logged and never
 * stops the edit itself, which is already stored.
 */
export class AuditWriter {
  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async cardsChanged(
    boardId: string,
    user: Pick<SessionUser, 'id' | 'role'>,
    transitions: readonly CardTransition[],
    phases: readonly Phase[],
  ): Promise<void> {
    const entries = cardAuditEntries(boardId, user, transitions, phases, this.now());
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
