import { expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

// Its own server: the meeting tests beside it leave a meeting behind on the demo board.
const env = useServerAndBrowser();

it('the leader keeps "Skjul skærm", print and undo in reach while the meeting panel is open (1600×1000)', async () => {
  const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
  const page = frederik.page;
  await page.getByTestId('meeting-open').click();
  await page.getByTestId('meeting-type').selectOption('tavlemoede');
  await page.getByTestId('make-agenda').click();
  await page.getByTestId('agenda-total').waitFor();
  await page.getByTestId('meeting-start').click();
  await page.getByTestId('meeting-live').waitFor();
  // Nothing in the header lies under the panel: it starts where the header ends.
  const header = (await page.locator('.app-header').boundingBox())!;
  const panel = (await page.getByTestId('meeting-panel').boundingBox())!;
  expect(panel.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
  const tools = {
    hide: page.getByTestId('screen-hide'),
    print: page.getByTestId('print-board'),
    undo: page.locator('.undo-buttons'),
  };
  for (const [name, tool] of Object.entries(tools)) {
    const box = (await tool.boundingBox())!;
    expect(box.x + box.width <= panel.x || box.y + box.height <= panel.y, name).toBe(true);
  }
  // A real click (Playwright refuses one on a covered element): the wall is hidden.
  await page.getByTestId('screen-hide').click();
  await page.getByTestId('screen-hide').and(page.locator('[aria-pressed="true"]')).waitFor();
  await page.screenshot({ path: '/tmp/meeting-leader-tools.png' });
  await frederik.close();
});

it('the board’s tools, undo included, fit one row under the header: a koordinator and a leder at 1600 px, a koordinator at 1440 px', async () => {
  const cases = [
    ['frederik', 1600],
    ['gitte', 1600],
    ['frederik', 1440],
  ] as const;
  for (const [user, width] of cases) {
    const board = await BoardPage.signIn(env.browser, env.srv.baseUrl, user);
    const page = board.page;
    await page.setViewportSize({ width, height: 900 });
    const what = `${user} at ${width} px`;
    // Vertical centres of the tools (the sync status sits on the first row): one row, give or take a pixel.
    const centres = await page
      .locator('.header-board > *:not(.sync-status)')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => r.top + r.height / 2));
    expect(centres.length, what).toBeGreaterThan(8);
    expect(Math.max(...centres) - Math.min(...centres), `${what}: tools on one row`).toBeLessThan(4);
    // The first row (brand, the person's links and menu, the sync status) is one row too.
    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height, `${what}: header height`).toBeLessThan(120);
    // The print button, its printer icon alone below 1600 px, keeps its name.
    await page.getByRole('button', { name: 'Print tavlen' }).waitFor();
    await board.close();
  }
});
