import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { plainWrites, type PlainWrites } from '../../shared/doc/plainWrites.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { ROLES, type Role } from '../../shared/model/user.js';
import { delegationPreset } from '../../shared/rules/delegation.js';
import { WriteGate, type GateActor, type GateVerdict } from '../../server/sync/writeGate.js';

/*
 * The write gate reads an update of plain sets from its structs (shared/doc/plainWrites.ts)
 * instead of applying it to a staging copy first. It must decide exactly as the staging copy
 * does: every update of a random mix (valid and invalid values, impersonation, stale
 * writers, collections, new and deleted cards, resends and gaps) goes to a gate that reads
 * plain updates and to one that stages everything, on the same live doc, and both must give
 * the same verdict with the same cards before and after. Seeds are pinned.
 */

const SEED = { source: 'server', reason: 'seed' } as const;
const MATRIX = () => Promise.resolve(delegationPreset('solrod').matrix);
const USERS = ['u1', 'u2', 'u3'];
const TRIAGE = ['green', 'yellow', 'red'] as const;

function startBoard(): Y.Doc {
  const board = new BoardDoc();
  board.initialize({ id: 'b', teamId: 't', name: 'Tavle', phases: [...DEFAULT_PHASES] }, SEED);
  const phases = board.phases();
  for (let i = 0; i < 8; i++) board.createCard({ name: `Borger ${i}`, phaseId: phases[i % 4]!.id }, SEED, `c${i}`);
  // Every list a stored board has (a root exists once anything wrote it).
  for (const root of ['triageEvents', 'nominations', 'lastDiscussed', 'triageResponses', 'questions']) {
    board.doc.transact(() => board.doc.getMap(root).set('seed', null), SEED);
    board.doc.transact(() => board.doc.getMap(root).delete('seed'), SEED);
  }
  return board.doc;
}

interface Client {
  doc: Y.Doc;
  board: BoardDoc;
  meetings: MeetingDoc;
  user: string;
}

/** What a verdict says, without the clock it was judged at. */
function summary(v: GateVerdict): unknown {
  if (!v.ok) return { ok: false, code: v.refusal.code, path: v.refusal.path };
  return {
    ok: true,
    cards: v.cards,
    phases: v.phases,
    fieldWrites: v.fieldWrites,
    edits: v.edits,
    freeItems: v.freeItems,
  };
}

/** One random write by `c` on its copy of the board; the update it made (or null). */
function randomWrite(rng: prng.PRNG, c: Client): Uint8Array | null {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => updates.push(u);
  c.doc.on('update', onUpdate);
  const origin = { source: 'local', userId: c.user } as const;
  const cards = c.board.cards();
  const card = cards.length > 0 ? prng.oneOf(rng, cards) : null;
  const cardMap = card ? (c.doc.getMap('cards').get(card.id) as Y.Map<unknown>) : null;
  const someone = prng.bool(rng) ? c.user : prng.oneOf(rng, USERS);
  const phases = c.board.phases();
  try {
    const op = prng.uint32(rng, 0, 28);
    if (card === null || cardMap === null || op === 0) {
      c.board.createCard({ name: `Ny ${prng.uint32(rng, 0, 1e6)}`, phaseId: phases[0]!.id }, origin);
    } else if (op <= 3) {
      c.board.updateCard(card.id, { note: `Notat ${prng.uint32(rng, 0, 1e6)}` }, origin);
    } else if (op <= 5) {
      c.board.moveCard(card.id, prng.oneOf(rng, phases).id, prng.uint32(rng, 0, 5), origin);
    } else if (op <= 7) {
      const to = prng.oneOf(rng, [...TRIAGE]);
      c.meetings.setTriage(card.id, to, { by: someone, byName: 'Navn' }, origin);
    } else if (op === 8) {
      // Values the layout or the rules refuse, written raw as a hostile client would.
      const raw = prng.oneOf(rng, [
        ['triage', 'purple'],
        ['note', 42],
        ['position', { phaseId: 'ingen', key: 'a0' }],
        ['name', ''],
        ['closure', { at: '2026-12-01T08:00:00.000Z', by: someone, byName: '', reason: 'x' }],
        ['nextDueDate', '2026-13-45'],
        ['initials', undefined],
      ] as const);
      c.doc.transact(() => cardMap.set(raw[0], raw[1]), origin);
    } else if (op === 9) {
      c.board.flagDischarge(card.id, { date: '2026-12-10', by: someone }, origin);
    } else if (op === 10) {
      const id = `n${prng.uint32(rng, 0, 1e6)}`;
      const at = prng.bool(rng) ? '2026-12-01T08:00:00.000Z' : 'i går';
      c.doc.transact(
        () => c.doc.getMap('nominations').set(id, { id, cardId: card.id, by: someone, byName: '', at, note: '' }),
        origin,
      );
    } else if (op === 11) {
      c.board.addGoal(card.id, { text: 'Kan selv gå på trapper', kind: 'citizen' } as never, origin);
    } else if (op === 12) {
      c.board.deleteCard(card.id, origin);
    } else if (op === 13) {
      // A key the layout does not know, and a collection written as a plain value.
      c.doc.transact(() => cardMap.set(prng.bool(rng) ? 'bogus' : 'goals', 'x'), origin);
    } else if (op === 14) {
      c.doc.transact(() => {
        cardMap.set('note', 'først');
        cardMap.set('note', 'så');
      }, origin);
    } else if (op === 15) {
      c.doc.transact(() => c.doc.getMap('triageEvents').set(`t${prng.uint32(rng, 0, 1e6)}`, { id: 'forkert' }), origin);
    } else if (op === 17) {
      // A field set with a deletion of something else: its delete set is more than the replaced values.
      const other = prng.oneOf(rng, cards);
      c.doc.transact(() => {
        cardMap.set('note', 'og væk med et andet kort');
        c.doc.getMap('cards').delete(other.id);
      }, origin);
    } else if (op === 19) {
      c.board.recordDecision(
        card.id,
        { code: prng.oneOf(rng, ['E1', 'E2', 'E3', 'E4'] as const), by: someone },
        origin,
      );
    } else if (op === 20) {
      const kind = prng.oneOf(rng, ['mere-tid', 'afslut', 'hjaelpemiddel'] as const);
      c.board.addRequest(card.id, { kind, reason: 'Har brug for mere', by: someone }, origin);
    } else if (op === 21) {
      // A visitator's answer (R15): decided by someone, maybe not the sender, maybe not a visitator.
      const request = card.lifecycle.requests.at(-1);
      if (request) {
        const status = prng.oneOf(rng, ['godkendt', 'afvist'] as const);
        c.board.decideRequest(card.id, request.id, { status, decidedBy: someone }, origin);
      }
    } else if (op === 22) {
      c.board.addSwap(card.id, { by: someone, givenUp: 'Rengøring', instead: 'Gåtur' } as never, origin);
    } else if (op === 23) {
      c.board.addDecline(card.id, { by: someone, what: 'Madservice' } as never, origin);
    } else if (op === 24) {
      c.board.linkOffer(card.id, prng.oneOf(rng, ['tilbud-1', 'tilbud-2']), { by: someone }, origin);
    } else if (op === 25) {
      c.board.upsertRelative(card.id, { name: 'Datter', by: someone } as never, origin);
    } else if (op === 26) {
      const goal = card.lifecycle.goals.at(-1);
      if (goal) c.board.updateGoal(card.id, goal.id, { status: 'opnaaet' }, origin);
    } else if (op === 27) {
      // Collection items written raw: invalid ones, and one under a key that is not its id.
      const map = cardMap.get(prng.oneOf(rng, ['goals', 'decisions', 'requests'])) as Y.Map<unknown> | undefined;
      const id = `x${prng.uint32(rng, 0, 1e6)}`;
      const item = prng.oneOf(rng, [
        { id, text: '' },
        { id: 'ikke-nøglen', code: 'E1' },
        'bare tekst',
        { id, by: someone },
      ]);
      if (map) c.doc.transact(() => map.set(id, item), origin);
    } else {
      c.board.updateCard(card.id, { contactPerson: `Kontakt ${prng.uint32(rng, 0, 99)}`, triage: 'red' }, origin);
    }
  } catch {
    // A write the client's own checks refuse (e.g. nothing to change): nothing was sent.
  } finally {
    c.doc.off('update', onUpdate);
  }
  if (updates.length === 0) return null;
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

async function run(seed: number, steps: number) {
  const rng = prng.create(seed);
  const live = startBoard();
  const plainGate = new WriteGate(live, MATRIX);
  const stagedGate = new WriteGate(live, MATRIX);
  stagedGate.judgesPlainUpdates = false;
  let nextClientId = 100;
  /** A client with the board as the server holds it (as a client refused and disconnected starts over). */
  const freshClient = (user: string): Client => {
    const doc = new Y.Doc();
    doc.clientID = nextClientId++;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    const board = new BoardDoc(doc);
    return { doc, board, meetings: new MeetingDoc(board), user };
  };
  const clients = USERS.map(freshClient);
  const sent: Uint8Array[] = [];
  const counts = { plainOk: 0, plainRefused: 0, stagedOk: 0, stagedRefused: 0 };
  for (let step = 0; step < steps; step++) {
    const at = prng.uint32(rng, 0, clients.length - 1);
    const c = clients[at]!;
    // Most writers have what the server holds; some write from an older state (concurrent edits).
    if (prng.uint32(rng, 0, 9) < 7) Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(live, Y.encodeStateVector(c.doc)));
    let update = randomWrite(rng, c);
    const trick = prng.uint32(rng, 0, 19);
    if (trick === 0 && sent.length > 0) update = prng.oneOf(rng, sent); // a resend
    if (trick === 1 && update !== null) {
      // A gap: the update after this one goes first (its sender's earlier one is held back).
      const next = randomWrite(rng, c);
      if (next !== null) update = next;
    }
    if (update === null) continue;
    const role: Role = prng.oneOf(rng, [...ROLES]);
    const actor: GateActor = { id: c.user, role };
    const plain = plainWrites(live, Y.decodeUpdate(update)) !== null;
    const a = await plainGate.check(update, actor);
    const b = await stagedGate.check(update, actor);
    expect(summary(a), `seed ${seed} step ${step} (${plain ? 'plain' : 'staged'})`).toEqual(summary(b));
    counts[`${plain ? 'plain' : 'staged'}${a.ok ? 'Ok' : 'Refused'}` as keyof typeof counts]++;
    if (a.ok) {
      Y.applyUpdate(live, update);
      sent.push(update);
    } else {
      clients[at] = freshClient(c.user);
    }
  }
  return counts;
}

describe('which updates are plain (shared/doc/plainWrites.ts)', () => {
  /** The server's board and a client in step with it; `write` on the client gives one update. */
  function setup() {
    const live = startBoard();
    const client = new Y.Doc();
    client.clientID = 7;
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const board = new BoardDoc(client);
    const write = (fn: () => void): Uint8Array => {
      const updates: Uint8Array[] = [];
      const on = (u: Uint8Array) => updates.push(u);
      client.on('update', on);
      client.transact(fn, { source: 'local', userId: 'u1' });
      client.off('update', on);
      return Y.mergeUpdates(updates);
    };
    const plain = (u: Uint8Array) => plainWrites(live, Y.decodeUpdate(u));
    const card = (id: string) => client.getMap('cards').get(id) as Y.Map<unknown>;
    /** The values `writes` sets on card `id`'s map (or one of its collections) in the server's doc. */
    const setOn = (writes: PlainWrites | null, id: string, collection?: string) => {
      const m = live.getMap('cards').get(id) as Y.Map<unknown>;
      return writes?.values.get(collection === undefined ? m : (m.get(collection) as Y.Map<unknown>));
    };
    return { live, client, board, write, plain, card, setOn };
  }
  const origin = { source: 'local', userId: 'u1' } as const;

  it('a move, a field edit and a triage colour with its event are plain, with the values they set', () => {
    const { board, live, write, plain, setOn } = setup();
    const phases = board.phases();
    // The card's position and date were written together, so the move deletes one range of two.
    const moved = write(() => board.moveCard('c1', phases[2]!.id, 0, origin));
    const move = plain(moved);
    Y.applyUpdate(live, moved);
    expect([...move!.touched.get('cards')!.get('c1')!]).toEqual(['position', 'phaseEnteredAt', 'movedAt']);
    expect(setOn(move, 'c1')!.get('position')).toMatchObject({ phaseId: phases[2]!.id });
    const edit = write(() => board.updateCard('c1', { note: 'Ny note' }, origin));
    expect(setOn(plain(edit), 'c1')).toEqual(new Map([['note', 'Ny note']]));
    Y.applyUpdate(live, edit);
    const triage = plain(write(() => new MeetingDoc(board).setTriage('c2', 'red', { by: 'u1', byName: 'A' }, origin)));
    expect(triage!.touched.get('triageEvents')!.size).toBe(1);
    expect(setOn(triage, 'c2')!.get('triage')).toBe('red');
  });

  it('a new or changed item of a card’s collection is plain, and touches that collection', () => {
    const { board, live, write, plain, setOn } = setup();
    const added = write(() => board.addGoal('c1', { id: 'g1', text: 'Gå selv på trappen', kind: 'citizen' }, origin));
    expect([...plain(added)!.touched.get('cards')!.get('c1')!]).toEqual(['goals']);
    expect(setOn(plain(added), 'c1', 'goals')!.get('g1')).toMatchObject({ text: 'Gå selv på trappen' });
    Y.applyUpdate(live, added);
    const changed = write(() => board.updateGoal('c1', 'g1', { status: 'opnaaet' }, origin));
    expect(plain(changed)).not.toBeNull();
    Y.applyUpdate(live, changed);
    // Taking an item away is a deletion: the staging copy judges it.
    expect(plain(write(() => board.removeGoal('c1', 'g1', origin)))).toBeNull();
  });

  it('is not plain when Yjs could order it otherwise, or it does more than set values', () => {
    const { live, client, board, write, plain, card } = setup();
    /** Whether the client's next write is plain; the server then has it (the client stays in step). */
    const plainWrite = (fn: () => void) => {
      const u = write(fn);
      const result = plain(u);
      Y.applyUpdate(live, u);
      return result !== null;
    };
    expect(plainWrite(() => card('c1').set('note', 'først'))).toBe(true);
    // A stale writer: the value it replaces is no longer the one the server holds.
    const other = new Y.Doc();
    other.clientID = 8;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(startBoard()));
    const stale = Y.encodeStateVector(other);
    (other.getMap('cards').get('c1') as Y.Map<unknown>).set('note', 'samtidig');
    expect(plain(Y.encodeStateAsUpdate(other, stale))).toBeNull();
    // A key set twice in one update, a key the card layout lacks, a nested map.
    expect(plainWrite(() => (card('c1').set('note', 'a'), card('c1').set('note', 'b')))).toBe(false);
    expect(plainWrite(() => card('c1').set('bogus', 1))).toBe(false);
    expect(plainWrite(() => client.getMap('cards').set('c9', new Y.Map()))).toBe(false);
    // New and deleted cards; a set together with a deletion of something else.
    expect(plainWrite(() => board.createCard({ name: 'Ny', phaseId: board.phases()[0]!.id }, origin))).toBe(false);
    expect(plainWrite(() => board.deleteCard('c3', origin))).toBe(false);
    expect(plainWrite(() => (card('c4').set('note', 'x'), client.getMap('cards').delete('c5')))).toBe(false);
    // Still in step: a plain write is plain.
    expect(plainWrite(() => card('c6').set('note', 'i takt'))).toBe(true);
    // A gap (the sender's earlier update is missing) and a resend of what the server has.
    const heldBack = write(() => card('c6').set('note', 'holdt tilbage'));
    expect(plain(write(() => card('c7').set('note', 'efter')))).toBeNull();
    expect(plain(heldBack)).not.toBeNull();
    Y.applyUpdate(live, heldBack);
    expect(plain(heldBack)).toBeNull(); // now a resend
  });

  it('is not plain for a card the server no longer holds', () => {
    const { live, write, plain, card } = setup();
    const edit = write(() => card('c1').set('note', 'på et slettet kort'));
    live.getMap('cards').delete('c1');
    expect(plain(edit)).toBeNull();
  });
});

describe('reading plain updates from their structs (shared/doc/plainWrites.ts)', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`decides as the staging copy does, seed ${seed}`, async () => {
      const counts = await run(seed, 400);
      // Both ways are exercised, and both ways accept and refuse.
      expect(counts.plainOk).toBeGreaterThan(50);
      expect(counts.plainRefused).toBeGreaterThan(10);
      expect(counts.stagedOk).toBeGreaterThan(10);
      expect(counts.stagedRefused).toBeGreaterThan(10);
    });
  }
});
