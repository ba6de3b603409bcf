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
