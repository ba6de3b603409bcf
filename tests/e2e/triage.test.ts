import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

describe('triage view and "siden sidst"', () => {
  it('lists citizens red first with counts, and shows a triage change since the last meeting', async () => {
    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const page = frederik.page;

    // a meeting is held and ended, so "since the last meeting" has a starting point
    await page.getByTestId('meeting-open').click();
    await page.getByTestId('meeting-type').selectOption('tavlemoede');
    await page.getByTestId('make-agenda').click();
    await page.locator('[data-testid^="agenda-item-"]').first().waitFor();
    await page.getByTestId('meeting-start').click();
    await page.getByTestId('meeting-live').waitFor();
    await page.getByTestId('meeting-end').click();
    // items are left: ending asks first
    await page.getByTestId('end-meeting-confirm').click();
    await page.getByTestId('meeting-minutes').waitFor();
    await page.getByTestId('meeting-open').click();

    // the triage view: counts in words, red citizens first (all laws, not the day's focus)
    await page.getByTestId('view-triage').click();
    await page.getByTestId('triage-focus-all').click();
    const counts = (await page.getByTestId('triage-counts').textContent())!;
    const m = /^(\d+) røde · (\d+) gule · (\d+) grønne$/.exec(counts);
    expect(m).not.toBeNull();
    const [red, yellow, green] = m!.slice(1).map(Number) as [number, number, number];
    expect(red).toBeGreaterThan(0);
    const rows = page.locator('[data-testid^="triage-row-"]');
    expect(await rows.count()).toBe(red + yellow + green);
    expect(await rows.first().getAttribute('data-triage')).toBe('red');
    expect(await rows.nth(red).getAttribute('data-triage')).toBe(yellow > 0 ? 'yellow' : 'green');

    // nothing has changed since the meeting yet
    const changed = page.getByTestId('triage-filter-changed');
    expect(await changed.textContent()).toBe('Ændret siden sidste møde');
    await changed.click();
    await page.getByText('Ingen borgere passer til filteret.').waitFor();
    await changed.click();

    // a green citizen turns yellow: opened from the list in the existing detail panel
    const greenRow = page.locator('[data-testid^="triage-row-"][data-triage="green"]').first();
    const cardId = (await greenRow.getAttribute('data-testid'))!.slice('triage-row-'.length);
    await greenRow.getByRole('button').click();
    const panel = page.getByTestId('detail-panel');
    await panel.waitFor();
    const fullName = (await panel.getByRole('heading').first().textContent())!.trim();
    await panel.getByTestId('triage-reason').fill('Faldet to gange i weekenden');
    await panel.getByRole('radio', { name: 'Gul' }).check();
    // yellow starts the 48-hour clock for a handleplan; recording it stops the clock
    const clock = panel.getByTestId('response-clock');
    await expect.poll(() => clock.textContent()).toContain('handleplan senest');
    await panel.getByTestId('response-clock-handle').click();
    await expect.poll(() => clock.locator('[data-status]').getAttribute('data-status')).toBe('handled');
    expect(await clock.textContent()).toContain('Frederik Dahl');
    await panel.getByRole('button', { name: 'Luk' }).click();
    await expect
      .poll(() => page.getByTestId('triage-counts').textContent())
      .toBe(`${red} røde · ${yellow + 1} gule · ${green - 1} grønne`);

    // listed under "Ændret siden sidste møde", and only it
    await changed.click();
    await page.getByTestId(`triage-row-${cardId}`).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByTestId(`triage-row-${cardId}`).getAttribute('data-triage')).toBe('yellow');

    // "Siden sidst" names the colour change, from → to and who
    await page.getByTestId('since-last-open').click();
    const line = await page.getByTestId('since-triage').textContent();
    expect(line).toContain(fullName);
    expect(line).toContain('grøn → gul');
    expect(line).toContain('Frederik');
    expect(line).toContain('Faldet to gange i weekenden');

    // back to the board
    await page.getByTestId('since-last').getByRole('button', { name: 'Luk' }).click();
    await page.getByTestId('view-board').click();
    await frederik.card(cardId).waitFor();
    expect(await frederik.card(cardId).getByTestId('face-clock').getAttribute('data-status')).toBe('handled');
    await frederik.close();
  });

  it('the focus chip defaults to servicelov on the visitator day (torsdag) and sundhedslov otherwise', async () => {
    const eva = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'eva');
    const page = eva.page;
    const pressed = async () => {
      await page.getByTestId('view-triage').click();
      await page.getByTestId('triage-view').waitFor();
      // the team's visitator days arrive with the board config
      return page.locator('[data-testid^="triage-focus-"][aria-pressed="true"]').getAttribute('data-testid');
    };
    await page.clock.setFixedTime(new Date('2026-11-26T09:00:00Z')); // a Thursday
    await page.reload();
    await eva.column('henvist').waitFor();
    await expect.poll(pressed).toBe('triage-focus-SEL');
    await page.clock.setFixedTime(new Date('2026-11-25T09:00:00Z')); // a Wednesday
    await page.reload();
    await eva.column('henvist').waitFor();
    await expect.poll(pressed).toBe('triage-focus-SUL');
    // a chip picked by hand wins over the day
    await page.getByTestId('triage-focus-all').click();
    expect(await page.getByTestId('triage-focus-all').getAttribute('aria-pressed')).toBe('true');
    await eva.close();
  });
});
