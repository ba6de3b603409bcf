/**
 * Board clients for the multi-node tests (docs/multi-node.md): stock y-websocket clients that
 * can be moved to another node with their doc (what a browser does when its node dies and the
 * load balancer sends it elsewhere), and a look into PostgreSQL for owners and audit rows.
 */
import pg from 'pg';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { webSocketWithHeaders } from './yclient.js';
import { login, type TestServer } from './server.js';
import { waitFor } from './waitFor.js';

export interface MovableClient {
  name: string;
  doc: Y.Doc;
  board: BoardDoc;
  provider: WebsocketProvider;
  /** The node it talks to now. */
  node: TestServer;
  closeCodes: number[];
  /** Reconnects the same doc (its unsynced edits included) to another node. */
  moveTo(node: TestServer): void;
  destroy(): void;
}

export async function movableClient(node: TestServer, user: string, boardId: string): Promise<MovableClient> {
  const cookie = await login(node.baseUrl, user);
  const doc = new Y.Doc();
  const closeCodes: number[] = [];
  const open = (n: TestServer) => {
    const p = new WebsocketProvider(n.wsUrl, boardId, doc, {
      WebSocketPolyfill: webSocketWithHeaders({ cookie }) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 300,
    });
    p.on('connection-close', (event) => {
      if (event) closeCodes.push(event.code);
    });
    return p;
  };
  const c: MovableClient = {
    name: user,
    doc,
    board: new BoardDoc(doc),
    provider: open(node),
    node,
    closeCodes,
    moveTo(n) {
      const state = c.provider.awareness.getLocalState();
      c.provider.destroy();
      c.provider = open(n);
      if (state) c.provider.awareness.setLocalState(state);
      c.node = n;
    },
    destroy() {
      c.provider.destroy();
      doc.destroy();
    },
  };
  await waitFor(() => c.provider.synced, { what: `${user} synced`, timeoutMs: 20_000 });
  return c;
}

/** Runs one query on the cluster's database. */
export async function sql<T>(databaseUrl: string, query: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(query, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The node id holding the board's live lease, or null. */
export async function ownerOf(databaseUrl: string, boardId: string): Promise<string | null> {
  const rows = await sql<{ node_id: string }>(
    databaseUrl,
    'SELECT node_id FROM board_owner WHERE board_id = $1 AND expires_at > now()',
    [boardId],
  );
  return rows[0]?.node_id ?? null;
}

/** Card ids of a client's doc, sorted. */
export const cardIds = (c: { board: BoardDoc }): string[] =>
  c.board
    .cards()
    .map((card) => card.id)
    .sort();
