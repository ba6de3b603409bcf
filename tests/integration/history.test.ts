import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { runRetention } from '../../server/audit/retention.js';
import { AuditWriter } from '../../server/audit/writer.js';
import { boardAt, restoreBoard } from '../../server/history/restore.js';
import { silentLogger } from '../../server/logging.js';
import { MIGRATIONS } from '../../server/storage/migrations.js';
import { openMemoryStorage, openSqliteStorage, type AuditEntry, type Storage } from '../../server/storage/index.js';
import { BoardRegistry } from '../../server/sync/registry.js';

/**
 * Point-in-time history in storage (docs/operations.md "History and restore"): every stored
 * update is timestamped with the storage's clock (injected here, never slept on), compaction
 * and epoch rebuilds keep what they fold, and boardAt rebuilds the board at any kept time.
 */
const BOARD = 'b-hist';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.parse('2026-11-24T08:00:00Z');
const me = localOrigin('u-test');
const SERVER = { source: 'server', reason: 'maintenance' } as const;

let clock = T0;
const open: Storage[] = [];
const dirs: string[] = [];
const registries: BoardRegistry[] = [];

afterEach(async () => {
  for (const r of registries.splice(0)) await r.closeAll();
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function freshStorage(historySnapshotMinutes = 60): Promise<Storage> {
  clock = T0;
  const storage = openMemoryStorage({ now: () => clock, historySnapshotMinutes });
  open.push(storage);
  await storage.createMunicipality({ id: 'm1', name: 'Kommune' });
  await storage.createTeam({ id: 't1', municipalityId: 'm1', name: 'Team' });
  const seed = new BoardDoc();
  seed.initialize({ id: BOARD, teamId: 't1', name: 'Tavle', phases: [...DEFAULT_PHASES] });
  await storage.createBoard({ id: BOARD, teamId: 't1', name: 'Tavle' }, Y.encodeStateAsUpdate(seed.doc));
  return storage;
}

function registry(storage: Storage, opts: { compactEvery?: number; epochRebuildClientIds?: number } = {}) {
  const r = new BoardRegistry(storage, {
    unloadGraceMs: 60_000,
    compactEvery: opts.compactEvery ?? 1000,
    epochRebuildClientIds: opts.epochRebuildClientIds ?? 0,
    log: silentLogger,
  });
  registries.push(r);
  return r;
}

/** A server change on the live board (persisted, then applied), as the restore itself does. */
async function change(r: BoardRegistry, fn: (b: BoardDoc) => void): Promise<void> {
  const live = await r.acquire(BOARD);
  await live.serverChange((staging) => fn(new BoardDoc(staging)), SERVER);
  r.release(live);
}

/** LiveBoard.compact: fold the log into the snapshot (what every 500 updates and an unload do). */
async function compact(r: BoardRegistry): Promise<void> {
  const live = await r.acquire(BOARD);
  await live.compact();
  r.release(live);
}

async function namesAt(storage: Storage, at: number): Promise<string[] | null> {
  const doc = await boardAt(storage, BOARD, at, silentLogger);
  if (!doc) return null;
  const names = doc
    .cards()
    .map((c) => c.name)
    .sort();
  doc.destroy();
  return names;
}

const addCards = (r: BoardRegistry, names: string[]) =>
  change(r, (b) => names.forEach((n, i) => b.createCard({ name: n, phaseId: 'henvist' }, me, `c-${n}-${i}`)));

const wipeCards = (r: BoardRegistry) =>
  change(r, (b) => {
    for (const id of [...b.cardsMap.keys()]) b.cardsMap.delete(id);
  });

describe('boardAt', () => {
  it('rebuilds the board at any time from the timestamped log', async () => {
    const storage = await freshStorage();
    const r = registry(storage);
    clock = T0 + 1 * MIN;
    await addCards(r, ['Anna']);
    clock = T0 + 2 * MIN;
    await addCards(r, ['Bo']);
    clock = T0 + 3 * MIN;
    await wipeCards(r);
    expect(await namesAt(storage, T0)).toEqual([]);
    expect(await namesAt(storage, T0 + 1 * MIN)).toEqual(['Anna']);
    expect(await namesAt(storage, T0 + 2 * MIN + 30_000)).toEqual(['Anna', 'Bo']);
    expect(await namesAt(storage, T0 + 3 * MIN)).toEqual([]);
    expect(await namesAt(storage, T0 - 1)).toBeNull();
  });

  it('keeps the past across compactions (GC folds the snapshot, history keeps the updates)', async () => {
    const storage = await freshStorage(10);
    const r = registry(storage);
    for (let i = 0; i < 6; i++) {
      clock = T0 + (i + 1) * 7 * MIN;
      await addCards(r, [`P${i}`]);
      if (i % 2 === 1) await compact(r);
    }
    clock = T0 + 60 * MIN;
    await wipeCards(r);
    await change(r, (b) => b.createCard({ name: 'Efter', phaseId: 'henvist' }, me, 'c-efter'));
    await compact(r);
    // The live log was folded several times, with history snapshots every ≥ 10 minutes.
    const h = await storage.boardHistory(BOARD, 50);
    expect(h.snapshots.filter((s) => s.kind === 'compaction').length).toBeGreaterThanOrEqual(2);
    expect(h.oldest).toBe(T0);
    expect(await namesAt(storage, T0 + 3 * 7 * MIN)).toEqual(['P0', 'P1', 'P2']);
    expect(await namesAt(storage, T0 + 59 * MIN)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5']);
    expect(await namesAt(storage, T0 + 60 * MIN)).toEqual(['Efter']);
    // The live board itself is what the last compaction left: wiped and one new card.
    const live = await r.acquire(BOARD);
    expect(new BoardDoc(live.doc).cards().map((c) => c.name)).toEqual(['Efter']);
    r.release(live);
  });

  it('reads within the right lineage across an epoch rebuild, and restores from the old epoch into the new', async () => {
    const storage = await freshStorage();
    // Three browsers (three clientIDs) wrote to the board before it was loaded again.
    for (const name of ['Ane', 'Bent', 'Cille']) {
      clock += MIN;
      const client = new BoardDoc(new Y.Doc());
      const stored = await storage.loadBoard(BOARD);
      Y.applyUpdate(client.doc, stored.snapshot!);
      for (const u of stored.updates) Y.applyUpdate(client.doc, u.update);
      const before = Y.encodeStateVector(client.doc);
      client.createCard({ name, phaseId: 'henvist' }, me, `c-${name}`);
      await storage.appendUpdate(BOARD, Y.encodeStateAsUpdate(client.doc, before));
    }
    const beforeRebuild = clock;
    clock += 10 * MIN;
    const r = registry(storage, { epochRebuildClientIds: 2 });
    const live = await r.acquire(BOARD);
    expect(new BoardDoc(live.doc).meta()?.epoch).toBe(1);
    r.release(live);
    clock += MIN;
    await change(r, (b) => b.deleteCard('c-Bent', me));
    clock += MIN;

    const oldDoc = await boardAt(storage, BOARD, beforeRebuild, silentLogger);
    expect(oldDoc!.meta()?.epoch).toBe(0);
    oldDoc!.destroy();
    expect(await namesAt(storage, beforeRebuild)).toEqual(['Ane', 'Bent', 'Cille']);
    expect(await namesAt(storage, beforeRebuild + 10 * MIN)).toEqual(['Ane', 'Bent', 'Cille']);
    expect(await namesAt(storage, clock)).toEqual(['Ane', 'Cille']);
    expect((await storage.boardHistory(BOARD, 10)).snapshots.map((s) => s.kind)).toContain('epoch');

    // Restore to a time in the old lineage: Bent is back, as a new write in epoch 1.
    const result = await restoreBoard(
      { storage, registry: r, log: silentLogger, now: () => clock },
      { boardId: BOARD, at: beforeRebuild, removeLater: false, userId: 'u-admin' },
    );
    expect(result).toMatchObject({ recreated: ['c-Bent'], changed: [], removed: [] });
    const after = await r.acquire(BOARD);
    const board = new BoardDoc(after.doc);
    expect(board.meta()?.epoch).toBe(1);
    expect(
      board
        .cards()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Ane', 'Bent', 'Cille']);
    r.release(after);
    const audit = await storage.auditLog(BOARD, 10);
    expect(audit.find((a) => a.action === 'board_restored')).toMatchObject({
      userId: 'u-admin',
      detail: { to: new Date(beforeRebuild).toISOString(), recreated: ['c-Bent'] },
    });
    expect(audit.filter((a) => a.action === 'card_restored').map((a) => a.cardId)).toEqual(['c-Bent']);
  });
});

describe('history retention', () => {
  it('prunes older history but keeps a snapshot to start from, so every time since the cutoff stays restorable', async () => {
    const storage = await freshStorage(10);
    const r = registry(storage);
    for (let i = 0; i < 5; i++) {
      clock = T0 + (i + 1) * 20 * MIN;
      await addCards(r, [`K${i}`]);
      await compact(r);
    }
    const cutoff = T0 + 50 * MIN;
    const pruned = await storage.pruneHistoryBefore(cutoff);
    expect(pruned.snapshots).toBeGreaterThan(0);
    expect(pruned.updates).toBeGreaterThan(0);
    expect(await namesAt(storage, T0 + 10 * MIN)).toBeNull();
    expect(await namesAt(storage, cutoff)).toEqual(['K0', 'K1']);
    expect(await namesAt(storage, T0 + 100 * MIN)).toEqual(['K0', 'K1', 'K2', 'K3', 'K4']);
    expect((await storage.boardHistory(BOARD, 10)).oldest).toBeLessThanOrEqual(cutoff);
    // Pruning again at the same cutoff finds nothing more.
    expect(await storage.pruneHistoryBefore(cutoff)).toEqual({ snapshots: 0, updates: 0 });
  });
});

describe('the daily retention job', () => {
  it('prunes history older than HISTORY_RETENTION_DAYS and records it as retention_purged', async () => {
    const storage = await freshStorage(10);
    const r = registry(storage);
    clock = T0 + MIN;
    await addCards(r, ['Gammel']);
    clock = T0 + 20 * MIN;
    await compact(r);
    clock = T0 + 40 * DAY;
    await addCards(r, ['Ny']);
    await compact(r);
    const written: AuditEntry[] = [];
    const writer = new AuditWriter(storage, silentLogger);
    writer.append = async (entries) => void written.push(...entries);
    const result = await runRetention(storage, writer, {
      closedDays: 365,
      auditDays: 1825,
      historyDays: 30,
      now: new Date(clock),
      log: silentLogger,
    });
    expect(result.history).toEqual({ snapshots: 1, updates: 1 });
    expect(await namesAt(storage, T0 + MIN)).toBeNull();
    expect(await namesAt(storage, clock - 30 * DAY)).toEqual(['Gammel']);
    expect(written).toEqual([
      expect.objectContaining({
        action: 'retention_purged',
        userId: null,
        detail: expect.objectContaining({ historyUpdates: 1, retentionDays: 30 }),
      }),
    ]);
  });
});

describe('migration', () => {
  it('upgrades an existing database: its snapshot and log become the start of the history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tavlen-hist-'));
    dirs.push(dir);
    const seed = new BoardDoc();
    seed.initialize({ id: BOARD, teamId: 't1', name: 'Tavle', phases: [...DEFAULT_PHASES] });
    seed.createCard({ name: 'Gammel', phaseId: 'henvist' }, me, 'c-gammel');
    const snapshot = Y.encodeStateAsUpdate(seed.doc);
    const before = Y.encodeStateVector(seed.doc);
    seed.createCard({ name: 'Loggen', phaseId: 'henvist' }, me, 'c-loggen');
    const logged = Y.encodeStateAsUpdate(seed.doc, before);
    // The database as the release before the history left it (every migration before it).
    const db = new Database(join(dir, 'tavlen.db'));
    const previous = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE board_history ('));
    expect(previous).toBeGreaterThan(0);
    for (const sql of MIGRATIONS.slice(0, previous)) db.exec(sql);
    db.pragma(`user_version = ${previous}`);
    db.exec(`INSERT INTO municipalities (id, name) VALUES ('m1', 'K');
             INSERT INTO teams (id, municipality_id, name) VALUES ('t1', 'm1', 'Team');
             INSERT INTO boards (id, team_id, name) VALUES ('${BOARD}', 't1', 'Tavle');`);
    db.prepare('INSERT INTO board_snapshots (board_id, snapshot, upto_seq) VALUES (?, ?, 0)').run(BOARD, snapshot);
    db.prepare('INSERT INTO board_updates (board_id, "update") VALUES (?, ?)').run(BOARD, logged);
    db.close();

    const started = Date.now();
    const storage = openSqliteStorage(dir);
    open.push(storage);
    const h = await storage.boardHistory(BOARD, 10);
    expect(h.snapshots.map((s) => s.kind)).toEqual(['start']);
    expect(h.oldest).toBeGreaterThanOrEqual(started - 1000);
    expect(await namesAt(storage, Date.now())).toEqual(['Gammel', 'Loggen']);
    expect((await storage.loadBoard(BOARD)).updates).toHaveLength(1);
  });
});
