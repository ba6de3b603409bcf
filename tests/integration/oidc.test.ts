import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponseSchema, type MeResponse } from '../../shared/protocol/api.js';
import { AuthProvidersResponseSchema } from '../../shared/protocol/auth.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logging.js';
import { openMemoryStorage } from '../../server/storage/index.js';
import {
  CANCEL,
  freePort,
  startOidcProvider,
  type TestAccount,
  type TestOidcProvider,
} from '../helpers/oidcProvider.js';
import { connectBoard, startServer, upgradeStatus, type BoardClient, type TestServer } from '../helpers/server.js';

/**
 * OpenID Connect sign-in against a real OIDC provider: the maintained `oidc-provider` package runs
 * in this test process (tests/helpers/oidcProvider.ts); only its interaction step (the login +
 * consent screens a person would click through) is done by the test, through the provider's own
 * interaction API. Two real Tavlen servers talk to it: A takes role and teams from claims and
 * creates users; B keeps the local role and teams and links first sign-ins by username.
 */

// Two servers start at once on a loaded 2-core machine: give them time.
const START_TIMEOUT_MS = 120_000;

let idp: TestOidcProvider;
let issuer = '';
let tavlenA: TestServer;
let tavlenB: TestServer;
const boardClients: BoardClient[] = [];
const account = (a: TestAccount) => idp.account(a);

/** A cookie jar per host, like a browser's (paths ignored: one flow at a time per jar). */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookieHeader(url: URL): string {
    return [...(this.jars.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(url: URL, name: string): string | undefined {
    return this.jars.get(url.host)?.get(name);
  }

  setCookie(url: URL, name: string, value: string): void {
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    this.jars.set(url.host, jar);
    jar.set(name, value);
  }

  async get(url: URL): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader(url) } });
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    this.jars.set(url.host, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
}

/** Location of a redirect response, resolved against the request URL. */
function location(res: Response, from: URL): URL {
  expect([302, 303]).toContain(res.status);
  return new URL(res.headers.get('location')!, from);
}

/**
 * Starts a sign-in at Tavlen and follows the redirects through the provider until it sends the
 * browser back to Tavlen's callback. Returns the callback URL (not yet visited).
 */
async function toCallback(browser: Browser, tavlen: TestServer, sub: string): Promise<URL> {
  idp.nextAccount = sub;
  let url = new URL('/api/auth/oidc/start', tavlen.baseUrl);
  for (let hops = 0; hops < 12; hops++) {
    const res = await browser.get(url);
    const next = location(res, url);
    if (next.origin === tavlen.baseUrl && next.pathname === '/api/auth/oidc/callback') return next;
    url = next;
  }
  throw new Error('no callback after 12 redirects');
}

/** A whole sign-in in a fresh browser; returns where Tavlen sent the browser and the session cookie. */
async function signIn(tavlen: TestServer, sub: string) {
  const browser = new Browser();
  const callback = await toCallback(browser, tavlen, sub);
  const res = await browser.get(callback);
  const to = location(res, callback);
  const session = browser.cookie(new URL(tavlen.baseUrl), 'tavlen_session');
  return { browser, callback, to, cookie: session ? `tavlen_session=${session}` : null };
}

async function me(tavlen: TestServer, cookie: string): Promise<MeResponse> {
  const res = await fetch(`${tavlen.baseUrl}/api/me`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return MeResponseSchema.parse(await res.json());
}

function auditRows(tavlen: TestServer, action: string): { userId: string | null; detail: Record<string, unknown> }[] {
  const db = new Database(join(tavlen.dataDir, 'tavlen.db'), { readonly: true });
  try {
    return db
      .prepare<[string], { userId: string | null; detail: string }>(
        'SELECT user_id AS userId, detail FROM audit_log WHERE action = ? ORDER BY id',
      )
      .all(action)
      .map((r) => ({ userId: r.userId, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  idp = await startOidcProvider();
  issuer = idp.issuer;
  const [portA, portB] = [await freePort(), await freePort()];
  idp.register(...[portA, portB].map((p) => `http://127.0.0.1:${p}/api/auth/oidc/callback`));
  [tavlenA, tavlenB] = await Promise.all([
    startServer({
      startTimeoutMs: START_TIMEOUT_MS,
      env: {
        ...idp.env(portA),
        PORT: String(portA),
        OIDC_LABEL: 'Log ind med KOMBIT',
        OIDC_ROLE_CLAIM: 'roles',
        OIDC_TEAMS_CLAIM: 'groups',
        OIDC_AUTO_CREATE: 'true',
      },
    }),
    startServer({
      startTimeoutMs: START_TIMEOUT_MS,
      env: {
        ...idp.env(portB),
        // The redirect URI derived from PUBLIC_URL instead.
        OIDC_REDIRECT_URI: '',
        PUBLIC_URL: `http://127.0.0.1:${portB}`,
        PORT: String(portB),
        OIDC_LINK_BY_USERNAME: 'true',
      },
    }),
  ]);
}, 2 * START_TIMEOUT_MS);

afterAll(async () => {
  for (const c of boardClients) c.destroy();
  for (const srv of [tavlenA, tavlenB]) {
    if (!srv) continue;
    await srv.stop();
    srv.cleanup();
  }
  await idp?.close();
});

describe('sign-in methods', () => {
  it('GET /api/auth/providers reports password and the OIDC button label', async () => {
    const res = await fetch(`${tavlenA.baseUrl}/api/auth/providers`);
    expect(AuthProvidersResponseSchema.parse(await res.json())).toEqual({
      password: true,
      oidc: { label: 'Log ind med KOMBIT' },
    });
  });

  it('start redirects to the provider with PKCE (S256), state and nonce', async () => {
    const browser = new Browser();
    const start = new URL('/api/auth/oidc/start', tavlenA.baseUrl);
    const to = location(await browser.get(start), start);
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('state')).toBe(browser.cookie(start, 'tavlen_oidc_state'));
  });
});

describe('the provider says no or is away', () => {
  it('cancelling at the provider returns to the login page with oidc_denied', async () => {
    const browser = new Browser();
    idp.nextAccount = CANCEL;
    let url = new URL('/api/auth/oidc/start', tavlenA.baseUrl);
    for (let hops = 0; hops < 12 && url.pathname !== '/'; hops++) url = location(await browser.get(url), url);
    expect(url.origin).toBe(tavlenA.baseUrl);
    expect(url.searchParams.get('loginError')).toBe('oidc_denied');
    expect(browser.cookie(url, 'tavlen_session')).toBeUndefined();
  });

  it('without OIDC_ISSUER there is no button and no OIDC route; an unreachable provider → oidc_unavailable', async () => {
    const port = await freePort(); // nothing listens there
    const oidc = loadConfig({
      ...idp.env(port),
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
    }).oidc;
    for (const config of [null, oidc]) {
      const storage = openMemoryStorage();
      const app = createApp({
        config: {
          SESSION_TTL_HOURS: 1,
          TRUST_PROXY: false,
          BOARD_UNLOAD_GRACE_MS: 50,
          COMPACT_EVERY_UPDATES: 100,
          oidc: config,
        },
        storage,
        log: silentLogger,
      });
      await new Promise<void>((res) => app.server.listen(0, '127.0.0.1', res));
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      try {
        const providers = AuthProvidersResponseSchema.parse(await (await fetch(`${base}/api/auth/providers`)).json());
        const start = await fetch(`${base}/api/auth/oidc/start`, { redirect: 'manual' });
        if (config === null) {
          expect(providers.oidc).toBeNull();
          expect(start.status).toBe(404);
        } else {
          expect(providers.oidc).not.toBeNull();
          expect(start.status).toBe(302);
          expect(start.headers.get('location')).toBe('/?loginError=oidc_unavailable');
        }
      } finally {
        await app.close();
        await storage.close();
      }
    }
  });
});

describe('role and teams from claims (server A)', () => {
  it('a first sign-in creates the user with role and teams from claims; the session works for /api/me and the board websocket', async () => {
    account({
      sub: 'kirsten-1',
      preferred_username: 'Kirsten',
      name: 'Kirsten Berg',
      roles: ['sygeplejerske'],
      groups: ['Team Syd', 'Et ukendt team'],
    });
    const { to, cookie } = await signIn(tavlenA, 'kirsten-1');
    expect(to.href).toBe(`${tavlenA.baseUrl}/`);
    expect(cookie).toBeTruthy();
    const body = await me(tavlenA, cookie!);
    expect(body.user).toMatchObject({ username: 'kirsten', name: 'Kirsten Berg', role: 'sygeplejerske' });
    expect(body.user.teamIds).toEqual(['team-syd']);

    const client = connectBoard(tavlenA, cookie, 'tavle-syd');
    boardClients.push(client);
    await client.synced;
    expect(client.board.cards().length).toBeGreaterThan(0);
    // Teams come from the claim only: not a member of Team Nord, so its board is refused.
    expect(await upgradeStatus(tavlenA.wsUrl, 'tavle-nord', cookie)).not.toBe(101);

    const logins = auditRows(tavlenA, 'login').filter((r) => r.userId === body.user.id);
    expect(logins).toEqual([{ userId: body.user.id, detail: { method: 'oidc' } }]);
  });

  it('role and teams follow the claims at every sign-in', async () => {
    account({
      sub: 'kirsten-1',
      preferred_username: 'kirsten',
      name: 'Kirsten Berg',
      roles: ['Ukendt gruppe', 'koordinator', 'ssh'],
      groups: ['team-nord'],
    });
    const { cookie } = await signIn(tavlenA, 'kirsten-1');
    const body = await me(tavlenA, cookie!);
    expect(body.user.role).toBe('koordinator');
    expect(body.user.teamIds).toEqual(['team-nord']);
  });

  it('an unknown role is refused with an audit entry, and no user is created', async () => {
    account({ sub: 'ulla-1', preferred_username: 'ulla', name: 'Ulla', roles: ['direktør'], groups: ['Team Nord'] });
    const { to, cookie } = await signIn(tavlenA, 'ulla-1');
    expect(to.pathname).toBe('/');
    expect(to.searchParams.get('loginError')).toBe('unknown_role');
    expect(cookie).toBeNull();
    expect(auditRows(tavlenA, 'login_failed')).toContainEqual({
      userId: null,
      detail: { method: 'oidc', reason: 'unknown_role', username: 'ulla' },
    });
  });

  it('a missing role claim is refused', async () => {
    account({ sub: 'mads-1', preferred_username: 'mads', name: 'Mads' });
    const { to, cookie } = await signIn(tavlenA, 'mads-1');
    expect(to.searchParams.get('loginError')).toBe('missing_role');
    expect(cookie).toBeNull();
  });

  it('skaerm is never granted through claims', async () => {
    account({ sub: 'screen-1', preferred_username: 'vaegskaerm', roles: ['skaerm'], groups: ['Team Nord'] });
    const { to, cookie } = await signIn(tavlenA, 'screen-1');
    expect(to.searchParams.get('loginError')).toBe('role_not_allowed');
    expect(cookie).toBeNull();
    expect(auditRows(tavlenA, 'login_failed')).toContainEqual({
      userId: null,
      detail: { method: 'oidc', reason: 'role_not_allowed', username: 'vaegskaerm' },
    });
  });

  it('a local username is not taken over silently by a provider account with the same name', async () => {
    account({ sub: 'other-anne', preferred_username: 'anne', roles: ['administrator'], groups: ['Team Nord'] });
    const { to, cookie } = await signIn(tavlenA, 'other-anne');
    expect(to.searchParams.get('loginError')).toBe('username_taken');
    expect(cookie).toBeNull();
  });
});

describe('state, nonce and replay (server A)', () => {
  it('a tampered state is refused', async () => {
    account({ sub: 'tove-1', preferred_username: 'tove', roles: ['ssa'], groups: ['Team Nord'] });
    const browser = new Browser();
    const callback = await toCallback(browser, tavlenA, 'tove-1');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const to = location(await browser.get(callback), callback);
    expect(to.searchParams.get('loginError')).toBe('oidc_state');
    expect(browser.cookie(new URL(tavlenA.baseUrl), 'tavlen_session')).toBeUndefined();
  });

  it('a callback in another browser (without the state cookie) is refused: no login CSRF', async () => {
    const callback = await toCallback(new Browser(), tavlenA, 'tove-1');
    const victim = new Browser();
    const to = location(await victim.get(callback), callback);
    expect(to.searchParams.get('loginError')).toBe('oidc_state');
    expect(victim.cookie(new URL(tavlenA.baseUrl), 'tavlen_session')).toBeUndefined();
  });

  it('a replayed callback (same code, state and cookie) is refused after its one use', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, tavlenA, 'tove-1');
    const stateCookie = browser.cookie(new URL(tavlenA.baseUrl), 'tavlen_oidc_state')!;
    const first = location(await browser.get(callback), callback);
    expect(first.search).toBe('');

    const replay = new Browser();
    replay.setCookie(new URL(tavlenA.baseUrl), 'tavlen_oidc_state', stateCookie);
    const again = location(await replay.get(callback), callback);
    expect(again.searchParams.get('loginError')).toBe('oidc_state');
    expect(replay.cookie(new URL(tavlenA.baseUrl), 'tavlen_session')).toBeUndefined();
  });
});

describe('local roles and teams (server B, no role claims)', () => {
  it('a known local user signs in and keeps the local role and teams, whatever the claims say', async () => {
    account({ sub: 'anne-1', preferred_username: 'anne', roles: ['administrator'], groups: ['Team Syd'] });
    const { to, cookie } = await signIn(tavlenB, 'anne-1');
    expect(to.href).toBe(`${tavlenB.baseUrl}/`);
    const body = await me(tavlenB, cookie!);
    expect(body.user).toMatchObject({ id: 'u-anne', username: 'anne', role: 'ssh', teamIds: ['team-nord'] });

    const client = connectBoard(tavlenB, cookie, 'tavle-nord');
    boardClients.push(client);
    await client.synced;
    expect(client.board.cards().length).toBeGreaterThan(0);
  });

  it('the link is by subject from then on: another provider account named anne is refused', async () => {
    account({ sub: 'anne-2', preferred_username: 'anne' });
    const { to, cookie } = await signIn(tavlenB, 'anne-2');
    expect(to.searchParams.get('loginError')).toBe('username_taken');
    expect(cookie).toBeNull();
  });

  it('an unknown local user is refused', async () => {
    account({ sub: 'nobody-1', preferred_username: 'nobody', roles: ['leder'] });
    const { to, cookie } = await signIn(tavlenB, 'nobody-1');
    expect(to.searchParams.get('loginError')).toBe('unknown_user');
    expect(cookie).toBeNull();
    expect(auditRows(tavlenB, 'login_failed')).toContainEqual({
      userId: null,
      detail: { method: 'oidc', reason: 'unknown_user', username: 'nobody' },
    });
  });

  it('a local wall-screen user cannot sign in through OIDC', async () => {
    account({ sub: 'screen-2', preferred_username: 'skaerm-nord' });
    const { to, cookie } = await signIn(tavlenB, 'screen-2');
    expect(to.searchParams.get('loginError')).toBe('role_not_allowed');
    expect(cookie).toBeNull();
  });
});
