import type { Triage } from '../../../../shared/index.js';

/**
 * The triage level as a shape beside its colour and word (issue #12: never colour alone,
 * also for people who cannot tell red from green): green a circle, yellow a triangle, red a
 * diamond. Decorative for screen readers, which get the word.
 */
export function TriageShape({ triage }: { triage: Triage }) {
  return <span className={`triage-shape triage-shape-${triage}`} aria-hidden="true" />;
}
