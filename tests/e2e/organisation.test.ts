import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../shared/rules/dates.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/**
 * The organisation around the team (issue #16 parts 3–4, R13, R37): the administrator makes
 * a district with a visitator pool and sets a backup visitator for a period, who then has the
 * team; the visitator says "Deltager remote" in one tap and a colleague's header shows it
 * without a reload (S2:1454-1474, 4534-4536).
 */
describe('organisation: districts, cover and the visitator’s status', () => {
  it('admin creates a district and sets a backup visitator for a period; the backup gets the team', async () => {
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    await page.getByTestId('admin-toggle').click();
    await page.getByRole('tab', { name: 'Organisation' }).click();
    await page.getByTestId('org-admin').waitFor();

    await page.getByTestId('org-new-district').fill('Distrikt Strand');
    await page.getByTestId('org-create-district').click();
    const district = page.getByTestId('org-district-Distrikt Strand');
    await district.waitFor();
    // Team Syd moves into the new district; Karen Bach joins its visitator pool.
    await page.getByTestId('org-team-team-syd-districtId').selectOption({ label: 'Distrikt Strand' });
    await district.getByText('Team Syd').waitFor();
    // A controlled box: it shows the server's answer, so click and wait for it.
    await page.getByTestId('org-pool-Distrikt Strand-u-karen').click();
    await expect.poll(() => page.getByTestId('org-pool-Distrikt Strand-u-karen').isChecked()).toBe(true);

    const from = toIsoDate(new Date());
    const to = toIsoDate(new Date(Date.now() + 3 * 86_400_000));
    await page.getByTestId('org-cover-team').selectOption({ label: 'Team Syd' });
    await page.getByTestId('org-cover-user').selectOption({ label: 'Karen Bach' });
    await page.getByTestId('org-cover-from').fill(from);
    await page.getByTestId('org-cover-to').fill(to);
    await page.getByTestId('org-cover-add').click();
    const cover = page.getByTestId('org-cover-team-syd');
    await cover.waitFor();
    expect(await cover.textContent()).toContain(`Karen Bach afløser i Team Syd ${from}–${to}`);

    // Karen signs in and has Team Syd for the period, said so in the switcher.
    const karen = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'karen');
    const options = await karen.page.getByTestId('team-switcher').locator('option').allTextContents();
    expect(options).toContain('Team Syd (afløser)');
    await karen.page.getByTestId('team-switcher').selectOption({ label: 'Team Syd (afløser)' });
    await karen.column('henvist').waitFor();
    await expect
      .poll(() => karen.page.getByTestId('visitator-text-header').textContent())
      .toBe('Visitator i dag: Karen Bach (afløser for Eva Mortensen) · ikke meldt i dag');
    await Promise.all([admin.page.context().close(), karen.page.context().close()]);
  });

  it('the visitator sets "Deltager remote" in one tap; a colleague’s header shows it without reload', async () => {
    const [eva, frederik] = await Promise.all([
      BoardPage.signIn(env.browser, env.srv.baseUrl, 'eva'),
      BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik'),
    ]);
    const line = frederik.page.getByTestId('visitator-text-header');
    // The demo has Eva in the house for Team Nord today.
    await expect.poll(() => line.textContent()).toBe('Visitator: Eva Mortensen · i huset');
    expect(await frederik.page.getByTestId('visitator-set-remote-header').count()).toBe(0);

    await eva.page.getByTestId('visitator-set-remote-header').click();
    await expect.poll(() => line.textContent()).toBe('Visitator: Eva Mortensen · deltager remote');
    expect(await eva.page.getByTestId('visitator-set-remote-header').getAttribute('aria-pressed')).toBe('true');

    // The meeting panel says the same.
    await frederik.page.getByTestId('meeting-open').click();
    await expect
      .poll(() => frederik.page.getByTestId('visitator-text-meeting').textContent())
      .toBe('Visitator: Eva Mortensen · deltager remote');
    await Promise.all([eva.page.context().close(), frederik.page.context().close()]);
  });
});
