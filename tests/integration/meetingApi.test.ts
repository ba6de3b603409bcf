import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { MyOverviewResponseSchema } from '../../shared/protocol/overview.js';
import type { MeetingStateMessage } from '../../shared/protocol/events.js';
import type { MeetingAck } from '../../shared/rules/meetingControl.js';
import { itemRef } from '../../shared/rules/meetingRun.js';
import { longDate } from '../../shared/rules/minutes.js';
import { pdfRuns, pdfText } from '../helpers/pdf.js';
import { connectBoard, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/*
 * "Mine teams" (GET /api/me/overview) and the minutes as PDF, against the real server with
 * the demo seed: eva is the visitator of Team Nord and Team Syd, anne and hanne one team each.
 */

let srv: TestServer;
const clients: BoardClient[] = [];
const cookies = new Map<string, string>();

beforeAll(async () => {
  srv = await startServer();
});
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const c of clients) c.destroy();
  await srv?.stop();
  srv?.cleanup();
});

async function cookie(username: string): Promise<string> {
  let c = cookies.get(username);
  if (!c) {
    c = await login(srv.baseUrl, username);
    cookies.set(username, c);
  }
  return c;
}

async function board(username: string, boardId: string): Promise<BoardClient> {
  const c = connectBoard(srv, await cookie(username), boardId);
  clients.push(c);
  await c.synced;
  return c;
}

const get = async (username: string, path: string) =>
  fetch(`${srv.baseUrl}${path}`, { headers: { cookie: await cookie(username), origin: srv.baseUrl } });

describe('GET /api/me/overview ("Mine teams")', () => {
  it('lists every team of the visitator with open requests and questions, and only her teams for others', async () => {
    const syd = await board('hanne', 'tavle-syd');
    const card = syd.board.cards()[0]!;
    const hanne = localOrigin('u-hanne');
    syd.board.addRequest(
      card.id,
      { kind: 'mere-tid', reason: 'Behøver hjælp til bad', by: 'u-hanne', byName: 'Hanne' },
      hanne,
    );
    const qid = new MeetingDoc(syd.board).askVisitator(
      { cardId: card.id, text: 'Skal hun have madservice?', by: 'u-hanne', byName: 'Hanne Kristensen' },
      hanne,
    );

    const overview = await waitFor(
      async () => {
        const res = await get('eva', '/api/me/overview');
        expect(res.status).toBe(200);
        const body = MyOverviewResponseSchema.parse(await res.json());
        const team = body.teams.find((t) => t.boardId === 'tavle-syd');
        return team?.requests.some((r) => r.id === qid) ? body : undefined;
      },
      { what: 'the question in eva’s overview' },
    );
    expect(overview.teams.map((t) => t.boardId).sort()).toEqual(['tavle-nord', 'tavle-syd']);
    const sydTeam = overview.teams.find((t) => t.boardId === 'tavle-syd')!;
    expect(sydTeam.requests).toContainEqual(
      expect.objectContaining({ source: 'question', id: qid, cardId: card.id, cardName: card.name }),
    );
    expect(sydTeam.requests).toContainEqual(
      expect.objectContaining({ source: 'request', cardId: card.id, kind: 'mere-tid', text: 'Behøver hjælp til bad' }),
    );

    const anne = MyOverviewResponseSchema.parse(await (await get('anne', '/api/me/overview')).json());
    expect(anne.teams.map((t) => t.boardId)).toEqual(['tavle-nord']);
    expect(JSON.stringify(anne)).not.toContain(qid);
  });

  it('refuses the wall screen and anyone not signed in', async () => {
    expect((await get('skaerm-nord', '/api/me/overview')).status).toBe(403);
    expect((await fetch(`${srv.baseUrl}/api/me/overview`)).status).toBe(401);
  });
});

describe('GET /api/boards/:id/meetings/:meetingId/minutes.pdf', () => {
  let meetingId = '';

  it('is a PDF naming the discussed citizen, with æøå and the agreements', async () => {
    const nord = await board('frederik', 'tavle-nord');
    const md = new MeetingDoc(nord.board);
    const me = localOrigin('u-frederik');
    const card = nord.board.cards()[0]!;
    meetingId = md.createMeeting(
      { type: 'tavlemoede', scheduledFor: new Date().toISOString(), leader: 'Frederik' },
      me,
    );
    const itemId = md.addManualItem(meetingId, { title: card.name, cardId: card.id }, me);
    md.setItemStatus(meetingId, itemId, 'discussed', me);
    md.setItemNote(meetingId, itemId, 'Søvnen er blevet bedre', me);
    md.addActionItem(meetingId, { itemId, text: 'Ring til datteren om nøgleboks', who: 'Bent', by: 'u-frederik' }, me);
    md.endMeeting(meetingId, me);

    // The client's writes reach the server one by one: wait for the PDF of the ended meeting.
    const { res, pdf } = await waitFor(
      async () => {
        const r = await get('frederik', `/api/boards/tavle-nord/meetings/${meetingId}/minutes.pdf`);
        if (r.status !== 200) return undefined;
        const bytes = Buffer.from(await r.arrayBuffer());
        return pdfText(bytes).includes('Ring til datteren') ? { res: r, pdf: bytes } : undefined;
      },
      { what: 'the minutes PDF with the agreement' },
    );
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(card.name);
    expect(text).toContain('Søvnen er blevet bedre');
    expect(text).toContain('Aftaler i dag');
    expect(text).toContain('Ring til datteren om nøgleboks');
  });

  it('is team-scoped, refused to the wall screen, and 404 for an unknown meeting', async () => {
    const path = `/api/boards/tavle-nord/meetings/${meetingId}/minutes.pdf`;
    expect((await get('hanne', path)).status).toBe(404);
    expect((await get('skaerm-nord', path)).status).toBe(403);
    expect((await get('frederik', '/api/boards/tavle-nord/meetings/m-nope/minutes.pdf')).status).toBe(404);
  });
});

/** A socket.io client of `username` that joined the board; keeps the latest meeting state. */
async function meetingSocket(username: string, boardId: string) {
  const socket = connect(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: await cookie(username) },
    reconnection: false,
  });
  sockets.push(socket);
  const seen: { state: MeetingStateMessage | null } = { state: null };
  socket.on('meeting:state', (msg: MeetingStateMessage) => (seen.state = msg));
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  await new Promise((res) => socket.emit('board:join', { boardId }, res));
  const send = (event: string, payload: Record<string, unknown>) =>
    new Promise<MeetingAck>((res) => socket.emit(event, { boardId, ...payload }, (ack: MeetingAck) => res(ack)));
  return { socket, seen, send };
}

describe('a whole meeting through the real server: the minutes keep everything, by citizen', () => {
  it('start makes the first item current; decision, triage, move, approval and answer land in the minutes and the PDF', async () => {
    const nord = await board('frederik', 'tavle-nord');
    const evaBoard = await board('eva', 'tavle-nord');
    const fred = localOrigin('u-frederik');
    const md = new MeetingDoc(nord.board);
    const [a, b] = nord.board.cards().filter((c) => c.triage === 'green' && c.position.phaseId === 'henvist');
    expect(a && b).toBeTruthy();
    const requestId = nord.board.addRequest(
      a!.id,
      { kind: 'mere-tid', reason: 'Bad tager længere tid', by: 'u-frederik', byName: 'Frederik Dahl' },
      fred,
    );
    const questionId = md.askVisitator(
      { cardId: a!.id, text: 'Kan hun få madservice?', by: 'u-frederik', byName: 'Frederik Dahl' },
      fred,
    );
    const meetingId = md.createMeeting(
      { type: 'tavlemoede', scheduledFor: new Date().toISOString(), leader: 'Frederik Dahl' },
      fred,
    );
    const itemA = md.addManualItem(meetingId, { title: a!.name, cardId: a!.id }, fred);
    const itemB = md.addManualItem(meetingId, { title: b!.name, cardId: b!.id }, fred);
    const evaMd = new MeetingDoc(evaBoard.board);
    await waitFor(() => evaMd.agenda(meetingId).length === 2 && evaMd.questions().some((q) => q.id === questionId), {
      what: 'the agenda at eva',
    });

    const leader = await meetingSocket('frederik', 'tavle-nord');
    const visitator = await meetingSocket('eva', 'tavle-nord');
    const wall = await meetingSocket('skaerm-nord', 'tavle-nord');
    const first = md.agenda(meetingId)[0]!;
    expect(first.id).toBe(itemA);
    expect(await leader.send('meeting:start', { meetingId, type: 'tavlemoede', first: itemRef(first) })).toEqual({
      ok: true,
    });
    // current from the first instant, on every screen
    const onWall = await waitFor(() => wall.seen.state?.meeting ?? undefined, { what: 'the wall sees the meeting' });
    expect(onWall).toMatchObject({ currentItemId: itemA, currentCardId: a!.id, itemTimeBoxSec: first.timeBoxMin * 60 });
    await waitFor(() => (visitator.seen.state?.meeting?.currentItemId === itemA ? true : undefined), {
      what: 'the remote visitator sees the current item',
    });
    const started = await waitFor(() => md.meeting(meetingId)?.startedAt ?? undefined, { what: 'startedAt' });
    await waitFor(() => (Date.now() > Date.parse(started) + 5 ? true : undefined), { what: 'a moment after start' });
    expect(md.meeting(meetingId)?.phasesAtStart?.[a!.id]).toBe('henvist');

    // during the meeting: a decision, a triage change with reason and a move (frederik),
    // the visitator approves the request and answers the question
    nord.board.recordDecision(
      a!.id,
      { code: 'E2', by: 'u-frederik', byName: 'Frederik Dahl', reason: 'Mere hjælp om aftenen' },
      fred,
    );
    md.setTriage(a!.id, 'red', { by: 'u-frederik', byName: 'Frederik Dahl', reason: 'Faldet i nat' }, fred);
    nord.board.moveCard(a!.id, 'visiteret', 0, fred);
    const eva = localOrigin('u-eva');
    await waitFor(() => evaBoard.board.card(a!.id)?.lifecycle.requests.some((r) => r.id === requestId), {
      what: 'the request at eva',
    });
    evaBoard.board.decideRequest(
      a!.id,
      requestId,
      { status: 'godkendt', decidedBy: 'u-eva', decidedByName: 'Eva Mortensen', note: '15 min ekstra' },
      eva,
    );
    evaMd.answerQuestion(questionId, { by: 'u-eva', byName: 'Eva Mortensen', answer: 'Ja, fra mandag' }, eva);
    md.addActionItem(meetingId, { itemId: itemA, text: 'Gå en tur hver dag', party: 'borger', by: 'u-frederik' }, fred);
    md.setItemStatus(meetingId, itemA, 'discussed', fred);
    expect(await leader.send('meeting:goto', itemRef(md.agenda(meetingId)[1]!))).toEqual({ ok: true });
    await waitFor(
      () => {
        const card = nord.board.card(a!.id);
        return card?.lifecycle.requests.find((r) => r.id === requestId)?.status === 'godkendt' &&
          md.questions().find((q) => q.id === questionId)?.status === 'answered'
          ? true
          : undefined;
      },
      { what: 'eva’s decisions at frederik' },
    );
    // b is left: the leader's panel marks it "ikke nået" before ending
    md.setItemStatus(meetingId, itemB, 'not-reached', fred);
    expect(await leader.send('meeting:end', {})).toEqual({ ok: true });
    const ended = await waitFor(() => md.meeting(meetingId)?.endedAt ?? undefined, { what: 'endedAt' });
    expect(ended).toBeTruthy();
    const meeting = md.meeting(meetingId)!;
    // the server recorded who led and who was there (people, not the wall screen)
    expect(meeting.leader).toBe('Frederik Dahl');
    expect(meeting.minutes.attendees).toEqual(['Eva Mortensen', 'Frederik Dahl']);
    expect(meeting.phasesAtEnd?.[a!.id]).toBe('visiteret');

    const res = await get('frederik', `/api/boards/tavle-nord/meetings/${meetingId}/minutes.pdf`);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const runs = pdfRuns(pdf);
    const text = runs.map((r) => r.text).join(' ');
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      a!.name,
      'E2 Ændres inden for rammen: Mere hjælp om aftenen',
      'Triage ændret fra grøn til rød: Faldet i nat',
      'Flyttet fra Henvist til Visiteret',
      'godkendt',
      '15 min ekstra',
      'Visitator svarede',
      'Ja, fra mandag',
      'Vi har aftalt, at du gør',
      'Gå en tur hver dag',
      'Ikke nået',
      b!.name,
      longDate(started),
      'Eva Mortensen, Frederik Dahl',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('Skærm');
    // Danish dates and human durations only: no ISO dates, no "432 t"
    expect(flat).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(flat).not.toMatch(/\d{3,} t /);
    // labels stand in their own column, each on the line of its value, never on top of it
    for (const label of ['Møde', 'Dato', 'Tid', 'Mødeleder', 'Deltagere', 'Status', 'Under mødet']) {
      const l = runs.find((r) => r.bold && r.text === label);
      expect(l, label).toBeTruthy();
      const value = runs.find((r) => !r.bold && r.page === l!.page && Math.abs(r.y - l!.y) < 0.5);
      expect(value, `value beside ${label}`).toBeTruthy();
      // the value column, not right after "label: " as one continued text
      expect(value!.x).toBeGreaterThan(l!.x + 100);
      // and nothing else drawn on that line inside the label column
      expect(runs.filter((r) => r.page === l!.page && Math.abs(r.y - l!.y) < 0.5 && r.x < value!.x)).toEqual([l]);
    }
  });

  it('"Min plan" (R21): the citizen’s goals and agreements in plain words, nothing internal', async () => {
    const nord = await board('frederik', 'tavle-nord');
    const card = await waitFor(
      () => nord.board.cards().find((c) => c.lifecycle.decisions.some((d) => d.reason === 'Mere hjælp om aftenen')),
      { what: 'the citizen of the meeting' },
    );
    nord.board.addGoal(card.id, { kind: 'citizen', text: 'Gå til købmanden selv' }, localOrigin('u-frederik'));
    const res = await waitFor(
      async () => {
        const r = await get('frederik', `/api/boards/tavle-nord/cards/${card.id}/min-plan.pdf`);
        const t = r.status === 200 ? pdfText(Buffer.from(await r.arrayBuffer())) : '';
        return t.includes('Gå til købmanden selv') ? t : undefined;
      },
      { what: 'Min plan with the goal' },
    );
    const flat = res.replace(/\s+/g, ' ');
    for (const expected of ['Min plan', card.name, 'Det gør du', 'Gå en tur hver dag', 'Det er vigtigt for mig']) {
      expect(flat).toContain(expected);
    }
    for (const internal of ['E2', 'Faldet i nat', 'rød', 'Triage']) expect(flat).not.toContain(internal);
    expect((await get('skaerm-nord', `/api/boards/tavle-nord/cards/${card.id}/min-plan.pdf`)).status).toBe(403);
    expect((await get('hanne', `/api/boards/tavle-nord/cards/${card.id}/min-plan.pdf`)).status).toBe(404);
  });
});
