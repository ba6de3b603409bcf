import { beforeAll, describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();
let anne: BoardPage;
let bent: BoardPage;

beforeAll(async () => {
  anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
  bent = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'bent');
});

describe('login', () => {
  it('answers a wrong password with a Danish message', async () => {
    const page = await BoardPage.open(env.browser, env.srv.baseUrl);
    await page.getByLabel('Brugernavn').fill('anne');
    await page.getByLabel('Adgangskode').fill('forkert');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('alert').filter({ hasText: 'Brugernavn eller adgangskode er forkert.' }).waitFor();
    await page.context().close();
  });
});

describe('editing a card', () => {
  it('shows a colleague who has the card open, rejects a CPR number inline and syncs a valid edit', async () => {
    const [cardId] = await anne.cardIds('opstart');
    const panel = await anne.openCard(cardId!);
    // Bent sees Anne's highlight on the card.
    await bent.card(cardId!).getByText('Anne Holm har kortet åbent').waitFor({ timeout: 2000 });

    await anne.editField('Kontaktperson', 'ring 010190-1234');
    await panel.getByRole('alert').filter({ hasText: 'CPR-nummer' }).waitFor();
    await anne.screenshot('/tmp/tavlen-detail.png');
    await bent.screenshot('/tmp/tavlen-presence.png');
    expect(await bent.cardText(cardId!)).not.toContain('010190');

    await anne.editField('Kontaktperson', 'Camilla Friis');
    await expect.poll(() => bent.cardText(cardId!), { timeout: 1000, interval: 25 }).toContain('Camilla Friis');

    await panel.getByRole('button', { name: 'Luk' }).click();
    await bent.card(cardId!).getByText('har kortet åbent').waitFor({ state: 'detached', timeout: 2000 });
  });

  it('turning privacy mode on while a private tab is open shows the basics tab instead', async () => {
    const camilla = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'camilla');
    const [cardId] = await camilla.cardIds('opstart');
    const panel = await camilla.openCard(cardId!);
    const tabpanel = panel.locator('#detail-tabpanel');
    await panel.getByRole('tab', { name: 'Kontakter' }).click();
    expect(await tabpanel.getAttribute('aria-labelledby')).toBe('detail-tab-contacts');
    await camilla.page.getByLabel('Vis kun initialer').check();
    await expect.poll(() => tabpanel.getAttribute('aria-labelledby')).toBe('detail-tab-basics');
    expect(await panel.getByRole('tab', { name: 'Kontakter' }).count()).toBe(0);
    await camilla.close();
  });

  it('creates a new citizen in a column and undoes the triage change with Ctrl+Z', async () => {
    await anne
      .column('henvist')
      .getByRole('button', { name: /Ny borger/ })
      .click();
    await anne.page.getByLabel('Navn på borger').fill('Test Testesen');
    await anne.page.getByRole('button', { name: 'Opret' }).click();
    const panel = anne.page.getByTestId('detail-panel');
    await panel.getByRole('heading', { name: 'Test Testesen' }).waitFor();
    const cardId = (await anne
      .column('henvist')
      .locator('[data-card-name="Test Testesen"]')
      .getAttribute('data-testid'))!.slice('card-'.length);
    await expect.poll(() => bent.columnOf(cardId), { timeout: 1000, interval: 25 }).toBe('henvist');

    await panel.getByRole('radio', { name: 'Rød' }).check();
    await bent.card(cardId).getByRole('img', { name: 'Triage: Rød' }).waitFor({ timeout: 1000 });
    await panel.getByRole('button', { name: 'Luk' }).click();
    await anne.page.keyboard.press('Control+z');
    await bent.card(cardId).getByRole('img', { name: 'Triage: Grøn' }).waitFor({ timeout: 1000 });
  });

  it('reorders inside a column with the keyboard', async () => {
    const before = await anne.cardIds('henvist');
    const first = before[0]!;
    await anne.keyboardMove(first, 'down', 1);
    await expect.poll(async () => (await anne.cardIds('henvist')).indexOf(first)).toBe(1);
    await expect.poll(async () => (await bent.cardIds('henvist')).indexOf(first), { timeout: 1000 }).toBe(1);
  });
});

describe('wall screen and offline', () => {
  it('the wall screen shows initials only and cannot edit', async () => {
    const screen = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'skaerm-nord');
    const [cardId] = await screen.cardIds('henvist');
    const name = await anne.card(cardId!).getAttribute('data-card-name');
    const initials = await screen.card(cardId!).getAttribute('data-card-name');
    expect(initials).not.toBe(name);
    expect((await screen.cardText(cardId!)).includes(name!)).toBe(false);
    expect(await screen.page.getByRole('button', { name: /Ny borger/ }).count()).toBe(0);
    await screen.screenshot('/tmp/tavlen-wallscreen.png');
    await screen.close();
  });

  it('counts edits made offline and syncs them when the connection returns', async () => {
    const [cardId] = await anne.cardIds('uge2');
    await anne.page.context().setOffline(true);
    await anne.page.getByTestId('sync-status').filter({ hasText: 'Offline' }).waitFor();
    const panel = await anne.openCard(cardId!);
    await anne.editField('Forløbstype', 'Rehabilitering §83a offline');
    await anne.page.getByTestId('sync-status').filter({ hasText: 'Offline – 1 ændring venter' }).waitFor();
    await panel.getByRole('button', { name: 'Luk' }).click();
    await anne.page.context().setOffline(false);
    await anne.page.getByTestId('sync-status').filter({ hasText: 'Forbundet og gemt' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => bent.cardText(cardId!), { timeout: 2000 }).toContain('offline');
  });
});
