/**
 * Screenshots of the main screens for docs/design.md, from the real server with demo data
 * and Debian Chromium (as the browser tests use). Run after `npm run build`:
 *
 *   npx tsx scripts/screenshots.ts after     # writes docs/screenshots/after-*.png
 *
 * Not a test: it asserts nothing, it only lets people see the look before and after a change.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DeviceWithCode } from '../shared/protocol/devices.js';
import { login, startServer } from '../tests/helpers/server.js';

const prefix = process.argv[2] ?? 'after';
const DIR = 'docs/screenshots';
const DESKTOP = { width: 1440, height: 900 };

async function signIn(browser: Browser, baseUrl: string, user: string, viewport = DESKTOP, mobile = false) {
  const context = await browser.newContext({ viewport, locale: 'da-DK', hasTouch: mobile, isMobile: mobile });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Brugernavn').fill(user);
  await page.getByLabel('Adgangskode').fill('demo1234');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${DIR}/${prefix}-${name}.png` });

async function main() {
  mkdirSync(DIR, { recursive: true });
  const srv = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const { baseUrl } = srv;
    const login0 = await (await browser.newContext({ viewport: DESKTOP, locale: 'da-DK' })).newPage();
    await login0.goto(baseUrl);
    await login0.getByLabel('Brugernavn').waitFor();
    await shot(login0, 'login');

    const frederik = await signIn(browser, baseUrl, 'frederik');
    await shot(frederik, 'board');
    if (prefix !== 'before') {
      await frederik.getByTestId('user-menu').click();
      await frederik.getByRole('menuitem').first().waitFor();
      await shot(frederik, 'menu');
      await frederik.keyboard.press('Escape');
    }
    await frederik.locator('[data-testid^="card-"]').first().click();
    await frederik.getByTestId('detail-panel').waitFor();
    await shot(frederik, 'card');
    await frederik.keyboard.press('Escape');
    await frederik.getByTestId('meeting-open').click();
    await frederik.getByTestId('make-agenda').click();
    await frederik.locator('[data-testid^="agenda-item-"]').first().waitFor();
    await shot(frederik, 'meeting');

    const admin = await signIn(browser, baseUrl, 'admin');
    await admin.getByTestId('admin-toggle').click();
    await admin.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await shot(admin, 'admin');

    const gitte = await signIn(browser, baseUrl, 'gitte');
    await gitte.getByTestId('audit-link').click();
    await gitte.getByTestId('audit-table').waitFor();
    await shot(gitte, 'audit');

    const phone = await signIn(browser, baseUrl, 'anne', { width: 390, height: 844 }, true);
    await shot(phone, 'phone');

    const cookie = await login(baseUrl, 'admin');
    const res = await fetch(`${baseUrl}/api/admin/devices`, {
      method: 'POST',
      headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ teamId: 'team-nord', name: 'Mødelokalet' }),
    });
    const { link } = (await res.json()) as DeviceWithCode;
    const wall = await (
      await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'da-DK' })
    ).newPage();
    await wall.goto(`${baseUrl}${link}`);
    await wall.getByTestId('wall').waitFor();
    await wall.waitForTimeout(500); // fonts and layout settle; a picture, not a test
    await shot(wall, 'wall');
  } finally {
    await browser.close();
    await srv.stop();
    srv.cleanup();
  }
}

await main();
