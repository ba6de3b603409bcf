/**
 * The servers under test, each its own process on a free port: CPU (user + system) and RSS
 * read from /proc, a kill -9 and a restart for the reconnect storm. Each server prints one
 * JSON line with its port when it listens (Tavlen's "listening" log line; the peers copy it).
 * The bench's own servers (and the load generator's worker) are bundled with esbuild first, so no server pays for a
 * TypeScript loader and RSS compares like with like.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

export interface ServerSpec {
  name: string;
  script: string;
  env?: Record<string, string>;
  /** Node options before the script (the memory scenario's --inspect). */
  nodeArgs?: string[];
}

/**
 * The Node flags `npm start` runs Tavlen's server with (package.json's start script), so the
 * bench runs it as it is deployed: one place says what they are (docs/operations.md, why).
 */
export const TAVLEN_NODE_FLAGS: string[] = (() => {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
    .start!;
  const flags = /\bnode ((?:--\S+ )*)dist\/server\/index\.js/.exec(start);
  if (!flags) throw new Error(`package.json's start script does not run dist/server/index.js: ${start}`);
  return flags[1]!.trim().split(' ').filter(Boolean);
})();

export const PEER_BUNDLES = {
  floor: 'dist/bench/floor-server.js',
  stock: 'dist/bench/ywsServer.js',
  hocuspocus: 'dist/bench/hocuspocusServer.js',
  tavlen: 'dist/server/index.js',
} as const;

export async function buildPeers(): Promise<void> {
  await build({
    entryPoints: {
      'floor-server': 'bench/floor-server.ts',
      ywsServer: 'bench/peers/ywsServer.ts',
      hocuspocusServer: 'bench/peers/hocuspocusServer.ts',
      // The load generator's threads too: no TypeScript loader in the generator either.
      loadWorker: 'bench/loadWorker.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: 'dist/bench',
    logLevel: 'warning',
  });
  if (!existsSync(PEER_BUNDLES.tavlen)) throw new Error(`${PEER_BUNDLES.tavlen} is missing: run npm run build:server`);
}

/** Every server the bench started and has not seen exit: killed if the bench itself exits. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((p) => p.kill('SIGKILL')));

export class ServerProcess {
  proc!: ChildProcess;
  port = 0;
  constructor(readonly spec: ServerSpec) {}

  /** Starts (or restarts, on the same port once known) and resolves with ms until listening. */
  start(): Promise<number> {
    const started = performance.now();
    const port = String(this.port);
    return new Promise((resolve, reject) => {
      // BENCH_PROFILE=dir: a V8 CPU profile of Tavlen's server, written when it stops.
      const profile = process.env.BENCH_PROFILE && this.spec.name === 'tavlen' ? process.env.BENCH_PROFILE : null;
      // BENCH_GC_LOG=file: Tavlen's V8 garbage collections (--trace-gc), one line each, timestamped.
      const gcLog = process.env.BENCH_GC_LOG && this.spec.name === 'tavlen' ? process.env.BENCH_GC_LOG : null;
      // BENCH_INSPECT=port: Tavlen's V8 inspector, for heap snapshots and allocation sampling.
      const inspect = process.env.BENCH_INSPECT && this.spec.name === 'tavlen' ? process.env.BENCH_INSPECT : null;
      const args = [
        // Tavlen as `npm start` runs it (the two-node bench's nodes too).
        ...(this.spec.script === PEER_BUNDLES.tavlen ? TAVLEN_NODE_FLAGS : []),
        ...(this.spec.nodeArgs ?? []),
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
        ...(gcLog ? ['--trace-gc'] : []),
        ...(inspect ? [`--inspect=127.0.0.1:${inspect}`] : []),
        this.spec.script,
      ];
      const proc = spawn(process.execPath, args, {
        env: { ...process.env, ...this.spec.env, PORT: port, HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // The server's errors go on to ours; the inspector's greetings (memory scenario) do not.
      createInterface({ input: proc.stderr! }).on('line', (line) => {
        if (!/^(Debugger (listening|attached|ending)|For help, see:|Waiting for the debugger)/.test(line))
          process.stderr.write(`${line}\n`);
      });
      this.proc = proc;
      live.add(proc);
      proc.once('exit', () => live.delete(proc));
      const timer = setTimeout(() => reject(new Error(`${this.spec.name} did not report a port`)), 60_000);
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        if (gcLog && line.startsWith('[')) appendFileSync(gcLog, `${Date.now()} ${line}\n`);
        try {
          const msg = JSON.parse(line) as { port?: number };
          if (typeof msg.port === 'number' && msg.port > 0) {
            clearTimeout(timer);
            this.port = msg.port;
            resolve(performance.now() - started);
          }
        } catch {
          /* not a JSON line */
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.spec.name} exited (${code ?? signal})`));
      });
    });
  }

  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  rssMb(): number {
    const line = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
  }

  async kill9(): Promise<void> {
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
