import express, { type Router } from 'express';
import {
  LoginRequestSchema,
  UpdateMeRequestSchema,
  type BoardSummary,
  type MeResponse,
} from '../../shared/protocol/api.js';
import { MAX_HTTP_BODY } from '../../shared/protocol/limits.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { noStore, requireUser, secureCookies } from './session.js';

export interface ApiDeps {
  storage: Storage;
  sessions: Sessions;
  trustProxy: boolean;
}

/** The JSON API of shared/protocol/api.ts, mounted at /api. */
export function apiRouter({ storage, sessions, trustProxy }: ApiDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: MAX_HTTP_BODY }));
  router.use((_req, res, next) => {
    noStore(res);
    next();
  });

  const meResponse = async (user: SessionUser): Promise<MeResponse> => ({
    user,
    teams: await storage.teamsOfUser(user.id),
  });

  router.post('/login', async (req, res) => {
    const body = LoginRequestSchema.parse(req.body);
    const result = await sessions.login(body.username, body.password);
    if (!result) throw new ApiError('invalid_credentials');
    res.setHeader('Set-Cookie', sessions.cookie(result.token, secureCookies(trustProxy, req)));
    res.json(await meResponse(result.user));
  });

  router.post('/logout', async (req, res) => {
    const token = sessions.tokenFromCookieHeader(req.headers.cookie);
    if (token) await sessions.logout(token);
    res.setHeader('Set-Cookie', sessions.clearCookie(secureCookies(trustProxy, req)));
    res.status(204).end();
  });

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
    const boards: BoardSummary[] = await storage.boardsOfUser(user.id);
    res.json(boards);
  });

  // Anything else under /api is a JSON 404, never the SPA's index.html.
  router.use(() => {
    throw new ApiError('not_found', 'Den efterspurgte adresse findes ikke.');
  });

  return router;
}
