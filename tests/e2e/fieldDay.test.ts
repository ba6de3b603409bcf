import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isClosedCard } from '../../shared/index.js';
import { connectBoard, login } from '../helpers/server.js';
import { useServerAndBrowser } from './fixture.js';
import { smallTouchTargets } from './touchTargets.js';

/*
 * Issue #12's "done means", as the people do it: an SSH on a phone finds a citizen, writes an
 * observation in two taps and hands it to the visitator; the visitator, on a tablet, finds it
 * under "Til mig" and marks it read; the SSH sees who read it. Then the day shift hands
 * something to the evening shift, and an evening colleague on a phone reads and acknowledges
 * it. Every target touched on the phone is at least 44×44 px and nothing pans sideways.
 */
const env = useServerAndBrowser();
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };

async function signInOn(browser: Browser, viewport: { width: number; height: number }, user: string): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true, isMobile: true, locale: 'da-DK' });
  const page = await context.newPage();
  await page.goto(env.srv.baseUrl);
  await page.getByLabel('Brugernavn').fill(user);
  await page.getByLabel('Adgangskode').fill('demo1234');
  await page.getByRole('button', { name: 'Log ind' }).tap();
  await page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
  return page;
}

async function noSidewaysPan(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth).toBe(page.viewportSize()!.width);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** An active Team Nord citizen, as the server has it. */
async function someCitizen(): Promise<{ id: string; name: string }> {
  const client = await connectBoard(env.srv, await login(env.srv.baseUrl, 'admin', 'demo1234'), 'tavle-nord');
  await client.synced;
  const phases = client.board.phases();
  const card = client.board.cards().find((c) => !isClosedCard(c, phases) && c.position.phaseId === 'uge5')!;
  client.destroy();
  return { id: card.id, name: card.name };
}

/** On the phone: search, open the card full screen, write in its log with a chip and hand it over. */
async function handOver(
  page: Page,
  citizen: { id: string; name: string },
  route: 'visitator' | 'evening',
  words: string,
) {
  await page.getByTestId('phone-nav-search').tap();
  await page.getByTestId('phone-search-input').fill(citizen.name.split(' ')[0]!);
  await page.getByTestId(`phone-card-${citizen.id}`).tap();
  const panel = page.getByTestId('detail-panel');
  await panel.waitFor();
  // The thumb bar's "Skriv i loggen" opens the log with the finger on the text.
  await page.getByTestId('action-note').tap();
  const log = panel.getByTestId('card-log');
  await log.waitFor();
  await log.getByRole('button', { name: 'Faldet', exact: true }).tap();
  const text = log.getByTestId('card-log-text');
  await text.fill(`${await text.inputValue()} ${words}`);
  expect(await smallTouchTargets(panel)).toEqual([]);
  await noSidewaysPan(page);
  await log.getByTestId(`card-log-route-${route}`).tap();
  const entry = log.getByTestId('card-log-list').locator('li').filter({ hasText: words });
  await entry.waitFor();
  await expect.poll(() => entry.getByTestId('log-read-by').textContent()).toBe('Ikke læst endnu');
  return entry;
}

describe("a field day on phone and tablet (issue #12's done means)", () => {
  it('an observation handed to the visitator is read on her tablet, and the SSH sees it', async () => {
    const citizen = await someCitizen();
    const anne = await signInOn(env.browser, PHONE, 'anne');
    const eva = await signInOn(env.browser, TABLET, 'eva');
    const entry = await handOver(anne, citizen, 'visitator', 'i badet, ingen skader');

    // The visitator's tablet: the header folds into its menu; "Til mig" counts one unread.
    await eva.getByTestId('header-menu').tap();
    const forMe = eva.getByTestId('for-me-open');
    await expect.poll(() => forMe.textContent(), { timeout: 10_000 }).toBe('Til mig (1 ulæste)');
    await forMe.tap();
    const item = eva.getByTestId('for-me').locator('li').filter({ hasText: 'i badet, ingen skader' });
    await item.waitFor();
    expect(await item.textContent()).toContain(citizen.name);
    expect(await smallTouchTargets(eva.getByTestId('for-me'))).toEqual([]);
    await item.getByRole('button', { name: 'Markér som læst' }).tap();
    await eva.getByTestId('for-me-empty').waitFor();

    await expect
      .poll(() => entry.getByTestId('log-read-by').textContent(), { timeout: 10_000 })
      .toBe('Læst af: Eva Mortensen');
    await anne.context().close();
    await eva.context().close();
  });

  it('the evening shift reads and acknowledges what the day shift handed over, on a phone', async () => {
    const citizen = await someCitizen();
    const anne = await signInOn(env.browser, PHONE, 'anne');
    const bent = await signInOn(env.browser, PHONE, 'bent');
    const entry = await handOver(anne, citizen, 'evening', 'ved aftensmaden, se efter blå mærker');

    // Bent is on the evening shift tonight: he says so once, and the handover is his.
    await bent.getByTestId('phone-nav-toMe').tap();
    await bent.getByLabel('Jeg er på aftenvagt').check();
    const item = bent.getByTestId('for-me').locator('li').filter({ hasText: 'se efter blå mærker' });
    await item.waitFor({ timeout: 10_000 });
    await expect.poll(() => bent.getByTestId('phone-nav-toMe').textContent()).toMatch(/Til mig\s*1$/);
    expect(await smallTouchTargets(bent)).toEqual([]);
    await noSidewaysPan(bent);
    await item.getByRole('button', { name: 'Markér som læst' }).tap();
    await expect
      .poll(() => entry.getByTestId('log-read-by').textContent(), { timeout: 10_000 })
      .toBe('Læst af: Bent Nielsen');
    await anne.context().close();
    await bent.context().close();
  });
});
