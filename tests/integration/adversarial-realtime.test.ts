/**
 * Adversarial review of socket.io (docs/security.md "Team scoping and read-only connections",
 * "When changes take effect"): payloads a modified client sends, and connections that outlive
 * the rights they were opened with.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardJoinAck, MeetingStateMessage } from '../../shared/protocol/events.js';
import type { MeetingAck } from '../../shared/rules/meetingControl.js';
import { health, login, startServer, waitFor, type TestServer } from '../helpers/server.js';

const PASSWORD = 'en-lang-adgangskode';

let srv: TestServer;
const sockets: Socket[] = [];

async function open(cookie: string): Promise<Socket> {
  const socket = connect(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie, origin: srv.baseUrl },
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return socket;
}

/** Emits with a 5 s ack timeout: a missing ack is `'no-ack'`, never a hung test. */
const ask = (socket: Socket, event: string, ...args: unknown[]) =>
  new Promise<unknown>((res) =>
    socket.timeout(5_000).emit(event, ...args, (err: unknown, ack: unknown) => res(err ? 'no-ack' : ack)),
  );

const code = (ack: unknown) => ((ack as MeetingAck).ok ? 'ok' : (ack as { error: { code: string } }).error?.code);

async function adminCall(method: string, path: string, body: unknown) {
  const res = await fetch(`${srv.baseUrl}${path}`, {
    method,
    headers: { origin: srv.baseUrl, cookie: await login(srv.baseUrl, 'admin'), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv.stop();
  srv.cleanup();
});

describe('adversarial: socket.io payloads', () => {
  it('junk payloads, foreign board ids and missing acks are refused without crashing the server', async () => {
    const anne = await open(await login(srv.baseUrl, 'anne')); // team-nord only
    const junk: unknown[] = [
      null,
      42,
      'tavle-nord',
      [],
      { boardId: 'x'.repeat(90_000) },
      { boardId: { $gt: '' } },
      { boardId: ['tavle-nord'] },
      { boardId: '../tavle-syd' },
      { boardId: 'tavle-syd' },
      { boardId: 'tavle-findes-ikke' },
      { __proto__: { boardId: 'tavle-nord' } },
    ];
    for (const payload of junk) {
      const ack = (await ask(anne, 'board:join', payload)) as BoardJoinAck;
      expect(ack.ok, JSON.stringify(payload)?.slice(0, 60)).toBe(false);
    }
    // Foreign and unknown boards answer alike.
    const foreign = await ask(anne, 'board:join', { boardId: 'tavle-syd' });
    const unknown = await ask(anne, 'board:join', { boardId: 'tavle-findes-ikke' });
    expect(foreign).toEqual(unknown);
    // Without an ack function, and with events the server does not know.
    anne.emit('board:join', { boardId: 'tavle-syd' });
    anne.emit('meeting:start', { boardId: 'tavle-syd', meetingId: 'm-1', type: 'tavlemoede' });
    anne.emit('no-such-event', { a: 1 });
    // Meeting commands for a board the socket did not (or could not) join.
    for (const event of ['meeting:start', 'meeting:end', 'meeting:takeover', 'meeting:point', 'meeting:pause']) {
      const ack = await ask(anne, event, {
        boardId: 'tavle-syd',
        meetingId: 'm-1',
        type: 'x',
        cardId: 'c-1',
        paused: true,
      });
      expect(['invalid_request', 'not_joined']).toContain(code(ack));
      expect(code(await ask(anne, event, { boardId: 'tavle-syd' }))).not.toBe('ok');
    }
    // Wrong types on a board the socket did join.
    expect(await ask(anne, 'board:join', { boardId: 'tavle-nord' })).toEqual({ ok: true, boardId: 'tavle-nord' });
    for (const payload of [
      null,
      'x',
      { boardId: 'tavle-nord', paused: 'yes' },
      { boardId: 'tavle-nord', paused: true, extra: 1 },
    ]) {
      expect(code(await ask(anne, 'meeting:pause', payload))).toBe('invalid_request');
    }
    expect(
      code(
        await ask(anne, 'meeting:goto', {
          boardId: 'tavle-nord',
          itemId: 'x'.repeat(50_000),
          cardId: null,
          timeBoxSec: 1e12,
        }),
      ),
    ).toBe('invalid_request');
    expect(anne.connected).toBe(true);
    expect((await health(srv.baseUrl)).status).toBe('ok');
  });

  it('another team never sees a board’s meeting events, whatever it emits', async () => {
    const hanne = await open(await login(srv.baseUrl, 'hanne')); // team-syd only
    const seen: unknown[] = [];
    hanne.onAny((event: string, ...args: unknown[]) => seen.push([event, args]));
    expect(code(await ask(hanne, 'board:join', { boardId: 'tavle-nord' }))).not.toBe('ok');
    const frederik = await open(await login(srv.baseUrl, 'frederik'));
    await ask(frederik, 'board:join', { boardId: 'tavle-nord' });
    const states: MeetingStateMessage[] = [];
    frederik.on('meeting:state', (m: MeetingStateMessage) => states.push(m));
    expect(
      code(await ask(frederik, 'meeting:start', { boardId: 'tavle-nord', meetingId: 'm-adv', type: 'tavlemoede' })),
    ).toBe('ok');
    await waitFor(() => states.some((s) => s.meeting !== null), { what: 'meeting started' });
    expect(code(await ask(hanne, 'meeting:takeover', { boardId: 'tavle-nord' }))).toBe('not_joined');
    expect(code(await ask(hanne, 'meeting:end', { boardId: 'tavle-nord' }))).toBe('not_joined');
    expect(seen).toEqual([]);
    expect(code(await ask(frederik, 'meeting:end', { boardId: 'tavle-nord' }))).toBe('ok');
  });
});

describe('adversarial: open connections after a change of rights', () => {
  it('a deactivated user’s socket.io connection is closed at once and cannot reconnect', async () => {
    const created = await fetch(`${srv.baseUrl}/api/admin/users`, {
      method: 'POST',
      headers: { origin: srv.baseUrl, cookie: await login(srv.baseUrl, 'admin'), 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'kaj',
        name: 'Kaj Test',
        role: 'ssh',
        teamIds: ['team-nord'],
        password: PASSWORD,
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const cookie = await login(srv.baseUrl, 'kaj', PASSWORD);
    const kaj = await open(cookie);
    expect(await ask(kaj, 'board:join', { boardId: 'tavle-nord' })).toEqual({ ok: true, boardId: 'tavle-nord' });
    expect(await adminCall('PATCH', `/api/admin/users/${id}`, { active: false })).toBe(200);
    await waitFor(() => !kaj.connected, { what: 'kaj disconnected' });
    await expect(open(cookie)).rejects.toThrow(/unauthenticated/);
  });

  it('a read-only user cannot lead a meeting or point', async () => {
    const res = await fetch(`${srv.baseUrl}/api/admin/users`, {
      method: 'POST',
      headers: { origin: srv.baseUrl, cookie: await login(srv.baseUrl, 'admin'), 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'laila',
        name: 'Laila Test',
        role: 'leder',
        teamIds: ['team-nord'],
        password: PASSWORD,
        readOnly: true,
      }),
    });
    expect(res.status).toBe(201);
    const laila = await open(await login(srv.baseUrl, 'laila', PASSWORD));
    expect(await ask(laila, 'board:join', { boardId: 'tavle-nord' })).toEqual({ ok: true, boardId: 'tavle-nord' });
    expect(
      code(await ask(laila, 'meeting:start', { boardId: 'tavle-nord', meetingId: 'm-ro', type: 'tavlemoede' })),
    ).toBe('forbidden');
  });
});
