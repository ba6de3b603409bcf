import { useSyncExternalStore } from 'react';
import type { ScreenHiddenMessage } from '../../../../shared/protocol/events.js';
import type { BoardSocket } from '../../sync/boardSocket';

const NONE = (): null => null;
const NOOP = () => () => {};

/** "Skjul alt" as the server last said (null until the socket has joined). */
export function useScreenHidden(socket: BoardSocket | null): ScreenHiddenMessage | null {
  return useSyncExternalStore(socket?.subscribe ?? NOOP, socket?.getHidden ?? NONE);
}
