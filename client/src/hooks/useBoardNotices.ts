import { useEffect, useRef } from 'react';
import type { BoardSocket, RejectedNotice } from '../sync/boardSocket';

export type { RejectedNotice };

/** Reports the board socket's `notice:rejected` events. */
export function useBoardNotices(socket: BoardSocket | null, onRejected: (notice: RejectedNotice) => void): void {
  const handler = useRef(onRejected);
  useEffect(() => {
    handler.current = onRejected;
  });
  useEffect(() => socket?.onRejected((notice) => handler.current(notice)), [socket]);
}
