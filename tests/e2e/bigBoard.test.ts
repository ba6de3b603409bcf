import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNC_DEFLATED_MESSAGE, SYNC_DEFLATE_MIN_BYTES } from '../../shared/protocol/deflatedSync.js';
import { login } from '../helpers/server.js';
import { connectBoard } from '../helpers/yclient.js';
import { waitFor } from '../helpers/waitFor.js';
import { BoardPage, useServerAndBrowser } from './fixture.js';

const env = useServerAndBrowser();

/**
 * A column with hundreds of cards renders only the cards in view (Column.tsx; issue #15): the
 * heading still counts them all, scrolling brings the rest, and a card dragged in from
 * another column lands in it. The board reaches the new browser as one deflated message.
 */
describe('a big board', () => {
  it('renders a long column’s cards in view, counts them all, scrolls to the last and takes a dragged card', async () => {
    const { srv } = env;
    const client = connectBoard(srv, await login(srv.baseUrl, 'frederik'), 'tavle-nord');
    await client.synced;
    const origin = { source: 'local' as const, userId: 'u-frederik' };
    client.doc.transact(() => {
      for (let i = 0; i < 150; i++) client.board.createCard({ name: `Lang Kolonne ${i}`, phaseId: 'uge5' }, origin);
    });
    const total = client.board.cards().filter((c) => c.position.phaseId === 'uge5').length;
    const lastId = client.board.column('uge5').at(-1)!.id;

    // Big enough that a new device's first sync comes deflated (shared/protocol/deflatedSync.ts):
    // the browser must inflate it (DecompressionStream) to show any of the cards below.
    expect(Y.encodeStateAsUpdate(client.doc).byteLength).toBeGreaterThan(SYNC_DEFLATE_MIN_BYTES);
    const deflated: number[] = [];
    const frederik = await BoardPage.signIn(env.browser, srv.baseUrl, 'frederik', undefined, {
      beforeSignIn: (p) =>
        p.on('websocket', (ws) =>
          ws.on('framereceived', ({ payload }) => {
            if (typeof payload !== 'string' && payload[0] === SYNC_DEFLATED_MESSAGE) deflated.push(payload.length);
          }),
        ),
    });
    const { page } = frederik;
    const column = page.getByTestId('column-uge5');
    await waitFor(async () => (await column.locator('.column-count').textContent()) === String(total), {
      what: 'the column counts every card',
    });
    expect(deflated).toHaveLength(1);
    const rendered = await column.locator('[data-testid^="card-"]').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(40);

    // Scrolled to the bottom, the last card is there (and the first is not any more). Cards are
    // measured as they render, so the end can move a little after a scroll: like a person, the
    // test scrolls on to the bottom until it stops moving.
    const list = column.locator('.column-cards');
    await waitFor(
      async () => {
        const atEnd = await list.evaluate((el) => {
          const bottom = el.scrollHeight - el.clientHeight;
          const reached = Math.abs(el.scrollTop - bottom) < 2;
          el.scrollTop = el.scrollHeight;
          return reached;
        });
        return atEnd && (await page.getByTestId(`card-${lastId}`).isVisible());
      },
      { what: 'the last card after scrolling to the bottom' },
    );
    expect(await column.locator('[data-testid^="card-"]').first().getAttribute('data-testid')).not.toBe(
      `card-${client.board.column('uge5')[0]!.id}`,
    );
    await list.evaluate((el) => (el.scrollTop = 0));

    // A card dragged in from another column lands in the long column.
    const [moving] = await frederik.cardIds('henvist');
    await frederik.pointerDrag(moving!, 'uge5');
    await waitFor(async () => client.board.card(moving!)?.position.phaseId === 'uge5', { what: 'the move synced' });
    client.destroy();
    await frederik.page.context().close();
  });
});
