import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardTimeResponse, StyringResponse } from '../../shared/protocol/styring.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import { weeksEnding } from '../../shared/rules/time.js';
import {
  apiCall,
  connectBoard,
  login,
  sqlOn,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

/**
 * The visit import and the Styring cockpit on the real server (issue #13): a good batch, the
 * same batch again (idempotent), bad rows (nothing imported, every row named), a citizen of
 * another municipality, who may import, the CSV upload, and who sees which team's figures.
 */
let srv: TestServer;
let cookies: Record<'admin' | 'gitte' | 'ida' | 'anne' | 'eva', string>;
let eva: BoardClient;
let cardId: string;

type ErrorReply = { error: { code: string; message: string; details?: { row: number; message: string }[] } };

const call = <T = unknown>(cookie: string | null, method: string, path: string, body?: unknown) =>
  apiCall<T>(srv.baseUrl, cookie, method, path, body);
const sql = <T>(query: string, ...params: unknown[]): T[] => sqlOn<T>(srv.dataDir, query, ...params);
const visitCount = () => sql<{ n: number }>("SELECT COUNT(*) AS n FROM visits WHERE visit_id LIKE 'it-%'")[0]!.n;

const REF = 'IT-4711';
const today = toIsoDate(new Date());
const [thisWeek] = weeksEnding(new Date(), 1);
const visit = (n: number, delivered: number, extra: Record<string, unknown> = {}) => ({
  visitId: `it-${n}`,
  citizenRef: REF,
  date: thisWeek!.start,
  plannedMinutes: 30,
  deliveredMinutes: delivered,
  helpType: 'Personlig pleje',
  ...extra,
});

const cardTime = async () =>
  (await call<CardTimeResponse>(cookies.anne, 'GET', `/api/boards/tavle-nord/cards/${cardId}/time`)).body;

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    admin: await login(srv.baseUrl, 'admin'),
    gitte: await login(srv.baseUrl, 'gitte'),
    ida: await login(srv.baseUrl, 'ida'),
    anne: await login(srv.baseUrl, 'anne'),
    eva: await login(srv.baseUrl, 'eva'),
  };
  eva = connectBoard(srv, cookies.eva, 'tavle-nord');
  await eva.synced;
  cardId = eva.board.createCard({ name: 'Import Testesen', phaseId: 'opstart' }, { source: 'local', userId: 'u-eva' });
  eva.board.setLifecycle(cardId, { externalRef: REF, weeklyHours: 2 }, { source: 'local', userId: 'u-eva' });
  // The server keeps the card's facts from the accepted update (server/styring/recorder.ts).
  await waitFor(
    async () =>
      (await call(cookies.anne, 'GET', `/api/boards/tavle-nord/cards/${cardId}/time`)).status === 200 &&
      (await cardTime()).externalRef === REF,
    {
      what: 'card facts with the borger-nr.',
    },
  );
});
afterAll(async () => {
  eva?.destroy();
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('POST /api/import/visits', () => {
  it('imports a good batch and the card shows the delivered time this week', async () => {
    const res = await call(cookies.admin, 'POST', '/api/import/visits', { visits: [visit(1, 25), visit(2, 35)] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ added: 2, updated: 0 });
    const time = await cardTime();
    expect(time.weeks[0]).toMatchObject({ plannedMinutes: 60, deliveredMinutes: 60, visits: 2 });
    expect(time.grantedHoursPerWeek).toBe(2);
    expect(time.coveredUntil! >= thisWeek!.start).toBe(true);
  });

  it('is idempotent per visit id: the same batch again updates, never duplicates', async () => {
    const before = visitCount();
    const res = await call(cookies.admin, 'POST', '/api/import/visits', [visit(1, 20), visit(2, 35)]);
    expect(res.body).toEqual({ added: 0, updated: 2 });
    expect(visitCount()).toBe(before);
    expect((await cardTime()).weeks[0]).toMatchObject({ deliveredMinutes: 55, visits: 2 });
  });

  it('imports nothing when a row is bad and names every bad row in Danish', async () => {
    const before = visitCount();
    const res = await call<ErrorReply>(cookies.admin, 'POST', '/api/import/visits', [
      visit(3, 10),
      visit(4, 10, { date: '2026-02-30' }),
      visit(5, 10),
      visit(6, 10, { citizenRef: '010203-1234' }),
      visit(7, -1),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Intet blev importeret: 3 rækker er ugyldige/);
    expect(res.body.error.details!.map((d) => d.row)).toEqual([2, 4, 5]);
    expect(res.body.error.details![1]!.message).toMatch(/CPR/);
    expect(res.text).not.toContain('010203-1234');
    expect(visitCount()).toBe(before);
  });

  it("refuses a citizen of another municipality's card", async () => {
    sql("INSERT INTO municipalities (id, name) VALUES ('anden', 'Anden Kommune')");
    sql("INSERT INTO teams (id, municipality_id, name) VALUES ('team-anden', 'anden', 'Team Anden')");
    sql("INSERT INTO boards (id, team_id, name) VALUES ('tavle-anden', 'team-anden', 'Tavle Anden')");
    sql("INSERT INTO card_facts (board_id, card_id, external_ref) VALUES ('tavle-anden', 'c-anden', 'ANDEN-1')");
    const before = visitCount();
    const res = await call<ErrorReply>(cookies.admin, 'POST', '/api/import/visits', [
      visit(8, 10),
      visit(9, 10, { citizenRef: 'ANDEN-1' }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { row: 2, message: 'borger-nr. ANDEN-1 hører til en borger i en anden kommune' },
    ]);
    expect(visitCount()).toBe(before);
  });

  it('refuses the unauthenticated, non-administrators and unknown tokens; accepts a token of the municipality', async () => {
    expect((await call(null, 'POST', '/api/import/visits', [visit(10, 10)])).status).toBe(401);
    expect((await call(cookies.anne, 'POST', '/api/import/visits', [visit(10, 10)])).status).toBe(403);
    expect((await call(cookies.gitte, 'POST', '/api/import/visits', [visit(10, 10)])).status).toBe(403);
    const post = (token: string) =>
      fetch(`${srv.baseUrl}/api/import/visits`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([visit(10, 10)]),
      });
    expect((await post('tvl_nope')).status).toBe(401);
    const created = await call<{ id: string; token: string }>(cookies.admin, 'POST', '/api/admin/import-tokens', {
      name: 'Planlægningssystem',
    });
    expect(created.status).toBe(201);
    expect(
      sql<{ n: number }>('SELECT COUNT(*) AS n FROM import_tokens WHERE token_hash = ?', created.body.token)[0]!.n,
    ).toBe(0);
    const ok = await post(created.body.token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ added: 1, updated: 0 });
    expect((await call(cookies.admin, 'DELETE', `/api/admin/import-tokens/${created.body.id}`)).status).toBe(204);
    expect((await post(created.body.token)).status).toBe(401);
  });

  it('takes a CSV upload from the admin page, with Danish headers and file line numbers', async () => {
    const csv = `\uFEFFbesøgs-id;borger-nr.;dato;planlagte minutter;leverede minutter;ydelse\r\nit-11;${REF};${thisWeek!.start};15;15;Rengøring\r\n`;
    const ok = await call(cookies.admin, 'POST', '/api/import/visits/csv', { csv });
    expect(ok.body).toEqual({ added: 1, updated: 0 });
    const bad = await call<ErrorReply>(cookies.admin, 'POST', '/api/import/visits/csv', {
      csv: `${csv}it-12;${REF};${thisWeek!.start};femten;15;Rengøring\r\n`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { row: 3, message: 'planlagte minutter: Planlagte minutter skal være et tal' },
    ]);
  });

  it('audits every import, refused ones too, without citizen data', async () => {
    const rows = sql<{ user_id: string | null; detail: string }>(
      "SELECT user_id, detail FROM audit_log WHERE action = 'visits_imported' ORDER BY id",
    );
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.some((r) => JSON.parse(r.detail).ok === false)).toBe(true);
    expect(rows.some((r) => r.user_id === null && JSON.parse(r.detail).via === 'token')).toBe(true);
    expect(rows.map((r) => r.detail).join()).not.toContain(REF);
  });
});

describe('GET /api/styring', () => {
  it("scopes to the person's teams: a koordinator sees her team, a leder both and the sum", async () => {
    const ida = await call<StyringResponse>(cookies.ida, 'GET', '/api/styring');
    expect(ida.status).toBe(200);
    expect(ida.body.groups.map((g) => g.id)).toEqual(['team-syd']);
    expect((await call(cookies.ida, 'GET', '/api/styring?team=team-nord')).status).toBe(403);
    const gitte = await call<StyringResponse>(cookies.gitte, 'GET', '/api/styring');
    expect(gitte.body.groups.map((g) => g.id).sort()).toEqual([
      'all',
      'district:Distrikt Midt',
      'team-nord',
      'team-syd',
    ]);
    expect((await call(cookies.anne, 'GET', '/api/styring')).status).toBe(403);
    expect((await call(null, 'GET', '/api/styring')).status).toBe(401);
  });

  it('counts from the events table and the visits: the new forløb and its delivered time', async () => {
    const { body } = await call<StyringResponse>(cookies.gitte, 'GET', '/api/styring?team=team-nord');
    const nord = body.groups[0]!;
    expect(nord.events[0]!.started).toBeGreaterThanOrEqual(1);
    const fromEvents = sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM card_events WHERE board_id = 'tavle-nord' AND kind = 'created' AND week = ?",
      thisWeek!.key,
    )[0]!.n;
    expect(nord.events[0]!.started).toBe(fromEvents);
    const delivered = sql<{ m: number }>(
      `SELECT COALESCE(SUM(v.delivered_minutes), 0) AS m FROM visits v JOIN card_facts f ON f.external_ref = v.citizen_ref
        WHERE f.board_id = 'tavle-nord' AND f.closed = 0 AND v.date BETWEEN ? AND ?`,
      thisWeek!.start,
      thisWeek!.end,
    )[0]!.m;
    expect(nord.time[0]!.deliveredMinutes).toBe(delivered);
    expect(delivered).toBeGreaterThanOrEqual(70);
    expect(body.today).toBe(today);
    // The state figures come from the board's snapshot, taken when the board loaded.
    const state = sql<{ not_discussed: number; response_overdue: number }>(
      "SELECT not_discussed, response_overdue FROM board_state WHERE board_id = 'tavle-nord'",
    )[0]!;
    expect(nord.notDiscussed).toBe(state.not_discussed);
    expect(nord.responseOverdue).toBe(state.response_overdue);
    expect(nord.notDiscussed).toBeGreaterThan(0);
  });

  it('downloads each figure as CSV with BOM and Danish headers', async () => {
    const res = await fetch(`${srv.baseUrl}/api/styring?format=csv&figure=time&group=team-nord`, {
      headers: { cookie: cookies.gitte },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Gruppe,Uge,Fra,Til')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThanOrEqual(6);
  });
});
