/**
 * Realistic edits prepared before a run, made with BoardDoc and MeetingDoc on a copy of the
 * board state the server really holds, so every server receives the same update bytes and
 * Tavlen runs its whole per-update path (write gate, delegation guard, audit, wall projection):
 * half moves to the next column, three in ten field edits, two in ten triage changes with their
 * history event. Every edit writes a value no earlier edit wrote (the edit number is in it),
 * so a round never counts a stale value as delivered.
 */
import * as Y from 'yjs';
import { BoardDoc } from '../shared/doc/boardDoc.js';
import { MeetingDoc } from '../shared/doc/meetingDoc.js';
import type { TransactionOrigin } from '../shared/doc/origins.js';
import type { Triage } from '../shared/model/card.js';

export interface PreparedEdit {
  /** index of the light client (writer) that sends it */
  writer: number;
  /** the writer's Yjs clientID and its clock once this edit is integrated */
  client: number;
  clock: number;
  update: Uint8Array;
  kind: EditKind;
}

export type EditKind = 'move' | 'field' | 'triage';
const TRIAGE: Triage[] = ['green', 'yellow', 'red'];

/** Edit kind of the k-th edit of a board: 5 moves, 3 field edits, 2 triage changes in every 10. */
export function editKind(k: number): EditKind {
  const r = k % 10;
  return r < 5 ? 'move' : r < 8 ? 'field' : 'triage';
}

/**
 * `count` edits of one board by `writers` light clients (each its own clientID, each card
 * always edited by the same one),
 * on top of `base` (the board's full state as the server sends it).
 */
export function prepareEdits(
  base: Uint8Array,
  opts: { count: number; writers: number; user: { id: string; name: string }; boardIndex: number },
): { edits: PreparedEdit[]; clientIds: number[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const board = new BoardDoc(doc);
  const meetings = new MeetingDoc(board);
  const active = board.phases().filter((p) => p.kind !== 'closed');
  const cards = board.cards().filter((c) => active.some((p) => p.id === c.position.phaseId));
  if (cards.length === 0) throw new Error('the bench board has no active cards');
  // clientIDs that cannot collide across boards or with the servers' own (< 2^32 as Yjs wants).
  const clientIds = Array.from({ length: opts.writers }, (_, w) => 1_000_000_000 + opts.boardIndex * 1000 + w);
  const origin: TransactionOrigin = { source: 'local', userId: opts.user.id };
  const edits: PreparedEdit[] = [];
  let pending: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => pending.push(u));
  for (let k = 0; k < opts.count; k++) {
    const at = (k * 7) % cards.length;
    // Each card has one writer. A real client's edit builds only on what the server already
    // relayed to it; edits of one template doc would otherwise build on another socket's edit
    // that the server may not have yet (Tavlen refuses such an update as incomplete).
    const writer = at % opts.writers;
    doc.clientID = clientIds[writer]!;
    const card = cards[at]!;
    const kind = editKind(k);
    if (kind === 'move') {
      const now = board.card(card.id)!.position.phaseId;
      const next = active[(active.findIndex((p) => p.id === now) + 1) % active.length]!;
      board.moveCard(card.id, next.id, k % 3, origin);
    } else if (kind === 'field') {
      // The contact person: a field the card form writes (the old `note` is migrated at load).
      board.updateCard(card.id, { contactPerson: `Bench-kontakt ${opts.boardIndex}-${k}` }, origin);
    } else {
      const now = board.card(card.id)!.triage;
      meetings.setTriage(
        card.id,
        TRIAGE[(TRIAGE.indexOf(now) + 1) % 3]!,
        { by: opts.user.id, byName: opts.user.name, reason: `Bench ${k}` },
        origin,
      );
    }
    if (pending.length === 0) throw new Error(`edit ${k} (${kind}) wrote nothing`);
    const update = pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending);
    pending = [];
    edits.push({ writer, client: doc.clientID, clock: Y.getState(doc.store, doc.clientID), update, kind });
  }
  doc.destroy();
  return { edits, clientIds };
}
