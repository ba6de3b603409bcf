/**
 * Every write to a board doc carries an origin saying who made it. The undo manager
 * tracks only the local user's origin; the server tags updates with the connection
 * that sent them (for audit) and its own maintenance work separately.
 */
export type TransactionOrigin =
  | { source: 'local'; userId: string }
  | { source: 'connection'; connectionId: string }
  | { source: 'server'; reason: 'seed' | 'migration' | 'revert' | 'maintenance' | 'epoch' | 'restore' | 'conflict' }
  | { source: 'persistence' }
  /**
   * Tidying a person's client does in passing (sweeping long-expired notes off the free
   * area): sent to the server like any write, but never one of their undo steps — undoing
   * their note must not bring back the expired notes that adding it swept away.
   */
  | { source: 'tidy' };

export function localOrigin(userId: string): TransactionOrigin {
  return { source: 'local', userId };
}
