import type { SessionUser } from '../../shared/model/user.js';
import { FREE_LAYOUT_FIELDS, type FreeItem } from '../../shared/model/freeArea.js';
import { truncateAuditText } from '../../shared/rules/auditDiff.js';
import type { FreeItemTransition } from '../../shared/rules/writeRules.js';
import type { AuditEntry } from '../storage/types.js';

const KIND_DA: Readonly<Record<FreeItem['kind'], string>> = { note: 'Note', text: 'Tekst', stroke: 'Tegning' };
const LAYOUT: ReadonlySet<string> = new Set(FREE_LAYOUT_FIELDS);

/** An item in plain Danish for the audit page: `Note: "Bil 3 på værksted" (vist på skærmen)`. */
export function freeItemAuditText(item: FreeItem): string {
  const what =
    item.kind === 'stroke' ? KIND_DA.stroke : `${KIND_DA[item.kind]}: "${truncateAuditText(item.text, 120)}"`;
  return item.onScreen ? `${what} (vist på skærmen)` : what;
}

/**
 * Audit entries for what one person's update did on the free area (issue #16): created,
 * changed and deleted items with their words (CPR-checked like all board text). Moving and
 * resizing are not audited: pushing a note aside on the wall says nothing about anyone.
 */
export function freeAreaAuditEntries(
  boardId: string,
  user: Pick<SessionUser, 'id' | 'role'>,
  transitions: readonly FreeItemTransition[],
  at: number,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const entry = (action: string, itemId: string, detail: Record<string, unknown>): AuditEntry => ({
    at,
    userId: user.id,
    boardId,
    cardId: null,
    action,
    detail: { role: user.role, itemId, field: 'freeItems', ...detail },
  });
  for (const { itemId, before, after } of transitions) {
    if (before === null && after !== null) {
      entries.push(entry('free_item_created', itemId, { kind: after.kind, from: null, to: freeItemAuditText(after) }));
    } else if (before !== null && after === null) {
      entries.push(
        entry('free_item_deleted', itemId, { kind: before.kind, from: freeItemAuditText(before), to: null }),
      );
    } else if (before !== null && after !== null) {
      const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
      const changed = [...keys].filter(
        (k) =>
          !LAYOUT.has(k) &&
          JSON.stringify((before as Record<string, unknown>)[k]) !==
            JSON.stringify((after as Record<string, unknown>)[k]),
      );
      if (changed.length === 0) continue;
      entries.push(
        entry('free_item_changed', itemId, {
          kind: after.kind,
          changed,
          from: freeItemAuditText(before),
          to: freeItemAuditText(after),
        }),
      );
    }
  }
  return entries;
}
