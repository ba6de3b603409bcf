/**
 * Adversarial review of the admin API (docs/security.md "Administration"): what a leder or an
 * administrator of another municipality might try with ids and bodies the UI never sends.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminTeam, AdminUser } from '../../shared/protocol/admin.js';
import { apiCall, login, startServer, type TestServer } from '../helpers/server.js';

const PASSWORD = 'en-lang-adgangskode';
/** A real date, so shaped like a CPR number (shared/rules/cpr.ts). */
const CPR = '010190-1234';

let srv: TestServer;
let admin: string;

/** A JSON request as a browser on the app's own origin sends it. */
const call = <T = unknown>(cookie: string | null, method: string, path: string, body?: unknown) =>
  apiCall<T>(srv.baseUrl, cookie, method, path, body);

const me = async (cookie: string) => (await call(cookie, 'GET', '/api/me')).status;

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(srv.dataDir, 'tavlen.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  srv = await startServer();
  admin = await login(srv.baseUrl, 'admin');
});
afterAll(async () => {
  await srv.stop();
  srv.cleanup();
});

describe('adversarial: leder', () => {
  it('cannot log an administrator out through a no-op change of teams', async () => {
    // admin is on team-nord and team-syd, which gitte leads: gitte can see admin.
    const adminCookie = await login(srv.baseUrl, 'admin');
    expect(await me(adminCookie)).toBe(200);
    const gitte = await login(srv.baseUrl, 'gitte');
    const res = await call(gitte, 'PUT', '/api/admin/users/u-admin/teams', { teamIds: ['team-syd', 'team-nord'] });
    expect([200, 403]).toContain(res.status);
    // Nothing changed, so nothing is audited and nobody is signed out.
    expect(await me(adminCookie)).toBe(200);
    expect(await me(admin)).toBe(200);
    const audited = withDb((db) =>
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user_teams_changed'").get(),
    );
    expect(audited).toEqual({ n: 0 });
  });

  it('cannot give themselves a team, a role, read-write or a new password', async () => {
    const extra = await call<AdminTeam>(admin, 'POST', '/api/admin/teams', { name: 'Team Eskalering' });
    expect(extra.status).toBe(201);
    const gitte = await login(srv.baseUrl, 'gitte');
    const tries: [string, string, unknown][] = [
      ['PUT', '/api/admin/users/u-gitte/teams', { teamIds: ['team-nord', 'team-syd', extra.body.id] }],
      ['PATCH', '/api/admin/users/u-gitte', { role: 'administrator' }],
      ['PATCH', '/api/admin/users/u-anne', { role: 'leder' }],
      ['PATCH', '/api/admin/users/u-gitte', { readOnly: false }],
      ['POST', '/api/admin/users/u-gitte/password', { password: 'x'.repeat(12) }],
      ['POST', '/api/admin/users/u-admin/password', { password: 'x'.repeat(12) }],
      ['PATCH', `/api/admin/teams/team-nord`, { name: 'Overtaget' }],
      [
        'POST',
        '/api/admin/users',
        { username: 'ny', name: 'Ny', role: 'administrator', teamIds: [], password: PASSWORD },
      ],
    ];
    for (const [method, path, body] of tries) {
      const res = await call(gitte, method, path, body);
      expect([403, 404], `${method} ${path}`).toContain(res.status);
    }
    const after = await call<{ user: { role: string; teamIds: string[] } }>(gitte, 'GET', '/api/me');
    expect(after.body.user.role).toBe('leder');
    expect(after.body.user.teamIds).toEqual(['team-nord', 'team-syd']);
  });
});

describe('adversarial: another municipality', () => {
  it('an administrator reaches no team or user of another municipality by id', async () => {
    withDb((db) => {
      db.prepare("INSERT INTO municipalities (id, name) VALUES ('kommune-x', 'X Kommune')").run();
      db.prepare("UPDATE teams SET municipality_id = 'kommune-x' WHERE id = 'team-syd'").run();
      db.prepare("UPDATE users SET municipality_id = 'kommune-x' WHERE id IN ('u-hanne', 'u-ida')").run();
    });
    const teams = await call<AdminTeam[]>(admin, 'GET', '/api/admin/teams');
    expect(teams.body.map((t) => t.id)).not.toContain('team-syd');
    const users = await call<AdminUser[]>(admin, 'GET', '/api/admin/users');
    expect(users.body.map((u) => u.id)).not.toContain('u-hanne');
    const tries: [string, string, unknown][] = [
      ['PATCH', '/api/admin/teams/team-syd', { name: 'Kapret' }],
      ['PATCH', '/api/admin/users/u-hanne', { role: 'administrator' }],
      ['PATCH', '/api/admin/users/u-ida', { active: false }],
      ['PUT', '/api/admin/users/u-hanne/teams', { teamIds: ['team-nord'] }],
      ['POST', '/api/admin/users/u-hanne/password', { password: PASSWORD }],
    ];
    for (const [method, path, body] of tries) {
      expect((await call(admin, method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    // Nor may a user of this municipality be put on the other municipality's team.
    const put = await call(admin, 'PUT', '/api/admin/users/u-anne/teams', { teamIds: ['team-nord', 'team-syd'] });
    expect(put.status).toBe(400);
    const created = await call(admin, 'POST', '/api/admin/users', {
      username: 'spion',
      name: 'Spion',
      role: 'ssh',
      teamIds: ['team-syd'],
      password: PASSWORD,
    });
    expect(created.status).toBe(400);
    expect(withDb((db) => db.prepare("SELECT name FROM teams WHERE id = 'team-syd'").get())).toEqual({
      name: 'Team Syd',
    });
    // The hanne login still works: nothing was reset.
    expect(await me(await login(srv.baseUrl, 'hanne'))).toBe(200);
  });
});

describe('adversarial: CPR numbers through the admin API', () => {
  it('team and user names that look like a CPR number are refused and stored nowhere', async () => {
    const cookie = await login(srv.baseUrl, 'admin');
    const tries: [string, string, unknown][] = [
      ['POST', '/api/admin/teams', { name: `Team ${CPR}` }],
      ['PATCH', '/api/admin/teams/team-nord', { name: `Nord 0101901234` }],
      [
        'POST',
        '/api/admin/users',
        { username: 'cprnavn', name: `Anne ${CPR}`, role: 'ssh', teamIds: [], password: PASSWORD },
      ],
    ];
    for (const [method, path, body] of tries) {
      const res = await call<{ error: { code: string; message: string } }>(cookie, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.message).toContain('CPR');
    }
    const dump = withDb((db) =>
      JSON.stringify([
        db.prepare('SELECT name FROM teams').all(),
        db.prepare('SELECT name FROM boards').all(),
        db.prepare('SELECT name FROM users').all(),
      ]),
    );
    expect(dump).not.toMatch(/0101901234|010190-1234/);
  });
});

describe('adversarial: CPR numbers as usernames', () => {
  it('a username that is a CPR number is refused (it would be stored, audited and shown)', async () => {
    const cookie = await login(srv.baseUrl, 'admin');
    for (const username of ['010190-1234', '0101901234', 'anne.010190-1234']) {
      const res = await call<{ error: { message: string } }>(cookie, 'POST', '/api/admin/users', {
        username,
        name: 'Anne Cpr',
        role: 'ssh',
        teamIds: [],
        password: PASSWORD,
      });
      expect(res.status, username).toBe(400);
      expect(res.body.error.message).toContain('CPR');
    }
    const dump = withDb((db) => JSON.stringify(db.prepare('SELECT username FROM users').all()));
    expect(dump).not.toMatch(/0101901234|010190-1234/);
  });
});
