import { describe, expect, it } from 'vitest';
import { memoryViewDedupe, VIEW_DEDUPE_MS } from '../../server/audit/views.js';
import { ranThisPeriod } from '../../server/cluster/jobs.js';
import { decodeRevocation, encodeRevocation } from '../../server/cluster/revocations.js';

/** The pure parts of the state shared between nodes (docs/operations.md "Redis"). */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('ranThisPeriod: one run per period, whichever node ticks', () => {
  const start = Date.UTC(2026, 11, 7, 10, 0);

  it('a run earlier in the period covers the other nodes’ ticks', () => {
    expect(ranThisPeriod(start, start + 6 * HOUR, DAY)).toBe(true);
    expect(ranThisPeriod(start, start + 21 * HOUR, DAY)).toBe(true);
  });

  it('the node’s own next tick, a period later (give or take drift), runs again', () => {
    expect(ranThisPeriod(start, start + DAY, DAY)).toBe(false);
    expect(ranThisPeriod(start, start + DAY - HOUR, DAY)).toBe(false);
  });

  it('never run, or a note from the future (a clock ahead), does not hold the job back', () => {
    expect(ranThisPeriod(null, start, DAY)).toBe(false);
    expect(ranThisPeriod(start + HOUR, start, DAY)).toBe(false);
  });
});

describe('revocation messages', () => {
  it('round-trip with the sending node', () => {
    const raw = encodeRevocation('node-1', { userId: 'u-anne', sessionId: 'abc' });
    expect(decodeRevocation(raw)).toEqual({ node: 'node-1', revocation: { userId: 'u-anne', sessionId: 'abc' } });
    expect(decodeRevocation(encodeRevocation('n', { userId: 'u-bent', sessionId: null }))?.revocation).toEqual({
      userId: 'u-bent',
      sessionId: null,
    });
  });

  it('anything else on the channel is ignored, not thrown', () => {
    for (const raw of ['', 'not json', '{}', '{"node":"n","userId":1,"sessionId":null}', 'null']) {
      expect(decodeRevocation(raw)).toBeNull();
    }
  });
});

describe('the audit-view dedupe of one process', () => {
  it('the first view of a key within the window counts, later ones do not, and the window restarts after it', async () => {
    const first = memoryViewDedupe();
    const t = 1_000_000;
    expect(await first('u\nb\nc', t)).toBe(true);
    expect(await first('u\nb\nc', t + VIEW_DEDUPE_MS - 1)).toBe(false);
    expect(await first('u\nb\nother', t + 1)).toBe(true);
    expect(await first('u\nb\nc', t + VIEW_DEDUPE_MS)).toBe(true);
  });
});
