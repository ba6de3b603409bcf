import { describe, expect, it } from 'vitest';
import { login, waitFor } from '../helpers/server.js';
import { BoardPage, pairedWall, useServerAndBrowser } from './fixture.js';
import { expectLegibleWall, measureWall } from './wallMeasure.js';

const env = useServerAndBrowser();

/*
 * Issue #11's whole daily tavlemøde on the demo board, in three browsers at once: Frederik
 * (koordinator) leads, the paired wall screen in the room at 1920×1080, Eva (visitator)
 * remote. The agenda fits 15 minutes, the wall is legible at rest and during the meeting,
 * the decisions made during it are in the minutes under the citizen they concern.
 */
describe('a whole daily tavlemøde', () => {
  it('agenda within 15 minutes, legible wall with focus view, decisions live, Næste through all, minutes by citizen', async () => {
    const { baseUrl } = env.srv;
    const wall = await pairedWall(env.browser, baseUrl, await login(baseUrl, 'admin'));
    const wallCards = wall.locator('[data-testid="wall"] [data-testid^="card-"]');
    await waitFor(async () => (await wallCards.count()) === 40, { what: 'all 40 cards on the wall' });
    const frederik = await BoardPage.signIn(env.browser, baseUrl, 'frederik');
    const eva = await BoardPage.signIn(env.browser, baseUrl, 'eva');
    const page = frederik.page;
    const nameOf = async (cardId: string) => (await frederik.card(cardId).getAttribute('data-card-name'))!;

    // Before the meeting Frederik asks the visitator a question and sends a "mere tid" request.
    const [askedId] = await frederik.cardIds('henvist');
    const askedName = await nameOf(askedId!);
    const asked = await frederik.openCard(askedId!);
    await asked.getByTestId('ask-visitator-text').fill('Kan hun få madservice?');
    await asked.getByTestId('ask-visitator').click();
    await asked.getByText('Kan hun få madservice?').waitFor();
    await asked.getByRole('tab', { name: /Anmodninger/ }).click();
    await asked.getByLabel('Begrundelse (én linje)').fill('Har brug for mere tid til bad');
    await asked.getByRole('button', { name: 'Send anmodning til visitator' }).click();
    await asked.getByText('Anmodningen er sendt.').waitFor();
    await asked.getByRole('button', { name: 'Luk' }).click();

    // The wall at rest: all 40 cards inside 1920×1080, type ≥ 28 px, nothing clipped.
    expect(await wall.getByTestId('wall-focus').count()).toBe(0);
    expectLegibleWall(await measureWall(wall), 40, 28);

    // "Lav dagsorden" for the tavlemøde: the total the leader sees fits the 15 minutes.
    await page.getByTestId('meeting-open').click();
    await page.getByTestId('meeting-type').selectOption('tavlemoede');
    await page.getByTestId('make-agenda').click();
    const total = page.getByTestId('agenda-total');
    await total.waitFor();
    expect(Number(await total.getAttribute('data-budget'))).toBe(15);
    const minutesPlanned = Number(await total.getAttribute('data-minutes'));
    expect(minutesPlanned).toBeGreaterThan(0);
    expect(minutesPlanned).toBeLessThanOrEqual(15);
    expect(await total.textContent()).toMatch(/15 min/);
    expect(await total.textContent()).not.toMatch(/over/i);
    const items = page.locator('[data-testid^="agenda-item-"]');
    const itemIds = (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))).map((t) =>
      t.slice('agenda-item-'.length),
    );
    expect(itemIds.length).toBeGreaterThan(1);

    // Start: the first item is current at once, and the wall shows it in its focus view.
    await page.getByTestId('meeting-start').click();
    await page.getByTestId('meeting-live').waitFor();
    const firstId = itemIds[0]!;
    await page.locator(`[data-testid="agenda-item-${firstId}"][data-current="true"]`).waitFor();
    expect(await page.getByTestId('meeting-budget').textContent()).toMatch(/^Tid tilbage [\d:]+ af 15:00$/);
    await wall.locator(`[data-testid="wall-focus"][data-item-id="${firstId}"]`).waitFor();
    // The board stays whole beside the focus view: every card inside the screen, legible, none under it.
    const during = await measureWall(wall);
    expect(during.focus).not.toBeNull();
    expectLegibleWall(during, 40, 28);
    await wall.screenshot({ path: '/tmp/daily-wall-meeting.png' });

    // The current citizen's colour changes, with a reason.
    expect(firstId).toMatch(/^c:/);
    const triagedId = firstId.slice(2);
    const triagedName = await nameOf(triagedId);
    const detail = await frederik.openCard(triagedId);
    const wordOf = { Rød: 'rød', Gul: 'gul', Grøn: 'grøn' } as const;
    let before: keyof typeof wordOf = 'Grøn';
    for (const c of ['Rød', 'Gul', 'Grøn'] as const)
      if (await detail.getByRole('radio', { name: c }).isChecked()) before = c;
    const after = before === 'Rød' ? 'Gul' : 'Rød';
    await detail.getByTestId('triage-reason').fill('Faldet i nat');
    await detail.getByRole('radio', { name: after }).check();
    await detail.getByRole('radio', { name: after, checked: true }).waitFor();
    await detail.getByRole('button', { name: 'Luk' }).click();

    // Eva, remote, answers the question and approves the request from her queue…
    await eva.page.getByTestId('meeting-open').click();
    const queue = eva.page.getByTestId('visitator-queue');
    const question = queue.locator('li[data-testid^="question-"]', { hasText: 'Kan hun få madservice?' });
    await question.getByTestId('question-answer').fill('Ja, fra på mandag');
    await question.getByTestId('question-answer-send').click();
    const request = queue.locator('li[data-testid^="request-"]', { hasText: 'Har brug for mere tid til bad' });
    await request.getByRole('button', { name: 'Godkend' }).click();
    const fQueue = page.getByTestId('visitator-queue');
    await fQueue.getByText('Kan hun få madservice?').waitFor({ state: 'detached' });
    await fQueue.getByText('Har brug for mere tid til bad').waitFor({ state: 'detached' });

    // …and decides E2 (FSIII) on a citizen on the agenda whose follow-up is due.
    // Another citizen than the two above, so the minutes must put each change under its own.
    const dueCardId = (
      await items
        .filter({ hasText: /opfølgning .*(forfald|overskredet)/i })
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('agenda-item-c:'.length)))
    ).find((id) => id !== triagedId && id !== askedId)!;
    expect(dueCardId).toBeTruthy();
    const dueName = await nameOf(dueCardId);
    const duePanel = await eva.openCard(dueCardId);
    await duePanel.getByRole('tab', { name: /Opfølgning/ }).click();
    await duePanel
      .getByRole('button', { name: /^Gennemfør – / })
      .first()
      .click();
    await duePanel.getByRole('radio', { name: /E2 Ændres/ }).check();
    await duePanel.getByLabel('Begrundelse').fill('Mere hjælp om aftenen');
    await duePanel.getByRole('button', { name: 'Gem' }).click();
    await duePanel.getByTestId('decision-list').getByText('E2 Ændres inden for rammen').waitFor();
    await duePanel.getByRole('button', { name: 'Luk' }).click();

    // "Næste" through the whole agenda: each item drøftet in turn, the wall following.
    const next = page.getByTestId('meeting-next');
    for (let i = 0; i < itemIds.length; i++) {
      const id = itemIds[i]!;
      await page.locator(`[data-testid="agenda-item-${id}"][data-current="true"]`).waitFor();
      await wall.locator(`[data-testid="wall-focus"][data-item-id="${id}"]`).waitFor();
      await next.click();
      await page.locator(`[data-testid="agenda-item-${id}"].status-discussed`).waitFor();
    }
    await page.getByTestId('meeting-all-done').waitFor();
    expect(await next.count()).toBe(0);
    expect(await page.locator('[data-testid^="agenda-item-"].status-pending').count()).toBe(0);

    // Everything is taken up: ending does not ask, the minutes come at once.
    await page.getByTestId('meeting-end').click();
    const minutes = page.getByTestId('meeting-minutes');
    await minutes.waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await minutes.getByTestId('minutes-not-reached').count()).toBe(0);
    const header = (await minutes.getByTestId('minutes-header').textContent())!;
    expect(header).toContain('Frederik Dahl');
    expect(header).toContain('Eva Mortensen');
    expect(header).not.toContain('Skærm');

    // Each change under its citizen, by the name the leader sees.
    const entryOf = async (cardId: string) => {
      const entry = minutes.locator(`[data-testid="minutes-c:${cardId}"]`);
      expect(await entry.count(), `one minutes entry for ${cardId}`).toBe(1);
      return (await entry.textContent())!;
    };
    const triaged = await entryOf(triagedId);
    expect(triaged).toContain(triagedName);
    expect(triaged).toContain(`Triage ændret fra ${wordOf[before]} til ${wordOf[after]}: Faldet i nat (Frederik Dahl)`);
    const askedEntry = await entryOf(askedId!);
    expect(askedEntry).toContain(askedName);
    expect(askedEntry).toContain('Anmodning om mere tid godkendt: Har brug for mere tid til bad (Eva Mortensen)');
    expect(askedEntry).toContain('Visitator svarede på "Kan hun få madservice?": Ja, fra på mandag (Eva Mortensen)');
    const dueEntry = await entryOf(dueCardId);
    expect(dueEntry).toContain(dueName);
    expect(dueEntry).toContain('E2 Ændres inden for rammen: Mere hjælp om aftenen (Eva Mortensen)');
    await minutes.getByTestId('minutes-header').scrollIntoViewIfNeeded();
    await frederik.screenshot('/tmp/daily-minutes.png');
    await minutes
      .locator(`[data-testid="minutes-c:${triagedId}"]`)
      .screenshot({ path: '/tmp/daily-minutes-triaged.png' });
    await minutes.locator(`[data-testid="minutes-c:${askedId}"]`).screenshot({ path: '/tmp/daily-minutes-asked.png' });
    await minutes.locator(`[data-testid="minutes-c:${dueCardId}"]`).screenshot({ path: '/tmp/daily-minutes-due.png' });

    // The wall is at rest again, still legible.
    await wall.getByTestId('wall-focus').waitFor({ state: 'detached' });
    expectLegibleWall(await measureWall(wall), 40, 28);

    await Promise.all([wall.context().close(), frederik.close(), eva.close()]);
  });
});
