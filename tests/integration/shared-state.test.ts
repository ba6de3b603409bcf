import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditViewAck } from '../../shared/protocol/audit.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { freePort, startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { connectBoard, login, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/**
 * State that must be the same on every node (issue #14, docs/operations.md "Redis"): two real
 * nodes on one PostgreSQL and one Redis, clients picking the node as a load balancer without
 * affinity would. Sign-in limits count across nodes, a sign-in started on A finishes on B, a
 * logout on A closes the user's connections on B, a view is audited once, and with Redis gone
 * sign-in is refused as docs/security.md says and comes back with Redis.
 */
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const available = clusterAvailable('shared state between nodes');
let c: TestCluster;
let idp: TestOidcProvider;
/** The address the provider sends browsers back to: the "load balancer" in front of both nodes. */
let lbOrigin = '';
const sockets: ClientSocket[] = [];
const boards: BoardClient[] = [];

const nodeA = () => c.nodes[0]!;
const nodeB = () => c.nodes[1]!;

beforeAll(async () => {
  if (!available) return;
  idp = await startOidcProvider();
  const lbPort = await freePort();
  lbOrigin = `http://127.0.0.1:${lbPort}`;
  idp.register(`${lbOrigin}/api/auth/oidc/callback`);
  c = await startCluster({ nodes: 2, env: { ...idp.env(lbPort), OIDC_LINK_BY_USERNAME: 'true' } });
}, 180_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const b of boards) b.destroy();
  await c?.stop();
  await idp?.close();
});

const post = (srv: TestServer, path: string, body: unknown, cookie?: string) =>
  fetch(`${srv.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: srv.baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

function socketOn(srv: TestServer, cookie: string): Promise<ClientSocket> {
  const s: ClientSocket = connect(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie, origin: srv.baseUrl },
    reconnection: false,
  });
  sockets.push(s);
  return new Promise((res, rej) => {
    s.once('connect', () => res(s));
    s.once('connect_error', rej);
  });
}

async function boardOn(srv: TestServer, cookie: string): Promise<BoardClient> {
  const b = connectBoard(srv, cookie, 'tavle-nord');
  boards.push(b);
  await b.synced;
  return b;
}

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: c.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)('state shared by two nodes', () => {
  it('ten wrong passwords spread over two nodes are ten: the eleventh is refused on either node', async () => {
    const wrong = (srv: TestServer) => post(srv, '/api/login', { username: 'hanne', password: 'forkert' });
    for (let i = 0; i < 10; i++) expect((await wrong(i % 2 === 0 ? nodeA() : nodeB())).status).toBe(401);
    // Each node saw only five: with counts per node both would still answer 401.
    for (const srv of [nodeA(), nodeB()]) {
      const res = await wrong(srv);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeTruthy();
    }
    // The right password is refused too until the window ends (the limit is on the username).
    expect((await post(nodeB(), '/api/login', { username: 'hanne', password: 'demo1234' })).status).toBe(429);
    // express-rate-limit checks its configuration (one store per limiter …) and complains on stderr.
    for (const srv of [nodeA(), nodeB()]) expect(srv.stderr()).not.toContain('ERR_ERL');
  });

  it('wrong pairing codes are counted across nodes as well', async () => {
    const wrong = (srv: TestServer) => post(srv, '/api/pair', { code: 'AAAAAAAA' });
    for (let i = 0; i < 20; i++) expect((await wrong(i % 2 === 0 ? nodeA() : nodeB())).status).toBe(401);
    expect((await wrong(nodeA())).status).toBe(429);
    expect((await wrong(nodeB())).status).toBe(429);
  });

  it('a sign-in started on node A completes on node B, once', async () => {
    idp.account({ sub: 'camilla-1', preferred_username: 'camilla' });
    idp.nextAccount = 'camilla-1';
    // The browser: start on A, through the provider, back to the load balancer.
    const start = await fetch(`${nodeA().baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const stateCookie = start.headers
      .getSetCookie()
      .find((h) => h.startsWith('tavlen_oidc_state='))!
      .split(';')[0]!;
    const providerCookies = new Map<string, string>();
    let url = new URL(start.headers.get('location')!);
    for (let hops = 0; hops < 12 && url.origin !== lbOrigin; hops++) {
      const cookie = [...providerCookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(url, { redirect: 'manual', headers: { cookie } });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        providerCookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      url = new URL(res.headers.get('location')!, url);
    }
    expect(url.pathname).toBe('/api/auth/oidc/callback');

    // The load balancer sends the callback to node B, which never saw the start.
    const callback = (srv: TestServer) =>
      fetch(`${srv.baseUrl}${url.pathname}${url.search}`, { redirect: 'manual', headers: { cookie: stateCookie } });
    const done = await callback(nodeB());
    expect(done.headers.get('location')).toBe('/');
    const session = done.headers
      .getSetCookie()
      .find((h) => h.startsWith('tavlen_session=') && !h.startsWith('tavlen_session=;'))!
      .split(';')[0]!;
    const me = await fetch(`${nodeA().baseUrl}/api/me`, { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('camilla');

    // The flow was spent on B: replaying the callback on A does not sign in again.
    const replay = await callback(nodeA());
    expect(replay.headers.get('location')).toBe('/?loginError=oidc_state');
  });

  it('logout on node A closes the user’s websocket and socket.io on node B; other users stay', async () => {
    const cookie = await login(nodeA().baseUrl, 'dorte');
    const other = await login(nodeB().baseUrl, 'bent');
    const board = await boardOn(nodeB(), cookie);
    const socket = await socketOn(nodeB(), cookie);
    const bystander = await boardOn(nodeB(), other);
    const bystanderSocket = await socketOn(nodeB(), other);

    expect((await post(nodeA(), '/api/logout', {}, cookie)).status).toBe(204);
    await waitFor(() => !socket.connected, { what: 'socket.io on B closed' });
    await waitFor(() => board.closeCodes.includes(CloseCode.unauthorized), { what: 'websocket on B closed (4401)' });
    expect(bystanderSocket.connected).toBe(true);
    expect(bystander.closeCodes).toEqual([]);
  });

  it('"log ud overalt" on node B closes the user’s connections on node A', async () => {
    const first = await login(nodeA().baseUrl, 'frederik');
    const second = await login(nodeB().baseUrl, 'frederik');
    const board = await boardOn(nodeA(), first);
    const socket = await socketOn(nodeA(), first);
    expect((await post(nodeB(), '/api/logout-all', {}, second)).status).toBe(204);
    await waitFor(() => !socket.connected, { what: 'socket.io on A closed' });
    await waitFor(() => board.closeCodes.includes(CloseCode.unauthorized), { what: 'websocket on A closed (4401)' });
  });

  it('the same user opening the same citizen on two nodes at once is one "viewed" entry', async () => {
    const cookie = await login(nodeA().baseUrl, 'camilla');
    const cardIds = (await boardOn(nodeA(), cookie)).board.cards().map((card) => card.id);
    const [onA, onB] = await Promise.all([socketOn(nodeA(), cookie), socketOn(nodeB(), cookie)]);
    const view = (s: ClientSocket, cardId: string) =>
      new Promise<AuditViewAck>((res) => s.emit('audit:view', { boardId: 'tavle-nord', cardId }, res));
    const [card, markA, markB] = cardIds;
    expect(await Promise.all([view(onA, card!), view(onB, card!), view(onA, card!), view(onB, card!)])).toEqual(
      Array(4).fill({ ok: true }),
    );
    // A later view of another citizen on each node: once those are stored, so is anything before.
    await Promise.all([view(onA, markA!), view(onB, markB!)]);
    const count = async (cardId: string) =>
      Number(
        (
          await sql<{ n: string }>(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'card_viewed' AND user_id = 'u-camilla' AND card_id = $1",
            [cardId],
          )
        )[0]!.n,
      );
    await waitFor(async () => (await count(markA!)) === 1 && (await count(markB!)) === 1, { what: 'markers stored' });
    expect(await count(card!)).toBe(1);
  });
});

// Last: it stops Redis.
describe.skipIf(!available)('when Redis is gone', () => {
  it('sign-in and pairing are refused with 503 and a Danish reason, sessions keep working, and all comes back with Redis', async () => {
    const signedIn = await login(nodeA().baseUrl, 'ida');
    await c.redis.kill();

    for (const srv of [nodeA(), nodeB()]) {
      const res = await post(srv, '/api/login', { username: 'anne', password: 'demo1234' });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unavailable');
      expect(body.error.message).toMatch(/Log ind er ikke muligt lige nu/);
      expect((await post(srv, '/api/pair', { code: 'AAAAAAAA' })).status).toBe(503);
    }
    const oidc = await fetch(`${nodeB().baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(oidc.headers.get('location')).toBe('/?loginError=oidc_unavailable');
    // Who is signed in stays signed in: sessions are in PostgreSQL.
    expect((await fetch(`${nodeA().baseUrl}/api/me`, { headers: { cookie: signedIn } })).status).toBe(200);

    // A logout while Redis is away still reaches the other node once Redis is back.
    const cookie = await login(nodeA().baseUrl, 'ida').catch(() => null);
    expect(cookie).toBeNull(); // refused (503) like everyone's
    const socket = await socketOn(nodeB(), signedIn);
    expect((await post(nodeA(), '/api/logout', {}, signedIn)).status).toBe(204);

    await c.redis.restart({ persist: false }); // empty: scripts and keys are gone too
    await waitFor(() => !socket.connected, { what: 'socket.io on B closed after Redis came back' });
    // Each node's client reconnects on its own back-off (at most 2 s apart).
    for (const srv of [nodeB(), nodeA()]) {
      await waitFor(
        async () => (await post(srv, '/api/login', { username: 'anne', password: 'demo1234' })).status === 200,
        { what: 'sign-in works again', timeoutMs: 15_000, intervalMs: 200 },
      );
    }
  });
});
