import { openSqliteStorage, type StorageOptions } from './sqlite.js';
import type { Storage } from './types.js';

/**
 * The one place that picks the adapter: PostgreSQL when `databaseUrl` is set (its migrations
 * run before it resolves), else SQLite in `dataDir`, the embedded default that needs nothing.
 */
export async function openStorage(
  c: { DATA_DIR: string; DATABASE_URL?: string | undefined; DATABASE_POOL_SIZE?: number },
  opts: StorageOptions = {},
): Promise<Storage> {
  if (c.DATABASE_URL) {
    // Loaded only when used: pg is not parsed at every SQLite start (restart → listening).
    const { openPostgresStorage } = await import('./postgres.js');
    return openPostgresStorage(c.DATABASE_URL, { ...opts, poolSize: c.DATABASE_POOL_SIZE });
  }
  return openSqliteStorage(c.DATA_DIR, opts);
}
