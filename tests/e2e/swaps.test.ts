import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/**
 * Bytteydelser on a phone (issue #13): Anne, on a 390×844 touch screen in a citizen's home,
 * finds the citizen with the phone's search, opens the card full screen and logs a swap in
 * two taps on the Bytte tab; Frederik, at the office with the meeting panel open, sees this
 * week's count go up by one without reloading; Gitte, the leder, sees Styring's bytteydelser
 * figure one higher when she reloads it (issue #13's acceptance).
 */
describe('bytteydelser', () => {
  it('a swap logged on a phone in two taps counts in the meeting panel at once, and in Styring', async () => {
    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    await frederik.page.getByTestId('meeting-open').click();
    const figure = frederik.page.getByTestId('swap-week');
    await figure.waitFor();
    const count = async () => Number(/denne uge: (\d+)/.exec((await figure.textContent()) ?? '')?.[1]);
    const before = await count();
    const text = (await figure.textContent()) ?? '';
    expect(text).toMatch(/^Bytteydelser denne uge: \d+ \(sidste uge \d+\)$/);
    // The demo board has swaps over the last two weeks (this week may not have begun: Monday).
    expect(before + Number(/sidste uge (\d+)/.exec(text)?.[1])).toBeGreaterThan(0);

    // The leder's Styring, team Nord, before the swap.
    const gitte = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'gitte');
    const styring = gitte.page;
    const openStyring = async () => {
      await styring.getByTestId('styring-group-team-nord').click();
      await styring.getByTestId('styring-group-team-nord').and(styring.locator('[aria-pressed="true"]')).waitFor();
      await styring.getByTestId('fig-swaps').waitFor();
    };
    await styring.getByTestId('styring-link').click();
    await openStyring();
    const swapsFigure = async () => {
      const value = (await styring.getByTestId('fig-swaps').locator('.styring-value').textContent()) ?? '';
      expect(value).toMatch(/^\d+$/);
      return Number(value);
    };
    const styringBefore = await swapsFigure();

    // Anne's phone: the phone layout (no columns), touch.
    const [cardId] = await frederik.cardIds('henvist');
    const name = (await frederik.card(cardId!).getAttribute('data-card-name'))!;
    expect(name).toBeTruthy();
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'da-DK',
    });
    const page = await context.newPage();
    await page.goto(env.srv.baseUrl);
    await page.getByLabel('Brugernavn').fill('anne');
    await page.getByLabel('Adgangskode').fill('demo1234');
    await page.getByRole('button', { name: 'Log ind' }).tap();
    const anne = new BoardPage(page);
    await page.getByTestId('phone-nav').waitFor();
    await anne.waitUntilSynced();
    // Search by name, open the card full screen, Bytte.
    await page.getByTestId('phone-nav-search').tap();
    await page.getByTestId('phone-search-input').fill(name);
    await page.getByTestId(`phone-card-${cardId}`).tap();
    const panel = page.getByTestId('detail-panel');
    await panel.waitFor();
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await panel.getByRole('tab', { name: 'Bytte' }).tap();
    const form = panel.getByTestId('quick-swap');
    await form.waitFor();

    // Help that cannot be swapped is shown, struck through, and cannot be chosen.
    expect(await form.getByRole('button', { name: /Medicin/ }).isDisabled()).toBe(true);
    // Every chip is a touch target of at least 44 px.
    const chip = form.getByRole('button', { name: 'Rengøring' });
    const instead = form.getByRole('button', { name: 'Gåtur' });
    for (const b of [chip, instead]) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(44);

    // Two taps: what was given up, what the citizen got instead.
    await chip.tap();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: '/tmp/tavlen-bytte-phone-form.png' });
    await instead.tap();
    await form.getByText('Registreret: Rengøring → Gåtur.').waitFor();
    await panel.getByTestId('swap-list').getByText('Rengøring → Gåtur').waitFor();
    await anne.waitUntilSynced();

    await expect.poll(count, { timeout: 10_000 }).toBe(before + 1);
    // "Siden sidst" shows the same figure.
    await frederik.page.getByTestId('since-last-open').click();
    const since = frederik.page.getByTestId('since-last').getByTestId('swap-week');
    expect(await since.textContent()).toContain(`denne uge: ${before + 1} `);

    // Styring, reloaded: one more bytteydelse this week.
    await expect
      .poll(
        async () => {
          await styring.reload();
          await openStyring();
          return swapsFigure();
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(styringBefore + 1);
    await styring.getByTestId('fig-swaps').screenshot({ path: '/tmp/tavlen-bytte-styring.png' });

    // Marked not suitable (e.g. demens): the form says so instead of asking.
    await panel.getByRole('radio', { name: 'Nej' }).tap();
    await panel.getByTestId('quick-swap-refused').waitFor();
    expect(await panel.getByTestId('quick-swap-refused').textContent()).toMatch(/ikke egnet til bytte/);
    await page.screenshot({ path: '/tmp/tavlen-bytte-phone-not-suitable.png' });
    await context.close();
    await gitte.close();
    await frederik.close();
  });
});
