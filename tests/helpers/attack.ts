/**
 * Writing to a board as a hostile or buggy client would, through the real sync endpoint
 * with the stock y-websocket client (./yclient.ts), and telling whether the server took
 * the write: accepted (it reached an observer) or refused (the sender was closed, with
 * which code and reason). See tests/integration/validation.test.ts.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { localOrigin } from '../../shared/doc/origins.js';
import { login, startServer, type TestServer } from './server.js';
import { connectBoard, type BoardClient } from './yclient.js';
import { waitFor } from './waitFor.js';

export type Outcome =
  { accepted: true; clientID: number } | { accepted: false; code: number; reason: string; clientID: number };

/** Does `doc` hold anything written by `clientID` (its state vector names the client)? */
export function hasClient(doc: Y.Doc, clientID: number): boolean {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).has(clientID);
}

/** A y-websocket sync "update" frame carrying `update` (what the provider sends for an edit). */
export function updateFrame(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  syncProtocol.writeUpdate(enc, update);
  // A copy on its own ArrayBuffer: what a browser-typed WebSocket.send accepts.
  return new Uint8Array(encoding.toUint8Array(enc));
}

/**
 * A v1 update with no structs and a delete set covering every clock of every client in
 * `stateVector`: everything the board ever held, deleted in one message.
 */
export function deleteEverything(stateVector: Map<number, number>): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  encoding.writeVarUint(enc, stateVector.size);
  for (const [client, clock] of stateVector) {
    encoding.writeVarUint(enc, client);
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint(enc, 0);
    encoding.writeVarUint(enc, clock);
  }
  return encoding.toUint8Array(enc);
}

/**
 * Connects a fresh stock client as the holder of `cookie`, waits for it to sync, runs
 * `edit` on it (edits its doc, or sends frames on its socket) and reports what the server
 * did: refused (closed the sender; the client is then kept from reconnecting) or accepted
 * (the sender's client id, or a pure deletion, reached `observer`). The client is destroyed
 * afterwards.
 */
export async function attempt(
  server: { wsUrl: string },
  cookie: string,
  boardId: string,
  observer: Y.Doc,
  edit: (client: BoardClient) => void,
  opts: { timeoutMs?: number } = {},
): Promise<Outcome> {
  const client = connectBoard(server, cookie, boardId);
  const closed = new Promise<{ code: number; reason: string }>((res) =>
    client.provider.on('connection-close', (event) => {
      // Never resend a refused edit: a real client drops its copy, this one just stops.
      client.provider.shouldConnect = false;
      res({ code: event?.code ?? -1, reason: event?.reason ?? '' });
    }),
  );
  try {
    await client.synced;
    const clientID = client.doc.clientID;
    edit(client);
    let decided = false;
    // Deleting adds nothing to a state vector, so a relayed pure deletion counts too (the
    // tests run attempts while nobody else writes).
    let deletionRelayed = false;
    const onUpdate = (u: Uint8Array) => {
      const { structs, ds } = Y.decodeUpdate(u);
      if (structs.length === 0 && ds.clients.size > 0) deletionRelayed = true;
    };
    observer.on('update', onUpdate);
    const accepted = waitFor(() => decided || deletionRelayed || hasClient(observer, clientID), {
      timeoutMs: opts.timeoutMs ?? 15_000,
      what: 'the write to be accepted or refused',
    }).then(() => 'accepted' as const);
    const verdict = await Promise.race([closed, accepted]).finally(() => observer.off('update', onUpdate));
    decided = true;
    if (verdict === 'accepted') return { accepted: true, clientID };
    return { accepted: false, ...verdict, clientID };
  } finally {
    client.destroy();
  }
}

/**
 * The board the validation suites attack: a seeded server whose per-user refusal budget is
 * lifted (hundreds of refusals on purpose, each must reach the gate), an observer (Camilla)
 * who sees what the server relays and must never be disturbed, and a well-behaved writer
 * (Frederik) whose markers tell when everything sent earlier has arrived.
 */
export interface WatchedBoard {
  srv: TestServer;
  observer: BoardClient;
  writer: BoardClient;
  /** A later edit by the writer, waited for at the observer. */
  marker(): Promise<void>;
  /** After refusals: a later edit arrives, nothing of the refused clients did, nobody was cut off. */
  expectUndisturbed(refusedClientIds: readonly number[]): Promise<void>;
  close(): Promise<void>;
}

export async function watchBoard(boardId: string, markerCard: string): Promise<WatchedBoard> {
  const srv = await startServer({ env: { ARCHIVE_AFTER_DAYS: '3650', REFUSALS_PER_MINUTE: '100000' } });
  const observer = connectBoard(srv, await login(srv.baseUrl, 'camilla'), boardId);
  const writer = connectBoard(srv, await login(srv.baseUrl, 'frederik'), boardId);
  await Promise.all([observer.synced, writer.synced]);
  let markers = 0;
  const marker = async () => {
    const text = `Markør ${++markers}`;
    writer.board.updateCard(markerCard, { note: text }, localOrigin('u-frederik'));
    await waitFor(() => observer.board.card(markerCard)?.note === text, { what: `${text} at the observer` });
  };
  return {
    srv,
    observer,
    writer,
    marker,
    async expectUndisturbed(refusedClientIds) {
      await marker();
      for (const id of refusedClientIds) expect(hasClient(observer.doc, id)).toBe(false);
      expect(observer.closeCodes).toEqual([]);
      expect(observer.provider.wsconnected).toBe(true);
      expect(writer.closeCodes).toEqual([]);
    },
    async close() {
      observer.destroy();
      writer.destroy();
      await srv.stop();
      srv.cleanup();
    },
  };
}
