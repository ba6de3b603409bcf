import { fdatasync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { seedDemo } from '../../server/seed/demo.js';
import { openSqliteStorage, type Storage } from '../../server/storage/index.js';
import type { SyncFile } from '../../server/storage/sqliteWriter.js';
import { startInProcess } from '../helpers/inProcess.js';
import { login } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';
import { connectBoard, type BoardClient } from '../helpers/yclient.js';

/**
 * The disk fails the sync of the board log (an I/O error): the edit that waited for it is
 * relayed to nobody and its sender is told (closed with 1011, it keeps the edit and resends),
 * no later edit is accepted either, and /healthz says so with 503 so the node is restarted.
 */
let dir: string;
let storage: Storage;
let app: App;
let base: string;
let wsUrl: string;
let diskFails = false;
const clients: BoardClient[] = [];

const disk: SyncFile = (fd, done) =>
  diskFails ? done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) : fdatasync(fd, done);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tavlen-diskfail-'));
  storage = openSqliteStorage(dir, { syncFile: disk });
  await seedDemo(storage);
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  ({ app, base, wsUrl } = await startInProcess(storage, { clientDist: dir }));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await app?.close();
  await storage?.close();
  rmSync(dir, { recursive: true, force: true });
});

const healthz = async () => {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; storageFailure?: string } };
};

describe('a disk that fails the sync of the board log', () => {
  it('relays nothing it could not vouch for, refuses later edits, and /healthz answers 503', async () => {
    const writer = connectBoard({ wsUrl }, await login(base, 'anne'), 'tavle-nord');
    const reader = connectBoard({ wsUrl }, await login(base, 'bent'), 'tavle-nord');
    clients.push(writer, reader);
    await Promise.all([writer.synced, reader.synced]);
    expect((await healthz()).status).toBe(200);
    const card = writer.board.cards()[0]!;

    // While the disk works, an edit goes through.
    writer.board.updateCard(card.id, { contactPerson: 'Før fejlen' }, { source: 'local', userId: 'u-anne' });
    await waitFor(() => reader.board.card(card.id)?.contactPerson === 'Før fejlen');

    diskFails = true;
    writer.board.updateCard(card.id, { contactPerson: 'Under fejlen' }, { source: 'local', userId: 'u-anne' });
    await waitFor(() => writer.closeCodes.includes(1011));
    const health = await healthz();
    expect(health).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'storage_failed', storageFailure: expect.stringContaining('EIO') }),
    });

    // The disk is back, but the log is not vouched for until a restart: still refused.
    diskFails = false;
    await waitFor(() => writer.closeCodes.filter((c) => c === 1011).length >= 2, { timeoutMs: 5000 });
    expect(reader.board.card(card.id)?.contactPerson).toBe('Før fejlen');
    expect((await healthz()).status).toBe(503);
  });
});
