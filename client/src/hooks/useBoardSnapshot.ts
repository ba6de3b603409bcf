import { useSyncExternalStore } from 'react';
import type { BoardConnection } from '../sync/boardConnection';
import type { BoardSnapshot } from '../sync/boardStore';

/** Re-renders on every board change; the snapshot object only changes when the doc did. */
export function useBoardSnapshot(connection: BoardConnection): BoardSnapshot {
  const { store } = connection;
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
