import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, MAX_WS_MESSAGE_BYTES } from '../../shared/protocol/limits.js';
import {
  connectBoard,
  health,
  login,
  openRawSocket,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

const BOARD = 'tavle-nord';

let srv: TestServer;
let cookie: string;
let bystander: BoardClient;
let cardsBefore: number;

beforeAll(async () => {
  srv = await startServer();
  cookie = await login(srv.baseUrl, 'frederik');
  bystander = connectBoard(srv, await login(srv.baseUrl, 'camilla'), BOARD);
  await bystander.synced;
  cardsBefore = bystander.board.cards().length;
});
afterAll(async () => {
  bystander?.destroy();
  await srv?.stop();
  srv?.cleanup();
});

const frame = (...parts: ((enc: encoding.Encoder) => void)[]) => {
  const enc = encoding.createEncoder();
  for (const p of parts) p(enc);
  return encoding.toUint8Array(enc);
};

/** A real update, cut short so Yjs cannot decode it. */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set('x', 'a fairly long value so the update has some body to cut');
  const full = Y.encodeStateAsUpdate(doc);
  return full.subarray(0, full.length - 12);
}

const OFFENDERS: [string, (ws: import('ws').WebSocket) => void, number][] = [
  ['a truncated binary frame', (ws) => ws.send(new Uint8Array([0, 2, 200, 1])), CloseCode.malformed],
  ['an empty binary frame', (ws) => ws.send(new Uint8Array([])), CloseCode.malformed],
  ['an unknown message type', (ws) => ws.send(frame((e) => encoding.writeVarUint(e, 7))), CloseCode.malformed],
  [
    'an unknown sync message type',
    (ws) =>
      ws.send(
        frame(
          (e) => encoding.writeVarUint(e, 0),
          (e) => encoding.writeVarUint(e, 9),
        ),
      ),
    CloseCode.malformed,
  ],
  [
    'an update Yjs cannot decode',
    (ws) =>
      ws.send(
        frame(
          (e) => encoding.writeVarUint(e, 0),
          (e) => encoding.writeVarUint(e, 2),
          (e) => encoding.writeVarUint8Array(e, truncatedUpdate()),
        ),
      ),
    CloseCode.malformed,
  ],
  [
    'a malformed awareness update',
    (ws) =>
      ws.send(
        frame(
          (e) => encoding.writeVarUint(e, 1),
          (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 123, 123, 123])),
        ),
      ),
    CloseCode.malformed,
  ],
  ['a text frame', (ws) => ws.send('hej'), CloseCode.malformed],
  ['an oversized frame', (ws) => ws.send(new Uint8Array(MAX_WS_MESSAGE_BYTES + 1)), 1009],
];

describe('abusive frames close only the offender', () => {
  it.each(OFFENDERS)('%s', async (_name, send, expectedCode) => {
    const raw = await openRawSocket(srv.wsUrl, BOARD, cookie);
    send(raw.ws);
    expect((await raw.closed).code).toBe(expectedCode);

    // The server is up, the bystander still connected, and the board intact and writable.
    expect((await health(srv.baseUrl)).status).toBe('ok');
    expect(bystander.closeCodes).toEqual([]);
    expect(bystander.provider.wsconnected).toBe(true);
    const id = bystander.board.createCard(
      { name: 'Stadig Her', phaseId: 'henvist' },
      { source: 'local', userId: 'u-camilla' },
    );
    const fresh = connectBoard(srv, cookie, BOARD);
    try {
      await fresh.synced;
      await waitFor(() => fresh.board.hasCard(id));
      expect(fresh.board.cards().length).toBe(bystander.board.cards().length);
      expect(fresh.board.cards().length).toBeGreaterThan(cardsBefore);
      expect(fresh.board.phases()).toHaveLength(8);
    } finally {
      fresh.destroy();
    }
  });

  it('a y-websocket client that sends garbage is closed and does not reconnect-loop', async () => {
    const bad = connectBoard(srv, cookie, BOARD);
    await bad.synced;
    bad.provider.ws!.send(new Uint8Array([42]));
    await waitFor(() => bad.closeCodes.includes(CloseCode.malformed));
    expect(bad.provider.shouldConnect).toBe(false);
    bad.destroy();
    expect(bystander.provider.wsconnected).toBe(true);
  });

  it('logged no server errors while being abused', () => {
    expect(srv.stderr()).not.toMatch(/"level":"error"/);
  });
});
