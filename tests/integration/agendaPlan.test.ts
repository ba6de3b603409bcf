import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TEAM_MEETINGS,
  MeetingDoc,
  localOrigin,
  planBoardAgenda,
  planSummary,
  toIsoDate,
} from '../../shared/index.js';
import type { MyOverviewResponse } from '../../shared/protocol/overview.js';
import {
  apiCall,
  connectBoard,
  login,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

/*
 * "Lav dagsorden" over the real server (issue #11): the budgeted agenda with its rotation
 * items and ½-minute time boxes, the stored plan (meetings/<id>/plan) and a card's movedAt
 * pass the write gate and reach another browser.
 */

const BOARD = 'tavle-nord';
let srv: TestServer;
const clients: BoardClient[] = [];

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('the budgeted agenda on a live board', () => {
  it('is stored with its plan and seen by another client; a move carries movedAt', async () => {
    const frederik = connectBoard(srv, await login(srv.baseUrl, 'frederik'), BOARD);
    const anne = connectBoard(srv, await login(srv.baseUrl, 'anne'), BOARD);
    clients.push(frederik, anne);
    await Promise.all([frederik.synced, anne.synced]);
    const origin = localOrigin('u-frederik');
    const md = new MeetingDoc(frederik.board);
    const now = new Date();
    const id = md.createMeeting(
      { type: 'tavlemoede', scheduledFor: now.toISOString(), leader: 'Frederik Dahl' },
      origin,
    );
    const plan = planBoardAgenda(md, {
      type: 'tavlemoede',
      now: now.toISOString(),
      today: toIsoDate(now),
      team: DEFAULT_TEAM_MEETINGS,
      visitatorDays: [4],
    });
    expect(plan.items.some((i) => i.timeBoxMin === 0.5 && i.reasons[0]!.code === 'rotation')).toBe(true);
    md.prepareAgenda(id, plan.items, origin);
    md.setAgendaPlan(id, planSummary(plan), origin);

    const seen = new MeetingDoc(anne.board);
    const stored = await waitFor(() => seen.agendaPlan(id) ?? undefined, { what: 'the plan reaches anne' });
    expect(stored).toEqual(planSummary(plan));
    await waitFor(() => seen.agenda(id).length === plan.items.length || undefined, { what: 'the agenda reaches anne' });
    expect(seen.agenda(id).reduce((s, e) => s + e.timeBoxMin, 0)).toBe(plan.plannedMin);

    // a move through the gate, with the instant it was made
    const [cardId] = frederik.board
      .cards()
      .filter((c) => c.position.phaseId === 'henvist')
      .map((c) => c.id);
    frederik.board.moveCard(cardId!, 'visiteret', 0, origin);
    const movedAt = await waitFor(() => anne.board.card(cardId!)?.movedAt, { what: 'movedAt reaches anne' });
    expect(Date.parse(movedAt)).toBeGreaterThanOrEqual(now.getTime() - 5000);
  });

  it('"Mine teams" lists the next scheduled meetings of each team, at their Danish time', async () => {
    const cookie = await login(srv.baseUrl, 'eva');
    const res = await apiCall<MyOverviewResponse>(srv.baseUrl, cookie, 'GET', '/api/me/overview');
    expect(res.status).toBe(200);
    for (const team of res.body.teams) {
      const daily = team.nextMeetings.find((m) => m.type === 'tavlemoede');
      expect(daily?.durationMin).toBe(15);
      const local = new Date(daily!.at).toLocaleTimeString('da-DK', { timeZone: 'Europe/Copenhagen' });
      expect(local.startsWith('08.00')).toBe(true);
      expect(Date.parse(daily!.at)).toBeGreaterThan(Date.now());
      // the weekly meeting with the fixed visitator is on her day (torsdag by default)
      const weekly = team.nextMeetings.find((m) => m.type === 'tvaerfagligt')!;
      expect(new Date(weekly.at).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'Europe/Copenhagen' })).toBe(
        'Thursday',
      );
    }
  });
});
