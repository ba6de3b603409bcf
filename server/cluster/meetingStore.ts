import type { MeetingActor } from '../../shared/rules/meetingControl.js';
import {
  EMPTY_MEETING_RECORD,
  isActiveRecord,
  isNewerRecord,
  type SharedMeetingRecord,
} from '../../shared/rules/meetingShared.js';
import type { Logger } from '../logging.js';
import type { Cluster, Redis } from './redis.js';

/*
 * Where the nodes keep each board's meeting control and "skjul alt" (docs/operations.md
 * "Meeting control across nodes"):
 *
 *   tavlen:meeting:{board}   hash { rev, rec }: the record (shared/rules/meetingShared.ts)
 *   tavlen:meetings          set of boards whose record is active (meeting running or hidden)
 *   tavlen:mpres:{board}     hash nodeId → { at, actors }: who is on the board, per node
 *   channel tavlen:meeting   every written record, published by the same script that wrote it
 *
 * Writes go through one Lua script, so "compare rev, write, publish" is atomic and the
 * publications come out in rev order. Every node subscribes and shows a record only when it is
 * newer than the one it showed (a re-read after a reconnect may race a publication).
 */

const KEY = (boardId: string) => `tavlen:meeting:${boardId}`;
const PRESENCE = (boardId: string) => `tavlen:mpres:${boardId}`;
const ACTIVE = 'tavlen:meetings';
const CHANNEL = 'tavlen:meeting';
/** A node refreshes its presence entries this often … */
export const PRESENCE_REFRESH_MS = 1_000;
/** … and an entry not refreshed for this long belongs to a dead node. */
export const PRESENCE_TTL_MS = 4_000;
/** An ended meeting's record (its rev) is kept a day, then Redis forgets it. */
const INACTIVE_KEEP_MS = 86_400_000;

/**
 * mode "cas": write only if the stored rev is ARGV[1] (0: no record).
 * mode "back": write only if there is no record or an older one (write-back after Redis lost it).
 * Returns -1 when written, else the stored rev.
 */
const WRITE_SCRIPT = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if ARGV[5] == 'cas' then
  if cur ~= tonumber(ARGV[1]) then return cur end
else
  if cur >= tonumber(ARGV[2]) then return cur end
end
redis.call('HSET', KEYS[1], 'rev', ARGV[2], 'rec', ARGV[3])
if ARGV[4] == '1' then
  redis.call('PERSIST', KEYS[1])
  redis.call('SADD', KEYS[2], ARGV[6])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[9])
  redis.call('SREM', KEYS[2], ARGV[6])
end
redis.call('PUBLISH', ARGV[7], ARGV[8])
return -1
`;

export type RecordListener = (boardId: string, prev: SharedMeetingRecord | undefined, rec: SharedMeetingRecord) => void;

/** Thrown when the compare-and-set kept losing (a storm of writes on one board). */
export class MeetingConflictError extends Error {}

export class MeetingStore {
  /** The last record this node showed, per board: "ignore older" and the write-back source. */
  private readonly shownRecords = new Map<string, SharedMeetingRecord>();
  private readonly listeners = new Set<RecordListener>();
  private sub: Redis | null = null;
  /** Set when the subscription was lost: write back and re-read on the next `resync`. */
  private needResync = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly log: Logger,
  ) {}

  /** Subscribes to every node's writes. */
  async start(): Promise<void> {
    const sub = await this.cluster.newConnection();
    this.sub = sub;
    sub.on('error', () => (this.needResync = true));
    this.cluster.redis.on('error', () => (this.needResync = true));
    await sub.subscribe(CHANNEL, (message) => {
      try {
        const { boardId, rec } = JSON.parse(message) as { boardId: string; rec: SharedMeetingRecord };
        this.seen(boardId, rec);
      } catch (err) {
        this.log.warn('bad meeting record on the channel', { err });
      }
    });
  }

  onChange(listener: RecordListener): void {
    this.listeners.add(listener);
  }

  /** What this node showed last (undefined: nothing seen for the board). */
  shown(boardId: string): SharedMeetingRecord | undefined {
    return this.shownRecords.get(boardId);
  }

  /** Takes a record in (publication, own write, re-read); listeners hear only newer ones. */
  seen(boardId: string, rec: SharedMeetingRecord): void {
    const prev = this.shownRecords.get(boardId);
    if (!isNewerRecord(rec, prev)) return;
    this.shownRecords.set(boardId, rec);
    for (const l of this.listeners) l(boardId, prev, rec);
  }

  /** The stored record (the empty one when none); throws while Redis is unreachable. */
  async read(boardId: string): Promise<SharedMeetingRecord> {
    const raw = await this.cluster.redis.hGet(KEY(boardId), 'rec');
    return raw ? (JSON.parse(raw) as SharedMeetingRecord) : EMPTY_MEETING_RECORD;
  }

  /**
   * Read → decide → compare-and-set, retried while another node wrote in between. `decide`
   * returns the next record (or null: nothing to write) and what to answer; the answer of the
   * decision that was finally written (or refused) is returned, so a loser is answered from
   * the winner's record.
   */
  async update<T>(
    boardId: string,
    decide: (rec: SharedMeetingRecord) => { next: SharedMeetingRecord | null; answer: T },
  ): Promise<{ answer: T; written: SharedMeetingRecord | null }> {
    // Redis may have come back empty (or older) before this node's tick wrote its records
    // back: this board's goes back first, so no command decides on a forgotten meeting.
    const mine = this.shownRecords.get(boardId);
    if (this.needResync && mine && isActiveRecord(mine)) await this.write(boardId, mine.rev, mine, 'back');
    for (let attempt = 0; attempt < 20; attempt++) {
      const rec = await this.read(boardId);
      this.seen(boardId, rec);
      const { next, answer } = decide(rec);
      if (!next) return { answer, written: null };
      if (await this.write(boardId, rec.rev, next, 'cas')) {
        this.seen(boardId, next);
        return { answer, written: next };
      }
    }
    throw new MeetingConflictError(`meeting record of ${boardId} kept changing`);
  }

  /** Boards with a running meeting or hidden screens (every node sweeps them). */
  async activeBoards(): Promise<string[]> {
    return this.cluster.redis.sMembers(ACTIVE);
  }

  /** This node's participants on a board (empty: none here any more). */
  async setPresence(boardId: string, actors: readonly MeetingActor[], now: number): Promise<void> {
    const key = PRESENCE(boardId);
    if (actors.length === 0) {
      await this.cluster.redis.hDel(key, this.cluster.nodeId);
      return;
    }
    await this.cluster.redis
      .multi()
      .hSet(key, this.cluster.nodeId, JSON.stringify({ at: now, actors }))
      .pExpire(key, PRESENCE_TTL_MS * 10)
      .exec();
  }

  /** Everyone on the board on any live node (entries of a node silent for PRESENCE_TTL_MS are dead). */
  async present(boardId: string, now: number): Promise<MeetingActor[]> {
    const all = await this.cluster.redis.hGetAll(PRESENCE(boardId));
    const out: MeetingActor[] = [];
    for (const raw of Object.values(all)) {
      const entry = JSON.parse(raw) as { at: number; actors: MeetingActor[] };
      if (now - entry.at <= PRESENCE_TTL_MS) out.push(...entry.actors);
    }
    return out;
  }

  /**
   * After the subscription was lost (Redis restarted or unreachable): every active record
   * this node showed goes back if Redis has none or an older one, then every shown board is
   * read again (publications missed meanwhile). Called by the node's tick; a failure leaves
   * the flag set for the next tick.
   */
  async resync(): Promise<void> {
    if (!this.needResync || !this.sub?.isReady || !this.cluster.redis.isReady) return;
    for (const [boardId, rec] of this.shownRecords) {
      if (isActiveRecord(rec) && (await this.write(boardId, rec.rev, rec, 'back'))) {
        this.log.info('meeting record written back after redis came back', { board: boardId, rev: rec.rev });
      }
    }
    for (const boardId of [...this.shownRecords.keys()]) {
      const rec = await this.read(boardId);
      if (rec.rev > 0) this.seen(boardId, rec);
    }
    this.needResync = false;
  }

  /** Marks the shared state as possibly missed (also when the command connection failed). */
  markStale(): void {
    this.needResync = true;
  }

  /** Writes `next` only if the stored rev is `expectRev` (0: none); false when another write came first. */
  compareAndSet(boardId: string, expectRev: number, next: SharedMeetingRecord): Promise<boolean> {
    return this.write(boardId, expectRev, next, 'cas');
  }

  /** Writes `rec` back only if Redis has no record for the board or an older one. */
  writeBack(boardId: string, rec: SharedMeetingRecord): Promise<boolean> {
    return this.write(boardId, rec.rev, rec, 'back');
  }

  private async write(boardId: string, expectRev: number, next: SharedMeetingRecord, mode: 'cas' | 'back') {
    const json = JSON.stringify(next);
    const res = await this.cluster.redis.eval(WRITE_SCRIPT, {
      keys: [KEY(boardId), ACTIVE],
      arguments: [
        String(expectRev),
        String(next.rev),
        json,
        isActiveRecord(next) ? '1' : '0',
        mode,
        boardId,
        CHANNEL,
        JSON.stringify({ boardId, rec: next }),
        String(INACTIVE_KEEP_MS),
      ],
    });
    return res === -1;
  }

  async close(): Promise<void> {
    // the connection itself is closed with the cluster (server/index.ts)
    await this.sub?.unsubscribe(CHANNEL).catch(() => {});
  }
}
