import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextMaintenanceAt, startRetentionTimer } from '../../server/audit/retention.js';
import { silentLogger } from '../../server/logging.js';

const at = (iso: string) => nextMaintenanceAt(new Date(iso)).toISOString();

describe('the nightly maintenance (03:00 Danish time, never right after a start)', () => {
  afterEach(() => vi.useRealTimers());

  it('is the next 03:00 in Copenhagen, winter and summer, across a month and a year', () => {
    // Winter (UTC+1): 03:00 is 02:00Z.
    expect(at('2026-12-07T07:55:00Z')).toBe('2026-12-08T02:00:00.000Z');
    expect(at('2026-12-07T01:59:59Z')).toBe('2026-12-07T02:00:00.000Z');
    expect(at('2026-12-07T02:00:00Z')).toBe('2026-12-08T02:00:00.000Z');
    expect(at('2026-12-31T23:30:00Z')).toBe('2027-01-01T02:00:00.000Z'); // 00:30 on 1 January, Danish time
    expect(at('2026-11-30T12:00:00Z')).toBe('2026-12-01T02:00:00.000Z');
    // Summer (UTC+2): 03:00 is 01:00Z.
    expect(at('2026-06-15T06:00:00Z')).toBe('2026-06-16T01:00:00.000Z');
    // The nights the clocks change: 03:00 exists on both.
    expect(at('2026-03-28T12:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-10-24T12:00:00Z')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('runs the job at 03:00 and every night after, not when started', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T07:55:00Z') });
    const runs: string[] = [];
    const stop = startRetentionTimer(async () => void runs.push(new Date().toISOString()), silentLogger);
    await vi.advanceTimersByTimeAsync(60 * 60_000); // the morning meeting: nothing
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 24 * 3_600_000);
    expect(runs).toEqual(['2026-12-08T02:00:00.000Z', '2026-12-09T02:00:00.000Z']);
    stop();
    await vi.advanceTimersByTimeAsync(2 * 24 * 3_600_000);
    expect(runs).toHaveLength(2);
  });
});
