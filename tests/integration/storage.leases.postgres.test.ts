import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage, type PostgresStorage } from '../../server/storage/postgres.js';
import { FencedOutError } from '../../server/storage/types.js';
import { postgresInstalled, startPostgres, warnNoPostgres, type TestPostgres } from '../helpers/postgres.js';

/**
 * Board ownership leases and fenced writes (docs/multi-node.md "Ownership"), PostgreSQL only:
 * SQLite serves one node and has no leases. Expiry is the database's: a lease of 0 ms is over
 * in the next statement, so nothing here waits on a clock.
 */
warnNoPostgres('PostgreSQL board leases');

const LONG = 60_000;

/** An update that adds one key, so each append is a distinct, valid Yjs update. */
function update(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 1);
  return Y.encodeStateAsUpdate(doc);
}

describe.skipIf(!postgresInstalled())('PostgreSQL board leases', () => {
  let server: TestPostgres;
  let storage: PostgresStorage;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    await storage?.close();
  });

  async function fresh(): Promise<PostgresStorage> {
    storage = await openPostgresStorage(await server.createDatabase(), { poolSize: 4 });
    await storage.createMunicipality({ id: 'm1', name: 'Kommune' });
    await storage.createTeam({ id: 't1', municipalityId: 'm1', name: 'Team' });
    await storage.createBoard({ id: 'b1', teamId: 't1', name: 'Tavle' }, null);
    return storage;
  }

  it('one live holder at a time; a released or expired lease goes to the next node with a higher token', async () => {
    const s = await fresh();
    const a = await s.leases.take('b1', 'node-a', LONG);
    expect(a).toBe(1);
    expect(await s.leases.take('b1', 'node-b', LONG)).toBeNull();
    await s.leases.release('b1', a!);
    const b = await s.leases.take('b1', 'node-b', 0);
    expect(b).toBe(2);
    // Expired (0 ms) by the database's clock: node A may take it back, fencing B.
    expect(await s.leases.take('b1', 'node-a', LONG)).toBe(3);
    const [state] = await s.leases.inspect(['b1']);
    expect(state).toMatchObject({ boardId: 'b1', nodeId: 'node-a', token: 3, live: true });
  });

  it('renew extends only the leases still held under their tokens', async () => {
    const s = await fresh();
    await s.createBoard({ id: 'b2', teamId: 't1', name: 'Tavle 2' }, null);
    const t1 = (await s.leases.take('b1', 'node-a', 0))!;
    const t2 = (await s.leases.take('b2', 'node-a', LONG))!;
    await s.leases.take('b1', 'node-b', LONG); // b1 expired: B has it now
    const renewed = await s.leases.renew(
      'node-a',
      [
        { boardId: 'b1', token: t1 },
        { boardId: 'b2', token: t2 },
      ],
      LONG,
    );
    expect(renewed).toEqual(['b2']);
  });

  it('an append fenced with a token the lease no longer carries is refused and stores nothing', async () => {
    const s = await fresh();
    const old = (await s.leases.take('b1', 'node-a', 0))!;
    expect(await s.appendUpdate('b1', update('a1'), { token: old })).toBe(1);
    const current = (await s.leases.take('b1', 'node-b', LONG))!;
    await expect(s.appendUpdate('b1', update('late'), { token: old })).rejects.toBeInstanceOf(FencedOutError);
    expect(await s.appendUpdate('b1', update('b1'), { token: current })).toBe(2);
    const stored = await s.loadBoard('b1');
    expect(stored.updates.map((u) => u.seq)).toEqual([1, 2]);
    const [state] = await s.leases.inspect(['b1']);
    expect(state!.lastSeq).toBe(2);
  });

  it('a fenced append to a board nobody ever leased is refused', async () => {
    const s = await fresh();
    await expect(s.appendUpdate('b1', update('x'), { token: 1 })).rejects.toBeInstanceOf(FencedOutError);
    expect((await s.loadBoard('b1')).updates).toEqual([]);
  });

  it('a compaction fenced with an old token folds nothing; the owner’s does', async () => {
    const s = await fresh();
    const old = (await s.leases.take('b1', 'node-a', 0))!;
    await s.appendUpdate('b1', update('a1'), { token: old });
    await s.appendUpdate('b1', update('a2'), { token: old });
    const current = (await s.leases.take('b1', 'node-b', LONG))!;
    await expect(s.compact('b1', undefined, { token: old })).rejects.toBeInstanceOf(FencedOutError);
    expect((await s.loadBoard('b1')).updates).toHaveLength(2);
    expect(await s.compact('b1', undefined, { token: current })).toMatchObject({ folded: 2, uptoSeq: 2 });
  });

  it('appends in flight under the old token commit before a takeover, never after it', async () => {
    const s = await fresh();
    const old = (await s.leases.take('b1', 'node-a', 0))!;
    // Both race: whichever order PostgreSQL picks, every append that succeeded is in the log
    // and every one that failed was fenced out, with nothing half written.
    const appends = Array.from({ length: 20 }, (_, i) =>
      s.appendUpdate('b1', update(`k${i}`), { token: old }).then(
        (seq) => ({ ok: true as const, seq }),
        (err: unknown) => ({ ok: false as const, err }),
      ),
    );
    const taken = s.leases.take('b1', 'node-b', LONG);
    const results = await Promise.all(appends);
    expect(await taken).toBe(old + 1);
    for (const r of results) if (!r.ok) expect(r.err).toBeInstanceOf(FencedOutError);
    const okSeqs = results.flatMap((r) => (r.ok ? [r.seq] : []));
    expect((await s.loadBoard('b1')).updates.map((u) => u.seq)).toEqual(okSeqs.sort((x, y) => x - y));
    await expect(s.appendUpdate('b1', update('after'), { token: old })).rejects.toBeInstanceOf(FencedOutError);
  });
});
