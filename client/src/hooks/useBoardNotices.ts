import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, RejectedNotice, ServerToClientEvents } from '../../../shared/protocol/events.js';

export type { RejectedNotice };

/**
 * Joins the board's socket.io room (same origin, the session cookie authenticates) and
 * reports `notice:rejected` events. Rejoins after every reconnect.
 */
export function useBoardNotices(boardId: string, onRejected: (notice: RejectedNotice) => void): void {
  const handler = useRef(onRejected);
  useEffect(() => {
    handler.current = onRejected;
  });
  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket'],
    });
    const join = () => socket.emit('board:join', { boardId }, () => {});
    socket.on('connect', join);
    socket.on('notice:rejected', (notice) => {
      if (notice && typeof notice.message === 'string') handler.current(notice);
    });
    return () => {
      socket.off();
      socket.disconnect();
    };
  }, [boardId]);
}
