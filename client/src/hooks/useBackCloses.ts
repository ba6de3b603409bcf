import { useCallback, useEffect } from 'react';

const KEY = 'tavlenCard';

function markedCard(): unknown {
  return (history.state as Record<string, unknown> | null)?.[KEY];
}

/**
 * On a phone the full-screen card is a screen of its own, so the system's back gesture
 * closes it instead of leaving Tavlen. While `openId` is shown and `active`, a history
 * entry marks it; going back pops that entry and calls `close`. Returns the close for the
 * card's own back button: it goes back through history too, so no entry is left behind.
 */
export function useBackCloses(active: boolean, openId: string | null, close: () => void): () => void {
  useEffect(() => {
    if (!active || openId === null) return;
    if (markedCard() !== openId) history.pushState({ ...(history.state as object | null), [KEY]: openId }, '');
    const onPop = () => {
      if (markedCard() !== openId) close();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [active, openId, close]);
  return useCallback(() => {
    if (active && openId !== null && markedCard() === openId) history.back();
    else close();
  }, [active, openId, close]);
}
