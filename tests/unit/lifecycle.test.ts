import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ZodError } from 'zod';
import {
  BoardDoc,
  CADENCE_TEMPLATES,
  CLOSURE_OUTCOME_LABELS,
  CONTACT_CHANNEL_LABELS,
  CardSnapshotSchema,
  ClosureOutcomeSchema,
  ContactChannelSchema,
  CustomCadenceTemplateSchema,
  DECISION_CODE_LABELS,
  DEFAULT_BOARD_CADENCE_TEMPLATE_ID,
  DEFAULT_PHASES,
  DecisionCodeSchema,
  DomainError,
  FollowUpCompletionSchema,
  GOAL_KIND_LABELS,
  GOAL_STATUS_LABELS,
  GoalKindSchema,
  GoalStatusSchema,
  LIFECYCLE_DEFAULTS,
  OPSTART_PARTICIPANTS,
  OPSTART_PARTICIPANT_GUIDANCE,
  OPSTART_PARTICIPANT_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  RequestKindSchema,
  RequestStatusSchema,
  localOrigin,
  type BoardInit,
  followUpsForCard,
  type Card,
} from '../../shared/index.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-mette');

/** A clock the test controls: starts on 20 April 2026, 10:00 Copenhagen time. */
function clock(start = '2026-04-20T08:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
  };
}

function board(opts: { now?: () => Date; init?: BoardInit } = {}): BoardDoc {
  const b = new BoardDoc(new Y.Doc(), { now: opts.now ?? clock().now });
  b.initialize(opts.init ?? INIT);
  return b;
}

function withCard(phaseId = 'opstart'): { b: BoardDoc; id: string } {
  const b = board();
  const id = b.createCard({ name: 'Karen Marie Jensen', phaseId }, me, 'c1');
  return { b, id };
}

/** Two-way full sync, as a reconnect would do. */
function sync(a: BoardDoc, b: BoardDoc): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'remote');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), 'remote');
}

/** Two peers holding the same card, in sync. */
function twoPeers(): { a: BoardDoc; b: BoardDoc } {
  const a = board();
  a.createCard({ name: 'Bo', phaseId: 'opstart' }, me, 'c1');
  const b = new BoardDoc(new Y.Doc(), { now: clock().now });
  sync(a, b);
  return { a, b };
}

/** Asserts `fn` throws and the doc did not change at all. */
function expectNoWrite(b: BoardDoc, fn: () => unknown, error: unknown = ZodError): void {
  const before = Y.encodeStateVector(b.doc);
  let updates = 0;
  const count = () => updates++;
  b.doc.on('update', count);
  expect(fn).toThrow(error as never);
  b.doc.off('update', count);
  expect(updates).toBe(0);
  expect(Y.encodeStateVector(b.doc)).toEqual(before);
}

/** Counts updates `fn` produces. */
function updatesOf(b: BoardDoc, fn: () => void): number {
  let n = 0;
  const count = () => n++;
  b.doc.on('update', count);
  fn();
  b.doc.off('update', count);
  return n;
}

const lc = (b: BoardDoc, id = 'c1') => b.card(id)!.lifecycle;

// =======================================================================================
// Shape and defaults
// =======================================================================================

describe('Card.lifecycle: shape and defaults', () => {
  it('a new card has the default lifecycle and its nested collections', () => {
    const { b, id } = withCard();
    expect(lc(b, id)).toEqual(LIFECYCLE_DEFAULTS);
    const m = b.cardsMap.get(id)!;
    for (const key of ['followUps', 'decisions', 'goals', 'relatives', 'requests']) {
      expect(m.get(key)).toBeInstanceOf(Y.Map);
    }
  });

  it('every card read validates with CardSnapshotSchema', () => {
    const { b, id } = withCard();
    b.setLifecycle(id, { startDate: '2026-03-26', weeklyHours: 4.5 }, me);
    b.addGoal(id, { kind: 'smart', text: 'Kan selv gå i bad inden uge 8' }, me);
    expect(CardSnapshotSchema.safeParse(b.card(id)).success).toBe(true);
  });

  it('label tables cover every enum value in Danish and English', () => {
    const tables: [readonly string[], Record<string, { da: string; en: string }>][] = [
      [DecisionCodeSchema.options, DECISION_CODE_LABELS],
      [GoalKindSchema.options, GOAL_KIND_LABELS],
      [GoalStatusSchema.options, GOAL_STATUS_LABELS],
      [ContactChannelSchema.options, CONTACT_CHANNEL_LABELS],
      [ClosureOutcomeSchema.options, CLOSURE_OUTCOME_LABELS],
      [RequestKindSchema.options, REQUEST_KIND_LABELS],
      [RequestStatusSchema.options, REQUEST_STATUS_LABELS],
      [OPSTART_PARTICIPANTS, OPSTART_PARTICIPANT_LABELS],
    ];
    for (const [options, labels] of tables) {
      expect(Object.keys(labels).sort()).toEqual([...options].sort());
      for (const o of options) {
        expect(labels[o]!.da.length).toBeGreaterThan(0);
        expect(labels[o]!.en.length).toBeGreaterThan(0);
      }
    }
    expect(DECISION_CODE_LABELS.E1.da).toBe('Fortsættes');
    expect(DECISION_CODE_LABELS.E4.da).toBe('Revisitation');
    expect(GOAL_KIND_LABELS.citizen.prompt).toContain('Hvad er vigtigt for dig?');
  });

  it('[R9] opstart guidance cites the seeds and suggests known participants only', () => {
    expect(OPSTART_PARTICIPANT_GUIDANCE.length).toBeGreaterThanOrEqual(6);
    const sources = OPSTART_PARTICIPANT_GUIDANCE.map((g) => g.source).join(' ');
    for (const cite of ['S2:49', 'S2:1415-1418', 'S2:2807-2815', 'S2:1585-1588']) expect(sources).toContain(cite);
    for (const g of OPSTART_PARTICIPANT_GUIDANCE) {
      expect(g.text.length).toBeGreaterThan(20);
      for (const p of g.suggests) expect(OPSTART_PARTICIPANTS).toContain(p);
    }
    expect(new Set(OPSTART_PARTICIPANT_GUIDANCE.map((g) => g.id)).size).toBe(OPSTART_PARTICIPANT_GUIDANCE.length);
  });
});

// =======================================================================================
// setLifecycle and the board default template
// =======================================================================================

describe('BoardDoc.setLifecycle', () => {
  it('sets the scalar fields, each its own key', () => {
    const { b, id } = withCard();
    b.setLifecycle(
      id,
      {
        visitationDate: '2026-03-24',
        startDate: '2026-03-26',
        cadenceTemplateId: 'sonderborg-firklover',
        forlobTypeId: 'sel-83',
        forlobType: 'Personlig pleje',
        legalBasis: 'SEL §83',
        weeklyHours: 3.5,
        secondaryContact: ' Lars (SSA) ',
        temporaryChange: { text: 'Øjendryp i 3 uger', endDate: '2026-05-11' },
      },
      me,
    );
    expect(b.card(id)).toMatchObject({
      forlobType: 'Personlig pleje',
      lifecycle: {
        visitationDate: '2026-03-24',
        startDate: '2026-03-26',
        cadenceTemplateId: 'sonderborg-firklover',
        forlobTypeId: 'sel-83',
        legalBasis: 'SEL §83',
        weeklyHours: 3.5,
        secondaryContact: 'Lars (SSA)',
        temporaryChange: { text: 'Øjendryp i 3 uger', endDate: '2026-05-11' },
      },
    });
    const m = b.cardsMap.get(id)!;
    expect(m.get('weeklyHours')).toBe(3.5);
    expect(m.get('startDate')).toBe('2026-03-26');
  });

  it('clears fields with null and leaves unmentioned fields alone', () => {
    const { b, id } = withCard();
    b.setLifecycle(
      id,
      { startDate: '2026-03-26', weeklyHours: 5, temporaryChange: { text: 'UVI', endDate: '2026-04-30' } },
      me,
    );
    b.setLifecycle(id, { weeklyHours: null, temporaryChange: null }, me);
    expect(lc(b, id)).toMatchObject({ startDate: '2026-03-26', weeklyHours: null, temporaryChange: null });
  });

  it.each([
    ['a negative weekly time', { startDate: '2026-03-26', weeklyHours: -1 }],
    ['more hours than a week has', { weeklyHours: 169 }],
    ['NaN hours', { weeklyHours: Number.NaN }],
    ['an impossible date', { startDate: '2026-02-30' }],
    ['a bad template id', { cadenceTemplateId: 'Hørsholm' }],
    ['a CPR number as secondary contact', { secondaryContact: '010190-1234' }],
    ['a temporary change without text', { temporaryChange: { text: ' ', endDate: '2026-05-01' } }],
    ['a forløb name over 60 characters', { forlobType: 'x'.repeat(61) }],
  ])('rejects %s and writes nothing', (_name, patch) => {
    const { b, id } = withCard();
    expectNoWrite(b, () => b.setLifecycle(id, patch as never, me));
    expect(lc(b, id)).toEqual(LIFECYCLE_DEFAULTS);
  });

  it('throws card_not_found for an unknown card', () => {
    const b = board();
    expectNoWrite(b, () => b.setLifecycle('nope', { weeklyHours: 1 }, me), DomainError);
  });

  it('writes nothing when the values are unchanged', () => {
    const { b, id } = withCard();
    b.setLifecycle(id, { weeklyHours: 2, temporaryChange: { text: 'UVI', endDate: '2026-04-30' } }, me);
    expect(
      updatesOf(b, () =>
        b.setLifecycle(id, { weeklyHours: 2, temporaryChange: { text: 'UVI', endDate: '2026-04-30' } }, me),
      ),
    ).toBe(0);
  });

  it('two people setting different fields of one card both keep their edit', () => {
    const { a, b } = twoPeers();
    a.setLifecycle('c1', { weeklyHours: 7 }, me);
    b.setLifecycle('c1', { startDate: '2026-04-01' }, localOrigin('u-lars'));
    sync(a, b);
    expect(lc(a)).toMatchObject({ weeklyHours: 7, startDate: '2026-04-01' });
    expect(lc(b)).toEqual(lc(a));
  });

  it('is tracked by the per-user undo manager', () => {
    const { b, id } = withCard();
    const undo = b.createUndoManager(me);
    b.setLifecycle(id, { weeklyHours: 7 }, me);
    undo.undo();
    expect(lc(b, id).weeklyHours).toBeNull();
  });
});

describe('BoardDoc.boardCadenceTemplateId / setBoardCadenceTemplateId', () => {
  it("defaults to 'horsholm-83a', can be set, and ignores garbage in meta", () => {
    const b = board();
    expect(b.boardCadenceTemplateId()).toBe(DEFAULT_BOARD_CADENCE_TEMPLATE_ID);
    expect(DEFAULT_BOARD_CADENCE_TEMPLATE_ID).toBe('horsholm-83a');
    b.setBoardCadenceTemplateId('kvartalsvis', me);
    expect(b.boardCadenceTemplateId()).toBe('kvartalsvis');
    expect(b.meta()).toMatchObject({ id: 'board-1' }); // meta() still parses
    expect(updatesOf(b, () => b.setBoardCadenceTemplateId('kvartalsvis', me))).toBe(0);
    b.metaMap.set('cadenceTemplateId', 42);
    expect(b.boardCadenceTemplateId()).toBe('horsholm-83a');
  });

  it('rejects an invalid id and writes nothing', () => {
    const b = board();
    expectNoWrite(b, () => b.setBoardCadenceTemplateId('Ikke gyldig', me));
  });
});

// =======================================================================================
// Opstart
// =======================================================================================

describe('BoardDoc.planOpstart / markOpstartHeld', () => {
  it('plans the meeting with a participant set in canonical order', () => {
    const { b, id } = withCard();
    b.planOpstart(
      id,
      { plannedDate: '2026-04-02', participants: ['visitator', 'ssh', 'ssh', 'paarorende'], note: 'Datter deltager' },
      me,
    );
    expect(lc(b, id).opstart).toEqual({
      plannedDate: '2026-04-02',
      participants: ['ssh', 'visitator', 'paarorende'],
      heldOn: null,
      note: 'Datter deltager',
    });
    b.markOpstartHeld(id, '2026-04-03', me);
    expect(lc(b, id).opstart).toMatchObject({ plannedDate: '2026-04-02', heldOn: '2026-04-03' });
    b.markOpstartHeld(id, null, me);
    expect(lc(b, id).opstart.heldOn).toBeNull();
  });

  it('rejects unknown participants, bad dates and CPR numbers, writing nothing', () => {
    const { b, id } = withCard();
    expectNoWrite(b, () => b.planOpstart(id, { plannedDate: '2026-04-02', participants: ['laege' as never] }, me));
    expectNoWrite(b, () => b.planOpstart(id, { plannedDate: '2026-13-01' }, me));
    expectNoWrite(b, () => b.planOpstart(id, { plannedDate: null, note: 'cpr 0101901234' }, me));
    expectNoWrite(b, () => b.markOpstartHeld(id, '3. april', me));
    expect(lc(b, id).opstart).toEqual(LIFECYCLE_DEFAULTS.opstart);
  });

  it('planning and marking held at the same time on two devices both survive', () => {
    const { a, b } = twoPeers();
    a.planOpstart('c1', { plannedDate: '2026-04-02', participants: ['terapeut'] }, me);
    b.markOpstartHeld('c1', '2026-04-01', localOrigin('u-lars'));
    sync(a, b);
    expect(lc(a).opstart).toEqual({
      plannedDate: '2026-04-02',
      participants: ['terapeut'],
      heldOn: '2026-04-01',
      note: '',
    });
    expect(lc(b).opstart).toEqual(lc(a).opstart);
  });
});

// =======================================================================================
// Follow-ups and decisions
// =======================================================================================

describe('BoardDoc.completeFollowUp / recordDecision', () => {
  it('records the completion and a decision linked to it', () => {
    const c = clock('2026-04-03T09:00:00Z');
    const b = board({ now: c.now });
    const id = b.createCard({ name: 'Bo', phaseId: 'uge2' }, me, 'c1');
    const decisionId = b.completeFollowUp(
      id,
      'week-2',
      { date: '2026-04-03', by: 'u-mette', byName: 'Mette', decision: { code: 'E2', reason: 'Bad 1 gang om ugen' } },
      me,
    );
    expect(decisionId).toMatch(/^d[0-9a-f]{16}$/);
    const l = lc(b, id);
    expect(l.followUps).toEqual({ 'week-2': { date: '2026-04-03', by: 'u-mette', byName: 'Mette', decisionId } });
    expect(l.decisions).toEqual([
      {
        id: decisionId,
        code: 'E2',
        reason: 'Bad 1 gang om ugen',
        by: 'u-mette',
        byName: 'Mette',
        at: '2026-04-03T09:00:00.000Z',
        followUpId: 'week-2',
      },
    ]);
    // the stored value is compatible with the cadence rule's schema
    const raw = (b.cardsMap.get(id)!.get('followUps') as Y.Map<unknown>).get('week-2');
    expect(FollowUpCompletionSchema.parse(raw)).toEqual({ date: '2026-04-03', by: 'u-mette' });
  });

  it('without a decision records only the completion', () => {
    const { b, id } = withCard();
    expect(b.completeFollowUp(id, 'days-14', { date: '2026-04-09', by: 'u-mette' }, me)).toBeNull();
    expect(lc(b, id).followUps['days-14']).toEqual({ date: '2026-04-09', by: 'u-mette', byName: '' });
    expect(lc(b, id).decisions).toEqual([]);
  });

  it.each([
    ['a bad follow-up id', 'Uge 2', { date: '2026-04-03', by: 'u' }],
    ['a bad date', 'week-2', { date: '2026-04-31', by: 'u' }],
    ['no one', 'week-2', { date: '2026-04-03', by: ' ' }],
    ['an unknown decision code', 'week-2', { date: '2026-04-03', by: 'u', decision: { code: 'E5' } }],
    [
      'a CPR number in the reason',
      'week-2',
      { date: '2026-04-03', by: 'u', decision: { code: 'E1', reason: '010190-1234' } },
    ],
  ])('rejects %s and writes neither completion nor decision', (_n, fu, input) => {
    const { b, id } = withCard();
    expectNoWrite(b, () => b.completeFollowUp(id, fu, input as never, me));
    expect(lc(b, id)).toEqual(LIFECYCLE_DEFAULTS);
  });

  it('uncompleteFollowUp removes the completion and keeps the decision as history', () => {
    const { b, id } = withCard();
    b.completeFollowUp(id, 'week-2', { date: '2026-04-03', by: 'u', decision: { code: 'E1' } }, me);
    b.uncompleteFollowUp(id, 'week-2', me);
    expect(lc(b, id).followUps).toEqual({});
    expect(lc(b, id).decisions).toHaveLength(1);
    expect(updatesOf(b, () => b.uncompleteFollowUp(id, 'week-2', me))).toBe(0);
  });

  it('recordDecision defaults id and time, and decisions read sorted by time', () => {
    const c = clock('2026-04-20T08:00:00Z');
    const b = board({ now: c.now });
    const id = b.createCard({ name: 'Bo', phaseId: 'uge5' }, me, 'c1');
    const late = b.recordDecision(id, { code: 'E3', by: 'u-ane', byName: 'Ane', reason: 'Selvhjulpen' }, me);
    const early = b.recordDecision(
      id,
      { id: 'd-early', code: 'E1', by: 'u-ane', byName: 'Ane', at: '2026-04-01T10:00:00+02:00' },
      me,
    );
    expect(early).toBe('d-early');
    expect(lc(b, id).decisions.map((d) => d.id)).toEqual(['d-early', late]);
    expect(lc(b, id).decisions[1]).toMatchObject({ at: '2026-04-20T08:00:00.000Z', followUpId: null, code: 'E3' });
    expectNoWrite(b, () => b.recordDecision(id, { id: 'd-early', code: 'E1', by: 'u' }, me), DomainError);
    expectNoWrite(b, () => b.recordDecision(id, { code: 'E1', by: 'u', at: 'i går' }, me));
  });

  it('two people completing different follow-ups (and deciding) at once both survive', () => {
    const { a, b } = twoPeers();
    a.completeFollowUp('c1', 'week-2', { date: '2026-04-03', by: 'u-a', decision: { code: 'E1' } }, me);
    b.completeFollowUp('c1', 'week-5', { date: '2026-04-24', by: 'u-b', decision: { code: 'E2' } }, localOrigin('u-b'));
    sync(a, b);
    expect(Object.keys(lc(a).followUps).sort()).toEqual(['week-2', 'week-5']);
    expect(
      lc(a)
        .decisions.map((d) => d.code)
        .sort(),
    ).toEqual(['E1', 'E2']);
    expect(lc(b)).toEqual(lc(a));
  });
});

// =======================================================================================
// Goals, relatives, requests
// =======================================================================================

describe('BoardDoc goals', () => {
  it('adds, updates and removes goals; reads them in creation order', () => {
    const c = clock('2026-04-20T08:00:00Z');
    const b = board({ now: c.now });
    const id = b.createCard({ name: 'Bo', phaseId: 'opstart' }, me, 'c1');
    const g1 = b.addGoal(id, { kind: 'citizen', text: 'At kunne gå til Netto igen' }, me);
    c.set('2026-04-20T09:00:00Z');
    const g2 = b.addGoal(id, { kind: 'smart', text: 'Går 500 m med rollator inden uge 8', status: 'aktiv' }, me);
    expect(lc(b, id).goals.map((g) => g.id)).toEqual([g1, g2]);
    expect(lc(b, id).goals[0]).toEqual({
      id: g1,
      kind: 'citizen',
      text: 'At kunne gå til Netto igen',
      status: 'aktiv',
      createdAt: '2026-04-20T08:00:00.000Z',
      updatedAt: '2026-04-20T08:00:00.000Z',
    });
    c.set('2026-05-01T08:00:00Z');
    b.updateGoal(id, g1, { status: 'opnaaet' }, me);
    expect(lc(b, id).goals[0]).toMatchObject({ status: 'opnaaet', updatedAt: '2026-05-01T08:00:00.000Z' });
    expect(updatesOf(b, () => b.updateGoal(id, g1, { status: 'opnaaet' }, me))).toBe(0);
    b.removeGoal(id, g1, me);
    expect(lc(b, id).goals.map((g) => g.id)).toEqual([g2]);
  });

  it('rejects invalid goals and unknown ids, writing nothing', () => {
    const { b, id } = withCard();
    const g = b.addGoal(id, { id: 'g1', kind: 'citizen', text: 'Bage' }, me);
    expectNoWrite(b, () => b.addGoal(id, { kind: 'citizen', text: '   ' }, me));
    expectNoWrite(b, () => b.addGoal(id, { kind: 'drøm' as never, text: 'x' }, me));
    expectNoWrite(b, () => b.addGoal(id, { kind: 'smart', text: 'cpr 0101901234' }, me));
    expectNoWrite(b, () => b.addGoal(id, { id: 'g1', kind: 'smart', text: 'dublet' }, me), DomainError);
    expectNoWrite(b, () => b.updateGoal(id, g, { status: 'glemt' as never }, me));
    expectNoWrite(b, () => b.updateGoal(id, 'nope', { status: 'opnaaet' }, me), DomainError);
    expectNoWrite(b, () => b.removeGoal(id, 'nope', me), DomainError);
    expect(() => b.removeGoal(id, 'nope', me)).toThrow(expect.objectContaining({ code: 'item_not_found' }));
  });

  it('two people adding goals at once both keep their goal', () => {
    const { a, b } = twoPeers();
    a.addGoal('c1', { kind: 'citizen', text: 'Se barnebarnet spille fodbold' }, me);
    b.addGoal('c1', { kind: 'smart', text: 'Selv i bad inden uge 8' }, localOrigin('u-b'));
    sync(a, b);
    expect(
      lc(a)
        .goals.map((g) => g.text)
        .sort(),
    ).toEqual(['Se barnebarnet spille fodbold', 'Selv i bad inden uge 8']);
    expect(lc(b)).toEqual(lc(a));
  });
});

describe('BoardDoc relatives', () => {
  it('adds with defaults, replaces by id, sorts by name and removes', () => {
    const { b, id } = withCard();
    const r1 = b.upsertRelative(id, { name: 'Søren', relation: 'søn', phone: '12 34 56 78' }, me);
    const r2 = b.upsertRelative(
      id,
      { name: 'Anne', relation: 'datter', consent: true, channel: 'email', goodNews: true },
      me,
    );
    expect(lc(b, id).relatives.map((r) => r.name)).toEqual(['Anne', 'Søren']);
    expect(lc(b, id).relatives[1]).toEqual({
      id: r1,
      name: 'Søren',
      relation: 'søn',
      phone: '12 34 56 78',
      consent: false,
      channel: 'sms',
      goodNews: false,
    });
    b.upsertRelative(id, { id: r1, name: 'Søren', consent: true }, me);
    expect(lc(b, id).relatives.find((r) => r.id === r1)).toMatchObject({ consent: true, relation: '' });
    expect(updatesOf(b, () => b.upsertRelative(id, { id: r1, name: 'Søren', consent: true }, me))).toBe(0);
    b.removeRelative(id, r2, me);
    expect(lc(b, id).relatives.map((r) => r.id)).toEqual([r1]);
  });

  it('rejects a CPR number, an empty name and an unknown channel, writing nothing', () => {
    const { b, id } = withCard();
    expectNoWrite(b, () => b.upsertRelative(id, { name: 'Anne 010190-1234' }, me));
    expectNoWrite(b, () => b.upsertRelative(id, { name: '' }, me));
    expectNoWrite(b, () => b.upsertRelative(id, { name: 'Anne', channel: 'brevdue' as never }, me));
    expectNoWrite(b, () => b.removeRelative(id, 'nope', me), DomainError);
  });

  it('two people adding relatives at once both keep theirs', () => {
    const { a, b } = twoPeers();
    a.upsertRelative('c1', { name: 'Anne' }, me);
    b.upsertRelative('c1', { name: 'Søren' }, localOrigin('u-b'));
    sync(a, b);
    expect(lc(a).relatives.map((r) => r.name)).toEqual(['Anne', 'Søren']);
  });
});

describe('BoardDoc requests to the visitator (R15)', () => {
  it('adds a pending request and the visitator decides it', () => {
    const c = clock('2026-04-20T08:00:00Z');
    const b = board({ now: c.now });
    const id = b.createCard({ name: 'Bo', phaseId: 'uge5' }, me, 'c1');
    const r = b.addRequest(
      id,
      { kind: 'mere-tid', reason: 'Faldet, brug for hjælp til bad', by: 'u-mette', byName: 'Mette' },
      me,
    );
    expect(lc(b, id).requests).toEqual([
      {
        id: r,
        kind: 'mere-tid',
        reason: 'Faldet, brug for hjælp til bad',
        by: 'u-mette',
        byName: 'Mette',
        at: '2026-04-20T08:00:00.000Z',
        status: 'afventer',
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        decisionNote: '',
      },
    ]);
    c.set('2026-04-21T08:00:00Z');
    b.decideRequest(
      id,
      r,
      { status: 'godkendt', decidedBy: 'u-vera', decidedByName: 'Vera', note: '15 min ekstra' },
      me,
    );
    expect(lc(b, id).requests[0]).toMatchObject({
      status: 'godkendt',
      decidedBy: 'u-vera',
      decidedByName: 'Vera',
      decidedAt: '2026-04-21T08:00:00.000Z',
      decisionNote: '15 min ekstra',
    });
  });

  it.each([
    ['two lines', { kind: 'afslut', reason: 'linje 1\nlinje 2', by: 'u' }],
    ['over 200 characters', { kind: 'afslut', reason: 'x'.repeat(201), by: 'u' }],
    ['no reason', { kind: 'afslut', reason: ' ', by: 'u' }],
    ['an unknown kind', { kind: 'ferie', reason: 'x', by: 'u' }],
    ['a CPR number', { kind: 'hjaelpemiddel', reason: 'rollator til 0101901234', by: 'u' }],
  ])('rejects a request with %s, writing nothing', (_n, input) => {
    const { b, id } = withCard();
    expectNoWrite(b, () => b.addRequest(id, input as never, me));
  });

  it('rejects deciding an unknown request or with a bad status', () => {
    const { b, id } = withCard();
    const r = b.addRequest(id, { kind: 'afslut', reason: 'Selvhjulpen', by: 'u' }, me);
    expectNoWrite(b, () => b.decideRequest(id, 'nope', { status: 'afvist', decidedBy: 'v' }, me), DomainError);
    expectNoWrite(b, () => b.decideRequest(id, r, { status: 'afventer' as never, decidedBy: 'v' }, me));
  });

  it('two people adding requests at once both keep theirs', () => {
    const { a, b } = twoPeers();
    a.addRequest('c1', { kind: 'mere-tid', reason: 'a', by: 'u-a' }, me);
    b.addRequest('c1', { kind: 'hjaelpemiddel', reason: 'b', by: 'u-b' }, localOrigin('u-b'));
    sync(a, b);
    expect(
      lc(a)
        .requests.map((r) => r.kind)
        .sort(),
    ).toEqual(['hjaelpemiddel', 'mere-tid']);
    expect(lc(b)).toEqual(lc(a));
  });
});

// =======================================================================================
// Closure
// =======================================================================================

describe('BoardDoc.closeForlob / reopenForlob', () => {
  const closure = {
    outcome: 'varig-hjaelp' as const,
    closedOn: '2026-04-20',
    by: 'u-vera',
    byName: 'Vera',
    visitatorParticipated: true,
    note: 'Overgår til forløb 2',
  };

  it('records the closure and moves the card to the end of the closed column', () => {
    const c = clock('2026-04-20T08:00:00Z');
    const b = board({ now: c.now });
    b.createCard({ name: 'A', phaseId: 'afsluttet' }, me, 'a');
    b.createCard({ name: 'Bo', phaseId: 'uge5' }, me, 'c1');
    c.set('2026-04-22T08:00:00Z');
    b.closeForlob('c1', closure, me);
    const card = b.card('c1')!;
    expect(card.lifecycle.closure).toEqual(closure);
    expect(card.position.phaseId).toBe('afsluttet');
    expect(card.phaseEnteredAt).toBe('2026-04-22');
    expect(b.column('afsluttet').map((x) => x.id)).toEqual(['a', 'c1']);
  });

  it('is one transaction (one undo step) and fills defaults', () => {
    const { b, id } = withCard('uge8');
    const undo = b.createUndoManager(me);
    expect(updatesOf(b, () => b.closeForlob(id, { outcome: 'afsluttet', closedOn: '2026-04-20', by: 'u' }, me))).toBe(
      1,
    );
    expect(lc(b, id).closure).toEqual({
      outcome: 'afsluttet',
      closedOn: '2026-04-20',
      by: 'u',
      byName: '',
      visitatorParticipated: false,
      note: '',
    });
    undo.undo();
    expect(b.card(id)).toMatchObject({ position: { phaseId: 'uge8' }, lifecycle: { closure: null } });
  });

  it('closedOnDates: the closure date of each closed card as card() reads it, garbage skipped', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'uge5' }, me, 'c1');
    b.createCard({ name: 'Åse', phaseId: 'uge5' }, me, 'c2');
    b.createCard({ name: 'Raw', phaseId: 'uge5' }, me, 'c3');
    b.closeForlob('c1', closure, me);
    // A raw client's garbage where the closure belongs reads as no closure, in both reads.
    b.doc.transact(() => b.cardsMap.get('c3')!.set('closure', { closedOn: 'i går' }));
    expect([...b.closedOnDates()]).toEqual([['c1', '2026-04-20']]);
    expect(b.card('c3')!.lifecycle.closure).toBeNull();
    b.reopenForlob('c1', me);
    expect(b.closedOnDates().size).toBe(0);
  });

  it('leaves a card that already sits in the closed column where it is', () => {
    const b = board();
    b.createCard({ name: 'Bo', phaseId: 'afsluttet' }, me, 'c1');
    b.createCard({ name: 'A', phaseId: 'afsluttet' }, me, 'a');
    b.closeForlob('c1', closure, me);
    expect(b.column('afsluttet').map((x) => x.id)).toEqual(['c1', 'a']);
  });

  it('rejects an invalid closure, and a board without a closed column, writing nothing', () => {
    const { b, id } = withCard();
    expectNoWrite(b, () => b.closeForlob(id, { ...closure, outcome: 'død' as never }, me));
    expectNoWrite(b, () => b.closeForlob(id, { ...closure, closedOn: '20-04-2026' }, me));
    expectNoWrite(b, () => b.closeForlob(id, { ...closure, note: '010190-1234' }, me));
    expectNoWrite(b, () => b.closeForlob('nope', closure, me), DomainError);
    const open = board({ init: { ...INIT, phases: DEFAULT_PHASES.filter((p) => p.kind !== 'closed') } });
    open.createCard({ name: 'Bo', phaseId: 'opstart' }, me, 'c1');
    expectNoWrite(open, () => open.closeForlob('c1', closure, me), DomainError);
  });

  it('reopens: clears the closure and moves the card back to the referred column (or a chosen one)', () => {
    const { b, id } = withCard('uge5');
    b.closeForlob(id, closure, me);
    b.reopenForlob(id, me);
    expect(b.card(id)).toMatchObject({ position: { phaseId: 'henvist' }, lifecycle: { closure: null } });
    b.closeForlob(id, closure, me);
    b.reopenForlob(id, me, { phaseId: 'uge8' });
    expect(b.card(id)!.position.phaseId).toBe('uge8');
    expectNoWrite(b, () => b.reopenForlob(id, me, { phaseId: 'nope' }), DomainError);
  });

  it('reopening a card that is not in a closed column only clears the closure', () => {
    const { b, id } = withCard('uge5');
    b.closeForlob(id, closure, me);
    b.moveCard(id, 'uge8', 0, me);
    b.reopenForlob(id, me);
    expect(b.card(id)).toMatchObject({ position: { phaseId: 'uge8' }, lifecycle: { closure: null } });
  });
});

// =======================================================================================
// Robustness: legacy cards, garbage, cache
// =======================================================================================

describe('Lifecycle reads survive garbage from a raw client [R36]', () => {
  function rawCard(write: (m: Y.Map<unknown>) => void): BoardDoc {
    const b = board();
    b.doc.transact(() => {
      const m = new Y.Map<unknown>();
      m.set('name', 'Bo');
      m.set('position', { phaseId: 'opstart', key: 'a0' });
      b.cardsMap.set('c1', m);
      write(m);
    });
    return b;
  }

  it('falls back field by field for wrong types', () => {
    const b = rawCard((m) => {
      m.set('visitationDate', '2026-02-30');
      m.set('startDate', 20260326);
      m.set('cadenceTemplateId', 'Ikke gyldig');
      m.set('forlobTypeId', '');
      m.set('legalBasis', { x: 1 });
      m.set('weeklyHours', -4);
      m.set('secondaryContact', '0101901234');
      m.set('temporaryChange', { text: 'x' });
      m.set('opstartPlannedDate', 'snart');
      m.set('opstartParticipants', ['ssh', 'laege']);
      m.set('opstartHeldOn', true);
      m.set('opstartNote', 7);
      m.set('closure', { outcome: 'afsluttet' });
      m.set('followUps', 'garbage');
      m.set('goals', [1, 2]);
      m.set('decisions', null);
    });
    const card = b.card('c1')!;
    expect(card.name).toBe('Bo');
    expect(card.lifecycle).toEqual(LIFECYCLE_DEFAULTS);
  });

  it('skips collection items it cannot read and keeps secondary fields safe', () => {
    const b = rawCard((m) => {
      const followUps = new Y.Map<unknown>();
      followUps.set('week-2', { date: '2026-04-03', by: 'u' }); // older writer: no byName
      followUps.set('week-5', { date: 'i går', by: 'u' });
      followUps.set('UGE 8', { date: '2026-05-14', by: 'u' });
      followUps.set('week-8', { date: '2026-05-14', by: 'u', byName: 42, decisionId: '!!' });
      m.set('followUps', followUps);
      const goals = new Y.Map<unknown>();
      goals.set('g1', { id: 'g1', kind: 'smart', text: 'Gå', status: 'forsvundet', createdAt: 'x', updatedAt: 'y' });
      goals.set('g2', { id: 'other', kind: 'smart', text: 'Gå', status: 'aktiv', createdAt: '', updatedAt: '' });
      goals.set('g3', { id: 'g3', kind: 'smart', text: 'cpr 010190-1234', status: 'aktiv' });
      goals.set('g4', 'text');
      m.set('goals', goals);
      const requests = new Y.Map<unknown>();
      requests.set('a1', { id: 'a1', kind: 'afslut', reason: 'ok', by: 'u', at: '2026-04-20T08:00:00.000Z' });
      m.set('requests', requests);
      const relatives = new Y.Map<unknown>();
      relatives.set('r1', { id: 'r1', name: 'Anne', channel: 'fax' });
      m.set('relatives', relatives);
      const decisions = new Y.Map<unknown>();
      decisions.set('d1', { id: 'd1', code: 'E1', by: 'u', at: '2026-04-20T08:00:00.000Z', followUpId: 'X' });
      m.set('decisions', decisions);
      m.set('closure', { outcome: 'afsluttet', closedOn: '2026-04-20', by: 'u', byName: 5, note: '0101901234' });
    });
    const l = b.card('c1')!.lifecycle;
    expect(l.followUps).toEqual({
      'week-2': { date: '2026-04-03', by: 'u', byName: '' },
      'week-8': { date: '2026-05-14', by: 'u', byName: '' },
    });
    expect(l.goals).toEqual([{ id: 'g1', kind: 'smart', text: 'Gå', status: 'aktiv', createdAt: '', updatedAt: '' }]);
    expect(l.requests[0]).toMatchObject({
      id: 'a1',
      status: 'afventer',
      byName: '',
      decidedBy: null,
      decisionNote: '',
    });
    expect(l.relatives).toEqual([
      { id: 'r1', name: 'Anne', relation: '', phone: '', consent: false, channel: 'sms', goodNews: false },
    ]);
    expect(l.decisions).toEqual([
      { id: 'd1', code: 'E1', reason: '', by: 'u', byName: '', at: '2026-04-20T08:00:00.000Z', followUpId: null },
    ]);
    // a closed card never reads as open because of a bad secondary field
    expect(l.closure).toEqual({
      outcome: 'afsluttet',
      closedOn: '2026-04-20',
      by: 'u',
      byName: '',
      visitatorParticipated: false,
      note: '',
    });
  });

  it('writes replace a collection a raw client overwrote with garbage', () => {
    const b = rawCard((m) => m.set('goals', { g1: 'x' }));
    b.addGoal('c1', { kind: 'citizen', text: 'Bage' }, me);
    expect(lc(b).goals.map((g) => g.text)).toEqual(['Bage']);
  });

  it('a card written before the lifecycle (no nested maps) gets them lazily or by ensureLifecycleMaps', () => {
    const b = rawCard(() => {});
    b.createCard({ name: 'Ny', phaseId: 'henvist' }, me, 'c2');
    expect(lc(b)).toEqual(LIFECYCLE_DEFAULTS);
    expect(b.ensureLifecycleMaps()).toBe(1);
    expect(b.cardsMap.get('c1')!.get('goals')).toBeInstanceOf(Y.Map);
    expect(b.ensureLifecycleMaps()).toBe(0);
    const lazy = rawCard(() => {});
    lazy.completeFollowUp('c1', 'week-2', { date: '2026-04-03', by: 'u' }, me);
    expect(Object.keys(lc(lazy).followUps)).toEqual(['week-2']);
  });
});

describe('Lifecycle reads and the per-card cache', () => {
  it('sees a remote change inside a nested collection', () => {
    const { a, b } = twoPeers();
    expect(lc(b).goals).toEqual([]);
    a.addGoal('c1', { kind: 'citizen', text: 'Bage' }, me);
    sync(a, b);
    expect(lc(b).goals.map((g) => g.text)).toEqual(['Bage']);
    const goalId = lc(b).goals[0]!.id;
    a.updateGoal('c1', goalId, { status: 'delvist' }, me);
    sync(a, b);
    expect(lc(b).goals[0]!.status).toBe('delvist');
    a.removeGoal('c1', goalId, me);
    sync(a, b);
    expect(lc(b).goals).toEqual([]);
  });

  it('reads inside one transaction see nested writes made earlier in it', () => {
    const { b, id } = withCard();
    expect(lc(b, id).requests).toEqual([]);
    b.doc.transact(() => {
      b.addRequest(id, { kind: 'afslut', reason: 'ok', by: 'u' }, me);
      expect(lc(b, id).requests).toHaveLength(1);
    }, me);
  });

  it('the lifecycle is frozen: mutating it throws and never changes the next read', () => {
    const { b, id } = withCard();
    b.addGoal(id, { kind: 'citizen', text: 'Bage' }, me);
    const l = b.card(id)!.lifecycle as unknown as { goals: { text: string }[]; weeklyHours: number | null };
    expect(() => {
      l.weeklyHours = 40;
    }).toThrow(TypeError);
    expect(() => {
      l.goals[0]!.text = 'x';
    }).toThrow(TypeError);
    expect(() => l.goals.push({ text: 'y' })).toThrow(TypeError);
    expect(lc(b, id).goals.map((g) => g.text)).toEqual(['Bage']);
    expect(Object.isFrozen(LIFECYCLE_DEFAULTS.opstart.participants)).toBe(true);
  });

  it('reuses the parsed lifecycle while nothing changed', () => {
    const { b, id } = withCard();
    b.addGoal(id, { kind: 'citizen', text: 'Bage' }, me);
    expect(b.card(id)!.lifecycle).toBe(b.card(id)!.lifecycle);
    const before = b.card(id)!.lifecycle;
    b.updateCard(id, { note: 'x' }, me);
    expect(b.card(id)!.lifecycle).toEqual(before);
  });
});

// =======================================================================================
// BoardDoc data through the pure rules (the rules alone: lifecycleRules.test.ts)
// =======================================================================================

describe('completed follow-ups through BoardDoc and the cadence rules', () => {
  it('shows completed with who, and keeps it when the start date moves', () => {
    const { b, id } = withCard('uge2');
    b.setLifecycle(id, { startDate: '2026-03-26' }, me);
    b.completeFollowUp(
      id,
      'week-2',
      { date: '2026-04-03', by: 'u-mette', byName: 'Mette', decision: { code: 'E1' } },
      me,
    );
    const before = followUpsForCard(b.card(id)!, '2026-04-20');
    expect(before[0]).toMatchObject({
      id: 'week-2',
      status: 'completed',
      completedOn: '2026-04-03',
      completedBy: 'u-mette',
      completedByName: 'Mette',
      decision: { code: 'E1', followUpId: 'week-2' },
    });
    b.setLifecycle(id, { startDate: '2026-04-02' }, me);
    const after = followUpsForCard(b.card(id)!, '2026-04-20');
    expect(after.find((f) => f.id === 'week-2')).toMatchObject({
      status: 'completed',
      dueDate: '2026-04-09',
      completedOn: '2026-04-03',
      completedByName: 'Mette',
    });
    expect(after.find((f) => f.id === 'week-5')!.dueDate).toBe('2026-04-30');
  });

  it('uses the board default template when the card has none', () => {
    const { b, id } = withCard();
    b.setLifecycle(id, { startDate: '2026-03-26' }, me);
    b.setBoardCadenceTemplateId('sonderborg-firklover', me);
    const card: Card = b.card(id)!;
    const ids = followUpsForCard(card, '2026-04-20', { boardTemplateId: b.boardCadenceTemplateId() }).map((f) => f.id);
    expect(ids).toEqual(['days-14', 'months-3']);
    const custom = CustomCadenceTemplateSchema.parse({ id: 'egen', name: 'Egen', rules: [{ kind: 'week', week: 3 }] });
    b.setLifecycle(id, { cadenceTemplateId: 'egen' }, me);
    expect(followUpsForCard(b.card(id)!, '2026-04-20', { customTemplates: [custom] }).map((f) => f.id)).toEqual([
      'week-3',
    ]);
    expect(CADENCE_TEMPLATES.some((t) => t.id === 'egen')).toBe(false);
  });
});
