import { describe, expect, it } from 'vitest';
import { DEFAULT_DISCUSSION_PROMPTS } from '../../shared/model/discussionPrompts.js';
import type { BoardConfigResponse } from '../../shared/protocol/config.js';
import { isoWeekday } from '../../shared/rules/triage.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/** Today's date in Europe/Copenhagen, as the board computes it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
const SHORT = ['Man', 'Tir', 'Ons', 'Tor', 'Fre', 'Lør', 'Søn'] as const;

describe('settings on the admin page', () => {
  it('an administrator makes today the visitator day (the triage view focuses on servicelov) and sets the wall’s prompts', async () => {
    const weekday = isoWeekday(today());
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    // Start from a visitator day that is not today, whatever day the test runs.
    const otherDay = (weekday % 7) + 1;
    const put = await page.request.put(`${env.srv.baseUrl}/api/admin/teams/team-nord/visitator-days`, {
      data: { days: [otherDay] },
      headers: { origin: env.srv.baseUrl },
    });
    expect(put.status()).toBe(200);

    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const pressed = async () => {
      await frederik.page.getByTestId('view-triage').click();
      await frederik.page.getByTestId('triage-view').waitFor();
      return frederik.page.locator('[data-testid^="triage-focus-"][aria-pressed="true"]').getAttribute('data-testid');
    };
    // Not the visitator's day: the meeting focuses on sundhedslov (S2:4491, 4523).
    await expect.poll(pressed).toBe('triage-focus-SUL');

    await page.getByTestId('admin-toggle').click();
    await page.getByRole('tab', { name: 'Indstillinger' }).click();

    // The municipality's clocks, in its own words, with the server's validation message.
    const red = page.getByLabel('Rød: sygeplejerskevurdering inden for');
    expect(await red.inputValue()).toBe('24');
    await red.fill('12');
    await page.getByRole('button', { name: 'Gem responstider' }).click();
    await page.getByRole('status').filter({ hasText: 'Gemt.' }).first().waitFor();

    const nord = page.getByTestId('admin-visitator-team-nord');
    await nord.getByLabel(SHORT[otherDay - 1]!, { exact: true }).uncheck();
    await nord.getByLabel(SHORT[weekday - 1]!, { exact: true }).check();
    await nord.getByRole('button').click();
    await nord.getByRole('status').filter({ hasText: 'Gemt.' }).waitFor();

    // The wall's discussion prompts, one per line: the server's Danish message, then saved.
    const prompts = page.getByTestId('admin-prompts');
    const areas = prompts.getByLabel('Se på');
    expect((await areas.inputValue()).split('\n')[0]).toBe('Funktionsevne');
    await areas.fill('Mobilitet\n\nHud\nhud');
    await prompts.getByRole('button', { name: 'Gem samtalestøtte' }).click();
    await prompts.getByText('Se på: det samme punkt står der to gange.').waitFor();
    await areas.fill('Mobilitet\n\nHud');
    await prompts.getByLabel('Prøvet før mere hjælp?').fill('Rehabilitering');
    await prompts.getByRole('button', { name: 'Gem samtalestøtte' }).click();
    await prompts.getByRole('status').filter({ hasText: 'Gemt.' }).waitFor();
    const served = async () => {
      const res = await frederik.page.request.get(`${env.srv.baseUrl}/api/boards/tavle-nord/config`);
      return ((await res.json()) as BoardConfigResponse).discussionPrompts;
    };
    expect((await served()).observationAreas.map((p) => p.da)).toEqual(['Mobilitet', 'Hud']);
    expect((await served()).triedAlready.map((p) => p.da)).toEqual(['Rehabilitering']);
    // "Gendan standard" fills in the defaults; saved, the boards are back on them.
    await prompts.getByRole('button', { name: 'Gendan standard' }).click();
    expect((await areas.inputValue()).split('\n')[0]).toBe('Funktionsevne');
    await prompts.getByRole('button', { name: 'Gem samtalestøtte' }).click();
    await expect.poll(served).toEqual(DEFAULT_DISCUSSION_PROMPTS);
    await admin.close();

    await frederik.page.reload();
    await frederik.column('henvist').waitFor();
    await expect.poll(pressed).toBe('triage-focus-SEL');
    await frederik.close();
  });
});
