import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/limits.js';
import { hostileFreeItems } from '../helpers/layoutSamples.js';
import {
  connectBoard,
  login,
  sqlOn,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

/**
 * The free area on the real server with real websocket clients (issue #16): a note and a
 * stroke reach a second client; hostile items (oversized, off the surface, CPR-bearing, in
 * someone else's name) are refused whole and audited, and nobody else sees them; another
 * person may move a note but not rewrite or delete it, a koordinator may delete it; a
 * screen-marked note reaches the wall's projection, an unmarked one and one naming a
 * citizen do not. Hostile writes go through the raw doc: BoardDoc validates its input first.
 */
const BOARD = 'tavle-nord';
const ANNE = { source: 'local', userId: 'u-anne' } as const;
const BENT = { source: 'local', userId: 'u-bent' } as const;
const FREDERIK = { source: 'local', userId: 'u-frederik' } as const;

let srv: TestServer;
let cookies: Record<'anne' | 'bent' | 'camilla' | 'frederik', string>;
const clients: BoardClient[] = [];

async function client(cookie: string): Promise<BoardClient> {
  const c = connectBoard(srv, cookie, BOARD);
  clients.push(c);
  await c.synced;
  return c;
}

const audit = (action: string) =>
  sqlOn<{ user_id: string; detail: string }>(
    srv.dataDir,
    `SELECT user_id, detail FROM audit_log WHERE action = '${action}' ORDER BY id`,
  ).map((r): Record<string, unknown> & { userId: string } => ({
    ...(JSON.parse(r.detail) as Record<string, unknown>),
    userId: r.user_id,
  }));

/** Codes of refusals audited about one item. */
const rejected = (id: string) =>
  audit('write_rejected')
    .filter((r) => typeof r.path === 'string' && r.path.startsWith(`freeItems.${id}`))
    .map((r) => r.code);

/** A refused client stops: a real one drops the refused edit; this one would resend it. */
async function refused(c: BoardClient, what: string): Promise<void> {
  await waitFor(() => c.closeCodes.length > 0, { what });
  c.provider.shouldConnect = false;
}

const anneNote = (text: string, onScreen = false) => ({
  kind: 'note' as const,
  x: 40,
  y: 40,
  w: 220,
  h: 160,
  text,
  colour: 'gul' as const,
  by: 'u-anne',
  byName: 'Anne Holm',
  expiry: 'dag' as const,
  onScreen,
});

beforeAll(async () => {
  srv = await startServer({ env: { REFUSALS_PER_MINUTE: '1000' } });
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
    camilla: await login(srv.baseUrl, 'camilla'),
    frederik: await login(srv.baseUrl, 'frederik'),
  };
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('the free area through the write gate', () => {
  it('a note and a stroke reach a second client, audited in plain Danish', async () => {
    const bent = await client(cookies.bent);
    const anne = await client(cookies.anne);
    const note = anne.board.addFreeItem(anneNote('Bil 3 på værksted'), ANNE);
    const stroke = anne.board.addFreeItem(
      {
        kind: 'stroke',
        x: 300,
        y: 200,
        points: [0, 0, 12, 5, 30, 18],
        ink: 'blaa',
        size: 4,
        by: 'u-anne',
        byName: 'Anne Holm',
        expiry: null,
        onScreen: false,
      },
      ANNE,
    );
    await waitFor(() => bent.board.freeItem(note) !== null && bent.board.freeItem(stroke) !== null, {
      what: 'note and stroke at Bent',
    });
    expect(bent.board.freeItem(note)).toMatchObject({ text: 'Bil 3 på værksted', by: 'u-anne' });
    expect(bent.board.freeItem(stroke)).toMatchObject({ points: [0, 0, 12, 5, 30, 18] });
    await waitFor(() => audit('free_item_created').length >= 2, { what: 'audit rows' });
    expect(audit('free_item_created').map((r) => r.to)).toEqual(
      expect.arrayContaining(['Note: "Bil 3 på værksted"', 'Tegning']),
    );
  });

  it('refuses every hostile item whole (layout), audits it, and a second client never sees it', async () => {
    const camilla = await client(cookies.camilla);
    const samples = hostileFreeItems();
    for (const [i, { label, value }] of samples.entries()) {
      const id = `f-fjendtlig-${i}`;
      const raw = await client(cookies.bent);
      raw.doc.getMap('freeItems').set(id, { ...(value as object), id, by: 'u-bent' });
      await refused(raw, `${label} refused`);
      const cpr = label.includes('CPR');
      expect(raw.closeCodes[0], label).toBe(cpr ? CloseCode.cprRejected : CloseCode.writeRefused);
      expect(camilla.board.freeItem(id), label).toBeNull();
    }
    const codes = audit('write_rejected')
      .filter((r) => r.userId === 'u-bent')
      .map((r) => r.code);
    expect(codes.filter((c) => c === 'cpr')).toHaveLength(1);
    expect(codes.filter((c) => c === 'invalid').length).toBe(samples.length - 1);
  });

  it('in someone else’s name is refused; others move but do not rewrite or delete; a koordinator deletes', async () => {
    const anne = await client(cookies.anne);
    const forged = await client(cookies.bent);
    forged.doc
      .getMap('freeItems')
      .set('f-forged', { ...anneNote('Forfalsket'), id: 'f-forged', at: new Date().toISOString() });
    await refused(forged, 'forged refused');
    await waitFor(() => rejected('f-forged').includes('impersonation'), { what: 'impersonation audited' });

    const id = anne.board.addFreeItem(anneNote('Brandøvelse kl. 13'), ANNE);
    const bent = await client(cookies.bent);
    await waitFor(() => bent.board.freeItem(id) !== null, { what: 'note at Bent' });
    bent.board.updateFreeItem(id, { x: 500, y: 300, w: 260 }, BENT);
    await waitFor(() => anne.board.freeItem(id)?.x === 500, { what: 'Bent’s move at Anne' });

    bent.board.updateFreeItem(id, { text: 'Brandøvelse aflyst' }, BENT);
    await refused(bent, 'rewrite refused');
    await waitFor(() => rejected(id).includes('free_item_author'), { what: 'rewrite audited' });

    const bent2 = await client(cookies.bent);
    bent2.board.deleteFreeItem(id, BENT);
    await refused(bent2, 'delete refused');
    await waitFor(() => rejected(id).includes('free_item_delete'), { what: 'delete audited' });
    expect(anne.board.freeItem(id)).toMatchObject({ text: 'Brandøvelse kl. 13' });

    const frederik = await client(cookies.frederik);
    const frederiksUndo = frederik.board.createUndoManager(FREDERIK);
    frederik.board.deleteFreeItem(id, FREDERIK);
    await waitFor(() => anne.board.freeItem(id) === null, { what: 'koordinator’s delete at Anne' });
    await waitFor(() => audit('free_item_deleted').some((r) => r.userId === 'u-frederik'), { what: 'delete audited' });
    // His "Fortryd" would put the note back in Anne's name: refused like any such write.
    frederiksUndo.undo();
    expect(frederik.board.freeItem(id)).not.toBeNull();
    await refused(frederik, 'undo in Anne’s name refused');
    await waitFor(() => rejected(id).includes('impersonation'), { what: 'undo audited' });
    expect(anne.board.freeItem(id)).toBeNull();
  });

  it('"Fortryd" puts the author’s note taken down by mistake back for everyone, audited as hers', async () => {
    const anne = await client(cookies.anne);
    const bent = await client(cookies.bent);
    const undo = anne.board.createUndoManager(ANNE);
    const id = anne.board.addFreeItem(anneNote('Kage i køkkenet'), ANNE);
    undo.stopCapturing();
    anne.board.deleteFreeItem(id, ANNE);
    await waitFor(() => audit('free_item_deleted').some((r) => r.userId === 'u-anne'), { what: 'delete audited' });
    expect(bent.board.freeItem(id)).toBeNull();
    undo.undo();
    await waitFor(() => bent.board.freeItem(id) !== null, { what: 'the note back at Bent' });
    expect(bent.board.freeItem(id)).toMatchObject({ text: 'Kage i køkkenet', by: 'u-anne' });
    expect(anne.closeCodes).toEqual([]);
    expect(rejected(id)).toEqual([]);
  });

  it('the wall screen receives only screen-marked notes that name no citizen, without their author', async () => {
    const anne = await client(cookies.anne);
    const citizen = anne.board.cards()[0]!.name;
    const shown = anne.board.addFreeItem(anneNote('Brandøvelse kl. 13', true), ANNE);
    const unmarked = anne.board.addFreeItem(anneNote('Bil 3 på værksted', false), ANNE);
    const named = anne.board.addFreeItem(anneNote(`Husk nøgle til ${citizen}`, true), ANNE);
    const device = await fetch(`${srv.baseUrl}/api/admin/devices`, {
      method: 'POST',
      headers: { cookie: await login(srv.baseUrl, 'admin'), origin: srv.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ teamId: 'team-nord', name: 'Mødelokalet' }),
    });
    const { code } = (await device.json()) as { code: string };
    const paired = await fetch(`${srv.baseUrl}/api/pair`, {
      method: 'POST',
      headers: { origin: srv.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const screenCookie = paired.headers
      .getSetCookie()
      .find((c) => c.startsWith('tavlen_session='))!
      .split(';')[0]!;
    const wall = await client(screenCookie);
    await waitFor(() => wall.board.freeItem(shown) !== null, { what: 'the marked note on the wall' });
    expect(wall.board.freeItem(unmarked)).toBeNull();
    expect(wall.board.freeItem(named)).toBeNull();
    expect(wall.board.freeItem(shown)).toMatchObject({ text: 'Brandøvelse kl. 13', by: '?', byName: '' });
    // Unmarking takes it off the wall.
    anne.board.updateFreeItem(shown, { onScreen: false }, ANNE);
    await waitFor(() => wall.board.freeItem(shown) === null, { what: 'the unmarked note off the wall' });
  });
});
