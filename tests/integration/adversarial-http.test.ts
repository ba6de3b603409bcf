/**
 * Adversarial review of the JSON API (docs/security.md "Sign-in and sessions", "HTTP
 * hardening", "No CPR numbers"): requests a browser UI never sends.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;

async function send(method: string, path: string, opts: { cookie?: string; body?: string } = {}) {
  const headers: Record<string, string> = { origin: srv.baseUrl };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${srv.baseUrl}${path}`, { method, headers, body: opts.body });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}

const auditDetails = () => {
  const db = new Database(join(srv.dataDir, 'tavlen.db'), { readonly: true });
  try {
    return db
      .prepare<[], { detail: string }>('SELECT detail FROM audit_log')
      .all()
      .map((r) => r.detail);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv.stop();
  srv.cleanup();
});

describe('adversarial: sign-in', () => {
  it('a CPR number typed as username is not written to the audit log', async () => {
    // People used to sign in to public systems with their CPR number; some will type it here.
    const res = await send('POST', '/api/login', { body: JSON.stringify({ username: '0101901234', password: 'x' }) });
    expect(res.status).toBe(401);
    const res2 = await send('POST', '/api/login', { body: JSON.stringify({ username: '010190-1234', password: 'x' }) });
    expect(res2.status).toBe(401);
    const details = auditDetails().filter((d) => d.includes('invalid_credentials'));
    expect(details.length).toBeGreaterThanOrEqual(2);
    for (const d of auditDetails()) expect(d).not.toMatch(/010190-?1234/);
  });

  it('a new session token is issued at sign-in, whatever cookie the browser already had', async () => {
    const planted = await login(srv.baseUrl, 'bent');
    const res = await fetch(`${srv.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: srv.baseUrl, cookie: planted },
      body: JSON.stringify({ username: 'anne', password: 'demo1234' }),
    });
    expect(res.status).toBe(200);
    const fresh = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('tavlen_session='))!
      .split(';')[0]!;
    expect(fresh).not.toBe(planted);
    const me = await send('GET', '/api/me', { cookie: fresh });
    expect(JSON.parse(me.text).user.username).toBe('anne');
  });

  it('GET never signs out (no state change by a link or an <img>)', async () => {
    const cookie = await login(srv.baseUrl, 'camilla');
    for (const path of ['/api/logout', '/api/logout-all']) {
      expect((await send('GET', path, { cookie })).status).toBe(404);
    }
    expect((await send('GET', '/api/me', { cookie })).status).toBe(200);
  });
});

describe('adversarial: bodies', () => {
  it('__proto__ and constructor keys change nobody’s role or language and pollute nothing', async () => {
    const cookie = await login(srv.baseUrl, 'dorte');
    const body =
      '{"lang":"en","__proto__":{"role":"administrator","readOnly":false},"constructor":{"prototype":{"x":1}}}';
    const res = await send('PATCH', '/api/me', { cookie, body });
    expect([200, 400]).toContain(res.status);
    const me = JSON.parse((await send('GET', '/api/me', { cookie })).text) as { user: Record<string, unknown> };
    expect(me.user.role).toBe('terapeut');
    const admin = await send('GET', '/api/admin/users', { cookie });
    expect(admin.status).toBe(403);
    // Another person's request is not affected by a polluted prototype either.
    const other = JSON.parse((await send('GET', '/api/me', { cookie: await login(srv.baseUrl, 'anne') })).text);
    expect(other.user.role).toBe('ssh');
    expect(JSON.stringify(other)).not.toContain('"x":1');
  });

  it('deeply nested JSON within the size limit is a 400 or 401, never a crash', async () => {
    const deep = '['.repeat(40_000) + ']'.repeat(40_000);
    for (const body of [deep, `{"username":${deep},"password":"x"}`]) {
      const res = await send('POST', '/api/login', { body });
      expect([400, 401]).toContain(res.status);
      expect(res.text).not.toMatch(/at .*\.(ts|js):\d+|RangeError|stack/);
    }
    expect((await fetch(`${srv.baseUrl}/healthz`)).status).toBe(200);
  });

  it('wrong types in the body are a Danish 400 without stack traces or echoed values', async () => {
    for (const body of ['{"username":["anne"],"password":{"$ne":1}}', '"anne"', 'null', '[]', '{"username":1e999}']) {
      const res = await send('POST', '/api/login', { body });
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.text)).toHaveProperty('error.code', 'invalid_request');
      expect(res.text).not.toMatch(/ZodError|at .*\.(ts|js):\d+|\$ne/);
    }
  });
});

describe('adversarial: board ids', () => {
  it('config of another team’s board, an unknown board or a path-like id is the same 404', async () => {
    const anne = await login(srv.baseUrl, 'anne'); // team-nord only
    const bodies = new Set<string>();
    for (const id of ['tavle-syd', 'tavle-findes-ikke', '..%2F..%2Fetc%2Fpasswd', 'tavle-syd%00', 'TAVLE-SYD']) {
      const res = await send('GET', `/api/boards/${id}/config`, { cookie: anne });
      expect(res.status, id).toBe(404);
      bodies.add(res.text);
    }
    expect(bodies.size).toBe(1);
    expect((await send('GET', '/api/boards/tavle-nord/config', { cookie: anne })).status).toBe(200);
  });
});

describe('adversarial: guessing wall-screen pairing codes', () => {
  it('after 20 wrong codes from one address the answer is 429, even for a well-formed code', async () => {
    const pair = (code: string) =>
      fetch(`${srv.baseUrl}/api/pair`, {
        method: 'POST',
        headers: { origin: srv.baseUrl, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await pair('ABCDEFGH')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
