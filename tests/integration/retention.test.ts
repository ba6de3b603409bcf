import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention, DAY_MS } from '../../server/audit/retention.js';
import { AuditWriter } from '../../server/audit/writer.js';
import { silentLogger } from '../../server/logging.js';
import { seedDemo } from '../../server/seed/demo.js';
import { openMemoryStorage, type Storage } from '../../server/storage/index.js';
import type { ArchivedCardRecord } from '../../server/storage/types.js';

/**
 * The retention job in-process with an injected clock: closed forløb leave the archive
 * RETENTION_CLOSED_DAYS after closing, old audit entries go after AUDIT_RETENTION_DAYS, the
 * purge itself is audited with counts only, and nothing else can delete from the audit log.
 */
let storage: Storage;
const BOARD = 'tavle-nord';
// "Now" for the job: a fixed instant in the past, so the database's own clock (which refuses a
// cutoff in the future) is never behind it.
const NOW = new Date('2026-06-15T10:00:00Z');

const archived = (cardId: string, name: string, closedOn: string, boardId = BOARD): ArchivedCardRecord => ({
  boardId,
  cardId,
  name,
  closedOn,
  archivedAt: Date.parse(closedOn),
  card: { card: { id: cardId, name }, stored: {} },
});

beforeAll(async () => {
  storage = openMemoryStorage();
  await seedDemo(storage);
});
afterAll(async () => {
  await storage?.close();
});

describe('[R36] retention', () => {
  it('purges archived forløb closed at least the configured days ago and audit entries older than theirs', async () => {
    await storage.archiveCards([
      archived('gammel', 'Gammel Borger', '2025-06-15'), // exactly 365 days before NOW: purged
      archived('nyere', 'Nyere Borger', '2025-06-16'), // 364 days: kept
      archived('syd-gammel', 'Syd Borger', '2024-01-01', 'tavle-syd'),
    ]);
    const old = NOW.getTime() - 31 * DAY_MS;
    await storage.appendAuditBatch([
      { at: old, userId: 'u-anne', boardId: BOARD, cardId: 'gammel', action: 'card_viewed', detail: {} },
      { at: old + 2 * DAY_MS, userId: 'u-anne', boardId: BOARD, cardId: 'nyere', action: 'card_viewed', detail: {} },
    ]);

    const result = await runRetention(storage, new AuditWriter(storage, silentLogger), {
      closedDays: 365,
      auditDays: 30,
      now: NOW,
      log: silentLogger,
    });

    expect(result.cards).toEqual([
      { boardId: BOARD, count: 1 },
      { boardId: 'tavle-syd', count: 1 },
    ]);
    expect(result.auditEntries).toBe(1);
    expect(await storage.getArchivedCard(BOARD, 'gammel')).toBeNull();
    expect(await storage.getArchivedCard('tavle-syd', 'syd-gammel')).toBeNull();
    expect(await storage.getArchivedCard(BOARD, 'nyere')).not.toBeNull();

    const log = await storage.searchAudit({ boardId: BOARD, limit: 100 });
    expect(log.map((e) => e.cardId)).toContain('nyere');
    expect(log.map((e) => e.cardId)).not.toContain('gammel');
    const purge = log.find((e) => e.action === 'retention_purged')!;
    expect(purge).toMatchObject({ userId: null, cardId: null, at: NOW.getTime() });
    expect(purge.detail).toEqual({ cards: 1, closedBefore: '2025-06-16', retentionDays: 365 });
    expect(JSON.stringify(log)).not.toContain('Gammel Borger');
  });

  it('a second run the same day deletes nothing more', async () => {
    const again = await runRetention(storage, new AuditWriter(storage, silentLogger), {
      closedDays: 365,
      auditDays: 30,
      now: NOW,
      log: silentLogger,
    });
    expect(again).toEqual({ cards: [], auditEntries: 0, history: { snapshots: 0, updates: 0 } });
  });

  it('entries newer than the recorded cutoff stay undeletable', async () => {
    await storage.appendAuditBatch([
      { at: Date.now(), userId: 'u-gitte', boardId: BOARD, cardId: null, action: 'audit_viewed', detail: {} },
    ]);
    // Only rows older than the cutoff can go; a cutoff in the future is refused by the database.
    await expect(storage.purgeAuditBefore(Date.now() + DAY_MS)).rejects.toThrow(/future/);
    expect((await storage.searchAudit({ boardId: BOARD, limit: 100 })).length).toBeGreaterThan(1);
  });
});
