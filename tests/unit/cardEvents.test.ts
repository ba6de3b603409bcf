import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, localOrigin, type Card } from '../../shared/index.js';
import { cardEvents } from '../../shared/rules/cardEvents.js';
import { parseVisitCsv } from '../../server/styring/csv.js';

const me = localOrigin('u-eva');
// Sunday 3 January 2027 23:30 UTC is Monday 00:30 in Denmark: week 1 of 2027, not 53 of 2026.
const AT = Date.parse('2027-01-03T23:30:00Z');

function board() {
  const b = new BoardDoc(new Y.Doc(), { now: () => new Date('2026-12-01T08:00:00Z') });
  b.initialize({ id: 'b', teamId: 't', name: 'T', phases: [...DEFAULT_PHASES] });
  b.createCard({ name: 'Karen Jensen', phaseId: 'opstart' }, me, 'c1');
  return b;
}
const snap = (b: BoardDoc): Card => b.card('c1')!;

describe('card events for the cockpit', () => {
  it('a new card is "created", dated in the Danish calendar week', () => {
    const [e] = cardEvents(null, snap(board()), AT);
    expect(e).toMatchObject({ kind: 'created', cardId: 'c1', day: '2027-01-04', week: '2027-W01', detail: 'opstart' });
  });

  it('names a move, a colour change, an E2/E4 decision, a type change and a closure with its outcome', () => {
    const b = board();
    const before = snap(b);
    b.placeCard('c1', { phaseId: 'uge2', key: 'a0' }, me);
    b.updateCard('c1', { triage: 'red' }, me);
    b.recordDecision('c1', { code: 'E4', by: 'u-eva' }, me);
    b.recordDecision('c1', { code: 'E1', by: 'u-eva' }, me);
    b.setLifecycle('c1', { forlobTypeId: 'sel-83' }, me);
    b.closeForlob('c1', { outcome: 'reduceret', closedOn: '2026-12-02', by: 'u-eva' }, me);
    const kinds = cardEvents(before, snap(b), AT).map((e) => [e.kind, e.detail]);
    expect(kinds).toEqual([
      // One transition before → after: closing moved the card on into Afsluttet.
      ['moved', 'afsluttet'],
      ['closed', 'reduceret'],
      ['triage', 'red'],
      ['switched', 'E4'],
      ['switched', 'type'],
    ]);
  });

  it('a request is counted when sent and when decided, with the minutes it waited', () => {
    const b = board();
    const before = snap(b);
    const id = b.addRequest('c1', { kind: 'mere-tid', reason: 'Faldet', by: 'u-eva' }, me);
    const sent = snap(b);
    expect(cardEvents(before, sent, AT).map((e) => e.kind)).toEqual(['request_created']);
    const at = Date.parse(sent.lifecycle.requests[0]!.at);
    const later = new BoardDoc(b.doc, { now: () => new Date(at + 90 * 60_000) });
    later.decideRequest('c1', id, { status: 'godkendt', decidedBy: 'u-eva' }, me);
    const [decided] = cardEvents(sent, snap(later), AT);
    expect(decided).toMatchObject({ kind: 'request_decided', detail: 'mere-tid', minutes: 90 });
  });

  it('a deleted card and an unchanged one give nothing', () => {
    const b = board();
    expect(cardEvents(snap(b), null, AT)).toEqual([]);
    expect(cardEvents(snap(b), snap(b), AT)).toEqual([]);
  });
});

describe('the visit CSV', () => {
  it('reads ; or , files with Danish or JSON headers and keeps the file line of each row', () => {
    const semi = parseVisitCsv(
      '\uFEFFbesøgs-id;borger-nr.;dato;planlagte minutter;leverede minutter;ydelse\r\n\r\nv1;B-1;2026-12-01;30;25;Pleje\r\n',
    );
    expect(semi.errors).toEqual([]);
    expect(semi.rows).toEqual([
      {
        visitId: 'v1',
        citizenRef: 'B-1',
        date: '2026-12-01',
        plannedMinutes: 30,
        deliveredMinutes: 25,
        helpType: 'Pleje',
      },
    ]);
    expect(semi.lines).toEqual([3]);
    const comma = parseVisitCsv(
      'visitId,citizenRef,date,plannedMinutes,deliveredMinutes,helpType\nv2,B-2,2026-12-02,"15",x,"Rengøring, let"\n',
    );
    expect(comma.rows[0]).toMatchObject({ plannedMinutes: 15, deliveredMinutes: 'x', helpType: 'Rengøring, let' });
  });

  it('refuses an unknown column by name', () => {
    const { errors } = parseVisitCsv('besøgs-id;cpr;dato\n');
    expect(errors[0]!.message).toMatch(/^Ukendt kolonne: cpr\./);
  });
});
