import type { CardLog, LogEntry, LogKind, LogRoute } from '../model/cardLog.js';
import type { Role } from '../model/user.js';

/*
 * Who a log entry is for, and what is unread for me (issue #12 point 2, R25, R35). Pure.
 *
 * The evening shift: Tavlen has no evening teams yet (issue #16), so a person says on their
 * own device that they are on the evening shift ("Jeg er på aftenvagt" in Til mig); entries
 * for the evening shift are then unread for them. Everybody else still sees those entries
 * in the "Aftenvagt" list, so nothing handed over is hidden from the day shift.
 */

/** The reader: who, in what role, and whether they are on the evening shift now. */
export interface LogUser {
  id: string;
  role: Role;
  evening: boolean;
}

/** Whom an entry is addressed to; null: a plain observation kept on the card. */
export type LogRecipient = 'visitator' | 'team' | 'evening' | 'agenda';

/** "Aflever" decides first; otherwise the kind says whom the message is to. */
export function recipientOf(entry: { kind: LogKind; routedTo?: LogRoute | undefined }): LogRecipient | null {
  if (entry.routedTo) return entry.routedTo;
  switch (entry.kind) {
    case 'visitator':
      return 'visitator';
    case 'team':
      return 'team';
    case 'evening':
      return 'evening';
    case 'observation':
      return null;
  }
}

/**
 * Is the entry addressed to `user`? Never their own, never the wall screen. 'agenda' is for
 * the tavlemøde (it becomes a nomination there), not for one person's list.
 */
export function isAddressedTo(user: LogUser, entry: LogEntry): boolean {
  if (entry.by === user.id || user.role === 'skaerm') return false;
  switch (recipientOf(entry)) {
    case 'visitator':
      return user.role === 'visitator';
    case 'team':
      return true;
    case 'evening':
      return user.evening;
    case 'agenda':
    case null:
      return false;
  }
}

export function hasRead(log: CardLog, entryId: string, userId: string): boolean {
  return (log.readBy[entryId] ?? []).some((r) => r.by === userId);
}

export interface UnreadEntry {
  cardId: string;
  entry: LogEntry;
}

const newestFirst = (a: UnreadEntry, b: UnreadEntry): number =>
  a.entry.at > b.entry.at ? -1 : a.entry.at < b.entry.at ? 1 : a.entry.id < b.entry.id ? -1 : 1;

/** The entries addressed to `user` that they have not read yet, newest first. */
export function unreadFor(user: LogUser, board: { logs: ReadonlyMap<string, CardLog> }): UnreadEntry[] {
  const out: UnreadEntry[] = [];
  for (const [cardId, log] of board.logs) {
    for (const entry of log.entries) {
      if (isAddressedTo(user, entry) && !hasRead(log, entry.id, user.id)) out.push({ cardId, entry });
    }
  }
  return out.sort(newestFirst);
}

/** Every entry for the evening shift, newest first (the "Aftenvagt" list everyone can open). */
export function eveningEntries(board: { logs: ReadonlyMap<string, CardLog> }): UnreadEntry[] {
  const out: UnreadEntry[] = [];
  for (const [cardId, log] of board.logs) {
    for (const entry of log.entries) if (recipientOf(entry) === 'evening') out.push({ cardId, entry });
  }
  return out.sort(newestFirst);
}
