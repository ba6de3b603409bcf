import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { CARD_DEFAULTS } from '../../shared/model/card.js';
import { LIFECYCLE_COLLECTION_KEYS } from '../../shared/model/lifecycle.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { CloseCode, MAX_UPDATE_BYTES, UPDATE_RATE } from '../../shared/protocol/limits.js';
import { parseRefusalReason } from '../../shared/rules/writeRules.js';
import {
  attempt,
  deleteEverything,
  updateFrame,
  watchBoard,
  type Outcome,
  type WatchedBoard,
} from '../helpers/attack.js';
import { boardProblems } from '../helpers/boardValid.js';
import { login, openRawSocket, sqlOn, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/*
 * The attack sequences of issue #10, each through the real sync endpoint as a stock
 * y-websocket client (or a raw socket for frames no client library would send): every one
 * is refused with the board intact, and the other clients are unaffected: still connected,
 * later edits still reach them. Demo Kommune's matrix is permissive (the team may create,
 * adjust down and close); the "standard" preset is switched on where the issue used it.
 */
const BOARD = 'tavle-nord';
const FREDERIK = localOrigin('u-frederik');
const ANNE = localOrigin('u-anne');
const MARKER_CARD = 'nord-01';
const CARD = 'nord-04';

type User = 'anne' | 'frederik' | 'eva' | 'admin' | 'camilla';
/** The server, the observer (sees what is relayed, never disturbed) and the marker writer. */
let watched: WatchedBoard;
let srv: TestServer;
const cookies = {} as Record<User, string>;
let observer: BoardClient;
let writer: BoardClient;
/** The board as the observer had it before any attack: every attack must leave it so. */
let baseline: { cards: number; phases: string; meta: string };

beforeAll(async () => {
  watched = await watchBoard(BOARD, MARKER_CARD);
  ({ srv, observer, writer } = watched);
  for (const u of ['anne', 'frederik', 'eva', 'admin', 'camilla'] as const) cookies[u] = await login(srv.baseUrl, u);
  baseline = snapshot(observer);
  expect(baseline.cards).toBe(40);
});
afterAll(async () => {
  await watched?.close();
});

function snapshot(c: BoardClient) {
  return {
    cards: c.board.cards().length,
    phases: JSON.stringify(c.doc.getMap('phases').toJSON()),
    meta: JSON.stringify(c.doc.getMap('meta').toJSON()),
  };
}

const tryAs = (user: User, edit: (c: BoardClient) => void, timeoutMs?: number) =>
  attempt(srv, cookies[user], BOARD, observer.doc, edit, timeoutMs ? { timeoutMs } : {});

function expectRefused(outcome: Outcome, reason: string | RegExp, code: number = CloseCode.writeRefused): void {
  expect(outcome.accepted, 'the attack should be refused').toBe(false);
  if (outcome.accepted) return;
  expect(outcome.code).toBe(code);
  const refused = parseRefusalReason(outcome.reason).code;
  if (typeof reason === 'string') expect(refused).toBe(reason);
  else expect(refused).toMatch(reason);
}

/**
 * A later edit by the well-behaved writer reaches the observer; nothing of `refused` did;
 * the board's cards, columns and settings are as before; observer and writer still connected.
 */
async function expectIntact(refused: Outcome[]): Promise<void> {
  await watched.expectUndisturbed(refused.map((o) => o.clientID));
  expect(snapshot(observer)).toEqual(baseline);
  expect(boardProblems(observer.doc)).toEqual([]);
}

const audits = (userId: string) =>
  sqlOn<{ detail: string; card_id: string | null }>(
    srv.dataDir,
    "SELECT detail, card_id FROM audit_log WHERE action = 'write_rejected' AND user_id = ? ORDER BY id",
    userId,
  ).map((r) => ({ ...(JSON.parse(r.detail) as { role: string; code: string; path: string }), cardId: r.card_id }));

/** Deletes every key of cards, phases and meta in one transaction (11 bytes on the wire). */
const wipeKeys = (c: BoardClient) =>
  c.doc.transact(() => {
    for (const root of ['cards', 'phases', 'meta']) {
      const map = c.doc.getMap(root);
      for (const key of [...map.keys()]) map.delete(key);
    }
  });

/** Runs `fn` with the municipality on the "standard" preset (only the visitator decides). */
async function underStandardPreset(fn: () => Promise<void>): Promise<void> {
  const [{ delegation }] = sqlOn<{ delegation: string }>(
    srv.dataDir,
    "SELECT delegation FROM municipalities WHERE id = 'demo-kommune'",
  ) as [{ delegation: string }];
  sqlOn(srv.dataDir, `UPDATE municipalities SET delegation = '"standard"' WHERE id = 'demo-kommune'`);
  try {
    await fn();
  } finally {
    sqlOn(srv.dataDir, 'UPDATE municipalities SET delegation = ? WHERE id = ?', delegation, 'demo-kommune');
  }
}

describe('wiping the board', () => {
  it('by deleting every key of cards, phases and meta: refused for an SSH, a koordinator (permissive matrix) and an administrator', async () => {
    const outcomes: Outcome[] = [];
    for (const who of ['anne', 'frederik', 'admin'] as const) {
      outcomes.push(await tryAs(who, wipeKeys));
      expectRefused(outcomes.at(-1)!, /^(invalid|board_settings|delete_card)$/);
    }
    await expectIntact(outcomes);
    expect(audits('u-anne').at(-1)).toMatchObject({ role: 'ssh' });
    expect(audits('u-frederik').at(-1)).toMatchObject({ role: 'koordinator' });
  });

  it('deleting every card alone is a deletion only an administrator may make', async () => {
    const deleteCards = (c: BoardClient) =>
      c.doc.transact(() => {
        const cards = c.doc.getMap('cards');
        for (const key of [...cards.keys()]) cards.delete(key);
      });
    const outcomes: Outcome[] = [];
    for (const who of ['anne', 'frederik'] as const) {
      outcomes.push(await tryAs(who, deleteCards));
      expectRefused(outcomes.at(-1)!, 'delete_card');
    }
    await expectIntact(outcomes);
    expect(audits('u-frederik').at(-1)).toMatchObject({ role: 'koordinator', code: 'delete_card' });
  });

  it('by a delete set covering every client’s whole clock range, applied by the client or sent crafted', async () => {
    const everything = () => deleteEverything(Y.decodeStateVector(Y.encodeStateVector(observer.doc)));
    expect(Y.decodeUpdate(everything()).ds.clients.size).toBeGreaterThan(0);
    // The stock client applies it to its copy and sends what that deleted.
    const applied = await tryAs('frederik', (c) => Y.applyUpdate(c.doc, everything()));
    // The crafted update itself, in a sync frame on the provider's socket.
    const crafted = await tryAs('anne', (c) => c.provider.ws!.send(updateFrame(everything())));
    expectRefused(applied, /^(invalid|board_settings|delete_card)$/);
    expectRefused(crafted, /^(invalid|board_settings|delete_card)$/);
    await expectIntact([applied, crafted]);
  });
});

describe('getting around the delegation matrix', () => {
  it('kind flip: afsluttet made a follow-up column, the card moved in, the kind flipped back — each step refused', async () => {
    await underStandardPreset(async () => {
      const phase = observer.doc.getMap('phases').get('afsluttet') as object;
      const flip = (kind: string) => (c: BoardClient) => c.doc.getMap('phases').set('afsluttet', { ...phase, kind });
      const move = (c: BoardClient) =>
        (c.doc.getMap('cards').get(CARD) as Y.Map<unknown>).set('position', { phaseId: 'afsluttet', key: 'zz' });
      const steps = [
        await tryAs('anne', flip('followup')),
        await tryAs('anne', move),
        await tryAs('anne', flip('closed')),
      ];
      expectRefused(steps[0]!, 'board_settings');
      expectRefused(steps[1]!, 'close');
      expectRefused(steps[2]!, 'board_settings');
      // All three in one transaction: the phases end as they were, but they were touched.
      const oneGo = await tryAs('anne', (c) =>
        c.doc.transact(() => {
          flip('followup')(c);
          move(c);
          flip('closed')(c);
        }),
      );
      expectRefused(oneGo, 'board_settings');
      await expectIntact([...steps, oneGo]);
      expect(observer.board.card(CARD)!.position.phaseId).not.toBe('afsluttet');
    });
  });

  it('delete + recreate the same card id with more weekly hours is an adjustment up', async () => {
    const hours = observer.board.card(CARD)!.lifecycle.weeklyHours ?? 0;
    const card = observer.board.card(CARD)!;
    const recreate = (c: BoardClient) =>
      c.doc.transact(() => {
        c.board.deleteCard(CARD, ANNE);
        c.board.createCard({ name: card.name, phaseId: card.position.phaseId, triage: card.triage }, ANNE, CARD);
        c.board.setLifecycle(CARD, { weeklyHours: hours + 10 }, ANNE);
      }, ANNE);
    // Staff under the demo matrix: the team may create and close, but not adjust up.
    const staff = await tryAs('anne', recreate);
    expectRefused(staff, 'adjustUp');
    // Deleting first, to recreate in a second update, is already refused.
    const deleteFirst = await tryAs('frederik', (c) => c.doc.getMap('cards').delete(CARD));
    expectRefused(deleteFirst, 'delete_card');
    await expectIntact([staff, deleteFirst]);
    expect(observer.board.card(CARD)!.lifecycle.weeklyHours ?? 0).toBe(hours);
    expect(audits('u-anne').at(-1)).toMatchObject({ code: 'adjustUp', cardId: CARD, path: `cards.${CARD}` });
  });

  it('writing in someone else’s name is refused: a decision "by" the visitator, a request decided "by" her', async () => {
    const decision = await tryAs('anne', (c) =>
      c.board.recordDecision(CARD, { code: 'E2', reason: 'Mere hjælp', by: 'u-eva', byName: 'Eva' }, ANNE),
    );
    expectRefused(decision, 'impersonation');
    const own = await tryAs('anne', (c) =>
      c.board.recordDecision(CARD, { code: 'E1', reason: 'Uændret', by: 'u-anne', byName: 'Anne' }, ANNE),
    );
    expect(own.accepted).toBe(true);
    await expectIntact([decision]);
    expect(observer.board.card(CARD)!.lifecycle.decisions.map((d) => d.by)).not.toContain('u-eva');
    expect(audits('u-anne').at(-1)).toMatchObject({ code: 'impersonation' });
  });
});

describe('getting around the bytteydelser rules', () => {
  const swapsOf = (c: BoardClient) =>
    (c.doc.getMap('cards').get(CARD) as Y.Map<unknown>).get('swaps') as Y.Map<unknown>;
  const swap = (id: string, givenUp: string) => ({
    id,
    at: '2026-03-02T09:00:00.000Z',
    by: 'u-anne',
    byName: 'Anne',
    givenUp,
    instead: 'Gåtur',
  });

  it('medicine swapped straight into the map, a swap with the card re-created unsuitable, a logged swap changed: each refused', async () => {
    const suitable = await tryAs('anne', (c) =>
      c.board.setLifecycle(CARD, { swapSuitable: true, swapReason: 'Glad for gåture' }, ANNE),
    );
    expect(suitable.accepted).toBe(true);
    const raw = await tryAs('anne', (c) => swapsOf(c).set('swap-raw', swap('swap-raw', 'MEDICIN')));
    expectRefused(raw, 'swap_not_swappable');
    const unsuitable = await tryAs('anne', (c) =>
      c.doc.transact(() => {
        c.board.setLifecycle(CARD, { swapSuitable: false }, ANNE);
        swapsOf(c).set('swap-u', swap('swap-u', 'rengoering'));
      }, ANNE),
    );
    expectRefused(unsuitable, 'swap_not_suitable');
    const own = await tryAs('anne', (c) => swapsOf(c).set('swap-ok', swap('swap-ok', 'rengoering')));
    expect(own.accepted).toBe(true);
    const changed = await tryAs('anne', (c) =>
      swapsOf(c).set('swap-ok', { ...swap('swap-ok', 'rengoering'), instead: 'Kort' }),
    );
    expectRefused(changed, 'swap_append_only');
    const removed = await tryAs('frederik', (c) => swapsOf(c).delete('swap-ok'));
    expectRefused(removed, 'swap_append_only');
    await expectIntact([raw, unsuitable, changed, removed]);
    const swaps = observer.board.card(CARD)!.lifecycle.swaps;
    expect(swaps.map((x) => [x.id, x.instead])).toContainEqual(['swap-ok', 'Gåtur']);
    expect(swaps.map((x) => x.id)).not.toContain('swap-raw');
  });
});

describe('poisoned values', () => {
  const cardField =
    (field: string, value: () => unknown, card = CARD) =>
    (c: BoardClient) =>
      (c.doc.getMap('cards').get(card) as Y.Map<unknown>).set(field, value());
  const phase = (patch: Record<string, unknown>) => (c: BoardClient) =>
    c.doc.getMap('phases').set('uge5', { ...(c.doc.getMap('phases').get('uge5') as object), ...patch });

  const CASES: [string, User, (c: BoardClient) => void][] = [
    ['a card position as an array', 'frederik', cardField('position', () => [{ phaseId: 'uge2', key: 'a0' }])],
    ['a card position in an unknown phase', 'frederik', cardField('position', () => ({ phaseId: 'uge99', key: 'a0' }))],
    [
      'a closure on a card in an open column',
      'eva',
      cardField('closure', () => ({
        outcome: 'afsluttet',
        closedOn: '2026-11-20',
        by: 'u-eva',
        byName: 'Eva Mortensen',
        visitatorParticipated: true,
        note: '',
      })),
    ],
    ['phaseEnteredAt "i går"', 'frederik', cardField('phaseEnteredAt', () => 'i går')],
    ['a 5,000-character card name', 'frederik', cardField('name', () => 'N'.repeat(5000))],
    ['a phase with position null (as administrator)', 'admin', phase({ position: null })],
    ['a phase with a 5,000-character title (as administrator)', 'admin', phase({ title: 'T'.repeat(5000) })],
    ['meta.epoch "x" (as administrator)', 'admin', (c) => c.doc.getMap('meta').set('epoch', 'x')],
    ['an unknown root map', 'frederik', (c) => c.doc.getMap('hemmelig').set('x', 'Karen Marie har KOL')],
    [
      'list content under a map root',
      'frederik',
      (c) => {
        const rogue = new Y.Doc();
        rogue.getArray('cards').insert(0, ['x']);
        c.provider.ws!.send(updateFrame(Y.encodeStateAsUpdate(rogue)));
      },
    ],
    ['a Y.Text as a card note', 'frederik', cardField('note', () => new Y.Text('Karen Marie har KOL'))],
    [
      'a card name that is there but holds no value (a format mark as map content)',
      'frederik',
      (c) =>
        c.doc.transact((tr) => {
          const card = c.doc.getMap('cards').get(CARD) as Y.Map<unknown>;
          const left = card._map.get('name') ?? null;
          const id = Y.createID(c.doc.clientID, Y.getState(c.doc.store, c.doc.clientID));
          new Y.Item(
            id,
            left,
            left?.lastId ?? null,
            null,
            null,
            card,
            'name',
            new Y.ContentFormat('b', true),
          ).integrate(tr, 0);
        }),
    ],
  ];

  it.each(CASES)('%s is refused as invalid', async (_name, user, edit) => {
    const o = await tryAs(user, edit);
    expectRefused(o, 'invalid');
    await expectIntact([o]);
  });

  it('a 1.5 MB note is refused as too large before it touches the board; a 5 MB one is cut off by the socket (1009)', async () => {
    const big = await tryAs(
      'frederik',
      cardField('note', () => 'n'.repeat(MAX_UPDATE_BYTES * 1.5)),
    );
    expectRefused(big, 'too_large');
    const huge = await tryAs(
      'frederik',
      cardField('note', () => 'n'.repeat(5 * 1024 * 1024)),
    );
    expect(huge.accepted).toBe(false);
    if (!huge.accepted) expect(huge.code).toBe(1009);
    await expectIntact([big, huge]);
  });
});

describe('incomplete updates', () => {
  /** A copy of the board with a new card in one update and an edit of it in a second one. */
  function dependentUpdates(): { first: Uint8Array; second: Uint8Array } {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(observer.doc));
    const sv0 = Y.encodeStateVector(doc);
    new BoardDoc(doc).createCard({ name: 'Afhængig Borger', phaseId: 'henvist' }, FREDERIK, 'c-afhaengig');
    const sv1 = Y.encodeStateVector(doc);
    (doc.getMap('cards').get('c-afhaengig') as Y.Map<unknown>).set('note', 'efter');
    return { first: Y.encodeStateAsUpdate(doc, sv0), second: Y.encodeStateAsUpdate(doc, sv1) };
  }

  it('an update whose structs depend on one the server never got is refused as incomplete', async () => {
    const { second } = dependentUpdates();
    const o = await tryAs('frederik', (c) => c.provider.ws!.send(updateFrame(second)));
    expectRefused(o, 'incomplete');
    // A delete set for a client the server has never heard of is just as incomplete.
    const ds = await tryAs('frederik', (c) =>
      c.provider.ws!.send(updateFrame(deleteEverything(new Map([[123456789, 5]])))),
    );
    expectRefused(ds, 'incomplete');
    await expectIntact([o, ds]);
    // The later arrival of the missing part does not bring the refused part with it.
    expect(observer.doc.getMap('cards').has('c-afhaengig')).toBe(false);
  });
});

describe('limits that keep the server responsive', () => {
  /**
   * `count` new cards in one update, on a copy of the board: minimal ones (name and
   * position), or full ones as BoardDoc writes them (every field, empty collections).
   */
  function manyCards(count: number, prefix: string, full = false): Uint8Array {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(observer.doc));
    const sv = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let i = 0; i < count; i++) {
        const m = new Y.Map<unknown>();
        m.set('name', `Borger ${i}`);
        m.set('position', { phaseId: 'henvist', key: `a${i}` });
        if (full) {
          for (const [k, v] of Object.entries(CARD_DEFAULTS)) m.set(k, v);
          m.set('note', 'Fuld note om borgeren. '.repeat(3));
          m.set('phaseEnteredAt', '2026-11-24');
          m.set('createdAt', '2026-11-24T09:00:00.000Z');
          for (const k of LIFECYCLE_COLLECTION_KEYS) m.set(k, new Y.Map<unknown>());
        }
        doc.getMap('cards').set(`${prefix}${i}`, m);
      }
    });
    return Y.encodeStateAsUpdate(doc, sv);
  }

  /** Polls /healthz one request after another until `until` settles; the slowest answer, ms. */
  async function worstHealthz(until: Promise<unknown>): Promise<{ worst: number; count: number }> {
    let done = false;
    void until.finally(() => (done = true));
    let worst = 0;
    let count = 0;
    while (!done || count === 0) {
      const t0 = performance.now();
      const res = await fetch(`${srv.baseUrl}/healthz`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      worst = Math.max(worst, performance.now() - t0);
      count++;
    }
    return { worst, count };
  }

  it('10,000 cards in two updates are refused (too many cards / too large) while /healthz keeps answering', async () => {
    const small = [manyCards(5000, 'x1-'), manyCards(5000, 'x2-')];
    const full = [manyCards(5000, 'y1-', true), manyCards(5000, 'y2-', true)];
    for (const u of small) expect(u.byteLength).toBeLessThan(MAX_UPDATE_BYTES);
    // One attacker, one update after the other (a refused sender is cut off, so it reconnects).
    const attack = (async () => {
      const outcomes: Outcome[] = [];
      for (const u of [...small, ...full]) {
        outcomes.push(await tryAs('frederik', (c) => c.provider.ws!.send(updateFrame(u)), 30_000));
      }
      return outcomes;
    })();
    const { worst, count } = await worstHealthz(attack);
    const outcomes = await attack;
    for (const o of outcomes.slice(0, 2)) expectRefused(o, 'too_many_cards');
    // A full card is ~480 bytes: 5,000 of them are over the websocket's message limit (1009).
    for (const o of outcomes.slice(2)) expect(o.accepted ? 'accepted' : o.code).toBe(1009);
    console.info(`/healthz during the 10,000-card attack: worst ${worst.toFixed(0)} ms over ${count} requests`);
    // Each refused 5,000-card update still blocks the server for ~0.3 s (two decodes, the
    // staging apply and the check; measured alone). On a loaded 2-core machine the worst
    // answer was 0.5-0.85 s; the issue saw 2 s before the gate. 1.5 s keeps this from flaking.
    expect(worst).toBeLessThan(1500);
    await expectIntact(outcomes);
  });

  it(`more than ${UPDATE_RATE.burst} updates in a burst: the connection is cut off with 'rate'; the rest are not kept`, async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(observer.doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const board = new BoardDoc(doc);
    const total = UPDATE_RATE.burst + 100;
    for (let i = 1; i <= total; i++) board.updateCard(CARD, { note: `Burst ${i}` }, FREDERIK);
    const raw = await openRawSocket(srv.wsUrl, BOARD, cookies.frederik);
    for (const u of updates) raw.ws.send(updateFrame(u));
    expect(await raw.closed).toEqual({ code: CloseCode.writeRefused, reason: 'rate' });
    // What arrived within the burst was stored in order; nothing after the cut-off was.
    await waitFor(() => observer.board.card(CARD)?.note.startsWith('Burst'), { what: 'burst edits at the observer' });
    await watched.marker();
    const last = Number(observer.board.card(CARD)!.note.replace('Burst ', ''));
    expect(last).toBeGreaterThanOrEqual(UPDATE_RATE.burst - 5);
    expect(last).toBeLessThan(total);
    const rate = sqlOn<{ detail: string }>(
      srv.dataDir,
      "SELECT detail FROM audit_log WHERE action = 'write_rejected' AND user_id = 'u-frederik'",
    );
    expect(rate.map((r) => JSON.parse(r.detail))).toContainEqual({
      role: 'koordinator',
      code: 'rate',
      path: 'connection',
    });
    expect(observer.closeCodes).toEqual([]);
    expect(writer.closeCodes).toEqual([]);
  });

  it('logged no server errors', () => {
    expect(srv.stderr()).not.toMatch(/"level":"error"/);
  });
});
