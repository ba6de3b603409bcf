import { hostname } from 'node:os';
import { createClient } from 'redis';
import type { Logger } from '../logging.js';

/** A connected node-redis client (docs/multi-node.md). */
export type Redis = ReturnType<typeof createClient>;

/**
 * The node's link to the other nodes: REDIS_URL set means several nodes (docs/multi-node.md),
 * unset means this process is the only one and everything stays in memory. Every part that
 * shares state between nodes takes a `Cluster | null` and keeps its in-memory behaviour on null.
 */
export interface Cluster {
  /** This node's name (NODE_ID, or host name and process id). */
  nodeId: string;
  /** Commands (GET/SET/XADD/EVAL …). Reconnects by itself; commands fail fast while Redis is down. */
  redis: Redis;
  /** A second connection for blocking reads (XREAD BLOCK) and subscriptions. */
  newConnection(): Promise<Redis>;
  close(): Promise<void>;
}

/** Default node name: unique per process on one machine, readable in logs. */
export function defaultNodeId(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Connects to Redis. A node starts only with Redis reachable (a node that cannot reach the
 * others must not serve boards as if it were alone); afterwards the client reconnects with
 * backoff, and while it is down commands are refused at once instead of queued, so nothing
 * waits on a Redis that is gone (the callers decide what that means: docs/operations.md).
 */
export async function connectCluster(url: string, opts: { nodeId?: string; log: Logger }): Promise<Cluster> {
  const connections: Redis[] = [];
  const open = async (): Promise<Redis> => {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
    });
    let down = false;
    client.on('error', (err: unknown) => {
      if (!down) opts.log.warn('redis connection lost', { err });
      down = true;
    });
    client.on('ready', () => {
      if (down) opts.log.info('redis connection back');
      down = false;
    });
    await client.connect();
    connections.push(client);
    return client;
  };
  const redis = await open();
  return {
    nodeId: opts.nodeId ?? defaultNodeId(),
    redis,
    newConnection: open,
    close: async () => {
      await Promise.allSettled(connections.map((c) => c.close()));
    },
  };
}
