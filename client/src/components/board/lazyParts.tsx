import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';

/**
 * Parts of the board screen that are not needed to see and use the board, loaded on demand
 * (issue #12 point 7: the first screen loads what it needs): the card panel, the meeting
 * panel with its agenda and minutes, the triage list, "Siden sidst" and the wall screen.
 * Each is its own chunk; `prefetchBoardParts` fetches the common ones once the board shows,
 * so the first click rarely waits. Admin and audit are lazy in Shell.tsx.
 */
const loaders = {
  card: () => import('../card/CardDetailPanel'),
  meeting: () => import('../meeting/MeetingPanel'),
  triage: () => import('../triage/TriageView'),
  since: () => import('../triage/SinceLastPanel'),
  wall: () => import('../screen/WallScreen'),
  /** The free area, "Dagens beskeder" (issue #16), with perfect-freehand: only when opened. */
  freeArea: () => import('../freearea/FreeArea'),
};

function suspended<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = null,
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function Suspended(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const CardDetailPanel = suspended(() => loaders.card().then((m) => m.CardDetailPanel));
export const MeetingPanel = suspended(() => loaders.meeting().then((m) => m.MeetingPanel));
export const TriageView = suspended(() => loaders.triage().then((m) => m.TriageView));
export const SinceLastPanel = suspended(() => loaders.since().then((m) => m.SinceLastPanel));
export const WallScreen = suspended(() => loaders.wall().then((m) => m.WallScreen));
export const FreeAreaPanel = suspended(() => loaders.freeArea().then((m) => m.FreeAreaPanel));
export const PhoneMessages = suspended(() => loaders.freeArea().then((m) => m.PhoneMessages));
export const WallFreeArea = suspended(() => loaders.freeArea().then((m) => m.WallFreeArea));

/** After the board is up, when the browser is idle: the parts people open first. */
export function prefetchBoardParts(): void {
  const go = () => {
    void loaders.card();
    void loaders.meeting();
    void loaders.triage();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(go, { timeout: 3000 });
  else setTimeout(go, 1000);
}
