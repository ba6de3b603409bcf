/**
 * Browser fixture for e2e tests: Debian Chromium driven by playwright-core (never a
 * downloaded browser) against the real server from tests/helpers/server.ts, plus a few
 * domain helpers so tests read like what people do on the board.
 */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { DeviceWithCode } from '../../shared/protocol/devices.js';
import { startCluster, type TestCluster } from '../helpers/cluster.js';
import { startServer, waitFor, type TestServer } from '../helpers/server.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A seeded real server and Debian Chromium for one test file: started before its tests,
 * stopped and cleaned up after them. Read `srv` and `browser` inside hooks and tests.
 */
export function useServerAndBrowser(): { srv: TestServer; browser: Browser } {
  const env = {} as { srv: TestServer; browser: Browser };
  beforeAll(async () => {
    [env.srv, env.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.srv?.stop();
    env.srv?.cleanup();
  });
  return env;
}

/**
 * For the describe block it is called in: `nodes` real nodes on one PostgreSQL and one Redis
 * (tests/helpers/cluster.ts) and one Chromium, stopped after its tests. Call it inside a
 * block that is skipped when `clusterAvailable` says no.
 */
export function useClusterAndBrowser(opts: { nodes?: number; startTimeoutMs?: number } = {}): {
  cluster: TestCluster;
  browser: Browser;
} {
  const env = {} as { cluster: TestCluster; browser: Browser };
  beforeAll(async () => {
    [env.cluster, env.browser] = await Promise.all([startCluster({ nodes: opts.nodes ?? 2 }), launchBrowser()]);
  }, opts.startTimeoutMs ?? 120_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.cluster?.stop();
  });
  return env;
}

/**
 * Team Nord's wall screen as it is set up in the room: an administrator (`adminCookie`)
 * creates a screen, and a fresh 1920×1080 context opens its one-time /pair link.
 */
export async function pairedWall(browser: Browser, baseUrl: string, adminCookie: string): Promise<Page> {
  const res = await fetch(`${baseUrl}/api/admin/devices`, {
    method: 'POST',
    headers: { cookie: adminCookie, origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ teamId: 'team-nord', name: 'Mødelokalet' }),
  });
  if (res.status !== 201) throw new Error(`creating the screen: ${res.status}`);
  const { link } = (await res.json()) as DeviceWithCode;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'da-DK' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}${link}`);
  await page.getByTestId('wall').waitFor();
  return page;
}

export type Direction = 'left' | 'right' | 'up' | 'down';
const ARROW: Record<Direction, string> = { left: 'ArrowLeft', right: 'ArrowRight', up: 'ArrowUp', down: 'ArrowDown' };

/** One signed-in person's browser tab on the board. */
export class BoardPage {
  constructor(readonly page: Page) {}

  /** A signed-out tab on the login page. */
  static async open(browser: Browser, baseUrl: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(baseUrl);
    return page;
  }

  /** Opens a fresh browser context (own cookies), signs in through the login form and waits for the board. */
  /** `beforeSignIn`: listeners to attach first (e.g. on the board's websocket, opened at sign-in). */
  static async signIn(
    browser: Browser,
    baseUrl: string,
    username: string,
    password = 'demo1234',
    opts: { beforeSignIn?: (page: Page) => void } = {},
  ): Promise<BoardPage> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'da-DK' });
    const page = await context.newPage();
    opts.beforeSignIn?.(page);
    await page.goto(baseUrl);
    await page.getByLabel('Brugernavn').fill(username);
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    const board = new BoardPage(page);
    await board.column('henvist').waitFor();
    await board.waitUntilSynced();
    return board;
  }

  column(phaseId: string): Locator {
    return this.page.getByTestId(`column-${phaseId}`);
  }

  card(cardId: string): Locator {
    return this.page.getByTestId(`card-${cardId}`);
  }

  /** Ids of the cards in a column, top to bottom. */
  async cardIds(phaseId: string): Promise<string[]> {
    const ids = await this.column(phaseId)
      .locator('[data-testid^="card-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('card-'.length)));
    return ids;
  }

  /** The column a card is in right now (null if not on the board). */
  columnOf(cardId: string): Promise<string | null> {
    return this.page.evaluate((id) => {
      const col = document.querySelector(`[data-testid="card-${id}"]`)?.closest('[data-testid^="column-"]');
      return col ? col.getAttribute('data-testid')!.slice('column-'.length) : null;
    }, cardId);
  }

  async waitUntilSynced(): Promise<void> {
    await this.page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
  }

  /** Mouse drag from the centre of a card to the middle of a column, in small steps like a hand would. */
  async pointerDrag(cardId: string, targetPhaseId: string): Promise<void> {
    const from = await box(this.card(cardId));
    const to = await box(this.column(targetPhaseId).locator('.column-cards'));
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 4 });
    await this.page.locator('.card-overlay').waitFor();
    await mouse.move(to.x + to.width / 2, to.y + Math.min(to.height - 10, 40), { steps: 20 });
    await mouse.up();
    await this.page.locator('.card-overlay').waitFor({ state: 'detached' });
  }

  /**
   * Keyboard drag: focus the card, Space to pick up, arrows, Space to drop. Each arrow waits
   * for dnd-kit's screen-reader announcement to change, i.e. for the move to have happened.
   */
  async keyboardMove(cardId: string, direction: Direction, steps: number): Promise<void> {
    const card = this.card(cardId);
    await card.focus();
    const live = this.page.locator('[id^="DndLiveRegion"]');
    await this.page.keyboard.press('Space');
    await waitFor(async () => (await card.getAttribute('aria-pressed')) === 'true', { what: 'card picked up' });
    for (let i = 0; i < steps; i++) {
      const before = await live.textContent();
      await this.page.keyboard.press(ARROW[direction]);
      await waitFor(async () => (await live.textContent()) !== before, { what: `announcement after ${direction}` });
    }
    await this.page.keyboard.press('Space');
    await waitFor(async () => (await live.textContent())?.includes('er flyttet til'), { what: 'drop announcement' });
  }

  /** Opens a card's detail panel by clicking it. */
  async openCard(cardId: string): Promise<Locator> {
    await this.card(cardId).click();
    const panel = this.page.getByTestId('detail-panel');
    await panel.waitFor();
    return panel;
  }

  /** Types into a detail-panel field and leaves it (blur commits a valid value). */
  async editField(label: string, value: string): Promise<void> {
    const field = this.page.getByTestId('detail-panel').getByLabel(label, { exact: true });
    await field.fill(value);
    await field.blur();
  }

  async cardText(cardId: string): Promise<string> {
    return (await this.card(cardId).textContent()) ?? '';
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: false });
  }

  close(): Promise<void> {
    return this.page.context().close();
  }
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await locator.scrollIntoViewIfNeeded();
  const b = await locator.boundingBox();
  if (!b) throw new Error('element has no box (not visible?)');
  return b;
}
