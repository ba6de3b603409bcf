import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwarenessState } from '../../shared/protocol/limits.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import { clusterAvailable, startCluster, type TestCluster } from '../helpers/cluster.js';
import { cardIds, movableClient, ownerOf, sql, type MovableClient } from '../helpers/clusterBoards.js';
import { apiCall, login } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * One board served by several nodes (docs/multi-node.md), real PostgreSQL and Redis, no load
 * balancer: each client picks its node. The first node to load the board owns it; the others
 * follow it and forward their clients' writes to its gate.
 */
const BOARD = 'tavle-nord';
const by = (user: string) => localOrigin(`u-${user}`);

const available = clusterAvailable('multi-node board tests');

describe.skipIf(!available)('a board on several nodes', () => {
  let c: TestCluster;
  const clients: MovableClient[] = [];
  beforeAll(async () => {
    c = await startCluster({ nodes: 2, env: { BOARD_UNLOAD_GRACE_MS: '600000' } });
  }, 120_000);
  afterAll(async () => {
    await c?.stop();
  });
  afterEach(() => {
    for (const cl of clients.splice(0)) cl.destroy();
  });

  async function client(node: number, user: string): Promise<MovableClient> {
    const cl = await movableClient(c.nodes[node]!, user, BOARD);
    clients.push(cl);
    return cl;
  }

  const converged = (all: MovableClient[]) => {
    const first = JSON.stringify(cardIds(all[0]!));
    return all.every((cl) => JSON.stringify(cardIds(cl)) === first);
  };

  it('clients on two, then three nodes converge on the same board, presence included', async () => {
    const anne = await client(0, 'anne');
    const bent = await client(1, 'bent');
    expect(await ownerOf(c.databaseUrl, BOARD)).toBe('node-0');

    const fromA = anne.board.createCard({ name: 'Via node 0', phaseId: 'uge2' }, by('anne'));
    await waitFor(() => bent.board.hasCard(fromA), { what: 'node 1 sees the owner’s edit' });
    const fromB = bent.board.createCard({ name: 'Via node 1', phaseId: 'uge5' }, by('bent'));
    await waitFor(() => anne.board.hasCard(fromB), { what: 'node 0 sees the follower’s edit' });

    await c.addNode();
    const dorte = await client(2, 'dorte');
    expect(dorte.board.hasCard(fromA) && dorte.board.hasCard(fromB)).toBe(true);
    const fromD = dorte.board.createCard({ name: 'Via node 2', phaseId: 'uge2' }, by('dorte'));
    bent.board.updateCard(fromA, { note: 'Rettet på node 1' }, by('bent'));
    await waitFor(() => converged([anne, bent, dorte]) && anne.board.hasCard(fromD), { what: 'three nodes converge' });
    await waitFor(() => dorte.board.card(fromA)?.note === 'Rettet på node 1', { what: 'the note everywhere' });

    // Presence: set on node 0, seen on nodes 1 and 2; and a newcomer's on node 2 seen on node 0.
    anne.provider.awareness.setLocalStateField('editingCardId', fromA);
    const editing = (cl: MovableClient, of: MovableClient) =>
      (cl.provider.awareness.getStates().get(of.doc.clientID) as AwarenessState | undefined)?.editingCardId;
    await waitFor(() => editing(bent, anne) === fromA && editing(dorte, anne) === fromA, {
      what: 'anne’s presence on the other nodes',
    });
    const late = await client(2, 'camilla');
    await waitFor(() => editing(late, anne) === fromA, { what: 'presence for a client that came later' });
    late.provider.awareness.setLocalStateField('editingCardId', fromD);
    await waitFor(() => editing(anne, late) === fromD, { what: 'camilla’s presence on node 0' });
    // The server puts the session's identity into presence, on every node.
    const seen = anne.provider.awareness.getStates().get(late.doc.clientID) as AwarenessState;
    expect(seen.user).toMatchObject({ userId: 'u-camilla' });
  });

  it('a refused write through a follower: closed with the refusal, audited once by the owner, relayed to nobody', async () => {
    const owner = await ownerOf(c.databaseUrl, BOARD);
    const followerNode = owner === 'node-1' ? 0 : 1;
    const ownerNode = 1 - followerNode;
    const anne = await client(followerNode, 'anne');
    const watchHere = await client(followerNode, 'dorte');
    const watchOwner = await client(ownerNode, 'bent');
    const id = 'nord-06';
    const before = watchOwner.board.card(id)!.lifecycle.weeklyHours;

    // A raise of weekly hours is not Anne's to make (the delegation matrix): refused whole.
    anne.board.setLifecycle(id, { weeklyHours: (before ?? 0) + 10 }, by('anne'));
    await waitFor(() => anne.closeCodes.includes(CloseCode.writeRefused), { what: 'the refusal reaches anne' });

    // The others stay connected and keep receiving later edits; the raise reached nobody.
    const marker = watchOwner.board.createCard({ name: 'Markør', phaseId: 'uge2' }, by('bent'));
    await waitFor(() => watchHere.board.hasCard(marker), { what: 'the marker on the follower' });
    expect(watchHere.board.card(id)!.lifecycle.weeklyHours).toBe(before);
    expect(watchOwner.board.card(id)!.lifecycle.weeklyHours).toBe(before);
    expect(watchHere.closeCodes).toEqual([]);
    expect(watchOwner.closeCodes).toEqual([]);

    const rows = await sql<{ user_id: string; detail: string }>(
      c.databaseUrl,
      `SELECT user_id, detail FROM audit_log WHERE action = 'write_rejected' AND card_id = $1`,
      [id],
    );
    expect(rows.map((r) => r.user_id)).toEqual(['u-anne']);
    const stored = await sql<{ n: number }>(
      c.databaseUrl,
      `SELECT COUNT(*)::int AS n FROM audit_log WHERE action = 'card_changed' AND card_id = $1 AND detail LIKE '%weeklyHours%'`,
      [id],
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('a server change made on a follower (an administrator restores a card there) passes the owner’s gate and reaches every node', async () => {
    const owner = (await ownerOf(c.databaseUrl, BOARD))!;
    const ownerIndex = Number(owner.slice('node-'.length));
    const follower = c.nodes[1 - ownerIndex]!;
    const watchOwner = await client(ownerIndex, 'bent');
    const there = await client(1 - ownerIndex, 'dorte');
    const [card] = watchOwner.board.cards();
    watchOwner.board.updateCard(card!.id, { note: 'Før gendannelsespunktet' }, by('bent'));
    await waitFor(() => there.board.card(card!.id)?.note === 'Før gendannelsespunktet', { what: 'the first note' });
    await new Promise((r) => setTimeout(r, 1_100));
    const at = new Date(Date.now()).toISOString();
    await new Promise((r) => setTimeout(r, 1_100));
    watchOwner.board.updateCard(card!.id, { note: 'Efter gendannelsespunktet' }, by('bent'));
    await waitFor(() => there.board.card(card!.id)?.note === 'Efter gendannelsespunktet', { what: 'the later note' });

    // Board jobs run on the owner only; a restore asked through the follower is built there
    // and sent to the owner's gate as a server write.
    const admin = await login(follower.baseUrl, 'admin');
    const restored = await apiCall(follower.baseUrl, admin, 'POST', `/api/admin/boards/${BOARD}/restore`, {
      at,
      cardIds: [card!.id],
    });
    expect(restored.status, restored.text).toBe(200);
    await waitFor(
      () => [watchOwner, there].every((cl) => cl.board.card(card!.id)?.note === 'Før gendannelsespunktet'),
      { what: 'the restored note on every node' },
    );
    expect(await ownerOf(c.databaseUrl, BOARD)).toBe(owner);
  });

  it('an owner without clients of its own keeps the board while another node follows it, then lets it go', async () => {
    const BOARD2 = 'tavle-syd';
    // An owner that would unload an idle board after 200 ms, and a follower that would too.
    const quick = await c.addNode({ BOARD_UNLOAD_GRACE_MS: '200' });
    const quickFollower = await c.addNode({ BOARD_UNLOAD_GRACE_MS: '200' });
    const quickId = `node-${c.nodes.indexOf(quick)}`;
    const hanne = await movableClient(quick, 'hanne', BOARD2);
    expect(await ownerOf(c.databaseUrl, BOARD2)).toBe(quickId);
    const ida = await movableClient(quickFollower, 'ida', BOARD2);
    clients.push(ida);
    // The owner looks for followers once a second (the default grace is 10 s, far longer).
    await new Promise((r) => setTimeout(r, 1_500));
    hanne.destroy();
    // Well past its grace and a lease check: the follower's client was not sent away.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(ida.closeCodes).toEqual([]);
    expect(await ownerOf(c.databaseUrl, BOARD2)).toBe(quickId);
    const card = ida.board.createCard({ name: 'Stadig her', phaseId: 'uge2' }, by('ida'));
    const check = await movableClient(quick, 'eva', BOARD2);
    clients.push(check);
    await waitFor(() => check.board.hasCard(card), { what: 'the follower’s edit on the owner' });
    check.destroy();
    clients.splice(clients.indexOf(check), 1);

    // Nobody left on either node: the owner lets the board go and releases its lease.
    ida.destroy();
    clients.splice(clients.indexOf(ida), 1);
    await waitFor(async () => (await ownerOf(c.databaseUrl, BOARD2)) !== quickId, {
      what: 'the lease released once nobody follows',
      timeoutMs: 15_000,
    });
  });
});
