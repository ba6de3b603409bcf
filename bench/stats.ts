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

/** Presence messages of one sender that each receiving client got per second. */
export function presencePerClientPerSecond(received: number, receivers: number, measureMs: number): number {
  return receivers > 0 && measureMs > 0 ? received / receivers / (measureMs / 1000) : NaN;
}

/**
 * Presence is coalesced when each client receives at most `perSenderHz` messages a second
 * per sender (performance anchors §7b: ≤ 15 Hz), whatever rate the senders send at.
 */
export function presenceCoalesced(perClientPerSecond: number, senders = 1, perSenderHz = 15): string {
  return verdict(perClientPerSecond, senders * perSenderHz);
}

/** (after − before) / boards: what one loaded board costs, in the unit of the samples. */
export function perBoard(before: number, after: number, boards: number): number {
  return boards > 0 ? (after - before) / boards : NaN;
}

/** The share of what loading added that is gone after unloading (1 = all of it released). */
export function releasedShare(baseline: number, loaded: number, unloaded: number): number {
  return loaded > baseline ? (loaded - unloaded) / (loaded - baseline) : NaN;
}

export const SCENARIOS = ['hot', 'morning', 'two', 'capacity', 'storm', 'big', 'memory'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * The scenarios a command line asks for: all of them, or those of `--only a,b` (also
 * `--only=a,b`); `--no-storm` drops the reconnect storm. Unknown names are an error, so a
 * typo does not silently run nothing.
 */
export function selectedScenarios(argv: readonly string[]): Set<Scenario> {
  let names: string[] = [...SCENARIOS];
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at >= 0) {
    const value = argv[at]!.startsWith('--only=') ? argv[at]!.slice('--only='.length) : (argv[at + 1] ?? '');
    names = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) throw new Error(`--only needs scenario names: ${SCENARIOS.join(',')}`);
  }
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  const set = new Set(names as Scenario[]);
  if (argv.includes('--no-storm')) set.delete('storm');
  return set;
}
