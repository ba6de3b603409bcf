import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNC_DEFLATED_MESSAGE, SYNC_DEFLATE_MIN_BYTES } from '../../shared/protocol/deflatedSync.js';
import { connectBoard, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/*
 * A new device's first sync of a big board comes deflated when the client asks
 * (shared/protocol/deflatedSync.ts, issue #15): the client from client/src/sync/deflatedSync.ts
 * against the real server, next to a stock client that does not ask.
 */

const BOARD = 'tavle-nord';
const origin = { source: 'local', userId: 'anne' } as const;
let srv: TestServer;
let anne: string;
const clients: BoardClient[] = [];

function client(opts: { deflate?: boolean } = {}): BoardClient {
  const c = connectBoard(srv, anne, BOARD, { connect: false, ...opts });
  clients.push(c);
  return c;
}

/** The message types this client's provider handles from now on (it connects afterwards). */
function recordTypes(c: BoardClient): number[] {
  const types: number[] = [];
  c.provider.messageHandlers = c.provider.messageHandlers.map((handler, type) =>
    handler ? (...args: Parameters<typeof handler>) => (types.push(type), handler(...args)) : handler,
  );
  return types;
}

beforeAll(async () => {
  srv = await startServer();
  anne = await login(srv.baseUrl, 'anne');
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe('deflated first sync of a big board', () => {
  it('a client that asks gets a big board deflated and ends up with exactly the board; one that does not gets it plain', async () => {
    const writer = client();
    writer.provider.connect();
    await writer.synced;
    // Make the board big: cards with long notes, in updates the gate accepts.
    for (let batch = 0; Y.encodeStateAsUpdate(writer.doc).byteLength < 2 * SYNC_DEFLATE_MIN_BYTES; batch++) {
      writer.doc.transact(() => {
        for (let i = 0; i < 20; i++) {
          writer.board.createCard(
            { name: `Borger ${batch}-${i}`, phaseId: 'henvist', note: `Aftalt med familien ${'om besøg '.repeat(20)}` },
            origin,
          );
        }
      }, origin);
    }
    const cards = writer.board.cards().length;
    await waitFor(async () => ((await fetchCount(cards)) ? true : null), { what: 'the server has every card' });

    const asks = client({ deflate: true });
    const asksTypes = recordTypes(asks);
    asks.provider.connect();
    await asks.synced;
    expect(asksTypes).toContain(SYNC_DEFLATED_MESSAGE);
    expect(asks.doc.getMap('cards').toJSON()).toEqual(writer.doc.getMap('cards').toJSON());

    const plain = client();
    const plainTypes = recordTypes(plain);
    plain.provider.connect();
    await plain.synced;
    expect(plainTypes).not.toContain(SYNC_DEFLATED_MESSAGE);
    expect(plain.doc.getMap('cards').toJSON()).toEqual(writer.doc.getMap('cards').toJSON());

    // Edits after the deflated state reach the asking client as ordinary updates.
    writer.board.updateCard(writer.board.cards()[0]!.id, { note: 'Ny aftale' }, origin);
    await waitFor(() => asks.board.card(writer.board.cards()[0]!.id)?.note === 'Ny aftale' || null, {
      what: 'the edit after the deflated state',
    });
  });

  it('a small board goes plain even to a client that asks', async () => {
    const small = connectBoard(srv, await login(srv.baseUrl, 'hanne'), 'tavle-syd', { connect: false, deflate: true });
    clients.push(small);
    const types = recordTypes(small);
    small.provider.connect();
    await small.synced;
    expect(Y.encodeStateAsUpdate(small.doc).byteLength).toBeLessThan(SYNC_DEFLATE_MIN_BYTES);
    expect(types).not.toContain(SYNC_DEFLATED_MESSAGE);
    expect(small.board.cards().length).toBeGreaterThan(0);
  });
});

/** True once a fresh plain client sees `cards` cards (the writer's updates are durable and applied). */
async function fetchCount(cards: number): Promise<boolean> {
  const probe = client();
  probe.provider.connect();
  await probe.synced;
  return probe.board.cards().length === cards;
}
