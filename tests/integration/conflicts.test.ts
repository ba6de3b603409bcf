/**
 * No silent conflicts (issue #12 point 3, docs/protocol.md "Concurrent edits"), against the
 * real server with real y-websocket clients: Anne changes a citizen's triage to rød while
 * offline, Bent changes it to gul online afterwards; when Anne is back, everyone has gul,
 * and Anne (only Anne) has a conflict record naming both, which she answers with one edit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openConflictsOf } from '../../shared/model/conflict.js';
import { connectBoard, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

const BOARD = 'tavle-nord';
const origin = (userId: string) => ({ source: 'local', userId }) as const;

let srv: TestServer;
let cookies: Record<'anne' | 'bent' | 'camilla', string>;
const clients: BoardClient[] = [];

async function client(cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
    camilla: await login(srv.baseUrl, 'camilla'),
  };
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe('concurrent triage changes, one of them offline', () => {
  it('the online change that reached the server first stays; the offline writer is told and can restore hers', async () => {
    const anne = await client(cookies.anne);
    const bent = await client(cookies.bent);
    const observer = await client(cookies.camilla);
    const card = anne.board.cards().find((c) => c.triage === 'green')!;
    expect(card).toBeDefined();

    anne.provider.disconnect();
    anne.board.updateCard(card.id, { triage: 'red' }, origin('u-anne'));
    bent.board.updateCard(card.id, { triage: 'yellow' }, origin('u-bent'));
    await waitFor(() => observer.board.card(card.id)?.triage === 'yellow', { what: 'gul at the observer' });

    anne.provider.connect();
    await waitFor(() => openConflictsOf('u-anne', anne.board.allConflicts()).length === 1, {
      what: "Anne's conflict",
    });
    await waitFor(() => observer.board.conflicts(card.id).length === 1, { what: 'the conflict at the observer' });
    for (const c of [anne, bent, observer]) expect(c.board.card(card.id)!.triage).toBe('yellow');
    const [conflict] = observer.board.conflicts(card.id);
    expect(conflict).toMatchObject({
      field: 'triage',
      kept: { value: 'yellow', by: 'u-bent', byName: 'Bent Nielsen' },
      lost: { value: 'red', by: 'u-anne', byName: 'Anne Holm' },
    });
    expect(openConflictsOf('u-bent', bent.board.allConflicts())).toEqual([]);
    expect(anne.closeCodes).toEqual([]);

    // Bent may not answer Anne's conflict: the server refuses it and he is rolled back.
    const refused = await client(cookies.bent);
    refused.board.resolveConflict(card.id, conflict!.id, false, origin('u-bent'));
    await waitFor(() => refused.closeCodes.includes(4423), { what: "Bent's refusal" });

    // "Brug min": one edit through the gate, seen by everyone.
    anne.board.resolveConflict(card.id, conflict!.id, true, origin('u-anne'));
    await waitFor(() => observer.board.card(card.id)?.triage === 'red', { what: 'rød restored' });
    expect(observer.board.conflicts(card.id)[0]!.resolvedAt).toBeDefined();
    expect(anne.closeCodes).toEqual([]);
  });
});
