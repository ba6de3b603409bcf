import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { createSessions } from '../../server/auth/sessions.js';
import { DEMO_USERS, seedDemo } from '../../server/seed/demo.js';
import { openMemoryStorage, type Storage } from '../../server/storage/index.js';
import { startInProcess } from '../helpers/inProcess.js';

/** createApp() builds everything without listening, so it can also be driven in-process. */
let storage: Storage;
let app: App;
let base: string;
let dist: string;

beforeAll(async () => {
  storage = openMemoryStorage();
  await seedDemo(storage);
  dist = mkdtempSync(join(tmpdir(), 'tavlen-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tavlen</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  ({ app, base } = await startInProcess(storage, { clientDist: dist }));
});
afterAll(async () => {
  await app?.close();
  await storage?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving the built client', () => {
  it('serves static files and falls back to index.html for client routes', async () => {
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    const route = await fetch(`${base}/tavle/tavle-nord`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Tavlen</title>');
  });

  it('never answers /api, /yjs or /healthz with the SPA', async () => {
    const api = await fetch(`${base}/api/ukendt`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/yjs/tavle-nord`)).status).toBe(404);
    expect(((await (await fetch(`${base}/healthz`)).json()) as { status: string }).status).toBe('ok');
  });
});

describe('sessions', () => {
  it('expire after the TTL and are then removed', async () => {
    let now = Date.now();
    const sessions = createSessions(storage, { ttlHours: 1, now: () => now });
    const result = await sessions.login('dorte', 'demo1234');
    expect(result?.user.role).toBe('terapeut');
    const header = `tavlen_session=${result!.token}`;
    expect((await sessions.sessionFromCookieHeader(header))?.username).toBe('dorte');
    now += 3_600_001;
    expect(await sessions.sessionFromCookieHeader(header)).toBeNull();
  });

  it('the hourly sweep deletes expired sessions and keeps live ones', async () => {
    const t0 = Date.now();
    await storage.createSession('sweep-expired', { userId: 'u-anne', expiresAt: t0 - 1 });
    await storage.createSession('sweep-live', { userId: 'u-anne', expiresAt: t0 + 60_000 });
    expect(await storage.deleteExpiredSessions(t0)).toBeGreaterThanOrEqual(1);
    expect(await storage.getSession('sweep-expired')).toBeNull();
    expect(await storage.getSession('sweep-live')).not.toBeNull();
  });

  it('every demo user can sign in with the demo password', async () => {
    const sessions = createSessions(storage, { ttlHours: 1 });
    for (const u of DEMO_USERS) {
      const r = await sessions.login(u.username, 'demo1234');
      expect(r?.user).toMatchObject({ username: u.username, role: u.role });
      expect([...r!.user.teamIds].sort()).toEqual([...u.teams].sort());
    }
  });
});
