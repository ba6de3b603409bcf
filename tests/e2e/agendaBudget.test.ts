import { describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/*
 * Issue #11, parts 1 and 6, as a coordinator sees them on the demo board: "Lav dagsorden"
 * fits the tavlemøde's 15 minutes, every item says why, only new forløb are "ny borger";
 * the triage view's day focus highlights and its counts are the rows shown.
 */
describe('the agenda fits its time budget', () => {
  it('the daily tavlemøde on the demo board fits 15 minutes, with a reason on every item', async () => {
    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const page = frederik.page;
    await page.getByTestId('meeting-open').click();
    await page.getByTestId('next-meetings').waitFor();
    expect(await page.getByTestId('next-meetings').textContent()).toMatch(
      /Tavlemøde – \d\d\.\d\d kl\. 08:00 \(15 min\)/,
    );
    await page.getByTestId('meeting-type').selectOption('tavlemoede');
    await page.getByTestId('make-agenda').click();
    const total = page.getByTestId('agenda-total');
    await total.waitFor();
    const minutes = Number(await total.getAttribute('data-minutes'));
    expect(Number(await total.getAttribute('data-budget'))).toBe(15);
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(15);

    // the time boxes shown add up to the total, and every item says why it is there
    const items = page.locator('[data-testid^="agenda-item-"]');
    const boxes = await page
      .getByTestId('agenda-timebox')
      .evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
    expect(boxes.length).toBe(await items.count());
    expect(boxes.reduce((a, b) => a + b, 0)).toBe(minutes);
    const reasons = await items.evaluateAll((els) =>
      els.map((e) => [...e.querySelectorAll('.agenda-reasons li')].map((li) => li.textContent ?? '')),
    );
    expect(reasons.every((r) => r.length > 0 && r[0]!.length > 0)).toBe(true);
    // "ny borger" only for forløb started since the previous meeting: a few, not most of the board
    const newCitizens = reasons.filter((r) => r.some((x) => x.startsWith('ny borger'))).length;
    expect(newCitizens).toBeLessThanOrEqual(6);
    // the rotation's quick items
    expect(reasons.some((r) => r[0]!.startsWith('alt vel?'))).toBe(true);
    const verdict = await page.getByTestId('agenda-verdict').textContent();
    expect(verdict).toMatch(/tages op mindst hver 14\. dag|når I rundt på \d+ dage|tager alene/);
    // the leader's clock counts down from the meeting's 15 minutes
    await page.getByTestId('meeting-start').click();
    await page.getByTestId('meeting-budget').waitFor();
    expect(await page.getByTestId('meeting-budget').textContent()).toMatch(/^Tid tilbage [\d:]+ af 15:00$/);
    await frederik.close();
  });

  it('the triage view highlights the day’s focus and counts the rows it shows', async () => {
    const frederik = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'frederik');
    const page = frederik.page;
    await page.getByTestId('view-triage').click();
    await page.getByTestId('triage-view').waitFor();
    const rows = page.locator('[data-testid^="triage-row-"]');
    for (const focus of ['SUL', 'SEL', 'all'] as const) {
      await page.getByTestId(`triage-focus-${focus}`).click();
      const counts = (await page.getByTestId('triage-counts').textContent())!;
      const [red, yellow, green] = [...counts.matchAll(/(\d+)/g)].map((m) => Number(m[1]));
      // nobody is hidden by the focus: every active citizen, and the heading counts exactly them
      expect(await rows.count()).toBe(red! + yellow! + green!);
      expect(await rows.count()).toBeGreaterThan(30);
      const highlighted = await page.locator('[data-testid^="triage-row-"][data-focus="true"]').count();
      if (focus === 'all') expect(await page.getByTestId('triage-in-focus').count()).toBe(0);
      else
        expect(await page.getByTestId('triage-in-focus').textContent()).toMatch(
          new RegExp(`^Dagens fokus: \\S+ – ${highlighted} borgere? fremhævet, ingen skjult\\.$`),
        );
    }
    await frederik.close();
  });
});
