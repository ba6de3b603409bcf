import { useCallback, useSyncExternalStore } from 'react';
import type { AwarenessState, AwarenessUser } from '../../../shared/index.js';
import type { BoardConnection } from '../sync/boardConnection';

export interface PresentPerson extends AwarenessUser {
  clientId: number;
  editingCardId: string | null;
  isMe: boolean;
}

export interface Presence {
  /** One entry per person (several tabs of one user collapse into one avatar). */
  people: PresentPerson[];
  /** Card id → other people who have it open in the detail panel. */
  editing: ReadonlyMap<string, PresentPerson[]>;
}

const cache = new WeakMap<BoardConnection, { presence: Presence; stale: boolean }>();

/**
 * Who is on the board now, from Yjs awareness. Only the `user` the server stamped on each
 * state is trusted (our own state has none locally, so `me` fills in for ourselves).
 */
export function usePresence(connection: BoardConnection, me: AwarenessUser): Presence {
  const subscribe = useCallback(
    (fn: () => void) => {
      const onChange = () => {
        const entry = cache.get(connection);
        if (entry) entry.stale = true;
        fn();
      };
      connection.awareness.on('change', onChange);
      return () => connection.awareness.off('change', onChange);
    },
    [connection],
  );
  const getSnapshot = () => {
    let entry = cache.get(connection);
    if (!entry || entry.stale || entry.presence.people.find((p) => p.isMe)?.userId !== me.userId) {
      entry = { presence: readPresence(connection, me), stale: false };
      cache.set(connection, entry);
    }
    return entry.presence;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

function readPresence(connection: BoardConnection, me: AwarenessUser): Presence {
  const myClientId = connection.awareness.clientID;
  const byUser = new Map<string, PresentPerson>();
  const editing = new Map<string, PresentPerson[]>();
  const localEditing = (connection.awareness.getLocalState() as AwarenessState | null)?.editingCardId ?? null;
  byUser.set(me.userId, { ...me, clientId: myClientId, editingCardId: localEditing, isMe: true });
  for (const [clientId, raw] of connection.awareness.getStates()) {
    if (clientId === myClientId) continue;
    const state = raw as AwarenessState;
    const user = state.user;
    if (!user || typeof user.userId !== 'string' || typeof user.name !== 'string') continue;
    const person: PresentPerson = {
      userId: user.userId,
      name: user.name,
      role: String(user.role),
      color: safeColor(user.color),
      clientId,
      editingCardId: typeof state.editingCardId === 'string' ? state.editingCardId : null,
      isMe: user.userId === me.userId,
    };
    if (!byUser.has(user.userId)) byUser.set(user.userId, person);
    if (person.editingCardId) {
      const list = editing.get(person.editingCardId) ?? [];
      if (!list.some((p) => p.userId === person.userId)) list.push(person);
      editing.set(person.editingCardId, list);
    }
  }
  const people = [...byUser.values()].sort(
    (a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name, 'da'),
  );
  return { people, editing };
}

/** Colours go into inline styles: accept only plain hex so a state cannot inject CSS. */
function safeColor(c: unknown): string {
  return typeof c === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : '#55606e';
}
