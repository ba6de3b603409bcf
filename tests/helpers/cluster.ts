/**
 * Several real server nodes on one PostgreSQL and one Redis, all started by the test (issue
 * #14): no load balancer, the test's clients pick the node they talk to.
 *
 *   const c = await startCluster({ nodes: 2 });   // null only when PostgreSQL or Redis is missing
 *   const a = connectBoard(c.nodes[0]!, await login(c.nodes[0]!.baseUrl, 'anne'), 'tavle-nord');
 *   await c.nodes[0]!.kill('SIGKILL');            // a node dies
 *   await c.redis.kill(); await c.redis.restart(); // Redis dies and comes back
 *   await c.restartNode(0);                        // the same node id again, new port
 *   await c.stop();                                // every node, then Redis and PostgreSQL
 */
import { postgresInstalled, startPostgres, warnNoPostgres, type TestPostgres } from './postgres.js';
import { redisInstalled, startRedis, warnNoRedis, type TestRedis } from './redis.js';
import { startServer, type TestServer } from './server.js';

export interface ClusterOptions {
  nodes: number;
  /** Redis with its append-only file (a restart keeps the data). */
  persistRedis?: boolean;
  /** Extra environment for every node. */
  env?: Record<string, string>;
}

export interface TestCluster {
  pg: TestPostgres;
  redis: TestRedis;
  databaseUrl: string;
  /** The running nodes, by index (a killed node stays in its slot until restarted). */
  nodes: TestServer[];
  /** Environment every node gets (DATABASE_URL, REDIS_URL and the options' env). */
  env: Record<string, string>;
  /** Starts node `i` again (same NODE_ID, new port) after a kill or stop. */
  restartNode(i: number, env?: Record<string, string>): Promise<TestServer>;
  /** Adds a node (NODE_ID node-<n>). */
  addNode(env?: Record<string, string>): Promise<TestServer>;
  /** Kills every node, then stops Redis and PostgreSQL and deletes their data. */
  stop(): Promise<void>;
}

/** Whether both engines are installed; when not, says so loudly (CI installs both). */
export function clusterAvailable(what: string): boolean {
  warnNoPostgres(what);
  warnNoRedis(what);
  return postgresInstalled() && redisInstalled();
}

export async function startCluster(opts: ClusterOptions): Promise<TestCluster> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis({ persist: opts.persistRedis ?? false })]);
  const databaseUrl = await pg.createDatabase();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ...opts.env };
  const nodes: TestServer[] = [];
  const start = (i: number, extra?: Record<string, string>) =>
    startServer({ env: { ...env, NODE_ID: `node-${i}`, ...extra } });
  // All at once, as a rolling start would not: migrations and the seed must run once.
  nodes.push(...(await Promise.all(Array.from({ length: opts.nodes }, (_, i) => start(i)))));
  return {
    pg,
    redis,
    databaseUrl,
    nodes,
    env,
    async restartNode(i, extra) {
      const old = nodes[i];
      if (old) {
        await old.kill('SIGKILL');
        old.cleanup();
      }
      const node = await start(i, extra);
      nodes[i] = node;
      return node;
    },
    async addNode(extra) {
      const node = await start(nodes.length, extra);
      nodes.push(node);
      return node;
    },
    async stop() {
      await Promise.allSettled(nodes.map((n) => n.kill('SIGKILL')));
      for (const n of nodes) n.cleanup();
      await Promise.allSettled([redis.stop(), pg.stop()]);
    },
  };
}
