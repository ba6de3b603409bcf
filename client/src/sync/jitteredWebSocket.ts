/**
 * A WebSocket stand-in for y-websocket's `WebSocketPolyfill` option. y-websocket reconnects
 * with plain exponential backoff and no jitter, so when the server restarts every open tab
 * would reconnect in the same few milliseconds. This class opens the first connection at
 * once and delays every later one by a random 0–`maxJitterMs`, spreading the herd out.
 *
 * It forwards only what y-websocket uses: binaryType, readyState, OPEN, send, close and the
 * four on* handlers.
 */
export function jitteredWebSocketClass(maxJitterMs = 1500, random: () => number = Math.random): typeof WebSocket {
  let attempts = 0;

  class JitteredWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;

    binaryType: BinaryType = 'arraybuffer';
    onopen: ((ev: Event) => void) | null = null;
    onmessage: ((ev: MessageEvent) => void) | null = null;
    onclose: ((ev: CloseEvent) => void) | null = null;
    onerror: ((ev: Event) => void) | null = null;

    private inner: WebSocket | null = null;
    private timer: ReturnType<typeof setTimeout> | null = null;
    private closeRequested = false;

    constructor(url: string | URL, protocols?: string | string[]) {
      const delay = attempts++ === 0 ? 0 : Math.floor(random() * maxJitterMs);
      const open = () => {
        this.timer = null;
        if (this.closeRequested) return;
        const ws = new WebSocket(url, protocols);
        ws.binaryType = this.binaryType;
        ws.onopen = (ev) => this.onopen?.(ev);
        ws.onmessage = (ev) => this.onmessage?.(ev);
        ws.onclose = (ev) => this.onclose?.(ev);
        ws.onerror = (ev) => this.onerror?.(ev);
        this.inner = ws;
      };
      if (delay === 0) open();
      else this.timer = setTimeout(open, delay);
    }

    get readyState(): number {
      if (this.inner) return this.inner.readyState;
      return this.closeRequested ? this.CLOSED : this.CONNECTING;
    }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      this.inner?.send(data as ArrayBuffer);
    }

    close(code?: number, reason?: string): void {
      this.closeRequested = true;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.inner?.close(code, reason);
    }
  }

  return JitteredWebSocket as unknown as typeof WebSocket;
}
