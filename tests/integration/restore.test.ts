import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import type { HistoryPreview, RestoreResponse } from '../../shared/protocol/history.js';
import type { App } from '../../server/app.js';
import { seedDemo } from '../../server/seed/demo.js';
import { openMemoryStorage, type Storage } from '../../server/storage/index.js';
import { startInProcess } from '../helpers/inProcess.js';
import { apiCall, login } from '../helpers/server.js';
import { connectBoard, type BoardClient } from '../helpers/yclient.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * Issue #10, point 4: a board can always be restored. Several real y-websocket clients edit
 * the board, an administrator wipes it with raw Yjs (every key of cards, phases and meta, the
 * measured attack), and the administrator restores it to five minutes earlier through the
 * admin API. Every client converges on the board as it was then; the restore is audited.
 * The storage and the routes share an injected clock: minutes pass without sleeping.
 */
const BOARD = 'tavle-nord';
const MIN = 60_000;
let clock = Date.now();
let storage: Storage;
let app: App;
let base: string;
const clients: BoardClient[] = [];

beforeAll(async () => {
  storage = openMemoryStorage({ now: () => clock });
  await seedDemo(storage);
  ({ app, base } = await startInProcess(storage, {
    config: { BOARD_UNLOAD_GRACE_MS: 60_000, COMPACT_EVERY_UPDATES: 500 },
    now: () => clock,
  }));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await app?.close();
  await storage?.close();
});

/** The board as a client sees it, comparable across clients. */
const view = (c: BoardClient) => ({
  meta: c.board.meta(),
  phases: c.board.phases(),
  cards: c.board
    .cards()
    .map((card) => ({ ...card }))
    .sort((a, b) => (a.id < b.id ? -1 : 1)),
});

describe('restore after a wipe', () => {
  it('every client converges on the board as it was five minutes before the wipe, and the restore is audited', async () => {
    const wsUrl = `${base.replace('http', 'ws')}/yjs`;
    const cookies = {
      admin: await login(base, 'admin'),
      frederik: await login(base, 'frederik'),
      camilla: await login(base, 'camilla'),
      gitte: await login(base, 'gitte'),
    };
    for (const cookie of Object.values(cookies)) clients.push(connectBoard({ wsUrl }, cookie, BOARD));
    await Promise.all(clients.map((c) => c.synced));
    const [admin, frederik, camilla, gitte] = clients as [BoardClient, BoardClient, BoardClient, BoardClient];
    const everyone = (what: string, cond: (c: BoardClient) => boolean) => waitFor(() => clients.every(cond), { what });
    const [first, second] = frederik.board.cards();

    // T0+1: an edit that belongs to the restored board.
    clock += MIN;
    frederik.board.updateCard(
      first!.id,
      { note: 'Før gendannelsespunktet' },
      { source: 'local', userId: 'u-frederik' },
    );
    // …and a message on "Dagens beskeder" (the free area), which the wipe takes down too.
    const noteId = frederik.board.addFreeItem(
      {
        kind: 'note',
        x: 20,
        y: 20,
        w: 280,
        h: 190,
        text: 'Bil 3 på værksted',
        colour: 'gul',
        by: 'u-frederik',
        byName: 'Frederik Dahl',
        expiry: null,
        onScreen: false,
      },
      { source: 'local', userId: 'u-frederik' },
    );
    await everyone('the first edit', (c) => c.board.card(first!.id)?.note === 'Før gendannelsespunktet');
    await everyone('the note', (c) => c.board.freeItem(noteId) !== null);
    const expected = view(frederik);
    expect(expected.cards).toHaveLength(40);

    // T0+7: an edit after the restore point (it is rolled back), and T0+10: the wipe.
    clock += 6 * MIN;
    camilla.board.updateCard(
      second!.id,
      { note: 'Efter gendannelsespunktet' },
      { source: 'local', userId: 'u-camilla' },
    );
    await everyone('the later edit', (c) => c.board.card(second!.id)?.note === 'Efter gendannelsespunktet');
    clock += 3 * MIN;
    // The wipe: the administrator deletes every card through raw Yjs (administrators may
    // delete cards), and a server bug deletes every column and renames the board (since
    // issue #10 point 1 the write gate refuses people's updates to those, and any update
    // that would leave the board settings incomplete).
    admin.doc.transact(() => {
      const cardsMap = admin.doc.getMap('cards');
      for (const k of [...cardsMap.keys()]) cardsMap.delete(k);
      const notes = admin.doc.getMap('freeItems');
      for (const k of [...notes.keys()]) notes.delete(k);
    });
    await everyone('the cards wiped', (c) => c.board.cards().length === 0 && c.board.freeItems().length === 0);
    const live = await app.registry.acquire(BOARD);
    const wrote = await live.serverChange(
      (doc) => {
        const phases = doc.getMap('phases');
        for (const k of [...phases.keys()]) phases.delete(k);
        doc.getMap('meta').set('name', 'Fejl');
      },
      { source: 'server', reason: 'maintenance' },
    );
    app.registry.release(live);
    expect(wrote).toBe(true);
    await everyone('the wipe', (c) => c.board.phases().length === 0 && c.board.meta()?.name === 'Fejl');
    const wipedAt = clock;

    // The administrator looks at the board five minutes earlier, then restores it.
    const at = new Date(wipedAt - 5 * MIN).toISOString();
    const preview = await apiCall<HistoryPreview>(
      base,
      cookies.admin,
      'GET',
      `/api/admin/boards/${BOARD}/history/at?at=${encodeURIComponent(at)}`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toEqual({ missing: 40, changed: 0, later: 0, unchanged: 0 });
    expect(preview.body.phases.map((p) => p.id)).toEqual(DEFAULT_PHASES.map((p) => p.id));

    clock += MIN;
    const restored = await apiCall<RestoreResponse>(base, cookies.admin, 'POST', `/api/admin/boards/${BOARD}/restore`, {
      at,
    });
    expect(restored.status).toBe(200);
    expect(restored.body.recreated).toHaveLength(40);
    expect(restored.body.meta).toBe(true);

    expect(restored.body.freeItems).toContain(noteId);

    await everyone('the restored board', (c) => c.board.cards().length === 40);
    await everyone('the note back up', (c) => c.board.freeItem(noteId)?.kind === 'note');
    expect(gitte.board.freeItem(noteId)).toMatchObject({ text: 'Bil 3 på værksted', by: 'u-frederik' });
    for (const c of clients) expect(view(c)).toEqual(expected);
    expect(gitte.board.card(first!.id)?.note).toBe('Før gendannelsespunktet');
    expect(gitte.board.card(second!.id)?.note).not.toBe('Efter gendannelsespunktet');

    const audit = await storage.searchAudit({ boardId: BOARD, actions: ['board_restored'], limit: 5 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: 'u-admin', at: clock, detail: { to: at, scope: 'board' } });
    expect((audit[0]!.detail.recreated as string[]).length).toBe(40);
    expect(audit[0]!.detail.freeItems).toContain(noteId);
    const perCard = await storage.searchAudit({
      boardId: BOARD,
      cardId: first!.id,
      actions: ['card_restored'],
      limit: 5,
    });
    expect(perCard[0]?.detail).toEqual({ to: at, how: 'recreated' });
  });
});

describe('restoring selected cards', () => {
  it("only the ticked cards go back; the rest of the board keeps today's values", async () => {
    const [admin, frederik, , gitte] = clients as [BoardClient, BoardClient, BoardClient, BoardClient];
    const cookie = await login(base, 'admin');
    const [a, b, c] = frederik.board.cards();
    clock += MIN;
    const point = new Date(clock).toISOString();
    clock += MIN;
    const me = { source: 'local', userId: 'u-frederik' } as const;
    frederik.board.updateCard(a!.id, { note: 'Fejl A' }, me);
    frederik.board.updateCard(b!.id, { note: 'Rigtig B' }, me);
    admin.doc.transact(() => admin.doc.getMap('cards').delete(c!.id));
    await waitFor(() => gitte.board.card(b!.id)?.note === 'Rigtig B' && !gitte.board.hasCard(c!.id), {
      what: 'the edits',
    });
    clock += MIN;

    const path = `/api/admin/boards/${BOARD}/restore`;
    const both = await apiCall<{ error: { message: string } }>(base, cookie, 'POST', path, {
      at: point,
      cardIds: [a!.id],
      removeLater: true,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/Fjern kort oprettet senere/);
    const unknown = await apiCall<{ error: { message: string } }>(base, cookie, 'POST', path, {
      at: point,
      cardIds: ['c-findes-ikke'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/fandtes ikke på tavlen/);

    const r = await apiCall<RestoreResponse>(base, cookie, 'POST', path, { at: point, cardIds: [a!.id, c!.id] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ changed: [a!.id], recreated: [c!.id], removed: [], phases: [], meta: false });
    await waitFor(() => clients.every((x) => x.board.card(a!.id)?.note === a!.note && x.board.hasCard(c!.id)), {
      what: 'the selected cards restored everywhere',
    });
    expect(gitte.board.card(b!.id)?.note).toBe('Rigtig B');
    const audit = await storage.searchAudit({ boardId: BOARD, actions: ['board_restored'], limit: 1 });
    expect(audit[0]?.detail).toMatchObject({ to: point, scope: 'selected', changed: [a!.id], recreated: [c!.id] });
  });
});

describe('who may restore', () => {
  it('a nurse may not restore, the team leder may look, bad times get Danish errors', async () => {
    const at = new Date(clock - MIN).toISOString();
    const nurse = await login(base, 'camilla');
    const r1 = await apiCall<{ error: { message: string } }>(
      base,
      nurse,
      'POST',
      `/api/admin/boards/${BOARD}/restore`,
      {
        at,
      },
    );
    expect(r1.status).toBe(403);
    const admin = await login(base, 'admin');
    const future = await apiCall<{ error: { message: string } }>(
      base,
      admin,
      'POST',
      `/api/admin/boards/${BOARD}/restore`,
      { at: new Date(clock + 60 * MIN).toISOString() },
    );
    expect(future.status).toBe(400);
    expect(future.body.error.message).toBe('Tidspunktet ligger i fremtiden.');
    const tooOld = await apiCall<{ error: { message: string } }>(
      base,
      admin,
      'GET',
      `/api/admin/boards/${BOARD}/history/at?at=${encodeURIComponent('2020-01-01T00:00:00Z')}`,
    );
    expect(tooOld.status).toBe(404);
    expect(tooOld.body.error.message).toMatch(/ingen historik så langt tilbage/);
    const unknown = await apiCall(base, admin, 'GET', `/api/admin/boards/tavle-ukendt/history`);
    expect(unknown.status).toBe(404);
    const leder = await login(base, 'gitte');
    const history = await apiCall<{ oldest: string }>(base, leder, 'GET', `/api/admin/boards/${BOARD}/history`);
    expect(history.status).toBe(200);
    expect(Date.parse(history.body.oldest)).toBeLessThanOrEqual(clock);
  });
});
