import { useEffect, useState } from 'react';
import { ApiError, api, type BoardConfig } from '../api';
import { isUnreachable, rememberConfig, rememberedConfig } from '../sync/offlineStart';

export type BoardConfigState = { state: 'loading' } | { state: 'ready'; config: BoardConfig } | { state: 'failed' };

/**
 * The municipality's delegation matrix, forløb catalogue and cadence templates for a board.
 * Until it has loaded (or if it cannot be loaded) the UI offers requests to the visitator
 * instead of protected actions: it never shows more rights than the server grants. Loaded
 * again when `refresh` changes (after a refused write: an administrator may have changed them).
 */
export function useBoardConfig(boardId: string, refresh: unknown = null): BoardConfigState {
  const [state, setState] = useState<BoardConfigState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) => {
      api.boardConfig(boardId).then(
        (config) => {
          rememberConfig(boardId, config);
          if (live) setState({ state: 'ready', config });
        },
        (err: unknown) => {
          if (!live) return;
          // Without the server the last answer stands (sync/offlineStart.ts): the rights it
          // shows are checked again by the server when the edits reach it.
          const remembered = isUnreachable(err) ? rememberedConfig(boardId) : null;
          setState(remembered ? { state: 'ready', config: remembered } : { state: 'failed' });
          // Network trouble: try again a few times; a 4xx will not get better.
          if (err instanceof ApiError && err.status === 0 && attempt < 5) {
            timer = setTimeout(() => load(attempt + 1), 2000 * (attempt + 1));
          }
        },
      );
    };
    load(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `refresh` changes (a new connection after a refused write): the rights shown may be out of date.
  }, [boardId, refresh]);
  return state;
}
