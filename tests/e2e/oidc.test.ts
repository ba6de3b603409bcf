import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { BoardPage, launchBrowser } from './fixture.js';

/**
 * The login page with OpenID Connect in real Chromium: the "Log ind med …" button takes the person
 * through the real provider (tests/helpers/oidcProvider.ts) onto the board, and a refused sign-in
 * comes back to the login page with a Danish message.
 */
let idp: TestOidcProvider;
let srv: TestServer;
let browser: Browser;

beforeAll(async () => {
  idp = await startOidcProvider();
  const port = await freePort();
  idp.register(`http://127.0.0.1:${port}/api/auth/oidc/callback`);
  idp.account({
    sub: 'k-1',
    preferred_username: 'kirsten',
    name: 'Kirsten Berg',
    roles: ['ssh'],
    groups: ['Team Nord'],
  });
  idp.account({ sub: 'u-1', preferred_username: 'ulla', name: 'Ulla', roles: ['direktør'], groups: ['Team Nord'] });
  [srv, browser] = await Promise.all([
    startServer({
      startTimeoutMs: 80_000,
      env: {
        ...idp.env(port),
        PORT: String(port),
        OIDC_LABEL: 'Log ind med KOMBIT',
        OIDC_ROLE_CLAIM: 'roles',
        OIDC_TEAMS_CLAIM: 'groups',
        OIDC_AUTO_CREATE: 'true',
      },
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  srv?.cleanup();
  await idp?.close();
});

describe('OpenID Connect on the login page', () => {
  it('"Log ind med KOMBIT" signs in through the provider and opens the team\'s board', async () => {
    idp.nextAccount = 'k-1';
    const page = await BoardPage.open(browser, srv.baseUrl);
    await page.getByRole('link', { name: 'Log ind med KOMBIT' }).click();
    const board = new BoardPage(page);
    await board.column('henvist').waitFor();
    await board.waitUntilSynced();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });

  it('a refused sign-in returns to the login page with a Danish message', async () => {
    idp.nextAccount = 'u-1';
    const page = await BoardPage.open(browser, srv.baseUrl);
    await page.getByRole('link', { name: 'Log ind med KOMBIT' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Din rolle fra login-tjenesten findes ikke i Tavlen. Kontakt jeres administrator.' })
      .waitFor();
    // The code is taken out of the address bar, so a reload does not show it again.
    expect(new URL(page.url()).search).toBe('');
    await page.getByLabel('Brugernavn').waitFor();
    await page.context().close();
  });
});
