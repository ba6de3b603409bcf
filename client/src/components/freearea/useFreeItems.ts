import { useEffect, useState } from 'react';
import type { FreeItem } from '../../../../shared/model/freeArea.js';
import { liveFreeItems } from '../../../../shared/rules/freeArea.js';
import type { BoardDoc } from '../../../../shared/doc/boardDoc.js';

/**
 * The free area's live items (not expired: rules/freeArea.ts), re-read on every change of
 * the free area and once a minute, so a "i dag" note leaves at midnight by itself.
 */
export function useFreeItems(board: BoardDoc): FreeItem[] {
  const [items, setItems] = useState(() => liveFreeItems(board.freeItems(), new Date()));
  useEffect(() => {
    const read = () => setItems(liveFreeItems(board.freeItems(), new Date()));
    read();
    const stop = board.onFreeAreaChange(read);
    const timer = setInterval(read, 60_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [board]);
  return items;
}
