import Database from 'better-sqlite3';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { BoardEpochResponseSchema } from '../../shared/protocol/api.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import { connectBoard, login, startServer, waitFor, type TestServer } from '../helpers/server.js';

/**
 * Epoch rebuild on the real server (docs/protocol.md "Epochs"): a board whose doc has seen
 * more than EPOCH_REBUILD_CLIENT_IDS clientIDs is rebuilt when it is loaded again, with the
 * same content under one clientID; a client with an old cached epoch is closed with 4409
 * before any sync message.
 */
const BOARD = 'tavle-nord';
const SESSIONS = 12;
const servers: TestServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
  servers[0]?.cleanup();
});

async function start(dataDir?: string): Promise<TestServer> {
  const srv = await startServer({ ...(dataDir ? { dataDir } : {}), env: { EPOCH_REBUILD_CLIENT_IDS: '5' } });
  servers.push(srv);
  return srv;
}

/** The board's content as JSON, without the epoch (which the rebuild changes on purpose). */
async function contentOf(srv: TestServer, cookie: string): Promise<{ json: Record<string, unknown>; epoch: unknown }> {
  const c = connectBoard(srv, cookie, BOARD);
  await c.synced;
  // Every root of a board doc is a Y.Map; roots only read after a sync are untyped until asked.
  const json = Object.fromEntries([...c.doc.share.keys()].map((name) => [name, c.doc.getMap(name).toJSON()]));
  c.destroy();
  const { epoch, ...meta } = json.meta as Record<string, unknown>;
  return { json: { ...json, meta }, epoch };
}

/** ClientIDs in the stored snapshot (the log is empty right after a rebuild or a clean stop). */
function storedClientIds(srv: TestServer): number {
  const db = new Database(join(srv.dataDir, 'tavlen.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT snapshot FROM board_snapshots WHERE board_id = ?').get(BOARD) as {
      snapshot: Buffer;
    };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.snapshot);
    return doc.store.clients.size;
  } finally {
    db.close();
  }
}

async function epochInfo(srv: TestServer, cookie: string) {
  const res = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/epoch`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return BoardEpochResponseSchema.parse(await res.json());
}

/** A bare socket with `?epoch=`: what it received before the close, and the close code. */
async function rawWithEpoch(srv: TestServer, cookie: string, epoch: number) {
  const ws = new WebSocket(`${srv.wsUrl}/${BOARD}?epoch=${epoch}`, { headers: { cookie } });
  const received: Buffer[] = [];
  ws.on('message', (d: Buffer) => received.push(d));
  const code = await new Promise<number>((res, rej) => {
    ws.once('close', (c) => res(c));
    ws.once('error', rej);
  });
  return { code, received };
}

describe('epoch rebuild', () => {
  it('rebuilds a board with many clientIDs on load, keeps its content and refuses stale caches', async () => {
    let srv = await start();
    const cookie = await login(srv.baseUrl, 'anne');
    expect((await epochInfo(srv, cookie)).epoch).toBe(0);

    // Many short-lived sessions, each a new clientID with one edit (a page load each).
    for (let i = 0; i < SESSIONS; i++) {
      const c = connectBoard(srv, cookie, BOARD);
      await c.synced;
      const card = c.board.cards()[i % 3]!;
      // Not the Note: a Note written since the last load moves into the card log at the next.
      c.board.updateCard(card.id, { contactPerson: `besøg ${i}` }, { source: 'local', userId: 'u-anne' });
      // Sent before the close: the server stores what it received even if the peer then leaves.
      await waitFor(() => c.provider.ws?.bufferedAmount === 0, { what: 'edit sent' });
      c.destroy();
    }
    // The last edit is stored (and applied) a moment after it was sent: read until it is there.
    const notesOf = (content: Awaited<ReturnType<typeof contentOf>>) =>
      Object.values(content.json.cards as Record<string, { contactPerson?: string }>).map((c) => c.contactPerson);
    let before = await contentOf(srv, cookie);
    await waitFor(async () => notesOf((before = await contentOf(srv, cookie))).includes(`besøg ${SESSIONS - 1}`), {
      what: 'the last edit applied',
    });
    expect(before.epoch).toBe(0);
    const notes = notesOf(before);
    for (let i = SESSIONS - 3; i < SESSIONS; i++) expect(notes).toContain(`besøg ${i}`);

    // Restart: the board is loaded from storage with no peers and rebuilt.
    await srv.stop();
    const dir = srv.dataDir;
    expect(storedClientIds(srv)).toBeGreaterThan(SESSIONS);
    srv = await start(dir);
    const cookie2 = await login(srv.baseUrl, 'anne');
    const info = await epochInfo(srv, cookie2);
    expect(info.epoch).toBe(1);
    expect(info.previousStateVector).not.toBeNull();
    expect(Y.decodeStateVector(Buffer.from(info.previousStateVector!, 'base64')).size).toBeGreaterThan(SESSIONS);
    expect(storedClientIds(srv)).toBe(1);
    // `?from=N`: the state vector the server had when epoch N ended (none yet for epoch 1).
    const from0 = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/epoch?from=0`, { headers: { cookie: cookie2 } });
    expect(BoardEpochResponseSchema.parse(await from0.json())).toEqual(info);
    const from1 = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/epoch?from=1`, { headers: { cookie: cookie2 } });
    expect(BoardEpochResponseSchema.parse(await from1.json())).toEqual({ epoch: 1, previousStateVector: null });
    const migratedEpoch = new Database(join(dir, 'tavlen.db'), { readonly: true });
    expect(migratedEpoch.prepare('SELECT epoch FROM board_epochs WHERE board_id = ?').all(BOARD)).toEqual([
      { epoch: 1 },
    ]);
    migratedEpoch.close();

    // A cached doc from epoch 0: closed with 4409 before a single sync message.
    const stale = await rawWithEpoch(srv, cookie2, 0);
    expect(stale.code).toBe(CloseCode.staleEpoch);
    expect(stale.received).toHaveLength(0);

    // No cache: syncs fine, same content, epoch 1. The current epoch: syncs too.
    const after = await contentOf(srv, cookie2);
    expect(after.json).toEqual(before.json);
    expect(after.epoch).toBe(1);
    const current = connectBoard({ wsUrl: srv.wsUrl }, cookie2, BOARD, { connect: false });
    current.provider.params = { epoch: '1' };
    current.provider.connect();
    await current.synced;
    expect(current.closeCodes).toEqual([]);
    current.destroy();

    // And it survives another restart, still epoch 1 (few clientIDs: no new rebuild).
    await srv.stop();
    srv = await start(dir);
    const cookie3 = await login(srv.baseUrl, 'anne');
    const again = await contentOf(srv, cookie3);
    expect(again.json).toEqual(before.json);
    expect(again.epoch).toBe(1);
    expect((await epochInfo(srv, cookie3)).epoch).toBe(1);
  }, 120_000);

  it('answers the epoch only to the board team (404 otherwise)', async () => {
    const srv = servers.at(-1)!;
    const res = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/epoch`);
    expect(res.status).toBe(401);
    const other = await login(srv.baseUrl, 'hanne');
    const foreign = await fetch(`${srv.baseUrl}/api/boards/${BOARD}/epoch`, { headers: { cookie: other } });
    expect(foreign.status).toBe(404);
  });
});
