import { CloseCode } from '../../shared/protocol/limits.js';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema, type AuditItem, type AuditViewAck } from '../../shared/protocol/audit.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
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
 * The audit log on the real server with real y-websocket clients: entries are derived by the
 * server from the updates it receives and attributed to the signed-in connection; views come
 * over socket.io; leder/administrator search and export; the table refuses ordinary deletes.
 */
const BOARD = 'tavle-nord';
const by = (userId: string) => ({ source: 'local', userId }) as const;

let srv: TestServer;
let cookies: Record<'anne' | 'frederik' | 'gitte' | 'hanne' | 'admin', string>;
const clients: BoardClient[] = [];
const sockets: Socket[] = [];

async function client(cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

const sql = <T>(query: string, ...params: unknown[]): T[] => sqlOn<T>(srv.dataDir, query, ...params);

interface Row {
  user_id: string | null;
  card_id: string | null;
  action: string;
  detail: string;
}
const rowsOf = (cardId: string, action?: string) =>
  sql<Row>(
    `SELECT user_id, card_id, action, detail FROM audit_log WHERE card_id = ? ${action ? 'AND action = ?' : ''} ORDER BY id`,
    ...(action ? [cardId, action] : [cardId]),
  );

async function socketOf(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return socket;
}

const view = (s: Socket<ServerToClientEvents, ClientToServerEvents>, boardId: string, cardId: string) =>
  new Promise<AuditViewAck>((res) => s.emit('audit:view', { boardId, cardId }, res));

const get = (cookie: string, path: string) => fetch(`${srv.baseUrl}${path}`, { headers: { cookie } });

async function search(cookie: string, query: string): Promise<AuditItem[]> {
  const res = await get(cookie, `/api/audit?${query}`);
  expect(res.status).toBe(200);
  return AuditPageSchema.parse(await res.json()).items;
}

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    frederik: await login(srv.baseUrl, 'frederik'),
    gitte: await login(srv.baseUrl, 'gitte'),
    hanne: await login(srv.baseUrl, 'hanne'),
    admin: await login(srv.baseUrl, 'admin'),
  };
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await srv?.kill('SIGKILL');
  srv?.cleanup();
});

describe('[R36] audit entries derived by the server', () => {
  it('a field change is logged with field, old and new value, attributed to the signed-in user, not to the origin it claims', async () => {
    const anne = await client(cookies.anne);
    const id = 'nord-03';
    const old = anne.board.card(id)!.contactPerson;
    // Anne's client claims to be Eva in its origin; the server knows the connection is Anne's.
    anne.board.updateCard(id, { contactPerson: 'Bent Nielsen' }, by('u-eva'));
    await waitFor(() => rowsOf(id, 'card_changed').length > 0, { what: 'card_changed row' });
    const [row] = rowsOf(id, 'card_changed');
    expect(row!.user_id).toBe('u-anne');
    expect(JSON.parse(row!.detail)).toEqual({ role: 'ssh', field: 'contactPerson', from: old, to: 'Bent Nielsen' });
    // The citizen's name is not written into the log.
    expect(row!.detail).not.toContain(anne.board.card(id)!.name);
  });

  it('a move, a triage change and a closure are logged as their own actions', async () => {
    const frederik = await client(cookies.frederik);
    const id = 'nord-04';
    const from = frederik.board.card(id)!.position.phaseId;
    const to = from === 'uge5' ? 'uge8' : 'uge5';
    frederik.board.moveCard(id, to, 0, by('u-frederik'));
    frederik.board.updateCard(id, { triage: 'red' }, by('u-frederik'));
    const today = toIsoDate(new Date());
    frederik.board.closeForlob(id, { outcome: 'plejecenter', closedOn: today, by: 'u-frederik' }, by('u-frederik'));
    await waitFor(() => rowsOf(id, 'card_closed').length > 0, { what: 'card_closed row' });
    const rows = rowsOf(id);
    expect(rows.every((r) => r.user_id === 'u-frederik')).toBe(true);
    const moved = rows.find((r) => r.action === 'card_moved')!;
    expect(JSON.parse(moved.detail)).toMatchObject({ role: 'koordinator', fromId: from, toId: to });
    expect(JSON.parse(rows.find((r) => r.action === 'triage_changed')!.detail)).toMatchObject({ to: 'red' });
    expect(JSON.parse(rows.find((r) => r.action === 'card_closed')!.detail)).toMatchObject({
      to: 'plejecenter',
      closedOn: today,
    });
  });

  it('a refused write leaves a write_rejected entry and no change entry', async () => {
    const anne = await client(cookies.anne);
    const id = 'nord-06';
    const before = anne.board.card(id)!.lifecycle.weeklyHours;
    anne.board.setLifecycle(id, { weeklyHours: (before ?? 0) + 10 }, by('u-anne'));
    await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'raise refused' });
    // The board's queue keeps order: once a later edit is logged, the raise's entries are too.
    const again = await client(cookies.anne);
    again.board.updateCard(id, { note: 'Markør' }, by('u-anne'));
    await waitFor(() => rowsOf(id, 'card_changed').some((r) => JSON.parse(r.detail).field === 'note'), {
      what: 'marker logged',
    });
    expect(rowsOf(id, 'write_rejected').map((r) => r.user_id)).toEqual(['u-anne']);
    expect(rowsOf(id, 'card_changed').filter((r) => JSON.parse(r.detail).field === 'weeklyHours')).toEqual([]);
  });

  it('opening a detail panel is logged once per few minutes; another team cannot log views of it', async () => {
    const anne = await socketOf(cookies.anne);
    const id = 'nord-08';
    expect(await view(anne, BOARD, id)).toEqual({ ok: true });
    expect(await view(anne, BOARD, id)).toEqual({ ok: true });
    expect(rowsOf(id, 'card_viewed').map((r) => r.user_id)).toEqual(['u-anne']);

    const hanne = await socketOf(cookies.hanne);
    expect(await view(hanne, BOARD, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await view(anne, BOARD, 'findes-ikke')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await view(anne, BOARD, '../x')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(rowsOf(id, 'card_viewed')).toHaveLength(1);
  });
});

describe('[R36] reading the audit log', () => {
  it('only leder and administrator read it; other roles get 403, another team 404, no session 401', async () => {
    expect((await get(cookies.anne, `/api/audit?boardId=${BOARD}`)).status).toBe(403);
    expect((await get(cookies.frederik, `/api/audit.csv?boardId=${BOARD}`)).status).toBe(403);
    expect((await get(cookies.hanne, `/api/audit?boardId=${BOARD}`)).status).toBe(404);
    expect((await get(cookies.gitte, `/api/audit?boardId=findes-ikke`)).status).toBe(404);
    expect((await fetch(`${srv.baseUrl}/api/audit?boardId=${BOARD}`)).status).toBe(401);
    expect((await get(cookies.admin, `/api/audit?boardId=${BOARD}`)).status).toBe(200);
    expect((await get(cookies.gitte, `/api/audit?boardId=${BOARD}&nonsense=1`)).status).toBe(400);
  });

  it('filters by citizen, user, period and action, newest first, with names resolved at read time', async () => {
    const id = 'nord-03';
    const items = await search(cookies.gitte, `boardId=${BOARD}&cardId=${id}`);
    const change = items.find((i) => i.action === 'card_changed' && i.field === 'contactPerson')!;
    expect(change).toMatchObject({ userId: 'u-anne', userName: 'Anne Holm', role: 'ssh', to: 'Bent Nielsen' });
    expect(change.citizen).toBeTruthy();
    expect(items.every((i) => i.cardId === id)).toBe(true);

    const byFrederik = await search(cookies.gitte, `boardId=${BOARD}&userId=u-frederik`);
    expect(byFrederik.length).toBeGreaterThanOrEqual(3);
    expect(byFrederik.every((i) => i.userId === 'u-frederik')).toBe(true);

    const today = toIsoDate(new Date());
    expect((await search(cookies.gitte, `boardId=${BOARD}&from=${today}&to=${today}`)).length).toBeGreaterThan(0);
    expect(await search(cookies.gitte, `boardId=${BOARD}&from=2020-01-01&to=2020-12-31`)).toEqual([]);

    const moves = await search(cookies.gitte, `boardId=${BOARD}&action=card_moved,card_closed`);
    expect(new Set(moves.map((i) => i.action))).toEqual(new Set(['card_moved', 'card_closed']));
    const ids = moves.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('returns the raw values (ISO UTC time, colour codes, user ids) and the names for the ids inside values', async () => {
    const anne = await client(cookies.anne);
    const eva = await client(await login(srv.baseUrl, 'eva'));
    const id = 'nord-09';
    const requestId = anne.board.addRequest(id, { kind: 'mere-tid', reason: 'Aftenbesøg', by: 'u-anne' }, by('u-anne'));
    await waitFor(() => eva.board.card(id)?.lifecycle.requests.some((r) => r.id === requestId) === true, {
      what: 'request at Eva',
    });
    eva.board.decideRequest(id, requestId, { status: 'godkendt', decidedBy: 'u-eva' }, by('u-eva'));
    await waitFor(() => rowsOf(id, 'card_changed').some((r) => JSON.parse(r.detail).field?.endsWith('.decidedBy')), {
      what: 'decision logged',
    });
    const res = await get(cookies.gitte, `/api/audit?boardId=${BOARD}&cardId=${id}`);
    const page = AuditPageSchema.parse(await res.json());
    const decided = page.items.find((i) => i.field === `requests.${requestId}.decidedBy`)!;
    expect(decided).toMatchObject({ action: 'card_changed', userId: 'u-eva', from: null, to: 'u-eva' });
    expect(decided.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(page.names['u-eva']).toBe('Eva Mortensen');
    expect(page.items.find((i) => i.field === `requests.${requestId}.status`)).toMatchObject({ to: 'godkendt' });

    const triage = (await search(cookies.gitte, `boardId=${BOARD}&cardId=nord-04&action=triage_changed`))[0]!;
    expect(triage.to).toBe('red');
  });

  it('pages with a cursor', async () => {
    const res = await get(cookies.gitte, `/api/audit?boardId=${BOARD}&userId=u-frederik&limit=1`);
    const first = AuditPageSchema.parse(await res.json());
    expect(first.items).toHaveLength(1);
    expect(first.nextBefore).toBe(first.items[0]!.id);
    const second = AuditPageSchema.parse(
      await (
        await get(cookies.gitte, `/api/audit?boardId=${BOARD}&userId=u-frederik&limit=1&before=${first.nextBefore}`)
      ).json(),
    );
    expect(second.items[0]!.id).toBeLessThan(first.items[0]!.id);
  });

  it('exports CSV with BOM and Danish headers, and reading and exporting are audited', async () => {
    const res = await get(cookies.gitte, `/api/audit.csv?boardId=${BOARD}&cardId=nord-03`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="revisionsspor-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...lines] = text.trim().split('\r\n');
    expect(header).toBe(
      'Tidspunkt,Bruger,Bruger-id,Rolle,Borger,Borger-id,Handling,Felt,Fra,Til,Detaljer,Tidspunkt (UTC),Handlingskode,Fra (tekst),Til (tekst)',
    );
    const line = lines.find((l) => l.includes('contactPerson'))!;
    expect(line).toContain('Anne Holm,u-anne,Social- og sundhedshjælper,');
    expect(line).toContain(',nord-03,Felt ændret,Kontaktperson,');
    expect(line).toContain('Bent Nielsen');

    const reads = sql<Row>(
      "SELECT user_id, card_id, action, detail FROM audit_log WHERE action IN ('audit_viewed', 'audit_exported')",
    );
    expect(reads.some((r) => r.action === 'audit_exported' && r.user_id === 'u-gitte' && r.card_id === 'nord-03')).toBe(
      true,
    );
    expect(reads.some((r) => r.action === 'audit_viewed' && r.user_id === 'u-admin')).toBe(true);
  });

  it('the team’s users for the filter', async () => {
    const res = await get(cookies.gitte, `/api/audit/users?boardId=${BOARD}`);
    const body = (await res.json()) as { users: { id: string; name: string }[] };
    expect(body.users.map((u) => u.id)).toContain('u-anne');
    expect(body.users.map((u) => u.id)).not.toContain('u-hanne');
  });
});

describe('[R36] the audit table is append-only', () => {
  it('refuses UPDATE and DELETE, and a retention cutoff in the future', () => {
    expect(() => sql('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() => sql("UPDATE audit_log SET user_id = 'u-x'")).toThrow(/append-only/);
    expect(() => sql('UPDATE audit_retention SET purge_before = ?', Date.now() + 86_400_000)).toThrow(/future/);
    expect(() => sql('DELETE FROM audit_retention')).toThrow();
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log')[0]!.n).toBeGreaterThan(0);
  });
});
