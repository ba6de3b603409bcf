import { describe, expect, it } from 'vitest';
import { AUDIT_TEXT_MAX, auditDiff, truncateAuditText } from '../../shared/rules/auditDiff.js';
import { LIFECYCLE_DEFAULTS, type Card, type CardLifecycle } from '../../shared/index.js';

type Life = { -readonly [K in keyof CardLifecycle]?: unknown };

function card(over: Partial<Omit<Card, 'lifecycle'>> = {}, life: Life = {}): Card {
  return {
    id: 'c1',
    name: 'Karen Jensen',
    initials: 'KJ',
    triage: 'green',
    forlobType: 'Rehabilitering §83a',
    contactPerson: 'Anne',
    nextDueDate: null,
    note: '',
    position: { phaseId: 'henvist', key: 'a0' },
    phaseEnteredAt: '2026-01-05',
    createdAt: '2026-01-05T08:00:00.000Z',
    ...over,
    lifecycle: { ...LIFECYCLE_DEFAULTS, ...life } as CardLifecycle,
  };
}

const closure = {
  outcome: 'afsluttet',
  closedOn: '2026-03-01',
  by: 'u1',
  byName: 'Gitte',
  visitatorParticipated: false,
  note: '',
};

describe('[R36] auditDiff', () => {
  it('no card before and after: nothing', () => {
    expect(auditDiff(null, null)).toEqual([]);
  });

  it('an identical card: nothing', () => {
    expect(auditDiff(card(), card())).toEqual([]);
  });

  it('a new card is only "created" (with its column), a removed one only "deleted"', () => {
    expect(auditDiff(null, card())).toEqual([{ kind: 'created', phaseId: 'henvist' }]);
    expect(auditDiff(card({ note: 'x' }), null)).toEqual([{ kind: 'deleted', phaseId: 'henvist' }]);
  });

  it('a move between columns is one "moved"; the new phaseEnteredAt is not a field change', () => {
    const after = card({ position: { phaseId: 'opstart', key: 'a5' }, phaseEnteredAt: '2026-02-01' });
    expect(auditDiff(card(), after)).toEqual([{ kind: 'moved', from: 'henvist', to: 'opstart' }]);
  });

  it('reordering inside one column is not reported', () => {
    expect(auditDiff(card(), card({ position: { phaseId: 'henvist', key: 'Zz' } }))).toEqual([]);
  });

  it('closing and reopening', () => {
    const closed = card({}, { closure });
    expect(auditDiff(card(), closed)).toEqual([{ kind: 'closed', outcome: 'afsluttet', closedOn: '2026-03-01' }]);
    expect(auditDiff(closed, card())).toEqual([{ kind: 'reopened' }]);
  });

  it('closing by moving to Afsluttet reports the move and the closure', () => {
    const closed = card({ position: { phaseId: 'afsluttet', key: 'a0' } }, { closure });
    expect(auditDiff(card(), closed)).toEqual([
      { kind: 'moved', from: 'henvist', to: 'afsluttet' },
      { kind: 'closed', outcome: 'afsluttet', closedOn: '2026-03-01' },
    ]);
  });

  it('a closure edited while closed is reported field by field', () => {
    const a = card({}, { closure });
    const b = card({}, { closure: { ...closure, outcome: 'plejecenter', note: 'Flyttet' } });
    expect(auditDiff(a, b)).toEqual([
      { kind: 'field', field: 'closure.outcome', from: 'afsluttet', to: 'plejecenter' },
      { kind: 'field', field: 'closure.note', from: '', to: 'Flyttet' },
    ]);
  });

  it('triage from → to', () => {
    expect(auditDiff(card(), card({ triage: 'red' }))).toEqual([{ kind: 'triage', from: 'green', to: 'red' }]);
  });

  it.each([
    ['name', 'Karen Jensen', 'Karen M. Jensen'],
    ['initials', 'KJ', 'KMJ'],
    ['forlobType', 'Rehabilitering §83a', 'Hverdagsrehabilitering'],
    ['contactPerson', 'Anne', 'Bent'],
    ['nextDueDate', null, '2026-04-01'],
    ['note', '', 'Ny note'],
  ] as const)('card field %s: old → new', (field, from, to) => {
    expect(auditDiff(card({ [field]: from }), card({ [field]: to }))).toEqual([{ kind: 'field', field, from, to }]);
  });

  it.each([
    ['visitationDate', null, '2026-01-02'],
    ['startDate', '2026-01-05', '2026-01-06'],
    ['cadenceTemplateId', null, 'horsholm-83a'],
    ['forlobTypeId', 'rehab', 'pleje'],
    ['legalBasis', '§83a', '§83'],
    ['weeklyHours', 2, 3.5],
    ['secondaryContact', '', 'Camilla'],
  ] as const)('lifecycle scalar %s by its own name', (field, from, to) => {
    expect(auditDiff(card({}, { [field]: from }), card({}, { [field]: to }))).toEqual([
      { kind: 'field', field, from, to },
    ]);
  });

  it('nested lifecycle values by a dotted path (opstart, temporary change); arrays as one value', () => {
    const opstart = { plannedDate: null, participants: ['ssh'], heldOn: null, note: '' };
    const a = card({}, { opstart, temporaryChange: null });
    const b = card(
      {},
      {
        opstart: { ...opstart, plannedDate: '2026-01-09', participants: ['ssh', 'terapeut'] },
        temporaryChange: { text: 'Øjendråber', endDate: '2026-02-01' },
      },
    );
    expect(auditDiff(a, b)).toEqual([
      { kind: 'field', field: 'opstart.plannedDate', from: null, to: '2026-01-09' },
      { kind: 'field', field: 'opstart.participants', from: 'ssh', to: 'ssh, terapeut' },
      { kind: 'field', field: 'temporaryChange.text', from: null, to: 'Øjendråber' },
      { kind: 'field', field: 'temporaryChange.endDate', from: null, to: '2026-02-01' },
    ]);
    expect(auditDiff(b, a)).toContainEqual({
      kind: 'field',
      field: 'temporaryChange.text',
      from: 'Øjendråber',
      to: null,
    });
  });

  it('collection items: added and removed as one summary, changed field by field without bookkeeping', () => {
    const goal = {
      id: 'g1',
      kind: 'citizen',
      text: 'Gå til købmanden',
      status: 'aktiv',
      createdAt: 't0',
      updatedAt: 't0',
    };
    const a = card({}, { goals: [goal] });
    const b = card({}, { goals: [{ ...goal, status: 'opnaaet', updatedAt: 't1' }] });
    expect(auditDiff(card(), a)).toEqual([{ kind: 'field', field: 'goals.g1', from: null, to: 'Gå til købmanden' }]);
    expect(auditDiff(a, b)).toEqual([{ kind: 'field', field: 'goals.g1.status', from: 'aktiv', to: 'opnaaet' }]);
    expect(auditDiff(a, card())).toEqual([{ kind: 'field', field: 'goals.g1', from: 'Gå til købmanden', to: null }]);
  });

  it('follow-ups (a record by id), decisions, relatives and requests', () => {
    const followUps = { 'week-5': { date: '2026-02-09', by: 'u1', byName: 'Anne' } };
    const decision = { id: 'd1', code: 'E2', reason: 'Mere træning', by: 'u1', byName: 'A', at: 't', followUpId: null };
    const relative = {
      id: 'r1',
      name: 'Søren',
      relation: 'søn',
      phone: '',
      consent: true,
      channel: 'sms',
      goodNews: false,
    };
    const request = {
      id: 'q1',
      kind: 'mere-tid',
      reason: 'Har brug for mere tid',
      by: 'u1',
      byName: 'A',
      at: 't',
      status: 'afventer',
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionNote: '',
    };
    const a = card();
    const b = card({}, { followUps, decisions: [decision], relatives: [relative], requests: [request] });
    expect(auditDiff(a, b)).toEqual([
      { kind: 'field', field: 'followUps.week-5', from: null, to: '2026-02-09' },
      { kind: 'field', field: 'decisions.d1', from: null, to: 'E2: Mere træning' },
      { kind: 'field', field: 'relatives.r1', from: null, to: 'Søren' },
      { kind: 'field', field: 'requests.q1', from: null, to: 'mere-tid: Har brug for mere tid' },
    ]);
    const decided = { ...request, status: 'godkendt', decidedBy: 'u2', decidedByName: 'Eva', decidedAt: 't2' };
    const c = card(
      {},
      { followUps, decisions: [decision], relatives: [{ ...relative, phone: '12345678' }], requests: [decided] },
    );
    expect(auditDiff(b, c)).toEqual([
      { kind: 'field', field: 'relatives.r1.phone', from: '', to: '12345678' },
      { kind: 'field', field: 'requests.q1.status', from: 'afventer', to: 'godkendt' },
      { kind: 'field', field: 'requests.q1.decidedBy', from: null, to: 'u2' },
      { kind: 'field', field: 'requests.q1.decidedByName', from: null, to: 'Eva' },
      { kind: 'field', field: 'requests.q1.decidedAt', from: null, to: 't2' },
    ]);
  });

  it('several changes at once come in a stable order: move, close, triage, fields', () => {
    const after = card(
      { position: { phaseId: 'afsluttet', key: 'a1' }, triage: 'yellow', note: 'Slut' },
      { closure, weeklyHours: 1 },
    );
    expect(auditDiff(card(), after).map((c) => c.kind)).toEqual(['moved', 'closed', 'triage', 'field', 'field']);
  });

  it('long free text is cut to a bounded length and marked with an ellipsis', () => {
    const long = 'ø'.repeat(2000);
    const [change] = auditDiff(card(), card({ note: long }));
    expect(change).toMatchObject({ kind: 'field', field: 'note', from: '' });
    const to = (change as { to: string }).to;
    expect([...to]).toHaveLength(AUDIT_TEXT_MAX);
    expect(to.endsWith('…')).toBe(true);
    expect(truncateAuditText('kort')).toBe('kort');
  });
});
