import { describe, expect, it } from 'vitest';
import { connectBoard, login, waitFor } from '../helpers/server.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';
import { formatInstant } from '../../shared/rules/dates.js';

const env = useServerAndBrowser();
const BOARD = 'tavle-nord';

describe('restoring a board from the admin page', () => {
  it('an administrator picks a time before a wipe and restores; a colleague sees the cards and the day’s message come back', async () => {
    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const cards = frederik.page.locator('[data-testid^="column-"] [data-testid^="card-"]');
    const before = await cards.count();
    expect(before).toBeGreaterThan(10);
    // A message on "Dagens beskeder", put up before the restore point.
    await frederik.page.getByTestId('free-open').click();
    await frederik.page.getByTestId('free-new-text').fill('Bil 3 på værksted');
    await frederik.page.getByTestId('free-add').click();
    const note = frederik.page.locator('.free-plane .free-item', { hasText: 'Bil 3 på værksted' });
    await note.waitFor();
    await frederik.waitUntilSynced();
    // The restore point: now, in whole seconds (what the time field holds), before the wipe.
    const restorePoint = Math.ceil(Date.now() / 1000) * 1000;
    await expect.poll(() => Date.now() > restorePoint).toBe(true);

    // Every card deleted through raw Yjs by an administrator's client.
    const raw = connectBoard(env.srv, await login(env.srv.baseUrl, 'admin'), BOARD);
    await raw.synced;
    raw.doc.transact(() => {
      for (const name of ['cards', 'freeItems']) {
        const map = raw.doc.getMap(name);
        for (const id of [...map.keys()]) map.delete(id);
      }
    });
    await waitFor(async () => (await cards.count()) === 0 && (await note.count()) === 0, {
      what: 'the wipe on the board page',
    });
    raw.destroy();

    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    await page.getByTestId('admin-toggle').click();
    await page.getByRole('tab', { name: 'Gendan' }).click();
    await page.getByTestId('history-board').selectOption(BOARD);
    // The time field is Danish time whatever the device's zone (like every time in Tavlen).
    const local = formatInstant(restorePoint, 'input');
    await page.getByTestId('history-time').fill(local);
    await page.getByTestId('history-show').click();
    await page
      .getByTestId('history-diff')
      .filter({ hasText: `${before} kort mangler i dag.` })
      .waitFor();
    expect(await page.getByRole('heading', { name: /^Henvist \(\d+\)$/ }).count()).toBe(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Gendan hele tavlen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Gendannet: ${before} kort genskabt` })
      .filter({ hasText: '1 besked på Dagens beskeder sat op igen.' })
      .waitFor();
    await page.getByTestId('history-diff').filter({ hasText: 'Tavlen er den samme i dag.' }).waitFor();
    await admin.screenshot('/tmp/tavlen-restore.png');

    await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(before);
    await note.waitFor();
    await frederik.waitUntilSynced();
    await admin.close();
    await frederik.close();
  });
});
