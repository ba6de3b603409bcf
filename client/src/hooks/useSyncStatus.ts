import { useSyncExternalStore } from 'react';
import type { BoardConnection, SyncStatus } from '../sync/boardConnection';

export function useSyncStatus(connection: BoardConnection): SyncStatus {
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus);
}
