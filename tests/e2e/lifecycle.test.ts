import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDaysToDate, toIsoDate } from '../../shared/index.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { BoardPage, launchBrowser } from './fixture.js';

let seeded: TestServer;
let srv: TestServer;
let browser: Browser;
let eva: BoardPage;
let bent: BoardPage;

/**
 * The demo municipality uses Solrød's model, where the whole team may close a forløb. To
 * see the request path for a home helper, this file runs the municipality on the standard
 * model (only the visitator closes): seed, stop, switch the stored preset, start again.
 */
beforeAll(async () => {
  [seeded, browser] = await Promise.all([startServer(), launchBrowser()]);
  await seeded.stop();
  const db = new Database(join(seeded.dataDir, 'tavlen.db'));
  db.prepare('UPDATE municipalities SET delegation = ?').run(JSON.stringify('standard'));
  db.close();
  srv = await startServer({ dataDir: seeded.dataDir });
  eva = await BoardPage.signIn(browser, srv.baseUrl, 'eva');
  bent = await BoardPage.signIn(browser, srv.baseUrl, 'bent');
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  seeded?.cleanup();
});

const today = toIsoDate(new Date());
const ddmm = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

describe('forløb lifecycle', () => {
  it('a visitator records a follow-up decision (E1) and the next due date changes for everyone within a second', async () => {
    const [cardId] = await eva.cardIds('opstart');
    expect(cardId).toBeDefined();
    const panel = await eva.openCard(cardId!);

    // Day 1 of care was 10 days ago: Hørsholm's week-2 follow-up (days 8–14) is due now.
    const start = addDaysToDate(today, -10);
    await panel.getByRole('tab', { name: 'Forløb' }).click();
    await panel.getByLabel('Forløbstype').selectOption({ label: 'Rehabiliteringsforløb (§83a)' });
    await panel.getByText('SEL §83a').first().waitFor();
    const startField = panel.getByLabel('Startdato (dag 1 med hjælp)');
    await startField.fill(start);
    await startField.blur();

    const week2 = addDaysToDate(start, 7);
    const face = eva.card(cardId!).getByTestId('face-followup');
    await expect.poll(() => face.textContent(), { timeout: 1000 }).toContain(`Opfølgning uge 2 · ${ddmm(week2)}`);
    expect(await face.textContent()).toContain('forfalden');
    await expect
      .poll(() => bent.cardText(cardId!), { timeout: 1000, interval: 25 })
      .toContain(`Opfølgning uge 2 · ${ddmm(week2)}`);

    // The card sits in "Opstart": the board offers the move, and moves only on a click.
    const offer = eva.card(cardId!).locator('xpath=..').getByTestId('move-offer');
    await offer.waitFor();
    expect(await eva.columnOf(cardId!)).toBe('opstart');
    await offer.click();
    await expect.poll(() => bent.columnOf(cardId!), { timeout: 1000, interval: 25 }).toBe('uge2');

    await panel.getByRole('tab', { name: /Opfølgning/ }).click();
    await panel.getByRole('button', { name: 'Gennemfør – Opfølgning uge 2' }).click();
    await panel.getByRole('radio', { name: /E1 Fortsættes/ }).check();
    await panel.getByLabel('Begrundelse').fill('Borgeren klarer badet selv med hjælpemidler');
    await panel.getByRole('button', { name: 'Gem' }).click();

    const week5 = addDaysToDate(start, 28);
    const done = panel.getByTestId('followup-week-2').locator('.followup-done');
    await done.waitFor();
    expect(await done.textContent()).toContain(`Gennemført ${ddmm(today)} af Eva Mortensen`);
    await panel
      .getByTestId('next-due')
      .getByText(/Næste opfølgning: /)
      .waitFor();
    expect(await panel.getByTestId('decision-list').textContent()).toContain('E1 Fortsættes');
    await expect.poll(() => face.textContent(), { timeout: 1000 }).toContain(`Opfølgning uge 5 · ${ddmm(week5)}`);
    expect(await face.textContent()).toContain('kommende');
    await expect
      .poll(() => bent.cardText(cardId!), { timeout: 1000, interval: 25 })
      .toContain(`Opfølgning uge 5 · ${ddmm(week5)}`);
    await eva.screenshot('/tmp/tavlen-lifecycle-followups.png');
    await bent.card(cardId!).scrollIntoViewIfNeeded();
    await bent.screenshot('/tmp/tavlen-lifecycle-board.png');
    await panel.getByRole('button', { name: 'Luk' }).click();
  });

  it('a home helper may not close: she sends a request, and the visitator approves it live', async () => {
    const anne = await BoardPage.signIn(browser, srv.baseUrl, 'anne');
    const [cardId] = await anne.cardIds('uge8');
    expect(cardId).toBeDefined();
    const panel = await anne.openCard(cardId!);
    await panel.getByRole('tab', { name: 'Afslut' }).click();
    await panel.getByText('Din rolle må ikke afslutte forløb.').waitFor();
    expect(await panel.getByRole('button', { name: 'Afslut forløb' }).count()).toBe(0);
    await panel.getByLabel('Begrundelse (én linje)').fill('Borgeren klarer sig selv igen');
    await panel.getByRole('button', { name: 'Send anmodning til visitator' }).click();
    await panel.getByText('Der er allerede en anmodning om at afslutte').waitFor();

    // Eva sees the badge on the card at once and decides in her own panel.
    await eva.card(cardId!).getByText('Afventer visitator').waitFor({ timeout: 1000 });
    const evaPanel = await eva.openCard(cardId!);
    await evaPanel.getByRole('tab', { name: /Anmodninger/ }).click();
    await evaPanel.getByText('Borgeren klarer sig selv igen').waitFor();
    await eva.screenshot('/tmp/tavlen-lifecycle-request.png');
    await evaPanel.getByRole('button', { name: 'Godkend' }).click();

    await panel.getByText('Visitator har godkendt at afslutte forløbet.').waitFor({ timeout: 1000 });
    await anne.card(cardId!).getByText('Afventer visitator').waitFor({ state: 'detached', timeout: 1000 });
    await panel.getByRole('tab', { name: /Anmodninger/ }).click();
    await panel.getByText('Godkendt – visitator sender brev til borgeren', { exact: true }).waitFor({ timeout: 1000 });
    await anne.screenshot('/tmp/tavlen-lifecycle-approved.png');

    // The visitator closes it; it lands in "Afsluttet" with its outcome on the face.
    await evaPanel.getByRole('tab', { name: 'Afslut' }).click();
    await evaPanel.getByLabel('Hvordan endte forløbet?').selectOption('varig-hjaelp');
    await evaPanel.getByRole('button', { name: 'Afslut forløb' }).click();
    await expect.poll(() => anne.columnOf(cardId!), { timeout: 1000, interval: 25 }).toBe('afsluttet');
    expect(await anne.cardText(cardId!)).toContain('Overgang til varig hjælp');
    await evaPanel.getByRole('button', { name: 'Luk' }).click();
    await anne.close();
  });

  it('finds closed forløb in the archive search (read-only view)', async () => {
    await eva.page.getByTestId('archive-open').click();
    const archive = eva.page.getByTestId('archive-panel');
    await archive.getByRole('button', { name: 'Søg' }).click();
    await archive.getByRole('status').or(archive.locator('.archive-list')).first().waitFor();
    await eva.page.getByRole('button', { name: 'Luk', exact: true }).first().click();
  });
  it('a visitator sets the board default cadence; it is stored for everyone, and a home helper has no such control', async () => {
    const select = eva.page.getByTestId('board-template');
    await select.selectOption('sonderborg-firklover');
    expect(await bent.page.getByTestId('board-template').count()).toBe(0);
    const again = await BoardPage.signIn(browser, srv.baseUrl, 'eva');
    await expect
      .poll(() => again.page.getByTestId('board-template').inputValue(), { timeout: 2000 })
      .toBe('sonderborg-firklover');
    await again.close();
  });
});
