import { createServer, type Server } from 'node:http';
import express from 'express';
import { createSessions, type Sessions } from './auth/sessions.js';
import type { Config } from './config.js';
import { errorHandler } from './errors.js';
import { apiRouter } from './http/api.js';
import { devicesRouter } from './http/devices.js';
import { clientRouter } from './http/client.js';
import { healthHandler } from './http/health.js';
import type { Logger } from './logging.js';
import { Lifecycle } from './lifecycle/service.js';
import { boardUserRoom, createRealtime, type RealtimeServer } from './realtime/socketio.js';
import type { Storage } from './storage/types.js';
import { BoardRegistry } from './sync/registry.js';
import { closeScreenConnectionsOf } from './sync/screenView.js';
import { createSyncServer, rejectUpgrade } from './sync/server.js';

export type AppConfig = Pick<
  Config,
  'SESSION_TTL_HOURS' | 'TRUST_PROXY' | 'BOARD_UNLOAD_GRACE_MS' | 'COMPACT_EVERY_UPDATES'
> &
  Partial<
    Pick<Config, 'ARCHIVE_AFTER_DAYS' | 'ARCHIVE_INTERVAL_MS' | 'MEETING_LEADER_GRACE_MS' | 'MEETING_EMPTY_END_MS'>
  >;

export interface App {
  server: Server;
  io: RealtimeServer;
  sessions: Sessions;
  registry: BoardRegistry;
  /** Closes sockets (with a close code), flushes and compacts loaded boards. Leaves storage open. */
  close(): Promise<void>;
}

/** Builds the whole server on one http.Server without listening (index.ts listens). */
export function createApp(opts: { config: AppConfig; storage: Storage; log: Logger; clientDist?: string }): App {
  const { config, storage, log } = opts;
  const sessions = createSessions(storage, { ttlHours: config.SESSION_TTL_HOURS });
  const lifecycle = new Lifecycle(storage, { archiveAfterDays: config.ARCHIVE_AFTER_DAYS ?? 7, log });
  const registry = new BoardRegistry(storage, {
    unloadGraceMs: config.BOARD_UNLOAD_GRACE_MS,
    compactEvery: config.COMPACT_EVERY_UPDATES,
    log,
    onLoad: (board) => lifecycle.attach(board),
    beforeUnload: async (board) => {
      await lifecycle.archive(board);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  const server = createServer(app);
  const sync = createSyncServer({ storage, sessions, registry, log, trustProxy: config.TRUST_PROXY });
  const io = createRealtime(server, {
    storage,
    sessions,
    log,
    trustProxy: config.TRUST_PROXY,
    meeting: {
      leaderGraceMs: config.MEETING_LEADER_GRACE_MS ?? 5_000,
      emptyEndMs: config.MEETING_EMPTY_END_MS ?? 1_800_000,
    },
  });
  lifecycle.notify = (userId, notice) => io.to(boardUserRoom(notice.boardId, userId)).emit('notice:rejected', notice);

  app.get(
    '/healthz',
    healthHandler({ boardsLoaded: () => registry.loadedCount, connections: () => sync.connectionCount }),
  );
  app.use(
    '/api',
    devicesRouter({
      storage,
      sessions,
      trustProxy: config.TRUST_PROXY,
      disconnectUser: (userId) => {
        closeScreenConnectionsOf(userId);
        void io.fetchSockets().then((sockets) => {
          for (const s of sockets) if (s.data.user.id === userId) s.disconnect(true);
        });
      },
    }),
  );
  app.use('/api', apiRouter({ storage, sessions, registry, lifecycle, trustProxy: config.TRUST_PROXY }));
  const client = clientRouter(opts.clientDist);
  if (client) app.use(client);
  app.use(errorHandler(log));

  server.on('upgrade', (req, socket, head) => {
    if (sync.handleUpgrade(req, socket, head)) return;
    // socket.io answers its own path; anything else is not a websocket endpoint.
    if (new URL(req.url ?? '/', 'http://localhost').pathname.startsWith('/socket.io/')) return;
    rejectUpgrade(socket, 404, 'not_found');
  });

  // Expired sessions are refused on read anyway; this only keeps the table small.
  const sweep = setInterval(() => {
    storage.deleteExpiredSessions(Date.now()).catch((err: unknown) => log.warn('session sweep failed', { err }));
  }, 3_600_000);
  sweep.unref();

  // Closed forløb leave the live boards (loaded ones; others are checked when they load).
  let archiving = false;
  const archiveTimer = setInterval(() => {
    if (archiving) return;
    archiving = true;
    Promise.allSettled(registry.loaded().map((b) => lifecycle.archive(b)))
      .catch(() => {})
      .finally(() => (archiving = false));
  }, config.ARCHIVE_INTERVAL_MS ?? 3_600_000);
  archiveTimer.unref();

  let closing: Promise<void> | null = null;
  return {
    server,
    io,
    sessions,
    registry,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        clearInterval(archiveTimer);
        server.close();
        server.closeIdleConnections();
        await sync.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await registry.closeAll();
      })();
      return closing;
    },
  };
}
