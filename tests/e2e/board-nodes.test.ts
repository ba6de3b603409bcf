import { describe, expect, it } from 'vitest';
import { clusterAvailable } from '../helpers/cluster.js';
import { ownerOf } from '../helpers/clusterBoards.js';
import { BoardPage, useClusterAndBrowser } from './fixture.js';

/*
 * One board on two nodes (issue #14), in Chromium: Anne's browser talks to node A (which
 * loads the board first and owns it), Bent's to node B (which follows it and forwards his
 * writes to A). Each sees the other's moves within a second, and both end "Forbundet og gemt".
 */
const run = clusterAvailable('a board across nodes in the browser') ? describe : describe.skip;

run('a board across two nodes in the browser', () => {
  const env = useClusterAndBrowser();

  it('a move on the owner’s node and one on the follower’s reach each other', async () => {
    const [a, b] = env.cluster.nodes;
    const anne = await BoardPage.signIn(env.browser, a!.baseUrl, 'anne');
    const bent = await BoardPage.signIn(env.browser, b!.baseUrl, 'bent');
    expect(await ownerOf(env.cluster.databaseUrl, 'tavle-nord')).toBe('node-0');

    const [first] = await anne.cardIds('henvist');
    await anne.pointerDrag(first!, 'opstart');
    await expect.poll(() => bent.columnOf(first!), { timeout: 1000, interval: 25 }).toBe('opstart');

    const [second] = await bent.cardIds('visiteret');
    await bent.keyboardMove(second!, 'right', 1);
    expect(await bent.columnOf(second!)).toBe('opstart');
    await expect.poll(() => anne.columnOf(second!), { timeout: 1000, interval: 25 }).toBe('opstart');

    await Promise.all([anne.waitUntilSynced(), bent.waitUntilSynced()]);
    await bent.screenshot('/tmp/board-nodes-follower.png');
    await Promise.all([anne.close(), bent.close()]);
  });
});
