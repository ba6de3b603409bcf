/**
 * The database writer thread (sqliteWriter.ts WorkerCommitter): one connection to the
 * board database, committing each batch it is sent (commitBatch) and answering with the
 * outcomes. Same pragmas as the main connection: WAL, and synchronous=FULL so a committed
 * batch is on disk before anyone is told it is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { commitBatch, writeError, type Write } from './commitBatch.js';
import type { WriterReply } from './sqliteWriter.js';

const { file } = workerData as { file: string };
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

parentPort!.on('message', ({ id, writes }: { id: number; writes: Write[] }) => {
  let reply: WriterReply;
  try {
    reply = { id, outcomes: commitBatch(db, writes) };
  } catch (err) {
    reply = { id, failed: writeError(err) };
  }
  parentPort!.postMessage(reply);
});
