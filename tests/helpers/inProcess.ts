import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppConfig } from '../../server/app.js';
import { silentLogger } from '../../server/logging.js';
import type { Storage } from '../../server/storage/types.js';

/** What in-process tests run the app with unless they say otherwise. */
export const TEST_APP_CONFIG: AppConfig = {
  SESSION_TTL_HOURS: 1,
  TRUST_PROXY: false,
  BOARD_UNLOAD_GRACE_MS: 50,
  COMPACT_EVERY_UPDATES: 100,
};

export interface InProcessApp {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
  /** ws://127.0.0.1:<port>/yjs, for connectBoard */
  wsUrl: string;
}

/**
 * The whole app (createApp) on `storage`, listening on a free loopback port in this process:
 * for tests that need to reach inside (a clock, a failing disk) as well as talk HTTP and
 * y-websocket to it. Close with `app.close()`; the storage is the caller's.
 */
export async function startInProcess(
  storage: Storage,
  opts: { config?: Partial<AppConfig>; clientDist?: string; now?: () => number } = {},
): Promise<InProcessApp> {
  const app = createApp({
    config: { ...TEST_APP_CONFIG, ...opts.config },
    storage,
    log: silentLogger,
    ...(opts.clientDist ? { clientDist: opts.clientDist } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  await new Promise<void>((res) => app.server.listen(0, '127.0.0.1', res));
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/yjs` };
}
