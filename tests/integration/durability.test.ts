import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectBoard,
  health,
  login,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

const BOARD = 'tavle-nord';
const origin = { source: 'local', userId: 'u-anne' } as const;

const servers: TestServer[] = [];
const clients: BoardClient[] = [];
async function start(dataDir?: string, env?: Record<string, string>): Promise<TestServer> {
  const srv = await startServer({ dataDir, env });
  servers.push(srv);
  return srv;
}
async function client(srv: TestServer, user = 'anne'): Promise<BoardClient> {
  const c = connectBoard(srv, await login(srv.baseUrl, user), BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  const all = servers.splice(0);
  for (const s of all) await s.kill('SIGKILL');
  for (const s of all) s.cleanup();
});

/** Opens the server's database read-only (WAL allows it while the server runs). */
function countRows(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'tavlen.db'), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('an edit seen by another client survives kill -9 and a restart', async () => {
    const first = await start();
    const a = await client(first, 'anne');
    const b = await client(first, 'bent');
    const id = a.board.createCard({ name: 'Overlever Nedbrud', phaseId: 'uge2', triage: 'yellow' }, origin);
    a.board.updateCard(id, { note: 'Skrevet lige før nedbruddet.' }, origin);
    await waitFor(() => b.board.card(id)?.note === 'Skrevet lige før nedbruddet.', { what: 'edit at B' });

    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    a.destroy();
    b.destroy();

    const second = await start(first.dataDir);
    const c = await client(second, 'camilla');
    expect(c.board.card(id)).toMatchObject({
      name: 'Overlever Nedbrud',
      triage: 'yellow',
      note: 'Skrevet lige før nedbruddet.',
      position: { phaseId: 'uge2' },
    });
  });

  it('SIGTERM exits cleanly (code 0); a restarted server has the board, without read-only writes', async () => {
    const first = await start();
    const a = await client(first);
    const cardsBefore = a.board.cards().length;
    const id = a.board.createCard({ name: 'Efter Genstart', phaseId: 'opstart' }, origin);
    const b = await client(first, 'bent');
    await waitFor(() => b.board.hasCard(id));
    // A wall screen's write is dropped: the barrier is its next message (presence), seen by A.
    const screen = await client(first, 'skaerm-nord');
    const forbidden = screen.board.createCard({ name: 'Fra Skærmen', phaseId: 'henvist' }, origin);
    screen.provider.awareness.setLocalStateField('editingCardId', 'nord-09');
    await waitFor(
      () =>
        (a.provider.awareness.getStates().get(screen.doc.clientID) as { editingCardId?: string } | undefined)
          ?.editingCardId === 'nord-09',
      { what: 'screen presence at A' },
    );

    expect(await first.stop()).toBe(0);
    // Connected clients were told why (server shutting down, a transient code: they reconnect).
    await waitFor(() => a.closeCodes.includes(4503), { what: 'shutdown close code' });
    a.destroy();
    b.destroy();
    screen.destroy();
    expect(first.stderr()).not.toMatch(/"level":"error"/);

    const second = await start(first.dataDir);
    const c = await client(second);
    expect(c.board.hasCard(id)).toBe(true);
    expect(c.board.hasCard(forbidden)).toBe(false);
    expect(c.board.cards()).toHaveLength(cardsBefore + 1);
    // Graceful shutdown compacted the log into the snapshot.
    expect(countRows(first.dataDir, `SELECT count(*) AS n FROM board_updates WHERE board_id = '${BOARD}'`)).toBe(0);
  });

  it('compacts the log, unloads idle boards and reloads them intact', async () => {
    const srv = await start(undefined, { COMPACT_EVERY_UPDATES: '5', BOARD_UNLOAD_GRACE_MS: '100' });
    const a = await client(srv);
    const b = await client(srv, 'bent');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(a.board.createCard({ name: `Borger ${i}`, phaseId: 'henvist' }, origin));
    await waitFor(() => ids.every((id) => b.board.hasCard(id)), { what: 'all edits at B' });
    expect((await health(srv.baseUrl)).boardsLoaded).toBe(1);
    // At most COMPACT_EVERY_UPDATES - 1 updates stay in the log; the rest are in the snapshot.
    expect(countRows(srv.dataDir, `SELECT count(*) AS n FROM board_updates WHERE board_id = '${BOARD}'`)).toBeLessThan(
      5,
    );
    expect(
      countRows(srv.dataDir, `SELECT upto_seq AS n FROM board_snapshots WHERE board_id = '${BOARD}'`),
    ).toBeGreaterThan(0);

    a.destroy();
    b.destroy();
    await waitFor(async () => (await health(srv.baseUrl)).boardsLoaded === 0, { what: 'board unloaded' });
    expect((await health(srv.baseUrl)).connections).toBe(0);

    const c = await client(srv, 'camilla');
    expect(ids.every((id) => c.board.hasCard(id))).toBe(true);
    expect(c.board.card(ids[11]!)?.name).toBe('Borger 11');
  });
});
