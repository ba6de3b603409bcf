import { describe, expect, it } from 'vitest';
import { FollowerLog } from '../../server/cluster/followerLog.js';

/** A follower loaded at seq 3 under token 7, recording what it applies. */
function follower() {
  const applied: number[] = [];
  const log = new FollowerLog(7, 3, (seq) => {
    applied.push(seq);
    return true;
  });
  const entry = (seq: number, token = 7) => ({ seq, token, update: new Uint8Array([seq]) });
  const row = (seq: number) => ({ seq, update: new Uint8Array([seq]) });
  return { log, applied, entry, row };
}

describe('a follower’s place in the owner’s log', () => {
  it('applies the next seqs in order and skips what it already holds', () => {
    const { log, applied, entry } = follower();
    expect(log.offer(entry(2))).toBe('ok');
    expect(log.offer(entry(4))).toBe('ok');
    expect(log.offer(entry(4))).toBe('ok');
    expect(log.offer(entry(5))).toBe('ok');
    expect(applied).toEqual([4, 5]);
    expect(log.lastSeq).toBe(5);
  });

  it('a gap asks for storage; the rows and what arrived meanwhile are applied once, in order', () => {
    const { log, applied, entry, row } = follower();
    expect(log.offer(entry(6))).toBe('gap');
    expect(log.offer(entry(8))).toBe('ok'); // held while the repair runs
    expect(log.offer(entry(7))).toBe('ok');
    expect(applied).toEqual([]);
    expect(log.repaired([row(4), row(5), row(6)])).toBe('ok');
    expect(applied).toEqual([4, 5, 6, 7, 8]);
    expect(log.lastSeq).toBe(8);
  });

  it('a gap the rows do not close asks again; a failed read keeps what arrived for the next try', () => {
    const { log, applied, entry, row } = follower();
    expect(log.offer(entry(9))).toBe('gap');
    expect(log.repaired(null)).toBe('ok');
    expect(applied).toEqual([]);
    expect(log.startRepair()).toBe(true);
    expect(log.startRepair()).toBe(false);
    expect(log.repaired([row(4), row(5)])).toBe('gap'); // 6–8 still missing before 9
    expect(applied).toEqual([4, 5]);
    expect(log.repaired([row(6), row(7), row(8)])).toBe('ok');
    expect(applied).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('ignores an older owner’s entries and reports a newer owner', () => {
    const { log, applied, entry } = follower();
    expect(log.offer(entry(4, 6))).toBe('ok');
    expect(applied).toEqual([]);
    expect(log.offer(entry(4, 8))).toBe('newer-owner');
    expect(applied).toEqual([]);
  });

  it('an update that does not integrate does not advance the log', () => {
    const log = new FollowerLog(1, 0, () => false);
    expect(log.offer({ seq: 1, token: 1, update: new Uint8Array() })).toBe('ok');
    expect(log.lastSeq).toBe(0);
  });
});
