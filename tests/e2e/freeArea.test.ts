import { describe, expect, it } from 'vitest';
import { login, waitFor } from '../helpers/server.js';
import { BoardPage, pairedWall, useServerAndBrowser } from './fixture.js';
import { axeViolations } from './axe.js';
import { smallTouchTargets } from './touchTargets.js';
import { expectLegibleWall, measureWall } from './wallMeasure.js';

/*
 * The free area, "Dagens beskeder" (issue #16), in Chromium: Anne puts up a sticky note and
 * draws a line with the mouse; Bent, in his own browser, sees both. The wall screen shows
 * the note Anne marked "Vis på skærmen" and not the one she did not, nor one naming a
 * citizen of the board.
 */
const env = useServerAndBrowser();

async function openFreeArea(board: BoardPage): Promise<void> {
  await board.page.getByTestId('free-open').click();
  await board.page.getByTestId('free-surface').waitFor();
}

/** Anne and Bent, each in a browser of their own, with the free area open. */
async function anneAndBent(): Promise<[BoardPage, BoardPage]> {
  const { srv, browser } = env;
  const both = await Promise.all([
    BoardPage.signIn(browser, srv.baseUrl, 'anne'),
    BoardPage.signIn(browser, srv.baseUrl, 'bent'),
  ]);
  await Promise.all(both.map(openFreeArea));
  return both;
}

async function putUp(board: BoardPage, text: string, onScreen: boolean): Promise<void> {
  const page = board.page;
  await page.getByTestId('free-new-text').fill(text);
  await page.getByTestId('free-onscreen').setChecked(onScreen);
  await page.getByTestId('free-add').click();
  await page.locator('.free-plane .free-item', { hasText: text }).waitFor();
}

describe('Dagens beskeder', () => {
  it('a note and a pen stroke reach a second browser; the wall shows only the screen-marked note', async () => {
    const [anne, bent] = await anneAndBent();

    await putUp(anne, 'Bil 3 på værksted', false);
    await putUp(anne, 'Brandøvelse kl. 13', true);
    // A citizen of Team Nord's board by name: marked for the wall, but the wall never gets it.
    const citizen = await anne.page.locator('[data-testid^="card-"] .card-name').first().innerText();
    await putUp(anne, `Husk nøgle til ${citizen}`, true);

    // Draw with the mouse: the pen tool, then a line across the surface in small steps.
    await anne.page.getByTestId('free-tool-pen').click();
    const surface = await anne.page.getByTestId('free-plane').boundingBox();
    if (!surface) throw new Error('no surface');
    const mouse = anne.page.mouse;
    const x0 = surface.x + surface.width * 0.55;
    const y0 = surface.y + surface.height * 0.6;
    await mouse.move(x0, y0);
    await mouse.down();
    await mouse.move(x0 + 120, y0 + 60, { steps: 15 });
    await mouse.move(x0 + 200, y0 - 20, { steps: 10 });
    await mouse.up();
    await anne.page.locator('.free-stroke').waitFor();

    // Bent sees both notes and the stroke, drawn as a smooth outline path.
    await bent.page.locator('.free-plane .free-item', { hasText: 'Bil 3 på værksted' }).waitFor();
    await bent.page.locator('.free-plane .free-item', { hasText: 'Brandøvelse kl. 13' }).waitFor();
    const path = bent.page.locator('.free-stroke');
    await path.waitFor();
    expect((await path.getAttribute('d'))?.length ?? 0).toBeGreaterThan(50);
    // Bent may move Anne's note but not take it down: no "Tag ned" on it.
    const bil = bent.page.locator('.free-plane .free-item', { hasText: 'Bil 3 på værksted' });
    expect(await bil.getByTestId('free-delete').count()).toBe(0);
    await anne.page.screenshot({ path: '/tmp/tavlen-free-area.png' });
    expect(await axeViolations(anne.page, { include: '[data-testid="free-dock"]' })).toEqual([]);

    // The wall: the marked note, large; not the unmarked one, not the one naming a citizen.
    const { srv, browser } = env;
    const wall = await pairedWall(browser, srv.baseUrl, await login(srv.baseUrl, 'admin'));
    const aside = wall.getByTestId('wall-free');
    await aside.getByText('Brandøvelse kl. 13').waitFor();
    await waitFor(async () => (await aside.locator('.free-list-item').count()) === 1, { what: 'one note on the wall' });
    expect(await aside.innerText()).not.toContain('Bil 3');
    expect(await aside.innerText()).not.toContain(citizen);
    expect(await wall.content()).not.toContain('Anne Holm');
    const size = await aside
      .locator('.free-list-item')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    // The messages cost the columns no width: the cards stay as legible as without them.
    const shown = await measureWall(wall);
    expectLegibleWall(shown, shown.cards.length, 28, shown.pages);
    const band = await aside.boundingBox();
    for (const card of shown.cards) expect(card.box.y + card.box.height).toBeLessThanOrEqual(band!.y);
    await wall.screenshot({ path: '/tmp/tavlen-free-area-wall.png' });
    expect(await axeViolations(wall, { include: '[data-testid="wall-free"]' })).toEqual([]);
  });

  it('a note taken down by mistake comes back with "Fortryd", for everyone; Ctrl+Z and Ctrl+Shift+Z step back and forth', async () => {
    const [anne, bent] = await anneAndBent();
    const text = 'Kage i køkkenet kl. 14';
    await putUp(anne, text, false);
    const onBent = bent.page.locator('.free-plane .free-item', { hasText: text });
    await onBent.waitFor();

    await anne.page.locator('.free-plane .free-item', { hasText: text }).getByTestId('free-delete').click();
    await onBent.waitFor({ state: 'detached' });
    await anne.page.getByRole('button', { name: 'Fortryd', exact: true }).click();
    // Back on Bent's screen: the server took the restored note as Anne's own write.
    await onBent.waitFor();
    // One step further back takes down the note she put up; forward again puts it back.
    await anne.page.keyboard.press('Control+z');
    await onBent.waitFor({ state: 'detached' });
    await anne.page.keyboard.press('Control+Shift+z');
    await onBent.waitFor();
    await anne.page.reload();
    await anne.page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
    // The panel stays open over a reload; the note is there, as the server stored it.
    await anne.page.locator('.free-plane .free-item', { hasText: text }).waitFor();
    await anne.page.context().close();
    await bent.page.context().close();
  });

  it('on a phone, "Beskeder" lists the notes and puts one up, with 44 px targets and nothing to pan sideways', async () => {
    const { srv, browser } = env;
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
      locale: 'da-DK',
    });
    const page = await context.newPage();
    await page.goto(srv.baseUrl);
    await page.getByLabel('Brugernavn').fill('camilla');
    await page.getByLabel('Adgangskode').fill('demo1234');
    await page.getByRole('button', { name: 'Log ind' }).tap();
    await page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor();
    await page.getByTestId('phone-nav-messages').tap();
    const list = page.getByTestId('phone-messages');
    await list.getByText('Bil 3 på værksted').waitFor();
    await page.getByTestId('free-new-text').fill('Møde med ergoterapeut kl. 10');
    await page.getByTestId('free-add').tap();
    await list.getByText('Møde med ergoterapeut kl. 10').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await smallTouchTargets(list)).toEqual([]);
    await page.screenshot({ path: '/tmp/tavlen-free-area-phone.png' });
    await context.close();
  });
});
