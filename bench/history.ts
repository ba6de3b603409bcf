/**
 * `npm run bench:history`: what a board's history costs the server, in-process (no network).
 * Side by side in one run: the same big board (a) fresh, (b) after many page loads have each
 * left their Yjs clientID in the doc (performance anchors §1c: every transaction in yjs 13.6
 * is O(clientIDs)), and (c) rebuilt from its plain state into a new doc, as an epoch rebuild
 * would. Reports server µs per applied remote edit, full-state size and encode time, load
 * time from a snapshot and heap per loaded doc.
 *
 * Env: BENCH_CARDS (2000), BENCH_SESSIONS (10000), BENCH_EDITS (2000).
 */
import * as Y from 'yjs';
import { BoardDoc } from '../shared/doc/boardDoc.js';
import { rebuildDoc } from '../shared/doc/epoch.js';
import type { Triage } from '../shared/model/card.js';
import { addSessions, buildBoard } from './boardGen.js';

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const EDITS = Number(process.env.BENCH_EDITS ?? 2000);
const TRIAGE: Triage[] = ['green', 'yellow', 'red'];

/** µs per remote edit applied on the server doc (one new remote client doing EDITS edits). */
function applyCost(server: Y.Doc): number {
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(server));
  const board = new BoardDoc(remote);
  const updates: Uint8Array[] = [];
  remote.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < EDITS; i++) {
    board.updateCard(`c${(i * 7) % CARDS}`, { triage: TRIAGE[i % 3]! }, { source: 'local', userId: 'bench' });
  }
  remote.destroy();
  const t0 = process.hrtime.bigint();
  for (const u of updates) Y.applyUpdate(server, u, 'peer');
  return Number(process.hrtime.bigint() - t0) / 1000 / updates.length;
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

function measure(name: string, doc: Y.Doc) {
  const t0 = performance.now();
  const state = Y.encodeStateAsUpdate(doc);
  const encodeMs = performance.now() - t0;
  const heap0 = heapMb();
  const t1 = performance.now();
  const loaded = new Y.Doc();
  Y.applyUpdate(loaded, state);
  const loadMs = performance.now() - t1;
  const heapPerDoc = heapMb() - heap0;
  const row = {
    board: name,
    clientIDs: Y.decodeStateVector(Y.encodeStateVector(doc)).size,
    'full state KB': (state.length / 1024).toFixed(0),
    'encode ms': encodeMs.toFixed(1),
    'load ms': loadMs.toFixed(1),
    'heap MB / doc': globalThis.gc ? heapPerDoc.toFixed(1) : 'n/a (run with --expose-gc)',
    'µs / remote edit': applyCost(loaded).toFixed(1),
  };
  loaded.destroy();
  return row;
}

const fresh = buildBoard(CARDS);
const drifted = buildBoard(CARDS);
addSessions(drifted, SESSIONS, { cards: CARDS });
// The server's own epoch rebuild (shared/doc/epoch.ts, run by server/sync/epoch.ts on load).
const tRebuild = performance.now();
const rebuilt = rebuildDoc(drifted, { epoch: 1, clientID: 1 });
const rebuildMs = performance.now() - tRebuild;
console.log(
  `Tavlen history bench: ${CARDS} cards, ${SESSIONS} simulated page loads, ${EDITS} timed edits. Node ${process.version}.`,
);
console.log(`Epoch rebuild (rebuildDoc) of the drifted board: ${rebuildMs.toFixed(0)} ms.`);
console.table([
  measure('fresh', fresh),
  measure(`after ${SESSIONS} sessions`, drifted),
  measure('rebuilt (epoch)', rebuilt),
]);
