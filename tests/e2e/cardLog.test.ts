import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

/**
 * The card log in two browsers (issue #12 point 2, R25, R35): an SSH writes an observation
 * on a card with a chip and hands it to the visitator; the visitator sees it under "Til
 * mig" and in her queue, marks it read, and the SSH sees "Læst af" her on the card.
 */
const env = useServerAndBrowser();

describe('the card log: an observation handed to the visitator', () => {
  it('SSH writes and hands over; the visitator reads it under Til mig; the SSH sees Læst af', async () => {
    const anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
    const eva = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'eva');
    const [cardId] = await anne.cardIds('uge2');
    const panel = await anne.openCard(cardId!);
    await panel.getByRole('tab', { name: 'Log' }).click();
    const log = panel.getByTestId('card-log');
    // Two taps and a word: the chip, then "Aflever til Visitator".
    await log.getByRole('button', { name: 'Faldet', exact: true }).click();
    const text = log.getByLabel('Hvad har du set eller vil give videre?');
    await text.fill(`${await text.inputValue()} på badeværelset i nat`);
    await log.getByRole('button', { name: 'Aflever til Visitator' }).click();
    await log.getByRole('status').filter({ hasText: 'Gemt i loggen' }).waitFor();
    const entry = log.getByTestId('card-log-list').locator('li').first();
    await entry.getByText('Faldet på badeværelset i nat').waitFor();
    await expect.poll(() => entry.getByTestId('log-read-by').textContent()).toBe('Ikke læst endnu');
    expect(await entry.textContent()).toContain('Anne Holm');
    expect(await entry.textContent()).toContain('Afleveret til visitator');
    await anne.waitUntilSynced();

    // The visitator: the header says one unread, the list names the citizen and the text.
    const forMe = eva.page.getByTestId('for-me-open');
    await expect.poll(() => forMe.textContent(), { timeout: 10_000, interval: 50 }).toBe('Til mig (1 ulæste)');
    await forMe.click();
    const list = eva.page.getByTestId('for-me');
    const item = list.locator('li').filter({ hasText: 'Faldet på badeværelset i nat' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Anne Holm');
    // ... and in "Spørg visitator" in the Møde panel, where she works through her queue.
    await eva.page.getByTestId('meeting-open').click();
    await eva.page
      .getByTestId('handed-to-visitator')
      .getByText('Faldet på badeværelset i nat')
      .waitFor({ timeout: 5000 });
    await eva.screenshot('/tmp/tavlen-cardlog-visitator.png');
    await eva.page.getByTestId('meeting-open').click();
    await item.getByRole('button', { name: 'Markér som læst' }).click();
    await list.getByTestId('for-me-empty').waitFor();
    await expect.poll(() => forMe.textContent()).toBe('Til mig');
    await eva.waitUntilSynced();

    // The SSH sees who has read it, on the card.
    await expect
      .poll(() => entry.getByTestId('log-read-by').textContent(), { timeout: 10_000, interval: 50 })
      .toBe('Læst af: Eva Mortensen');
    await anne.screenshot('/tmp/tavlen-cardlog-ssh.png');
    await anne.close();
    await eva.close();
  });
});
