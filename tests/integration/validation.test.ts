import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { BOARD_LAYOUT, ROOT_NAMES, type RecordMapSpec } from '../../shared/doc/layout.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import { ACTOR_FIELDS, parseRefusalReason } from '../../shared/rules/writeRules.js';
import { attempt, hasClient, watchBoard, type Outcome, type WatchedBoard } from '../helpers/attack.js';
import { boardProblems } from '../helpers/boardValid.js';
import { invalidPlainValues, layoutSlots, sampleKey, validFor, type Slot } from '../helpers/layoutSamples.js';
import { connectBoard, login, sqlOn, waitFor, type BoardClient, type TestServer } from '../helpers/server.js';

/*
 * The server-side validation suite, driven by the board layout (shared/doc/layout.ts):
 * for every record type and field, a valid value through the real sync endpoint (stock
 * y-websocket client) is accepted and reaches a second client, and invalid values are
 * refused whole (4423 'invalid'), never reach the second client, which stays connected and
 * keeps receiving later edits. The slots are iterated from the layout data, so a field
 * added to the layout is covered here without touching this file.
 *
 * The attack sequences of issue #10 are in validation-attacks.test.ts.
 */
const BOARD = 'tavle-nord';
const EVA = localOrigin('u-eva');
/** Cards of the demo board used here: an open one, a closed one, and one for markers. */
const MARKER_CARD = 'nord-01';
const OPEN_CARD = 'nord-04';

/** The server, the observer (sees what is relayed, never disturbed) and the marker writer. */
let watched: WatchedBoard;
let srv: TestServer;
let cookies: Record<'eva' | 'camilla', string>;
let observer: BoardClient;
let closedCard: string;
let meetingId: string;
const refusedClients: number[] = [];

beforeAll(async () => {
  watched = await watchBoard(BOARD, MARKER_CARD);
  ({ srv, observer } = watched);
  cookies = { eva: await login(srv.baseUrl, 'eva'), camilla: await login(srv.baseUrl, 'camilla') };
  closedCard = observer.board.column('afsluttet')[0]!.id;
  expect(observer.board.card(OPEN_CARD)!.lifecycle.closure).toBeNull();
  // A meeting to write meeting fields into, made as the client makes one.
  const eva = connectBoard(srv, cookies.eva, BOARD);
  await eva.synced;
  meetingId = new MeetingDoc(eva.board).createMeeting(
    { type: 'tavlemoede', scheduledFor: '2026-11-25T08:00:00.000Z' },
    EVA,
    'm-validering',
  );
  await waitFor(() => observer.doc.getMap('meetings').has(meetingId), { what: 'meeting at the observer' });
  eva.destroy();
});
afterAll(async () => {
  await watched?.close();
});

const marker = () => watched.marker();
const expectUndisturbed = (refused: number[]) => watched.expectUndisturbed(refused);

function expectRefused(outcome: Outcome, reason: string, label = ''): void {
  expect(outcome.accepted, `${label}: should be refused`).toBe(false);
  if (outcome.accepted) return;
  const { code } = parseRefusalReason(outcome.reason);
  expect({ code: outcome.code, reason: code }, label).toEqual({ code: CloseCode.writeRefused, reason });
  refusedClients.push(outcome.clientID);
}

// ---------------------------------------------------------------------------------------
// Where a slot lives in a doc
// ---------------------------------------------------------------------------------------

/** The record a field or nested slot is written into. */
function targetOf(slot: Slot): string | null {
  if (slot.kind === 'fixed' || slot.kind === 'value') return null;
  if (slot.root === 'meetings') return meetingId;
  return slot.field === 'closure' ? closedCard : OPEN_CARD;
}

/** The Y.Map holding the slot's value in `doc`, and the key it is under. */
function place(doc: Y.Doc, slot: Slot, key: string, create = true): [Y.Map<unknown>, string] {
  const root = doc.getMap<unknown>(slot.root);
  if (slot.kind === 'fixed') return [root, slot.field!];
  if (slot.kind === 'value') return [root, key];
  const record = root.get(targetOf(slot)!) as Y.Map<unknown>;
  if (slot.kind === 'field') return [record, slot.field!];
  // A collection only the server creates (a card's `conflicts`): the write creates it.
  let nested = record.get(slot.field!);
  if (!(nested instanceof Y.Map)) {
    nested = new Y.Map<unknown>();
    if (create) record.set(slot.field!, nested);
  }
  return [nested as Y.Map<unknown>, key];
}

/** What the observer holds at a place, comparable with toEqual (Y types by kind). */
function seenAt(slot: Slot, key: string): unknown {
  const [map, k] = place(observer.doc, slot, key, false);
  const v = map.get(k);
  return v instanceof Y.AbstractType ? `Y type ${v.constructor.name}` : v;
}

/** A valid value for a slot on this board (a position names one of its columns). */
function validValue(slot: Slot, key: string): unknown {
  if (slot.root === 'cards' && slot.field === 'position') return { phaseId: 'uge5', key: 'a0V' };
  return asEva(validFor(slot, key));
}

/** People write only in their own name (writeRules ACTOR_FIELDS): the valid samples are Eva's. */
function asEva(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const field of ACTOR_FIELDS) if (typeof out[field] === 'string') out[field] = 'u-eva';
  return out;
}

/** Roots and keys people never write: the board's identity, epoch and columns (writeRules). */
const serverOwned = (slot: Slot) =>
  slot.root === 'phases' || (slot.root === 'meta' && slot.field !== 'cadenceTemplateId');

let keys = 0;

describe('every record type and field of the layout, through the sync endpoint', () => {
  const slots = layoutSlots();

  it('the layout has the slots this suite is meant to cover', () => {
    const names = slots.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['meta.epoch', 'phases.*', 'cards.*.note', 'cards.*.goals.*']));
    expect(new Set(slots.map((s) => s.root))).toEqual(new Set(ROOT_NAMES));
  });

  it.each(slots.map((s) => [s.name, s] as const))('%s', async (_name, slot) => {
    const key = sampleKey(slot, ++keys);
    const valid = validValue(slot, key);
    const write =
      (value: () => unknown, at = key) =>
      (c: BoardClient) =>
        // One update, also where the write creates the collection.
        c.doc.transact(() => {
          const [map, k] = place(c.doc, slot, at);
          map.set(k, value());
        });

    const outcome = await attempt(
      srv,
      cookies.eva,
      BOARD,
      observer.doc,
      write(() => valid),
    );
    if (serverOwned(slot)) {
      // A valid value, but not the visitator's to change: refused by the rules, not the layout.
      expectRefused(outcome, 'board_settings', 'valid value');
    } else if (slot.name === 'cards.*.conflicts.*') {
      // The server records conflicts; a person may only mark their own lost one resolved.
      expectRefused(outcome, 'conflicts', 'valid value');
    } else if (slot.name === 'cards.*.offerLinks.*') {
      // A well-formed link, but to an offer the municipality's directory does not have.
      expectRefused(outcome, 'offer_unknown', 'valid value');
    } else {
      expect(outcome.accepted, 'valid value accepted').toBe(true);
      expect(seenAt(slot, key)).toEqual(valid);
    }
    const before = seenAt(slot, key);

    const variants: { label: string; value: () => unknown; key?: string }[] = [
      ...invalidPlainValues(slot.schema, valid).map(({ label, value }) => ({ label, value: () => value })),
      { label: 'Y.Text', value: () => new Y.Text('x') },
      { label: 'Y.Array', value: () => Y.Array.from(['x']) },
      { label: 'nested Y.Map', value: () => new Y.Map() },
    ];
    if (slot.keySchema) variants.push({ label: 'a key the layout refuses', value: () => valid, key: 'ugyldig nøgle!' });
    expect(variants.length).toBeGreaterThanOrEqual(5);

    const outcomes = await Promise.all(
      variants.map((v) => attempt(srv, cookies.eva, BOARD, observer.doc, write(v.value, v.key ?? key))),
    );
    outcomes.forEach((o, i) => expectRefused(o, 'invalid', variants[i]!.label));
    await expectUndisturbed(outcomes.map((o) => o.clientID));
    expect(seenAt(slot, key)).toEqual(before);
  });

  it('unknown keys: a meta key, a field no record type has, a plain value or an incomplete record where a record belongs', async () => {
    const edits: [string, (c: BoardClient) => void][] = [
      ['unknown meta key', (c) => c.doc.getMap('meta').set('ukendt', 'x')],
    ];
    for (const [root, spec] of Object.entries(BOARD_LAYOUT)) {
      if (spec.kind !== 'records') continue;
      const target = root === 'meetings' ? meetingId : OPEN_CARD;
      const records = (c: BoardClient) => c.doc.getMap<unknown>(root);
      edits.push(
        [`${root}: unknown field`, (c) => (records(c).get(target) as Y.Map<unknown>).set('ukendtFelt', 'x')],
        [`${root}: a plain object as the record`, (c) => records(c).set('ny-post', { name: 'Plain' })],
        [
          `${root}: a record without ${(spec as RecordMapSpec).required.join(', ')}`,
          (c) => {
            const m = new Y.Map<unknown>();
            m.set('createdAt', '2026-11-24T09:00:00.000Z');
            records(c).set('ny-post', m);
          },
        ],
        [`${root}: an invalid record key`, (c) => records(c).set('ugyldig nøgle!', new Y.Map())],
      );
    }
    const outcomes = await Promise.all(edits.map(([, edit]) => attempt(srv, cookies.eva, BOARD, observer.doc, edit)));
    outcomes.forEach((o, i) => expectRefused(o, 'invalid', edits[i]![0]));
    await expectUndisturbed(outcomes.map((o) => o.clientID));
    expect(observer.doc.getMap('cards').has('ny-post')).toBe(false);
  });

  it('after all of it: a fresh client gets a board that fits the layout, with nothing of any refused write', async () => {
    expect(refusedClients.length).toBeGreaterThan(200);
    await marker();
    const latest = observer.board.card(MARKER_CARD)!.note;
    const fresh = connectBoard(srv, cookies.camilla, BOARD);
    try {
      await fresh.synced;
      await waitFor(() => fresh.board.card(MARKER_CARD)?.note === latest, { what: 'latest marker' });
      expect(boardProblems(fresh.doc)).toEqual([]);
      expect(refusedClients.filter((id) => hasClient(fresh.doc, id))).toEqual([]);
      expect(fresh.board.cards()).toHaveLength(40);
      expect(fresh.board.phases()).toHaveLength(8);
    } finally {
      fresh.destroy();
    }
    // Every refusal is audited with role, code and path, and no value.
    const rows = sqlOn<{ detail: string }>(
      srv.dataDir,
      "SELECT detail FROM audit_log WHERE action = 'write_rejected' AND user_id = 'u-eva'",
    ).map((r) => JSON.parse(r.detail) as { role: string; code: string; path: string });
    expect(rows.length).toBe(refusedClients.length);
    expect(rows.every((r) => r.role === 'visitator' && typeof r.path === 'string')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('xxxxxxxxxx');
  });

  it('logged no server errors', () => {
    expect(srv.stderr()).not.toMatch(/"level":"error"/);
  });
});

// The board as BoardDoc reads it is unaffected too (a reader falls back on bad values, so
// this is only a sanity check on top of the raw checks above).
describe('the observer', () => {
  it('still reads the open card with its valid edits', () => {
    const card = new BoardDoc(observer.doc).card(OPEN_CARD)!;
    expect(card.position.phaseId).toBe('uge5');
    expect(card.note).toBe('Tekst');
  });
});
