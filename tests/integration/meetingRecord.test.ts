import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import type { MeetingAck } from '../../shared/rules/meetingControl.js';
import { connectBoard, login, startServer, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/*
 * The server records a meeting's start and end in the board doc when meeting control starts
 * and ends it on socket.io: a client that only watches the doc sees both, and the agenda's
 * "since the last meeting" moves on, without any client writing them.
 */

const BOARD = 'tavle-nord';
let srv: TestServer;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  for (const fn of cleanups) fn();
  await srv?.stop();
  srv?.cleanup();
});

async function socketFor(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(srv.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  cleanups.push(() => socket.close());
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  await new Promise((res) => socket.emit('board:join', { boardId: BOARD }, res));
  return socket;
}

const send = (socket: Socket, event: string, payload: unknown) =>
  new Promise<MeetingAck>((res) => socket.emit(event, payload, (ack: MeetingAck) => res(ack)));

describe('meeting start and end are recorded by the server', () => {
  let writer: BoardClient;
  let watcher: BoardClient;

  it('start and end over socket.io land in the doc, seen by another client', async () => {
    const cookie = await login(srv.baseUrl, 'frederik');
    writer = connectBoard(srv, cookie, BOARD);
    watcher = connectBoard(srv, await login(srv.baseUrl, 'anne'), BOARD);
    cleanups.push(
      () => writer.destroy(),
      () => watcher.destroy(),
    );
    await Promise.all([writer.synced, watcher.synced]);
    const md = new MeetingDoc(writer.board);
    const id = md.createMeeting(
      { type: 'tavlemoede', scheduledFor: new Date().toISOString(), leader: 'Frederik Dahl' },
      localOrigin('u-frederik'),
    );
    const seen = new MeetingDoc(watcher.board);
    await waitFor(() => seen.meeting(id), { what: 'meeting reaches the watcher' });

    const socket = await socketFor(cookie);
    const before = Date.now();
    expect(await send(socket as never, 'meeting:start', { boardId: BOARD, meetingId: id, type: 'tavlemoede' })).toEqual(
      { ok: true },
    );
    const started = await waitFor(() => seen.meeting(id)?.startedAt ?? undefined, { what: 'startedAt in the doc' });
    expect(Date.parse(started)).toBeGreaterThanOrEqual(before - 5000);
    expect(seen.meeting(id)?.endedAt).toBeNull();

    expect(await send(socket as never, 'meeting:end', { boardId: BOARD })).toEqual({ ok: true });
    const ended = await waitFor(() => seen.meeting(id)?.endedAt ?? undefined, { what: 'endedAt in the doc' });
    expect(Date.parse(ended)).toBeGreaterThanOrEqual(Date.parse(started));
    expect(seen.lastEndedMeeting()?.id).toBe(id);
    // the writer never wrote them: it sees the server's values too
    await waitFor(() => md.meeting(id)?.endedAt === ended, { what: 'endedAt at the writer' });
  });
});

describe('meeting settings in the board config', () => {
  it('serves the triage response clocks and the visitator days', async () => {
    const cookie = await login(srv.baseUrl, 'anne');
    const res = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/config`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { triage: unknown; visitatorDays: unknown };
    expect(body.triage).toMatchObject({
      red: { hours: 24, action: { da: 'sygeplejerskevurdering' } },
      yellow: { hours: 48, action: { da: 'handleplan' } },
    });
    expect(body.visitatorDays).toEqual([4]);
  });
});
