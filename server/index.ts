import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logging.js';
import { seedDemo } from './seed/demo.js';
import { openStorage } from './storage/open.js';

/**
 * Process entry: config, storage, optional demo seed, listen, and a clean shutdown on
 * SIGTERM/SIGINT (close sockets with a close code, compact loaded boards, close the DB).
 */
// Validation details in API errors are shown to Danish users.
z.config(z.locales.da());

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const storage = await openStorage(config, { historySnapshotMinutes: config.HISTORY_SNAPSHOT_MINUTES });

if (config.SEED_DEMO) {
  // Under the database's lock: two nodes starting on an empty PostgreSQL seed once.
  await storage.exclusive('seed-demo', async () => {
    if (await storage.hasMunicipality()) return;
    const started = Date.now();
    await seedDemo(storage);
    log.info('seeded demo data', { ms: Date.now() - started });
  });
}

// Several nodes: joined through Redis (docs/multi-node.md); without REDIS_URL this process is alone.
// The Redis client is loaded only then (a single process starts without parsing it).
const cluster = config.REDIS_URL
  ? await (
      await import('./cluster/redis.js')
    ).connectCluster(config.REDIS_URL, { log, ...(config.NODE_ID ? { nodeId: config.NODE_ID } : {}) })
  : null;

const app = createApp({ config, storage, log, cluster });

app.server.on('error', (err) => {
  log.error('http server error', { err });
  process.exit(1);
});
app.server.listen(config.PORT, config.HOST, () => {
  const { port, address } = app.server.address() as AddressInfo;
  // Always printed, whatever LOG_LEVEL: test fixtures and the bench read the port from it.
  process.stdout.write(
    JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', address, port }) + '\n',
  );
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  // A hung close must not keep the process alive forever.
  setTimeout(() => {
    log.error('shutdown timed out');
    process.exit(1);
  }, 10_000).unref();
  try {
    await app.close();
    await cluster?.close();
    await storage.close();
    log.info('stopped');
    process.exit(0);
  } catch (err) {
    log.error('shutdown failed', { err });
    process.exit(1);
  }
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
