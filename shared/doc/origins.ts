/**
 * Every write to a board doc carries an origin saying who made it. The undo manager
 * tracks only the local user's origin; the server tags updates with the connection
 * that sent them (for audit) and its own maintenance work separately.
 */
export type TransactionOrigin =
  | { source: 'local'; userId: string }
  | { source: 'connection'; connectionId: string }
  | { source: 'server'; reason: 'seed' | 'migration' | 'revert' | 'maintenance' | 'epoch' | 'restore' | 'conflict' }
  | { source: 'persistence' };

export function localOrigin(userId: string): TransactionOrigin {
  return { source: 'local', userId };
}
