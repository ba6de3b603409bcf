import { CloseCode } from '../../shared/protocol/limits.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminSettings } from '../../shared/protocol/admin.js';
import type { BoardConfigResponse } from '../../shared/protocol/config.js';
import {
  sqlOn,
  apiCall,
  connectBoard,
  login,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

/**
 * The admin page's "Indstillinger" on the real server: who may change the municipality's
 * delegation model, triage clocks and a team's visitator days, Danish validation, audit
 * rows, and that a change applies to the boards at once (config and the delegation guard).
 */
let srv: TestServer;
let cookies: Record<'admin' | 'gitte' | 'anne' | 'bent', string>;
const clients: BoardClient[] = [];

type ErrorReply = { error: { code: string; message: string } };

/** A JSON request as a browser on the app's own origin sends it. */
const call = <T = unknown>(cookie: string, method: string, path: string, body?: unknown) =>
  apiCall<T>(srv.baseUrl, cookie, method, path, body);

const sql = <T>(query: string, ...params: unknown[]): T[] => sqlOn<T>(srv.dataDir, query, ...params);

const auditRows = (action: string) =>
  sql<{ user_id: string; detail: string }>(
    'SELECT user_id, detail FROM audit_log WHERE action = ? ORDER BY id',
    action,
  ).map((r) => ({ userId: r.user_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));

const days = (cookie: string, teamId: string, d: unknown) =>
  call<AdminSettings | ErrorReply>(cookie, 'PUT', `/api/admin/teams/${teamId}/visitator-days`, { days: d });

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    admin: await login(srv.baseUrl, 'admin'),
    gitte: await login(srv.baseUrl, 'gitte'),
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
  };
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('GET /api/admin/settings', () => {
  it('shows the administrator the municipality’s own matrix as "egen", the default clocks and every team', async () => {
    const res = await call<AdminSettings>(cookies.admin, 'GET', '/api/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body.delegation).toBe('egen');
    expect(res.body.triage.red?.hours).toBe(24);
    expect(res.body.triage.yellow?.hours).toBe(48);
    // The demo's organisation (server/seed/demoOrganisation.ts) adds a makkerteam pair and an evening team.
    expect(res.body.teams.map((t) => t.teamId).sort()).toEqual([
      'team-bakke',
      'team-nord',
      'team-nord-aften',
      'team-skov',
      'team-syd',
    ]);
    expect(res.body.teams.every((t) => t.visitatorDays.join() === '4')).toBe(true);
  });

  it('refuses staff (403) and shows a leder only the teams they lead', async () => {
    expect((await call<ErrorReply>(cookies.anne, 'GET', '/api/admin/settings')).status).toBe(403);
    const created = await call<{ id: string }>(cookies.admin, 'POST', '/api/admin/teams', { name: 'Team Vest' });
    expect(created.status).toBe(201);
    const res = await call<AdminSettings>(cookies.gitte, 'GET', '/api/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body.teams.map((t) => t.teamId).sort()).toEqual(['team-nord', 'team-syd']);
  });
});

describe('PUT /api/admin/settings', () => {
  it('is for the administrator only', async () => {
    for (const who of ['gitte', 'anne'] as const) {
      const res = await call<ErrorReply>(cookies[who], 'PUT', '/api/admin/settings', { delegationPreset: 'standard' });
      expect(res.status, who).toBe(403);
    }
    expect(auditRows('settings_changed')).toEqual([]);
  });

  it('refuses invalid input with a Danish message and changes nothing', async () => {
    const bad = await call<ErrorReply>(cookies.admin, 'PUT', '/api/admin/settings', { delegationPreset: 'egen' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Ukendt delegationsmodel. Vælg Standard, Solrød eller Favrskov.');
    const hours = await call<ErrorReply>(cookies.admin, 'PUT', '/api/admin/settings', {
      triage: { redHours: 0, yellowHours: 'to døgn' },
    });
    expect(hours.status).toBe(400);
    expect(hours.body.error.message).toContain('Rød: mindst 1 time.');
    expect(hours.body.error.message).toContain('Gul: antal timer skal være et tal.');
    const empty = await call<ErrorReply>(cookies.admin, 'PUT', '/api/admin/settings', {});
    expect(empty.body.error.message).toBe(
      'Angiv delegationsmodel, responstider, samtalestøtte, bytteydelser eller udskrevne og nej tak.',
    );
    const config = await call<BoardConfigResponse>(cookies.anne, 'GET', '/api/boards/tavle-nord/config');
    expect(config.body.presetId).toBeNull();
  });

  it('changes the clocks and the preset for the boards at once, and audits from/to', async () => {
    const res = await call<AdminSettings>(cookies.admin, 'PUT', '/api/admin/settings', {
      delegationPreset: 'standard',
      triage: { redHours: 12, yellowHours: 36 },
    });
    expect(res.status).toBe(200);
    expect(res.body.delegation).toBe('standard');
    expect(res.body.triage.red).toEqual({
      hours: 12,
      action: { da: 'sygeplejerskevurdering', en: 'nurse assessment' },
    });

    const config = await call<BoardConfigResponse>(cookies.anne, 'GET', '/api/boards/tavle-nord/config');
    expect(config.body.presetId).toBe('standard');
    expect(config.body.delegation.close).toEqual(['visitator', 'administrator']);
    expect(config.body.triage.red?.hours).toBe(12);
    expect(config.body.triage.yellow?.hours).toBe(36);

    expect(auditRows('settings_changed')).toEqual([
      { userId: 'u-admin', detail: { setting: 'delegation', from: 'egen', to: 'standard' } },
      {
        userId: 'u-admin',
        detail: { setting: 'triage', from: { redHours: 24, yellowHours: 48 }, to: { redHours: 12, yellowHours: 36 } },
      },
    ]);
    // Saving the same again is no change: no new audit rows.
    await call(cookies.admin, 'PUT', '/api/admin/settings', { delegationPreset: 'standard' });
    expect(auditRows('settings_changed')).toHaveLength(2);
  });

  it('makes the sync endpoint refuse a closure the team was allowed a moment ago (standard), and allow it again (solrød)', async () => {
    const by = { source: 'local', userId: 'u-anne' } as const;
    const refused = connectBoard(srv, cookies.anne, 'tavle-nord');
    const bent = connectBoard(srv, cookies.bent, 'tavle-nord');
    clients.push(refused, bent);
    await Promise.all([refused.synced, bent.synced]);

    // Under "standard" (set above) only the visitator closes: Anne's closure is refused.
    const id = 'nord-02';
    refused.board.closeForlob(id, { outcome: 'afsluttet', closedOn: '2026-11-20', by: 'u-anne' }, by);
    await waitFor(() => refused.closeCodes.includes(CloseCode.writeRefused), {
      what: 'closure refused under standard',
    });
    expect(bent.board.card(id)?.lifecycle.closure).toBeNull();

    // Solrød delegates closing to the team: the same closure now stays, on the same live board.
    const res = await call<AdminSettings>(cookies.admin, 'PUT', '/api/admin/settings', { delegationPreset: 'solrod' });
    expect(res.status).toBe(200);
    const anne = connectBoard(srv, cookies.anne, 'tavle-nord');
    clients.push(anne);
    await anne.synced;
    anne.board.closeForlob(id, { outcome: 'afsluttet', closedOn: '2026-11-21', by: 'u-anne' }, by);
    await waitFor(() => bent.board.card(id)?.lifecycle.closure?.closedOn === '2026-11-21', {
      what: 'closure kept under solrød',
    });
  });
});

describe('PUT /api/admin/teams/:teamId/visitator-days', () => {
  it('lets a leder set their own team’s days, visible in the board config at once, and audits it', async () => {
    const res = await days(cookies.gitte, 'team-nord', [2, 5]);
    expect(res.status).toBe(200);
    expect((res.body as AdminSettings).teams.find((t) => t.teamId === 'team-nord')?.visitatorDays).toEqual([2, 5]);
    const config = await call<BoardConfigResponse>(cookies.anne, 'GET', '/api/boards/tavle-nord/config');
    expect(config.body.visitatorDays).toEqual([2, 5]);
    expect(auditRows('visitator_days_changed')).toEqual([
      { userId: 'u-gitte', detail: { teamId: 'team-nord', from: [4], to: [2, 5] } },
    ]);
  });

  it('refuses a leder another team (403) and staff (403); the administrator may', async () => {
    const vest = sql<{ id: string }>("SELECT id FROM teams WHERE name = 'Team Vest'")[0]!.id;
    expect((await days(cookies.gitte, vest, [1])).status).toBe(403);
    expect((await days(cookies.anne, 'team-nord', [1])).status).toBe(403);
    const res = await days(cookies.admin, vest, [1]);
    expect(res.status).toBe(200);
    expect((res.body as AdminSettings).teams.find((t) => t.teamId === vest)?.visitatorDays).toEqual([1]);
  });

  it('answers 404 for an unknown team and another municipality’s team', async () => {
    sql("INSERT INTO municipalities (id, name) VALUES ('anden-kommune', 'Anden Kommune')");
    sql("INSERT INTO teams (id, municipality_id, name) VALUES ('team-anden', 'anden-kommune', 'Team Anden')");
    for (const teamId of ['team-anden', 'team-findes-ikke']) {
      const res = await days(cookies.admin, teamId, [1]);
      expect(res.status, teamId).toBe(404);
      expect((res.body as ErrorReply).error.message).toBe('Teamet findes ikke.');
    }
    expect(sql<{ v: string | null }>("SELECT visitator_days AS v FROM teams WHERE id = 'team-anden'")[0]!.v).toBeNull();
  });

  it('refuses invalid days with a Danish message', async () => {
    for (const [d, message] of [
      [[8], 'Ugedage angives som tal fra 1 (mandag) til 7 (søndag).'],
      [[3, 3], 'En ugedag er nævnt to gange'],
      ['torsdag', 'Angiv visitatordagene som en liste af ugedage.'],
    ] as const) {
      const res = await days(cookies.admin, 'team-nord', d);
      expect(res.status, JSON.stringify(d)).toBe(400);
      expect((res.body as ErrorReply).error.message).toBe(message);
    }
    const config = await call<BoardConfigResponse>(cookies.anne, 'GET', '/api/boards/tavle-nord/config');
    expect(config.body.visitatorDays).toEqual([2, 5]);
  });
});

describe('PUT /api/admin/teams/:teamId/meetings (issue #11)', () => {
  const meetings = (cookie: string, teamId: string, body: unknown) =>
    call<AdminSettings | ErrorReply>(cookie, 'PUT', `/api/admin/teams/${teamId}/meetings`, body);
  const DEFAULTS = {
    rotationDays: 14,
    tavlemoede: { durationMin: 15, days: [1, 2, 3, 4, 5], time: '08:00' },
    tvaerfagligt: { durationMin: 45, days: 'visitator', time: '12:30' },
    udvidet: { durationMin: 90, days: [], time: '13:00' },
  };

  it('shows the defaults and the rotation estimate of today’s tavlemøde on the team’s board', async () => {
    const res = await call<AdminSettings>(cookies.gitte, 'GET', '/api/admin/settings');
    const nord = res.body.teams.find((t) => t.teamId === 'team-nord')!;
    expect(nord.meetings).toEqual(DEFAULTS);
    // the demo board's active citizens (40 less the closed; a test above closes one more), against 15 minutes
    expect(nord.rotation).toMatchObject({ budgetMin: 15, rotationDays: 14 });
    expect(nord.rotation!.activeCount).toBeGreaterThanOrEqual(30);
  });

  it('lets a leder set their team’s lengths, schedule and cycle: in the board config at once, audited', async () => {
    const next = { ...DEFAULTS, rotationDays: 10, tavlemoede: { durationMin: 20, days: [1, 3, 5], time: '08:30' } };
    const res = await meetings(cookies.gitte, 'team-nord', next);
    expect(res.status).toBe(200);
    const nord = (res.body as AdminSettings).teams.find((t) => t.teamId === 'team-nord')!;
    expect(nord.meetings).toEqual(next);
    expect(nord.rotation).toMatchObject({ budgetMin: 20, rotationDays: 10 });
    const config = await call<BoardConfigResponse>(cookies.anne, 'GET', '/api/boards/tavle-nord/config');
    expect(config.body.meetings).toEqual(next);
    expect(auditRows('team_meetings_changed')).toEqual([
      { userId: 'u-gitte', detail: { teamId: 'team-nord', from: DEFAULTS, to: next } },
    ]);
    // the same setting again writes no audit row
    await meetings(cookies.gitte, 'team-nord', next);
    expect(auditRows('team_meetings_changed')).toHaveLength(1);
  });

  it('refuses staff (403) and invalid settings with a Danish message', async () => {
    expect((await meetings(cookies.anne, 'team-nord', DEFAULTS)).status).toBe(403);
    for (const [body, message] of [
      [{ ...DEFAULTS, tavlemoede: { ...DEFAULTS.tavlemoede, durationMin: 2 } }, 'Et møde varer mindst 5 minutter'],
      [{ ...DEFAULTS, rotationDays: 0 }, 'Rotationen er mindst 1 dag'],
      [{ ...DEFAULTS, tavlemoede: { ...DEFAULTS.tavlemoede, time: '8' } }, 'Klokkeslæt skrives TT:MM, fx 08:00'],
    ] as const) {
      const res = await meetings(cookies.admin, 'team-nord', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as ErrorReply).error.message).toBe(message);
    }
  });
});
