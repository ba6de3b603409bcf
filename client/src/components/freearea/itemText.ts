import { initialsOf } from '../../../../shared/model/card.js';
import type { FreeItem } from '../../../../shared/model/freeArea.js';
import { FREE_AREA_MODERATORS } from '../../../../shared/rules/freeArea.js';
import type { SessionUser } from '../../../../shared/model/user.js';

/** The author as initials on the note ("AH"): the full name is in its title. */
export const authorInitials = (item: FreeItem): string => initialsOf(item.byName) || '?';

/** Same rules as the server's (rules/freeArea.ts), so the UI offers only what will be kept. */
export const canChange = (item: FreeItem, user: Pick<SessionUser, 'id'>): boolean => item.by === user.id;
export const canDelete = (item: FreeItem, user: Pick<SessionUser, 'id' | 'role'>): boolean =>
  item.by === user.id || FREE_AREA_MODERATORS.has(user.role);

/** A refused input (zod) as the person reads it: the first issue's Danish message. */
export function inputError(err: unknown, fallback: string): string {
  const issues = (err as { issues?: { message?: string }[] } | null)?.issues;
  return issues?.[0]?.message ?? fallback;
}
