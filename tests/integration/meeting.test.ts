import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardJoinAck } from '../../shared/protocol/events.js';
import { ackCode, openMeetingClient, stateMatching, type MeetingClient as Client } from '../helpers/meetingClients.js';
import { health, login, startServer, waitFor, type TestServer } from '../helpers/server.js';

/*
 * Meeting control over socket.io against the real server: a leader steps through the
 * agenda, followers and the wall screen follow, a late joiner catches up, the leader drops
 * out and someone else takes over, another team sees nothing.
 */

const BOARD = 'tavle-nord';
const GRACE_MS = 1500;

let srv: TestServer;
const clients: Client[] = [];
const cookies = new Map<string, string>();

async function open(username: string, board: string | null = BOARD): Promise<Client> {
  let cookie = cookies.get(username);
  if (!cookie) {
    cookie = await login(srv.baseUrl, username);
    cookies.set(username, cookie);
  }
  const c = await openMeetingClient(srv.baseUrl, cookie, username, board);
  clients.push(c);
  if (board) await waitFor(() => c.states.length > 0, { what: `${username}'s initial meeting:state` });
  return c;
}

beforeAll(async () => {
  srv = await startServer({ env: { MEETING_LEADER_GRACE_MS: String(GRACE_MS) } });
});
afterAll(async () => {
  for (const c of clients) c.socket.close();
  await srv?.stop();
  srv?.cleanup();
});

describe('meeting control over socket.io', () => {
  let frederik: Client; // koordinator, leads
  let frederikPhone: Client; // the same user on a second device
  let anne: Client; // ssh, follows and later takes over
  let wall: Client; // skaerm-nord, read-only
  let camilla: Client; // sygeplejerske, joins late
  let hanne: Client; // team syd

  it('everyone who joins gets the (empty) meeting state', async () => {
    [frederik, frederikPhone, anne, wall] = await Promise.all([
      open('frederik'),
      open('frederik'),
      open('anne'),
      open('skaerm-nord'),
    ]);
    for (const c of [frederik, anne, wall]) {
      expect(c.last()).toMatchObject({ boardId: BOARD, meeting: null });
      expect(typeof c.last()!.serverNow).toBe('number');
    }
  });

  it('the wall screen cannot start; a koordinator starts and leads', async () => {
    expect(ackCode(await wall.send('meeting:start', { boardId: BOARD, meetingId: 'm-1', type: 'tavlemoede' }))).toBe(
      'forbidden',
    );
    const before = Date.now();
    expect(await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'm-1', type: 'tavlemoede' })).toEqual({
      ok: true,
    });
    for (const c of [frederik, anne, wall]) {
      const m = await stateMatching(c, (s) => s.meeting?.meetingId === 'm-1', 'meeting started');
      expect(m.meeting).toMatchObject({
        type: 'tavlemoede',
        leader: { userId: 'u-frederik', name: 'Frederik Dahl' },
        currentItemId: null,
        paused: false,
      });
      expect(m.meeting!.startedAt).toBeGreaterThanOrEqual(before - 5000);
    }
    expect(ackCode(await anne.send('meeting:start', { boardId: BOARD, meetingId: 'm-2', type: 'udvidet' }))).toBe(
      'meeting_running',
    );
  });

  it('the leader advances and followers and the wall screen receive the item', async () => {
    const ack = await frederik.send('meeting:goto', {
      boardId: BOARD,
      itemId: 'c:card-1',
      cardId: 'card-1',
      timeBoxSec: 120,
    });
    expect(ack).toEqual({ ok: true });
    for (const c of [frederik, frederikPhone, anne, wall]) {
      const m = await stateMatching(c, (s) => s.meeting?.currentItemId === 'c:card-1', 'item 1');
      expect(m.meeting).toMatchObject({ currentCardId: 'card-1', itemTimeBoxSec: 120 });
      expect(m.meeting!.itemStartedAt).toBeLessThanOrEqual(m.serverNow);
    }
    await frederik.send('meeting:goto', { boardId: BOARD, itemId: 'c:card-2', cardId: 'card-2', timeBoxSec: 60 });
    await stateMatching(anne, (s) => s.meeting?.currentCardId === 'card-2', 'item 2');
  });

  it('others cannot advance; the wall screen can neither advance nor point', async () => {
    const goto = { boardId: BOARD, itemId: 'c:card-9', cardId: 'card-9', timeBoxSec: null };
    expect(ackCode(await anne.send('meeting:goto', goto))).toBe('not_leader');
    expect(ackCode(await wall.send('meeting:goto', goto))).toBe('forbidden');
    expect(ackCode(await wall.send('meeting:point', { boardId: BOARD, cardId: 'card-9' }))).toBe('forbidden');
    expect(ackCode(await anne.send('meeting:end', { boardId: BOARD }))).toBe('not_leader');
    expect(frederik.last()!.meeting!.currentCardId).toBe('card-2');
  });

  it('a participant points at a card and everyone sees who and until when', async () => {
    expect(await anne.send('meeting:point', { boardId: BOARD, cardId: 'card-5' })).toEqual({ ok: true });
    for (const c of [frederik, anne, wall]) {
      const p = await waitFor(() => c.pointed.find((x) => x.cardId === 'card-5'), { what: `${c.name} pointed` });
      expect(p).toMatchObject({ boardId: BOARD, by: { userId: 'u-anne', name: 'Anne Holm', color: '#1f77b4' } });
      expect(p.until).toBeGreaterThan(p.serverNow);
    }
  });

  it('pointing is rate-limited per socket', async () => {
    const acks = await Promise.all(
      Array.from({ length: 12 }, () => anne.send('meeting:point', { boardId: BOARD, cardId: 'card-6' })),
    );
    const limited = acks.filter((a) => ackCode(a) === 'rate_limited').length;
    expect(limited).toBeGreaterThanOrEqual(7);
    // Another socket has its own budget.
    expect(await frederik.send('meeting:point', { boardId: BOARD, cardId: 'card-6' })).toEqual({ ok: true });
  });

  it('a late joiner gets the current state on board:join', async () => {
    camilla = await open('camilla');
    expect(camilla.states).toHaveLength(1);
    expect(camilla.last()!.meeting).toMatchObject({
      meetingId: 'm-1',
      leader: { userId: 'u-frederik' },
      currentItemId: 'c:card-2',
      currentCardId: 'card-2',
      itemTimeBoxSec: 60,
    });
  });

  it('another team’s user can neither see nor control the meeting', async () => {
    hanne = await open('hanne', null);
    const join = await new Promise<BoardJoinAck>((res) => hanne.socket.emit('board:join', { boardId: BOARD }, res));
    expect(join).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(ackCode(await hanne.send('meeting:takeover', { boardId: BOARD }))).toBe('not_joined');
    expect(ackCode(await hanne.send('meeting:point', { boardId: BOARD, cardId: 'card-1' }))).toBe('not_joined');
    expect(ackCode(await hanne.send('meeting:start', { boardId: BOARD, meetingId: 'm-x', type: 'tavlemoede' }))).toBe(
      'not_joined',
    );
    // Her own board has no meeting and is separate.
    const own = await new Promise<BoardJoinAck>((res) =>
      hanne.socket.emit('board:join', { boardId: 'tavle-syd' }, res),
    );
    expect(own).toEqual({ ok: true, boardId: 'tavle-syd' });
    const m = await waitFor(() => hanne.last());
    expect(m).toMatchObject({ boardId: 'tavle-syd', meeting: null });
    expect(
      ackCode(await hanne.send('meeting:goto', { boardId: BOARD, itemId: 'x', cardId: null, timeBoxSec: null })),
    ).toBe('not_joined');
    expect(hanne.states.every((s) => s.boardId === 'tavle-syd')).toBe(true);
    expect(hanne.pointed).toHaveLength(0);
  });

  it('malformed payloads get an error ack and the server stays up', async () => {
    const bad: [string, unknown][] = [
      ['meeting:goto', null],
      ['meeting:goto', 'c:card-1'],
      ['meeting:goto', { boardId: BOARD, itemId: 'c:card-1' }],
      ['meeting:goto', { boardId: BOARD, itemId: 'x y', cardId: null, timeBoxSec: null }],
      ['meeting:goto', { boardId: BOARD, itemId: 'x', cardId: null, timeBoxSec: -1 }],
      ['meeting:start', { boardId: BOARD, meetingId: 'm', type: 'fest' }],
      ['meeting:point', { boardId: '../etc', cardId: 'x' }],
      ['meeting:handover', { boardId: BOARD, userId: 42 }],
      ['meeting:takeover', { boardId: BOARD, leader: { userId: 'u-anne' } }],
      ['meeting:pause', { boardId: BOARD, paused: 'yes' }],
    ];
    for (const [event, payload] of bad) {
      expect(ackCode(await frederik.send(event, payload)), `${event} ${JSON.stringify(payload)}`).toBe(
        'invalid_request',
      );
    }
    // Without an ack callback, too: no crash, nothing changes.
    frederik.socket.emit('meeting:goto', { boardId: BOARD } as never, undefined as never);
    (frederik.socket as unknown as Socket).emit('meeting:end');
    expect(await frederik.send('meeting:pause', { boardId: BOARD, paused: false })).toEqual({ ok: true });
    expect((await health(srv.baseUrl)).status).toBe('ok');
    expect(srv.proc.exitCode).toBeNull();
    expect(frederik.last()!.meeting!.currentCardId).toBe('card-2');
  });

  it('the leader disconnects; after the grace period someone else takes over and advances', async () => {
    // One of the leader's two devices goes away: they are still there, nobody may take over.
    frederikPhone.socket.close();
    expect(ackCode(await anne.send('meeting:takeover', { boardId: BOARD }))).toBe('leader_present');

    const version = anne.last()!.meeting!.version;
    frederik.socket.close();
    const closedAt = Date.now();
    const lost = await stateMatching(anne, (s) => s.meeting?.leader === null, 'leader null');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(lost.meeting).toMatchObject({ meetingId: 'm-1', currentCardId: 'card-2', version: version + 1 });
    await stateMatching(wall, (s) => s.meeting?.leader === null, 'leader null');

    expect(ackCode(await wall.send('meeting:takeover', { boardId: BOARD }))).toBe('forbidden');
    expect(await anne.send('meeting:takeover', { boardId: BOARD })).toEqual({ ok: true });
    expect(ackCode(await camilla.send('meeting:takeover', { boardId: BOARD }))).toBe('leader_present');
    await stateMatching(camilla, (s) => s.meeting?.leader?.userId === 'u-anne', 'anne leads');

    expect(await anne.send('meeting:goto', { boardId: BOARD, itemId: 'q:q-1', cardId: null, timeBoxSec: 300 })).toEqual(
      { ok: true },
    );
    for (const c of [camilla, wall]) {
      const m = await stateMatching(c, (s) => s.meeting?.currentItemId === 'q:q-1', 'item q-1');
      expect(m.meeting).toMatchObject({ leader: { userId: 'u-anne', name: 'Anne Holm' }, currentCardId: null });
    }

    // Frederik comes back: he sees the meeting as it is and is a participant now.
    frederik = await open('frederik');
    expect(frederik.last()!.meeting).toMatchObject({ leader: { userId: 'u-anne' }, currentItemId: 'q:q-1' });
    expect(ackCode(await frederik.send('meeting:takeover', { boardId: BOARD }))).toBe('leader_present');
  });

  it('hand over to someone present, then end the meeting', async () => {
    expect(ackCode(await anne.send('meeting:handover', { boardId: BOARD, userId: 'u-dorte' }))).toBe('not_present');
    expect(ackCode(await anne.send('meeting:handover', { boardId: BOARD, userId: 'u-skaerm-nord' }))).toBe('forbidden');
    expect(await anne.send('meeting:handover', { boardId: BOARD, userId: 'u-camilla' })).toEqual({ ok: true });
    await stateMatching(wall, (s) => s.meeting?.leader?.userId === 'u-camilla', 'camilla leads');
    expect(ackCode(await anne.send('meeting:end', { boardId: BOARD }))).toBe('not_leader');
    expect(await camilla.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
    for (const c of [anne, wall, frederik])
      await stateMatching(c, (s) => s.meeting === null && s.serverNow > 0, 'ended');
    expect(ackCode(await anne.send('meeting:point', { boardId: BOARD, cardId: 'card-1' }))).toBe('no_meeting');
  });

  it('a leader who comes back within the grace period still leads', async () => {
    expect(await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'm-2', type: 'tvaerfagligt' })).toEqual({
      ok: true,
    });
    await stateMatching(anne, (s) => s.meeting?.meetingId === 'm-2', 'm-2 started');
    frederik.socket.close();
    const firstClose = Date.now();
    frederik = await open('frederik');
    expect(Date.now() - firstClose).toBeLessThan(GRACE_MS); // back in time
    expect(frederik.last()!.meeting).toMatchObject({ meetingId: 'm-2', leader: { userId: 'u-frederik' } });
    // Leaving again starts a fresh grace period: the first one was cancelled by the return.
    frederik.socket.close();
    const secondClose = Date.now();
    await stateMatching(anne, (s) => s.meeting?.meetingId === 'm-2' && s.meeting.leader === null, 'm-2 leaderless');
    expect(Date.now() - secondClose).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(anne.states.filter((s) => s.meeting?.meetingId === 'm-2' && s.meeting.leader === null)).toHaveLength(1);
  });
});
