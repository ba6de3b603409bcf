import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { health, login, startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

const post = (path: string, body: string, cookie?: string) =>
  fetch(`${srv.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body,
  });

describe('HTTP API', () => {
  it('GET /healthz answers 200 with counters', async () => {
    const res = await fetch(`${srv.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', boardsLoaded: expect.any(Number), connections: expect.any(Number) });
    expect(body.uptimeS).toEqual(expect.any(Number));
  });

  it('login with a wrong password is 401 with a Danish message, and sets no cookie', async () => {
    const res = await post('/api/login', JSON.stringify({ username: 'anne', password: 'forkert' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'Forkert brugernavn eller adgangskode.' },
    });
    const unknown = await post('/api/login', JSON.stringify({ username: 'ingen', password: 'demo1234' }));
    expect(unknown.status).toBe(401);
  });

  it('login with the right password sets an HttpOnly session cookie and returns the user', async () => {
    const res = await post('/api/login', JSON.stringify({ username: 'Anne', password: 'demo1234' }));
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^tavlen_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const body = (await res.json()) as { user: Record<string, unknown>; teams: unknown[] };
    expect(body.user).toMatchObject({
      id: 'u-anne',
      username: 'anne',
      role: 'ssh',
      teamIds: ['team-nord'],
      lang: 'da',
    });
    expect(body.teams).toEqual([{ id: 'team-nord', name: 'Team Nord', boardId: 'tavle-nord' }]);
  });

  it('invalid JSON and invalid fields are 400 with a Danish message', async () => {
    const bad = await post('/api/login', '{"username": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: 'invalid_request', message: 'Forespørgslen er ikke gyldig JSON.' },
    });
    const missing = await post('/api/login', JSON.stringify({ username: '' }));
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toBe('Ugyldige eller manglende felter: username, password.');
  });

  it('too large bodies are 413', async () => {
    const res = await post('/api/login', JSON.stringify({ username: 'x'.repeat(200_000), password: 'y' }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('/api/me needs a session; PATCH /api/me changes the language', async () => {
    expect((await fetch(`${srv.baseUrl}/api/me`)).status).toBe(401);
    const cookie = await login(srv.baseUrl, 'bent');
    const me = await fetch(`${srv.baseUrl}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('bent');

    const patch = (body: unknown) =>
      fetch(`${srv.baseUrl}/api/me`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const changed = await patch({ lang: 'en' });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { user: { lang: string } }).user.lang).toBe('en');
    expect((await patch({ lang: 'de' })).status).toBe(400);
  });

  it('/api/boards lists only the boards of the user’s teams', async () => {
    expect((await fetch(`${srv.baseUrl}/api/boards`)).status).toBe(401);
    const boardsOf = async (user: string) =>
      (await (
        await fetch(`${srv.baseUrl}/api/boards`, { headers: { cookie: await login(srv.baseUrl, user) } })
      ).json()) as {
        id: string;
        teamName: string;
      }[];
    expect((await boardsOf('anne')).map((b) => b.id)).toEqual(['tavle-nord']);
    expect((await boardsOf('hanne')).map((b) => b.id)).toEqual(['tavle-syd']);
    expect((await boardsOf('gitte')).map((b) => b.id).sort()).toEqual(['tavle-nord', 'tavle-syd']);
  });

  it('logout deletes the server-side session and clears the cookie', async () => {
    const cookie = await login(srv.baseUrl, 'camilla');
    const res = await post('/api/logout', '', cookie);
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/tavlen_session=;.*Max-Age=0/);
    expect((await fetch(`${srv.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('unknown /api routes are a JSON 404; forged cookies are 401', async () => {
    const res = await fetch(`${srv.baseUrl}/api/findes-ikke`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const forged = await fetch(`${srv.baseUrl}/api/me`, { headers: { cookie: `tavlen_session=${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    expect((await health(srv.baseUrl)).status).toBe('ok');
  });
});
