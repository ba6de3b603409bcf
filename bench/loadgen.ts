/**
 * Open-loop load generator speaking the y-websocket protocol. Most clients are light (they
 * complete the handshake and count bytes); a few observers per room hold a full Y.Doc and time
 * when each edit becomes visible. Latency runs from the *scheduled* send time, so a slow server
 * cannot hide behind a slow sender (no coordinated omission).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

export interface LoadSpec {
  /** ws URL per room, e.g. ws://127.0.0.1:3000/yjs/<boardId> */
  roomUrls: string[];
  clientsPerRoom: number;
  observersPerRoom: number;
  editsPerSecond: number;
  warmupMs: number;
  measureMs: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  sent: number;
  expected: number;
  received: number;
  latenciesMs: number[];
  loadgenLagP99Ms: number;
  bytesIn: number;
}

const MESSAGE_SYNC = 0;

function syncStep1(doc: Y.Doc): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(enc, doc);
  return encoding.toUint8Array(enc);
}

function updateMessage(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

function open(url: string, headers: Record<string, string> | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const sockets: WebSocket[] = [];
  const writers: { ws: WebSocket; doc: Y.Doc }[] = [];
  const latencies: number[] = [];
  let measuring = false;
  let received = 0;
  let bytesIn = 0;

  for (const url of spec.roomUrls) {
    for (let i = 0; i < spec.clientsPerRoom; i++) {
      const ws = await open(url, spec.headers);
      sockets.push(ws);
      const observer = i < spec.observersPerRoom;
      const doc = new Y.Doc();
      ws.send(syncStep1(doc));
      ws.on('message', (data: Buffer) => {
        bytesIn += data.length;
        if (!observer) return;
        const dec = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(dec) !== MESSAGE_SYNC) return;
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(dec, reply, doc, 'remote');
        if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
      });
      if (observer) {
        doc.getMap<number>('bench').observe((event) => {
          const now = performance.now();
          for (const key of event.keysChanged) {
            const scheduled = doc.getMap<number>('bench').get(key);
            if (measuring && typeof scheduled === 'number' && scheduled > 0) {
              latencies.push(now - scheduled);
              received++;
            }
          }
        });
      } else {
        writers.push({ ws, doc });
      }
    }
  }

  // Open loop: edits are scheduled at a fixed rate; each carries its scheduled time.
  let seq = 0;
  let sent = 0;
  let expected = 0;
  const interval = 1000 / spec.editsPerSecond;
  const start = performance.now();
  let next = start;
  const end = start + spec.warmupMs + spec.measureMs;
  lag.enable();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      measuring = now >= start + spec.warmupMs;
      while (next <= now && next < end) {
        const w = writers[seq % writers.length]!;
        const before = Y.encodeStateVector(w.doc);
        w.doc.getMap<number>('bench').set(`e${seq}`, measuring ? next : 0);
        w.ws.send(updateMessage(Y.encodeStateAsUpdate(w.doc, before)));
        if (measuring) {
          sent++;
          expected += spec.observersPerRoom;
        }
        seq++;
        next += interval;
      }
      if (now >= end) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  // Let in-flight edits land (bounded), then close.
  const drainUntil = performance.now() + 2000;
  while (received < expected && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 10));
  lag.disable();
  for (const ws of sockets) ws.terminate();
  return {
    sent,
    expected,
    received,
    latenciesMs: latencies,
    loadgenLagP99Ms: lag.percentile(99) / 1e6,
    bytesIn,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
