/**
 * The JavaScript heap of a server process, read from outside through the V8 inspector (the
 * memory scenario): the server runs with `--inspect=127.0.0.1:<port>`, and the bench forces a
 * full garbage collection and reads the heap over the inspector protocol. Nothing in any
 * server's code changes, and the same works for Tavlen and its peers alike.
 */
import { createServer } from 'node:net';
import WebSocket from 'ws';

/** A free TCP port on the loopback (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export class Inspector {
  private next = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      this.pending.get(msg.id)?.(msg.error ? Promise.reject(new Error(msg.error.message)) : msg.result);
      this.pending.delete(msg.id);
    });
  }

  static async connect(port: number): Promise<Inspector> {
    const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Inspector(ws);
  }

  private call<T>(method: string, params: object = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Used heap in MB after a full garbage collection (twice: weak references settle). */
  async heapMbAfterGc(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const { usedSize } = await this.call<{ usedSize: number }>('Runtime.getHeapUsage');
    return usedSize / 1_048_576;
  }

  close(): void {
    this.ws.terminate();
  }
}
