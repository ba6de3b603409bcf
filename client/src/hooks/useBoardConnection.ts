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
  /** Wall screen: no offline copy; a new `generation` starts from an empty doc. */
  screen: { generation: number } | null = null,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const generation = screen?.generation ?? -1;
  useEffect(() => {
    const conn = new BoardConnection(boardId, userId, checkSession, { persist: generation < 0 });
    setConnection(conn);
    return () => {
      setConnection(null);
      conn.destroy();
    };
    // checkSession is deliberately not a dependency: a new callback must not reconnect.
  }, [boardId, userId, generation]);
  return connection;
}
