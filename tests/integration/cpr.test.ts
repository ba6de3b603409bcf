import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/limits.js';
import { connectBoard, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/**
 * No CPR numbers anywhere: the UI refuses them in every field, and the server refuses a
 * forged client's update that carries one before it is stored or relayed.
 */
const BOARD = 'tavle-nord';
const CPR = '010190-1234';

let srv: TestServer;
let anne: string;
let bent: string;
const clients: BoardClient[] = [];

async function client(cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

/** Every string anywhere in the doc, as one text to search. */
function allText(doc: Y.Doc): string {
  return JSON.stringify(doc.getMap('cards').toJSON()) + JSON.stringify(doc.toJSON());
}

beforeAll(async () => {
  srv = await startServer();
  anne = await login(srv.baseUrl, 'anne');
  bent = await login(srv.baseUrl, 'bent');
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe('CPR numbers over the sync endpoint', () => {
  it('an update with a CPR-like number is refused (4422) and never stored, relayed or replayed', async () => {
    const forger = await client(anne);
    const other = await client(bent);
    const cardId = forger.board.cards()[0]!.id;
    // Bypass BoardDoc's validation, as a forged client would.
    const card = forger.doc.getMap('cards').get(cardId) as Y.Map<unknown>;
    card.set('note', `Ring til datter, cpr ${CPR}`);
    await waitFor(() => forger.closeCodes.includes(CloseCode.cprRejected), { what: 'close 4422' });

    // A later edit from someone else arrives, the forged one never did.
    const marker = other.board.cards()[1]!.id;
    other.board.updateCard(marker, { triage: 'yellow' }, { source: 'local', userId: 'u-bent' });
    const fresh = await client(bent);
    await waitFor(() => fresh.board.card(marker)?.triage === 'yellow', { what: 'later edit' });
    expect(allText(fresh.doc)).not.toContain(CPR);
    expect(allText(other.doc)).not.toContain(CPR);

    // Not on disk either: restart on the same data and look again; the refusal is audited.
    await srv.stop();
    const db = new Database(join(srv.dataDir, 'tavlen.db'), { readonly: true });
    const rows = db.prepare(`SELECT "update" AS u FROM board_updates`).all() as { u: Buffer }[];
    expect(rows.some((r) => r.u.toString('latin1').includes(CPR))).toBe(false);
    const audit = db.prepare(`SELECT detail FROM audit_log WHERE action = 'write_rejected'`).all() as {
      detail: string;
    }[];
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toContainEqual({
      role: 'ssh',
      code: 'cpr',
      path: 'update',
    });
    db.close();
    srv = await startServer({ dataDir: srv.dataDir });
    anne = await login(srv.baseUrl, 'anne');
    const after = await client(anne);
    expect(after.board.card(marker)?.triage).toBe('yellow');
    expect(allText(after.doc)).not.toContain(CPR);
  });

  it('ordinary numbers (phone numbers, amounts, dates) pass', async () => {
    const a = await client(anne);
    const cardId = a.board.cards()[0]!.id;
    (a.doc.getMap('cards').get(cardId) as Y.Map<unknown>).set('note', 'Tlf. 12 34 56 78, 3 timer, uge 12, 01-01-2026');
    const b = await client(bent);
    await waitFor(() => JSON.stringify(b.doc.getMap('cards').get(cardId)).includes('12 34 56 78'), {
      what: 'note relayed',
    });
    expect(a.closeCodes).not.toContain(CloseCode.cprRejected);
  });
});
