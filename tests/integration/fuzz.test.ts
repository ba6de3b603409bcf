import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../server/logging.js';
import { DEMO_DELEGATION, DEMO_TEAMS, buildDemoBoard } from '../../server/seed/demo.js';
import type { Storage } from '../../server/storage/types.js';
import { LiveBoard, type BoardPeer } from '../../server/sync/board.js';
import { SyncConnection } from '../../server/sync/connection.js';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { ROOT_NAMES } from '../../shared/doc/layout.js';
import type { SessionUser } from '../../shared/model/user.js';
import { updateFrame } from '../helpers/attack.js';
import { assertBoardValid, boardProblems } from '../helpers/boardValid.js';
import { mutate, prng } from '../helpers/fuzz.js';
import {
  connectBoard,
  login,
  openRawSocket,
  startServer,
  waitFor,
  type RawSocket,
  type TestServer,
} from '../helpers/server.js';

/*
 * The hostile-frame fuzz (issue #10): real card edits, corrupted (bit flips, truncations,
 * splices of two updates, duplicated and reordered bytes), sent while a well-behaved client
 * keeps editing the same board. Whatever the server makes of a frame — malformed (4400),
 * refused (4423), or a corrupted edit that still decodes to a valid one — the board must fit
 * the layout throughout, and every edit of the well-behaved client must survive.
 *
 * The bulk (>= 10,000 frames, pinned seeds, so every run sends the same bytes in the same
 * order) runs in-process against a LiveBoard behind the real SyncConnection, where a
 * refused sender's reconnect costs nothing; a smaller part goes over the wire to the real
 * server with raw sockets that reconnect when they are closed.
 */
const NOW = new Date('2026-11-24T09:00:00.000Z');
const now = () => NOW;
const HOSTILE = localOrigin('u-anne');
const GOOD = localOrigin('u-camilla');
/** Cards the hostile templates edit (of a demo board); the well-behaved client only edits cards it made itself. */
const hostileCards = (team: 'nord' | 'syd', count: number) =>
  Array.from({ length: count }, (_, i) => `${team}-${String(i + 1).padStart(2, '0')}`);

/** The board's roots as JSON (Y.Doc.toJSON leaves out roots a doc never asked for by type). */
const rootsJSON = (doc: Y.Doc) => Object.fromEntries(ROOT_NAMES.map((n) => [n, doc.getMap(n).toJSON()]));

const user = (username: string, role: SessionUser['role']): SessionUser => ({
  id: `u-${username}`,
  username,
  name: username,
  role,
  teamIds: ['team-nord'],
  lang: 'da',
  color: '#000000',
});

/**
 * Real card edits as the client makes them (BoardDoc), each on its own copy of `state`
 * with its own client id, so every template applies to that state on its own.
 */
function cardEdits(state: Uint8Array, cards: string[], firstClientId: number): Uint8Array[] {
  const edits: ((b: BoardDoc, id: string, n: number) => void)[] = [
    (b, id) => b.updateCard(id, { note: 'Ringede til datteren, hun kommer fredag' }, HOSTILE),
    (b, id) => b.updateCard(id, { triage: 'red', contactPerson: 'Bent Nielsen' }, HOSTILE),
    (b, id) => b.moveCard(id, 'uge5', 0, HOSTILE),
    (b, id) => b.setLifecycle(id, { weeklyHours: 1.5, visitationDate: '2026-11-02' }, HOSTILE),
    (b, id, n) => b.addGoal(id, { id: `g-fjendtlig-${n}`, kind: 'citizen', text: 'Kunne gå til købmanden' }, HOSTILE),
    (b, id) => b.planOpstart(id, { plannedDate: '2026-11-30', participants: ['ssh', 'terapeut'] }, HOSTILE),
    (b, id) => b.closeForlob(id, { outcome: 'reduceret', closedOn: '2026-11-24', by: 'u-anne' }, HOSTILE),
    (b, _id, n) => b.createCard({ name: 'Ny Borger', phaseId: 'henvist' }, HOSTILE, `c-fjendtlig-${n}`),
  ];
  const out: Uint8Array[] = [];
  let n = 0;
  for (const id of cards) {
    for (const edit of edits) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      doc.clientID = firstClientId + n;
      const before = Y.encodeStateVector(doc);
      edit(new BoardDoc(doc, { now }), id, n++);
      out.push(Y.encodeStateAsUpdate(doc, before));
      doc.destroy();
    }
  }
  return out;
}

/**
 * The same board written by one pinned (realistically large) client id. The demo seed writes with a random one,
 * whose bytes are in every template: the fuzz's frames are only the same on every run when
 * the ids are.
 */
function withClientId(update: Uint8Array, clientID: number): Uint8Array {
  const source = new Y.Doc();
  Y.applyUpdate(source, update);
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const copy = (from: Y.Map<unknown>, to: Y.Map<unknown>) => {
    for (const [key, value] of from.entries()) {
      if (value instanceof Y.Map) {
        const nested = new Y.Map<unknown>();
        to.set(key, nested);
        copy(value as Y.Map<unknown>, nested);
      } else to.set(key, value);
    }
  };
  doc.transact(() => {
    for (const name of ROOT_NAMES) copy(source.getMap(name), doc.getMap(name));
  });
  return Y.encodeStateAsUpdate(doc);
}

/** A corrupted frame from the templates: mostly the update inside a valid frame, sometimes the frame itself. */
function hostileFrame(rand: () => number, templates: Uint8Array[]): Uint8Array {
  const pick = () => templates[Math.floor(rand() * templates.length)]!;
  const [a, b] = [pick(), pick()];
  if (rand() < 0.85) return updateFrame(mutate(rand, a, b).bytes);
  return mutate(rand, updateFrame(a), updateFrame(b)).bytes;
}

/**
 * The well-behaved client's edits, in turn: creating its own cards, then notes, triage,
 * moves between open columns, goals and nominations on them. Records what it wrote so the
 * test can check every edit survived.
 */
class GoodClient {
  readonly board: BoardDoc;
  readonly expected = new Map<string, { note: string; triage: string; phaseId: string }>();
  readonly goals: [string, string][] = [];
  readonly nominations: string[] = [];
  private n = 0;

  constructor(readonly doc: Y.Doc) {
    this.board = new BoardDoc(doc, { now });
  }

  edit(): void {
    const n = this.n++;
    const own = [...this.expected.keys()];
    if (own.length === 0 || n % 8 === 0) {
      const id = `god-${n}`;
      this.board.createCard({ name: `God Borger ${n}`, phaseId: 'henvist' }, GOOD, id);
      this.expected.set(id, { note: '', triage: 'green', phaseId: 'henvist' });
      return;
    }
    const id = own[n % own.length]!;
    const card = this.expected.get(id)!;
    switch (n % 5) {
      case 0:
        card.note = `Besøg ${n} gik godt`;
        this.board.updateCard(id, { note: card.note }, GOOD);
        return;
      case 1:
        card.triage = (['green', 'yellow', 'red'] as const)[n % 3]!;
        this.board.updateCard(id, { triage: card.triage as 'green' }, GOOD);
        return;
      case 2:
        card.phaseId = ['henvist', 'visiteret', 'opstart', 'uge2'][n % 4]!;
        this.board.moveCard(id, card.phaseId, 0, GOOD);
        return;
      case 3: {
        const goal = `g-god-${n}`;
        this.board.addGoal(id, { id: goal, kind: 'smart', text: `Mål ${n}` }, GOOD);
        this.goals.push([id, goal]);
        return;
      }
      default: {
        const nomination = `n-god-${n}`;
        new MeetingDoc(this.board, { now }).nominate(
          { by: 'u-camilla', cardId: id, note: `Nr. ${n}` },
          GOOD,
          nomination,
        );
        this.nominations.push(nomination);
      }
    }
  }

  /** Every edit it made is on `doc`. */
  expectSurvivedOn(doc: Y.Doc): void {
    const board = new BoardDoc(doc);
    expect(this.expected.size).toBeGreaterThan(5);
    for (const [id, want] of this.expected) {
      const card = board.card(id);
      expect(card, id).not.toBeNull();
      expect({ note: card!.note, triage: card!.triage, phaseId: card!.position.phaseId }, id).toEqual(want);
    }
    for (const [id, goal] of this.goals) {
      expect(
        board.card(id)!.lifecycle.goals.map((g) => g.id),
        id,
      ).toContain(goal);
    }
    const nominated = new MeetingDoc(board).nominations().map((x) => x.id);
    for (const id of this.nominations) expect(nominated).toContain(id);
  }
}

/** Enough of a `ws` WebSocket for SyncConnection: it records what it was closed with. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  closedWith: { code: number; reason: string } | null = null;
  send(): void {}
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }
}

describe('hostile-frame fuzz, in-process (LiveBoard behind SyncConnection)', () => {
  const SEEDS = [0x7a51e, 0xb0a4d, 0xc0ffee, 0x5eed];
  const FRAMES_PER_SEED = 2600;

  it(`${SEEDS.length * FRAMES_PER_SEED} corrupted card edits: the board fits the layout throughout and every good edit survives`, async () => {
    // Team Syd's board (15 citizens): a refusal rebuilds the staging copy, so a small board keeps 10,000 frames fast.
    const base = withClientId(buildDemoBoard(DEMO_TEAMS[1], NOW), 3_141_592_653);
    const stored: Uint8Array[] = [];
    const storage = {
      appendUpdate: async (_id: string, update: Uint8Array) => stored.push(update),
      compact: async () => {},
      appendAudit: async () => {},
    } as unknown as Storage;
    const live = new Y.Doc();
    Y.applyUpdate(live, base);
    const board = new LiveBoard('tavle-syd', live, { lastSeq: 0, logLength: 0 }, storage, {
      compactEvery: 1e9,
      log: silentLogger,
      // Every frame should reach the gate, not the budget that refuses a repeat offender unread.
      refusalsPerMinute: 1e9,
    });
    board.setPolicy({ matrix: async () => DEMO_DELEGATION });

    // The well-behaved client: synced, its updates submitted, what the server relays applied.
    const goodDoc = new Y.Doc();
    goodDoc.clientID = 1_234_567_890;
    Y.applyUpdate(goodDoc, base, 'server');
    const good = new GoodClient(goodDoc);
    const outbox: Uint8Array[] = [];
    goodDoc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'server' && outbox.push(u));
    const goodClosed: number[] = [];
    const goodPeer: BoardPeer = {
      origin: {},
      awarenessIds: new Set(),
      user: user('camilla', 'sygeplejerske'),
      send: (message) => {
        // [sync, update, payload]: the only kind the board sends besides awareness.
        if (message[0] === 0 && message[1] === 2) Y.applyUpdate(goodDoc, readPayload(message), 'server');
      },
      close: (code) => goodClosed.push(code),
    };
    board.addPeer(goodPeer);

    const templates = cardEdits(base, hostileCards('syd', 10), 2_000_000_000);
    const tally = new Map<string, number>();
    let socket: FakeSocket | null = null;
    let frames = 0;
    let checkedAt = 0;
    const started = performance.now();
    for (const seed of SEEDS) {
      const rand = prng(seed);
      for (let i = 0; i < FRAMES_PER_SEED; i++) {
        if (!socket || socket.closedWith) {
          socket = new FakeSocket();
          new SyncConnection(socket as unknown as WebSocket, user('anne', 'ssh'), board, silentLogger, () => {});
        }
        socket.emit('message', Buffer.from(hostileFrame(rand, templates)), true);
        frames++;
        if (i % 40 === 0) {
          good.edit();
          for (const u of outbox.splice(0)) void board.submitUpdate(u, goodPeer);
        }
        await board.flush();
        const verdict = socket.closedWith ? `${socket.closedWith.code} ${socket.closedWith.reason}` : 'kept open';
        tally.set(verdict, (tally.get(verdict) ?? 0) + 1);
        // Throughout: after every frame that changed the board (was stored), the whole board fits.
        if (stored.length > checkedAt) {
          checkedAt = stored.length;
          const problems = boardProblems(live);
          if (problems.length > 0) expect(problems, `after frame ${frames} (seed ${seed}, #${i})`).toEqual([]);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `in-process fuzz: ${frames} frames in ${seconds.toFixed(1)} s, ${stored.length} updates stored`,
      Object.fromEntries(tally),
    );

    expect(frames).toBeGreaterThanOrEqual(10_000);
    assertBoardValid(live);
    // The fuzz reached every stage: frames the protocol refused, and ones the gate refused.
    expect(tally.get('4400 malformed message') ?? 0).toBeGreaterThan(100);
    expect([...tally.keys()].filter((k) => k.startsWith('4423')).length).toBeGreaterThan(0);
    // The well-behaved client was never refused and has the server's board; all its edits are on it.
    expect(goodClosed).toEqual([]);
    expect(Y.encodeStateVector(goodDoc)).toEqual(Y.encodeStateVector(live));
    expect(rootsJSON(goodDoc)).toEqual(rootsJSON(live));
    good.expectSurvivedOn(live);
    // What was stored is exactly what the board holds: nothing refused reached the disk.
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, base);
    for (const u of stored) Y.applyUpdate(replayed, u);
    expect(rootsJSON(replayed)).toEqual(rootsJSON(live));
    await board.shutdown(4503, 'test');
  });
});

/** The payload of a `[sync, update, varUint8Array]` frame (lengths as lib0 varuints). */
function readPayload(message: Uint8Array): Uint8Array {
  let at = 2;
  let len = 0;
  let shift = 0;
  for (;;) {
    const byte = message[at++]!;
    len += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  return message.subarray(at, at + len);
}

describe('hostile-frame fuzz over the wire (real server, raw sockets that reconnect)', () => {
  let srv: TestServer | undefined;
  afterAll(async () => {
    await srv?.stop();
    srv?.cleanup();
  });

  it('corrupted card edits from three hostile connections while a well-behaved client edits: board valid, good edits all there', async () => {
    srv = await startServer({ env: { ARCHIVE_AFTER_DAYS: '3650', REFUSALS_PER_MINUTE: '100000' } });
    const server = srv;
    const [anne, frederik, camilla] = await Promise.all(
      ['anne', 'frederik', 'camilla'].map((u) => login(server.baseUrl, u)),
    );
    const goodClient = connectBoard(server, camilla!, 'tavle-nord');
    await goodClient.synced;
    const good = new GoodClient(goodClient.doc);
    const templates = cardEdits(Y.encodeStateAsUpdate(goodClient.doc), hostileCards('nord', 20), 200_000);

    const FRAMES_PER_WORKER = 200;
    let sent = 0;
    const worker = async (seed: number, cookie: string) => {
      const rand = prng(seed);
      let raw: RawSocket | null = null;
      let closed = false;
      for (let i = 0; i < FRAMES_PER_WORKER; i++) {
        if (!raw || closed) {
          raw = await openRawSocket(server.wsUrl, 'tavle-nord', cookie);
          closed = false;
          void raw.closed.then(() => (closed = true));
        }
        raw.ws.send(hostileFrame(rand, templates));
        sent++;
        // Give the server a moment to decide before the next frame (a closed socket reconnects).
        await Promise.race([raw.closed, new Promise((r) => setTimeout(r, 5))]);
      }
      raw?.ws.close();
    };
    const editing = (async () => {
      for (let i = 0; i < 60; i++) {
        good.edit();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await Promise.all([worker(0xa11ce, anne!), worker(0xf4ede, frederik!), worker(0xbe17, anne!), editing]);
    expect(sent).toBe(3 * FRAMES_PER_WORKER);

    // The good client was never cut off; a fresh client sees a valid board with all its edits.
    expect(goodClient.closeCodes).toEqual([]);
    const fresh = connectBoard(server, camilla!, 'tavle-nord');
    try {
      await fresh.synced;
      const last = [...good.expected].at(-1)!;
      await waitFor(() => fresh.board.card(last[0])?.note === last[1].note, { what: 'the good client’s edits' });
      await waitFor(
        () => Y.encodeStateVector(fresh.doc).toString() === Y.encodeStateVector(goodClient.doc).toString(),
        {
          what: 'fresh client in step with the good client',
        },
      );
      assertBoardValid(fresh.doc);
      good.expectSurvivedOn(fresh.doc);
    } finally {
      fresh.destroy();
      goodClient.destroy();
    }
    expect(server.stderr()).not.toMatch(/"level":"error"/);
  });
});
