/**
 * The bench's board generators, shared by `bench:history` and the big-board and memory
 * scenarios of `npm run bench`: a board of N cards made with BoardDoc, and the history many
 * page loads leave behind (each a new Yjs clientID making a few edits, as y-websocket takes a
 * new clientID per page load; performance anchors §1c finding 1).
 */
import * as Y from 'yjs';
import { BoardDoc } from '../shared/doc/boardDoc.js';
import type { Triage } from '../shared/model/card.js';
import { DEFAULT_PHASES } from '../shared/model/phase.js';

const ORIGIN = { source: 'server', reason: 'seed' } as const;
const TRIAGE: Triage[] = ['green', 'yellow', 'red'];
/** 'contact' edits a field the card form still writes (the old `note` field is migrated to the card's log at load). */
export type SessionEdit = 'triage' | 'move' | 'contact';

export function buildBoard(cards: number, ids: { id: string; teamId: string } = { id: 'bench', teamId: 'team-bench' }) {
  const doc = new Y.Doc();
  const board = new BoardDoc(doc);
  board.initialize({ ...ids, name: 'Bench', phases: [...DEFAULT_PHASES] }, ORIGIN);
  const phases = board.phases();
  for (let i = 0; i < cards; i++) {
    board.createCard({ name: `Borger ${i}`, phaseId: phases[i % phases.length]!.id }, ORIGIN, `c${i}`);
  }
  return doc;
}

/**
 * Every simulated page load gets a new clientID and makes `editsPerSession` edits (of the
 * kinds given, in turn), written on `doc` under that clientID: the same items a peer's
 * updates would leave, without paying for a second doc.
 */
export function addSessions(
  doc: Y.Doc,
  sessions: number,
  opts: { cards: number; editsPerSession?: number; kinds?: SessionEdit[] },
): void {
  const board = new BoardDoc(doc);
  const phases = board.phases().filter((p) => p.kind !== 'closed');
  const kinds = opts.kinds ?? ['triage'];
  const per = opts.editsPerSession ?? 1;
  const origin = { source: 'local', userId: 'bench' } as const;
  const own = doc.clientID;
  let n = 0;
  for (let s = 0; s < sessions; s++) {
    doc.clientID = 1_000_000 + s;
    for (let e = 0; e < per; e++, n++) {
      const id = `c${(s + e * 7919) % opts.cards}`;
      const kind = kinds[n % kinds.length]!;
      if (kind === 'triage') board.updateCard(id, { triage: TRIAGE[n % 3]! }, origin);
      else if (kind === 'contact') board.updateCard(id, { contactPerson: `Kontakt ${n}` }, origin);
      else board.moveCard(id, phases[n % phases.length]!.id, 0, origin);
    }
  }
  doc.clientID = own;
}
