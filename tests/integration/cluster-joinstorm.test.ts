import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localOrigin } from '../../shared/doc/origins.js';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { cardIds, movableClient, sql, type MovableClient } from '../helpers/clusterBoards.js';
import { health } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * The 08:00 join storm (issue #14): every team opens its cold board at the same minute, through
 * both nodes at once. Each board gets one owner, loads once per node, and nothing is doubled.
 */
const TEAMS = [
  { board: 'tavle-nord', users: ['anne', 'bent', 'camilla', 'dorte', 'frederik', 'gitte'] },
  { board: 'tavle-syd', users: ['hanne', 'ida', 'eva', 'admin'] },
];

const available = clusterAvailable('multi-node join storm');

describe.skipIf(!available)('the morning join storm on cold boards across two nodes', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startCluster({ nodes: 2, env: { BOARD_UNLOAD_GRACE_MS: '600000' } });
  }, 120_000);
  afterAll(async () => {
    await c?.stop();
  });

  it('one owner per board, one load per node, the same content everywhere', async () => {
    // Everyone at once, alternating nodes.
    const joined = await Promise.all(
      TEAMS.flatMap(({ board, users }) =>
        users.map(async (user, i) => ({ board, client: await movableClient(c.nodes[i % 2]!, user, board) })),
      ),
    );
    const clients: MovableClient[] = joined.map((j) => j.client);
    try {
      const owners = await sql<{ board_id: string; node_id: string }>(
        c.databaseUrl,
        'SELECT board_id, node_id FROM board_owner WHERE expires_at > now() ORDER BY board_id',
      );
      expect(owners.map((o) => o.board_id)).toEqual(['tavle-nord', 'tavle-syd']);
      for (const node of c.nodes) expect((await health(node.baseUrl)).boardsLoaded).toBe(2);

      // Each person adds one card: every client of a board ends with the same, undoubled set.
      for (const { client } of joined) {
        client.board.createCard({ name: `Morgen ${client.name}`, phaseId: 'uge2' }, localOrigin(`u-${client.name}`));
      }
      for (const team of TEAMS) {
        const mine = joined.filter((j) => j.board === team.board).map((j) => j.client);
        await waitFor(
          () => {
            const first = JSON.stringify(cardIds(mine[0]!));
            return mine.every((cl) => JSON.stringify(cardIds(cl)) === first);
          },
          { what: `${team.board} converged`, timeoutMs: 20_000 },
        );
        const names = mine[0]!.board.cards().map((card) => card.name);
        for (const user of team.users) expect(names.filter((n) => n === `Morgen ${user}`)).toHaveLength(1);
        expect(new Set(names).size).toBe(names.length);
      }
    } finally {
      for (const cl of clients) cl.destroy();
    }
  });
});
