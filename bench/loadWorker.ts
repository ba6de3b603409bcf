/**
 * One load-generator thread (bench/loadgen.ts starts one per spare core). It owns whole
 * boards: their light clients only send prepared edits and count what arrives (no Y.Doc),
 * and 3 observers per board hold a full Y.Doc that decodes every update and times when each
 * edit becomes visible, from the edit's *scheduled* send time. Commands come from the parent.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { dueAt, dueRange, editCount, isMeasured, percentile, type Schedule } from './stats.js';
import {
  authMessage,
  awarenessMessage,
  readAwarenessClock,
  readUpdate,
  syncStep1Message,
  updateMessage,
  type Dialect,
} from './wire.js';

export interface WorkerBoard {
  /** index among all boards (edit g of a phase goes to board g % boardCount) */
  index: number;
  url: string;
  /** One URL per client slot, round robin (clients of one board on several nodes); default `url`. */
  urls?: string[];
  docName: string;
  base: Uint8Array;
  edits: { writer: number; client: number; clock: number; update: Uint8Array }[];
}

export interface WorkerSpec {
  dialect: Dialect;
  /** false for the floor, which never answers a sync request */
  serverSyncs: boolean;
  boards: WorkerBoard[];
  boardCount: number;
  clientsPerBoard: number;
  observersPerBoard: number;
  headers?: Record<string, string>;
  token?: string;
  /**
   * One user dragging a card on board index 0: client `slot` (a light client) sends its
   * presence `hz` times a second during a phase, under awareness clientID `clientId`; every
   * other client of the board counts and times the presence messages it receives.
   */
  presence?: { slot: number; hz: number; clientId: number };
}

export type WorkerCommand =
  | { type: 'connect' }
  | { type: 'run'; schedule: Schedule; drainMs: number }
  | { type: 'storm'; timeoutMs: number }
  | { type: 'close' };

/** A reconnect storm's outcome; lastResyncAt (absolute ms) is NaN unless every client resynced. */
export interface StormResult {
  clients: number;
  resynced: number;
  lastResyncAt: number;
}

export interface PhaseResult {
  sent: number;
  measuredEdits: number;
  expected: number;
  received: number;
  latencies: Float64Array;
  sendLagP99Ms: number;
  loopDelayP99Ms: number;
  messagesIn: number;
  /** The dragging user's presence (spec.presence), measured window only. */
  presence?: PresenceResult;
}

export interface PresenceResult {
  /** presence messages sent in the measured window */
  sent: number;
  /** messages that carried a measured send, summed over the receiving clients */
  received: number;
  /** clients of the board other than the sender */
  receivers: number;
  measureMs: number;
  /** send (scheduled) → arrival, every receiver */
  latencies: Float64Array;
}

const now = () => performance.timeOrigin + performance.now();
const spec = workerData as WorkerSpec;

interface Sent {
  clock: number;
  due: number;
  measured: boolean;
}
interface Board {
  spec: WorkerBoard;
  messages: Uint8Array[];
  writers: WebSocket[];
  sockets: WebSocket[];
  /** edits sent, per writer clientID, in clock order */
  sent: Map<number, Sent[]>;
  cursor: number;
}

let latencies: number[] = [];
let received = 0;
let messagesIn = 0;
/** Presence sends by awareness clock (clocks keep rising over phases, as awareness wants). */
const presenceSends = new Map<number, { due: number; measured: boolean }>();
let presenceClock = 0;
let presenceLatencies: number[] = [];
let presenceReceived = 0;

const urlOf = (b: WorkerBoard, slot: number) => (b.urls ? b.urls[slot % b.urls.length]! : b.url);

/** Counts and times a presence message of the dragging user (not at the sender itself). */
function onPresence(board: Board, slot: number, data: Buffer): void {
  const p = spec.presence!;
  if (board.spec.index !== 0 || slot === p.slot) return;
  const clock = readAwarenessClock(spec.dialect, data, p.clientId);
  const sent = clock === null ? undefined : presenceSends.get(clock);
  if (!sent?.measured) return;
  presenceReceived++;
  presenceLatencies.push(now() - sent.due);
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: spec.headers, perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function hello(ws: WebSocket, b: WorkerBoard, stateVector: Uint8Array): void {
  if (spec.dialect === 'hocuspocus') ws.send(authMessage(b.docName, spec.token ?? ''));
  ws.send(syncStep1Message(spec.dialect, b.docName, stateVector));
}

/** The reconnect storm (bench/run.ts): while armed, a closed socket reconnects like y-websocket's client. */
const storm = {
  armed: false,
  clients: 0,
  lost: new Set<string>(),
  waiting: new Set<string>(),
  lastResyncAt: 0,
  done: () => {},
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wires one client's socket; `doc` only for observers. Called again on every reconnect. */
function attach(board: Board, slot: number, ws: WebSocket, doc: Y.Doc | null, onSynced: () => void): void {
  const wb = board.spec;
  const key = `${wb.index}:${slot}`;
  board.sockets[slot] = ws;
  if (!doc) board.writers[slot - spec.observersPerBoard] = ws;
  let synced = !spec.serverSyncs;
  if (synced) onSynced();
  ws.on('message', (data: Buffer) => {
    messagesIn++;
    if (spec.presence) onPresence(board, slot, data);
    // Light clients only send and count, except while they wait for a resync.
    if (synced && !doc) return;
    const update = readUpdate(spec.dialect, data);
    if (!update) return;
    if (!synced) {
      synced = true;
      onSynced();
    }
    if (doc) Y.applyUpdate(doc, update, 'server');
  });
  ws.on('close', () => {
    if (storm.armed) void reconnect(board, slot, doc, key);
  });
  // A light client has the board already (a local copy); an observer sends what it holds.
  hello(ws, wb, doc ? Y.encodeStateVector(doc) : Y.encodeStateVectorFromUpdate(wb.base));
}

/** y-websocket's client backoff: 100 ms doubling per failed attempt, at most 2.5 s. */
async function reconnect(board: Board, slot: number, doc: Y.Doc | null, key: string): Promise<void> {
  storm.waiting.add(key);
  storm.lost.add(key);
  for (let failures = 0; storm.armed; failures++) {
    await sleep(Math.min(2 ** failures * 100, 2500));
    try {
      const ws = await open(urlOf(board.spec, slot));
      attach(board, slot, ws, doc, () => {
        if (!storm.waiting.delete(key)) return;
        storm.lastResyncAt = now();
        if (storm.waiting.size === 0 && storm.lost.size === storm.clients) storm.done();
      });
      return;
    } catch {
      /* the server is not back yet */
    }
  }
}

async function connectBoard(wb: WorkerBoard): Promise<Board> {
  const board: Board = {
    spec: wb,
    messages: wb.edits.map((e) => updateMessage(spec.dialect, wb.docName, e.update)),
    writers: [],
    sockets: [],
    sent: new Map(),
    cursor: 0,
  };
  // A board's clients connect at once, as a team opening the board in the morning.
  const sockets = await Promise.all(Array.from({ length: spec.clientsPerBoard }, (_, i) => open(urlOf(wb, i))));
  const synced: Promise<void>[] = [];
  for (const [i, ws] of sockets.entries()) {
    if (i >= spec.observersPerBoard) {
      attach(board, i, ws, null, () => {});
      continue;
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, wb.base);
    const seen = new Map<number, number>();
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      const t = now();
      for (const [client, clock] of tr.afterState) {
        if (tr.beforeState.get(client) === clock) continue;
        const queue = board.sent.get(client);
        if (!queue) continue;
        let k = seen.get(client) ?? 0;
        while (k < queue.length && queue[k]!.clock <= clock) {
          if (queue[k]!.measured) {
            latencies.push(t - queue[k]!.due);
            received++;
          }
          k++;
        }
        seen.set(client, k);
      }
    });
    synced.push(new Promise<void>((resolve) => attach(board, i, ws, doc, resolve)));
  }
  await Promise.all(synced);
  return board;
}

let boards: Board[] = [];
const byIndex = new Map<number, Board>();

async function run(schedule: Schedule, drainMs: number): Promise<PhaseResult> {
  latencies = [];
  received = 0;
  messagesIn = 0;
  presenceLatencies = [];
  presenceReceived = 0;
  const dragger = spec.presence ? byIndex.get(0) : undefined;
  const presenceEnd = schedule.t0 + schedule.warmupMs + schedule.measureMs;
  let presenceNext = 0;
  let presenceMeasured = 0;
  const lags: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const total = editCount(schedule);
  let next = 0;
  let sent = 0;
  let measuredEdits = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      const [from, to] = dueRange(schedule, next, t);
      for (let g = from; g < to; g++) {
        const board = byIndex.get(g % spec.boardCount);
        if (!board) continue;
        const k = board.cursor++;
        const edit = board.spec.edits[k];
        if (!edit) throw new Error(`board ${board.spec.index} ran out of prepared edits at ${k}`);
        const due = dueAt(schedule, g);
        const measured = isMeasured(schedule, g);
        let queue = board.sent.get(edit.client);
        if (!queue) board.sent.set(edit.client, (queue = []));
        queue.push({ clock: edit.clock, due, measured });
        board.writers[edit.writer % board.writers.length]!.send(board.messages[k]!);
        lags.push(now() - due);
        sent++;
        if (measured) measuredEdits++;
      }
      // The dragging user: presence `hz` times a second, on its own schedule, until the phase ends.
      while (dragger) {
        const due = schedule.t0 + (presenceNext * 1000) / spec.presence!.hz;
        if (due > t || due >= presenceEnd) break;
        const clock = ++presenceClock;
        const measured = due >= schedule.t0 + schedule.warmupMs;
        presenceSends.set(clock, { due, measured });
        if (measured) presenceMeasured++;
        const state = { editingCardId: null, drag: { x: presenceNext % 1600, y: 300 } };
        const ws = dragger.sockets[spec.presence!.slot]!;
        ws.send(awarenessMessage(spec.dialect, dragger.spec.docName, spec.presence!.clientId, clock, state));
        presenceNext++;
      }
      next = to;
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(1, dueAt(schedule, next) - now())));
    };
    setTimeout(tick, Math.max(0, schedule.t0 - now()));
  });
  const expected = measuredEdits * spec.observersPerBoard;
  const drainUntil = now() + drainMs;
  while (received < expected && now() < drainUntil) await new Promise((r) => setTimeout(r, 10));
  loop.disable();
  lags.sort((a, b) => a - b);
  const result: PhaseResult = {
    sent,
    measuredEdits,
    expected,
    received,
    latencies: Float64Array.from(latencies),
    sendLagP99Ms: percentile(lags, 99),
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    messagesIn,
  };
  if (dragger) {
    presenceLatencies.sort((a, b) => a - b);
    result.presence = {
      sent: presenceMeasured,
      received: presenceReceived,
      receivers: dragger.sockets.length - 1,
      measureMs: schedule.measureMs,
      latencies: Float64Array.from(presenceLatencies),
    };
  }
  return result;
}

/** Arms reconnecting, answers 'armed', then resolves once every client is resynced (or the timeout). */
async function stormRound(timeoutMs: number): Promise<StormResult> {
  const clients = boards.reduce((n, b) => n + b.sockets.length, 0);
  storm.armed = true;
  storm.clients = clients;
  storm.lost.clear();
  storm.waiting.clear();
  storm.lastResyncAt = NaN;
  const allBack = new Promise<void>((resolve) => (storm.done = resolve));
  // The parent kills and restarts the server once armed; every client must lose its socket and resync.
  parentPort!.postMessage({ type: 'armed' });
  await Promise.race([allBack, sleep(timeoutMs)]);
  const resynced = storm.lost.size - storm.waiting.size;
  const all = storm.lost.size === clients && storm.waiting.size === 0;
  storm.armed = false;
  return { clients, resynced, lastResyncAt: all ? storm.lastResyncAt : NaN };
}

parentPort!.on('message', (cmd: WorkerCommand) => {
  void (async () => {
    try {
      if (cmd.type === 'connect') {
        boards = [];
        // Ten boards at a time: fast, without overflowing a server's accept backlog.
        for (let i = 0; i < spec.boards.length; i += 10) {
          boards.push(...(await Promise.all(spec.boards.slice(i, i + 10).map(connectBoard))));
        }
        for (const b of boards) byIndex.set(b.spec.index, b);
        parentPort!.postMessage({ type: 'connected' });
      } else if (cmd.type === 'run') {
        const r = await run(cmd.schedule, cmd.drainMs);
        parentPort!.postMessage({ type: 'result', result: r }, [r.latencies.buffer as ArrayBuffer]);
      } else if (cmd.type === 'storm') {
        parentPort!.postMessage({ type: 'stormed', result: await stormRound(cmd.timeoutMs) });
      } else {
        storm.armed = false;
        for (const b of boards) for (const ws of b.sockets) ws.terminate();
        parentPort!.postMessage({ type: 'closed' });
      }
    } catch (err) {
      parentPort!.postMessage({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  })();
});
