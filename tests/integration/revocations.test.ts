import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, createSessions, type Revocation, type RevocationBus } from '../../server/auth/sessions.js';
import { redisRevocations } from '../../server/cluster/revocations.js';
import { connectCluster, type Cluster } from '../../server/cluster/redis.js';
import { silentLogger } from '../../server/logging.js';
import { openMemoryStorage, type Storage } from '../../server/storage/index.js';
import { redisInstalled, startRedis, warnNoRedis, type TestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * Sessions ended on one node reach the others (server/auth/sessions.ts RevocationBus,
 * server/cluster/revocations.ts): what is published and what is not, and how a node that may
 * have missed messages catches up from the database. Two Sessions on one storage stand for two
 * nodes on one PostgreSQL.
 */
let storage: Storage;
let tokenCount = 0;

beforeAll(async () => {
  storage = openMemoryStorage();
  for (const id of ['u-anne', 'u-bent']) {
    await storage.createUser({
      id,
      username: id.slice(2),
      passwordHash: '',
      role: 'ssh',
      name: id,
      lang: 'da',
      color: '#000000',
    });
  }
});
afterAll(async () => {
  await storage?.close();
});

/** A live session of `userId`; its raw token (as the cookie holds it). */
async function session(userId: string, expiresAt = Date.now() + 3_600_000): Promise<string> {
  const token = `${'t'.repeat(38)}${String(++tokenCount).padStart(5, '0')}`;
  await storage.createSession(hashToken(token), { userId, expiresAt });
  return token;
}
const cookie = (token: string) => `tavlen_session=${token}`;

/** A bus that records what is published and lets the test deliver messages. */
function fakeBus() {
  const published: Revocation[] = [];
  let handlers: Parameters<RevocationBus['listen']>[0] | null = null;
  const bus: RevocationBus = { publish: (r) => void published.push(r), listen: (h) => void (handlers = h) };
  return { bus, published, deliver: () => handlers! };
}

describe('revocations between nodes', () => {
  it('logout and "log ud overalt" are published; what another node publishes closes here too', async () => {
    const { bus, published, deliver } = fakeBus();
    const sessions = createSessions(storage, { ttlHours: 1, bus });
    const seen: Revocation[] = [];
    sessions.onRevoke((r) => seen.push(r));
    const token = await session('u-anne');
    await sessions.logout(token);
    await sessions.logoutAll('u-bent');
    expect(published).toEqual([
      { userId: 'u-anne', sessionId: hashToken(token) },
      { userId: 'u-bent', sessionId: null },
    ]);
    deliver().revoked({ userId: 'u-bent', sessionId: 'from-another-node' });
    expect(seen).toEqual([...published, { userId: 'u-bent', sessionId: 'from-another-node' }]);
    expect(published).toHaveLength(2); // a message from elsewhere is not sent on again
  });

  it('resync revokes the seen sessions that are gone from the database, and only those', async () => {
    const { bus, published, deliver } = fakeBus();
    const sessions = createSessions(storage, { ttlHours: 1, bus });
    const seen: Revocation[] = [];
    sessions.onRevoke((r) => seen.push(r));
    const [kept, gone, neverSeen] = [await session('u-anne'), await session('u-anne'), await session('u-bent')];
    expect(await sessions.sessionFromCookieHeader(cookie(kept))).not.toBeNull();
    expect(await sessions.sessionFromCookieHeader(cookie(gone))).not.toBeNull();
    // Logged out on another node whose message never arrived.
    await storage.deleteSession(hashToken(gone));
    await storage.deleteSession(hashToken(neverSeen));
    deliver().resync();
    await waitFor(() => seen.length > 0, { what: 'resync done' });
    expect(seen).toEqual([{ userId: 'u-anne', sessionId: hashToken(gone) }]);
    expect(published).toEqual([]); // expiries and resyncs are each node's own
  });
});

warnNoRedis('revocations over Redis');

describe.skipIf(!redisInstalled())('revocations over Redis pub/sub', () => {
  let redis: TestRedis;
  const clusters: Cluster[] = [];
  const buses: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const b of buses) await b.close();
    for (const c of clusters) await c.close();
    await redis?.stop();
  });

  const node = async (nodeId: string) => {
    const cluster = await connectCluster(redis.url, { nodeId, log: silentLogger });
    clusters.push(cluster);
    const bus = redisRevocations(cluster, silentLogger);
    buses.push(bus);
    await bus.subscribed;
    const sessions = createSessions(storage, { ttlHours: 1, bus });
    const seen: Revocation[] = [];
    sessions.onRevoke((r) => seen.push(r));
    return { sessions, seen };
  };

  it('a logout on A reaches B; A does not get its own message twice', async () => {
    const [a, b] = [await node('a'), await node('b')];
    const token = await session('u-anne');
    await a.sessions.logout(token);
    await waitFor(() => b.seen.some((r) => r.sessionId === hashToken(token)), { what: 'B got the logout' });
    expect(a.seen.filter((r) => r.sessionId === hashToken(token))).toHaveLength(1);
  });

  it('a node whose channel broke checks its sessions when Redis is back', async () => {
    const b = await node('b2');
    // A node without a bus: its logout is never published (as if the message were lost).
    const a = createSessions(storage, { ttlHours: 1 });
    const token = await session('u-bent');
    expect(await b.sessions.sessionFromCookieHeader(cookie(token))).not.toBeNull();
    await redis.pause();
    await a.logout(token);
    await redis.restart();
    await waitFor(() => b.seen.some((r) => r.sessionId === hashToken(token)), {
      what: 'B revoked the session after the gap',
      timeoutMs: 15_000,
    });
  });
});
