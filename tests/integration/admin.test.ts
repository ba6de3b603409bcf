import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminTeam, AdminUser } from '../../shared/protocol/admin.js';
import type { AwarenessState } from '../../shared/protocol/limits.js';
import {
  apiCall,
  connectBoard,
  login,
  startServer,
  upgradeStatus,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

const PASSWORD = 'en-lang-adgangskode';

let srv: TestServer;
let admin: string;
const clients: BoardClient[] = [];

/** A JSON request as a browser on the app's own origin sends it. */
const call = <T = unknown>(cookie: string | null, method: string, path: string, body?: unknown) =>
  apiCall<T>(srv.baseUrl, cookie, method, path, body);

type ErrorReply = { error: { code: string; message: string } };

async function createTeam(name: string, kind: 'kommune' | 'privat' = 'kommune'): Promise<AdminTeam> {
  const res = await call<AdminTeam>(admin, 'POST', '/api/admin/teams', { name, kind });
  expect(res.status).toBe(201);
  return res.body;
}

async function createUser(
  username: string,
  extra: Partial<{ role: string; teamIds: string[]; readOnly: boolean }> = {},
): Promise<AdminUser> {
  const res = await call<AdminUser>(admin, 'POST', '/api/admin/users', {
    username,
    name: `Test ${username}`,
    role: 'ssh',
    teamIds: ['team-nord'],
    password: PASSWORD,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function client(cookie: string, board: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, board);
  clients.push(c);
  await c.synced;
  return c;
}

const boardIds = async (cookie: string) =>
  (await call<{ id: string }[]>(cookie, 'GET', '/api/boards')).body.map((b) => b.id);

beforeAll(async () => {
  srv = await startServer();
  admin = await login(srv.baseUrl, 'admin');
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe('admin API: who may', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/admin/teams'],
    ['POST', '/api/admin/teams', { name: 'Team Forbudt' }],
    ['PATCH', '/api/admin/teams/team-nord', { name: 'Omdøbt' }],
    ['GET', '/api/admin/users'],
    ['POST', '/api/admin/users', { username: 'x', name: 'X', role: 'ssh', teamIds: [], password: PASSWORD }],
    ['PATCH', '/api/admin/users/u-anne', { role: 'leder' }],
    ['PUT', '/api/admin/users/u-anne/teams', { teamIds: ['team-syd'] }],
    ['POST', '/api/admin/users/u-anne/password', { password: PASSWORD }],
  ];

  it.each(['anne', 'frederik', 'eva', 'camilla', 'skaerm-nord'])('%s gets 403 on every admin route', async (who) => {
    const cookie = await login(srv.baseUrl, who);
    for (const [method, path, body] of routes) {
      const res = await call<ErrorReply>(cookie, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toBe('Du har ikke adgang til dette.');
    }
  });

  it('signed out gets 401', async () => {
    for (const [method, path, body] of routes) expect((await call(null, method, path, body)).status).toBe(401);
  });

  it('a leder sees the members of their teams but manages neither teams nor users', async () => {
    const gitte = await login(srv.baseUrl, 'gitte');
    const users = await call<AdminUser[]>(gitte, 'GET', '/api/admin/users');
    expect(users.status).toBe(200);
    expect(users.body.map((u) => u.username)).toContain('anne');
    expect(users.body.every((u) => u.teamIds.some((t) => t === 'team-nord' || t === 'team-syd'))).toBe(true);
    const teams = await call<AdminTeam[]>(gitte, 'GET', '/api/admin/teams');
    expect(teams.body.map((t) => t.id).sort()).toEqual(['team-nord', 'team-syd']);
    for (const [method, path, body] of routes.filter(([m, p]) => m !== 'GET' && !p.endsWith('/teams'))) {
      expect((await call(gitte, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await call(gitte, 'POST', '/api/admin/teams', { name: 'Nyt' })).status).toBe(403);
    expect((await call(gitte, 'PATCH', '/api/admin/teams/team-nord', { name: 'Nyt' })).status).toBe(403);
  });

  it('a leder moves a member between their own teams, but not into a team they do not lead', async () => {
    const vest = await createTeam('Team Vest (leder-test)');
    const lise = await createUser('lise', { teamIds: ['team-nord'] });
    const gitte = await login(srv.baseUrl, 'gitte');
    const moved = await call<AdminUser>(gitte, 'PUT', `/api/admin/users/${lise.id}/teams`, { teamIds: ['team-syd'] });
    expect(moved.status).toBe(200);
    expect(moved.body.teamIds).toEqual(['team-syd']);
    const refused = await call(gitte, 'PUT', `/api/admin/users/${lise.id}/teams`, { teamIds: [vest.id] });
    expect(refused.status).toBe(403);
    // Administrators are not the leder's to move; they are not even listed.
    expect((await call(gitte, 'PUT', '/api/admin/users/u-admin/teams', { teamIds: ['team-nord'] })).status).toBe(403);
  });
});

describe('admin API: teams', () => {
  it('a new team gets an empty board: its members see and open it, others get 404', async () => {
    const team = await createTeam('Team Øst');
    expect(team).toMatchObject({ name: 'Team Øst', kind: 'kommune', memberCount: 0 });
    expect(team.boardId).toBeTruthy();
    const ole = await createUser('ole', { teamIds: [team.id] });
    expect(ole.teamIds).toEqual([team.id]);

    const cookie = await login(srv.baseUrl, 'ole', PASSWORD);
    expect(await boardIds(cookie)).toEqual([team.boardId]);
    const c = await client(cookie, team.boardId!);
    expect(c.board.meta()?.name).toBe('Tavle Team Øst');
    expect(c.board.cards()).toEqual([]);

    const anne = await login(srv.baseUrl, 'anne');
    expect(await upgradeStatus(srv.wsUrl, team.boardId!, anne)).toBe(404);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-nord', cookie)).toBe(404);
    expect(await boardIds(anne)).not.toContain(team.boardId);

    const listed = await call<AdminTeam[]>(admin, 'GET', '/api/admin/teams');
    expect(listed.body.find((t) => t.id === team.id)?.memberCount).toBe(1);
  });

  it('renames a team and its board; names are unique', async () => {
    const team = await createTeam('Team Midt');
    const renamed = await call<AdminTeam>(admin, 'PATCH', `/api/admin/teams/${team.id}`, { name: 'Team Centrum' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Team Centrum');
    const dup = await call<ErrorReply>(admin, 'POST', '/api/admin/teams', { name: 'team nord' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toBe('Der findes allerede et team med det navn.');
    expect((await call(admin, 'PATCH', '/api/admin/teams/findes-ikke', { name: 'X' })).status).toBe(404);
  });

  it('a private provider is a team like any other and sees only its own citizens', async () => {
    const privat = await createTeam('Privat Pleje ApS', 'privat');
    expect(privat.kind).toBe('privat');
    const pia = await createUser('pia', { teamIds: [privat.id], role: 'sygeplejerske' });
    const cookie = await login(srv.baseUrl, pia.username, PASSWORD);
    expect(await boardIds(cookie)).toEqual([privat.boardId]);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-nord', cookie)).toBe(404);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-syd', cookie)).toBe(404);

    const own = await client(cookie, privat.boardId!);
    const id = own.board.createCard({ name: 'Privat Borger', phaseId: 'henvist' }, { source: 'local', userId: pia.id });
    const again = await client(cookie, privat.boardId!);
    await waitFor(() => again.board.hasCard(id), { what: 'card on the private board' });
    expect(again.board.cards().map((c) => c.id)).toEqual([id]);
    const nord = await client(await login(srv.baseUrl, 'anne'), 'tavle-nord');
    expect(nord.board.hasCard(id)).toBe(false);
  });
});

describe('admin API: users', () => {
  it('a role change ends the old session; the new role applies at the next sign-in', async () => {
    const user = await createUser('rasmus', { role: 'ssh' });
    const old = await login(srv.baseUrl, 'rasmus', PASSWORD);
    const live = await client(old, 'tavle-nord');
    const changed = await call<AdminUser>(admin, 'PATCH', `/api/admin/users/${user.id}`, { role: 'koordinator' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('koordinator');
    expect((await call(old, 'GET', '/api/me')).status).toBe(401);
    await waitFor(() => live.closeCodes.includes(4401), { what: 'live connection closed with 4401' });
    const fresh = await login(srv.baseUrl, 'rasmus', PASSWORD);
    const me = await call<{ user: { role: string } }>(fresh, 'GET', '/api/me');
    expect(me.body.user.role).toBe('koordinator');
  });

  it('a read-only user is told so and their websocket writes are dropped', async () => {
    const user = await createUser('laila', { role: 'leder', readOnly: true });
    const cookie = await login(srv.baseUrl, 'laila', PASSWORD);
    const me = await call<{ user: { readOnly?: boolean } }>(cookie, 'GET', '/api/me');
    expect(me.body.user.readOnly).toBe(true);

    const ro = await client(cookie, 'tavle-nord');
    const a = await client(await login(srv.baseUrl, 'anne'), 'tavle-nord');
    expect(ro.board.cards().length).toBe(a.board.cards().length);
    const forbidden = ro.board.createCard(
      { name: 'Må Ikke Gemmes', phaseId: 'henvist' },
      { source: 'local', userId: user.id },
    );
    // Barrier: the read-only peer's next message (awareness) is handled after its update.
    ro.provider.awareness.setLocalStateField('editingCardId', 'nord-07');
    await waitFor(
      () =>
        (a.provider.awareness.getStates().get(ro.doc.clientID) as AwarenessState | undefined)?.editingCardId ===
        'nord-07',
      { what: 'read-only presence at A' },
    );
    const marker = a.board.createCard(
      { name: 'Efter Læseren', phaseId: 'henvist' },
      { source: 'local', userId: 'u-anne' },
    );
    const b = await client(await login(srv.baseUrl, 'bent'), 'tavle-nord');
    await waitFor(() => b.board.hasCard(marker));
    expect(b.board.hasCard(forbidden)).toBe(false);
    expect(a.board.hasCard(forbidden)).toBe(false);

    // Lifting the flag gives the edit right back at the next sign-in.
    expect((await call(admin, 'PATCH', `/api/admin/users/${user.id}`, { readOnly: false })).status).toBe(200);
    const again = await login(srv.baseUrl, 'laila', PASSWORD);
    expect((await call<{ user: { readOnly?: boolean } }>(again, 'GET', '/api/me')).body.user.readOnly).toBe(false);
  });

  it('a deactivated user cannot sign in and their old session is refused; reactivation restores access', async () => {
    const user = await createUser('dennis');
    const old = await login(srv.baseUrl, 'dennis', PASSWORD);
    const live = await client(old, 'tavle-nord');
    const res = await call<AdminUser>(admin, 'PATCH', `/api/admin/users/${user.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.disabledAt).toEqual(expect.any(Number));
    expect((await call(old, 'GET', '/api/me')).status).toBe(401);
    expect((await call(old, 'GET', '/api/boards')).status).toBe(401);
    await waitFor(() => live.closeCodes.includes(4401), { what: 'live connection closed' });
    expect(await upgradeStatus(srv.wsUrl, 'tavle-nord', old)).toBe(401);
    await expect(login(srv.baseUrl, 'dennis', PASSWORD)).rejects.toThrow(/401/);

    expect((await call(admin, 'PATCH', `/api/admin/users/${user.id}`, { active: true })).status).toBe(200);
    await login(srv.baseUrl, 'dennis', PASSWORD);
  });

  it('a password reset ends the sessions; the new password works and the old does not', async () => {
    const user = await createUser('petra');
    const old = await login(srv.baseUrl, 'petra', PASSWORD);
    const short = await call<ErrorReply>(admin, 'POST', `/api/admin/users/${user.id}/password`, { password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toBe('Adgangskoden skal være mindst 10 tegn.');
    const reset = await call(admin, 'POST', `/api/admin/users/${user.id}/password`, { password: 'helt-ny-kode-123' });
    expect(reset.status).toBe(204);
    expect((await call(old, 'GET', '/api/me')).status).toBe(401);
    await expect(login(srv.baseUrl, 'petra', PASSWORD)).rejects.toThrow(/401/);
    await login(srv.baseUrl, 'petra', 'helt-ny-kode-123');
  });

  it('the last active administrator can neither be demoted nor deactivated', async () => {
    const self = await call<ErrorReply>(admin, 'PATCH', '/api/admin/users/u-admin', { role: 'leder' });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toBe('Der skal altid være mindst én aktiv administrator.');
    const off = await call<ErrorReply>(admin, 'PATCH', '/api/admin/users/u-admin', { active: false });
    expect(off.status).toBe(400);
    // admin's session survived the refused changes.
    expect((await call(admin, 'GET', '/api/me')).status).toBe(200);

    // With a second administrator, one of them may step down.
    const second = await createUser('admin2', { role: 'administrator', teamIds: [] });
    const down = await call<AdminUser>(admin, 'PATCH', `/api/admin/users/${second.id}`, { role: 'leder' });
    expect(down.status).toBe(200);
    expect(down.body.role).toBe('leder');
  });

  it('invalid input is a 400 with a Danish message', async () => {
    const cases: [unknown, RegExp][] = [
      [{ username: 'kim', name: 'Kim', role: 'ssh', teamIds: [], password: 'kort' }, /mindst 10 tegn/],
      [
        { username: 'kim', name: 'Kim', role: 'skaerm', teamIds: [], password: PASSWORD },
        /Skærme oprettes ved parring/,
      ],
      [{ username: 'kim', name: '', role: 'ssh', teamIds: [], password: PASSWORD }, /Navnet skal udfyldes/],
      [{ username: 'Kim Larsen', name: 'Kim', role: 'ssh', teamIds: [], password: PASSWORD }, /Brugernavnet må kun/],
      [
        { username: 'kim', name: 'Kim', role: 'konge', teamIds: [], password: PASSWORD },
        /Ugyldig værdi i feltet "role"/,
      ],
      [{ username: 'anne', name: 'Anne', role: 'ssh', teamIds: [], password: PASSWORD }, /allerede i brug/],
      [{ username: 'kim', name: 'Kim', role: 'ssh', teamIds: ['team-findes-ikke'], password: PASSWORD }, /findes ikke/],
      [[1, 2], /Ugyldig forespørgsel/],
    ];
    for (const [body, message] of cases) {
      const res = await call<ErrorReply>(admin, 'POST', '/api/admin/users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await call(admin, 'PATCH', '/api/admin/users/u-anne', {})).status).toBe(400);
    expect((await call(admin, 'PATCH', '/api/admin/users/u-anne', { role: 'skaerm' })).status).toBe(400);
    expect((await call(admin, 'PATCH', '/api/admin/users/u-skaerm-nord', { readOnly: false })).status).toBe(400);
    expect((await call(admin, 'POST', '/api/admin/teams', { name: 'X', kind: 'offentlig' })).status).toBe(400);
    expect((await call(admin, 'PATCH', '/api/admin/users/findes-ikke', { role: 'ssh' })).status).toBe(404);
  });

  it('every change is in the audit log, never a password', async () => {
    const user = await createUser('auditte');
    await call(admin, 'PATCH', `/api/admin/users/${user.id}`, { role: 'ssa' });
    await call(admin, 'PUT', `/api/admin/users/${user.id}/teams`, { teamIds: ['team-syd'] });
    await call(admin, 'PATCH', `/api/admin/users/${user.id}`, { active: false });
    const db = new Database(join(srv.dataDir, 'tavlen.db'), { readonly: true });
    try {
      const rows = db
        .prepare<[], { user_id: string; action: string; detail: string }>(
          'SELECT user_id, action, detail FROM audit_log ORDER BY id',
        )
        .all()
        .filter((r) => (JSON.parse(r.detail) as { targetUserId?: string }).targetUserId === user.id);
      expect(rows.map((r) => r.action)).toEqual([
        'user_created',
        'user_role_changed',
        'user_teams_changed',
        'user_deactivated',
      ]);
      expect(rows.every((r) => r.user_id === 'u-admin')).toBe(true);
      expect(JSON.parse(rows[1]!.detail)).toEqual({ targetUserId: user.id, from: 'ssh', to: 'ssa' });
      expect(JSON.parse(rows[2]!.detail)).toEqual({ targetUserId: user.id, from: ['team-nord'], to: ['team-syd'] });
      const all = db.prepare<[], { detail: string }>('SELECT detail FROM audit_log').all();
      expect(all.some((r) => r.detail.includes(PASSWORD))).toBe(false);
      const created = db
        .prepare<[], { detail: string }>("SELECT detail FROM audit_log WHERE action = 'team_created'")
        .all();
      expect(created.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
