import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { MyOverviewResponseSchema } from '../../shared/protocol/overview.js';
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
afterAll(async () => {
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

/** The text drawn in a pdfkit PDF: inflate each content stream, decode its hex strings (WinAnsi ≈ latin1). */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: Buffer;
    try {
      body = inflateSync(pdf.subarray(start, end));
    } catch {
      continue; // not a deflated stream (fonts, images)
    }
    for (const tj of body.toString('latin1').matchAll(/\[(.*?)\] TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      out.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return out.join('\n');
}

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

    const res = await waitFor(
      async () => {
        const r = await get('frederik', `/api/boards/tavle-nord/meetings/${meetingId}/minutes.pdf`);
        return r.status === 200 ? r : undefined;
      },
      { what: 'the minutes PDF' },
    );
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
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
