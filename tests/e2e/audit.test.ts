import { beforeAll, describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

/** A leder changes a citizen, opens the audit page from the header and finds the change there. */
const env = useServerAndBrowser();
let gitte: BoardPage;

beforeAll(async () => {
  gitte = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'gitte');
});

describe('[R36] audit page', () => {
  it('lists the leder’s own change and the opening of the detail panel, with a CSV link for the same filters', async () => {
    const [cardId] = await gitte.cardIds('opstart');
    const panel = await gitte.openCard(cardId!);
    const name = (await panel.getByRole('heading').first().textContent())!;
    await gitte.editField('Kontaktperson', 'Revision Testesen');
    await expect.poll(() => gitte.cardText(cardId!), { timeout: 2000, interval: 25 }).toContain('Revision Testesen');
    await panel.getByRole('button', { name: 'Luk' }).click();

    await gitte.page.getByTestId('audit-link').click();
    await gitte.page.getByRole('heading', { name: 'Log over ændringer' }).waitFor();
    const table = gitte.page.getByTestId('audit-table');
    const changed = table.getByRole('row').filter({ hasText: 'Revision Testesen' });
    await changed.waitFor({ timeout: 5000 });
    const text = (await changed.textContent()) ?? '';
    expect(text).toContain('Gitte Vestergaard');
    expect(text).toContain('Leder');
    expect(text).toContain(name);
    expect(text).toContain('Felt ændret');
    expect(text).toContain('Kontaktperson');
    await table.getByRole('row').filter({ hasText: 'Borger åbnet' }).filter({ hasText: name }).first().waitFor();

    await gitte.page.getByTestId('audit-user').selectOption('u-gitte');
    await table.getByRole('row').filter({ hasText: 'Revision Testesen' }).waitFor();
    const href = await gitte.page.getByTestId('audit-csv').getAttribute('href');
    expect(href).toContain('/api/audit.csv?boardId=tavle-nord');
    expect(href).toContain('userId=u-gitte');
    await gitte.screenshot('/tmp/tavlen-audit.png');
  });
});
