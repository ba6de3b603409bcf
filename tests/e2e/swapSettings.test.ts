import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/**
 * The municipality's bytteydelser settings on Administration → Indstillinger: the server's
 * Danish refusal for a help type in both lists, and registration turned off, after which
 * neither the card nor the meeting asks for swaps (S2:1716-1736, 4589-4593).
 */
describe('bytteydelser settings', () => {
  it('an administrator turns registration off: the Bytte tab and the meeting figure disappear', async () => {
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    await page.getByTestId('admin-toggle').click();
    await page.getByRole('tab', { name: 'Indstillinger' }).click();
    const form = page.getByTestId('admin-swaps');
    await form.waitFor();
    expect(await page.getByTestId('admin-swaps-notSwappable').inputValue()).toBe(
      'Mad\nMedicin\nSygeplejeopgaver (SUL)',
    );

    await page.getByTestId('admin-swaps-notSwappable').fill('Medicin\nBad');
    await page.getByTestId('admin-swaps-swappable').fill('Rengøring\nbad');
    await form.getByRole('button', { name: 'Gem bytteydelser' }).click();
    await form.getByText('En hjælpetype kan ikke både kunne og ikke kunne byttes.').waitFor();

    await page.getByTestId('admin-swaps-swappable').fill('Rengøring');
    await form.getByLabel('Registrér bytteydelser').uncheck();
    await form.getByRole('button', { name: 'Gem bytteydelser' }).click();
    await form.getByText('Gemt').first().waitFor();

    const anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
    const [id] = await anne.cardIds('henvist');
    const panel = await anne.openCard(id!);
    await panel.getByRole('tab', { name: 'Kort' }).waitFor();
    expect(await panel.getByRole('tab', { name: 'Bytte' }).count()).toBe(0);
    await anne.page.getByTestId('meeting-open').click();
    await anne.page.getByTestId('meeting-panel').waitFor();
    expect(await anne.page.getByTestId('swap-week').count()).toBe(0);
    await anne.close();
    await admin.close();
  });
});
