/**
 * `npm run bench:gate`: what the write gate (server/sync/writeGate.ts) costs per update,
 * in-process, side by side with a plain `Y.applyUpdate` (what a relay without checks pays)
 * on the same updates, on a 40-card and a 2,000-card board. The gate's check must grow
 * with what an update changes, not with the board: the two sizes should cost about the same.
 * The last column is the same gate with every update through its staging copy
 * (`judgesPlainUpdates = false`): what reading plain updates from their structs saves.
 * Also: the cost of a refusal (the staging copy is rebuilt from the live doc) and of the
 * largest update the gate takes (MAX_UPDATE_BYTES).
 *
 * Env: BENCH_EDITS (2000).
 */
import * as Y from 'yjs';
import { BoardDoc } from '../shared/doc/boardDoc.js';
import { MeetingDoc } from '../shared/doc/meetingDoc.js';
import { DEFAULT_PHASES } from '../shared/model/phase.js';
import type { Triage } from '../shared/model/card.js';
import { delegationPreset } from '../shared/rules/delegation.js';
import { WriteGate } from '../server/sync/writeGate.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 2000);
const SEED = { source: 'server', reason: 'seed' } as const;
const USER = { source: 'local', userId: 'bench' } as const;
const TRIAGE: Triage[] = ['green', 'yellow', 'red'];
const MATRIX = async () => delegationPreset('solrod').matrix;

function buildBoard(cards: number): Y.Doc {
  const board = new BoardDoc();
  board.initialize({ id: 'bench', teamId: 'team-bench', name: 'Bench', phases: [...DEFAULT_PHASES] }, SEED);
  const phases = board.phases().filter((p) => p.kind !== 'closed');
  for (let i = 0; i < cards; i++) {
    board.createCard({ name: `Borger ${i}`, phaseId: phases[i % phases.length]!.id }, SEED, `c${i}`);
  }
  return board.doc;
}

type Kind = 'field' | 'move' | 'triage' | 'create';

/** `EDITS` realistic client updates of one kind, made by one remote client. */
function clientUpdates(server: Y.Doc, cards: number, kind: Kind): Uint8Array[] {
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(server));
  const board = new BoardDoc(remote);
  const meetings = new MeetingDoc(board);
  const phases = board.phases().filter((p) => p.kind !== 'closed');
  const updates: Uint8Array[] = [];
  remote.on('update', (u: Uint8Array) => updates.push(u));
  // Creations stop well below the board's card limit (MAX_CARDS_PER_BOARD).
  const count = kind === 'create' ? Math.min(EDITS, 500) : EDITS;
  for (let i = 0; i < count; i++) {
    const id = `c${(i * 7) % cards}`;
    if (kind === 'field') board.updateCard(id, { note: `Notat ${i}` }, USER);
    if (kind === 'move') board.moveCard(id, phases[i % phases.length]!.id, 0, USER);
    if (kind === 'triage') {
      const now = board.card(id)!.triage;
      meetings.setTriage(id, TRIAGE[(TRIAGE.indexOf(now) + 1) % 3]!, { by: 'u-bench', byName: 'Bench' }, USER);
    }
    if (kind === 'create') board.createCard({ name: `Ny ${i}`, phaseId: phases[0]!.id }, USER, `n${i}`);
  }
  remote.destroy();
  return updates;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** µs per update: plain apply vs gate check + apply, on copies of the same board. */
async function perUpdate(
  cards: number,
  kind: Kind,
  /** Every update through the staging copy, as before plain updates were read from their structs. */
  staged = false,
): Promise<{ plain: number; gated: number; p99: number; cpu: number }> {
  const base = buildBoard(cards);
  const updates = clientUpdates(base, cards, kind);
  const plainDoc = new Y.Doc();
  Y.applyUpdate(plainDoc, Y.encodeStateAsUpdate(base));
  let t0 = process.hrtime.bigint();
  for (const u of updates) Y.applyUpdate(plainDoc, u, 'peer');
  const plain = Number(process.hrtime.bigint() - t0) / 1000 / updates.length;

  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(base));
  const gate = new WriteGate(live, MATRIX);
  gate.judgesPlainUpdates = !staged;
  const each: number[] = [];
  // CPU time too: on a shared machine wall time mostly measures the neighbours.
  const cpu0 = process.cpuUsage();
  t0 = process.hrtime.bigint();
  for (const u of updates) {
    const s = process.hrtime.bigint();
    const verdict = await gate.check(u, { id: 'u-bench', role: 'visitator' });
    if (!verdict.ok) throw new Error(`refused in the bench: ${JSON.stringify(verdict.refusal)}`);
    Y.applyUpdate(live, u, 'peer');
    each.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  const gated = Number(process.hrtime.bigint() - t0) / 1000 / updates.length;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / updates.length;
  gate.dispose();
  each.sort((a, b) => a - b);
  return { plain, gated, p99: each[Math.floor(each.length * 0.99)]!, cpu };
}

/** ms to refuse one bad update (the staging copy is rebuilt from the live doc). */
async function refusalCost(cards: number): Promise<number> {
  const live = buildBoard(cards);
  const gate = new WriteGate(live, MATRIX);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(live));
    let update: Uint8Array | null = null;
    remote.on('update', (u: Uint8Array) => (update = u));
    remote.getMap('phases').delete('afsluttet');
    const t0 = process.hrtime.bigint();
    const verdict = await gate.check(update!, { id: 'u-bench', role: 'ssh' });
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (verdict.ok) throw new Error('a phase deletion was accepted');
    remote.destroy();
  }
  gate.dispose();
  return median(runs);
}

/** ms for the biggest update the gate takes: cards created in one update, up to ~1 MB. */
async function largestUpdate(): Promise<{ bytes: number; ms: number }> {
  const live = buildBoard(40);
  const gate = new WriteGate(live, MATRIX);
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(live));
  const before = Y.encodeStateVector(remote);
  const board = new BoardDoc(remote);
  remote.transact(() => {
    for (let i = 0; i < 500; i++) {
      board.createCard({ name: `Stor ${i}`, phaseId: 'henvist', note: 'x'.repeat(1200) }, USER, `big${i}`);
    }
  }, USER);
  const update = Y.encodeStateAsUpdate(remote, before);
  const t0 = process.hrtime.bigint();
  const verdict = await gate.check(update, { id: 'u-bench', role: 'administrator' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  gate.dispose();
  if (!verdict.ok) throw new Error(`largest update refused: ${JSON.stringify(verdict.refusal)}`);
  return { bytes: update.byteLength, ms };
}

async function main(): Promise<void> {
  console.log(`write gate, ${EDITS} updates per row, node ${process.version}`);
  // Warm-up: the first row would otherwise pay for the JIT.
  for (const kind of ['field', 'move', 'triage'] as Kind[]) {
    await perUpdate(40, kind);
    await perUpdate(40, kind, true);
  }
  console.log(
    '| board | update | plain apply µs | gate + apply µs | gate p99 µs | ratio | gate + apply CPU µs | all staged: CPU µs |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const cards of [40, 2000]) {
    for (const kind of ['field', 'move', 'triage', 'create'] as Kind[]) {
      // Each way twice, alternating, the better of two: the JIT and the neighbours favour neither.
      const best = (a: Awaited<ReturnType<typeof perUpdate>>, b: typeof a) => (a.cpu <= b.cpu ? a : b);
      const r1 = await perUpdate(cards, kind);
      const s1 = await perUpdate(cards, kind, true);
      const r = best(r1, await perUpdate(cards, kind));
      const s = best(s1, await perUpdate(cards, kind, true));
      console.log(
        `| ${cards} cards | ${kind} | ${r.plain.toFixed(1)} | ${r.gated.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.gated / r.plain).toFixed(1)}× | ${r.cpu.toFixed(1)} | ${s.cpu.toFixed(1)} |`,
      );
    }
  }
  for (const cards of [40, 2000]) console.log(`refusal on ${cards} cards: ${(await refusalCost(cards)).toFixed(1)} ms`);
  const big = await largestUpdate();
  console.log(`largest accepted update: ${(big.bytes / 1024).toFixed(0)} kB checked in ${big.ms.toFixed(0)} ms`);
}

await main();
