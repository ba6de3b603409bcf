import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { IdSchema } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import {
  boardRoom,
  type BoardJoinAck,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/protocol/events.js';
import { canAccessTeam } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/types.js';
import { isSameOriginRequest } from '../http/origin.js';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Cluster } from '../cluster/redis.js';
import { MeetingStore } from '../cluster/meetingStore.js';
import { ClusterMeetingRooms } from './meetingCluster.js';
import { MeetingRooms, type MeetingOptions } from './meetingRoom.js';
import { ScreenHide } from './screenHide.js';
import type { AccessWatch } from '../org/recheck.js';

export interface SocketData {
  user: SessionUser;
  /** The session the socket rides on (server/auth/sessions.ts), to close it when that ends. */
  sessionId: string | null;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** One user's sockets in one board's room (notices meant for that person only). */
export function boardUserRoom(boardId: string, userId: string): string {
  return `${boardRoom(boardId)}:user:${userId}`;
}

/**
 * socket.io's Redis streams adapter on its own connection. Unlike the cluster's command
 * connection it queues while Redis is down: the adapter re-reads its stream in a loop, and a
 * read refused at once (no offline queue) would spin that loop without ever yielding, starving
 * the node. Queued, the read waits for Redis; broadcasts made meanwhile go out when it is back.
 */
function streamsAdapter(cluster: Cluster, log: Logger): ReturnType<typeof createAdapter> {
  const client = cluster.redis.duplicate({ disableOfflineQueue: false });
  client.on('error', () => {}); // the cluster's own connection logs the outage
  client.connect().catch((err: unknown) => log.error('socket.io adapter could not reach redis', { err }));
  const make = createAdapter(client, { streamName: 'tavlen:socket.io' });
  // socket.io calls it with `new`: a plain function returning the adapter, as createAdapter's own.
  return function (nsp: unknown) {
    const adapter = make(nsp);
    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      client.close().catch(() => {});
      return close();
    };
    return adapter;
  };
}

const NOT_FOUND: BoardJoinAck = { ok: false, error: { code: 'not_found', message: 'Tavlen findes ikke.' } };

/** socket.io for ephemeral, server-authoritative events; same cookie auth as HTTP. */
export function createRealtime(
  httpServer: HttpServer,
  deps: {
    storage: Storage;
    sessions: Sessions;
    log: Logger;
    trustProxy: boolean;
    meeting: Omit<MeetingOptions, 'now'> & Partial<MeetingOptions>;
    /** Organisation changes and the day boundary: joined boards are checked again. */
    access?: AccessWatch;
    /** Several nodes: rooms reach every node's sockets, meeting control lives in Redis. */
    cluster?: { cluster: Cluster; meetingStore: MeetingStore } | null;
  },
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // Our own upgrade handler answers other paths; engine.io must not kill those sockets.
    destroyUpgrade: false,
    maxHttpBufferSize: 100_000,
    // Same cross-site guard as the Yjs endpoint (server/http/origin.ts).
    allowRequest: (req, callback) => callback(null, isSameOriginRequest(req, deps.trustProxy)),
    // Room broadcasts (boardRoom, boardUserRoom) reach the sockets on every node (scale-out §4).
    ...(deps.cluster ? { adapter: streamsAdapter(deps.cluster.cluster, deps.log) } : {}),
  });

  io.use((socket, next) => {
    deps.sessions
      .sessionFromCookieHeader(socket.request.headers.cookie)
      .then((user) => {
        if (!user) return next(new Error('unauthenticated'));
        socket.data.user = user;
        socket.data.sessionId = deps.sessions.sessionIdFromCookieHeader(socket.request.headers.cookie);
        next();
      })
      .catch((err: unknown) => {
        deps.log.error('socket.io auth failed', { err });
        next(new Error('internal'));
      });
  });

  // Logout (this session) and logout everywhere (all of them) end live sockets at once.
  deps.sessions.onRevoke(({ userId, sessionId }) => {
    for (const socket of io.sockets.sockets.values()) {
      const data = socket.data;
      if (data.user.id === userId && (sessionId === null || data.sessionId === sessionId)) socket.disconnect(true);
    }
  });

  // A cover that ended (or a team left) takes the socket out of that board's rooms.
  deps.access?.onChange(() => {
    void leaveLostBoards(io, deps.storage, deps.sessions).catch((err: unknown) =>
      deps.log.error('socket.io access recheck failed', { err }),
    );
  });

  const meetingOpts = { now: Date.now, ...deps.meeting };
  const shared = deps.cluster?.meetingStore ?? null;
  const meetings = shared
    ? new ClusterMeetingRooms(io, shared, meetingOpts, deps.log)
    : new MeetingRooms(io, meetingOpts, deps.log);

  const screenHide = new ScreenHide(io, shared, deps.log);
  // The shared meeting's sweep stops with the server (the one-process rooms keep today's timers).
  if (shared) httpServer.once('close', () => meetings.close());

  io.on('connection', (socket) => {
    meetings.attach(socket);
    screenHide.attach(socket);
    socket.on('board:join', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = IdSchema.safeParse((req as Partial<typeof req> | null)?.boardId);
      if (!parsed.success) {
        ack({ ok: false, error: { code: 'invalid_request', message: 'Ugyldigt tavle-id.' } });
        return;
      }
      deps.storage
        .getBoard(parsed.data)
        .then(async (board) => {
          // Unknown and foreign boards answer alike, as on the websocket.
          if (!board || !canAccessTeam(socket.data.user, board.teamId)) return ack(NOT_FOUND);
          await socket.join([boardRoom(board.id), boardUserRoom(board.id, socket.data.user.id)]);
          ack({ ok: true, boardId: board.id });
          // A late joiner gets the meeting as it is now.
          meetings.joined(socket, board.id);
          screenHide.joined(socket, board.id);
        })
        .catch((err: unknown) => {
          deps.log.error('board:join failed', { err });
          ack(NOT_FOUND);
        });
    });
  });

  return io;
}

async function leaveLostBoards(io: RealtimeServer, storage: Storage, sessions: Sessions): Promise<void> {
  const users = new Map<string, Promise<SessionUser | null>>();
  for (const socket of io.sockets.sockets.values()) {
    for (const room of [...socket.rooms]) {
      if (!room.startsWith('board:') || room.includes(':user:')) continue;
      const boardId = room.slice('board:'.length);
      const userId = socket.data.user.id;
      let user = users.get(userId);
      if (!user) users.set(userId, (user = sessions.sessionUser(userId)));
      const [now, board] = [await user, await storage.getBoard(boardId)];
      if (now && board && canAccessTeam(now, board.teamId)) continue;
      await socket.leave(boardRoom(boardId));
      await socket.leave(boardUserRoom(boardId, userId));
    }
  }
}
