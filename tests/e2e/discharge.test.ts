import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/server.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/**
 * Discharge, "nej tak" and local offers in Chromium (issue #16 part 5). Frederik, the
 * koordinator, flags a citizen "Udskrevet fra hospital" in one tap: the citizen shows in the
 * discharge lane and on the next tavlemøde agenda with that reason. Three "nej tak" taps on
 * another citizen put them on the agenda with "har sagt nej tak 3 gange på 14 dage" – and
 * the card stays in its column, open. Then he links a besøgsven from the local offers
 * directory (searched without ø) to the card, and Anne sees the link in her browser.
 */
describe('discharge lane, nej tak and local offers', () => {
  it('flag → agenda with the reason; three nej tak → agenda, not closed; link a local offer', async () => {
    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const page = frederik.page;
    // Referred citizens: the demo's own discharge and "nej tak" sit on active ones.
    const [dischargedId, decliningId] = await frederik.cardIds('henvist');
    expect(decliningId).toBeTruthy();
    const name = (id: string) => frederik.card(id).getAttribute('data-card-name');
    const dischargedName = (await name(dischargedId!))!;

    // 1. One tap: "Udskrevet fra hospital" (today).
    let panel = await frederik.openCard(dischargedId!);
    await panel.getByTestId('discharge-flag').click();
    await expect
      .poll(() => panel.getByTestId('discharge-status').textContent())
      .toMatch(/^Udskrevet fra hospital \d\d\.\d\d – gennemgås med planlægger$/);
    const lane = page.getByTestId('discharge-lane');
    await lane.getByText(dischargedName).waitFor();
    await page.keyboard.press('Escape');

    // 2. Three "nej tak" taps on another citizen.
    panel = await frederik.openCard(decliningId!);
    await panel.getByRole('tab', { name: 'Nej tak og tilbud' }).click();
    const declines = panel.getByTestId('declines-section');
    for (let k = 0; k < 3; k++) {
      await declines.getByTestId('decline-chip').filter({ hasText: 'Bad' }).click();
      await waitFor(async () => (await declines.getByTestId('decline-list').locator('li').count()) === k + 1, {
        what: `nej tak ${k + 1} logged`,
      });
    }
    expect(await declines.getByTestId('decline-count').textContent()).toBe(
      'Har sagt nej tak 3 gange på 14 dage – kommer op på tavlemødet.',
    );

    // 3. Link the besøgsven, searched without ø.
    const offers = panel.getByTestId('offers-section');
    await offers.getByTestId('offer-search').fill('besogsven');
    await offers.getByTestId('offer-hits').getByText('Besøgsven', { exact: true }).waitFor();
    await offers.getByTestId('offer-hits').getByTestId('offer-link').first().click();
    await offers.getByTestId('offer-linked').getByText('Besøgsven', { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/discharge-card.png' });
    await page.keyboard.press('Escape');

    // The tavlemøde's agenda: both, with their reasons; the declining citizen still open in Henvist.
    await page.getByTestId('meeting-open').click();
    await page.getByTestId('meeting-type').selectOption('tavlemoede');
    await page.getByTestId('make-agenda').click();
    await page.getByTestId('agenda-total').waitFor();
    const item = (id: string) => page.getByTestId(`agenda-item-c:${id}`).locator('.agenda-reasons');
    await expect
      .poll(() => item(dischargedId!).textContent())
      .toMatch(/udskrevet fra hospital \d\d\.\d\d – gennemgås med planlægger/);
    expect(await item(decliningId!).textContent()).toContain('har sagt nej tak 3 gange på 14 dage');
    expect(Number(await page.getByTestId('agenda-total').getAttribute('data-budget'))).toBe(15);
    expect(await frederik.columnOf(decliningId!)).toBe('henvist');
    await page.screenshot({ path: '/tmp/discharge-agenda.png' });

    // Anne's browser has the link (the server took it: the offer exists in the directory).
    const anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
    const annePanel = await anne.openCard(decliningId!);
    await annePanel.getByRole('tab', { name: 'Nej tak og tilbud' }).click();
    await annePanel.getByTestId('offer-linked').getByText('Besøgsven', { exact: true }).waitFor();
    expect(await annePanel.getByTestId('decline-list').locator('li').count()).toBe(3);
  });
});
