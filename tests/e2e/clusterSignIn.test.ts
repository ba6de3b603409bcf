import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { BoardPage, launchBrowser } from './fixture.js';

/**
 * Signing in and out on two nodes, in Chromium (issue #14): "Log ud på alle enheder" on node A
 * sends the person's other browser, on node B, to the login page; with Redis gone the login
 * page says plainly that signing in is not possible right now, and it works again when Redis
 * is back (docs/security.md "Sign-in limits with several nodes").
 */
const available = clusterAvailable('sign-in on two nodes in the browser');
let c: TestCluster;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  [c, browser] = await Promise.all([startCluster({ nodes: 2 }), launchBrowser()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await c?.stop();
});

describe.skipIf(!available)('signing in and out across two nodes', () => {
  it('"Log ud på alle enheder" on node A sends the browser on node B to the login page', async () => {
    const here = await BoardPage.signIn(browser, c.nodes[0]!.baseUrl, 'frederik');
    const elsewhere = await BoardPage.signIn(browser, c.nodes[1]!.baseUrl, 'frederik');
    await here.page.getByTestId('user-menu').click();
    await here.page.getByRole('menuitem', { name: 'Log ud på alle enheder' }).click();
    await here.page.getByRole('button', { name: 'Log ind' }).waitFor();
    await elsewhere.page.getByRole('button', { name: 'Log ind' }).waitFor({ timeout: 20_000 });
    await here.page.context().close();
    await elsewhere.page.context().close();
  });

  it('without Redis the login page says signing in is not possible now; with Redis back it works', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(c.nodes[1]!.baseUrl);
    await page.getByLabel('Brugernavn').fill('anne');
    await page.getByLabel('Adgangskode').fill('demo1234');

    await c.redis.kill();
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Log ind er ikke muligt lige nu. Prøv igen om lidt.');
    await page.screenshot({ path: '/tmp/cluster-signin-no-redis.png' });

    await c.redis.restart();
    // The person tries again now and then, as people do, until the board opens.
    const board = page.getByTestId('column-henvist');
    await expect
      .poll(
        async () => {
          if (await board.isVisible()) return true;
          await page
            .getByRole('button', { name: 'Log ind' })
            .click({ timeout: 1_000 })
            .catch(() => {});
          return board.isVisible();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(true);
    await context.close();
  });
});
