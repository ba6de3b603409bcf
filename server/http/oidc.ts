import express, { type Request, type Response, type Router } from 'express';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import type { AuthProvidersResponse, OidcLoginError } from '../../shared/protocol/auth.js';
import { OIDC_FLOW_TTL_MS, type OidcSignIn } from '../auth/oidc.js';
import type { Sessions } from '../auth/sessions.js';
import type { Logger } from '../logging.js';
import { noStore, secureCookies } from './session.js';

/** Holds the flow's `state` in the browser that started it; scoped to the callback's path. */
export const OIDC_STATE_COOKIE = 'tavlen_oidc_state';
const COOKIE_PATH = '/api/auth/oidc';

/**
 * Sign-in methods and the OpenID Connect redirects (shared/protocol/auth.ts), mounted at /api
 * before the JSON API. Errors never show a JSON page: the browser goes back to the login page
 * with `?loginError=<code>`, which the page shows in Danish.
 */
export function oidcRouter(deps: {
  oidc: OidcSignIn | null;
  sessions: Sessions;
  trustProxy: boolean;
  log: Logger;
}): Router {
  const { oidc, sessions, trustProxy, log } = deps;
  const router = express.Router();

  router.get('/auth/providers', (_req, res) => {
    noStore(res);
    const body: AuthProvidersResponse = { password: true, oidc: oidc ? { label: oidc.config.label } : null };
    res.json(body);
  });
  if (!oidc) return router;

  const stateCookie = (req: Request, value: string, maxAgeMs: number) =>
    serializeCookie(OIDC_STATE_COOKIE, value, {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
      sameSite: 'lax',
      secure: secureCookies(trustProxy, req),
      path: COOKIE_PATH,
      maxAge: Math.floor(maxAgeMs / 1000),
    });
  const backToLogin = (res: Response, code: OidcLoginError) => res.redirect(302, `/?loginError=${code}`);

  router.get('/auth/oidc/start', async (req, res) => {
    noStore(res);
    const started = await oidc.start();
    if (!started.ok) return backToLogin(res, started.code);
    res.setHeader('Set-Cookie', stateCookie(req, started.state, OIDC_FLOW_TTL_MS));
    res.redirect(302, started.url.href);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    noStore(res);
    const query = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
    const cookieState = req.headers.cookie ? (parseCookie(req.headers.cookie)[OIDC_STATE_COOKIE] ?? null) : null;
    const result = await oidc.finish(query, cookieState).catch((err: unknown) => {
      // Even a storage failure ends on the login page, not on a JSON error in the address bar.
      log.error('oidc callback failed', { err });
      return { ok: false, code: 'oidc_failed' } as const;
    });
    const clear = stateCookie(req, '', 0);
    if (!result.ok) {
      res.setHeader('Set-Cookie', clear);
      return backToLogin(res, result.code);
    }
    res.setHeader('Set-Cookie', [clear, sessions.cookie(result.token, secureCookies(trustProxy, req))]);
    res.redirect(302, '/');
  });

  return router;
}
