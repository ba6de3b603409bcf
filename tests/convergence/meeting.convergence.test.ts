/**
 * Convergence property test for MeetingDoc: the collaborative agenda.
 *
 * Three peers (board + meeting data in one Y.Doc each) talk over a seeded fake network that
 * delays, reorders, duplicates and drops Yjs updates and partitions peers; lost messages
 * come back through a state-vector resync, as on reconnect. Every step a random peer
 * reorders, adds, removes or re-prepares agenda items, sets statuses, time boxes and notes,
 * changes triage, nominates, records action items, or deletes/closes a card. Invariants are
 * checked on every peer at every step (no duplicated item, sorted order, valid items); at
 * the end every peer, a doc rebuilt from all states and one rebuilt from every message
 * must show the same meeting data, and no item anyone added and nobody removed is lost.
 *
 *   MEETING_CONVERGENCE_OPS=3000 npx vitest run --project convergence     more ops per seed
 *   MEETING_CONVERGENCE_SEEDS=200 npx vitest run --project convergence    more seeds
 *   MEETING_CONVERGENCE_SEED=1234 npx vitest run --project convergence    replay one seed
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { intFromEnv, Network, seedsFromEnv, Rng } from './fakeNetwork.js';
import {
  AgendaItemSchema,
  BoardDoc,
  DEFAULT_PHASES,
  MeetingDoc,
  localOrigin,
  type AgendaItem,
  type AgendaReason,
  type BoardInit,
  type Triage,
} from '../../shared/index.js';

const OPS = intFromEnv('MEETING_CONVERGENCE_OPS', 300);
const SEEDS = seedsFromEnv('MEETING_CONVERGENCE', 24, 2000);

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const PEERS = 3;
const MEETING = 'm1';
const CARDS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];
const NAMES = ['Karen Marie Jensen', 'Bo Ærbø', 'Åse Østergård-Holm', 'Jens Ole Hansen', 'Ida Sørensen', 'Mads'];
const TRIAGES: Triage[] = ['green', 'yellow', 'red'];
const STATUSES = ['pending', 'discussed', 'parked', 'skipped'] as const;
const TEXTS = ['Ferieplan', 'Ny rollator', 'Vagtplan i julen', 'Kørsel til træning'];

function snapshot(m: MeetingDoc) {
  return {
    agenda: m.agenda(MEETING),
    prepared: m.preparedAgenda(MEETING).removed.sort((a, b) => (a.id < b.id ? -1 : 1)),
    meetings: m.meetings(),
    triageEvents: m.triageEvents(),
    lastDiscussed: m.lastDiscussedEntries(),
    nominations: m.nominations(),
    actions: m.actionItems(MEETING),
    parked: m.parked(MEETING),
    cards: m.board.cards().map((c) => [c.id, c.triage, c.lifecycle.closure === null]),
  };
}
type Snapshot = ReturnType<typeof snapshot>;

function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

function checkInvariants(m: MeetingDoc, who: string): Snapshot {
  const snap = snapshot(m);
  const seen = new Set<string>();
  let prev: { id: string; order: string } | null = null;
  for (const e of snap.agenda) {
    check(!seen.has(e.id), () => `${who}: agenda item ${e.id} twice`);
    seen.add(e.id);
    check(
      prev === null || prev.order < e.order || (prev.order === e.order && prev.id < e.id),
      () => `${who}: agenda not sorted at ${e.id}`,
    );
    prev = e;
    const { order: _o, note: _n, cardMissing, cardClosed: _c, ...item } = e;
    check(AgendaItemSchema.safeParse(item).success, () => `${who}: invalid item ${JSON.stringify(item)}`);
    check(!cardMissing || e.cardId === null || !m.board.hasCard(e.cardId), () => `${who}: wrong cardMissing`);
  }
  return snap;
}

// ---------------------------------------------------------------------------------------
// Operations

interface Run {
  rng: Rng;
  net: Network;
  peers: MeetingDoc[];
  next: number;
  clock: { t: number };
  /** Items some peer added (manual) and every item some peer removed, over the whole run. */
  added: Set<string>;
  removedEver: Set<string>;
  trace: string[];
}

/** The rules' agenda over the fixed card set: reasons vary so removals can come back. */
function generated(run: Run): AgendaItem[] {
  return CARDS.map((id, i) => {
    const reasons: AgendaReason[] = [{ code: 'red', since: null }];
    if (run.rng.chance(0.15)) {
      reasons.push({
        code: 'nominated',
        nominationId: `n${run.rng.int(4)}`,
        byName: 'Lars',
        at: '2026-11-24T09:00:00Z',
        note: '',
      });
    }
    return {
      id: `c:${id}`,
      cardId: id,
      title: NAMES[i % NAMES.length]!,
      reasons,
      source: 'rule' as const,
      timeBoxMin: 2,
      status: 'pending' as const,
    };
  });
}

function randomOp(run: Run): string {
  const { rng } = run;
  const p = rng.int(PEERS);
  const peer = run.peers[p]!;
  const origin = localOrigin(`u${p}`);
  const agenda = peer.agenda(MEETING);
  const anyItem = () => rng.pick(agenda).id;
  const r = rng.int(100);
  if (r < 8) {
    peer.prepareAgenda(MEETING, generated(run), origin);
    return `p${p} prepareAgenda`;
  }
  if (agenda.length === 0 || r < 20) {
    const id = `m:x${run.next++}`;
    const cardId = rng.chance(0.2) ? rng.pick(CARDS) : null;
    if (cardId !== null && (!peer.board.hasCard(cardId) || agenda.some((e) => e.cardId === cardId))) return 'noop';
    const got = peer.addManualItem(
      MEETING,
      { title: rng.pick(TEXTS), cardId, index: rng.int(agenda.length + 2) },
      origin,
      id,
    );
    run.added.add(got);
    return `p${p} add ${got}`;
  }
  if (r < 50) {
    const id = anyItem();
    const to = rng.int(agenda.length + 1);
    peer.moveAgendaItem(MEETING, id, to, origin);
    return `p${p} move ${id} → ${to}`;
  }
  if (r < 58) {
    const id = anyItem();
    peer.removeAgendaItem(MEETING, id, origin);
    run.removedEver.add(id);
    return `p${p} remove ${id}`;
  }
  if (r < 72) {
    const id = anyItem();
    const s = rng.pick(STATUSES);
    peer.setItemStatus(MEETING, id, s, origin, { date: `2026-11-${20 + rng.int(8)}` });
    return `p${p} status ${id} ${s}`;
  }
  if (r < 77) {
    const id = anyItem();
    const min = 1 + rng.int(15);
    peer.setTimeBox(MEETING, id, min, origin);
    return `p${p} timebox ${id} ${min}`;
  }
  if (r < 80) {
    const id = anyItem();
    peer.setItemNote(MEETING, id, rng.pick(['', ...TEXTS]), origin);
    return `p${p} note ${id}`;
  }
  if (r < 85) {
    const id = anyItem();
    peer.addActionItem(MEETING, { itemId: id, text: rng.pick(TEXTS), by: `u${p}` }, origin, `a${run.next++}`);
    return `p${p} action ${id}`;
  }
  if (r < 87) {
    peer.park(MEETING, { text: rng.pick(TEXTS), by: `u${p}` }, origin, `pk${run.next++}`);
    return `p${p} park`;
  }
  const cards = peer.board.cards();
  if (cards.length === 0) return 'noop';
  const card = rng.pick(cards);
  if (r < 94) {
    const t = rng.pick(TRIAGES);
    run.clock.t += 60_000;
    peer.setTriage(card.id, t, { by: `u${p}`, byName: `Bruger ${p}` }, origin);
    return `p${p} triage ${card.id} ${t}`;
  }
  if (r < 97) {
    peer.nominate({ cardId: card.id, by: `u${p}` }, origin, `n${run.next++}`);
    return `p${p} nominate ${card.id}`;
  }
  if (r < 99) {
    peer.board.closeForlob(card.id, { outcome: 'afsluttet', closedOn: '2026-11-24', by: `u${p}` }, origin);
    return `p${p} close ${card.id}`;
  }
  peer.board.deleteCard(card.id, origin);
  return `p${p} delete ${card.id}`;
}

function runSeed(seed: number, ops: number): Network['stats'] {
  const rng = new Rng(seed);
  const net = new Network(rng, {
    drop: rng.pick([0, 0.03, 0.1]),
    duplicate: rng.pick([0.02, 0.1]),
    maxDelay: rng.pick([0, 3, 10]),
  });
  const clock = { t: Date.parse('2026-11-24T08:00:00Z') };
  const peers: MeetingDoc[] = [];
  for (let i = 0; i < PEERS; i++) {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    const now = () => new Date(clock.t);
    const board = new BoardDoc(doc, { now });
    net.add(doc);
    peers.push(new MeetingDoc(board, { now }));
  }
  for (const peer of peers) peer.board.initialize(INIT);
  const setup = localOrigin('u0');
  CARDS.forEach((id, i) =>
    peers[0]!.board.createCard({ name: NAMES[i % NAMES.length]!, phaseId: 'henvist' }, setup, id),
  );
  peers[0]!.createMeeting({ type: 'tavlemoede', scheduledFor: '2026-11-24T08:00:00Z' }, setup, MEETING);
  net.settle();

  const run: Run = { rng, net, peers, next: 0, clock, added: new Set(), removedEver: new Set(), trace: [] };
  try {
    for (let step = 0; step < ops; step++) {
      net.step = step;
      clock.t += rng.int(5) * 60_000;
      if (rng.chance(0.03)) net.partition();
      else if (net.group && rng.chance(0.08)) net.heal();
      if (rng.chance(0.04)) net.resync(rng.int(PEERS), rng.int(PEERS));
      if (rng.chance(0.01)) net.settle();
      net.deliverSome(rng.int(4));
      run.trace.push(`#${step} ${randomOp(run)}`);
      for (let i = 0; i < PEERS; i++) checkInvariants(peers[i]!, `step ${step} peer ${i}`);
    }

    net.settle();
    // a last prepare on one peer, so every card item that was never removed must be there
    peers[rng.int(PEERS)]!.prepareAgenda(MEETING, generated(run), localOrigin('u0'));
    net.settle();
    const snaps = peers.map((p, i) => checkInvariants(p, `final peer ${i}`));
    for (let i = 1; i < snaps.length; i++) expect(snaps[i], `peer ${i} differs from peer 0`).toEqual(snaps[0]);

    const onAgenda = new Set(snaps[0]!.agenda.map((e) => e.id));
    for (const id of [...run.added, ...CARDS.map((c) => `c:${c}`)]) {
      if (!run.removedEver.has(id)) expect(onAgenda.has(id), `item ${id} was lost`).toBe(true);
    }

    const fromStates = new MeetingDoc(new BoardDoc());
    for (const p of peers) Y.applyUpdate(fromStates.doc, Y.encodeStateAsUpdate(p.doc));
    expect(checkInvariants(fromStates, 'rebuilt from states')).toEqual(snaps[0]);
    const fromMessages = new MeetingDoc(new BoardDoc());
    Y.applyUpdate(fromMessages.doc, Y.mergeUpdates(net.sent));
    expect(checkInvariants(fromMessages, 'rebuilt from messages')).toEqual(snaps[0]);
    return net.stats;
  } catch (err) {
    const tail = run.trace.slice(-15).join('\n  ');
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Meeting convergence failed for seed ${seed} (${ops} ops). Replay with\n` +
        `  MEETING_CONVERGENCE_SEED=${seed} MEETING_CONVERGENCE_OPS=${ops} npx vitest run --project convergence\n` +
        `${message}\nlast operations:\n  ${tail}`,
      { cause: err },
    );
  }
}

const totals = { dropped: 0, duplicated: 0, partitions: 0, resyncs: 0, delivered: 0 };

describe('MeetingDoc agenda converges under a faulty network', () => {
  it.each(SEEDS)('seed %i', (seed) => {
    const stats = runSeed(seed, OPS);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += stats[k];
    expect(stats.delivered).toBeGreaterThan(0);
  });

  it.skipIf(SEEDS.length < 5)('the seeds exercised every fault: drops, duplicates, partitions, resyncs', () => {
    expect(totals.dropped).toBeGreaterThan(0);
    expect(totals.duplicated).toBeGreaterThan(0);
    expect(totals.partitions).toBeGreaterThan(0);
    expect(totals.resyncs).toBeGreaterThan(0);
  });
});
