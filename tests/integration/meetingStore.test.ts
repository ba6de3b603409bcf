import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingActor } from '../../shared/rules/meetingControl.js';
import {
  applySharedCommand,
  EMPTY_MEETING_RECORD,
  type SharedMeetingRecord,
} from '../../shared/rules/meetingShared.js';
import { MeetingStore, PRESENCE_TTL_MS } from '../../server/cluster/meetingStore.js';
import { connectCluster, type Cluster } from '../../server/cluster/redis.js';
import { createLogger } from '../../server/logging.js';
import { redisInstalled, startRedis, warnNoRedis, type TestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/waitFor.js';

/*
 * The meeting store against a real Redis, two stores standing for two nodes: the compare-and-
 * set refuses the second of two writes made from the same read, every node hears the writes in
 * revision order and ignores older ones, the write-back after a Redis restart goes only over a
 * missing or older record, and a silent node's presence lapses.
 */

warnNoRedis('meeting store');
const run = redisInstalled() ? describe : describe.skip;
const log = createLogger('silent');
const BOARD = 'tavle-test';
const frederik: MeetingActor = { userId: 'u-frederik', name: 'Frederik', role: 'koordinator', color: '#111111' };
const camilla: MeetingActor = { userId: 'u-camilla', name: 'Camilla', role: 'sygeplejerske', color: '#222222' };

let redis: TestRedis;
let clusters: Cluster[] = [];
let a: MeetingStore;
let b: MeetingStore;
/** Every record each store's listener heard, in order. */
const heard: Record<'a' | 'b', number[]> = { a: [], b: [] };

function startMeeting(rec: SharedMeetingRecord, who: MeetingActor, id: string, now: number): SharedMeetingRecord {
  const res = applySharedCommand(rec, { kind: 'start', meetingId: id, type: 'tavlemoede' }, who, now, [who]);
  if (!res.ok || !res.next) throw new Error(res.ok ? 'no change' : res.error.code);
  return res.next;
}

run('meeting store on a real Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
    clusters = await Promise.all(['node-a', 'node-b'].map((nodeId) => connectCluster(redis.url, { nodeId, log })));
    a = new MeetingStore(clusters[0]!, log);
    b = new MeetingStore(clusters[1]!, log);
    await Promise.all([a.start(), b.start()]);
    a.onChange((board, _prev, rec) => board === BOARD && heard.a.push(rec.rev));
    b.onChange((board, _prev, rec) => board === BOARD && heard.b.push(rec.rev));
  });
  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    await Promise.allSettled(clusters.map((c) => c.close()));
    await redis?.stop();
  });

  it('two writes from the same read: the first is stored, the second is refused', async () => {
    const readA = await a.read(BOARD);
    const readB = await b.read(BOARD);
    expect(readA).toEqual(EMPTY_MEETING_RECORD);
    const now = Date.now();
    const fromA = startMeeting(readA, frederik, 'm-a', now);
    const fromB = startMeeting(readB, camilla, 'm-b', now);
    expect(await a.compareAndSet(BOARD, readA.rev, fromA)).toBe(true);
    expect(await b.compareAndSet(BOARD, readB.rev, fromB)).toBe(false);
    expect((await b.read(BOARD)).state?.meetingId).toBe('m-a');
  });

  it('update() retries on the new record, so a loser is answered from the winner', async () => {
    const cur = await a.read(BOARD);
    const ended = { ...cur, rev: cur.rev + 1, state: null };
    let calls = 0;
    const res = await b.update(BOARD, (rec) => {
      calls++;
      // A rival write lands between the read and the compare-and-set: sent first on the same
      // connection, so Redis runs it first.
      if (calls === 1) void b.compareAndSet(BOARD, cur.rev, ended);
      return { next: { ...rec, rev: rec.rev + 1 }, answer: rec.state?.meetingId ?? 'none' };
    });
    expect(calls).toBe(2);
    expect(res.answer).toBe('none');
    expect(res.written?.rev).toBe(ended.rev + 1);
    expect((await a.read(BOARD)).rev).toBe(ended.rev + 1);
  });

  it('every node hears every write in revision order', async () => {
    let rec = await a.read(BOARD);
    for (let i = 0; i < 20; i++) {
      const store = i % 2 ? a : b;
      const next = { ...rec, rev: rec.rev + 1 };
      expect(await store.compareAndSet(BOARD, rec.rev, next)).toBe(true);
      rec = next;
    }
    await waitFor(() => heard.a.at(-1) === rec.rev && heard.b.at(-1) === rec.rev, { what: 'both heard the last' });
    for (const revs of [heard.a, heard.b]) expect(revs).toEqual([...revs].sort((x, y) => x - y));
    // a node ignores a record older than what it showed
    const shown = a.shown(BOARD)!;
    a.seen(BOARD, { ...shown, rev: shown.rev - 1, state: null });
    expect(a.shown(BOARD)).toEqual(shown);
  });

  it('after Redis lost everything the last record goes back; it never overwrites a newer one', async () => {
    const mine = startMeeting(EMPTY_MEETING_RECORD, frederik, 'm-back', Date.now());
    expect(await a.compareAndSet(BOARD, (await a.read(BOARD)).rev, mine)).toBe(true);
    await redis.kill();
    await redis.restart({ persist: false });
    await waitFor(() => clusters.every((c) => c.redis.isReady), { what: 'reconnected' });
    expect(await b.read(BOARD)).toEqual(EMPTY_MEETING_RECORD);
    expect(await a.writeBack(BOARD, mine)).toBe(true);
    expect((await b.read(BOARD)).state?.meetingId).toBe('m-back');
    expect(await b.writeBack(BOARD, { ...mine, rev: mine.rev - 1, state: null })).toBe(false);
    expect(await b.writeBack(BOARD, mine)).toBe(false);
    expect((await a.read(BOARD)).rev).toBe(mine.rev);
    // and the resync does it by itself for what a node showed
    await redis.kill();
    await redis.restart({ persist: false });
    await waitFor(() => clusters.every((c) => c.redis.isReady), { what: 'reconnected again' });
    await waitFor(
      async () => {
        await a.resync();
        return (await b.read(BOARD)).rev === mine.rev;
      },
      { what: 'written back by resync' },
    );
    expect(await a.activeBoards()).toContain(BOARD);
  });

  it("a node's presence counts until it goes silent", async () => {
    const now = Date.now();
    await a.setPresence(BOARD, [frederik], now);
    await b.setPresence(BOARD, [camilla], now - PRESENCE_TTL_MS - 1);
    expect((await a.present(BOARD, now)).map((p) => p.userId)).toEqual(['u-frederik']);
    await a.setPresence(BOARD, [], now);
    expect(await b.present(BOARD, now)).toEqual([]);
  });
});
