import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

/**
 * No silent conflicts (issue #12 point 3) in the browser: Anne changes a citizen's colour to
 * rød while offline, Bent to gul online afterwards. Back online, Anne's card shows gul and
 * tells her what happened, and one tap on "Brug min" brings rød back for everyone.
 */
const env = useServerAndBrowser();

describe('a concurrent change in the browser', () => {
  it('the loser sees the notice on the card and restores hers with one tap', async () => {
    const anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
    const bent = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'bent');
    const [cardId] = await anne.cardIds('uge5');
    expect(cardId).toBeDefined();
    const panelB = await bent.openCard(cardId!);
    const panelA = await anne.openCard(cardId!);
    // Both start from grøn.
    await panelB.getByRole('radio', { name: 'Grøn' }).check();
    await expect.poll(() => panelA.getByRole('radio', { name: 'Grøn' }).isChecked(), { timeout: 10_000 }).toBe(true);

    await anne.page.context().setOffline(true);
    await panelA.getByRole('radio', { name: 'Rød' }).check();
    await panelB.getByRole('radio', { name: 'Gul' }).check();
    await bent.waitUntilSynced();
    await anne.page.context().setOffline(false);

    const notice = panelA.getByTestId('conflict-notice');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('Din ændring af triage (rød) blev overskrevet af Bent Nielsen (gul)');
    expect(await panelA.getByRole('radio', { name: 'Gul' }).isChecked()).toBe(true);
    // Bent, whose change stayed, is told nothing.
    expect(await panelB.getByTestId('conflict-notice').count()).toBe(0);
    await anne.screenshot('/tmp/tavlen-conflict.png');

    await notice.getByRole('button', { name: 'Brug min' }).click();
    await expect.poll(() => panelB.getByRole('radio', { name: 'Rød' }).isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => panelA.getByTestId('conflict-notice').count(), { timeout: 5_000 }).toBe(0);
    await anne.close();
    await bent.close();
  });
});
