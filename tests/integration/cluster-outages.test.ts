import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localOrigin } from '../../shared/doc/origins.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { cardIds, movableClient, ownerOf, type MovableClient } from '../helpers/clusterBoards.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * PostgreSQL or Redis gone while clients on two nodes edit one board (issue #14). PostgreSQL
 * is where an edit becomes real: without it writes are refused and nothing is relayed. Redis
 * is only the fast path between nodes: without it followers fall behind and their writers are
 * told to try again, and when it returns everything converges from PostgreSQL.
 */
const BOARD = 'tavle-nord';
const by = (user: string) => localOrigin(`u-${user}`);

const available = clusterAvailable('multi-node outage tests');

// Redis without and with its append-only file: a restart loses the streams, or keeps them.
for (const persist of [false, true]) {
  describe.skipIf(!available)(`a board on two nodes when PostgreSQL or Redis (persist: ${persist}) goes away`, () => {
    let c: TestCluster;
    const clients: MovableClient[] = [];
    beforeAll(async () => {
      c = await startCluster({ nodes: 2, persistRedis: persist, env: { BOARD_UNLOAD_GRACE_MS: '600000' } });
    }, 120_000);
    afterAll(async () => {
      await c?.stop();
    });
    afterEach(() => {
      for (const cl of clients.splice(0)) cl.destroy();
    });

    /** A writer and a watcher on the owner's node, and the same on the follower's. */
    async function fourClients() {
      const first = await movableClient(c.nodes[0]!, 'anne', BOARD);
      clients.push(first);
      const owner = Number((await ownerOf(c.databaseUrl, BOARD))!.slice('node-'.length));
      const follower = 1 - owner;
      const add = async (node: number, user: string) => {
        const cl = await movableClient(c.nodes[node]!, user, BOARD);
        clients.push(cl);
        return cl;
      };
      return {
        ownerWriter: owner === 0 ? first : await add(owner, 'anne'),
        ownerWatch: await add(owner, 'dorte'),
        followerWriter: await add(follower, 'bent'),
        followerWatch: await add(follower, 'camilla'),
      };
    }

    // Once: it does not depend on Redis' persistence.
    if (!persist) {
      it('PostgreSQL stopped: writes are refused with a clear code, nothing unsaved is relayed, all recovers', async () => {
        const { ownerWriter, ownerWatch, followerWriter, followerWatch } = await fourClients();
        await c.pg.pause();
        try {
          const x = ownerWriter.board.createCard({ name: 'Under nedbrud (ejer)', phaseId: 'uge2' }, by('anne'));
          const y = followerWriter.board.createCard({ name: 'Under nedbrud (følger)', phaseId: 'uge2' }, by('bent'));
          const refused = (cl: MovableClient) =>
            cl.closeCodes.some((code) => code === 1011 || code === CloseCode.tryAgain);
          await waitFor(() => refused(ownerWriter) && refused(followerWriter), {
            what: 'both writers told the write failed',
            timeoutMs: 15_000,
          });
          // The writers still hold their edits; nobody else has them.
          for (const watch of [ownerWatch, followerWatch]) {
            expect(watch.board.hasCard(x)).toBe(false);
            expect(watch.board.hasCard(y)).toBe(false);
          }
          expect(ownerWriter.board.hasCard(y)).toBe(false);
          expect(followerWriter.board.hasCard(x)).toBe(false);
        } finally {
          await c.pg.resume();
        }
        const all = [ownerWriter, ownerWatch, followerWriter, followerWatch];
        const names = (cl: MovableClient) => cl.board.cards().map((card) => card.name);
        // Both edits made during the outage arrive once the writers resync, on every client, once.
        await waitFor(
          () =>
            all.every(
              (cl) => names(cl).includes('Under nedbrud (ejer)') && names(cl).includes('Under nedbrud (følger)'),
            ),
          { what: 'the outage’s edits everywhere after PostgreSQL returned', timeoutMs: 30_000 },
        );
        const ids = cardIds(ownerWatch);
        for (const cl of all) expect(cardIds(cl)).toEqual(ids);
      });
    }

    it('Redis killed and restarted during edits: both nodes converge (catching up from PostgreSQL)', async () => {
      const { ownerWriter, ownerWatch, followerWriter, followerWatch } = await fourClients();
      const all = [ownerWriter, ownerWatch, followerWriter, followerWatch];
      const created: string[] = [];
      const edit = (i: number) => {
        created.push(ownerWriter.board.createCard({ name: `Redis ${i} ejer`, phaseId: 'uge5' }, by('anne')));
        created.push(followerWriter.board.createCard({ name: `Redis ${i} følger`, phaseId: 'uge5' }, by('bent')));
      };
      edit(0);
      await c.redis.kill();
      for (let i = 1; i <= 5; i++) {
        edit(i);
        await new Promise((r) => setTimeout(r, 50));
      }
      // Without Redis the owner's own clients go on: durable and relayed on its node.
      await waitFor(() => created.filter((_, i) => i % 2 === 0).every((id) => ownerWatch.board.hasCard(id)), {
        what: 'the owner’s node keeps working without Redis',
      });
      await c.redis.restart({ persist });
      for (let i = 6; i <= 8; i++) edit(i);
      await waitFor(() => all.every((cl) => created.every((id) => cl.board.hasCard(id))), {
        what: 'every edit on both nodes after Redis returned',
        timeoutMs: 30_000,
      });
      const ids = cardIds(ownerWatch);
      for (const cl of all) expect(cardIds(cl)).toEqual(ids);
      // The follower's writer could not reach the owner meanwhile: told to try again, never refused.
      expect(followerWriter.closeCodes).toContain(CloseCode.tryAgain);
      expect(followerWriter.closeCodes).not.toContain(CloseCode.writeRefused);
    });
  });
}
