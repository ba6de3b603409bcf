import { useEffect, useState } from 'react';
import { BoardSocket } from '../sync/boardSocket';

/**
 * The board's one socket.io connection (same origin, the session cookie authenticates),
 * joined to the board's room. null until the first effect has run.
 */
export function useBoardSocket(boardId: string): BoardSocket | null {
  const [socket, setSocket] = useState<BoardSocket | null>(null);
  useEffect(() => {
    const s = new BoardSocket(boardId);
    // The socket is an external resource the effect owns; state only carries it to render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSocket(s);
    return () => {
      s.destroy();
      setSocket(null);
    };
  }, [boardId]);
  return socket;
}
