import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardJoinAck, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import { login, startServer, type TestServer } from '../helpers/server.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let srv: TestServer;
const sockets: ClientSocket[] = [];

function open(cookie: string | null, headers: Record<string, string> = {}): ClientSocket {
  const socket: ClientSocket = connect(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

const connected = (s: ClientSocket) =>
  new Promise<void>((res, rej) => {
    s.once('connect', () => res());
    s.once('connect_error', rej);
  });

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv?.stop();
  srv?.cleanup();
});

describe('socket.io', () => {
  it('refuses connections without a session', async () => {
    await expect(connected(open(null))).rejects.toThrow('unauthenticated');
  });

  it('refuses a page on another site even with a valid session cookie', async () => {
    const cookie = await login(srv.baseUrl, 'anne');
    await expect(connected(open(cookie, { origin: 'https://evil.example' }))).rejects.toThrow();
    await connected(open(cookie, { origin: new URL(srv.baseUrl).origin }));
  });

  it('joins the user’s own board and refuses others alike', async () => {
    const socket = open(await login(srv.baseUrl, 'anne'));
    await connected(socket);
    const join = (boardId: unknown) =>
      new Promise<BoardJoinAck>((res) => socket.emit('board:join', { boardId } as { boardId: string }, res));
    expect(await join('tavle-nord')).toEqual({ ok: true, boardId: 'tavle-nord' });
    const foreign = await join('tavle-syd');
    const unknown = await join('findes-ikke');
    expect(foreign).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(unknown).toEqual(foreign);
    expect(await join(42)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
