import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { BoardConnection } from '../sync/boardConnection';

export interface UndoRedo {
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

/**
 * Per-user undo: the connection's UndoManager tracks only this user's origin, so Ctrl+Z
 * never reverts a colleague's edit. Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y work anywhere except
 * inside text fields, where the browser's own text undo is what people expect.
 */
export function useUndoRedo(connection: BoardConnection, enabled: boolean): UndoRedo {
  const um = connection.undoManager;
  const subscribe = useCallback(
    (fn: () => void) => {
      for (const e of STACK_EVENTS) um.on(e, fn);
      return () => {
        for (const e of STACK_EVENTS) um.off(e, fn);
      };
    },
    [um],
  );
  // Encode both flags in one primitive so the snapshot is stable between stack changes.
  const flags = useSyncExternalStore(subscribe, () => (um.canUndo() ? 1 : 0) + (um.canRedo() ? 2 : 0));
  const undo = useCallback(() => void um.undo(), [um]);
  const redo = useCallback(() => void um.redo(), [um]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, undo, redo]);

  return { undo, redo, canUndo: (flags & 1) !== 0, canRedo: (flags & 2) !== 0 };
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
