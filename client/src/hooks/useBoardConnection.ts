import { useEffect, useState } from 'react';
import { BoardConnection } from '../sync/boardConnection';

/**
 * Opens one board (Y.Doc + websocket + IndexedDB) for as long as the component is mounted
 * and tears everything down on unmount or when the board changes.
 */
export function useBoardConnection(
  boardId: string,
  userId: string,
  checkSession: () => void,
  canEdit = true,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  // Bumped when the board was rebuilt into a new epoch: a fresh connection replaces the old one.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const conn = new BoardConnection(boardId, userId, checkSession, {
      canEdit,
      onStaleEpoch: () => setGeneration((g) => g + 1),
    });
    setConnection(conn);
    return () => {
      setConnection(null);
      conn.destroy();
    };
    // checkSession is deliberately not a dependency: a new callback must not reconnect.
  }, [boardId, userId, canEdit, generation]);
  return connection;
}
