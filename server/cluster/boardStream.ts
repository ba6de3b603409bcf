import type { Logger } from '../logging.js';
import type { Redis } from './redis.js';

/**
 * The fan-out of a board's accepted updates (docs/multi-node.md "Followers"): its owner adds
 * `{seq, t (lease token), u}` to the board's Redis stream after the update is committed in
 * PostgreSQL; followers read the streams of the boards they follow. The stream is only a fast
 * path: whatever it loses (Redis restarted, trimmed, a node reconnecting) followers read
 * from PostgreSQL, which is why a failed XADD is only logged.
 */
export const streamKey = (boardId: string): string => `tavlen:board:${boardId}`;

/** What a follower reads: one accepted update of one board. */
export interface StreamEntry {
  seq: number;
  token: number;
  update: Uint8Array;
}

/** Entries kept per board stream (approximately: MAXLEN ~). */
const MAX_LEN = 1000;

export async function publishUpdate(
  redis: Redis,
  log: Logger,
  boardId: string,
  e: { seq: number; token: number; update: Uint8Array },
): Promise<void> {
  try {
    await redis.xAdd(
      streamKey(boardId),
      '*',
      { seq: String(e.seq), t: String(e.token), u: Buffer.from(e.update).toString('base64') },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: MAX_LEN } },
    );
  } catch (err) {
    log.debug('could not publish an update; followers catch up from storage', { board: boardId, err });
  }
}

/** The id of the stream's newest entry ('0-0' when none or Redis is unreachable: read it all). */
export async function lastStreamId(redis: Redis, boardId: string): Promise<string> {
  try {
    const last = await redis.xRevRange(streamKey(boardId), '+', '-', { COUNT: 1 });
    return last[0]?.id ?? '0-0';
  } catch {
    return '0-0';
  }
}

type XReadReply = { name: string; messages: { id: string; message: Record<string, string> }[] }[] | null;

/**
 * Reads the streams `streams()` names on a connection of its own (XREAD BLOCK), calling `on`
 * for each entry in stream order and `reconnected` after Redis was unreachable (everything
 * since may be lost). A short block picks up newly followed boards quickly.
 */
export function readStreams(
  conn: Redis,
  log: Logger,
  streams: () => { boardId: string; from: string }[],
  on: (boardId: string, id: string, entry: StreamEntry) => void,
  reconnected: () => void,
): { stop(): void } {
  let stopped = false;
  let failed = false;
  const loop = async () => {
    while (!stopped) {
      const wanted = streams();
      if (wanted.length === 0) {
        await sleep(100);
        continue;
      }
      try {
        const reply = (await conn.xRead(
          wanted.map((s) => ({ key: streamKey(s.boardId), id: s.from })),
          { BLOCK: 250, COUNT: 500 },
        )) as XReadReply;
        if (failed) {
          failed = false;
          log.info('board streams readable again; catching up from storage');
          reconnected();
        }
        for (const stream of reply ?? []) {
          const boardId = stream.name.slice(streamKey('').length);
          for (const m of stream.messages) {
            const seq = Number(m.message.seq);
            const token = Number(m.message.t);
            if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(token) || !m.message.u) continue;
            on(boardId, m.id, { seq, token, update: Buffer.from(m.message.u, 'base64') });
          }
        }
      } catch (err) {
        if (stopped) return;
        if (!failed) log.warn('cannot read board streams', { err });
        failed = true;
        await sleep(250);
      }
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
