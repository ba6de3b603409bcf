import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { DeviceSummary, DeviceWithCode } from '../../shared/protocol/devices.js';
import type { BoardJoinAck, ScreenHiddenMessage, ScreenHideAck } from '../../shared/protocol/events.js';
import {
  connectBoard,
  login,
  startServer,
  upgradeStatus,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

const BOARD = 'tavle-nord';
let srv: TestServer;
let admin: string;
let anne: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  srv = await startServer();
  admin = await login(srv.baseUrl, 'admin');
  anne = await login(srv.baseUrl, 'anne');
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

/** A JSON request as a browser page of the app would send it (same-origin Origin header). */
function api(method: string, path: string, cookie: string | null, body?: unknown): Promise<Response> {
  return fetch(`${srv.baseUrl}/api${path}`, {
    method,
    headers: {
      origin: srv.baseUrl,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function createDevice(cookie = admin, teamId = 'team-nord'): Promise<DeviceWithCode> {
  const res = await api('POST', '/admin/devices', cookie, { teamId, name: 'Skærm i mødelokalet' });
  expect(res.status).toBe(201);
  return (await res.json()) as DeviceWithCode;
}

/** Pairs with the code; returns the device's session cookie. */
async function pair(code: string): Promise<string> {
  const res = await api('POST', '/pair', null, { code });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tavlen_session='));
  expect(cookie).toMatch(/Max-Age=\d{7,}/);
  return cookie!.split(';')[0]!;
}

/** A y-websocket client that also keeps every raw frame the server sent it. */
function recordingClient(cookie: string): BoardClient & { frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
      this.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(srv.wsUrl, BOARD, doc, {
    WebSocketPolyfill: Recording as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (e) => {
    if (e) closeCodes.push(e.code);
  });
  const synced = new Promise<void>((res) => provider.once('sync', () => res()));
  const client = {
    doc,
    board: new BoardDoc(doc),
    provider,
    closeCodes,
    synced,
    frames,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  cleanups.push(client.destroy);
  return client;
}

async function member(cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  cleanups.push(c.destroy);
  await c.synced;
  return c;
}

describe('wall-screen privacy projection', () => {
  it('a paired device receives initials, never a full citizen name (decoded doc and raw bytes)', async () => {
    const { code } = await createDevice();
    const device = await pair(code);
    const staff = await member(anne);
    const names = staff.board.cards().map((c) => c.name);
    expect(names.length).toBeGreaterThanOrEqual(30);

    const screen = recordingClient(device);
    await screen.synced;
    await waitFor(() => screen.board.cards().length === names.length, { what: 'all cards on the screen' });

    const raw = Buffer.concat(screen.frames);
    const shown = JSON.stringify(screen.doc.toJSON());
    for (const name of names) {
      expect(raw.includes(Buffer.from(name, 'utf8')), name).toBe(false);
      expect(shown.includes(name), name).toBe(false);
    }
    for (const card of staff.board.cards()) {
      const onScreen = screen.board.card(card.id);
      expect(onScreen?.name).toBe(card.initials);
      expect(onScreen?.note).toBe('');
      expect(onScreen?.triage).toBe(card.triage);
      // Same column and the same order in it; the stored order key itself (text a client
      // chose) is replaced by a fresh one (shared/doc/screenProjection.ts).
      expect(onScreen?.position.phaseId).toBe(card.position.phaseId);
    }
    for (const phase of staff.board.phases()) {
      expect(screen.board.column(phase.id).map((c) => c.id)).toEqual(staff.board.column(phase.id).map((c) => c.id));
    }

    // Live edits reach the screen as their projection.
    const id = staff.board.createCard(
      { name: 'Vibeke Skærmtest Holm', phaseId: 'henvist', note: 'Må ikke ses' },
      { source: 'local', userId: 'u-anne' },
    );
    await waitFor(() => screen.board.card(id)?.name === 'VSH', { what: 'new card on the screen' });
    // The short label is the card's own field: a rename does not leak through it.
    staff.board.updateCard(id, { name: 'Vibeke Holm', triage: 'red' }, { source: 'local', userId: 'u-anne' });
    await waitFor(() => screen.board.card(id)?.triage === 'red', { what: 'edit on the screen' });
    expect(screen.board.card(id)?.name).toBe('VSH');
    const after = Buffer.concat(screen.frames);
    for (const secret of ['Vibeke', 'Skærmtest', 'Må ikke ses'])
      expect(after.includes(Buffer.from(secret))).toBe(false);
  });

  it("a screen's writes are dropped and it is told it is read-only", async () => {
    const device = await pair((await createDevice()).code);
    const screen = recordingClient(device);
    await screen.synced;
    const id = screen.board.createCard(
      { name: 'Må Ikke Gemmes', phaseId: 'henvist' },
      { source: 'local', userId: 'x' },
    );
    await waitFor(() => screen.frames.some((f) => isPermissionDenied(f)), { what: 'permission denied message' });
    const staff = await member(anne);
    expect(staff.board.hasCard(id)).toBe(false);
  });
});

describe('screen edge cases', () => {
  it('a screen holding history the projection never had is told to start over (4409)', async () => {
    const device = await pair((await createDevice()).code);
    const screen = recordingClient(device);
    await screen.synced;
    screen.provider.disconnect();
    // Anything the server's projection does not have, e.g. a view from before a restart.
    screen.board.createCard({ name: 'Gammel Visning', phaseId: 'henvist' }, { source: 'local', userId: 'x' });
    screen.provider.connect();
    await waitFor(() => screen.closeCodes.includes(4409), { what: 'resync close' });
  });

  it('the archive (searched by name) is refused to a screen', async () => {
    const device = await pair((await createDevice()).code);
    expect((await api('GET', `/boards/${BOARD}/archive?q=a`, device)).status).toBe(403);
    expect((await api('GET', `/boards/${BOARD}/archive?q=a`, anne)).status).toBe(200);
  });
});

describe('devices and pairing', () => {
  it('a pairing code works once', async () => {
    const { code, link } = await createDevice();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(link).toBe(`/pair/${code}`);
    await pair(code.toLowerCase().replace(/^(.{4})/, '$1-'));
    expect((await api('POST', '/pair', null, { code })).status).toBe(401);
  });

  it('an expired pairing code is refused, and a new code replaces the old one', async () => {
    const { device, code } = await createDevice();
    const db = new Database(join(srv.dataDir, 'tavlen.db'));
    try {
      db.prepare('UPDATE device_pairing_codes SET expires_at = 0 WHERE device_id = ?').run(device.id);
    } finally {
      db.close();
    }
    expect((await api('POST', '/pair', null, { code })).status).toBe(401);

    const fresh = (await (
      await api('POST', `/admin/devices/${device.id}/pairing-code`, admin)
    ).json()) as DeviceWithCode;
    const second = (await (
      await api('POST', `/admin/devices/${device.id}/pairing-code`, admin)
    ).json()) as DeviceWithCode;
    expect((await api('POST', '/pair', null, { code: fresh.code })).status).toBe(401);
    await pair(second.code);
    const list = (await (await api('GET', '/admin/devices?teamId=team-nord', admin)).json()) as DeviceSummary[];
    expect(list.find((d) => d.id === device.id)?.pairedAt).toEqual(expect.any(Number));
  });

  it('a device has no password login', async () => {
    const { device } = await createDevice();
    const res = await api('POST', '/login', null, { username: device.id, password: 'x' });
    expect(res.status).toBe(401);
  });

  it('a revoked device is refused and its open connections are closed', async () => {
    const { device, code } = await createDevice();
    const cookie = await pair(code);
    const screen = recordingClient(cookie);
    await screen.synced;
    expect((await api('DELETE', `/admin/devices/${device.id}`, admin)).status).toBe(204);
    await waitFor(() => screen.closeCodes.includes(4401), { what: 'screen connection closed' });
    expect(await upgradeStatus(srv.wsUrl, BOARD, cookie)).toBe(401);
    expect((await api('GET', '/me', cookie)).status).toBe(401);
    const list = (await (await api('GET', '/admin/devices?teamId=team-nord', admin)).json()) as DeviceSummary[];
    expect(list.map((d) => d.id)).not.toContain(device.id);
    // Each step is in the audit log, by device and team id only.
    const db = new Database(join(srv.dataDir, 'tavlen.db'), { readonly: true });
    try {
      const rows = db
        .prepare<[], { action: string; detail: string }>('SELECT action, detail FROM audit_log ORDER BY id')
        .all()
        .filter((r) => (JSON.parse(r.detail) as { deviceId?: string }).deviceId === device.id);
      expect(rows.map((r) => r.action)).toEqual(['device_created', 'device_paired', 'device_revoked']);
    } finally {
      db.close();
    }
  });

  it('only administrators and the team’s leder manage devices', async () => {
    const gitte = await login(srv.baseUrl, 'gitte');
    const ida = await login(srv.baseUrl, 'ida');
    await createDevice(gitte, 'team-syd');
    for (const cookie of [anne, ida]) {
      expect((await api('POST', '/admin/devices', cookie, { teamId: 'team-nord', name: 'X' })).status).toBe(403);
      expect((await api('GET', '/admin/devices?teamId=team-nord', cookie)).status).toBe(403);
    }
    const { device } = await createDevice();
    expect((await api('DELETE', `/admin/devices/${device.id}`, anne)).status).toBe(404);
    expect((await api('POST', `/admin/devices/${device.id}/pairing-code`, ida)).status).toBe(404);
    expect((await api('POST', '/admin/devices', admin, { teamId: 'team-findes-ikke', name: 'X' })).status).toBe(404);
    expect((await api('POST', '/admin/devices', null, { teamId: 'team-nord', name: 'X' })).status).toBe(401);
  });
});

describe('skjul alt', () => {
  async function joined(cookie: string): Promise<{ socket: Socket; hidden: ScreenHiddenMessage[] }> {
    const socket = connect(srv.baseUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie, origin: srv.baseUrl },
      reconnection: false,
    });
    cleanups.push(() => socket.close());
    const hidden: ScreenHiddenMessage[] = [];
    socket.on('screen:hidden', (m: ScreenHiddenMessage) => hidden.push(m));
    await new Promise<void>((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', rej);
    });
    const ack = await new Promise<BoardJoinAck>((res) => socket.emit('board:join', { boardId: BOARD }, res));
    expect(ack.ok).toBe(true);
    await waitFor(() => hidden.length > 0, { what: 'initial screen:hidden' });
    return { socket, hidden };
  }
  const hide = (socket: Socket, hidden: boolean, boardId = BOARD) =>
    new Promise<ScreenHideAck>((res) => socket.emit('screen:hide', { boardId, hidden }, res));

  it('a team member hides every screen at once, a late screen joins hidden, the screen shows it again', async () => {
    const device = await pair((await createDevice()).code);
    const screen = await joined(device);
    const staff = await joined(anne);
    expect(screen.hidden.at(-1)?.hidden).toBe(false);

    expect(await hide(staff.socket, true)).toEqual({ ok: true });
    await waitFor(() => screen.hidden.at(-1)?.hidden === true, { what: 'screen hidden' });
    expect(screen.hidden.at(-1)?.byName).toBe('Anne Holm');

    const late = await joined(device);
    expect(late.hidden.at(-1)?.hidden).toBe(true);

    expect(await hide(screen.socket, false)).toEqual({ ok: true });
    await waitFor(() => staff.hidden.at(-1)?.hidden === false && late.hidden.at(-1)?.hidden === false);
  });

  it('only for boards the socket has joined, with a valid request', async () => {
    const staff = await joined(anne);
    expect(await hide(staff.socket, true, 'tavle-syd')).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    const bad = await new Promise<ScreenHideAck>((res) => staff.socket.emit('screen:hide', { boardId: BOARD }, res));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});

/** y-websocket auth message: type 2, then 0 = permission denied. */
function isPermissionDenied(frame: Uint8Array): boolean {
  const d = decoding.createDecoder(frame);
  return decoding.readVarUint(d) === 2 && decoding.readVarUint(d) === 0;
}
