/**
 * Concurrent edits of one card field (issue #12 point 3, docs/protocol.md "Concurrent edits"):
 * the real server board (LiveBoard with its write gate) and in-process clients, some offline.
 * Per pinned seed the clients get other Yjs clientIDs (which decide Yjs's own winner) and
 * the online pair reaches the server in another order; every replica must end with the
 * rule's value (what reached the server first stays, free text merged), and whoever's change
 * did not stay must have a conflict record naming both values.
 *
 *   CONFLICTS_SEED=1234 npx vitest run tests/convergence/conflicts.convergence.test.ts   replay one seed
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../../server/logging.js';
import { DEMO_DELEGATION } from '../../server/seed/demo.js';
import type { Storage } from '../../server/storage/types.js';
import { LiveBoard, type BoardPeer } from '../../server/sync/board.js';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import type { FieldConflict } from '../../shared/model/conflict.js';
import type { SessionUser } from '../../shared/model/user.js';
import { Rng, seedsFromEnv } from './fakeNetwork.js';

const SEEDS = seedsFromEnv('CONFLICTS', 12, 4242);
const SERVER = 'server';

function user(id: string, name: string): SessionUser {
  return { id, username: id, name, role: 'sygeplejerske', teamIds: ['team-nord'], lang: 'da', color: '#123456' };
}

/** An update relayed by the board: [sync, update, payload]. */
function relayed(message: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(message);
  if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 2) return null;
  return decoding.readVarUint8Array(d);
}

/** A client of the real server board: online it sends each edit at once, offline it keeps them. */
class Client {
  readonly doc = new Y.Doc();
  readonly board = new BoardDoc(this.doc);
  readonly peer: BoardPeer;
  online = true;
  private readonly outbox: Uint8Array[] = [];

  constructor(
    readonly server: LiveBoard,
    readonly who: SessionUser,
    clientId: number,
  ) {
    this.doc.clientID = clientId;
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server.doc), SERVER);
    this.peer = {
      origin: {},
      awarenessIds: new Set(),
      user: who,
      send: (message) => {
        const update = relayed(message);
        if (update && this.online) Y.applyUpdate(this.doc, update, SERVER);
      },
      close: (code, reason) => {
        throw new Error(`${who.id} was disconnected: ${code} ${reason}`);
      },
    };
    server.addPeer(this.peer);
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== SERVER) this.outbox.push(u);
    });
  }

  edit(fn: (board: BoardDoc) => void): void {
    fn(this.board);
  }

  /** Sends what it has (online and not held): one update, as a reconnect's sync step 2 would. */
  async deliver(): Promise<void> {
    if (!this.online || this.outbox.length === 0) return;
    const update = Y.mergeUpdates(this.outbox.splice(0));
    await this.server.submitUpdate(update, this.peer);
  }

  goOffline(): void {
    this.online = false;
  }

  /** Back online: the server's missed state first, then its own offline edits (sync step 1/2). */
  async reconnect(): Promise<void> {
    this.online = true;
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server.doc, Y.encodeStateVector(this.doc)), SERVER);
    await this.deliver();
  }
}

async function setUp(seed: number) {
  const rng = new Rng(seed);
  const storage = {
    appendUpdate: async () => 1,
    compact: async () => {},
    appendAudit: async () => {},
  } as unknown as Storage;
  const live = new Y.Doc();
  const seedBoard = new BoardDoc(live);
  seedBoard.initialize({ id: 'tavle-nord', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] });
  const cardId = seedBoard.createCard(
    { name: 'Karen Jensen', phaseId: DEFAULT_PHASES[1]!.id, triage: 'green', note: 'Ring før besøg' },
    localOrigin('seed'),
  );
  const server = new LiveBoard('tavle-nord', live, { lastSeq: 0, logLength: 0 }, storage, {
    compactEvery: 1e9,
    log: silentLogger,
  });
  server.setPolicy({ matrix: async () => DEMO_DELEGATION });
  // Which of the two Yjs would let win differs by seed: the rule must not.
  const ids = [1 + rng.int(2 ** 30), 2 ** 30 + rng.int(2 ** 30)];
  if (rng.chance(0.5)) ids.reverse();
  const anne = new Client(server, user('anne', 'Anne Holm'), ids[0]!);
  const bent = new Client(server, user('bent', 'Bent Nielsen'), ids[1]!);
  return { rng, server, cardId, anne, bent, replicas: [live, anne.doc, bent.doc] };
}

/** Every replica shows the same card, with the same conflicts. */
function expectConverged(replicas: Y.Doc[], cardId: string) {
  const view = (doc: Y.Doc) => {
    const board = new BoardDoc(doc);
    const card = board.card(cardId)!;
    return { triage: card.triage, note: card.note, conflicts: board.conflicts(cardId) };
  };
  const first = view(replicas[0]!);
  for (const doc of replicas.slice(1)) expect(view(doc)).toEqual(first);
  return first;
}

function side(c: FieldConflict['kept']) {
  return { value: c.value, by: c.by, byName: c.byName };
}

describe.each(SEEDS)('concurrent edits of one card field, seed %i', (seed) => {
  it('an offline triage change meets a later online one: the online one stays, the offline writer is told', async () => {
    const { server, cardId, anne, bent, replicas } = await setUp(seed);
    anne.goOffline();
    anne.edit((b) => b.updateCard(cardId, { triage: 'red' }, localOrigin('anne')));
    bent.edit((b) => b.updateCard(cardId, { triage: 'yellow' }, localOrigin('bent')));
    await bent.deliver();
    await anne.reconnect();
    await server.flush();
    const result = expectConverged(replicas, cardId);
    expect(result.triage).toBe('yellow');
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict!.field).toBe('triage');
    expect(side(conflict!.kept)).toEqual({ value: 'yellow', by: 'bent', byName: 'Bent Nielsen' });
    expect(side(conflict!.lost)).toEqual({ value: 'red', by: 'anne', byName: 'Anne Holm' });
    expect(conflict!.resolvedAt).toBeUndefined();

    // "Brug min": an ordinary edit through the gate; the conflict is resolved everywhere.
    anne.edit((b) => b.resolveConflict(cardId, conflict!.id, true, localOrigin('anne')));
    await anne.deliver();
    await server.flush();
    const after = expectConverged(replicas, cardId);
    expect(after.triage).toBe('red');
    expect(after.conflicts[0]!.resolvedAt).toBeDefined();
  });

  it('an offline note and an online note changing different words merge as text, no conflict', async () => {
    const { server, cardId, anne, bent, replicas } = await setUp(seed);
    anne.goOffline();
    anne.edit((b) => b.updateCard(cardId, { note: 'Ring før besøg. Datter deltager' }, localOrigin('anne')));
    bent.edit((b) => b.updateCard(cardId, { note: 'Ring altid før besøg' }, localOrigin('bent')));
    await bent.deliver();
    await anne.reconnect();
    await server.flush();
    const result = expectConverged(replicas, cardId);
    expect(result.note).toBe('Ring altid før besøg. Datter deltager');
    expect(result.conflicts).toEqual([]);
  });

  it('an offline note and an online note changing the same words: the online one stays, the offline note is kept for its writer', async () => {
    const { server, cardId, anne, bent, replicas } = await setUp(seed);
    anne.goOffline();
    anne.edit((b) => b.updateCard(cardId, { note: 'Ring efter besøg' }, localOrigin('anne')));
    bent.edit((b) => b.updateCard(cardId, { note: 'Ring inden besøg' }, localOrigin('bent')));
    await bent.deliver();
    await anne.reconnect();
    await server.flush();
    const result = expectConverged(replicas, cardId);
    expect(result.note).toBe('Ring inden besøg');
    expect(result.conflicts.map((c) => [c.field, c.kept.value, c.lost.value, c.lost.by])).toEqual([
      ['note', 'Ring inden besøg', 'Ring efter besøg', 'anne'],
    ]);
  });

  it('two online edits that cross on the wire: the first to reach the server stays, the other writer is told', async () => {
    const { rng, server, cardId, anne, bent, replicas } = await setUp(seed);
    // Both edit before either hears of the other's edit.
    anne.edit((b) => b.updateCard(cardId, { triage: 'red' }, localOrigin('anne')));
    bent.edit((b) => b.updateCard(cardId, { triage: 'yellow' }, localOrigin('bent')));
    const [first, second] = rng.chance(0.5) ? [anne, bent] : [bent, anne];
    const firstSends = first.deliver();
    const secondSends = second.deliver();
    await Promise.all([firstSends, secondSends]);
    await server.flush();
    const result = expectConverged(replicas, cardId);
    const firstValue = first === anne ? 'red' : 'yellow';
    const secondValue = first === anne ? 'yellow' : 'red';
    expect(result.triage).toBe(firstValue);
    expect(result.conflicts.map((c) => [c.field, c.kept.value, c.kept.by, c.lost.value, c.lost.by])).toEqual([
      ['triage', firstValue, first.who.id, secondValue, second.who.id],
    ]);
  });

  it('one goal edited offline (its text) and online (its status and text elsewhere): both changes stay', async () => {
    const { server, cardId, anne, bent, replicas } = await setUp(seed);
    const goalId = 'g-knae';
    bent.edit((b) => b.addGoal(cardId, { id: goalId, kind: 'citizen', text: 'Gå til Netto' }, localOrigin('bent')));
    await bent.deliver();
    await anne.reconnect();
    anne.goOffline();
    anne.edit((b) => b.updateGoal(cardId, goalId, { text: 'Gå selv til Netto' }, localOrigin('anne')));
    bent.edit((b) =>
      b.updateGoal(cardId, goalId, { text: 'Gå til Netto igen', status: 'delvist' }, localOrigin('bent')),
    );
    await bent.deliver();
    await anne.reconnect();
    await server.flush();
    expectConverged(replicas, cardId);
    const goals = replicas.map((doc) => new BoardDoc(doc).card(cardId)!.lifecycle.goals);
    for (const g of goals) expect(g).toEqual(goals[0]);
    expect(goals[0]!.map((g) => [g.text, g.status])).toEqual([['Gå selv til Netto igen', 'delvist']]);
    expect(new BoardDoc(server.doc).conflicts(cardId)).toEqual([]);

    // The same words changed by both: the online text stays, Anne's is kept for her.
    anne.goOffline();
    anne.edit((b) => b.updateGoal(cardId, goalId, { text: 'Cykle til Netto' }, localOrigin('anne')));
    bent.edit((b) => b.updateGoal(cardId, goalId, { text: 'Køre til Netto' }, localOrigin('bent')));
    await bent.deliver();
    await anne.reconnect();
    await server.flush();
    const result = expectConverged(replicas, cardId);
    expect(new BoardDoc(server.doc).card(cardId)!.lifecycle.goals[0]!.text).toBe('Køre til Netto');
    expect(result.conflicts.map((c) => [c.field, c.itemId, c.lost.by])).toEqual([['goals', goalId, 'anne']]);
    expect(result.conflicts[0]!.lost.value).toMatchObject({ text: 'Cykle til Netto' });
  });

  it('one field each, one of them offline: both changes stay and no conflict is recorded', async () => {
    const { server, cardId, anne, bent, replicas } = await setUp(seed);
    anne.goOffline();
    anne.edit((b) => b.updateCard(cardId, { triage: 'red' }, localOrigin('anne')));
    bent.edit((b) => b.updateCard(cardId, { note: 'Ring altid før besøg' }, localOrigin('bent')));
    await bent.deliver();
    await anne.reconnect();
    await server.flush();
    const result = expectConverged(replicas, cardId);
    expect(result).toEqual({ triage: 'red', note: 'Ring altid før besøg', conflicts: [] });
  });
});
