import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localOrigin } from '../../shared/doc/origins.js';
import type { MeResponse } from '../../shared/protocol/api.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import type { AdminOrganisation, TeamVisitator } from '../../shared/protocol/organisation.js';
import type { MyOverviewResponse } from '../../shared/protocol/overview.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import { unreadFor } from '../../shared/rules/cardLog.js';
import { onEveningShift } from '../../shared/rules/organisation.js';
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

/*
 * The organisation around the teams through the real server (issue #16 parts 3–4): a
 * makkerteam's board is read-only on the websocket and over HTTP, a backup visitator has the
 * team while the cover lasts and loses it (live socket too) when it ends, the evening team
 * works on the day team's board with its own handovers, and the visitator's one-tap status.
 * Demo organisation: server/seed/demoOrganisation.ts.
 */
let srv: TestServer;
const cookies: Record<string, string> = {};
const clients: BoardClient[] = [];
const call = <T = unknown>(who: string, method: string, path: string, body?: unknown) =>
  apiCall<T>(srv.baseUrl, cookies[who] ?? null, method, path, body);

beforeAll(async () => {
  srv = await startServer({ env: { REFUSALS_PER_MINUTE: '100000' } });
  for (const u of ['admin', 'kasper', 'vibeke', 'karen', 'jonas', 'anne', 'eva', 'frederik']) {
    cookies[u] = await login(srv.baseUrl, u);
  }
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await srv?.stop();
  srv?.cleanup();
});

async function open(who: string, boardId: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookies[who]!, boardId);
  clients.push(c);
  await c.synced;
  return c;
}

/** Messages on one connection are handled in order: once `c`'s presence reached `seen`, so had its updates. */
async function barrier(c: BoardClient, seen: BoardClient, marker: string): Promise<void> {
  c.provider.awareness.setLocalStateField('editingCardId', marker);
  await waitFor(
    () =>
      (seen.provider.awareness.getStates().get(c.doc.clientID) as { editingCardId?: string } | undefined)
        ?.editingCardId === marker,
    { what: `presence ${marker}` },
  );
}

describe('makkerteam: the partner board is read-only', () => {
  it('lists the partner board as read-only "Makkerteam" and never in the write lists', async () => {
    const me = await call<MeResponse>('kasper', 'GET', '/api/me');
    expect(me.body.teams).toEqual([
      { id: 'team-bakke', name: 'Team Bakke', boardId: 'tavle-bakke' },
      { id: 'team-skov', name: 'Team Skov', boardId: 'tavle-skov', access: 'read', via: 'partner' },
    ]);
    expect(me.body.user.teamIds).toEqual(['team-bakke']);
    expect(me.body.user.readTeamIds).toEqual(['team-skov']);
    const boards = await call<{ id: string }[]>('kasper', 'GET', '/api/boards');
    expect(boards.body.map((b) => b.id)).toEqual(['tavle-bakke']);
    // Reading the board's configuration works (the board renders), it only reads.
    expect((await call('kasper', 'GET', '/api/boards/tavle-skov/config')).status).toBe(200);
  });

  it('the websocket gives the board but refuses every write', async () => {
    const vibeke = await open('vibeke', 'tavle-skov');
    const kasper = await open('kasper', 'tavle-skov');
    expect(
      kasper.board
        .cards()
        .map((c) => c.name)
        .sort(),
    ).toEqual(
      vibeke.board
        .cards()
        .map((c) => c.name)
        .sort(),
    );
    const name = kasper.board.cards()[0]!.name;
    const forbidden = kasper.board.createCard({ name: 'Må Ikke Gemmes', phaseId: 'henvist' }, localOrigin('u-kasper'));
    kasper.board.deleteCard(kasper.board.cards().find((c) => c.name === name)!.id, localOrigin('u-kasper'));
    await barrier(kasper, vibeke, 'efter-kasper');
    const marker = vibeke.board.createCard({ name: 'Efter Kasper', phaseId: 'henvist' }, localOrigin('u-vibeke'));
    // Kasper still receives the partner team's edits; relayed means stored (persist before relay).
    await waitFor(() => kasper.board.hasCard(marker), { what: 'vibeke’s card at kasper' });
    const fresh = await open('vibeke', 'tavle-skov');
    expect(fresh.board.hasCard(marker)).toBe(true);
    expect(fresh.board.hasCard(forbidden)).toBe(false);
    expect(fresh.board.cards().some((c) => c.name === name)).toBe(true);
  });

  it('HTTP write routes refuse the partner team too', async () => {
    const status = await call('kasper', 'PUT', '/api/teams/team-skov/visitator/status', { status: 'remote' });
    expect(status.status).toBe(403);
    expect((status.body as { error: { message: string } }).error.message).toMatch(/visitator/);
    // The visitator queue and requests ("Mine teams") are the team's own, not the partner's.
    const overview = await call<MyOverviewResponse>('kasper', 'GET', '/api/me/overview');
    expect(overview.body.teams.map((t) => t.teamId)).toEqual(['team-bakke']);
    // A board of no team of hers stays the same 404 as ever.
    expect(await upgradeStatus(srv.wsUrl, 'tavle-nord', cookies.kasper!)).toBe(404);
  });
});

describe('backup visitator: access for the period of the cover', () => {
  const today = toIsoDate(new Date());
  let coverId = '';

  it('a cover that has ended gives nothing', async () => {
    const past = await call<AdminOrganisation>('admin', 'POST', '/api/admin/covers', {
      teamId: 'team-bakke',
      userId: 'u-karen',
      from: '2020-01-01',
      to: '2020-01-31',
    });
    expect(past.status).toBe(200);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-bakke', cookies.karen!)).toBe(404);
  });

  it('refuses a backup from outside the district’s pool, in Danish', async () => {
    const res = await call('admin', 'POST', '/api/admin/covers', {
      teamId: 'team-bakke',
      userId: 'u-eva',
      from: today,
      to: today,
    });
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/visitatorpulje/);
  });

  it('during the cover she has the team: board, "Mine teams", the status and the header line', async () => {
    const res = await call<AdminOrganisation>('admin', 'POST', '/api/admin/covers', {
      teamId: 'team-bakke',
      userId: 'u-karen',
      from: today,
      to: today,
    });
    expect(res.status).toBe(200);
    coverId = res.body.covers.find((c) => c.teamId === 'team-bakke' && c.to === today)!.id;
    const me = await call<MeResponse>('karen', 'GET', '/api/me');
    expect(me.body.teams).toContainEqual({
      id: 'team-bakke',
      name: 'Team Bakke',
      boardId: 'tavle-bakke',
      access: 'write',
      via: 'cover',
    });
    const overview = await call<MyOverviewResponse>('karen', 'GET', '/api/me/overview');
    expect(overview.body.teams.map((t) => t.teamId)).toContain('team-bakke');
    const line = await call<TeamVisitator>('kasper', 'GET', '/api/teams/team-bakke/visitator');
    expect(line.body).toMatchObject({
      visitator: { id: 'u-karen', name: 'Karen Bach' },
      coverFor: { id: 'u-lone', name: 'Lone Kjær' },
      cover: { from: today, to: today },
      maySet: false,
    });
    const set = await call<TeamVisitator>('karen', 'PUT', '/api/teams/team-bakke/visitator/status', {
      status: 'remote',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ status: 'remote', maySet: true });
  });

  it('she writes on the board while the cover lasts; ending it closes her live socket and refuses her', async () => {
    const kasper = await open('kasper', 'tavle-bakke');
    const karen = await open('karen', 'tavle-bakke');
    const card = karen.board.createCard({ name: 'Fra Afløseren', phaseId: 'henvist' }, localOrigin('u-karen'));
    await waitFor(() => kasper.board.hasCard(card), { what: 'karen’s card at kasper' });

    const ended = await call('admin', 'DELETE', `/api/admin/covers/${coverId}`);
    expect(ended.status).toBe(200);
    await waitFor(() => karen.closeCodes.includes(CloseCode.forbidden), { what: 'karen’s socket closed' });
    expect(await upgradeStatus(srv.wsUrl, 'tavle-bakke', cookies.karen!)).toBe(404);
    const me = await call<MeResponse>('karen', 'GET', '/api/me');
    expect(me.body.teams.map((t) => t.id)).not.toContain('team-bakke');
    const overview = await call<MyOverviewResponse>('karen', 'GET', '/api/me/overview');
    expect(overview.body.teams.map((t) => t.teamId)).not.toContain('team-bakke');
    // Kim's own connection is untouched.
    expect(kasper.closeCodes).toEqual([]);
  });
});

describe('evening team on the day team’s board', () => {
  it('the evening member opens the day board read-write and gets the evening handovers as his own', async () => {
    const me = await call<MeResponse>('jonas', 'GET', '/api/me');
    expect(me.body.teams).toEqual([
      { id: 'team-nord', name: 'Team Nord', boardId: 'tavle-nord', access: 'write', via: 'evening' },
    ]);
    expect(me.body.user.eveningTeamIds).toEqual(['team-nord']);
    const anne = await open('anne', 'tavle-nord');
    const jonas = await open('jonas', 'tavle-nord');
    const cardId = anne.board.cards()[0]!.id;
    const entry = anne.board.addLogEntry(
      cardId,
      { by: 'u-anne', byName: 'Anne Holm', kind: 'observation', text: 'Tjek blodsukker kl. 19', routedTo: 'evening' },
      localOrigin('u-anne'),
    );
    await waitFor(() => jonas.board.cardLog(cardId).entries.some((e) => e.id === entry), { what: 'handover at jonas' });
    const evening = onEveningShift(me.body.user, 'team-nord', null);
    expect(evening).toBe(true);
    const mine = unreadFor(
      { id: 'u-jonas', role: 'ssa', evening },
      { logs: new Map([[cardId, jonas.board.cardLog(cardId)]]) },
    );
    expect(mine.map((u) => u.entry.id)).toContain(entry);
    // A day member is not on the evening shift unless the device says so.
    const anneMe = await call<MeResponse>('anne', 'GET', '/api/me');
    expect(onEveningShift(anneMe.body.user, 'team-nord', null)).toBe(false);
    // Jonas writes on the shared board: "Læst af" reaches Anne.
    jonas.board.markLogRead(cardId, entry, { by: 'u-jonas', byName: 'Jonas Skov' }, localOrigin('u-jonas'));
    await waitFor(() => (anne.board.cardLog(cardId).readBy[entry] ?? []).some((r) => r.by === 'u-jonas'), {
      what: 'jonas’s receipt at anne',
    });
  });
});

describe('the visitator’s status', () => {
  it('only the team’s visitator sets it; colleagues read it', async () => {
    const before = await call<TeamVisitator>('frederik', 'GET', '/api/teams/team-nord/visitator');
    expect(before.body).toMatchObject({
      visitator: { id: 'u-eva', name: 'Eva Mortensen' },
      coverFor: null,
      maySet: false,
    });
    const refused = await call('frederik', 'PUT', '/api/teams/team-nord/visitator/status', { status: 'remote' });
    expect(refused.status).toBe(403);
    const set = await call<TeamVisitator>('eva', 'PUT', '/api/teams/team-nord/visitator/status', { status: 'remote' });
    expect(set.body.status).toBe('remote');
    const after = await call<TeamVisitator>('frederik', 'GET', '/api/teams/team-nord/visitator');
    expect(after.body.status).toBe('remote');
    const bad = await call('eva', 'PUT', '/api/teams/team-nord/visitator/status', { status: 'på ferie' });
    expect(bad.status).toBe(400);
  });
});
