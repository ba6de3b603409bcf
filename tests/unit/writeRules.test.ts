import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import type { Card } from '../../shared/model/card.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import { RoleSchema, type Role } from '../../shared/model/user.js';
import { delegationPreset, type DelegationMatrix } from '../../shared/rules/delegation.js';
import {
  changedDecisions,
  impersonatedField,
  needsMatrix,
  parseRefusalReason,
  refusalFor,
  refusalMessage,
  refusalReason,
  type BoardWrite,
  type CardTransition,
  type RefusalCode,
} from '../../shared/rules/writeRules.js';

/*
 * The write rules in domain terms, over before → after (shared/rules/writeRules.ts). Cards
 * are made with BoardDoc, as the server's gate reads them from its staging copy.
 */
const me = localOrigin('u-eva');
const STANDARD = delegationPreset('standard').matrix;
const SOLROD = delegationPreset('solrod').matrix;
const PHASES = [...DEFAULT_PHASES];
const ROLES = RoleSchema.options;

/** A board with one open card `c1` (4 hours a week, type sel-83a) and one closed card `c2`. */
function board(): BoardDoc {
  const b = new BoardDoc(new Y.Doc());
  b.initialize({ id: 'tavle-test', teamId: 'team-nord', name: 'Testtavle', phases: PHASES });
  b.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, me, 'c1');
  b.setLifecycle('c1', { weeklyHours: 4, forlobTypeId: 'sel-83a' }, me);
  b.createCard({ name: 'Poul Hansen', phaseId: 'uge5' }, me, 'c2');
  b.closeForlob('c2', { outcome: 'afsluttet', closedOn: '2026-11-20', by: 'u-eva' }, me);
  return b;
}

/** The card `id` before and after `edit` (run on a copy). */
function transition(id: string, edit: (b: BoardDoc) => void): CardTransition {
  const before = board();
  const after = new BoardDoc(new Y.Doc());
  Y.applyUpdate(after.doc, Y.encodeStateAsUpdate(before.doc));
  edit(after);
  return { cardId: id, before: before.card(id), after: after.card(id) };
}

const write = (parts: Partial<BoardWrite>): BoardWrite => ({
  metaKeys: [],
  phaseIds: [],
  cards: [],
  startedMeetingsDeleted: [],
  phases: PHASES,
  ...parts,
});

const codeFor = (role: Role, w: BoardWrite, matrix: DelegationMatrix | null = STANDARD) =>
  refusalFor(role, w, matrix)?.code ?? null;

describe('refusalFor: board settings, phases and meetings', () => {
  it('only the board’s cadence template is a member’s setting; every other meta key and every phase is the server’s, whatever the role', () => {
    for (const role of ROLES) {
      expect(codeFor(role, write({ metaKeys: ['cadenceTemplateId'] }))).toBeNull();
      for (const key of ['id', 'teamId', 'name', 'epoch', 'ukendt']) {
        expect(refusalFor(role, write({ metaKeys: [key] }), STANDARD)).toEqual({
          code: 'board_settings',
          path: `meta.${key}`,
        });
      }
      expect(refusalFor(role, write({ phaseIds: ['afsluttet'] }), STANDARD)).toEqual({
        code: 'board_settings',
        path: 'phases.afsluttet',
      });
    }
  });

  it('a meeting that was held cannot be deleted, not even by an administrator', () => {
    expect(refusalFor('administrator', write({ startedMeetingsDeleted: ['m-1'] }), null)).toEqual({
      code: 'delete_meeting',
      path: 'meetings.m-1',
    });
  });

  it('a write touching nothing protected needs no matrix and is allowed', () => {
    const note = transition('c1', (b) => b.updateCard('c1', { note: 'Ny note' }, me));
    const w = write({ cards: [note] });
    expect(needsMatrix(w)).toBe(false);
    for (const role of ROLES) expect(codeFor(role, w, null)).toBeNull();
  });
});

describe('refusalFor: cards, by what the change does', () => {
  it('deleting a card outright is only for an administrator (staff close instead)', () => {
    const del = transition('c1', (b) => b.deleteCard('c1', me));
    expect(del.after).toBeNull();
    for (const role of ROLES) {
      expect(codeFor(role, write({ cards: [del] }))).toBe(role === 'administrator' ? null : 'delete_card');
    }
  });

  it('delete and recreate the same id with more hours is an adjustment up, not a new card', () => {
    const recreated = transition('c1', (b) =>
      b.doc.transact(() => {
        b.deleteCard('c1', me);
        b.createCard({ name: 'Karen Jensen', phaseId: 'uge2' }, me, 'c1');
        b.setLifecycle('c1', { weeklyHours: 12, forlobTypeId: 'sel-83a' }, me);
      }),
    );
    const w = write({ cards: [recreated] });
    expect(needsMatrix(w)).toBe(true);
    expect(refusalFor('ssh', w, SOLROD)).toEqual({ code: 'adjustUp', path: 'cards.c1', cardId: 'c1' });
    expect(codeFor('visitator', w, SOLROD)).toBeNull();
  });

  it('a closure is a closure however it is reached: moving into the closed column, or setting one', () => {
    const moved = transition('c1', (b) => b.moveCard('c1', 'afsluttet', 0, me));
    const closed = transition('c1', (b) =>
      b.closeForlob('c1', { outcome: 'reduceret', closedOn: '2026-11-24', by: 'u-anne' }, me),
    );
    for (const t of [moved, closed]) {
      expect(codeFor('ssh', write({ cards: [t] }), STANDARD)).toBe('close');
      expect(codeFor('ssh', write({ cards: [t] }), SOLROD)).toBeNull();
      expect(codeFor('visitator', write({ cards: [t] }), STANDARD)).toBeNull();
    }
    // Rewriting the closure of a closed card is closing it again.
    const rewritten = transition('c2', (b) =>
      b.closeForlob('c2', { outcome: 'plejecenter', closedOn: '2026-11-21', by: 'u-anne' }, me),
    );
    expect(codeFor('ssh', write({ cards: [rewritten] }), STANDARD)).toBe('close');
  });

  it('creating, reopening, adjusting and changing type each need their operation', () => {
    const cases: [string, CardTransition, RefusalCode][] = [
      ['create', transition('c9', (b) => b.createCard({ name: 'Ny Borger', phaseId: 'henvist' }, me, 'c9')), 'create'],
      ['reopen', transition('c2', (b) => b.reopenForlob('c2', me)), 'create'],
      ['more hours', transition('c1', (b) => b.setLifecycle('c1', { weeklyHours: 6 }, me)), 'adjustUp'],
      ['fewer hours', transition('c1', (b) => b.setLifecycle('c1', { weeklyHours: 2 }, me)), 'adjustDown'],
      ['new type', transition('c1', (b) => b.setLifecycle('c1', { forlobTypeId: 'sel-83' }, me)), 'changeType'],
    ];
    for (const [what, t, code] of cases) {
      expect(codeFor('ssh', write({ cards: [t] }), STANDARD), what).toBe(code);
      expect(codeFor('administrator', write({ cards: [t] }), STANDARD), what).toBeNull();
    }
    // The wall screen never may, whatever the matrix says.
    const everyone = Object.fromEntries(Object.keys(STANDARD).map((op) => [op, [...ROLES]])) as DelegationMatrix;
    expect(codeFor('skaerm', write({ cards: [cases[2]![1]] }), everyone)).toBe('adjustUp');
    expect(codeFor('ssh', write({ cards: [cases[2]![1]] }), everyone)).toBeNull();
  });

  it('one refused card refuses the whole write, and the matrix is required when it is needed', () => {
    const note = transition('c1', (b) => b.updateCard('c1', { note: 'x' }, me));
    const up = transition('c1', (b) => b.setLifecycle('c1', { weeklyHours: 9 }, me));
    expect(codeFor('ssh', write({ cards: [note, up] }), STANDARD)).toBe('adjustUp');
    expect(() => refusalFor('ssh', write({ cards: [up] }), null)).toThrow(/matrix/);
  });
});

describe('requests to the visitator: only a decider decides', () => {
  const request = (b: BoardDoc) =>
    b.addRequest('c1', { id: 'a1', kind: 'mere-tid', reason: 'Har brug for mere hjælp', by: 'u-anne' }, me);
  const withRequest = (): BoardDoc => {
    const b = board();
    request(b);
    return b;
  };
  const change = (edit: (b: BoardDoc) => void): [Card, Card | null] => {
    const before = withRequest();
    const after = new BoardDoc(new Y.Doc());
    Y.applyUpdate(after.doc, Y.encodeStateAsUpdate(before.doc));
    edit(after);
    return [before.card('c1')!, after.card('c1')];
  };
  const decide = (b: BoardDoc) => b.decideRequest('c1', 'a1', { status: 'godkendt', decidedBy: 'u-anne' }, me);

  it('changedDecisions: a decision made or changed, a request that vanished or appeared decided', () => {
    expect(changedDecisions(board().card('c1'), withRequest().card('c1'))).toEqual([]);
    expect(changedDecisions(...change(decide))).toEqual(['a1']);
    expect(changedDecisions(...change((b) => b.updateCard('c1', { note: 'x' }, me)))).toEqual([]);
    // Removing the request (raw write) is deciding it away.
    expect(
      changedDecisions(...change((b) => (b.cardsMap.get('c1')!.get('requests') as Y.Map<unknown>).delete('a1'))),
    ).toEqual(['a1']);
    // A request written already approved.
    const decided = withRequest();
    decide(decided);
    expect(changedDecisions(board().card('c1'), decided.card('c1'))).toEqual(['a1']);
    // A deleted card is the deletion rule's business.
    expect(changedDecisions(withRequest().card('c1'), null)).toEqual([]);
  });

  it('refusalFor: anyone may ask, only the visitator and administrator may decide', () => {
    const [before, after] = change(decide);
    const decided = write({ cards: [{ cardId: 'c1', before, after }] });
    const asked = transition('c1', request);
    for (const role of ROLES) {
      const decider = role === 'visitator' || role === 'administrator';
      expect(codeFor(role, decided, STANDARD), role).toBe(decider ? null : 'decide_request');
      expect(codeFor(role, write({ cards: [asked] }), STANDARD), role).toBeNull();
    }
  });
});

describe('refusalMessage', () => {
  it('says every refusal in plain Danish', () => {
    const codes: RefusalCode[] = [
      'invalid',
      'too_large',
      'too_many_cards',
      'incomplete',
      'rate',
      'cpr',
      'board_settings',
      'delete_card',
      'delete_meeting',
      'decide_request',
      'create',
      'adjustUp',
      'adjustDown',
      'close',
      'changeType',
    ];
    const messages = codes.map(refusalMessage);
    expect(new Set(messages).size).toBe(codes.length);
    for (const m of messages) expect(m).toMatch(/^[A-ZÆØÅ].*[.]$/);
    expect(refusalMessage('delete_card')).toContain('administrator');
  });
});

describe('the close reason names the refused record', () => {
  it('code and root.key for a record, the code alone for the update as a whole', () => {
    expect(refusalReason({ code: 'close', path: 'cards.c1', cardId: 'c1' })).toBe('close cards.c1');
    expect(refusalReason({ code: 'invalid', path: 'invalid:cards.c1.position' })).toBe('invalid cards.c1');
    expect(refusalReason({ code: 'board_settings', path: 'meta.epoch' })).toBe('board_settings meta.epoch');
    expect(refusalReason({ code: 'too_large', path: 'update' })).toBe('too_large');
    expect(refusalReason({ code: 'invalid', path: 'content:ContentString' })).toBe('invalid');
    expect(parseRefusalReason('close cards.c1')).toEqual({ code: 'close', record: 'cards.c1' });
    expect(parseRefusalReason('rate')).toEqual({ code: 'rate', record: '' });
  });
});

describe('people write only in their own name', () => {
  it('a new or changed by/decidedBy/answeredBy must be the sender; names already there stay', () => {
    expect(impersonatedField('u-anne', undefined, { id: 'd1', by: 'u-anne' })).toBeNull();
    expect(impersonatedField('u-anne', undefined, { id: 'd1', by: 'u-eva' })).toBe('by');
    // Eva decides Anne's request: `by` stays Anne's, `decidedBy` is Eva's own.
    const asked = { id: 'a1', by: 'u-anne', decidedBy: null };
    expect(impersonatedField('u-eva', asked, { ...asked, decidedBy: 'u-eva' })).toBeNull();
    expect(impersonatedField('u-anne', asked, { ...asked, decidedBy: 'u-eva' })).toBe('decidedBy');
    expect(impersonatedField('u-anne', { answeredBy: 'u-eva' }, { answeredBy: 'u-eva', answer: 'x' })).toBeNull();
    expect(impersonatedField('u-anne', { by: 'u-eva' }, undefined)).toBeNull();
  });
});
