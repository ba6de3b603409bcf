import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

describe('teams, language and long keyboard moves', () => {
  it('a visitator in two teams switches board, and English is kept after a reload', async () => {
    const eva = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'eva');
    const switcher = eva.page.getByTestId('team-switcher');
    const teams = await switcher.locator('option').allTextContents();
    expect(teams).toEqual(expect.arrayContaining(['Team Nord', 'Team Syd']));
    const nordCards = await eva.cardIds('henvist');
    await switcher.selectOption({ label: teams.find((t) => t !== (teams[0] ?? ''))! });
    await expect.poll(async () => (await eva.cardIds('henvist')).join()).not.toBe(nordCards.join());

    await eva.page.getByRole('combobox', { name: 'Sprog' }).selectOption('en');
    await eva.page.getByRole('heading', { name: 'Referred' }).waitFor();
    await eva.page.reload();
    await eva.page.getByRole('heading', { name: 'Referred' }).waitFor();
    await eva.page.getByTestId('sync-status').filter({ hasText: 'Connected and saved' }).waitFor();
    await eva.close();
  });

  it('moves a card several columns with the keyboard and announces it by name in Danish', async () => {
    const anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
    const [cardId] = await anne.cardIds('henvist');
    const name = await anne.card(cardId!).getAttribute('data-card-name');
    await anne.keyboardMove(cardId!, 'right', 7);
    expect(await anne.columnOf(cardId!)).toBe('afsluttet');
    const said = await anne.page.locator('[id^="DndLiveRegion"]').textContent();
    expect(said).toContain(`${name} er flyttet til Afsluttet`);
    expect(said).not.toContain(cardId!);
    await anne.close();
  });
});
