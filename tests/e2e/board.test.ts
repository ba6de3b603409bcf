import { beforeAll, describe, expect, it } from 'vitest';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();
let anne: BoardPage;
let bent: BoardPage;

beforeAll(async () => {
  anne = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'anne');
  bent = await BoardPage.signIn(env.browser, env.srv.baseUrl, 'bent');
});

describe('the live board', () => {
  it('shows the team board with its phases in Danish and the demo citizens', async () => {
    const titles = await anne.page.locator('.column-header h2').allTextContents();
    expect(titles).toEqual([
      'Henvist',
      'Visiteret – afventer opstart',
      'Opstart',
      'Opfølgning uge 2',
      'Opfølgning uge 5',
      'Opfølgning uge 8',
      'Opfølgning uge 12',
      'Afsluttet',
    ]);
    const cards = anne.page.locator('[data-testid^="card-"]');
    expect(await cards.count()).toBeGreaterThan(10);
    // Triage is never colour alone: every card carries an accessible triage label.
    expect(await anne.page.getByRole('img', { name: /^Triage: (Grøn|Gul|Rød)$/ }).count()).toBe(await cards.count());
    await anne.screenshot('/tmp/tavlen-board.png');
  });

  it('drags a card with the mouse to another column, and a colleague sees it within a second', async () => {
    const [cardId] = await anne.cardIds('henvist');
    expect(cardId).toBeDefined();
    await anne.pointerDrag(cardId!, 'opstart');
    expect(await anne.columnOf(cardId!)).toBe('opstart');
    await expect.poll(() => bent.columnOf(cardId!), { timeout: 1000, interval: 25 }).toBe('opstart');
  });

  it('moves a card with the keyboard (Space, arrows, Space), and a colleague sees it within a second', async () => {
    const [cardId] = await anne.cardIds('visiteret');
    expect(cardId).toBeDefined();
    await anne.keyboardMove(cardId!, 'right', 1);
    expect(await anne.columnOf(cardId!)).toBe('opstart');
    await expect.poll(() => bent.columnOf(cardId!), { timeout: 1000, interval: 25 }).toBe('opstart');
  });
});
