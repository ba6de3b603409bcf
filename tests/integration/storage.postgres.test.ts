import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { postgresInstalled, startPostgres, warnNoPostgres, type TestPostgres } from '../helpers/postgres.js';
import { storageContract } from '../storage/contract.js';

/**
 * The storage contract against a real PostgreSQL started for this file (tests/helpers/postgres.ts),
 * a fresh database per test. Skipped only where no PostgreSQL is installed, and then loudly.
 */
warnNoPostgres('PostgreSQL storage contract');

describe.skipIf(!postgresInstalled())('PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('PostgreSQL stopped: appends are refused (never reported stored), and work again when it returns', async () => {
    const storage = await openPostgresStorage(await server.createDatabase(), { poolSize: 2 });
    try {
      await storage.createMunicipality({ id: 'm1', name: 'Kommune' });
      await storage.createTeam({ id: 't1', municipalityId: 'm1', name: 'Team' });
      await storage.createBoard({ id: 'b1', teamId: 't1', name: 'Tavle' }, null);
      await storage.appendUpdate('b1', new Uint8Array([0, 0]));
      await server.pause();
      await expect(storage.appendUpdate('b1', new Uint8Array([0, 0]))).rejects.toThrow();
      await server.resume();
      // The pool drops the dead connections and opens new ones.
      const seq = await storage.appendUpdate('b1', new Uint8Array([0, 0]));
      expect((await storage.loadBoard('b1')).updates.map((u) => u.seq)).toEqual([1, seq]);
    } finally {
      await storage.close();
    }
  });

  storageContract('PostgreSQL', () => ({
    async fresh() {
      const url = await server.createDatabase();
      return {
        open: (opts) => openPostgresStorage(url, { ...opts, poolSize: 4 }),
        async sql(query) {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          try {
            return (await c.query(query)).rows;
          } finally {
            await c.end();
          }
        },
        cleanup: async () => {},
      };
    },
  }));
});
