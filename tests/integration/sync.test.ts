import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwarenessState } from '../../shared/protocol/limits.js';
import {
  connectBoard,
  login,
  openRawSocket,
  startServer,
  upgradeStatus,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

const BOARD = 'tavle-nord';
const origin = (userId: string) => ({ source: 'local', userId }) as const;

let srv: TestServer;
let cookies: Record<'anne' | 'bent' | 'hanne' | 'skaerm', string>;
const clients: BoardClient[] = [];

/** A synced client that is destroyed after the test. */
async function client(cookie: string, board = BOARD): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, board);
  clients.push(c);
  await c.synced;
  return c;
}

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
    hanne: await login(srv.baseUrl, 'hanne'),
    skaerm: await login(srv.baseUrl, 'skaerm-nord'),
  };
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe('y-websocket sync', () => {
  it('two clients converge through BoardDoc', async () => {
    const a = await client(cookies.anne);
    const b = await client(cookies.bent);
    expect(a.board.cards().length).toBeGreaterThanOrEqual(30);
    expect(b.board.cards().length).toBe(a.board.cards().length);

    const id = a.board.createCard({ name: 'Test Borger', phaseId: 'henvist', triage: 'red' }, origin('u-anne'));
    await waitFor(() => b.board.hasCard(id), { what: 'card at B' });
    b.board.updateCard(id, { note: 'Ringet op.' }, origin('u-bent'));
    await waitFor(() => a.board.card(id)?.note === 'Ringet op.', { what: 'note at A' });
    expect(a.board.card(id)).toEqual(b.board.card(id));
  });

  it('concurrent moves of the same card converge to one place', async () => {
    const a = await client(cookies.anne);
    const b = await client(cookies.bent);
    const id = a.board.createCard({ name: 'Flyt Mig', phaseId: 'henvist' }, origin('u-anne'));
    await waitFor(() => b.board.hasCard(id));

    // Same tick: neither has seen the other's move, so the two writes are truly concurrent.
    a.board.moveCard(id, 'opstart', 0, origin('u-anne'));
    b.board.moveCard(id, 'uge5', 0, origin('u-bent'));

    await waitFor(() => {
      const pa = a.board.card(id)?.position;
      const pb = b.board.card(id)?.position;
      return pa && pb && pa.phaseId === pb.phaseId && pa.key === pb.key;
    });
    const place = a.board.card(id)!.position;
    expect(['opstart', 'uge5']).toContain(place.phaseId);
    const c = await client(cookies.anne);
    expect(c.board.card(id)!.position).toEqual(place);
    // Exactly one column holds it.
    expect(c.board.phases().filter((p) => c.board.column(p.id).some((card) => card.id === id))).toHaveLength(1);
  });

  it('a page on another site cannot open the board with the user’s cookie (403); same origin and no Origin pass', async () => {
    expect(await upgradeStatus(srv.wsUrl, BOARD, cookies.anne, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(srv.wsUrl, BOARD, cookies.anne, { origin: 'not a url' })).toBe(403);
    const own = new URL(srv.baseUrl);
    expect(await upgradeStatus(srv.wsUrl, BOARD, cookies.anne, { origin: own.origin })).toBe(101);
    expect(await upgradeStatus(srv.wsUrl, BOARD, cookies.anne)).toBe(101);
  });

  it('no cookie → 401 on the upgrade', async () => {
    expect(await upgradeStatus(srv.wsUrl, BOARD, null)).toBe(401);
    expect(await upgradeStatus(srv.wsUrl, BOARD, `tavlen_session=${'x'.repeat(43)}`)).toBe(401);
  });

  it('unknown board and another team’s board both answer 404 on the upgrade', async () => {
    expect(await upgradeStatus(srv.wsUrl, 'findes-ikke', cookies.anne)).toBe(404);
    expect(await upgradeStatus(srv.wsUrl, 'ugyldigt%20id', cookies.anne)).toBe(404);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-syd', cookies.anne)).toBe(404);
    expect(await upgradeStatus(srv.wsUrl, 'tavle-syd', cookies.hanne)).toBe(101);
    const boards = (await (await fetch(`${srv.baseUrl}/api/boards`, { headers: { cookie: cookies.anne } })).json()) as {
      id: string;
    }[];
    expect(boards.map((b) => b.id)).not.toContain('tavle-syd');
  });

  it('a read-only wall screen can read, but its updates are dropped', async () => {
    const screen = await client(cookies.skaerm);
    const a = await client(cookies.anne);
    expect(screen.board.cards().length).toBe(a.board.cards().length);

    const forbidden = screen.board.createCard({ name: 'Må Ikke Gemmes', phaseId: 'henvist' }, origin('u-skaerm'));
    // Barrier: the screen's next message (awareness) is handled after its update; once A sees
    // it, a later edit by A is queued behind anything the screen's update could have caused.
    screen.provider.awareness.setLocalStateField('editingCardId', 'nord-07');
    await waitFor(
      () =>
        (a.provider.awareness.getStates().get(screen.doc.clientID) as AwarenessState | undefined)?.editingCardId ===
        'nord-07',
      { what: 'screen presence at A' },
    );
    const marker = a.board.createCard({ name: 'Efter Skærmen', phaseId: 'henvist' }, origin('u-anne'));
    const b = await client(cookies.bent);
    await waitFor(() => b.board.hasCard(marker));
    expect(b.board.hasCard(forbidden)).toBe(false);
    expect(a.board.hasCard(forbidden)).toBe(false);
    // The screen still receives everyone else's edits.
    await waitFor(() => screen.board.hasCard(marker));
  });

  it('the server overwrites a forged awareness `user` and drops unknown fields', async () => {
    const a = await client(cookies.anne);
    const b = await client(cookies.bent);
    a.provider.awareness.setLocalState({
      user: { userId: 'u-gitte', name: 'Gitte Vestergaard', role: 'leder', color: '#000' },
      editingCardId: 'nord-01',
      secret: 'should not travel',
    });
    const seen = await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID) as AwarenessState | undefined,
      {
        what: 'A’s presence at B',
      },
    );
    await waitFor(
      () => (b.provider.awareness.getStates().get(a.doc.clientID) as AwarenessState).editingCardId === 'nord-01',
    );
    const state = b.provider.awareness.getStates().get(a.doc.clientID) as Record<string, unknown>;
    expect(state).toEqual({
      user: { userId: 'u-anne', name: 'Anne Holm', role: 'ssh', color: expect.any(String) },
      editingCardId: 'nord-01',
    });
    expect(seen.user?.userId).toBe('u-anne');
  });

  it('a connection cannot speak for a client id another connection owns', async () => {
    const a = await client(cookies.anne);
    const b = await client(cookies.bent);
    a.provider.awareness.setLocalStateField('editingCardId', 'nord-02');
    await waitFor(
      () =>
        (b.provider.awareness.getStates().get(a.doc.clientID) as AwarenessState | undefined)?.editingCardId ===
        'nord-02',
    );

    // Bent's raw socket claims Anne's client id with a higher clock.
    const raw = await openRawSocket(srv.wsUrl, BOARD, cookies.bent);
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = a.doc.clientID;
    fake.meta.set(a.doc.clientID, { clock: 1000, lastUpdated: Date.now() });
    fake.states.set(a.doc.clientID, { editingCardId: 'nord-03' });
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(fake, [a.doc.clientID]));
    raw.ws.send(encoding.toUint8Array(enc));
    // Barrier on the same connection: once the answer to a query-awareness arrives, the
    // forged update has been handled. A client joining afterwards sees the server's truth.
    const before = raw.received.length;
    raw.ws.send(new Uint8Array([3]));
    await waitFor(() => raw.received.length > before, { what: 'query-awareness answer' });
    const c = await client(cookies.anne);
    const annes = await waitFor(
      () => c.provider.awareness.getStates().get(a.doc.clientID) as AwarenessState | undefined,
    );
    expect(annes).toMatchObject({ user: { userId: 'u-anne' }, editingCardId: 'nord-02' });
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ editingCardId: 'nord-02' });
    fake.destroy();
    raw.ws.close();
  });

  it('presence disappears when a connection closes', async () => {
    const a = await client(cookies.anne);
    const b = await client(cookies.bent);
    a.provider.awareness.setLocalStateField('editingCardId', 'nord-05');
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID));
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), { what: 'A’s presence removed' });
  });
});
