import { describe, expect, it } from 'vitest';
import { clusterAvailable } from '../helpers/cluster.js';
import { waitFor } from '../helpers/server.js';
import { BoardPage, useClusterAndBrowser } from './fixture.js';

/*
 * The daily meeting on two nodes (issue #14), in Chromium: Frederik leads in a browser on
 * node A, the wall screen's browser talks to node B and follows the current citizen and the
 * clocks; "Skjul skærm" pressed on A covers the wall on B, and a tap on the wall shows it again
 * for the leader on A.
 */

const run = clusterAvailable('meeting across nodes in the browser') ? describe : describe.skip;

run('meeting across two nodes in the browser', () => {
  const env = useClusterAndBrowser();

  it('the leader on node A, the wall on node B follows; skjul alt crosses nodes both ways', async () => {
    const [a, b] = env.cluster.nodes;
    const frederik = await BoardPage.signIn(env.browser, a!.baseUrl, 'frederik');
    const wall = await BoardPage.signIn(env.browser, b!.baseUrl, 'skaerm-nord');

    // skjul alt before the meeting (the live meeting panel covers the button on a small window)
    await frederik.page.getByTestId('screen-hide').click();
    await wall.page.getByTestId('screen-cover').waitFor({ timeout: 10_000 });
    expect(await wall.page.locator('[data-testid^="card-"]').count()).toBe(0);
    await wall.screenshot('/tmp/meeting-nodes-wall-hidden.png');
    await wall.page.getByTestId('screen-show').click();
    await waitFor(async () => (await frederik.page.getByTestId('screen-hide').textContent()) === 'Skjul skærm', {
      what: 'shown again on node A',
    });

    await frederik.page.getByTestId('meeting-open').click();
    await frederik.page.getByTestId('make-agenda').click();
    const items = frederik.page.locator('[data-testid^="agenda-item-c:"]');
    await items.first().waitFor();
    const cardId = (await items.first().getAttribute('data-testid'))!.slice('agenda-item-c:'.length);
    await frederik.page.getByTestId('meeting-start').click();
    await frederik.page.getByTestId('meeting-live').waitFor();

    // the wall, served by the other node, marks the same citizen and runs the clocks
    await wall.page.locator(`[data-testid="card-${cardId}"][data-meeting-current="true"]`).waitFor({ timeout: 10_000 });
    await wall.page.getByTestId('meeting-clocks').waitFor();
    await wall.screenshot('/tmp/meeting-nodes-wall.png');

    await Promise.all([frederik.close(), wall.close()]);
  });
});
