import { useCallback, useEffect, useRef, useState } from 'react';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** How long a toast stays before it goes away by itself. */
const TOAST_MS = 8000;

/** A small queue of toasts; each disappears after a few seconds or when dismissed. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (text: string, kind: Toast['kind'] = 'error') => {
      const id = next.current++;
      // Keep at most three; the same text twice in a row is shown once.
      setToasts((list) => (list.some((x) => x.text === text) ? list : [...list.slice(-2), { id, kind, text }]));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, TOAST_MS);
      timers.current.add(timer);
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  return { toasts, show, dismiss };
}
