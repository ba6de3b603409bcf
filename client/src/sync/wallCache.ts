import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';

/*
 * The wall screen's last projection (issue #16, N7): a wall keeps no offline copy of the
 * board, only the privacy projection the server sent it (initials, colours, dates — see
 * shared/doc/screenProjection.ts), saved as one Yjs state after each change while it is
 * live, so a wall restarted without the network shows the last board instead of an error.
 * It holds no more than the wall was shown. A projection the server has since rebuilt
 * (4409) and sign-out delete it.
 */

const PREFIX = 'tavlen-wall:';

interface Stored {
  at: number;
  state: string;
}

export function saveWallCopy(boardId: string, doc: Y.Doc, at: number = Date.now()): void {
  const value: Stored = { at, state: toBase64(Y.encodeStateAsUpdate(doc)) };
  try {
    globalThis.localStorage?.setItem(PREFIX + boardId, JSON.stringify(value));
  } catch {
    // storage full or private mode: the wall still works while live
  }
}

/** The saved projection as a Yjs update, or null. */
export function loadWallCopy(boardId: string): Uint8Array | null {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + boardId);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Stored>;
    return typeof v.state === 'string' ? fromBase64(v.state) : null;
  } catch {
    return null;
  }
}

export function clearWallCopy(boardId: string): void {
  try {
    globalThis.localStorage?.removeItem(PREFIX + boardId);
  } catch {
    // nothing stored
  }
}

export function clearWallCopies(): void {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX)) keys.push(k);
    }
    for (const k of keys) storage.removeItem(k);
  } catch {
    // nothing stored
  }
}
