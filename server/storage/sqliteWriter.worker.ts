/**
 * The database writer thread (sqliteWriter.ts WorkerCommitter): one connection to the
 * board database, committing each batch it is sent (commitBatch) and answering with the
 * outcomes. Configured like the main connection (configureConnection).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { commitBatch, configureConnection, writeError, type Write } from './commitBatch.js';
import type { WriterReply } from './sqliteWriter.js';

const { file } = workerData as { file: string };
const db = new Database(file);
configureConnection(db);

parentPort!.on('message', ({ id, writes }: { id: number; writes: Write[] }) => {
  let reply: WriterReply;
  try {
    reply = { id, outcomes: commitBatch(db, writes) };
  } catch (err) {
    reply = { id, failed: writeError(err) };
  }
  parentPort!.postMessage(reply);
});
