import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import type { Storage } from '../../server/storage/types.js';
import { postgresInstalled, startPostgres, warnNoPostgres, type TestPostgres } from '../helpers/postgres.js';
import { connectBoard, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/**
 * The real server on each storage adapter, as an operator runs it: two server processes on one
 * database (issue #14: node A's compaction used to delete the row of an edit made through node
 * B, and after a restart B's card was gone), then kill -9 and a restart that must find every
 * edit. On PostgreSQL both nodes also start at once on an empty database: the migrations and
 * the demo seed run once.
 */
const BOARD = 'tavle-nord';
const COMPACT_EVERY = 3;

const servers: TestServer[] = [];
const clients: BoardClient[] = [];
const storages: Storage[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of storages.splice(0)) await s.close();
  const all = servers.splice(0);
  for (const s of all) await s.kill('SIGKILL');
  for (const s of all) s.cleanup();
});

async function client(srv: TestServer, user: string): Promise<BoardClient> {
  const c = connectBoard(srv, await login(srv.baseUrl, user), BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

const origin = (user: string) => ({ source: 'local', userId: `u-${user}` }) as const;

interface Flavour {
  /** Environment that points a server at the shared database (and its data dir, for SQLite). */
  env(): Promise<{ env: Record<string, string>; dataDir?: string; open(): Promise<Storage> }>;
}

async function twoNodesThenRestart(f: Flavour): Promise<{ dataDir: string }> {
  const db = await f.env();
  const env = { ...db.env, COMPACT_EVERY_UPDATES: String(COMPACT_EVERY), BOARD_UNLOAD_GRACE_MS: '600000' };
  // Both nodes start at once (on an empty PostgreSQL: migrations and seed under the lock).
  const [nodeA, nodeB] = await Promise.all([
    startServer({ env, dataDir: db.dataDir }),
    startServer({ env, dataDir: db.dataDir }),
  ]);
  servers.push(nodeA!, nodeB!);
  const a = await client(nodeA!, 'anne');
  const aWatch = await client(nodeA!, 'dorte');
  const b = await client(nodeB!, 'bent');
  const bWatch = await client(nodeB!, 'camilla');
  expect(a.board.cards()).toHaveLength(40); // seeded once, not twice

  const probe = await db.open();
  storages.push(probe);

  // Through B first: its row gets the lower seq, which A's compaction used to delete.
  const fromB = b.board.createCard({ name: 'Via Node B', phaseId: 'uge2' }, origin('bent'));
  await waitFor(() => bWatch.board.hasCard(fromB), { what: 'B stored its card' });
  const seqOfB = Math.max(...(await probe.loadBoard(BOARD)).updates.map((u) => u.seq));

  const fromA = a.board.createCard({ name: 'Via Node A', phaseId: 'uge5' }, origin('anne'));
  for (let i = 1; i <= 2 * COMPACT_EVERY; i++) a.board.updateCard(fromA, { note: `Note ${i}` }, origin('anne'));
  await waitFor(() => aWatch.board.card(fromA)?.note === `Note ${2 * COMPACT_EVERY}`, { what: 'A stored its edits' });
  // A compacts every few updates: wait until a compaction has folded past B's row.
  await waitFor(async () => (await probe.loadBoard(BOARD)).snapshotSeq > seqOfB, { what: 'A compacted' });

  for (const s of servers.splice(0)) await s.kill('SIGKILL');
  const again = await startServer({ env, dataDir: db.dataDir });
  servers.push(again);
  const c = await client(again, 'frederik');
  expect(c.board.card(fromB)).toMatchObject({ name: 'Via Node B', position: { phaseId: 'uge2' } });
  expect(c.board.card(fromA)).toMatchObject({ name: 'Via Node A', note: `Note ${2 * COMPACT_EVERY}` });
  expect(c.board.cards()).toHaveLength(42);
  return { dataDir: again.dataDir };
}

describe('two server nodes on one SQLite file', () => {
  it("A's compaction keeps the edit made through B; a restart finds both", async () => {
    const first = await startServer();
    const dataDir = first.dataDir;
    await first.stop(); // seeded; the nodes below share its file
    await twoNodesThenRestart({
      env: async () => ({ env: {}, dataDir, open: async () => openSqliteStorage(dataDir) }),
    });
    first.cleanup();
  });
});

warnNoPostgres('server on PostgreSQL');

describe.skipIf(!postgresInstalled())('the server on PostgreSQL (DATABASE_URL)', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('two nodes start at once, keep each other’s edits through compaction, and a restart finds them', async () => {
    const url = await pg.createDatabase();
    const { dataDir } = await twoNodesThenRestart({
      env: async () => ({ env: { DATABASE_URL: url }, open: () => openPostgresStorage(url) }),
    });
    // Nothing went to SQLite.
    expect(existsSync(join(dataDir, 'tavlen.db'))).toBe(false);
  });
});
