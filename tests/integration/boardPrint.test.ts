import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../shared/protocol/audit.js';
import { isClosedCard } from '../../shared/rules/lifecycle.js';
import { screenLabel } from '../../shared/rules/privacy.js';
import type { Card } from '../../shared/model/card.js';
import { pdfRuns, pdfText } from '../helpers/pdf.js';
import { connectBoard, login, startServer, type TestServer } from '../helpers/server.js';

/*
 * The downtime kit's printed daily tavle (issue #16, N7) against the real server with the
 * demo seed: GET /api/boards/:id/tavle.pdf, every active citizen of Team Nord's board on the
 * paper, the room's version with initials only, team-scoped, never for the wall, audited.
 */

let srv: TestServer;
const cookies = new Map<string, string>();
let active: Card[] = [];

async function cookie(username: string): Promise<string> {
  let c = cookies.get(username);
  if (!c) {
    c = await login(srv.baseUrl, username);
    cookies.set(username, c);
  }
  return c;
}

const get = async (username: string | null, path: string) =>
  fetch(`${srv.baseUrl}${path}`, { headers: username ? { cookie: await cookie(username) } : {} });

async function pdfOf(username: string, query = ''): Promise<Buffer> {
  const res = await get(username, `/api/boards/tavle-nord/tavle.pdf${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return pdf;
}

/** The demo board's active citizens, read from the live doc like any client. */
beforeAll(async () => {
  srv = await startServer();
  const client = connectBoard(srv, await cookie('frederik'), 'tavle-nord');
  await client.synced;
  const phases = client.board.phases();
  active = client.board.cards().filter((c) => !isClosedCard(c, phases));
  client.destroy();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe('GET /api/boards/:id/tavle.pdf (the printed daily tavle)', () => {
  it('names every active citizen of the demo board, colour in words, and today’s agenda, landscape A4', async () => {
    expect(active.length).toBeGreaterThanOrEqual(30);
    const pdf = await pdfOf('frederik');
    const runs = pdfRuns(pdf);
    const texts = new Set(runs.map((r) => r.text));
    for (const c of active) expect(texts, c.name).toContain(c.name);
    const flat = pdfText(pdf).replace(/\s+/g, ' ');
    for (const word of ['Rød', 'Gul', 'Grøn', 'Kontaktperson', 'Frister og opfølgning', 'Dagsorden i dag', 'Henvist']) {
      expect(flat).toContain(word);
    }
    // a kontaktperson is printed beside the citizen (staff version)
    const withContact = active.find((c) => c.contactPerson !== '')!;
    expect(texts).toContain(withContact.contactPerson);
    // A4 landscape: 842 × 595 points
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('prints A3 on request', async () => {
    const pdf = await pdfOf('camilla', '?paper=a3');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 1190\.55 841\.89\]/);
    expect((await get('camilla', '/api/boards/tavle-nord/tavle.pdf?paper=a5')).status).toBe(400);
  });

  it('the version for the room has initials only: no citizen’s name and no staff name', async () => {
    const pdf = await pdfOf('frederik', '?privacy=1');
    const texts = new Set(pdfRuns(pdf).map((r) => r.text));
    const flat = pdfText(pdf).replace(/\s+/g, ' ');
    for (const c of active) {
      expect(texts, screenLabel(c)).toContain(screenLabel(c));
      expect(flat).not.toContain(c.name);
      if (c.contactPerson) expect(flat).not.toContain(c.contactPerson);
    }
    expect(flat).toContain('kun initialer');
    expect(flat).not.toContain('Kontaktperson');
  });

  it('is team-scoped, refused to the wall screen and to anyone not signed in', async () => {
    expect((await get('hanne', '/api/boards/tavle-nord/tavle.pdf')).status).toBe(404);
    expect((await get('frederik', '/api/boards/nope/tavle.pdf')).status).toBe(404);
    expect((await get('skaerm-nord', '/api/boards/tavle-nord/tavle.pdf?privacy=1')).status).toBe(403);
    expect((await get(null, '/api/boards/tavle-nord/tavle.pdf')).status).toBe(401);
    // Team Syd's own people print Team Syd's board
    const syd = await get('hanne', '/api/boards/tavle-syd/tavle.pdf');
    expect(syd.status).toBe(200);
    expect(pdfText(Buffer.from(await syd.arrayBuffer()))).toContain('Team Syd');
  });

  it('is in the audit log as "Printede tavlen" with the paper and version', async () => {
    const res = await get('gitte', '/api/audit?boardId=tavle-nord&action=board_printed');
    expect(res.status).toBe(200);
    const items = AuditPageSchema.parse(await res.json()).items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.map((i) => i.userId)).toEqual(expect.arrayContaining(['u-frederik', 'u-camilla']));
    expect(JSON.stringify(items)).toContain('"privacy":true');
    expect(JSON.stringify(items)).toContain('"paper":"a3"');
  });
});
