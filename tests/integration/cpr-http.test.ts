/**
 * Disguised CPR numbers through the HTTP API (issue #10, docs/security.md "No CPR numbers"):
 * every name the API stores — device, team, user name, username — refuses them, and the
 * audit log masks them in what it keeps of free input (the username typed at sign-in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, login, sqlOn, startServer, type TestServer } from '../helpers/server.js';

const PASSWORD = 'en-lang-adgangskode';

/** CPR 010190-1234 written the ways that got through before (issue #10). */
const VARIANTS: readonly string[] = [
  '010190\u20111234', // non-breaking hyphen
  '010190\u20131234', // en dash
  '010190\u22121234', // minus sign
  '010190 - 1234',
  '01.01.90-1234',
  '01 01 90 1234',
  '010190/1234',
  '0101\u200B90-1234', // zero-width space
  '０１０１９０－１２３４', // fullwidth
  'O1O19O-1234', // letter O for 0
  '010190\u00A01234', // non-breaking space
];
/** The ones a username's character set (a-z 0-9 . _ -) allows, so only the CPR rule stops them. */
const USERNAME_VARIANTS: readonly string[] = [
  '01.01.90-1234',
  '010190.1234',
  '010190_1234',
  'o1o190-1234',
  '0l0190-l234',
];

let srv: TestServer;
let admin: string;

type ErrorReply = { error: { code: string; message: string } };
const call = <T = unknown>(method: string, path: string, body?: unknown, cookie: string | null = admin) =>
  apiCall<T>(srv.baseUrl, cookie, method, path, body);

/** Everything the database holds of names, as one string. */
function namesOnDisk(): string {
  return JSON.stringify([
    sqlOn(srv.dataDir, 'SELECT name FROM teams'),
    sqlOn(srv.dataDir, 'SELECT name FROM boards'),
    // A device is a users row (role skaerm) plus a devices row: its name is users.name.
    sqlOn(srv.dataDir, 'SELECT username, name FROM users'),
  ]);
}
const count = (table: string) => sqlOn<{ n: number }>(srv.dataDir, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n;

beforeAll(async () => {
  srv = await startServer();
  admin = await login(srv.baseUrl, 'admin');
});
afterAll(async () => {
  await srv.stop();
  srv.cleanup();
});

describe('[R36] disguised CPR numbers in names through the admin API', () => {
  it.each(VARIANTS)('device, team and user names refuse %j and store nothing', async (cpr) => {
    const before = { devices: count('devices'), teams: count('teams'), users: count('users') };
    const tries: [string, string, unknown][] = [
      ['POST', '/api/admin/devices', { teamId: 'team-nord', name: `Skærm ${cpr}` }],
      ['POST', '/api/admin/teams', { name: `Team ${cpr}` }],
      ['PATCH', '/api/admin/teams/team-nord', { name: `Nord ${cpr}` }],
      [
        'POST',
        '/api/admin/users',
        { username: 'cprtest', name: `Anne ${cpr}`, role: 'ssh', teamIds: [], password: PASSWORD },
      ],
    ];
    for (const [method, path, body] of tries) {
      const res = await call<ErrorReply>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.message, `${method} ${path}`).toContain('CPR-nummer');
    }
    expect({ devices: count('devices'), teams: count('teams'), users: count('users') }).toEqual(before);
    expect(namesOnDisk()).not.toContain(cpr);
  });

  it.each(USERNAME_VARIANTS)('a username %j is refused as a CPR number', async (username) => {
    const res = await call<ErrorReply>('POST', '/api/admin/users', {
      username,
      name: 'Anne Cpr',
      role: 'ssh',
      teamIds: [],
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('CPR-nummer');
    expect(namesOnDisk()).not.toContain(username);
  });

  it('ordinary names with numbers are still accepted (no false positives)', async () => {
    const device = await call('POST', '/api/admin/devices', {
      teamId: 'team-nord',
      name: 'Mødelokale 2, tlf 12 34 56 78',
    });
    expect(device.status).toBe(201);
    const team = await call('POST', '/api/admin/teams', { name: 'Team 01.01.2026' });
    expect(team.status).toBe(201);
    const user = await call('POST', '/api/admin/users', {
      username: 'anne.2026',
      name: 'Anne Olsen 2',
      role: 'ssh',
      teamIds: [],
      password: PASSWORD,
    });
    expect(user.status).toBe(201);
  });
});

describe('[R36] the audit log masks disguised CPR numbers typed as username', () => {
  it('every variant typed at sign-in is stored masked', async () => {
    for (const cpr of [...VARIANTS, ...USERNAME_VARIANTS]) {
      const res = await apiCall(srv.baseUrl, null, 'POST', '/api/login', { username: cpr, password: 'forkert' });
      expect(res.status, cpr).toBe(401);
    }
    const details = sqlOn<{ detail: string }>(
      srv.dataDir,
      "SELECT detail FROM audit_log WHERE action = 'login_failed'",
    ).map((r) => JSON.parse(r.detail) as { username: string | null });
    const usernames = details.map((d) => d.username);
    // One entry per attempt, each with the username masked and nothing else of it kept.
    expect(usernames.filter((u) => u === 'xxxxxx-xxxx')).toHaveLength(VARIANTS.length + USERNAME_VARIANTS.length);
    const all = JSON.stringify(sqlOn(srv.dataDir, 'SELECT detail FROM audit_log'));
    for (const cpr of [...VARIANTS, ...USERNAME_VARIANTS]) {
      expect(all).not.toContain(cpr);
      expect(all).not.toContain(cpr.toLowerCase());
    }
  });
});
