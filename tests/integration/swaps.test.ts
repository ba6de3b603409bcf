import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/limits.js';
import { BoardConfigResponseSchema } from '../../shared/protocol/config.js';
import type { AdminSettings } from '../../shared/protocol/admin.js';
import type { Card } from '../../shared/model/card.js';
import { apiCall, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';
import { BoardPeers, rejectedCodes as rejectedCodesOn } from '../helpers/boardPeers.js';

/**
 * Bytteydelser on the real server with real websocket clients (issue #13): a raw client's
 * swap of help that cannot be swapped, for a citizen not suited, in someone else's name, a
 * change to a logged swap, or any swap once the municipality turns registration off, is
 * refused whole with its code (audited, the sender told); a good swap is stored and reaches
 * the others. `BoardDoc.addSwap` checks only the shape, so it is the raw client here.
 */
const BOARD = 'tavle-nord';
const ANNE = { source: 'local', userId: 'u-anne' } as const;
const BENT = { source: 'local', userId: 'u-bent' } as const;

let srv: TestServer;
let cookies: Record<'anne' | 'bent' | 'camilla' | 'admin', string>;
const peers = new BoardPeers(() => srv, BOARD);
const client = (cookie: string) => peers.client(cookie);
const notices = (cookie: string) => peers.notices(cookie);

const rejectedCodes = (cardId: string, count: number): Promise<string[]> => rejectedCodesOn(srv, cardId, count);

/** An open citizen not marked unsuitable that no other test here uses. */
const used = new Set<string>();
function freshCard(c: BoardClient): Card {
  const card = c.board
    .cards()
    .find((x) => x.lifecycle.closure === null && x.lifecycle.swapSuitable !== false && !used.has(x.id));
  if (!card) throw new Error('no free demo card');
  used.add(card.id);
  return card;
}

const swap = (givenUp: string, by = 'u-anne') => ({ by, byName: 'Anne Holm', givenUp, instead: 'Gåtur' });

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
    camilla: await login(srv.baseUrl, 'camilla'),
    admin: await login(srv.baseUrl, 'admin'),
  };
});
afterEach(() => {
  peers.closeAll();
});
afterAll(async () => {
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('bytteydelser through the write gate', () => {
  it('stores a good swap and relays it; refuses one giving up medicine with its code', async () => {
    const told = await notices(cookies.anne);
    const bent = await client(cookies.bent);
    const anne = await client(cookies.anne);
    const card = freshCard(anne);
    const id = anne.board.addSwap(card.id, swap('rengoering'), ANNE);
    await waitFor(() => bent.board.card(card.id)?.lifecycle.swaps.some((s) => s.id === id) === true, {
      what: 'the good swap at Bent',
    });

    anne.board.addSwap(card.id, swap('medicin'), ANNE);
    await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'medicine swap refused' });
    await waitFor(() => told.length >= 1, { what: 'notice to Anne' });
    expect(told[0]!.op).toBe('swap_not_swappable');
    expect(told[0]!.message).toMatch(/kan ikke byttes/);
    expect(await rejectedCodes(card.id, 1)).toEqual(['swap_not_swappable']);
    // A later edit reaches Bent; the refused swap never does.
    bent.board.updateCard(card.id, { note: 'Efter byttet' }, BENT);
    const camilla = await client(cookies.camilla);
    await waitFor(() => camilla.board.card(card.id)?.note === 'Efter byttet', { what: 'later edit' });
    expect(camilla.board.card(card.id)!.lifecycle.swaps.map((s) => s.givenUp)).not.toContain('medicin');
  });

  it('refuses a swap for a citizen marked not suitable, a swap in someone else’s name, and a changed swap', async () => {
    const bent = await client(cookies.bent);
    const card = freshCard(bent);
    bent.board.setLifecycle(card.id, { swapSuitable: false, swapReason: 'Demens' }, BENT);
    const anne = await client(cookies.anne);
    await waitFor(() => anne.board.card(card.id)?.lifecycle.swapSuitable === false, { what: 'flag at Anne' });
    anne.board.addSwap(card.id, swap('bad'), ANNE);
    await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'unsuitable refused' });

    const other = freshCard(bent);
    const forged = await client(cookies.anne);
    forged.board.addSwap(other.id, swap('bad', 'u-bent'), ANNE);
    await waitFor(() => forged.closeCodes.includes(CloseCode.writeRefused), { what: 'impersonation refused' });

    const logged = bent.board.addSwap(other.id, { ...swap('bad', 'u-bent'), byName: 'Bent Nielsen' }, BENT);
    const editor = await client(cookies.anne);
    await waitFor(() => editor.board.card(other.id)?.lifecycle.swaps.some((s) => s.id === logged) === true, {
      what: 'Bent’s swap at Anne',
    });
    const swaps = editor.board.cardsMap.get(other.id)!.get('swaps') as Y.Map<unknown>;
    editor.doc.transact(() => swaps.set(logged, { ...(swaps.get(logged) as object), instead: 'Kort' }), ANNE);
    await waitFor(() => editor.closeCodes.includes(CloseCode.writeRefused), { what: 'change refused' });

    expect(await rejectedCodes(card.id, 1)).toEqual(['swap_not_suitable']);
    expect(await rejectedCodes(other.id, 2)).toEqual(['impersonation', 'swap_append_only']);
  });

  it('with registration off, the board config says so and new swaps are refused; on again, they are stored', async () => {
    const put = (body: unknown) =>
      apiCall<AdminSettings>(srv.baseUrl, cookies.admin, 'PUT', '/api/admin/settings', body);
    const off = await put({
      swaps: { enabled: false, instead: ['Gåtur'], swappable: ['Rengøring'], notSwappable: ['Medicin'] },
    });
    expect(off.status).toBe(200);
    expect(off.body.swaps.lines.enabled).toBe(false);
    const config = await apiCall(srv.baseUrl, cookies.camilla, 'GET', `/api/boards/${BOARD}/config`);
    expect(BoardConfigResponseSchema.parse(config.body).swaps.enabled).toBe(false);
    const bad = await put({ swaps: { enabled: true, instead: [], swappable: ['Bad'], notSwappable: ['bad'] } });
    expect(bad.status).toBe(400);

    const camilla = await client(cookies.camilla);
    const card = freshCard(camilla);
    camilla.board.addSwap(
      card.id,
      { ...swap('rengoering', 'u-camilla'), byName: 'Camilla Friis' },
      {
        source: 'local',
        userId: 'u-camilla',
      },
    );
    await waitFor(() => camilla.closeCodes.includes(CloseCode.writeRefused), { what: 'swap refused while off' });
    expect(await rejectedCodes(card.id, 1)).toEqual(['swap_off']);

    expect((await put({ swaps: null })).body.swaps.isDefault).toBe(true);
    const again = await client(cookies.camilla);
    const id = again.board.addSwap(
      card.id,
      { ...swap('rengoering', 'u-camilla') },
      {
        source: 'local',
        userId: 'u-camilla',
      },
    );
    const bent = await client(cookies.bent);
    await waitFor(() => bent.board.card(card.id)?.lifecycle.swaps.some((s) => s.id === id) === true, {
      what: 'swap stored once on again',
    });
  });
});
