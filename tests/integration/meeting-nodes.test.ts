import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharedMeetingRecord } from '../../shared/rules/meetingShared.js';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { ackCode, openMeetingClient, stateMatching, type MeetingClient as Client } from '../helpers/meetingClients.js';
import { login, waitFor, type TestServer } from '../helpers/server.js';

/*
 * Meeting control and "skjul alt" on two real nodes sharing one Redis and one PostgreSQL
 * (issue #14): the leader on node A, the wall on node B follows; two people on two nodes race
 * for the meeting and exactly one wins; Redis dies and comes back (with and without its
 * append-only file) and the meeting keeps its leader and its clock; the leader's node is
 * killed and the lead comes free on the other node after the grace period, with the meeting's
 * start and end recorded once.
 */

const BOARD = 'tavle-nord';
const GRACE_MS = 1500;
const EMPTY_END_MS = 3000;
const run = clusterAvailable('meeting control across nodes') ? describe : describe.skip;

let cluster: TestCluster;
const clients: Client[] = [];
const cookies = new Map<string, string>();
/** "meeting recorded" log lines of every node process (a killed node's stay). */
const recorded: { node: number; kind: string; meetingId: string }[] = [];

function watchLog(i: number, node: TestServer): void {
  createInterface({ input: node.proc.stdout! }).on('line', (line) => {
    try {
      const msg = JSON.parse(line) as { msg?: string; kind?: string; meetingId?: string };
      if (msg.msg === 'meeting recorded') recorded.push({ node: i, kind: msg.kind!, meetingId: msg.meetingId! });
    } catch {
      // not a log line
    }
  });
}

async function open(node: TestServer, username: string): Promise<Client> {
  let cookie = cookies.get(username);
  if (!cookie) cookies.set(username, (cookie = await login(node.baseUrl, username)));
  const c = await openMeetingClient(node.baseUrl, cookie, `${username}@${node.port}`, BOARD);
  clients.push(c);
  await waitFor(() => c.states.length > 0 && c.hidden.length > 0, { what: `${c.name}: initial state` });
  return c;
}

const close = (...cs: Client[]) => cs.forEach((c) => c.socket.close());

/** The record as Redis holds it (what a node that joins now would be told). */
async function recordInRedis(): Promise<SharedMeetingRecord | null> {
  const r = createClient({ url: cluster.redis.url });
  await r.connect();
  try {
    const raw = await r.hGet(`tavlen:meeting:${BOARD}`, 'rec');
    return raw ? (JSON.parse(raw) as SharedMeetingRecord) : null;
  } finally {
    await r.close();
  }
}

run('meeting control across two nodes', () => {
  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 2,
      persistRedis: true,
      env: {
        MEETING_LEADER_GRACE_MS: String(GRACE_MS),
        MEETING_EMPTY_END_MS: String(EMPTY_END_MS),
        LOG_LEVEL: 'info',
      },
    });
    cluster.nodes.forEach((n, i) => watchLog(i, n));
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.socket.close();
    await cluster?.stop();
  });

  it('the leader on node A, the wall and a colleague on node B follow the item, the clock and the pointer', async () => {
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const frederik = await open(a, 'frederik');
    const [wall, anne] = await Promise.all([open(b, 'skaerm-nord'), open(b, 'anne')]);
    expect(wall.last()?.meeting).toBeNull();

    const first = { itemId: 'ai-1', cardId: null, timeBoxSec: 120 };
    expect(
      await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'mn-1', type: 'tavlemoede', first }),
    ).toEqual({ ok: true });
    const led = await stateMatching(frederik, (s) => s.meeting?.meetingId === 'mn-1', 'started');
    const seen = await stateMatching(wall, (s) => s.meeting?.meetingId === 'mn-1', 'started on the other node');
    expect(seen.meeting).toEqual(led.meeting);
    expect(seen.meeting?.leader?.userId).toBe('u-frederik');
    expect(seen.meeting?.currentItemId).toBe('ai-1');

    expect(
      await frederik.send('meeting:goto', { boardId: BOARD, itemId: 'ai-2', cardId: null, timeBoxSec: 60 }),
    ).toEqual({ ok: true });
    const moved = await stateMatching(wall, (s) => s.meeting?.currentItemId === 'ai-2', 'the next item');
    expect(moved.meeting?.itemTimeBoxSec).toBe(60);
    expect(moved.meeting?.itemStartedAt).toBe(frederik.last()?.meeting?.itemStartedAt);

    // anne on B is not the leader, whichever node she is on
    expect(ackCode(await anne.send('meeting:pause', { boardId: BOARD, paused: true }))).toBe('not_leader');
    expect(await frederik.send('meeting:pause', { boardId: BOARD, paused: true })).toEqual({ ok: true });
    await stateMatching(wall, (s) => s.meeting?.paused === true, 'paused');
    expect(await frederik.send('meeting:pause', { boardId: BOARD, paused: false })).toEqual({ ok: true });
    await stateMatching(
      wall,
      (s) => s.meeting?.paused === false && s.meeting.pausedMs >= 0 && s.meeting.version > 3,
      'resumed',
    );

    // the pointer is broadcast to the room on every node, never stored
    expect(await anne.send('meeting:point', { boardId: BOARD, cardId: 'c-1' })).toEqual({ ok: true });
    await waitFor(() => frederik.pointed.find((p) => p.cardId === 'c-1' && p.by.userId === 'u-anne'), {
      what: 'the pointer reaches node A',
    });

    // handover to someone present on the other node
    expect(await frederik.send('meeting:handover', { boardId: BOARD, userId: 'u-anne' })).toEqual({ ok: true });
    await stateMatching(frederik, (s) => s.meeting?.leader?.userId === 'u-anne', 'anne leads');
    expect(await anne.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
    await stateMatching(wall, (s) => s.meeting === null, 'ended');
    await waitFor(() => recorded.filter((r) => r.meetingId === 'mn-1').length === 2, {
      what: 'start and end recorded',
    });
    expect(recorded.filter((r) => r.meetingId === 'mn-1').map((r) => r.kind)).toEqual(['start', 'end']);
    close(frederik, wall, anne);
  });

  it('two people on two nodes race to start, ten times: exactly one wins, the other is refused in Danish', async () => {
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const [frederik, camilla] = await Promise.all([open(a, 'frederik'), open(b, 'camilla')]);
    for (let round = 0; round < 10; round++) {
      const id = `race-${round}`;
      const acks = await Promise.all([
        frederik.send('meeting:start', { boardId: BOARD, meetingId: `${id}-f`, type: 'tavlemoede' }),
        camilla.send('meeting:start', { boardId: BOARD, meetingId: `${id}-c`, type: 'tavlemoede' }),
      ]);
      const winners = acks.filter((x) => x.ok);
      expect(winners, `round ${round}`).toHaveLength(1);
      const loser = acks.find((x) => !x.ok);
      expect(loser).toEqual({ ok: false, error: { code: 'meeting_running', message: 'Der kører allerede et møde.' } });
      const winner = acks[0]!.ok ? frederik : camilla;
      const winnerId = acks[0]!.ok ? `${id}-f` : `${id}-c`;
      // both nodes show the winner's meeting
      for (const c of [frederik, camilla])
        await stateMatching(c, (s) => s.meeting?.meetingId === winnerId, 'the winner');
      expect(await winner.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
      for (const c of [frederik, camilla])
        await stateMatching(c, (s) => s.meeting === null && s.serverNow > 0, 'ended');
      await waitFor(() => recorded.filter((r) => r.meetingId === winnerId).length === 2, { what: 'recorded' });
    }
    // no losing start was ever recorded
    expect(recorded.filter((r) => r.meetingId.startsWith('race-') && r.kind === 'start')).toHaveLength(10);

    // and a race for a free lead: one takes it
    expect(
      await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'race-lead', type: 'tavlemoede' }),
    ).toEqual({
      ok: true,
    });
    const [takeF, takeC] = await Promise.all([
      frederik.send('meeting:handover', { boardId: BOARD, userId: 'u-camilla' }),
      camilla.send('meeting:takeover', { boardId: BOARD }),
    ]);
    // camilla leads either way (handed over, or her takeover was refused first): never two leaders
    expect([ackCode(takeF), ackCode(takeC)]).toContain('ok');
    const leaders = await Promise.all(
      [frederik, camilla].map((c) =>
        stateMatching(c, (s) => s.meeting?.leader?.userId === 'u-camilla', 'camilla leads'),
      ),
    );
    expect(leaders.map((s) => s.meeting?.leader?.userId)).toEqual(['u-camilla', 'u-camilla']);
    expect(await camilla.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
    close(frederik, camilla);
  });

  it('skjul alt on node A covers the wall on node B, and a wall reconnecting to node A is still covered', async () => {
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const [frederik, wall] = await Promise.all([open(a, 'frederik'), open(b, 'skaerm-nord')]);
    expect(wall.hidden.at(-1)?.hidden).toBe(false);
    const hide = (hidden: boolean) =>
      new Promise((res) => frederik.socket.emit('screen:hide', { boardId: BOARD, hidden }, res));
    expect(await hide(true)).toEqual({ ok: true });
    await waitFor(() => wall.hidden.at(-1)?.hidden === true, { what: 'the wall on B is covered' });
    expect(wall.hidden.at(-1)).toEqual({ boardId: BOARD, hidden: true, byName: 'Frederik Dahl' });

    wall.socket.close();
    const again = await open(a, 'skaerm-nord');
    expect(again.hidden.at(-1)).toEqual({ boardId: BOARD, hidden: true, byName: 'Frederik Dahl' });
    const onB = await open(b, 'skaerm-nord');
    expect(onB.hidden.at(-1)?.hidden).toBe(true);

    expect(await hide(false)).toEqual({ ok: true });
    await waitFor(() => onB.hidden.at(-1)?.hidden === false, { what: 'uncovered on B' });
    close(frederik, again, onB);
  });

  it('a leader who moves to the other node within the grace period still leads; one who does not loses the lead', async () => {
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const frederik = await open(a, 'frederik');
    const camilla = await open(b, 'camilla');
    expect(await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'mn-move', type: 'tavlemoede' })).toEqual({
      ok: true,
    });
    await stateMatching(camilla, (s) => s.meeting?.meetingId === 'mn-move', 'started');
    frederik.socket.close();
    const moved = await open(b, 'frederik');
    // well past the grace period: still the leader, and nobody could take over
    await new Promise((r) => setTimeout(r, GRACE_MS + 1500));
    expect(ackCode(await camilla.send('meeting:takeover', { boardId: BOARD }))).toBe('leader_present');
    expect(camilla.last()?.meeting?.leader?.userId).toBe('u-frederik');

    moved.socket.close();
    const free = await stateMatching(
      camilla,
      (s) => s.meeting?.meetingId === 'mn-move' && s.meeting.leader === null,
      'free',
    );
    expect(free.meeting?.meetingId).toBe('mn-move');
    expect(await camilla.send('meeting:takeover', { boardId: BOARD })).toEqual({ ok: true });
    expect(await camilla.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
    close(camilla);
  });

  it('a meeting nobody is connected to ends after MEETING_EMPTY_END_MS, recorded once by one node', async () => {
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const frederik = await open(a, 'frederik');
    const anne = await open(b, 'anne');
    expect(await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'mn-empty', type: 'tavlemoede' })).toEqual(
      { ok: true },
    );
    await stateMatching(anne, (s) => s.meeting?.meetingId === 'mn-empty', 'started');
    close(frederik, anne);
    const end = await waitFor(() => recorded.find((r) => r.meetingId === 'mn-empty' && r.kind === 'end'), {
      what: 'the empty meeting ended',
      timeoutMs: 15_000,
    });
    // both nodes sweep every second: give a second ending the chance to show up
    await new Promise((r) => setTimeout(r, 2500));
    expect(recorded.filter((r) => r.meetingId === 'mn-empty' && r.kind === 'end')).toEqual([end]);
    const late = await open(a, 'anne');
    expect(late.last()?.meeting).toBeNull();
    close(late);
  });

  for (const persist of [false, true]) {
    it(`Redis killed and restarted mid-meeting (${persist ? 'with' : 'without'} its append-only file): one leader, the same clock`, async () => {
      const [a, b] = cluster.nodes as [TestServer, TestServer];
      const [frederik, wall, camilla] = await Promise.all([
        open(a, 'frederik'),
        open(b, 'skaerm-nord'),
        open(b, 'camilla'),
      ]);
      const id = `redis-${persist}`;
      const first = { itemId: 'ai-1', cardId: null, timeBoxSec: 300 };
      expect(
        await frederik.send('meeting:start', { boardId: BOARD, meetingId: id, type: 'tavlemoede', first }),
      ).toEqual({
        ok: true,
      });
      const before = (await stateMatching(wall, (s) => s.meeting?.meetingId === id, 'started')).meeting!;
      const endsAt = before.itemStartedAt! + before.itemTimeBoxSec! * 1000;

      await cluster.redis.kill();
      // while Redis is gone a command is refused plainly, nothing is decided
      expect(await camilla.send('meeting:start', { boardId: BOARD, meetingId: `${id}-x`, type: 'tavlemoede' })).toEqual(
        {
          ok: false,
          error: { code: 'unavailable', message: 'Mødestyringen kan ikke nås lige nu – prøv igen om lidt.' },
        },
      );
      await cluster.redis.restart({ persist });

      // the nodes write the meeting back (or find it in the append-only file)
      const back = await waitFor(
        async () => {
          const rec = await recordInRedis();
          return rec?.state?.meetingId === id ? rec : null;
        },
        {
          what: 'the meeting back in Redis',
          timeoutMs: 15_000,
        },
      );
      expect(back.state?.leader?.userId).toBe('u-frederik');
      expect(back.state!.itemStartedAt! + back.state!.itemTimeBoxSec! * 1000).toBe(endsAt);

      // a rival on the other node cannot start a second meeting nor take the lead
      expect(
        ackCode(await camilla.send('meeting:start', { boardId: BOARD, meetingId: `${id}-y`, type: 'tavlemoede' })),
      ).toBe('meeting_running');
      expect(ackCode(await camilla.send('meeting:takeover', { boardId: BOARD }))).toBe('leader_present');
      // a screen joining either node now sees the same meeting and the same end time
      for (const node of [a, b]) {
        const late = await open(node, 'skaerm-nord');
        const m = late.last()!.meeting!;
        expect(m.meetingId).toBe(id);
        expect(m.leader?.userId).toBe('u-frederik');
        expect(m.itemStartedAt! + m.itemTimeBoxSec! * 1000).toBe(endsAt);
        late.socket.close();
      }
      // and changes flow again from A to B
      expect(
        await frederik.send('meeting:goto', { boardId: BOARD, itemId: 'ai-2', cardId: null, timeBoxSec: 30 }),
      ).toEqual({ ok: true });
      await stateMatching(wall, (s) => s.meeting?.currentItemId === 'ai-2', 'the next item after the restart', 15_000);
      expect(await frederik.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
      await stateMatching(wall, (s) => s.meeting === null, 'ended');
      close(frederik, wall, camilla);
    });
  }

  it("the leader's node is killed: after the grace period the lead is free on the other node; start and end recorded once", async () => {
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const frederik = await open(a, 'frederik');
    const anne = await open(b, 'anne');
    expect(await frederik.send('meeting:start', { boardId: BOARD, meetingId: 'mn-kill', type: 'tavlemoede' })).toEqual({
      ok: true,
    });
    await stateMatching(anne, (s) => s.meeting?.leader?.userId === 'u-frederik', 'frederik leads');
    await waitFor(() => recorded.find((r) => r.meetingId === 'mn-kill' && r.kind === 'start'), {
      what: 'start recorded',
    });
    expect(ackCode(await anne.send('meeting:takeover', { boardId: BOARD }))).toBe('leader_present');

    const killedAt = Date.now();
    await a.kill('SIGKILL');
    const free = await stateMatching(
      anne,
      (s) => s.meeting?.meetingId === 'mn-kill' && s.meeting.leader === null,
      'lead free',
      20_000,
    );
    // not before the grace period: the dead node's presence must lapse first, then the grace
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(free.meeting?.meetingId).toBe('mn-kill');
    expect(await anne.send('meeting:takeover', { boardId: BOARD })).toEqual({ ok: true });
    await stateMatching(anne, (s) => s.meeting?.leader?.userId === 'u-anne', 'anne leads');
    expect(await anne.send('meeting:end', { boardId: BOARD })).toEqual({ ok: true });
    await waitFor(() => recorded.find((r) => r.meetingId === 'mn-kill' && r.kind === 'end'), { what: 'end recorded' });
    // a moment for a duplicate to show up if there were one (two sweeps, two nodes)
    await new Promise((r) => setTimeout(r, 2500));
    expect(recorded.filter((r) => r.meetingId === 'mn-kill').map((r) => `${r.kind}@${r.node}`)).toEqual([
      'start@0',
      'end@1',
    ]);
    close(anne);
  });
});
