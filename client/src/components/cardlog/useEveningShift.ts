import { useCallback, useSyncExternalStore } from 'react';
import { onEveningShift } from '../../../../shared/rules/organisation.js';

/*
 * "Jeg er på aftenvagt": a member of the board's evening team (issue #16) is on the evening
 * shift there automatically (SessionUser.eveningTeamIds); anyone's device switch overrides it
 * either way. The override is kept in localStorage per user ('1' on, '0' off, absent: follow
 * the team), read by `unreadFor` (shared/rules/cardLog.ts) through this hook.
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

function readOverride(userId: string): boolean | null {
  try {
    const v = window.localStorage.getItem(keyOf(userId));
    return v === '1' ? true : v === '0' ? false : null;
  } catch {
    return null;
  }
}

export function useEveningShift(
  user: { id: string; eveningTeamIds?: readonly string[] | undefined },
  boardTeamId: string | null,
): [boolean, (on: boolean) => void] {
  const userId = user.id;
  const override = useSyncExternalStore(subscribe, () => readOverride(userId));
  const byTeam = onEveningShift(user, boardTeamId, null);
  const set = useCallback(
    (value: boolean) => {
      try {
        // Back to what the team says: no override left behind.
        if (value === byTeam) window.localStorage.removeItem(keyOf(userId));
        else window.localStorage.setItem(keyOf(userId), value ? '1' : '0');
      } catch {
        // storage refused (private mode): the choice cannot be kept, the list stays the team's
      }
      for (const fn of listeners) fn();
    },
    [userId, byTeam],
  );
  return [onEveningShift(user, boardTeamId, override), set];
}
