import type { Phase } from '../../shared/model/phase.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { AuditAction } from '../../shared/protocol/audit.js';
import { auditDiff, type AuditChange } from '../../shared/rules/auditDiff.js';
import type { AuditEntry } from '../storage/types.js';
import type { CardTransition as CardChange } from '../../shared/rules/writeRules.js';

const ACTION: Readonly<Record<AuditChange['kind'], AuditAction>> = {
  created: 'card_created',
  deleted: 'card_deleted',
  moved: 'card_moved',
  closed: 'card_closed',
  reopened: 'card_reopened',
  triage: 'triage_changed',
  field: 'card_changed',
};

/**
 * Audit entries for what one user's update did to the cards it touched: one entry per
 * change, attributed to the user of the connection that sent it. Column ids come with
 * their titles (not personal data) so the log reads well after a board is reconfigured.
 * The citizen's name is never written here; readers resolve it from the card id.
 */
export function cardAuditEntries(
  boardId: string,
  user: Pick<SessionUser, 'id' | 'role'>,
  transitions: readonly CardChange[],
  phases: readonly Phase[],
  at: number,
): AuditEntry[] {
  const title = (id: string) => phases.find((p) => p.id === id)?.title ?? id;
  const entries: AuditEntry[] = [];
  for (const t of transitions) {
    for (const change of auditDiff(t.before, t.after)) {
      entries.push({
        at,
        userId: user.id,
        boardId,
        cardId: t.cardId,
        action: ACTION[change.kind],
        detail: { role: user.role, ...detailOf(change, title) },
      });
    }
  }
  return entries;
}

function detailOf(change: AuditChange, title: (id: string) => string): Record<string, unknown> {
  switch (change.kind) {
    case 'created':
    case 'deleted':
      return { phase: title(change.phaseId) };
    case 'moved':
      return {
        field: 'position',
        from: title(change.from),
        to: title(change.to),
        fromId: change.from,
        toId: change.to,
      };
    case 'closed':
      return { field: 'closure', from: null, to: change.outcome, closedOn: change.closedOn };
    case 'reopened':
      return { field: 'closure' };
    case 'triage':
      return { field: 'triage', from: change.from, to: change.to };
    case 'field':
      return { field: change.field, from: change.from, to: change.to };
  }
}
