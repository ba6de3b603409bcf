import { createServer, type Server } from 'node:http';
import express from 'express';
import { OidcSignIn } from './auth/oidc.js';
import { DAY_MS, runRetention, startRetentionTimer } from './audit/retention.js';
import { attachAuditViews } from './audit/views.js';
import { AuditWriter } from './audit/writer.js';
import { createSessions, type Sessions } from './auth/sessions.js';
import type { Config } from './config.js';
import { errorHandler } from './errors.js';
import { adminRouter } from './http/admin.js';
import { adminHistoryRouter } from './http/adminHistory.js';
import { adminSettingsRouter } from './http/adminSettings.js';
import { apiRouter } from './http/api.js';
import { offersRouter } from './http/offers.js';
import { auditRouter } from './http/audit.js';
import { devicesRouter } from './http/devices.js';
import { clientRouter } from './http/client.js';
import { healthHandler } from './http/health.js';
import { oidcRouter } from './http/oidc.js';
import { organisationRouter } from './http/organisation.js';
import { boardRoom } from '../shared/protocol/events.js';
import { importRouter, styringRouter } from './http/styring.js';
import { apiGuards, securityHeaders } from './http/security.js';
import type { Logger } from './logging.js';
import { Lifecycle } from './lifecycle/service.js';
import { boardUserRoom, createRealtime, type RealtimeServer } from './realtime/socketio.js';
import { meetingRecorder } from './realtime/meetingRecord.js';
import type { Storage } from './storage/types.js';
import type { TriageConfig } from '../shared/rules/triage.js';
import { StyringRecorder } from './styring/recorder.js';
import { BoardRegistry } from './sync/registry.js';
import type { Cluster } from './cluster/redis.js';
import { ClusterBoards } from './cluster/boardHost.js';
import { Jobs } from './cluster/jobs.js';
import { redisOidcFlows } from './cluster/oidcFlows.js';
import { redisRevocations } from './cluster/revocations.js';
import { sharedLimitStores } from './cluster/sharedLimits.js';
import { redisViewDedupe } from './cluster/viewDedupe.js';
import { MeetingStore } from './cluster/meetingStore.js';
import { createSyncServer, rejectUpgrade } from './sync/server.js';
import { AccessWatch } from './org/recheck.js';

/** The pause between two boards' compactions in the daily maintenance (see its use). */
const COMPACTION_PAUSE_MS = 100;

export type AppConfig = Pick<
  Config,
  'SESSION_TTL_HOURS' | 'TRUST_PROXY' | 'BOARD_UNLOAD_GRACE_MS' | 'COMPACT_EVERY_UPDATES'
> &
  Partial<
    Pick<
      Config,
      | 'EPOCH_REBUILD_CLIENT_IDS'
      | 'REFUSALS_PER_MINUTE'
      | 'ARCHIVE_AFTER_DAYS'
      | 'ARCHIVE_INTERVAL_MS'
      | 'MEETING_LEADER_GRACE_MS'
      | 'MEETING_EMPTY_END_MS'
      | 'oidc'
      | 'RETENTION_CLOSED_DAYS'
      | 'AUDIT_RETENTION_DAYS'
      | 'HISTORY_RETENTION_DAYS'
    >
  > &
  Partial<
    Pick<Config, 'HTTP_BODY_LIMIT_KB' | 'LOGIN_FAILURES_PER_USER' | 'LOGIN_FAILURES_PER_IP' | 'LOGIN_WINDOW_MINUTES'>
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
export function createApp(opts: {
  config: AppConfig;
  storage: Storage;
  log: Logger;
  clientDist?: string;
  /** The clock the storage timestamps board history with (tests inject one). */
  now?: () => number;
  /** Several nodes (REDIS_URL): shared state and fan-out through Redis; null = this process alone. */
  cluster?: Cluster | null;
}): App {
  const { config, storage, log } = opts;
  const cluster = opts.cluster ?? null;
  // With several nodes, state that must be the same on every node lives in Redis
  // (docs/operations.md "Redis"); alone, each part keeps it in this process as before.
  const revocations = cluster ? redisRevocations(cluster, log) : null;
  const limitStore = cluster ? sharedLimitStores(cluster, log) : null;
  // A board's jobs (lifecycle migration, archive, Styring snapshot) run on its owner only;
  // alone, this process owns every board (`host` is made below, before any board loads).
  const jobs = new Jobs({ storage, cluster, log, canRunBoardJobs: (boardId) => host?.owns(boardId) ?? true });
  const sessions = createSessions(storage, {
    ttlHours: config.SESSION_TTL_HOURS,
    ...(revocations ? { bus: revocations } : {}),
  });
  const audit = new AuditWriter(storage, log);
  // The recorder asks the lifecycle service for a board's triage clocks (only after start-up).
  const triageOf = async (boardId: string): Promise<TriageConfig> => (await lifecycle.meetingConfig(boardId)).triage;
  const styring = new StyringRecorder(storage.styring, log, triageOf);
  const lifecycle = new Lifecycle(storage, {
    archiveAfterDays: config.ARCHIVE_AFTER_DAYS ?? 7,
    log,
    audit,
    styring,
    ...(cluster ? { jobs } : {}),
  });
  // Several nodes: boards are owned under a lease and followed elsewhere (docs/multi-node.md).
  const leases = storage.leases;
  const host = opts.cluster && leases ? new ClusterBoards(opts.cluster, storage, leases, sessions, log) : null;
  const registry = new BoardRegistry(storage, {
    ...(host ? { host } : {}),
    unloadGraceMs: config.BOARD_UNLOAD_GRACE_MS,
    compactEvery: config.COMPACT_EVERY_UPDATES,
    ...(config.REFUSALS_PER_MINUTE ? { refusalsPerMinute: config.REFUSALS_PER_MINUTE } : {}),
    epochRebuildClientIds: config.EPOCH_REBUILD_CLIENT_IDS,
    log,
    onLoad: (board) => lifecycle.attach(board),
    beforeUnload: async (board) => {
      await jobs.runForBoard('archive', board.id, () => lifecycle.archive(board));
    },
  });
  host?.start(registry);

  const app = express();
  app.disable('x-powered-by');
  // One proxy hop, not `true`: with `true` a client could pick its own IP (and escape the
  // per-IP login limit) by prepending to X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY ? 1 : false);
  app.use(securityHeaders());
  const server = createServer(app);
  const access = new AccessWatch();
  const sync = createSyncServer({ storage, sessions, registry, log, trustProxy: config.TRUST_PROXY, access });
  // Several nodes: meeting control and "skjul alt" in Redis (server/cluster/meetingStore.ts).
  const meetingStore = opts.cluster ? new MeetingStore(opts.cluster, log) : null;
  meetingStore?.start().catch((err: unknown) => log.error('meeting store subscription failed', { err }));
  const io = createRealtime(server, {
    cluster: opts.cluster && meetingStore ? { cluster: opts.cluster, meetingStore } : null,
    storage,
    sessions,
    access,
    log,
    trustProxy: config.TRUST_PROXY,
    meeting: {
      leaderGraceMs: config.MEETING_LEADER_GRACE_MS ?? 5_000,
      emptyEndMs: config.MEETING_EMPTY_END_MS ?? 1_800_000,
      record: meetingRecorder(registry, log),
    },
  });
  attachAuditViews(io, {
    storage,
    registry,
    audit,
    log,
    ...(cluster ? { dedupe: redisViewDedupe(cluster, log) } : {}),
  });
  lifecycle.notify = (userId, notice) => io.to(boardUserRoom(notice.boardId, userId)).emit('notice:rejected', notice);

  app.get(
    '/healthz',
    healthHandler({
      boardsLoaded: () => registry.loadedCount,
      connections: () => sync.connectionCount,
      storageFailure: () => storage.writeFailure?.() ?? null,
    }),
  );
  // The visit import takes a month of visits (megabytes) in one batch: its own body limit.
  const styringDeps = { storage, sessions, audit, lifecycle, now: opts.now };
  app.use('/api/import', apiGuards({ trustProxy: config.TRUST_PROXY, bodyLimitBytes: 8 * 1024 * 1024 }));
  app.use('/api', importRouter(styringDeps));
  app.use(
    '/api',
    apiGuards({ trustProxy: config.TRUST_PROXY, bodyLimitBytes: (config.HTTP_BODY_LIMIT_KB ?? 100) * 1024 }),
  );
  app.use('/api', styringRouter(styringDeps));
  app.use('/api/admin', adminRouter({ storage, sessions }));
  app.use(
    '/api',
    organisationRouter({
      storage,
      sessions,
      access,
      visitatorDays: async (boardId) => (await lifecycle.meetingConfig(boardId)).visitatorDays,
      announce: (boardId, teamId) => io.to(boardRoom(boardId)).emit('org:visitator', { teamId }),
      now: opts.now,
    }),
  );
  app.use('/api/admin', adminSettingsRouter({ storage, sessions, log, registry }));
  app.use(
    '/api/admin',
    adminHistoryRouter({
      storage,
      sessions,
      registry,
      log,
      retentionDays: config.HISTORY_RETENTION_DAYS ?? 30,
      now: opts.now,
    }),
  );
  app.use(
    '/api',
    devicesRouter({
      storage,
      sessions,
      trustProxy: config.TRUST_PROXY,
      ...(limitStore ? { limitStore } : {}),
    }),
  );
  const oidc = config.oidc
    ? new OidcSignIn(config.oidc, { storage, sessions, log, ...(cluster ? { pending: redisOidcFlows(cluster) } : {}) })
    : null;
  app.use('/api', oidcRouter({ oidc, sessions, trustProxy: config.TRUST_PROXY, log }));
  app.use('/api', auditRouter({ storage, sessions, registry, audit }));
  app.use('/api', offersRouter({ storage, sessions }));
  app.use(
    '/api',
    apiRouter({
      storage,
      sessions,
      registry,
      lifecycle,
      trustProxy: config.TRUST_PROXY,
      loginLimits: {
        maxFailuresPerUser: config.LOGIN_FAILURES_PER_USER ?? 10,
        maxFailuresPerIp: config.LOGIN_FAILURES_PER_IP ?? 50,
        windowMinutes: config.LOGIN_WINDOW_MINUTES ?? 15,
        ...(limitStore ? { store: (name) => limitStore(`login:${name}`) } : {}),
      },
    }),
  );
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
    jobs
      .runOnce('session-sweep', 3_600_000, () => storage.deleteExpiredSessions(Date.now()))
      .catch((err: unknown) => log.warn('session sweep failed', { err }));
  }, 3_600_000);
  sweep.unref();

  // Closed forløb leave the live boards (loaded ones; others are checked when they load).
  // Board jobs: on the board's owner, one node at a time (server/cluster/jobs.ts).
  let archiving = false;
  const archiveTimer = setInterval(() => {
    if (archiving) return;
    archiving = true;
    Promise.allSettled(
      registry.loaded().flatMap((b) => [
        jobs.runForBoard('archive', b.id, () => lifecycle.archive(b)),
        // In turn: fifty boards' figures at once held every board's edits up (see oneAtATime).
        jobs.runForBoard('styring-snapshot', b.id, () => styring.snapshotInTurn(b)),
      ]),
    )
      .catch(() => {})
      .finally(() => (archiving = false));
  }, config.ARCHIVE_INTERVAL_MS ?? 3_600_000);
  archiveTimer.unref();

  // Nightly (03:00 Danish time): closed forløb leave the archive, old audit entries and board
  // history go (server/audit/retention.ts). Loaded boards are compacted first, so each board with changes
  // gets a history snapshot at least once a day (see Storage.compact).
  // With several nodes each compacts the boards whose jobs it runs; the purge runs on one node a day.
  const stopRetention = startRetentionTimer(async () => {
    // One board at a time, with a pause between: all at once, fifty boards' compactions
    // (20–65 ms of event loop each) held every board's edits up for most of a second
    // (issue #15, the morning bench's third round, when this ran a minute after start).
    for (const b of registry.loaded().filter((x) => jobs.canRunBoardJobs(x.id))) {
      await b.compact().catch((err: unknown) => log.error('compaction before retention failed', { board: b.id, err }));
      await new Promise((resolve) => setTimeout(resolve, COMPACTION_PAUSE_MS));
    }
    return jobs.runOnce('retention', DAY_MS, () =>
      runRetention(storage, audit, {
        closedDays: config.RETENTION_CLOSED_DAYS ?? 365,
        auditDays: config.AUDIT_RETENTION_DAYS ?? 1825,
        historyDays: config.HISTORY_RETENTION_DAYS ?? 30,
        now: new Date(),
        log,
      }),
    );
  }, log);

  let closing: Promise<void> | null = null;
  return {
    server,
    io,
    sessions,
    registry,
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        access.stop();
        clearInterval(archiveTimer);
        stopRetention();
        server.close();
        server.closeIdleConnections();
        await sync.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await meetingStore?.close();
        await registry.closeAll();
        host?.stop();
        await audit.flush();
        await revocations?.close();
      })();
      return closing;
    },
  };
}
