import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookie, serialize as serializeCookie, type SerializeOptions } from 'cookie';
import { SESSION_COOKIE } from '../../shared/protocol/api.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Storage } from '../storage/types.js';
import { burnVerifyTime, verifyPassword } from './passwords.js';
import { orgReach } from '../org/access.js';

/**
 * A session ended while its connections may still be open: `sessionId` is the one that ended
 * (logout), or null for all of the user's sessions (logout everywhere). The sync server and
 * socket.io listen and close the matching live connections at once.
 */
export interface Revocation {
  userId: string;
  sessionId: string | null;
}

/**
 * Carries revocations between nodes (server/cluster/revocations.ts); absent when this process
 * is alone. Expiries are not sent: every node schedules them for the sessions it has seen.
 */
export interface RevocationBus {
  /** Tells the other nodes; never throws (what cannot go now goes when it can). */
  publish(r: Revocation): void;
  /** `revoked`: another node's revocation; `resync`: some may have been missed, check again. */
  listen(handlers: { revoked(r: Revocation): void; resync(): void }): void;
}

export interface Sessions {
  /** Checks the credentials; on success creates a session and returns its raw token. */
  login(username: string, password: string): Promise<{ token: string; user: SessionUser } | null>;
  /** A session for an already authenticated user (OpenID Connect); null if the user is gone. */
  createForUser(userId: string): Promise<{ token: string; user: SessionUser } | null>;
  logout(token: string): Promise<void>;
  /** Ends every session of the user, on every device. */
  logoutAll(userId: string): Promise<void>;
  /** Listens for ended sessions; returns the unsubscribe function. */
  onRevoke(listener: (r: Revocation) => void): () => void;
  /** Identifies the session of a `Cookie:` header without holding its secret (the token's hash). */
  sessionIdFromCookieHeader(header: string | undefined): string | null;
  /** The signed-in user for a raw `Cookie:` header (HTTP, ws upgrade and socket.io alike). */
  sessionFromCookieHeader(header: string | undefined): Promise<SessionUser | null>;
  /** The user behind a user id, with team ids (after e.g. a language change). */
  sessionUser(userId: string): Promise<SessionUser | null>;
  tokenFromCookieHeader(header: string | undefined): string | null;
  cookie(token: string, secure: boolean): string;
  clearCookie(secure: boolean): string;
}

/** Only this hash is stored, so a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessions(
  storage: Storage,
  opts: { ttlHours: number; now?: () => number; bus?: RevocationBus },
): Sessions {
  const now = opts.now ?? Date.now;
  const ttlMs = opts.ttlHours * 3_600_000;

  const listeners = new Set<(r: Revocation) => void>();
  const revoke = (r: Revocation) => {
    for (const listener of listeners) listener(r);
  };
  /** A logout here: closed here and, with several nodes, on every other node too. */
  const revokeEverywhere = (r: Revocation) => {
    revoke(r);
    opts.bus?.publish(r);
  };

  /**
   * A websocket or socket.io connection is authenticated once, at the upgrade, and would
   * otherwise outlive its session forever (a PC left signed in at 07:00 still reading the
   * board at midnight). So when a live session is first seen, its expiry is scheduled as a
   * revocation, which closes the connections riding on it like a logout does.
   */
  const expiryTimers = new Map<string, { timer: NodeJS.Timeout; userId: string }>();
  const MAX_TIMER_MS = 2_147_483_647;
  const scheduleExpiry = (sessionId: string, userId: string, expiresAt: number) => {
    if (expiryTimers.has(sessionId)) return;
    const timer = setTimeout(
      () => {
        expiryTimers.delete(sessionId);
        // A very long TTL is re-armed at the next sight of the session rather than fired early.
        if (expiresAt <= now()) revoke({ userId, sessionId });
      },
      Math.min(Math.max(0, expiresAt - now()), MAX_TIMER_MS),
    );
    timer.unref();
    expiryTimers.set(sessionId, { timer, userId });
  };
  const forget = (sessionId: string) => {
    clearTimeout(expiryTimers.get(sessionId)?.timer);
    expiryTimers.delete(sessionId);
  };

  /**
   * After a gap in the revocation channel: every session this node has seen (the ones its live
   * connections ride on) is looked up again; one that logout deleted meanwhile is revoked here.
   */
  const resync = async () => {
    for (const [sessionId, { userId }] of [...expiryTimers]) {
      const session = await storage.getSession(sessionId);
      if (session && session.expiresAt > now()) continue;
      forget(sessionId);
      revoke({ userId, sessionId });
    }
  };
  opts.bus?.listen({
    revoked: (r) => {
      if (r.sessionId) forget(r.sessionId);
      revoke(r);
    },
    resync: () => void resync().catch(() => {}),
  });

  const cookieOptions = (secure: boolean): SerializeOptions => ({
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
  });

  async function sessionUser(userId: string): Promise<SessionUser | null> {
    const user = await storage.getUser(userId);
    // A deactivated user has no session, whatever cookie they still hold.
    if (!user || user.disabledAt != null) return null;
    // Memberships with or without a board: an evening team has none of its own.
    const memberTeamIds = await storage.org.memberTeamIds(user.id);
    // Evening teams, covers and makkerteams reach further, as of today (server/org/access.ts).
    const reach = await orgReach(storage, user, memberTeamIds, now());
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      role: user.role,
      teamIds: reach.writeTeamIds,
      memberTeamIds,
      readTeamIds: reach.readTeamIds,
      eveningTeamIds: reach.eveningTeamIds,
      lang: user.lang,
      color: user.color,
      readOnly: user.readOnly === true,
    };
  }

  function tokenFromCookieHeader(header: string | undefined): string | null {
    if (!header) return null;
    const token = parseCookie(header)[SESSION_COOKIE];
    // 32 random bytes as base64url are 43 characters; anything else is not ours.
    return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
  }

  async function createForUser(userId: string): Promise<{ token: string; user: SessionUser } | null> {
    const session = await sessionUser(userId);
    if (!session) return null;
    const token = randomBytes(32).toString('base64url');
    await storage.createSession(hashToken(token), { userId, expiresAt: now() + ttlMs });
    return { token, user: session };
  }

  return {
    async login(username, password) {
      const user = await storage.findUserByUsername(username.trim().toLowerCase());
      if (!user) {
        await burnVerifyTime(password);
        return null;
      }
      if (!(await verifyPassword(user.passwordHash, password))) return null;
      if (user.disabledAt != null) return null; // checked after the hash: same timing as a wrong password
      return createForUser(user.id);
    },

    createForUser,

    async logout(token) {
      const sessionId = hashToken(token);
      const session = await storage.getSession(sessionId);
      await storage.deleteSession(sessionId);
      forget(sessionId);
      if (session) revokeEverywhere({ userId: session.userId, sessionId });
    },

    async logoutAll(userId) {
      await storage.deleteSessionsOfUser(userId);
      revokeEverywhere({ userId, sessionId: null });
    },

    onRevoke(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    sessionIdFromCookieHeader(header) {
      const token = tokenFromCookieHeader(header);
      return token ? hashToken(token) : null;
    },

    async sessionFromCookieHeader(header) {
      const token = tokenFromCookieHeader(header);
      if (!token) return null;
      const tokenHash = hashToken(token);
      const session = await storage.getSession(tokenHash);
      if (!session) return null;
      if (session.expiresAt <= now()) {
        await storage.deleteSession(tokenHash);
        return null;
      }
      scheduleExpiry(tokenHash, session.userId, session.expiresAt);
      return sessionUser(session.userId);
    },

    sessionUser,
    tokenFromCookieHeader,
    // Max-Age must be whole seconds (a test server may run with a TTL of a few seconds).
    cookie: (token, secure) =>
      serializeCookie(SESSION_COOKIE, token, {
        ...cookieOptions(secure),
        maxAge: Math.max(1, Math.floor(ttlMs / 1000)),
      }),
    clearCookie: (secure) => serializeCookie(SESSION_COOKIE, '', { ...cookieOptions(secure), maxAge: 0 }),
  };
}
