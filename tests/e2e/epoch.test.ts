import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBoard, login, startServer, waitFor, type TestServer } from '../helpers/server.js';
import { BoardPage, launchBrowser } from './fixture.js';

/**
 * A browser that was offline while the board was rebuilt into a new epoch (docs/protocol.md
 * "Epochs"): on reconnecting it is refused with 4409, starts from the new epoch and re-sends
 * the edit it made offline, and tells the person so.
 */
const BOARD = 'tavle-nord';
const ENV = { EPOCH_REBUILD_CLIENT_IDS: '3' };
let srv: TestServer;
let browser: Browser;

beforeAll(async () => {
  [srv, browser] = await Promise.all([startServer({ env: ENV }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  srv?.cleanup();
});

describe('epoch rebuild while a browser is offline', () => {
  it('re-sends the offline edit onto the new epoch and says so', async () => {
    // A few page loads' worth of clientIDs, each with one edit.
    const cookie = await login(srv.baseUrl, 'bent');
    for (let i = 0; i < 4; i++) {
      const c = connectBoard(srv, cookie, BOARD);
      await c.synced;
      const card = c.board.cards()[i]!;
      c.board.updateCard(card.id, { note: `session ${i}` }, { source: 'local', userId: 'u-bent' });
      await waitFor(() => c.provider.ws?.bufferedAmount === 0, { what: 'edit sent' });
      c.destroy();
    }

    const anne = await BoardPage.signIn(browser, srv.baseUrl, 'anne');
    const [cardId] = await anne.cardIds('uge2');
    await anne.page.context().setOffline(true);
    await anne.page.getByTestId('sync-status').filter({ hasText: 'Offline' }).waitFor();
    const panel = await anne.openCard(cardId!);
    await anne.editField('Forløbstype', 'Rehabilitering efter epoke');
    await anne.page.getByTestId('sync-status').filter({ hasText: 'Offline – 1 ændring venter' }).waitFor();
    await panel.getByRole('button', { name: 'Luk' }).click();

    // Restart on the same port: the board is rebuilt when it is loaded again.
    const port = srv.port;
    const dataDir = srv.dataDir;
    await srv.stop();
    srv = await startServer({ dataDir, env: { ...ENV, PORT: String(port) } });
    await anne.page.context().setOffline(false);

    await anne.page
      .getByTestId('toast')
      .filter({ hasText: '1 ændring, du lavede offline, er sendt igen' })
      .waitFor({ timeout: 30_000 });
    await anne.waitUntilSynced();
    expect(await anne.cardText(cardId!)).toContain('Rehabilitering efter epoke');

    // The server has it, in epoch 1, once.
    const check = connectBoard(srv, await login(srv.baseUrl, 'bent'), BOARD);
    await check.synced;
    await waitFor(() => check.board.card(cardId!)?.forlobType === 'Rehabilitering efter epoke', {
      what: 're-sent edit on the server',
    });
    expect(check.board.meta()?.epoch).toBe(1);
    expect(check.board.cards().filter((c) => c.id === cardId)).toHaveLength(1);
    check.destroy();
  });
});
