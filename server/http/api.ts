import express, { type Router } from 'express';
import {
  LoginRequestSchema,
  UpdateMeRequestSchema,
  type BoardEpochResponse,
  type BoardSummary,
  type MeResponse,
} from '../../shared/protocol/api.js';
import {
  ARCHIVE_SEARCH_LIMIT,
  ArchiveQuerySchema,
  type ArchiveResponse,
  type ArchivedCard,
  type BoardConfigResponse,
} from '../../shared/protocol/config.js';
import { z } from 'zod';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { stateVectorToBase64 } from '../../shared/doc/epoch.js';
import { IdSchema } from '../../shared/model/ids.js';
import { CADENCE_TEMPLATES } from '../../shared/rules/cadenceTemplates.js';
import { maskCpr } from '../../shared/rules/cpr.js';
import { canAccessTeam, forcedPrivacyMode } from '../../shared/rules/permissions.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Sessions } from '../auth/sessions.js';
import { attemptedUsername, loginRateLimits, type LoginLimitOptions } from '../auth/loginLimits.js';
import { ApiError } from '../errors.js';
import type { BoardRecord, Storage } from '../storage/types.js';
import type { ArchivedCardJson } from '../lifecycle/archive.js';
import type { Lifecycle } from '../lifecycle/service.js';
import { epochOf } from '../sync/epoch.js';
import type { BoardRegistry } from '../sync/registry.js';
import { teamsForUser, writeBoardsOfUser } from '../org/access.js';
import { clientIp } from './security.js';
import { meetingRoutes } from './meetingApi.js';
import { boardPrintRoutes } from './boardPrint.js';
import { noStore, requireUser, secureCookies } from './session.js';

export interface ApiDeps {
  storage: Storage;
  sessions: Sessions;
  registry: BoardRegistry;
  lifecycle: Lifecycle;
  trustProxy: boolean;
  /** Failed sign-in limits (server/auth/loginLimits.ts); defaults: 10 per user, 50 per IP, 15 min. */
  loginLimits?: Omit<LoginLimitOptions, 'onLimited'>;
}

/** The JSON API of shared/protocol/api.ts, mounted at /api. */
export function apiRouter(deps: ApiDeps): Router {
  const { storage, sessions, registry, lifecycle, trustProxy } = deps;
  const router = express.Router();
  // Body parsing, size limit and CSRF checks run before this router (server/http/security.ts).
  router.use((_req, res, next) => {
    noStore(res);
    next();
  });

  const meResponse = async (user: SessionUser): Promise<MeResponse> => ({
    user,
    teams: await teamsForUser(storage, user),
  });

  // --- Sign-in and sessions (docs/security.md) ---
  /** Sign-ins go to the audit log: who tried which username from where, never the password. */
  const auditLogin = (req: express.Request, action: 'login' | 'login_failed', userId: string | null, extra = {}) =>
    storage.appendAudit({
      at: Date.now(),
      userId,
      boardId: null,
      cardId: null,
      action,
      // Some people type their CPR number as username (old habit from public systems): never log it.
      detail: { username: maskCpr(attemptedUsername(req) ?? '') || null, ip: clientIp(req), ...extra },
    });

  const limits = loginRateLimits({
    maxFailuresPerUser: 10,
    maxFailuresPerIp: 50,
    windowMinutes: 15,
    ...deps.loginLimits,
    onLimited: (req) => void auditLogin(req, 'login_failed', null, { reason: 'rate_limited' }).catch(() => {}),
  });

  router.post('/login', ...limits, async (req, res) => {
    const body = LoginRequestSchema.parse(req.body);
    const result = await sessions.login(body.username, body.password);
    if (!result) {
      await auditLogin(req, 'login_failed', null, { reason: 'invalid_credentials' });
      throw new ApiError('invalid_credentials');
    }
    await auditLogin(req, 'login', result.user.id);
    res.setHeader('Set-Cookie', sessions.cookie(result.token, secureCookies(trustProxy, req)));
    res.json(await meResponse(result.user));
  });

  router.post('/logout', async (req, res) => {
    const token = sessions.tokenFromCookieHeader(req.headers.cookie);
    if (token) await sessions.logout(token);
    res.setHeader('Set-Cookie', sessions.clearCookie(secureCookies(trustProxy, req)));
    res.status(204).end();
  });

  /** "Log ud på alle enheder": every session of the user ends, and their live connections close. */
  router.post('/logout-all', async (req, res) => {
    const user = await requireUser(sessions, req);
    await sessions.logoutAll(user.id);
    await storage.appendAudit({
      at: Date.now(),
      userId: user.id,
      boardId: null,
      cardId: null,
      action: 'logout_all',
      detail: { ip: clientIp(req) },
    });
    res.setHeader('Set-Cookie', sessions.clearCookie(secureCookies(trustProxy, req)));
    res.status(204).end();
  });
  // --- end sign-in and sessions ---

  router.get('/me', async (req, res) => {
    res.json(await meResponse(await requireUser(sessions, req)));
  });

  router.patch('/me', async (req, res) => {
    const user = await requireUser(sessions, req);
    const body = UpdateMeRequestSchema.parse(req.body);
    await storage.updateUserLang(user.id, body.lang);
    const updated = await sessions.sessionUser(user.id);
    if (!updated) throw new ApiError('unauthenticated');
    res.json(await meResponse(updated));
  });

  router.get('/boards', async (req, res) => {
    const user = await requireUser(sessions, req);
    const boards: BoardSummary[] = await writeBoardsOfUser(storage, user);
    res.json(boards);
  });

  /**
   * The board if the user may open it (these routes only read, so a makkerteam's read-only
   * board too); unknown and foreign boards are the same 404.
   */
  const memberBoard = async (user: SessionUser, rawId: unknown): Promise<BoardRecord> => {
    const id = IdSchema.safeParse(rawId);
    const board = id.success ? await storage.getBoard(id.data) : null;
    const mayRead = board && (canAccessTeam(user, board.teamId) || user.readTeamIds?.includes(board.teamId) === true);
    if (!board || !mayRead) throw new ApiError('not_found', 'Tavlen findes ikke.');
    return board;
  };

  router.get('/boards/:boardId/config', async (req, res) => {
    const user = await requireUser(sessions, req);
    const board = await memberBoard(user, req.params.boardId);
    const config = await lifecycle.config(board.id);
    if (!config) throw new ApiError('not_found', 'Tavlen findes ikke.');
    const meeting = await lifecycle.meetingConfig(board.id);
    // The board's default cadence lives in the board's doc (meta), so read it from there.
    const live = await registry.acquire(board.id);
    let boardCadenceTemplateId: string | null;
    try {
      boardCadenceTemplateId = new BoardDoc(live.doc).boardCadenceTemplateId();
    } finally {
      registry.release(live);
    }
    const body: BoardConfigResponse = {
      delegation: config.delegation,
      presetId: config.presetId,
      catalogue: config.catalogue,
      cadenceTemplates: [...CADENCE_TEMPLATES, ...config.customTemplates],
      boardCadenceTemplateId,
      triage: meeting.triage,
      visitatorDays: meeting.visitatorDays,
      meetings: meeting.meetings,
      discussionPrompts: config.discussionPrompts,
      swaps: config.swaps,
      careSignals: config.careSignals,
    };
    res.json(body);
  });

  /** Epoch rebuilds (docs/protocol.md "Epochs"): `?from=N` asks for the rebuild that ended epoch N. */
  router.get('/boards/:boardId/epoch', async (req, res) => {
    const user = await requireUser(sessions, req);
    const board = await memberBoard(user, req.params.boardId);
    const live = await registry.acquire(board.id);
    let epoch: number;
    try {
      epoch = epochOf(live.doc);
    } finally {
      registry.release(live);
    }
    const from = z.coerce.number().int().min(0).safeParse(req.query.from);
    const record = await storage.boardEpoch(board.id, from.success ? from.data + 1 : epoch);
    const body: BoardEpochResponse = {
      epoch,
      previousStateVector: record ? stateVectorToBase64(record.prevStateVector) : null,
    };
    res.json(body);
  });

  router.get('/boards/:boardId/archive', async (req, res) => {
    const user = await requireUser(sessions, req);
    const board = await memberBoard(user, req.params.boardId);
    // The archive is searched and shown by name: never for a wall screen (privacy mode).
    if (forcedPrivacyMode(user.role)) throw new ApiError('forbidden');
    const { q } = ArchiveQuerySchema.parse({ q: typeof req.query.q === 'string' ? req.query.q : undefined });
    const rows = await storage.searchArchive(board.id, q, ARCHIVE_SEARCH_LIMIT);
    const body: ArchiveResponse = {
      items: rows.map((r) => ({
        cardId: r.cardId,
        name: r.name,
        closedOn: r.closedOn,
        archivedAt: r.archivedAt,
        card: (r.card as ArchivedCardJson).card as ArchivedCard['card'],
      })),
    };
    res.json(body);
  });

  // Meetings: "Mine teams" and the minutes as PDF (server/http/meetingApi.ts).
  meetingRoutes(router, { storage, sessions, registry, meetingConfig: (id) => lifecycle.meetingConfig(id) });
  // The downtime kit's printed daily tavle (server/http/boardPrint.ts).
  boardPrintRoutes(router, { storage, sessions, registry, lifecycle });

  // Anything else under /api is a JSON 404, never the SPA's index.html.
  router.use(() => {
    throw new ApiError('not_found', 'Den efterspurgte adresse findes ikke.');
  });

  return router;
}
