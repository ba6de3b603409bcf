/**
 * The load generator's coordinator: splits the boards over worker threads (one per core
 * the server does not need, at least one; BENCH_WORKERS overrides), connects every client,
 * then runs open-loop phases on a shared schedule and merges what the threads measured.
 * Latency runs from each edit's scheduled time; the generator's own lag (actual send time
 * minus scheduled) is reported, and a phase with a p99 above 5 ms is invalid.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { percentile, type Schedule } from './stats.js';
// The worker runs as dist/bench/loadWorker.js, bundled by buildPeers() (bench/servers.ts).
import type { PhaseResult, PresenceResult, StormResult, WorkerBoard, WorkerCommand, WorkerSpec } from './loadWorker.js';

export interface LoadResult {
  sent: number;
  measuredEdits: number;
  expected: number;
  received: number;
  /** ascending */
  latencies: Float64Array;
  generatorLagP99Ms: number;
  loopDelayP99Ms: number;
  messagesIn: number;
  /** Only with spec.presence (the hot board). */
  presence?: PresenceResult;
}

export const defaultWorkers = () => Number(process.env.BENCH_WORKERS ?? Math.max(1, availableParallelism() - 1));

export class LoadGenerator {
  private constructor(private readonly workers: Worker[]) {}

  static async start(spec: Omit<WorkerSpec, 'boards'> & { boards: WorkerBoard[] }, threads = defaultWorkers()) {
    const n = Math.max(1, Math.min(threads, spec.boards.length));
    const workers: Worker[] = [];
    for (let w = 0; w < n; w++) {
      const mine = spec.boards.filter((b) => b.index % n === w);
      workers.push(
        new Worker(new URL('../dist/bench/loadWorker.js', import.meta.url), { workerData: { ...spec, boards: mine } }),
      );
    }
    const gen = new LoadGenerator(workers);
    await gen.all({ type: 'connect' }, 'connected');
    return gen;
  }

  private all<T>(cmd: WorkerCommand, answer: string): Promise<T[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<T>((resolve, reject) => {
            const onMessage = (msg: { type: string; result?: T; message?: string }) => {
              if (msg.type === 'error') reject(new Error(msg.message));
              else if (msg.type === answer) resolve(msg.result as T);
              else return;
              w.off('message', onMessage);
            };
            w.on('message', onMessage);
            w.once('error', reject);
            w.postMessage(cmd);
          }),
      ),
    );
  }

  async run(schedule: Schedule, drainMs = 2000): Promise<LoadResult> {
    const parts = await this.all<PhaseResult>({ type: 'run', schedule, drainMs }, 'result');
    const latencies = new Float64Array(parts.reduce((n, p) => n + p.latencies.length, 0));
    let at = 0;
    for (const p of parts) {
      latencies.set(p.latencies, at);
      at += p.latencies.length;
    }
    latencies.sort();
    const sum = (f: (p: PhaseResult) => number) => parts.reduce((n, p) => n + f(p), 0);
    return {
      sent: sum((p) => p.sent),
      measuredEdits: sum((p) => p.measuredEdits),
      expected: sum((p) => p.expected),
      received: sum((p) => p.received),
      latencies,
      generatorLagP99Ms: Math.max(...parts.map((p) => p.sendLagP99Ms)),
      loopDelayP99Ms: Math.max(...parts.map((p) => p.loopDelayP99Ms)),
      messagesIn: sum((p) => p.messagesIn),
      presence: parts.find((p) => p.presence)?.presence,
    };
  }

  /**
   * A reconnect storm: arms every client to reconnect (y-websocket's backoff), calls `kill`
   * (which kills and restarts the server) and resolves when every client has its resync:
   * the absolute time of the last one, NaN if some never came back within `timeoutMs`.
   */
  async storm(
    kill: () => Promise<void>,
    timeoutMs = 60_000,
  ): Promise<{ clients: number; resynced: number; lastResyncAt: number }> {
    const results = Promise.all(
      this.workers.map(
        (w) =>
          new Promise<StormResult>((resolve, reject) => {
            const onMessage = (msg: { type: string; result?: StormResult; message?: string }) => {
              if (msg.type === 'error') reject(new Error(msg.message));
              else if (msg.type === 'stormed') resolve(msg.result!);
              else return;
              w.off('message', onMessage);
            };
            w.on('message', onMessage);
          }),
      ),
    );
    await this.all({ type: 'storm', timeoutMs }, 'armed');
    await kill();
    const parts = await results;
    return {
      clients: parts.reduce((n, p) => n + p.clients, 0),
      resynced: parts.reduce((n, p) => n + p.resynced, 0),
      lastResyncAt: Math.max(...parts.map((p) => p.lastResyncAt)),
    };
  }

  async close(): Promise<void> {
    await this.all({ type: 'close' }, 'closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export { percentile };
