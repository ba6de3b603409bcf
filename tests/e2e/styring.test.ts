import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../shared/rules/dates.js';
import { axeViolations } from './axe.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';

/**
 * Issue #13 in Chromium: an administrator imports a CSV of visits on the admin page and sees
 * the citizen's delivered time change on the card; a leder opens Styring and sees the team's
 * figures and charts.
 */
const env = useServerAndBrowser();

const CARD = 'nord-04';
const REF = 'B-1004';
const today = toIsoDate(new Date());

describe('Styring in the browser', () => {
  it("imports a CSV on the admin page and the card's delivered time this week updates", async () => {
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    let panel = await admin.openCard(CARD);
    await panel.getByRole('tab', { name: 'Forløb' }).click();
    await expect.poll(() => panel.getByLabel('Borger-nr. i planlægningssystemet').inputValue()).toBe(REF);
    const before = await panel.getByTestId('card-time-delivered-0').textContent();
    await page.keyboard.press('Escape');

    await page.getByTestId('admin-toggle').click();
    await page.getByRole('tab', { name: 'Styring' }).click();
    const settings = page.getByTestId('styring-settings');
    const header = 'besøgs-id;borger-nr.;dato;planlagte minutter;leverede minutter;ydelse\n';
    // A bad row first: nothing is imported and the row is named.
    await settings.getByTestId('visit-csv').setInputFiles({
      name: 'besoeg.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header}e2e-1;${REF};${today};120;120;Personlig pleje\ne2e-2;${REF};31-12-2026;30;30;Bad\n`,
      ),
    });
    await settings.getByTestId('visit-import').click();
    await expect.poll(() => settings.getByTestId('visit-import-errors').textContent()).toMatch(/Række 3: dato/);
    await settings.getByTestId('visit-csv').setInputFiles({
      name: 'besoeg.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}e2e-1;${REF};${today};120;120;Personlig pleje\n`),
    });
    await settings.getByTestId('visit-import').click();
    await expect.poll(() => settings.getByTestId('visit-import-result').textContent()).toMatch(/1 nye og 0 opdaterede/);
    await page.screenshot({ path: '/tmp/styring-admin.png', fullPage: true });

    await page.getByTestId('admin-toggle').click();
    await admin.column('henvist').waitFor();
    panel = await admin.openCard(CARD);
    await panel.getByRole('tab', { name: 'Forløb' }).click();
    const parse = (s: string | null) => Number((s ?? '0').replace(/[^\d,]/g, '').replace(',', '.'));
    await expect
      .poll(async () => parse(await panel.getByTestId('card-time-delivered-0').textContent()))
      .toBeCloseTo(parse(before) + 2, 1);
    await panel.getByTestId('card-time').screenshot({ path: '/tmp/styring-card.png' });
    await page.context().close();
  });

  it('a leder opens Styring and sees the team figures, charts and explanations', async () => {
    const gitte = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'gitte');
    const page = gitte.page;
    await page.getByTestId('styring-link').click();
    await page.getByTestId('styring-group-team-nord').click();
    const time = page.getByTestId('fig-time');
    await time.waitFor();
    expect(await time.textContent()).toMatch(/Leveret tid i alt mod visiteret tid/);
    expect(await page.getByTestId('fig-time-delivered').textContent()).not.toBe('0 t');
    expect(await page.getByTestId('fig-swing').textContent()).toMatch(/borgere over/);
    expect(await page.getByTestId('fig-budget').textContent()).toMatch(/kr\./);
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.getByTestId('styring-weeks').locator('tbody tr').count()).toBe(5);
    // Every figure downloads as CSV from the server.
    const href = await time.getByRole('link', { name: 'Hent CSV' }).getAttribute('href');
    expect(href).toBe('/api/styring?format=csv&figure=time&group=team-nord');
    // The page passes axe like the other main pages.
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/styring-page.png', fullPage: true });
    await page.context().close();
  });
});
