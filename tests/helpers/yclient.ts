/**
 * Websocket clients for tests, talking to the real server:
 * - connectBoard: the stock y-websocket `WebsocketProvider` (what the browser uses), with the
 *   `ws` package as WebSocket and the session cookie added to the upgrade request;
 * - openRawSocket / upgradeStatus: a bare `ws` socket for protocol-level abuse tests.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { acceptDeflatedSync, DEFLATED_SYNC_PARAMS } from '../../client/src/sync/deflatedSync.js';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { waitFor } from './waitFor.js';

export interface BoardClient {
  doc: Y.Doc;
  board: BoardDoc;
  provider: WebsocketProvider;
  /** Close codes the server sent to this client, in order. */
  closeCodes: number[];
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  destroy(): void;
}

/** A `ws` WebSocket class that sends the given headers (the browser sends cookies itself). */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

/**
 * Connects a y-websocket client to `<server.wsUrl>/<boardId>` with the session cookie.
 * BroadcastChannel is disabled: clients in one test process must only meet via the server.
 */
export function connectBoard(
  server: { wsUrl: string },
  cookie: string | null,
  boardId: string,
  /** `deflate`: ask for a big first state deflated and inflate it, as the browser's client does. */
  opts: { connect?: boolean; deflate?: boolean } = {},
): BoardClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, boardId, doc, {
    WebSocketPolyfill: webSocketWithHeaders(cookie ? { cookie } : {}) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: 500,
    ...(opts.deflate ? { params: { ...DEFLATED_SYNC_PARAMS } } : {}),
  });
  if (opts.deflate) acceptDeflatedSync(provider, (err) => console.error(err));
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  const synced = new Promise<void>((res) => {
    if (provider.synced) return res();
    const onSync = (s: boolean) => {
      if (!s) return;
      provider.off('sync', onSync);
      res();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    board: new BoardDoc(doc),
    provider,
    closeCodes,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface RawSocket {
  ws: WebSocket;
  /** Binary frames received so far. */
  received: Uint8Array[];
  /** Resolves with the close code and reason once the socket closed. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a bare websocket to `<wsUrl>/<boardId>`; rejects if the upgrade is refused. */
export async function openRawSocket(wsUrl: string, boardId: string, cookie: string | null): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}/${boardId}`, { headers: cookie ? { cookie } : {} });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((res) =>
    ws.once('close', (code, reason) => res({ code, reason: reason.toString() })),
  );
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  // The server opens with its sync step 1: once it arrived the connection is fully attached.
  await waitFor(() => received.length > 0, { what: 'first server message' });
  return { ws, received, closed };
}

/** HTTP status the server answers a websocket upgrade to `<wsUrl>/<boardId>` with (101 = accepted). */
export function upgradeStatus(
  wsUrl: string,
  boardId: string,
  cookie: string | null,
  extraHeaders: Record<string, string> = {},
): Promise<number> {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`${wsUrl}/${boardId}`, { headers: { ...(cookie ? { cookie } : {}), ...extraHeaders } });
    ws.once('unexpected-response', (_req, response) => {
      res(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      res(101);
      ws.close();
    });
    ws.once('error', (err) => rej(err));
  });
}
