import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectBoard, login, waitFor } from '../helpers/server.js';
import { pairedWall, useServerAndBrowser } from './fixture.js';

/*
 * The downtime kit (issue #16, N7): a wall screen or a staff phone restarted while the network
 * is down starts the app from the service worker's shell and shows the last board from the
 * device's own copy, marked "Ikke live siden kl. …", and goes live again by itself when the
 * network returns.
 */

const env = useServerAndBrowser();
const NOT_LIVE = /^Ikke live siden kl\. \d\d:\d\d$/;

/** The service worker is installed and controls the page (it precached the shell on install). */
async function swControls(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
    what: 'the service worker controlling the page',
  });
}

/** Each wall column's citizen count, in order (the page shown turns; the counts are the whole board). */
function wallCounts(page: Page): Promise<string[]> {
  return page.locator('.wall-count').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

/** The wall's labels shown now (data-card-name: initials). */
function wallLabels(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="card-"][data-card-name]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-card-name') ?? ''));
}

async function goOfflineAndReload(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.reload();
}

describe('offline after a restart', () => {
  it('the wall reloads without the network and shows the last board, then goes live by itself', async () => {
    const { baseUrl } = env.srv;
    const page = await pairedWall(env.browser, baseUrl, await login(baseUrl, 'admin'));
    const context = page.context();
    await waitFor(async () => (await page.locator('[data-testid^="card-"]').count()) >= 20, { what: 'wall cards' });
    await swControls(page);
    // the wall saves what it was shown (initials only) once the changes have settled
    const saved = await waitFor(() => page.evaluate(() => localStorage.getItem('tavlen-wall:tavle-nord')), {
      what: 'the saved projection',
    });
    const before = await wallCounts(page);
    expect(before.length).toBeGreaterThanOrEqual(7);

    await goOfflineAndReload(context, page);
    // the app, not the browser's error page: the wall with the last board, marked not live
    await page.getByTestId('wall').waitFor();
    await page.getByTestId('screen-not-live').filter({ hasText: NOT_LIVE }).waitFor();
    await waitFor(async () => (await wallCounts(page)).join() === before.join(), { what: 'the last board' });
    expect((await wallLabels(page)).length).toBeGreaterThanOrEqual(10);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.screenshot({ path: '/tmp/offline-wall.png' });

    // what the wall keeps holds no more than it showed: no citizen's name
    const admin = await login(baseUrl, 'admin');
    const client = connectBoard(env.srv, admin, 'tavle-nord');
    await client.synced;
    const names = client.board.cards().map((c) => c.name);
    client.destroy();
    const kept = Buffer.from(JSON.parse(saved).state as string, 'base64').toString('utf8');
    for (const name of names) expect(kept.includes(name), name).toBe(false);

    // the network returns: live again without anyone touching the wall
    await context.setOffline(false);
    await page.getByTestId('screen-not-live').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await wallCounts(page)).toEqual(before);
    await context.close();
  });

  it('a staff phone reloads without the network into its last copy of the board, then syncs again', async () => {
    const { baseUrl } = env.srv;
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      locale: 'da-DK',
    });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByLabel('Brugernavn').fill('anne');
    await page.getByLabel('Adgangskode').fill('demo1234');
    await page.getByRole('button', { name: 'Log ind' }).tap();
    const synced = page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' });
    await synced.waitFor();
    await page.getByTestId('phone-board').waitFor();
    await swControls(page);
    await page.getByTestId('phone-nav-board').tap();
    // the board as a list: each phase with its count
    const phases = page.getByTestId('phase-list');
    const before = await phases.innerText();
    expect(before).toContain('Henvist');
    // y-indexeddb has written the board (its database exists once the first update is stored)
    await waitFor(
      () => page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'tavlen:tavle-nord')),
      { what: 'the offline copy' },
    );
    await page.waitForTimeout(500);

    await goOfflineAndReload(context, page);
    await page.getByTestId('phone-board').waitFor();
    await page.getByTestId('screen-not-live').filter({ hasText: NOT_LIVE }).waitFor();
    expect(await page.getByLabel('Brugernavn').count()).toBe(0);
    await page.getByTestId('phone-nav-board').tap();
    await waitFor(async () => (await phases.innerText()) === before, { what: 'the last copy of the board' });
    await page.getByTestId('phase-toggle-henvist').tap();
    expect(await page.locator('[data-testid^="phone-card-"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/offline-phone.png' });

    await context.setOffline(false);
    await page.getByTestId('screen-not-live').waitFor({ state: 'detached', timeout: 30_000 });
    await synced.waitFor();
    await context.close();
  });

  it('a signed-out device starts at the login page, offline too: nothing is left to show', async () => {
    const { baseUrl } = env.srv;
    const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.getByLabel('Brugernavn').fill('bent');
    await page.getByLabel('Adgangskode').fill('demo1234');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
    await swControls(page);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Log ud', exact: true }).click();
    await page.getByLabel('Brugernavn').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('tavlen-me'))).toBeNull();

    await goOfflineAndReload(context, page);
    await page.getByLabel('Brugernavn').waitFor();
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    await context.close();
  });
});
