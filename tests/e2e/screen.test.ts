import { describe, expect, it } from 'vitest';
import type { DeviceWithCode } from '../../shared/protocol/devices.js';
import { connectBoard, login, waitFor } from '../helpers/server.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/** Every full citizen name on Team Nord's board, read as a team member sees it. */
async function citizenNames(cookie: string): Promise<string[]> {
  const client = connectBoard(env.srv, cookie, 'tavle-nord');
  try {
    await client.synced;
    return client.board.cards().map((c) => c.name);
  } finally {
    client.destroy();
  }
}

describe('wall screen', () => {
  it('pairs by link, shows initials only, follows skjul alt and marks a lost connection', async () => {
    const { baseUrl } = env.srv;
    const admin = await login(baseUrl, 'admin');
    const res = await fetch(`${baseUrl}/api/admin/devices`, {
      method: 'POST',
      headers: { cookie: admin, origin: baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ teamId: 'team-nord', name: 'Mødelokalet' }),
    });
    expect(res.status).toBe(201);
    const { link } = (await res.json()) as DeviceWithCode;
    const names = await citizenNames(admin);
    expect(names.length).toBeGreaterThan(30);

    // A fresh browser (no login) opens the pairing link and lands on the team's board.
    const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}${link}`);
    const screen = new BoardPage(page);
    await screen.column('henvist').waitFor();
    await waitFor(async () => (await page.locator('[data-testid^="card-"]').count()) >= names.length - 8, {
      what: 'cards on the screen',
    });
    expect(new URL(page.url()).pathname).toBe('/');
    await screen.screenshot('/tmp/screen-1080p.png');
    expect(await page.locator('.screen-mode').count()).toBe(1);

    const html = await page.evaluate(() => document.documentElement.outerHTML);
    const text = await page.evaluate(() => document.body.innerText);
    for (const name of names) {
      expect(html.includes(name), name).toBe(false);
      expect(text.includes(name), name).toBe(false);
    }
    // Initials are what it shows instead.
    const shown = await page.locator('[data-testid^="card-"][data-card-name]').first().getAttribute('data-card-name');
    expect(shown).toMatch(/^\S{1,8}$/);
    // Type scales with the viewport for reading across the room.
    const rootPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rootPx).toBeGreaterThan(20);
    await page.setViewportSize({ width: 3840, height: 2160 });
    await waitFor(
      async () => (await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))) > 40,
      { what: '4K type size' },
    );
    await page.setViewportSize({ width: 1920, height: 1080 });

    // A team member hides every screen with one tap: nothing of the board is left in the page.
    const anne = await BoardPage.signIn(env.browser, baseUrl, 'anne');
    await anne.page.getByTestId('screen-hide').click();
    await page.getByTestId('screen-cover').waitFor();
    await screen.screenshot('/tmp/screen-hidden.png');
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    const hiddenHtml = await page.evaluate(() => document.documentElement.outerHTML);
    expect(hiddenHtml).toContain('Skjult – tryk for at vise');
    expect(hiddenHtml).not.toContain(shown!);

    // Tapping the screen shows it again, for everyone.
    await page.getByTestId('screen-show').click();
    await screen.column('henvist').waitFor();
    await waitFor(async () => (await anne.page.getByTestId('screen-hide').textContent()) === 'Skjul skærm');

    // Network gone: the last state stays, marked as not live; back by itself when online.
    await context.setOffline(true);
    await page
      .getByTestId('screen-not-live')
      .filter({ hasText: /^Ikke live siden kl\. \d\d:\d\d$/ })
      .waitFor();
    expect(await page.locator('[data-testid^="card-"]').count()).toBeGreaterThan(0);
    await context.setOffline(false);
    await page.getByTestId('screen-not-live').waitFor({ state: 'detached', timeout: 20_000 });

    await Promise.all([context.close(), anne.close()]);
  });

  it('an administrator creates, re-codes and removes a screen in the Skærme section', async () => {
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    await page.getByTestId('admin-toggle').click();
    await page.getByRole('tab', { name: 'Skærme' }).click();
    await page.getByTestId('device-name').fill('Kontoret');
    await page.getByTestId('device-create').click();
    const code = page.getByTestId('device-code');
    await code.waitFor();
    const first = await code.locator('.device-code-value').textContent();
    expect(first).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(await code.locator('a').getAttribute('href')).toBe(`/pair/${first}`);
    const row = page.locator('li[data-testid^="device-"]').filter({ hasText: 'Kontoret' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Ny kode' }).click();
    await waitFor(async () => (await code.locator('.device-code-value').textContent()) !== first, { what: 'new code' });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Fjern' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('admin-toggle').click();
    await admin.column('henvist').waitFor();
    await admin.close();
  });
});
