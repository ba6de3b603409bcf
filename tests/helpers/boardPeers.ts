import { io as connectIo, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, RejectedNotice, ServerToClientEvents } from '../../shared/protocol/events.js';
import { connectBoard, sqlOn, waitFor, type BoardClient, type TestServer } from './server.js';

/**
 * The people on one board in an integration test: synced websocket clients, and socket.io
 * listeners for the refusal notices the server pushes (the room the browser joins). `closeAll`
 * after each test.
 */
export class BoardPeers {
  private readonly clients: BoardClient[] = [];
  private readonly sockets: Socket[] = [];

  constructor(
    private readonly server: () => TestServer,
    private readonly boardId: string,
  ) {}

  /** A synced client of the board, signed in by `cookie`. */
  async client(cookie: string): Promise<BoardClient> {
    const c = connectBoard(this.server(), cookie, this.boardId);
    this.clients.push(c);
    await c.synced;
    return c;
  }

  /** The refusal notices pushed to this person from now on (the array fills as they arrive). */
  async notices(cookie: string): Promise<RejectedNotice[]> {
    const got: RejectedNotice[] = [];
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectIo(this.server().baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
    });
    this.sockets.push(socket);
    socket.on('notice:rejected', (n) => got.push(n));
    await new Promise<void>((res, rej) => {
      socket.once('connect_error', rej);
      socket.emit('board:join', { boardId: this.boardId }, (ack) => (ack.ok ? res() : rej(new Error(ack.error.code))));
    });
    return got;
  }

  closeAll(): void {
    for (const c of this.clients.splice(0)) c.destroy();
    for (const s of this.sockets.splice(0)) s.close();
  }
}

/**
 * The codes of the audited refusals about one card, once `count` of them are committed: the
 * sender is closed at once, and the audit row follows in the next group commit.
 */
export async function rejectedCodes(srv: TestServer, cardId: string, count: number): Promise<string[]> {
  return waitFor(
    () => {
      const codes = auditedCodes(srv, cardId);
      return codes.length >= count ? codes : null;
    },
    { what: `${count} audited refusal(s) about ${cardId}` },
  );
}

/** The impersonation check names the card only in the path. */
function auditedCodes(srv: TestServer, cardId: string): string[] {
  return sqlOn<{ card_id: string | null; detail: string }>(
    srv.dataDir,
    "SELECT card_id, detail FROM audit_log WHERE action = 'write_rejected' ORDER BY id",
  )
    .map((r) => ({ cardId: r.card_id, ...(JSON.parse(r.detail) as { code: string; path: string }) }))
    .filter((r) => r.cardId === cardId || r.path.startsWith(`cards.${cardId}.`))
    .map((r) => r.code);
}
