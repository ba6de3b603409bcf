import { z } from 'zod';
import type { Revocation, RevocationBus } from '../auth/sessions.js';
import type { Logger } from '../logging.js';
import type { Cluster, Redis } from './redis.js';

/** The pub/sub channel every node listens on (docs/operations.md "Redis"). */
export const REVOCATION_CHANNEL = 'tavlen:revocations';
/** Revocations kept while Redis is away, sent when it is back (oldest dropped beyond this). */
const MAX_OUTBOX = 1_000;

const MessageSchema = z.object({
  node: z.string(),
  userId: z.string(),
  sessionId: z.string().nullable(),
});

/** The wire form of a revocation: who sent it, so a node skips its own. */
export function encodeRevocation(node: string, r: Revocation): string {
  return JSON.stringify({ node, userId: r.userId, sessionId: r.sessionId });
}

/** A message from the channel, or null for anything that is not one (never throws). */
export function decodeRevocation(raw: string): { node: string; revocation: Revocation } | null {
  try {
    const m = MessageSchema.safeParse(JSON.parse(raw));
    return m.success ? { node: m.data.node, revocation: { userId: m.data.userId, sessionId: m.data.sessionId } } : null;
  } catch {
    return null;
  }
}

/**
 * Ended sessions told to every node over Redis pub/sub, so a logout on node A closes the
 * user's websockets and socket.io connections on node B (sessions.ts closes them on each node).
 *
 * Pub/sub delivers only to those listening at that moment, so two gaps are closed here:
 * a revocation that cannot be published (Redis down) waits in an outbox and goes when the
 * connection is back, and a node whose subscription was broken asks sessions.ts to `resync`:
 * every session it has seen is checked against the database, where logout already deleted it.
 */
export function redisRevocations(
  cluster: Cluster,
  log: Logger,
): RevocationBus & { subscribed: Promise<void>; close(): Promise<void> } {
  // Set by sessions.ts after this returns (`as`: so TypeScript does not narrow it to null).
  let handlers = null as Parameters<RevocationBus['listen']>[0] | null;
  const outbox: string[] = [];
  let subscriber: Redis | null = null;
  let closed = false;

  const send = (message: string): void => {
    cluster.redis.publish(REVOCATION_CHANNEL, message).catch((err: unknown) => {
      if (closed) return;
      log.warn('revocation not published yet: kept until redis is back', { err });
      outbox.push(message);
      if (outbox.length > MAX_OUTBOX) outbox.shift();
    });
  };
  const flush = (): void => {
    for (const message of outbox.splice(0)) send(message);
  };
  cluster.redis.on('ready', flush);

  const onMessage = (raw: string): void => {
    const m = decodeRevocation(raw);
    if (!m || m.node === cluster.nodeId) return; // our own: already handled locally
    handlers?.revoked(m.revocation);
  };

  const subscribed = (async () => {
    const sub = await cluster.newConnection();
    if (closed) return void (await sub.close().catch(() => {}));
    subscriber = sub;
    let down = false;
    sub.on('error', () => (down = true));
    // node-redis subscribes again by itself after a reconnect; what was sent meanwhile is lost.
    sub.on('ready', () => {
      if (!down) return;
      down = false;
      handlers?.resync();
    });
    await sub.subscribe(REVOCATION_CHANNEL, onMessage);
    // Connections this node accepted before it listened may have missed a logout too.
    handlers?.resync();
  })().catch((err: unknown) => log.error('revocation channel not subscribed', { err }));

  return {
    /** Resolves once this node listens (tests wait for it; a failure is logged, not thrown). */
    subscribed,
    publish(r) {
      send(encodeRevocation(cluster.nodeId, r));
    },
    listen(h) {
      handlers = h;
    },
    async close() {
      closed = true;
      cluster.redis.off('ready', flush);
      // Not waiting for a subscription still connecting (Redis away): it closes itself on arrival.
      await subscriber?.close().catch(() => {});
    },
  };
}
