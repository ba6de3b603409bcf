/**
 * Adversarial review of session expiry (docs/security.md "Sign-in and sessions", "Expiry"):
 * a websocket is authenticated once, at the upgrade; it must not outlive its session.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/limits.js';
import { connectBoard, login, startServer, waitFor, type TestServer } from '../helpers/server.js';

const TTL_HOURS = 0.002; // 7.2 seconds

let srv: TestServer;
let socket: Socket | undefined;

beforeAll(async () => {
  srv = await startServer({ env: { SESSION_TTL_HOURS: String(TTL_HOURS) } });
});
afterAll(async () => {
  socket?.close();
  await srv.stop();
  srv.cleanup();
});

describe('adversarial: a session expires while its connections are open', () => {
  it('closes the Yjs websocket (4401) and the socket.io connection when the session expires', async () => {
    const cookie = await login(srv.baseUrl, 'anne');
    socket = connect(srv.baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie, origin: srv.baseUrl },
      reconnection: false,
    });
    await new Promise<void>((res, rej) => {
      socket!.once('connect', () => res());
      socket!.once('connect_error', rej);
    });
    const board = connectBoard(srv, cookie, 'tavle-nord');
    try {
      await board.synced;
      expect(socket.connected).toBe(true);
      await waitFor(() => !socket!.connected, { what: 'socket.io closed at expiry', timeoutMs: 30_000 });
      await waitFor(() => board.closeCodes.includes(CloseCode.unauthorized), {
        what: 'websocket closed with 4401 at expiry',
        timeoutMs: 10_000,
      });
      expect((await fetch(`${srv.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(401);
    } finally {
      board.destroy();
    }
  }, 60_000);
});
