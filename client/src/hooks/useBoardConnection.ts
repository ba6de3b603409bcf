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
  /**
   * `canEdit`: false for read-only users and screens; `persist`: false for wall screens;
   * `wallCopy`: wall screens keep their last projection (sync/wallCache.ts).
   */
  opts: { canEdit: boolean; persist: boolean; wallCopy?: boolean } = { canEdit: true, persist: true },
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  // Bumped when the server says our copy is from another epoch (4409): a fresh connection
  // replaces the old one (after re-sending what the server never got); and when it refused
  // one of our updates (4422/4423): the fresh connection starts from the server's board.
  const [generation, setGeneration] = useState(0);
  // The refusal that ended a connection, for the one connection that replaces it (which tells
  // the person why); any other new connection (epoch, another board) gets none.
  const [refusal, setRefusal] = useState<{ code: string; generation: number } | null>(null);
  const { canEdit, persist, wallCopy = false } = opts;
  useEffect(() => {
    const conn = new BoardConnection(boardId, userId, checkSession, {
      canEdit,
      persist,
      wallCopy,
      onStaleEpoch: () => setGeneration((g) => g + 1),
      onRefused: (code) => {
        setRefusal({ code, generation: generation + 1 });
        setGeneration(generation + 1);
      },
      refusedBefore: refusal?.generation === generation ? refusal.code : null,
    });
    // The connection is an external resource the effect owns; state only carries it to render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setConnection(conn);
    return () => {
      setConnection(null);
      conn.destroy();
    };
    // checkSession is deliberately not a dependency: a new callback must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, userId, canEdit, persist, wallCopy, generation, refusal]);
  return connection;
}
