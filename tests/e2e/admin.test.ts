import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

describe('administration in the browser', () => {
  it('an administrator creates a team and a user, assigns the team, and the user sees its board', async () => {
    const admin = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'admin');
    const page = admin.page;
    await page.getByTestId('admin-toggle').click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();

    // Teams tab: a new private provider.
    await page.getByLabel('Teamets navn').fill('Team Vest');
    await page.getByLabel('Type').selectOption('privat');
    await page.getByRole('button', { name: 'Opret team' }).click();
    await page.getByRole('status').filter({ hasText: 'Teamet Team Vest er oprettet' }).waitFor();
    await page.getByRole('cell', { name: 'Privat leverandør' }).waitFor();

    // Keyboard: the tabs follow the arrow keys.
    await page.getByRole('tab', { name: 'Teams' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Brugere' }).getAttribute('aria-selected')).toBe('true');

    // The server's validation message is shown in the form.
    const form = page.locator('form[aria-labelledby="admin-new-user"]');
    await form.getByLabel('Brugernavn').fill('nina');
    await form.getByLabel('Navn', { exact: true }).fill('Nina Holm');
    await form.getByLabel('Rolle').selectOption('sygeplejerske');
    await form.getByLabel('Første adgangskode').fill('kort');
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    await form.getByRole('alert').filter({ hasText: 'Adgangskoden skal være mindst 10 tegn.' }).waitFor();

    await form.getByLabel('Første adgangskode').fill('nina-sin-kode-1');
    await form.getByRole('button', { name: 'Opret bruger' }).click();
    await form.getByRole('status').filter({ hasText: 'Brugeren Nina Holm er oprettet.' }).waitFor();

    // Assign the team in the user's editor.
    await page.getByRole('button', { name: 'Rediger Nina Holm' }).click();
    const editor = page.getByTestId('admin-user-editor');
    await editor.getByLabel('Team Vest').check();
    await editor.getByRole('button', { name: 'Gem teams' }).click();
    await page.getByTestId('admin-user-nina').getByRole('cell', { name: 'Team Vest' }).waitFor();

    const nina = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'nina', 'nina-sin-kode-1');
    expect(await nina.page.locator('.team-name').textContent()).toBe('Team Vest');
    expect(await nina.page.locator('[data-testid^="card-"]').count()).toBe(0);
    // An ordinary user has no admin button.
    expect(await nina.page.getByTestId('admin-toggle').count()).toBe(0);
    await nina.close();

    // Back to the board.
    await page.getByTestId('admin-toggle').click();
    await admin.column('henvist').waitFor();
    await admin.close();
  });
});
