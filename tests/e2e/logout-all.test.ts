import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

describe('Log ud på alle enheder', () => {
  it('signs the person out on every device at once; the other device lands on the login page', async () => {
    const here = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const elsewhere = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');

    await here.page.getByTestId('user-menu').click();
    await here.page.getByRole('menuitem', { name: 'Log ud på alle enheder' }).click();
    await here.page.getByRole('button', { name: 'Log ind' }).waitFor();
    // The other device's live connection was closed by the server, so it asks and is sent to login.
    await elsewhere.page.getByRole('button', { name: 'Log ind' }).waitFor({ timeout: 20_000 });
    const status = await elsewhere.page.request.get(`${env.srv.baseUrl}/api/me`);
    expect(status.status()).toBe(401);
    // Neither device keeps an offline copy of the board (citizens' names) once signed out.
    for (const p of [here.page, elsewhere.page]) {
      await p.waitForFunction(async () => {
        const dbs = await indexedDB.databases();
        return !dbs.some((db) => db.name?.startsWith('tavlen:'));
      });
    }
  });
});
