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
import { authMessage, readUpdate, syncStep1Message, updateMessage, type Dialect } from './wire.js';

export interface WorkerBoard {
  /** index among all boards (edit g of a phase goes to board g % boardCount) */
  index: number;
  url: string;
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
}

export type WorkerCommand =
  { type: 'connect' } | { type: 'run'; schedule: Schedule; drainMs: number } | { type: 'close' };

export interface PhaseResult {
  sent: number;
  measuredEdits: number;
  expected: number;
  received: number;
  latencies: Float64Array;
  sendLagP99Ms: number;
  loopDelayP99Ms: number;
  messagesIn: number;
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

async function connectBoard(wb: WorkerBoard): Promise<Board> {
  const board: Board = {
    spec: wb,
    messages: wb.edits.map((e) => updateMessage(spec.dialect, wb.docName, e.update)),
    writers: [],
    sockets: [],
    sent: new Map(),
    cursor: 0,
  };
  const synced: Promise<void>[] = [];
  for (let i = 0; i < spec.clientsPerBoard; i++) {
    const ws = await open(wb.url);
    board.sockets.push(ws);
    if (i >= spec.observersPerBoard) {
      // Light client: sends, counts, keeps nothing. It has the board already (a local copy).
      ws.on('message', () => messagesIn++);
      hello(ws, wb, Y.encodeStateVectorFromUpdate(wb.base));
      board.writers.push(ws);
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
    let resolveSynced!: () => void;
    synced.push(new Promise<void>((r) => (resolveSynced = r)));
    if (!spec.serverSyncs) resolveSynced();
    ws.on('message', (data: Buffer) => {
      messagesIn++;
      const update = readUpdate(spec.dialect, data);
      if (!update) return;
      resolveSynced();
      Y.applyUpdate(doc, update, 'server');
    });
    hello(ws, wb, Y.encodeStateVector(doc));
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
  return result;
}

parentPort!.on('message', (cmd: WorkerCommand) => {
  void (async () => {
    try {
      if (cmd.type === 'connect') {
        boards = [];
        for (const wb of spec.boards) boards.push(await connectBoard(wb));
        for (const b of boards) byIndex.set(b.spec.index, b);
        parentPort!.postMessage({ type: 'connected' });
      } else if (cmd.type === 'run') {
        const r = await run(cmd.schedule, cmd.drainMs);
        parentPort!.postMessage({ type: 'result', result: r }, [r.latencies.buffer as ArrayBuffer]);
      } else {
        for (const b of boards) for (const ws of b.sockets) ws.terminate();
        parentPort!.postMessage({ type: 'closed' });
      }
    } catch (err) {
      parentPort!.postMessage({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  })();
});
