/**
 * Pure helpers of the bench (no I/O, no clocks): percentiles, the open-loop schedule, what
 * makes a run valid, and the pass/fail of a target. Unit-tested in tests/unit/benchStats.test.ts.
 */

/** Nearest-rank percentile of an ascending array (p in 0–100); NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(xs: readonly number[]): number {
  const finite = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/**
 * The open-loop schedule: edit `g` of a phase is due at `t0 + g / rate`, whatever happened to
 * the edits before it, and its latency runs from that time (no coordinated omission).
 * Edits go round-robin over the boards, so every board sees the same rate.
 */
export interface Schedule {
  /** absolute ms (performance.timeOrigin + performance.now()) of edit 0 */
  t0: number;
  editsPerSecond: number;
  /** edits due before this many ms are warm-up: sent, not measured */
  warmupMs: number;
  measureMs: number;
}

export const editCount = (s: Schedule) => Math.round(((s.warmupMs + s.measureMs) * s.editsPerSecond) / 1000);
export const dueAt = (s: Schedule, g: number) => s.t0 + (g * 1000) / s.editsPerSecond;
export const isMeasured = (s: Schedule, g: number) => dueAt(s, g) >= s.t0 + s.warmupMs;
export const boardOf = (g: number, boards: number) => g % boards;

/** Edits of a phase due at or before `now` that have not been sent yet: [from, to). */
export function dueRange(s: Schedule, sentSoFar: number, now: number): [number, number] {
  const total = editCount(s);
  const upTo = Math.min(total, Math.floor(((now - s.t0) * s.editsPerSecond) / 1000) + 1);
  return [sentSoFar, Math.max(sentSoFar, upTo)];
}

/** A run whose generator sent late by more than this at p99 measured the generator, not the server. */
export const MAX_GENERATOR_LAG_P99_MS = 5;
export const isValidRun = (generatorLagP99Ms: number) =>
  Number.isFinite(generatorLagP99Ms) && generatorLagP99Ms <= MAX_GENERATOR_LAG_P99_MS;

/** "ok"/"MISS" against an upper bound; "–" when either side is unknown. */
export function verdict(value: number, limit: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(limit)) return '–';
  return value <= limit ? 'ok' : 'MISS';
}

/** a / b as "1.23×", or "–" when b is zero or unknown. */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
}

/** CPU seconds per 1,000 edits over the measured window only (CPU sampled at its start and end). */
export function cpuPer1k(cpuAtStart: number, cpuAtEnd: number, editsInWindow: number): number {
  return editsInWindow > 0 ? ((cpuAtEnd - cpuAtStart) / editsInWindow) * 1000 : NaN;
}

/** The highest rate at which p99 ≤ limit and everything arrived, from the lowest step up (0 = none). */
export function capacity(
  steps: readonly { rate: number; p99: number; delivered: number; valid: boolean }[],
  p99Limit = 50,
): number {
  let best = 0;
  for (const s of [...steps].sort((a, b) => a.rate - b.rate)) {
    if (s.valid && s.p99 <= p99Limit && s.delivered >= 1) best = s.rate;
    else break;
  }
  return best;
}
