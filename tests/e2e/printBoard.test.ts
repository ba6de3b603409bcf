import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isClosedCard } from '../../shared/rules/lifecycle.js';
import { pdfRuns } from '../helpers/pdf.js';
import { connectBoard, login } from '../helpers/server.js';
import { BoardPage, pairedWall, useServerAndBrowser } from './fixture.js';

/*
 * The downtime kit's paper (issue #16, N7) in the browser: "Print tavlen" in the board's header
 * gives the PDF of the whole board (every active citizen of the demo board), and Ctrl+P of
 * the board prints the board, not blank pages.
 */

const env = useServerAndBrowser();

describe('printing the board', () => {
  it('Print tavlen downloads the PDF with every active citizen; Ctrl+P prints the board itself', async () => {
    const { baseUrl } = env.srv;
    const client = connectBoard(env.srv, await login(baseUrl, 'frederik'), 'tavle-nord');
    await client.synced;
    const phases = client.board.phases();
    const active = client.board.cards().filter((c) => !isClosedCard(c, phases));
    client.destroy();

    const frederik = await BoardPage.signIn(env.browser, baseUrl, 'frederik');
    const page = frederik.page;
    await page.getByTestId('print-board').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-a3').click()]);
    expect(download.suggestedFilename()).toMatch(/^tavlen-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await readFile((await download.path())!);
    const texts = new Set(pdfRuns(pdf).map((r) => r.text));
    for (const c of active) expect(texts, c.name).toContain(c.name);

    // The browser's print: the columns and cards are there, the header's buttons are not.
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      // rendered and not hidden: a child of a display:none box has no boxes of its own
      const visible = (el: Element | null) => !!el && el.checkVisibility({ visibilityProperty: true });
      const cards = [...document.querySelectorAll('[data-testid^="card-"]')];
      return {
        cards: cards.filter(visible).length,
        all: cards.length,
        column: visible(document.querySelector('[data-testid="column-henvist"]')),
        printButton: visible(document.querySelector('[data-testid="print-board"]')),
      };
    });
    expect(shown.all).toBeGreaterThanOrEqual(active.length);
    expect(shown.cards).toBe(shown.all);
    expect(shown.column).toBe(true);
    expect(shown.printButton).toBe(false);
    const printed = await page.pdf({ landscape: true, format: 'A4', path: '/tmp/board-print.pdf' });
    expect(printed.length).toBeGreaterThan(20_000);
    await page.context().close();
  });

  it('is not offered on the wall screen', async () => {
    const { baseUrl } = env.srv;
    const wall = await pairedWall(env.browser, baseUrl, await login(baseUrl, 'admin'));
    expect(await wall.getByTestId('print-board').count()).toBe(0);
    await wall.context().close();
  });
});
