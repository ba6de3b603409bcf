import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localOrigin } from '../../shared/doc/origins.js';
import { MIGRATED_NOTE_ENTRY_ID, receiptKey } from '../../shared/model/cardLog.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import { parseRefusalReason } from '../../shared/rules/writeRules.js';
import { attempt, type Outcome } from '../helpers/attack.js';
import {
  connectBoard,
  health,
  login,
  startServer,
  waitFor,
  type BoardClient,
  type TestServer,
} from '../helpers/server.js';

/*
 * The card log through the real server and stock y-websocket clients (issue #12 point 2):
 * entries from two people at once are both kept, the log is append-only, nobody reads or
 * writes in someone else's name, and the old Note moves into the log once at board load.
 */
const BOARD = 'tavle-nord';
const CARD = 'nord-05';
const ANNE = { by: 'u-anne', byName: 'Anne Holm' };
const BENT = { by: 'u-bent', byName: 'Bent Nielsen' };
const EVA = { by: 'u-eva', byName: 'Eva Mortensen' };

let srv: TestServer;
let cookies: Record<'anne' | 'bent' | 'eva' | 'camilla', string>;
let observer: BoardClient;

beforeAll(async () => {
  srv = await startServer({
    env: { ARCHIVE_AFTER_DAYS: '3650', REFUSALS_PER_MINUTE: '100000', BOARD_UNLOAD_GRACE_MS: '100' },
  });
  cookies = {
    anne: await login(srv.baseUrl, 'anne'),
    bent: await login(srv.baseUrl, 'bent'),
    eva: await login(srv.baseUrl, 'eva'),
    camilla: await login(srv.baseUrl, 'camilla'),
  };
  observer = connectBoard(srv, cookies.camilla, BOARD);
  await observer.synced;
});
afterAll(async () => {
  observer?.destroy();
  await srv?.stop();
  srv?.cleanup();
});

async function connected(who: keyof typeof cookies): Promise<BoardClient> {
  const c = connectBoard(srv, cookies[who], BOARD);
  await c.synced;
  return c;
}

function expectRefused(outcome: Outcome, reason: string): void {
  expect(outcome.accepted).toBe(false);
  if (outcome.accepted) return;
  expect({ code: outcome.code, reason: parseRefusalReason(outcome.reason).code }).toEqual({
    code: CloseCode.writeRefused,
    reason,
  });
}

const logOf = (c: BoardClient, cardId = CARD) => c.board.cardLog(cardId);

describe('the card log through the sync endpoint', () => {
  let anneEntry = '';

  it('two people writing at the same moment both keep their entry', async () => {
    const [anne, bent] = await Promise.all([connected('anne'), connected('bent')]);
    const before = logOf(observer).entries.length;
    // Neither has seen the other's entry when writing: they race at the server.
    anneEntry = anne.board.addLogEntry(
      CARD,
      { ...ANNE, kind: 'observation', text: 'Faldet i nat', routedTo: 'visitator' },
      localOrigin('u-anne'),
    );
    const bentEntry = bent.board.addLogEntry(
      CARD,
      { ...BENT, kind: 'team', text: 'Spiser dårligt' },
      localOrigin('u-bent'),
    );
    for (const c of [observer, anne, bent]) {
      await waitFor(() => logOf(c).entries.length === before + 2, { what: 'both entries everywhere' });
      expect(logOf(c).entries.map((e) => e.id)).toEqual(expect.arrayContaining([anneEntry, bentEntry]));
    }
    expect(anne.closeCodes).toEqual([]);
    expect(bent.closeCodes).toEqual([]);
    anne.destroy();
    bent.destroy();
  });

  it("refuses editing an entry, even one's own, and deleting it", async () => {
    const edited = await attempt(srv, cookies.anne, BOARD, observer.doc, (c) => {
      const log = c.doc.getMap('cards').get(CARD) as Y.Map<unknown>;
      const entries = log.get('log') as Y.Map<Record<string, unknown>>;
      entries.set(anneEntry, { ...entries.get(anneEntry)!, text: 'Rettet bagefter' });
    });
    expectRefused(edited, 'log_append_only');
    const deleted = await attempt(srv, cookies.anne, BOARD, observer.doc, (c) => {
      ((c.doc.getMap('cards').get(CARD) as Y.Map<unknown>).get('log') as Y.Map<unknown>).delete(anneEntry);
    });
    expectRefused(deleted, 'log_append_only');
    expect(logOf(observer).entries.find((e) => e.id === anneEntry)?.text).toBe('Faldet i nat');
  });

  it("refuses an entry or a receipt in someone else's name", async () => {
    const entryAsEva = await attempt(srv, cookies.anne, BOARD, observer.doc, (c) => {
      c.board.addLogEntry(CARD, { ...EVA, kind: 'team', text: 'Skrevet af Anne' }, localOrigin('u-anne'));
    });
    expectRefused(entryAsEva, 'impersonation');
    const receiptAsEva = await attempt(srv, cookies.anne, BOARD, observer.doc, (c) => {
      c.board.markLogRead(CARD, anneEntry, EVA, localOrigin('u-anne'));
    });
    expectRefused(receiptAsEva, 'impersonation');
    // Her own name under Eva's key: the receipt's key must be entryId:by.
    const underEvasKey = await attempt(srv, cookies.anne, BOARD, observer.doc, (c) => {
      const reads = (c.doc.getMap('cards').get(CARD) as Y.Map<unknown>).get('logReads') as Y.Map<unknown>;
      reads.set(receiptKey(anneEntry, 'u-eva'), { entryId: anneEntry, ...ANNE, at: new Date().toISOString() });
    });
    expectRefused(underEvasKey, 'invalid');
    expect(logOf(observer).readBy[anneEntry]).toBeUndefined();
  });

  it('the visitator marks the entry read; everyone sees "Læst af" her, and she cannot take it back', async () => {
    const eva = await connected('eva');
    expect(eva.board.markLogRead(CARD, anneEntry, EVA, localOrigin('u-eva'))).toBe(true);
    await waitFor(() => logOf(observer).readBy[anneEntry]?.length === 1, { what: 'the receipt at the observer' });
    expect(logOf(observer).readBy[anneEntry]![0]).toMatchObject(EVA);
    expect(eva.closeCodes).toEqual([]);
    eva.destroy();
    const unread = await attempt(srv, cookies.eva, BOARD, observer.doc, (c) => {
      ((c.doc.getMap('cards').get(CARD) as Y.Map<unknown>).get('logReads') as Y.Map<unknown>).delete(
        receiptKey(anneEntry, 'u-eva'),
      );
    });
    expectRefused(unread, 'log_append_only');
  });
});

describe('the old Note moves into the log at board load, once', () => {
  it('seeded notes are first entries; a note written since moves at the next load; a second load adds nothing', async () => {
    const withNote = observer.board.cards().find((c) => c.note !== '')!;
    expect(logOf(observer, withNote.id).entries[0]).toMatchObject({
      id: MIGRATED_NOTE_ENTRY_ID,
      by: 'system',
      kind: 'observation',
      text: withNote.note,
    });
    // A card without a note gets one from an old client that still edits the Note field.
    const bare = observer.board.cards().find((c) => c.note === '' && logOf(observer, c.id).entries.length === 0)!;
    const bent = await connected('bent');
    bent.board.updateCard(bare.id, { note: 'Skrevet i den gamle Note' }, localOrigin('u-bent'));
    await waitFor(() => observer.board.card(bare.id)?.note === 'Skrevet i den gamle Note', { what: 'the note' });
    bent.destroy();

    const reload = async () => {
      observer.destroy();
      await waitFor(async () => (await health(srv.baseUrl)).boardsLoaded === 0, { what: 'board unloaded' });
      observer = await connected('camilla');
      await waitFor(() => logOf(observer, bare.id).entries.length === 1, { what: 'the migrated note' });
      // The migration's server change is in before anything later: wait for the queue with one more sync.
      const probe = await connected('camilla');
      probe.destroy();
      return Y.encodeStateVector(observer.doc);
    };
    const first = await reload();
    expect(logOf(observer, bare.id).entries[0]).toMatchObject({
      id: MIGRATED_NOTE_ENTRY_ID,
      by: 'system',
      text: 'Skrevet i den gamle Note',
    });
    const second = await reload();
    expect(second).toEqual(first);
    expect(logOf(observer, bare.id).entries).toHaveLength(1);
  });
});
