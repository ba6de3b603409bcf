import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * Runs one SQL statement against a test server's SQLite file (WAL, so it can be read while the
 * server runs): rows for a query, `[RunResult]` for a write. For checks the API does not show,
 * such as the append-only audit table or what reached the disk.
 */
export function sqlOn<T>(dataDir: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'tavlen.db'));
  try {
    const stmt = db.prepare(query);
    return (stmt.reader ? stmt.all(...params) : [stmt.run(...params)]) as T[];
  } finally {
    db.close();
  }
}
