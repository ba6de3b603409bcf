import { useEffect } from 'react';
import { CloseCode } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';

/**
 * The server asks a wall screen to start over (close code `screenResync`) when the screen
 * still holds a view of the board from before a server restart or board reload; `onResync`
 * then opens a fresh connection with an empty doc.
 */
export function useScreenResync(connection: BoardConnection | null, enabled: boolean, onResync: () => void): void {
  useEffect(() => {
    if (!connection || !enabled) return;
    const check = () => {
      if (connection.getStatus().closeCode === CloseCode.screenResync) onResync();
    };
    check();
    return connection.subscribeStatus(check);
  }, [connection, enabled, onResync]);
}
