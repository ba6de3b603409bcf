/**
 * The wall screen's raw bytes after an editor writes marker text into every field and key the
 * doc layout knows (issue #10, docs/security.md "Wall-screen devices and privacy mode"). Two
 * editors' connections: one writes only valid values through BoardDoc/MeetingDoc (the board
 * must accept them), one writes hostile raw Yjs (a validating server may refuse those with a
 * 44xx close, each write is tried from a fresh connection; either way the wall must not
 * receive any of it).
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import type { DeviceWithCode } from '../../shared/protocol/devices.js';
import { ASCII_MARKER, MARKER, mark, rawMarkerWrites, writeValidMarkers } from '../helpers/markers.js';
import {
  apiCall,
  connectBoard,
  login,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

const BOARD = 'tavle-nord';
let srv: TestServer;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  srv = await startServer();
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

async function pairedScreen(): Promise<string> {
  const admin = await login(srv.baseUrl, 'admin');
  const created = await apiCall<DeviceWithCode>(srv.baseUrl, admin, 'POST', '/api/admin/devices', {
    teamId: 'team-nord',
    name: 'Mødelokalet',
  });
  expect(created.status).toBe(201);
  const res = await fetch(`${srv.baseUrl}/api/pair`, {
    method: 'POST',
    headers: { origin: srv.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ code: created.body.code }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tavlen_session='))!
    .split(';')[0]!;
}

/** The stock y-websocket client as a screen, keeping every raw frame the server sent. */
function recordingScreen(cookie: string): { board: BoardDoc; doc: Y.Doc; frames: Uint8Array[]; synced: Promise<void> } {
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
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  const synced = new Promise<void>((res) => provider.once('sync', () => res()));
  return { board: new BoardDoc(doc), doc, frames, synced };
}

async function member(cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  cleanups.push(c.destroy);
  await c.synced;
  return c;
}

describe('[R38] wall screen: no marker text reaches its websocket (issue #10)', () => {
  it('valid free text is accepted by the board, hostile raw writes are refused or dropped, and neither reaches the wall', async () => {
    const eva = await login(srv.baseUrl, 'eva');
    const screen = recordingScreen(await pairedScreen());
    await screen.synced;
    const observer = await member(await login(srv.baseUrl, 'frederik'));

    // 1. Valid values through the typed API: the board accepts and relays every one of them.
    const writer = await member(eva);
    const ids = writeValidMarkers(writer.board, new MeetingDoc(writer.board), localOrigin('u-eva'));
    const seen = new MeetingDoc(observer.board);
    await waitFor(
      () =>
        observer.board.card(ids.cardId)?.note === mark('note') &&
        observer.board.card(ids.cardId)?.contactPerson === mark('contactPerson') &&
        observer.board.card(ids.closedId)?.lifecycle.closure?.note === mark('closure') &&
        seen.meeting(ids.meetingId)?.leader === mark('leader') &&
        seen.agenda(ids.meetingId).some((e) => e.note === mark('itemNote')) &&
        seen.parked(ids.meetingId).some((p) => p.text === mark('parking')),
      { what: 'the marked values on the board' },
    );
    expect(writer.closeCodes).toEqual([]);
    // The edits arrive as separate updates, possibly in separate refreshes of the wall.
    await waitFor(
      () => screen.board.card(ids.cardId)?.name === 'MN' && screen.board.card(ids.cardId)?.triage === 'red',
      { what: 'the marked card on the wall, red' },
    );

    // 2. Hostile raw Yjs, each write from a fresh connection of the same editor, so a refusal
    //    (close 44xx) of one does not keep the others from being tried.
    const outcome = { stored: 0, refused: 0 };
    for (const [i, write] of rawMarkerWrites(ids).entries()) {
      const raw = await member(eva);
      raw.doc.transact(() => write(raw.doc));
      const clock = Y.decodeStateVector(Y.encodeStateVector(raw.doc)).get(raw.doc.clientID) ?? 0;
      const relayed = () =>
        (Y.decodeStateVector(Y.encodeStateVector(observer.doc)).get(raw.doc.clientID) ?? 0) >= clock;
      await waitFor(() => relayed() || raw.closeCodes.some((c) => c >= 4400), {
        what: `raw write ${i} stored or refused`,
      });
      outcome[relayed() ? 'stored' : 'refused']++;
      raw.destroy();
    }
    expect(outcome.stored + outcome.refused).toBe(rawMarkerWrites(ids).length);

    // 3. A sentinel edit after everything: once the wall shows it, it has seen all of the above.
    const sentinel = observer.board.cards().find((c) => c.id !== ids.cardId && c.triage !== 'yellow')!;
    observer.board.updateCard(sentinel.id, { triage: 'yellow' }, localOrigin('u-frederik'));
    await waitFor(() => screen.board.card(sentinel.id)?.triage === 'yellow', { what: 'the sentinel on the wall' });

    const bytes = Buffer.concat(screen.frames);
    expect(screen.frames.length).toBeGreaterThan(2);
    expect(bytes.includes(Buffer.from(MARKER, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(ASCII_MARKER, 'utf8'))).toBe(false);
    // And decoded: nothing in the wall's document either.
    const shown = JSON.stringify(screen.doc.toJSON());
    expect(shown).not.toContain(MARKER);
    expect(shown).not.toContain(ASCII_MARKER);
    // The marked citizen is still on the wall, by the initials of her name.
    expect(screen.board.card(ids.cardId)?.name).toBe('MN');
  });
});
