import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
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
