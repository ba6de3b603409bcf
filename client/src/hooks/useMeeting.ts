import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BoardConnection } from '../sync/boardConnection';
import type { BoardSocket, LiveMeeting, LivePointer } from '../sync/boardSocket';
import type { MeetingSnapshot } from '../sync/meetingStore';

/** The board's meeting data (agenda, meetings, sidst drøftet); re-renders on every change. */
export function useMeetingSnapshot(connection: BoardConnection): MeetingSnapshot {
  const { meetings } = connection;
  return useSyncExternalStore(meetings.subscribe, meetings.getSnapshot);
}

const NO_LIVE: LiveMeeting = { meeting: null, offset: 0 };
const NO_POINTERS: readonly LivePointer[] = [];
const noop = () => () => {};

/** The live meeting state from the server (null meeting when none runs). */
export function useLiveMeeting(socket: BoardSocket | null): LiveMeeting {
  return useSyncExternalStore(socket ? socket.subscribe : noop, socket ? socket.getLive : () => NO_LIVE);
}

/** Pointers ("Peg") currently showing. */
export function usePointers(socket: BoardSocket | null): readonly LivePointer[] {
  return useSyncExternalStore(socket ? socket.subscribe : noop, socket ? socket.getPointers : () => NO_POINTERS);
}

/** Date.now(), refreshed every `ms` while `active`. */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return now;
}
