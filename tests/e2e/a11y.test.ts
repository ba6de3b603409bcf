import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant } from '../../shared/rules/dates.js';
import { login } from '../helpers/server.js';
import { axeViolations } from './axe.js';
import { BoardPage, pairedWall, useServerAndBrowser } from './fixture.js';

/**
 * Accessibility beyond axe (issue #12 point 6) and axe at 0 violations on the main pages:
 * board, an open card, the meeting panel, admin, audit, a phone and the wall. Plus what axe
 * cannot see: the Danish role description of a draggable card, the skip link, a sync status
 * that speaks only when its state changes, triage by shape and word, and one time zone.
 */
const env = useServerAndBrowser();
let frederik: BoardPage;

async function signIn(browser: Browser, baseUrl: string, username: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'da-DK', ...options });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByLabel('Adgangskode').fill('demo1234');
  await page.getByRole('button', { name: 'Log ind' }).click();
  const board = new BoardPage(page);
  await board.column('henvist').waitFor();
  await board.waitUntilSynced();
  return board;
}

const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

beforeAll(async () => {
  frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
});
afterAll(async () => {
  await frederik?.close();
});

describe('axe: 0 violations on the main pages', () => {
  it('the board', async () => {
    await noViolations(frederik.page);
  });

  it('an open card', async () => {
    const [cardId] = await frederik.cardIds('opstart');
    const panel = await frederik.openCard(cardId!);
    const violations = await axeViolations(frederik.page);
    await panel.getByRole('button', { name: 'Luk' }).click();
    expect(violations).toEqual([]);
  });

  it('the meeting panel with an agenda', async () => {
    await frederik.page.getByTestId('meeting-open').click();
    await frederik.page.getByTestId('make-agenda').click();
    await frederik.page.locator('[data-testid^="agenda-item-"]').first().waitFor();
    const violations = await axeViolations(frederik.page);
    await frederik.page.getByTestId('meeting-open').click();
    expect(violations).toEqual([]);
  });

  it('admin and the audit page', async () => {
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    await admin.page.getByTestId('admin-toggle').click();
    await admin.page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await noViolations(admin.page);
    await admin.page.goto(`${env.srv.baseUrl}/revisionsspor`);
    await admin.page.getByTestId('audit-table').waitFor();
    await noViolations(admin.page);
    await admin.close();
  });

  it('a phone (390×844, touch)', async () => {
    // On a phone there are no columns: the phone layout (bottom navigation, lists) is the page.
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'da-DK',
    });
    const page = await context.newPage();
    await page.goto(env.srv.baseUrl);
    await page.getByLabel('Brugernavn').fill('anne');
    await page.getByLabel('Adgangskode').fill('demo1234');
    await page.getByRole('button', { name: 'Log ind' }).tap();
    await page.getByTestId('phone-nav').waitFor();
    await page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
    await noViolations(page);
    // The card, full screen.
    await page.getByTestId('phone-nav-mine').tap();
    await page.getByTestId('mine-primary').locator('[data-testid^="phone-card-"]').first().tap();
    await page.getByTestId('detail-panel').waitFor();
    await noViolations(page);
    await context.close();
  });

  it('the wall screen', async () => {
    const wall = await pairedWall(env.browser, env.srv.baseUrl, await login(env.srv.baseUrl, 'admin'));
    await noViolations(wall);
    // Triage by shape and word as well as colour on the wall.
    const colour = wall.locator('.wall-colour').first();
    expect(await colour.textContent()).toMatch(/^(Rød|Gul|Grøn)$/);
    expect(await colour.locator('.triage-shape').count()).toBe(1);
    await wall.context().close();
  });
});

describe('beyond axe', () => {
  it('draggable cards are "flytbart kort" to a screen reader, with Danish instructions', async () => {
    const [cardId] = await frederik.cardIds('henvist');
    const card = frederik.card(cardId!);
    expect(await card.getAttribute('aria-roledescription')).toBe('flytbart kort');
    expect(await frederik.page.locator('[aria-roledescription="sortable"]').count()).toBe(0);
    const describedBy = (await card.getAttribute('aria-describedby'))!;
    expect(await frederik.page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/^Tryk mellemrum/);
  });

  it('the first Tab reaches a visible skip link that moves focus to the board', async () => {
    const page = frederik.page;
    await page.reload();
    await frederik.column('henvist').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.textContent()).toBe('Gå til tavlen');
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 10).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('board');
    await frederik.waitUntilSynced();
  });

  it('the sync status speaks when its state changes, not after every save', async () => {
    const page = frederik.page;
    const announcer = page.getByTestId('sync-announcer');
    expect(await announcer.getAttribute('role')).toBe('status');
    expect(await page.getByTestId('sync-status').getAttribute('aria-live')).toBeNull();
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="sync-announcer"]')!;
      const w = window as unknown as { announcerChanges: number };
      w.announcerChanges = 0;
      new MutationObserver(() => w.announcerChanges++).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const [cardId] = await frederik.cardIds('uge2');
    const panel = await frederik.openCard(cardId!);
    await frederik.editField('Kontaktperson', 'Stille Statussen');
    await expect.poll(() => frederik.cardText(cardId!), { timeout: 5000, interval: 50 }).toContain('Stille Statussen');
    await frederik.waitUntilSynced();
    expect(await page.evaluate(() => (window as unknown as { announcerChanges: number }).announcerChanges)).toBe(0);
    await panel.getByRole('button', { name: 'Luk' }).click();

    await page.context().setOffline(true);
    await expect.poll(() => announcer.textContent(), { timeout: 10_000, interval: 50 }).toMatch(/^Offline/);
    await page.context().setOffline(false);
    await expect.poll(() => announcer.textContent(), { timeout: 20_000, interval: 100 }).toBe('Forbundet og gemt');
  });

  it('triage is a shape and a word on the card face and in the triage view, not colour alone', async () => {
    const [cardId] = await frederik.cardIds('henvist');
    const badge = frederik.card(cardId!).locator('.triage');
    expect(await badge.getAttribute('aria-label')).toMatch(/^Triage: (Rød|Gul|Grøn)$/);
    expect(await badge.locator('.triage-shape').count()).toBe(1);
    const shapes = await frederik.page
      .locator('.card .triage-shape')
      .evaluateAll((els) =>
        els.map((el) => [el.className, getComputedStyle(el).borderRadius, getComputedStyle(el).clipPath]),
      );
    const green = shapes.find(([c]) => c!.includes('green'));
    const yellow = shapes.find(([c]) => c!.includes('yellow'));
    if (green) expect(green[1]).toBe('50%');
    if (yellow) expect(yellow[2]).toContain('polygon');
    await frederik.page.getByTestId('view-triage').click();
    const row = frederik.page.locator('[data-testid^="triage-row-"]').first();
    expect(await row.locator('td').nth(1).textContent()).toMatch(/(Rød|Gul|Grøn)$/);
    expect(await row.locator('.triage-shape').count()).toBe(1);
    await frederik.page.getByTestId('view-board').click();
  });
});

describe('one time zone on every device', () => {
  it('the audit log shows the same Danish time in New York and in Copenhagen, in words', async () => {
    const views = [];
    for (const timezoneId of ['America/New_York', 'Europe/Copenhagen']) {
      const gitte = await signIn(env.browser, env.srv.baseUrl, 'gitte', { timezoneId });
      await gitte.page.goto(`${env.srv.baseUrl}/revisionsspor`);
      const first = gitte.page.getByTestId('audit-table').locator('tbody tr').first();
      await first.waitFor();
      const time = first.locator('time');
      views.push({
        shown: await time.textContent(),
        iso: await time.getAttribute('datetime'),
        offset: await gitte.page.evaluate(() => new Date().getTimezoneOffset()),
        table: (await gitte.page.getByTestId('audit-table').textContent()) ?? '',
      });
      await gitte.close();
    }
    const [ny, cph] = views;
    expect(ny!.offset).not.toBe(cph!.offset); // the two browsers really are in different zones
    // Both show the entry at the Danish time of its instant ("7. dec. 2026 kl. 10.32").
    expect(ny!.shown).toMatch(/^\d{1,2}\. [a-zæø]{3}\.? \d{4} kl\. \d{2}\.\d{2}$/);
    expect(ny!.shown).toBe(formatInstant(ny!.iso!));
    expect(cph!.shown).toBe(formatInstant(cph!.iso!));
    // No programmer's words in the table.
    expect(ny!.table).not.toMatch(/\b(green|yellow|red|decidedAt|u-[a-z]+)\b|\d{4}-\d{2}-\d{2}T/);
  });
});
