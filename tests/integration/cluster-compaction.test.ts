import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localOrigin } from '../../shared/doc/origins.js';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { cardIds, movableClient, ownerOf, sql, type MovableClient } from '../helpers/clusterBoards.js';
import { prng } from '../helpers/fuzz.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * Compaction racing appends on two nodes, with kill -9 in the middle of it (issue #14). The
 * board compacts after every second update, so it is compacting nearly all the time while 20
 * writers (ten on each node) append; the owner is killed twice at seeded moments. Only the
 * board's owner compacts, under its lease's token (a deposed owner's compaction is refused by
 * the fence, tests/integration/storage.leases.postgres.test.ts), and a compaction deletes
 * exactly the rows it folded: nothing acknowledged may be lost, nothing may come back twice.
 */
const BOARD = 'tavle-nord';
const WRITERS = 20;
const EDITS_PER_WRITER = 5;
const KILLS = 2;
const USERS = ['anne', 'bent', 'camilla', 'dorte', 'frederik'];

const available = clusterAvailable('multi-node compaction tests');

describe.skipIf(!available)('compaction while 20 writers append on two nodes, with kill -9 mid-compaction', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startCluster({ nodes: 2, env: { BOARD_UNLOAD_GRACE_MS: '600000', COMPACT_EVERY_UPDATES: '2' } });
  }, 120_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('nothing acknowledged is lost, nothing is doubled, and the log was compacted under the load', async () => {
    const random = prng(0x14_c0);
    const writers: MovableClient[] = [];
    for (let i = 0; i < WRITERS; i++)
      writers.push(await movableClient(c.nodes[i % 2]!, USERS[i % USERS.length]!, BOARD));
    const initial = cardIds(writers[0]!).length;
    const foldedBefore = await foldedUpTo(c.databaseUrl);
    const created: string[] = [];
    try {
      const bursts = writers.map(async (w, i) => {
        for (let k = 0; k < EDITS_PER_WRITER; k++) {
          created.push(w.board.createCard({ name: `Skriver ${i}.${k}`, phaseId: 'uge2' }, localOrigin(`u-${w.name}`)));
          await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 40)));
        }
      });
      for (let k = 0; k < KILLS; k++) {
        await new Promise((r) => setTimeout(r, 60 + Math.floor(random() * 120)));
        const owner = await waitFor(() => ownerOf(c.databaseUrl, BOARD), { what: 'an owner', timeoutMs: 15_000 });
        const dead = Number(owner.slice('node-'.length));
        await c.nodes[dead]!.kill('SIGKILL');
        const survivor = c.nodes[1 - dead]!;
        for (const w of writers.filter((x) => x.node === c.nodes[dead])) w.moveTo(survivor);
        await c.restartNode(dead);
      }
      await Promise.all(bursts);

      const want = [...created].sort();
      await waitFor(() => writers.every((w) => want.every((id) => w.board.hasCard(id))), {
        what: 'every edit on every writer',
        timeoutMs: 30_000,
      });
      // The log really was being compacted while the writers appended.
      expect(await foldedUpTo(c.databaseUrl)).toBeGreaterThan(foldedBefore);

      // Durable and whole: fresh clients on both nodes load each card once, none missing, none extra.
      for (const node of c.nodes) {
        const fresh = await movableClient(node, 'frederik', BOARD);
        try {
          const ids = cardIds(fresh);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids).toHaveLength(initial + created.length);
          expect(want.every((id) => fresh.board.hasCard(id))).toBe(true);
          expect(fresh.board.cards().filter((card) => card.name.startsWith('Skriver '))).toHaveLength(created.length);
        } finally {
          fresh.destroy();
        }
      }
    } finally {
      for (const w of writers) w.destroy();
    }
  }, 120_000);
});

/** How far the board's stored snapshot has folded the log. */
async function foldedUpTo(databaseUrl: string): Promise<number> {
  const rows = await sql<{ upto_seq: string }>(
    databaseUrl,
    'SELECT upto_seq FROM board_snapshots WHERE board_id = $1',
    [BOARD],
  );
  return Number(rows[0]?.upto_seq ?? 0);
}
