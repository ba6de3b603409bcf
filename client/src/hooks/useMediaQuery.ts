import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now; re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** The phone layout's breakpoint; responsive.css uses the same width. */
export const PHONE_QUERY = '(max-width: 600px)';
/** The tablet layout: wider than a phone, narrower than a laptop (responsive.css). */
export const TABLET_QUERY = '(min-width: 601px) and (max-width: 1100px)';

/** A phone-sized screen: the board becomes lists, the card a full screen. */
export function usePhone(): boolean {
  return useMediaQuery(PHONE_QUERY);
}
