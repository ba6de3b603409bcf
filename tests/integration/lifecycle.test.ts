import { io as connectIo, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/limits.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveResponseSchema, BoardConfigResponseSchema } from '../../shared/protocol/config.js';
import type { ClientToServerEvents, RejectedNotice, ServerToClientEvents } from '../../shared/protocol/events.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import {
  sqlOn,
  connectBoard,
  login,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

/**
 * The forløb lifecycle on the real server: an update doing what the sender's role may not
 * do is refused whole (stored nowhere, relayed to nobody), requests are decided only by the visitator, the
 * per-board configuration is scoped to the team, and closed forløb move to the archive.
 * Demo Kommune's matrix: the team may create, adjust down and close; only the visitator
 * (and administrator) adjusts up and changes the forløb type.
 */
const BOARD = 'tavle-nord';
const by = (userId: string) => ({ source: 'local', userId }) as const;
const ANNE = by('u-anne');
const EVA = by('u-eva');

const servers: TestServer[] = [];
const clients: BoardClient[] = [];
const sockets: Socket[] = [];

async function client(srv: TestServer, cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

const sql = <T>(srv: TestServer, query: string, ...params: unknown[]): T[] => sqlOn<T>(srv.dataDir, query, ...params);

const rejections = (srv: TestServer, cardId: string) =>
  sql<{ user_id: string; detail: string }>(
    srv,
    "SELECT user_id, detail FROM audit_log WHERE action = 'write_rejected' AND card_id = ? ORDER BY id",
    cardId,
  );

/** Notices pushed to one user on the board (socket.io, the same room the client joins). */
async function notices(srv: TestServer, cookie: string): Promise<RejectedNotice[]> {
  const got: RejectedNotice[] = [];
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  sockets.push(socket);
  socket.on('notice:rejected', (n) => got.push(n));
  await new Promise<void>((res, rej) => {
    socket.once('connect_error', rej);
    socket.emit('board:join', { boardId: BOARD }, (ack) => (ack.ok ? res() : rej(new Error(ack.error.code))));
  });
  return got;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  for (const s of servers) await s.kill('SIGKILL');
  for (const s of servers) s.cleanup();
});

describe('delegation matrix and requests', () => {
  let srv: TestServer;
  let cookies: Record<'anne' | 'bent' | 'eva' | 'hanne', string>;

  beforeAll(async () => {
    srv = await startServer();
    servers.push(srv);
    cookies = {
      anne: await login(srv.baseUrl, 'anne'),
      bent: await login(srv.baseUrl, 'bent'),
      eva: await login(srv.baseUrl, 'eva'),
      hanne: await login(srv.baseUrl, 'hanne'),
    };
  });

  it('refuses more time and a new forløb type by an SSH whole: nobody sees it, it is audited and she is told', async () => {
    const told = await notices(srv, cookies.anne);
    const bent = await client(srv, cookies.bent);
    const eva = await client(srv, cookies.eva);
    const id = 'nord-05';
    eva.board.setLifecycle(
      id,
      { weeklyHours: 5, forlobTypeId: 'sel-83a', forlobType: 'Rehabilitering', legalBasis: 'SEL §83a' },
      EVA,
    );
    const anne = await client(srv, cookies.anne);
    await waitFor(() => anne.board.card(id)?.lifecycle.weeklyHours === 5, { what: 'visitator’s hours at Anne' });

    // One transaction: a forbidden raise plus an allowed note: the update is refused whole.
    anne.doc.transact(() => {
      anne.board.setLifecycle(id, { weeklyHours: 8 }, ANNE);
      anne.board.updateCard(id, { note: 'Mere tid ønskes' }, ANNE);
    }, ANNE);
    await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'Anne refused (4423)' });
    // A later edit reaches Bent; Anne's never did.
    eva.board.updateCard(id, { triage: 'yellow' }, EVA);
    await waitFor(() => bent.board.card(id)?.triage === 'yellow', { what: 'later edit at Bent' });
    expect(bent.board.card(id)!.note).not.toBe('Mere tid ønskes');
    expect(bent.board.card(id)!.lifecycle.weeklyHours).toBe(5);

    const again = await client(srv, cookies.anne);
    again.doc.transact(() => {
      again.board.setLifecycle(id, { forlobTypeId: 'sel-83', forlobType: 'Hjemmehjælp', legalBasis: 'SEL §83' }, ANNE);
      again.board.updateCard(id, { triage: 'red' }, ANNE);
    }, ANNE);
    await waitFor(() => again.closeCodes.includes(CloseCode.writeRefused), { what: 'type change refused' });

    // Lowering the hours is delegated to the team.
    const third = await client(srv, cookies.anne);
    third.board.setLifecycle(id, { weeklyHours: 3 }, ANNE);
    await waitFor(() => bent.board.card(id)?.lifecycle.weeklyHours === 3, { what: 'allowed adjust down' });
    const card = bent.board.card(id)!;
    expect([card.triage, card.lifecycle.forlobTypeId, card.forlobType]).toEqual([
      'yellow',
      'sel-83a',
      'Rehabilitering',
    ]);

    const rows = rejections(srv, id);
    expect(rows.map((r) => JSON.parse(r.detail).code)).toEqual(['adjustUp', 'changeType']);
    expect(rows.every((r) => r.user_id === 'u-anne')).toBe(true);
    expect(rows.some((r) => r.detail.includes(card.name))).toBe(false);
    await waitFor(() => told.length >= 2, { what: 'notices to Anne' });
    expect(told.map((n) => n.op)).toEqual(['adjustUp', 'changeType']);
    expect(told[0]!.message).toMatch(/^Du har ikke ret til/);
  });

  it('refuses a closure the role may not make (municipality on "standard"), however it is reached, and a card it may not create', async () => {
    const [{ delegation }] = sql<{ delegation: string }>(
      srv,
      "SELECT delegation FROM municipalities WHERE id = 'demo-kommune'",
    ) as [{ delegation: string }];
    sql(srv, `UPDATE municipalities SET delegation = '"standard"' WHERE id = 'demo-kommune'`);
    try {
      const bent = await client(srv, cookies.bent);
      const id = 'nord-02';
      const place = bent.board.card(id)!.position;
      const anne = await client(srv, cookies.anne);
      anne.board.closeForlob(id, { outcome: 'afsluttet', closedOn: '2026-11-20', by: 'u-anne' }, ANNE);
      await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'closure refused' });

      // Delete and recreate the card in its closed column: still a closure (and a delete).
      const sneaky = await client(srv, cookies.anne);
      const cards = sneaky.doc.getMap<Y.Map<unknown>>('cards');
      const copy = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(cards.get(id)!.toJSON())) {
        if (!(v instanceof Object) || k === 'position') copy.set(k, v);
      }
      copy.set('position', { phaseId: 'afsluttet', key: 'a0' });
      sneaky.doc.transact(() => cards.set(id, copy));
      await waitFor(() => sneaky.closeCodes.includes(CloseCode.writeRefused), { what: 'recreate refused' });

      const creator = await client(srv, cookies.anne);
      const created = creator.board.createCard({ name: 'Må Ikke Oprettes', phaseId: 'henvist' }, ANNE);
      await waitFor(() => creator.closeCodes.includes(CloseCode.writeRefused), { what: 'create refused' });
      const eva = await client(srv, cookies.eva);
      const marker = eva.board.createCard({ name: 'Markør', phaseId: 'henvist' }, EVA);
      await waitFor(() => bent.board.hasCard(marker), { what: 'the visitator’s card at Bent' });
      expect(bent.board.hasCard(created)).toBe(false);
      expect(bent.board.card(id)!.position).toEqual(place);
      expect(bent.board.card(id)!.lifecycle.closure).toBeNull();
      expect(rejections(srv, id).map((r) => JSON.parse(r.detail).code)).toEqual(['close', 'close']);
    } finally {
      sql(srv, "UPDATE municipalities SET delegation = ? WHERE id = 'demo-kommune'", delegation);
    }
  });

  it('keeps requests added by anyone; only the visitator decides them', async () => {
    const anne = await client(srv, cookies.anne);
    const bent = await client(srv, cookies.bent);
    const eva = await client(srv, cookies.eva);
    const id = 'nord-07';
    const rid = anne.board.addRequest(
      id,
      { kind: 'mere-tid', reason: 'Har brug for hjælp til bad', by: 'u-anne' },
      ANNE,
    );
    await waitFor(() => eva.board.card(id)?.lifecycle.requests.some((r) => r.id === rid), { what: 'request at Eva' });

    anne.board.decideRequest(id, rid, { status: 'godkendt', decidedBy: 'u-anne' }, ANNE);
    await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'SSH decision refused' });
    expect(bent.board.card(id)!.lifecycle.requests.find((r) => r.id === rid)?.status).toBe('afventer');

    eva.board.decideRequest(id, rid, { status: 'godkendt', decidedBy: 'u-eva', decidedByName: 'Eva Mortensen' }, EVA);
    await waitFor(() => bent.board.card(id)?.lifecycle.requests.find((r) => r.id === rid)?.status === 'godkendt', {
      what: 'visitator decision at Bent',
    });
    expect(rejections(srv, id).map((r) => JSON.parse(r.detail).code)).toEqual(['decide_request']);
  });

  it('serves the board configuration to the team only', async () => {
    const get = (path: string, cookie?: string) =>
      fetch(`${srv.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
    const res = await get(`/api/boards/${BOARD}/config`, cookies.anne);
    expect(res.status).toBe(200);
    const config = BoardConfigResponseSchema.parse(await res.json());
    expect(config.presetId).toBeNull(); // Demo Kommune has its own (Solrød-based) matrix
    expect(config.delegation.adjustUp).not.toContain('ssh');
    expect(config.delegation.close).toContain('ssh');
    expect(config.catalogue.length).toBeGreaterThan(0);
    expect(config.cadenceTemplates.map((t) => t.id)).toContain('horsholm-83a');
    expect(config.boardCadenceTemplateId).toBe('horsholm-83a');

    expect((await get('/api/boards/tavle-syd/config', cookies.anne)).status).toBe(404);
    expect((await get('/api/boards/findes-ikke/config', cookies.anne)).status).toBe(404);
    expect((await get('/api/boards/tavle-syd/config', cookies.hanne)).status).toBe(200);
    expect((await get(`/api/boards/${BOARD}/config`)).status).toBe(401);
    expect((await get(`/api/boards/tavle-syd/archive`, cookies.anne)).status).toBe(404);
  });

  it('a visitator’s raise, type change and closure are kept and survive a restart', async () => {
    const eva = await client(srv, cookies.eva);
    const bent = await client(srv, cookies.bent);
    const id = 'nord-09';
    eva.board.setLifecycle(id, { weeklyHours: 12, forlobTypeId: 'sel-83', forlobType: 'Hjemmehjælp' }, EVA);
    eva.board.closeForlob(id, { outcome: 'reduceret', closedOn: toIsoDate(new Date()), by: 'u-eva' }, EVA);
    await waitFor(() => bent.board.card(id)?.lifecycle.closure?.outcome === 'reduceret', { what: 'closure at Bent' });
    expect(rejections(srv, id)).toEqual([]);

    for (const c of clients.splice(0)) c.destroy();
    expect(await srv.stop()).toBe(0);
    srv = await startServer({ dataDir: srv.dataDir });
    servers.push(srv);
    const again = await client(srv, await login(srv.baseUrl, 'bent'));
    const card = again.board.card(id)!;
    expect(card.lifecycle.weeklyHours).toBe(12);
    expect(card.lifecycle.forlobTypeId).toBe('sel-83');
    expect(card.lifecycle.closure?.outcome).toBe('reduceret');
    expect(card.position.phaseId).toBe('afsluttet');
  });
});

describe('archive of closed forløb', () => {
  it('moves a closed card out of the live board into SQL, where the team can find it', async () => {
    const srv = await startServer({ env: { ARCHIVE_AFTER_DAYS: '0', ARCHIVE_INTERVAL_MS: '100' } });
    servers.push(srv);
    const evaCookie = await login(srv.baseUrl, 'eva');
    const eva = await client(srv, evaCookie);
    const bent = await client(srv, await login(srv.baseUrl, 'bent'));
    const id = 'nord-04';
    const name = eva.board.card(id)!.name;
    const before = eva.board.cards().length;
    eva.board.closeForlob(id, { outcome: 'afsluttet', closedOn: toIsoDate(new Date()), by: 'u-eva' }, EVA);
    await waitFor(() => !bent.board.hasCard(id) && !eva.board.hasCard(id), { what: 'card left the live board' });
    expect(bent.board.cards()).toHaveLength(before - 1);

    const search = async (q: string) => {
      const res = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/archive?q=${encodeURIComponent(q)}`, {
        headers: { cookie: evaCookie },
      });
      expect(res.status).toBe(200);
      return ArchiveResponseSchema.parse(await res.json()).items;
    };
    const found = await search(name.split(' ')[0]!.toUpperCase());
    expect(found.map((i) => i.cardId)).toContain(id);
    const item = found.find((i) => i.cardId === id)!;
    expect(item.card.lifecycle.closure?.outcome).toBe('afsluttet');
    expect(await search('ingen-borger-hedder-sådan')).toEqual([]);

    // It is gone from the stored doc too: a fresh client after the archive does not get it.
    const late = await client(srv, evaCookie);
    expect(late.board.hasCard(id)).toBe(false);
    const hanne = await login(srv.baseUrl, 'hanne');
    expect((await fetch(`${srv.baseUrl}/api/boards/${BOARD}/archive`, { headers: { cookie: hanne } })).status).toBe(
      404,
    );
  });
});
