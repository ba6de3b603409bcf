import { useCallback, useSyncExternalStore } from 'react';

/*
 * "Jeg er på aftenvagt": Tavlen has no evening teams yet (issue #16), so a person says so on
 * their own device. Kept in localStorage per user (a shift is a property of the device in
 * hand tonight, not of the board), read by `unreadFor` (shared/rules/cardLog.ts).
 */
const keyOf = (userId: string) => `tavlen.aftenvagt.${userId}`;
const listeners = new Set<() => void>();

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener('storage', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', fn);
  };
}

function read(userId: string): boolean {
  try {
    return window.localStorage.getItem(keyOf(userId)) === '1';
  } catch {
    return false;
  }
}

export function useEveningShift(userId: string): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, () => read(userId));
  const set = useCallback(
    (value: boolean) => {
      try {
        if (value) window.localStorage.setItem(keyOf(userId), '1');
        else window.localStorage.removeItem(keyOf(userId));
      } catch {
        // storage refused (private mode): the choice cannot be kept, the list stays the day's
      }
      for (const fn of listeners) fn();
    },
    [userId],
  );
  return [on, set];
}
