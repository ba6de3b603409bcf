/**
 * Sign-in, sessions and HTTP hardening against the real server (docs/security.md):
 * security headers, CSRF (same-origin) checks, body limits and errors, login rate limits with
 * audit entries, secure cookies behind TLS, expired sessions, logout and logout everywhere.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/limits.js';
import {
  login,
  openRawSocket,
  startServer,
  upgradeStatus,
  waitFor,
  type RawSocket,
  type TestServer,
} from '../helpers/server.js';

let srv: TestServer;
const sockets: Socket[] = [];
const raws: RawSocket[] = [];

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const r of raws) r.ws.terminate();
  await srv?.stop();
  srv?.cleanup();
});

interface ErrorJson {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

function send(
  server: TestServer,
  method: string,
  path: string,
  opts: { body?: string; headers?: Record<string, string>; cookie?: string } = {},
) {
  return fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    body: opts.body,
  });
}

const loginBody = (username: string, password = 'demo1234') => JSON.stringify({ username, password });

function openIo(server: TestServer, cookie: string): Socket {
  const socket = connectIo(server.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

const ioConnected = (s: Socket) =>
  new Promise<void>((res, rej) => {
    s.once('connect', () => res());
    s.once('connect_error', rej);
  });

async function openWs(server: TestServer, cookie: string, boardId = 'tavle-nord'): Promise<RawSocket> {
  const raw = await openRawSocket(server.wsUrl, boardId, cookie);
  raws.push(raw);
  return raw;
}

describe('security headers', () => {
  it('every response carries a CSP, nosniff and anti-framing headers, and no X-Powered-By', async () => {
    for (const path of ['/healthz', '/api/me', '/']) {
      const res = await fetch(`${srv.baseUrl}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(
        new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${srv.port} wss://127\\.0\\.0\\.1:${srv.port}`),
      );
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CSRF: state-changing requests must come from our own pages', () => {
  it('refuses a cross-site POST (Origin of another site) with 403 and a Danish message', async () => {
    const res = await send(srv, 'POST', '/api/login', {
      body: loginBody('anne'),
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({
      error: { code: 'cross_site_request', message: 'Forespørgslen kom ikke fra Tavlens egen side og blev afvist.' },
    });
  });

  it('refuses a signed-in cross-site PATCH, and the change is not made', async () => {
    const cookie = await login(srv.baseUrl, 'bent');
    const res = await send(srv, 'PATCH', '/api/me', {
      cookie,
      body: JSON.stringify({ lang: 'en' }),
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    const me = (await (await send(srv, 'GET', '/api/me', { cookie })).json()) as { user: { lang: string } };
    expect(me.user.lang).toBe('da');
  });

  it('without Origin, refuses Sec-Fetch-Site: cross-site and same-site; Origin: null is refused too', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await send(srv, 'POST', '/api/login', {
        body: loginBody('anne'),
        headers: { 'sec-fetch-site': site },
      });
      expect(res.status, site).toBe(403);
    }
    const nullOrigin = await send(srv, 'POST', '/api/login', { body: loginBody('anne'), headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
  });

  it('accepts a same-origin POST (Origin, or Sec-Fetch-Site: same-origin) and GETs from anywhere', async () => {
    const withOrigin = await send(srv, 'POST', '/api/login', {
      body: loginBody('anne'),
      headers: { origin: srv.baseUrl, 'sec-fetch-site': 'same-origin' },
    });
    expect(withOrigin.status).toBe(200);
    const withFetchSite = await send(srv, 'POST', '/api/login', {
      body: loginBody('anne'),
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(withFetchSite.status).toBe(200);
    const get = await send(srv, 'GET', '/api/me', { headers: { origin: 'https://evil.example' } });
    expect(get.status).toBe(401);
  });

  it('refuses bodies that are not application/json with 415 (an HTML form cannot send JSON)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await send(srv, 'POST', '/api/login', {
        body: loginBody('anne'),
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(415);
      expect(((await res.json()) as ErrorJson).error.code).toBe('unsupported_media_type');
    }
    const json = await send(srv, 'POST', '/api/login', {
      body: loginBody('anne'),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(json.status).toBe(200);
  });
});

describe('request bodies and validation errors', () => {
  it('an oversized body is 413 with the limit in Danish', async () => {
    const res = await send(srv, 'POST', '/api/login', { body: loginBody('x'.repeat(120 * 1024)) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'payload_too_large', message: 'Forespørgslen er for stor (højst 100 kB).' },
    });
  });

  it('malformed JSON is 400 in Danish', async () => {
    const res = await send(srv, 'POST', '/api/login', { body: '{"username": "anne",' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_request', message: 'Forespørgslen er ikke gyldig JSON.' },
    });
  });

  it('an invalid field is 400 naming the field, with a Danish message per field', async () => {
    const cookie = await login(srv.baseUrl, 'camilla');
    const res = await send(srv, 'PATCH', '/api/me', { cookie, body: JSON.stringify({ lang: 'de' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toBe('Ugyldige eller manglende felter: lang.');
    expect(body.error.details).toHaveLength(1);
    expect(body.error.details?.[0]?.path).toBe('lang');
    expect(body.error.details?.[0]?.message).toMatch(/^Ugyldig/);
  });
});

describe('login rate limiting and the audit log', () => {
  it('after 10 wrong passwords for one username it answers 429 with Retry-After, even to the right one', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await send(srv, 'POST', '/api/login', { body: loginBody('dorte', `forkert-${i}`) });
      expect(res.status).toBe(401);
    }
    const blocked = await send(srv, 'POST', '/api/login', { body: loginBody('Dorte ', 'demo1234') });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toEqual({
      error: {
        code: 'too_many_requests',
        message: 'For mange mislykkede forsøg på at logge ind. Vent lidt, og prøv igen.',
      },
    });
    // The limit is per username: a colleague at the same PC can still sign in.
    expect((await send(srv, 'POST', '/api/login', { body: loginBody('frederik') })).status).toBe(200);
  });

  it('failed and successful sign-ins are in the append-only audit log, never with the password', async () => {
    const db = new Database(join(srv.dataDir, 'tavlen.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare<[], { action: string; user_id: string | null; detail: string }>(
          "SELECT action, user_id, detail FROM audit_log WHERE action IN ('login', 'login_failed') ORDER BY id",
        )
        .all();
      const failed = rows
        .filter((r) => r.action === 'login_failed')
        .map((r) => JSON.parse(r.detail) as Record<string, unknown>);
      const dorte = failed.filter((d) => d.username === 'dorte');
      expect(dorte.filter((d) => d.reason === 'invalid_credentials')).toHaveLength(10);
      expect(dorte.filter((d) => d.reason === 'rate_limited').length).toBeGreaterThanOrEqual(1);
      for (const d of dorte) {
        expect(d.ip).toMatch(/127\.0\.0\.1/);
        expect(Object.keys(d).sort()).toEqual(['ip', 'reason', 'username']);
      }
      expect(rows.map((r) => r.detail).join('\n')).not.toMatch(/forkert|demo1234/);
      const frederik = rows.find((r) => r.action === 'login' && r.user_id === 'u-frederik');
      expect(frederik).toBeDefined();
      expect(JSON.parse(frederik!.detail)).toMatchObject({ username: 'frederik', ip: expect.stringMatching(/127/) });
    } finally {
      db.close();
    }
  });
});

describe('logout and logout everywhere', () => {
  it('logout closes the live websocket and socket.io connections of that session only', async () => {
    const [ended, other] = [await login(srv.baseUrl, 'anne'), await login(srv.baseUrl, 'anne')];
    const endedWs = await openWs(srv, ended);
    const otherWs = await openWs(srv, other);
    const endedIo = openIo(srv, ended);
    await ioConnected(endedIo);
    const ioGone = new Promise<string>((res) => endedIo.once('disconnect', res));

    expect((await send(srv, 'POST', '/api/logout', { cookie: ended })).status).toBe(204);
    expect((await endedWs.closed).code).toBe(CloseCode.unauthorized);
    expect(await ioGone).toBe('io server disconnect');
    expect(otherWs.ws.readyState).toBe(otherWs.ws.OPEN);
    expect((await send(srv, 'GET', '/api/me', { cookie: other })).status).toBe(200);
  });

  it('POST /api/logout-all ends every session of the user and closes their connections at once', async () => {
    const here = await login(srv.baseUrl, 'ida');
    const elsewhere = await login(srv.baseUrl, 'ida');
    const colleague = await login(srv.baseUrl, 'hanne');
    const idaWs = await openWs(srv, elsewhere, 'tavle-syd');
    const colleagueWs = await openWs(srv, colleague, 'tavle-syd');
    const idaIo = openIo(srv, elsewhere);
    await ioConnected(idaIo);
    const ioGone = new Promise<string>((res) => idaIo.once('disconnect', res));

    expect((await send(srv, 'POST', '/api/logout-all', { cookie: elsewhere })).status).toBe(204);
    const closed = await idaWs.closed;
    expect(closed).toEqual({ code: CloseCode.unauthorized, reason: 'session ended' });
    expect(await ioGone).toBe('io server disconnect');
    expect((await send(srv, 'GET', '/api/me', { cookie: here })).status).toBe(401);
    expect((await send(srv, 'GET', '/api/me', { cookie: elsewhere })).status).toBe(401);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-syd', here)).toBe(401);
    // Other people are not touched.
    expect(colleagueWs.ws.readyState).toBe(colleagueWs.ws.OPEN);
    expect((await send(srv, 'GET', '/api/me', { cookie: colleague })).status).toBe(200);
    // Without a session there is nothing to end.
    expect((await send(srv, 'POST', '/api/logout-all')).status).toBe(401);
  });
});

describe('behind a TLS proxy, with short sessions', () => {
  let short: TestServer;
  const TTL_HOURS = 0.002; // 7.2 seconds
  beforeAll(async () => {
    short = await startServer({
      env: { TRUST_PROXY: 'true', SESSION_TTL_HOURS: String(TTL_HOURS), LOGIN_FAILURES_PER_IP: '3' },
    });
  });
  afterAll(async () => {
    await short?.stop();
    short?.cleanup();
  });

  it('sets Secure on the session cookie when the proxy says https, and not over plain http', async () => {
    const tls = await send(short, 'POST', '/api/login', {
      body: loginBody('anne'),
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.status).toBe(200);
    expect(tls.headers.get('set-cookie')).toMatch(/HttpOnly.*Secure|Secure.*HttpOnly/i);
    const plain = await send(short, 'POST', '/api/login', { body: loginBody('anne') });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('limits failed sign-ins per client IP as the proxy saw it; a forged X-Forwarded-For does not help', async () => {
    // The proxy appends the real client address; anything before it is the client's own claim.
    const attempt = (i: number) =>
      send(short, 'POST', '/api/login', {
        body: loginBody(`ukendt-${i}`, 'gæt'),
        headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` },
      });
    for (let i = 0; i < 3; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(3)).status).toBe(429);
    // Another client address is not held up.
    const other = await send(short, 'POST', '/api/login', {
      body: loginBody('anne'),
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    expect(other.status).toBe(200);
  });

  it('refuses an expired session cookie on HTTP, the websocket and socket.io', async () => {
    const first = await login(short.baseUrl, 'bent');
    const second = await login(short.baseUrl, 'bent');
    const third = await login(short.baseUrl, 'bent');
    const expiresBy = Date.now() + TTL_HOURS * 3_600_000;
    expect((await send(short, 'GET', '/api/me', { cookie: third })).status).toBe(200);

    await waitFor(() => Date.now() > expiresBy + 250, { timeoutMs: 20_000, what: 'the sessions to expire' });
    expect((await send(short, 'GET', '/api/me', { cookie: first })).status).toBe(401);
    expect(await upgradeStatus(short.wsUrl, 'tavle-nord', second)).toBe(401);
    await expect(ioConnected(openIo(short, third))).rejects.toThrow('unauthenticated');
  });
});
