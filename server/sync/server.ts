import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { IdSchema } from '../../shared/model/ids.js';
import { CloseCode, MAX_WS_MESSAGE_BYTES, YJS_PATH_PREFIX } from '../../shared/protocol/limits.js';
import { SYNC_DEFLATE_PARAM } from '../../shared/protocol/deflatedSync.js';
import { canAccessTeam, forcedPrivacyMode } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { AccessWatch } from '../org/recheck.js';
import { errorBody } from '../errors.js';
import { isSameOriginRequest } from '../http/origin.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import { SyncConnection } from './connection.js';
import { epochOf } from './epoch.js';
import type { LiveBoard } from './board.js';
import type { BoardRegistry } from './registry.js';
import { screenViewFor } from './screenView.js';

const HEARTBEAT_MS = 30_000;
/**
 * Each socket is pinged every HEARTBEAT_MS, but a thirtieth of them at a time, once a second:
 * pinging 1,000 sockets in one go held every board's edits up for 35 ms (issue #15, the
 * morning peak's p99).
 */
const HEARTBEAT_SLICES = 30;

export interface SyncServer {
  /** True when the request is for the sync endpoint (it is then handled). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connectionCount: number;
  /** Stops accepting, closes every connection with `serverShutdown`. */
  close(): Promise<void>;
}

/**
 * The y-websocket endpoint at /yjs/<boardId>, on the shared http server (ws noServer mode).
 * Authentication and board access are decided on the HTTP upgrade, before any doc data:
 * another site's page (Origin) → 403; no session → 401; unknown board and other team's
 * board → the same 404.
 */
export function createSyncServer(deps: {
  storage: Storage;
  sessions: Sessions;
  registry: BoardRegistry;
  log: Logger;
  trustProxy: boolean;
  /** Organisation changes and the day boundary: open connections are checked again. */
  access?: AccessWatch;
}): SyncServer {
  const { storage, sessions, registry, log } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  const alive = new WeakSet<WebSocket>();
  /** Whose session each socket rides on, so an ended session closes its sockets at once. */
  const owners = new WeakMap<WebSocket, { userId: string; sessionId: string | null }>();
  /** Which board's team each socket opened, and whether read-only (a makkerteam's board). */
  const opened = new WeakMap<WebSocket, { teamId: string; readOnly: boolean }>();
  let closing = false;

  // Access that ended (a cover's last day, an ended makkerteam) closes the sockets it opened.
  const stopAccessChecks = deps.access?.onChange(() => {
    void recheckOpen().catch((err: unknown) => log.error('access recheck failed', { err }));
  });
  async function recheckOpen(): Promise<void> {
    const users = new Map<string, Promise<Awaited<ReturnType<Sessions['sessionUser']>>>>();
    for (const ws of wss.clients) {
      const owner = owners.get(ws);
      const board = opened.get(ws);
      if (!owner || !board) continue;
      let user = users.get(owner.userId);
      if (!user) users.set(owner.userId, (user = sessions.sessionUser(owner.userId)));
      const now = await user;
      const access = now ? boardAccess(now, board.teamId) : null;
      if (access === null || (access === 'read' && !board.readOnly)) ws.close(CloseCode.forbidden, 'access ended');
    }
  }

  const stopRevocations = sessions.onRevoke(({ userId, sessionId }) => {
    for (const ws of wss.clients) {
      const owner = owners.get(ws);
      if (owner?.userId === userId && (sessionId === null || owner.sessionId === sessionId)) {
        ws.close(CloseCode.unauthorized, 'session ended');
      }
    }
  });

  // Drop peers that vanished without a close frame (laptop lid shut, Wi-Fi gone).
  const heartbeatSlice = new WeakMap<WebSocket, number>();
  let socketsOpened = 0;
  let tick = 0;
  const heartbeat = setInterval(() => {
    const slice = tick++ % HEARTBEAT_SLICES;
    for (const ws of wss.clients) {
      if (heartbeatSlice.get(ws) !== slice) continue;
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS / HEARTBEAT_SLICES);
  heartbeat.unref();

  async function upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    rawBoardId: string,
    params: URLSearchParams,
  ): Promise<void> {
    if (!isSameOriginRequest(req, deps.trustProxy)) return rejectUpgrade(socket, 403, 'forbidden');
    const user = await sessions.sessionFromCookieHeader(req.headers.cookie);
    if (!user) return rejectUpgrade(socket, 401, 'unauthenticated');
    const parsedId = IdSchema.safeParse(rawBoardId);
    const record = parsedId.success ? await storage.getBoard(parsedId.data) : null;
    const access = record ? boardAccess(user, record.teamId) : null;
    if (!record || access === null) return rejectUpgrade(socket, 404, 'not_found');
    if (closing) return rejectUpgrade(socket, 503, 'internal');

    const board = await registry.acquire(record.id);
    if (socket.destroyed || closing) {
      registry.release(board);
      return;
    }
    if (isStaleEpoch(params, board.doc)) {
      // Completed then closed at once, so the client sees the code (an HTTP error it would not).
      wss.handleUpgrade(req, socket, head, (ws) => {
        registry.release(board);
        ws.close(CloseCode.staleEpoch, 'stale epoch');
      });
      return;
    }
    const opening = {
      user,
      board,
      teamId: record.teamId,
      readOnly: access === 'read',
      sessionId: sessions.sessionIdFromCookieHeader(req.headers.cookie),
      deflate: asksForDeflate(params),
    };
    wss.handleUpgrade(req, socket, head, (ws) => open(ws, opening));
  }

  /**
   * A socket's life after the upgrade. A function of its own, given only what it keeps: the
   * closures made here live as long as the socket, and made inside `upgrade` they would keep
   * its whole scope too (the request with its headers and cookie, ~1,000 of them at the
   * morning peak).
   */
  function open(
    ws: WebSocket,
    o: {
      user: SessionUser;
      board: LiveBoard;
      teamId: string;
      readOnly: boolean;
      sessionId: string | null;
      deflate: boolean;
    },
  ): void {
    const { user, board } = o;
    alive.add(ws);
    heartbeatSlice.set(ws, socketsOpened++ % HEARTBEAT_SLICES);
    owners.set(ws, { userId: user.id, sessionId: o.sessionId });
    opened.set(ws, { teamId: o.teamId, readOnly: o.readOnly });
    ws.on('pong', () => alive.add(ws));
    const connLog = log.child({ board: board.id, user: user.id });
    // Wall screens sync with the board's privacy projection, never the board doc itself.
    const target = forcedPrivacyMode(user.role) ? screenViewFor(board, connLog) : board;
    // A makkerteam's board is read-only: every update is refused like a read-only user's.
    const conn = new SyncConnection(ws, user, target, connLog, () => registry.release(board), {
      readOnly: o.readOnly,
      deflate: o.deflate,
    });
    connLog.debug('sync connection opened', { conn: conn.id, role: user.role });
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (!path.startsWith(YJS_PATH_PREFIX)) return false;
      socket.on('error', (err) => log.debug('upgrade socket error', { err: err.message }));
      let boardId: string;
      try {
        boardId = decodeURIComponent(path.slice(YJS_PATH_PREFIX.length));
      } catch {
        boardId = '';
      }
      upgrade(req, socket, head, boardId, url.searchParams).catch((err: unknown) => {
        log.error('sync upgrade failed', { err });
        rejectUpgrade(socket, 500, 'internal');
      });
      return true;
    },
    get connectionCount() {
      return wss.clients.size;
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      stopRevocations();
      stopAccessChecks?.();
      for (const ws of wss.clients) ws.close(CloseCode.serverShutdown, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** How the user may open a team's board: read-write, read-only (a makkerteam), or not. */
function boardAccess(user: SessionUser, teamId: string): 'write' | 'read' | null {
  if (canAccessTeam(user, teamId)) return 'write';
  return user.readTeamIds?.includes(teamId) === true ? 'read' : null;
}

/**
 * True when the client says which epoch its cached doc is from (`?epoch=N`) and that is not
 * the board's current one. No parameter means no cache: nothing old can be merged in.
 */
function isStaleEpoch(params: URLSearchParams, doc: Y.Doc): boolean {
  const raw = params.get('epoch');
  return raw !== null && raw !== String(epochOf(doc));
}

/** `?sync=deflate`: the client inflates a big full state (shared/protocol/deflatedSync.ts). */
function asksForDeflate(params: URLSearchParams): boolean {
  return params.get(SYNC_DEFLATE_PARAM.name) === SYNC_DEFLATE_PARAM.value;
}

/** Answers an upgrade with a plain HTTP error (the JSON error body, like the API). */
export function rejectUpgrade(socket: Duplex, status: number, code: Parameters<typeof errorBody>[0]): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(errorBody(code));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
