import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { storageContract } from '../storage/contract.js';

/** The storage contract against SQLite: a temp directory per test, one file, many connections. */
storageContract('SQLite', () => ({
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'tavlen-contract-'));
    return {
      open: async (opts) => openSqliteStorage(dir, opts),
      async sql(query) {
        const db = new Database(join(dir, 'tavlen.db'));
        try {
          const stmt = db.prepare(query);
          return stmt.reader ? stmt.all() : [stmt.run()];
        } finally {
          db.close();
        }
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
}));
