import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  CADENCE_TEMPLATES,
  DEFAULT_FORLOB_CATALOGUE,
  DEFAULT_PHASES,
  ForlobCatalogueSchema,
  LEGAL_BASES,
  LIFECYCLE_DEFAULTS,
  TEMPORARY_CHANGE_BUFFER_DAYS,
  cadenceTemplateForCard,
  catalogueSelection,
  computeFollowUps,
  findCadenceTemplate,
  findForlobType,
  followUpsForCard,
  forlobStartOf,
  forlobTypesFor,
  localOrigin,
  nextDueDateForCard,
  opstartStatusForCard,
  pendingRequests,
  protectedOperations,
  suggestedMoveForCard,
  suggestedPhaseForFollowUp,
  temporaryChangeState,
  type Card,
  type CardLifecycle,
  type FollowUp,
} from '../../shared/index.js';

const phases = [...DEFAULT_PHASES];
const me = localOrigin('u-mette');

type LifecycleOverrides = { -readonly [K in keyof CardLifecycle]?: CardLifecycle[K] };

function card(phaseId = 'uge2', lifecycle: LifecycleOverrides = {}): Card {
  return {
    id: 'c1',
    name: 'Bo',
    initials: 'B',
    triage: 'green',
    forlobType: '',
    contactPerson: '',
    nextDueDate: null,
    note: '',
    position: { phaseId, key: 'a0' },
    phaseEnteredAt: '2026-03-26',
    createdAt: '2026-03-26T08:00:00.000Z',
    lifecycle: { ...LIFECYCLE_DEFAULTS, ...lifecycle },
  };
}

const START = '2026-03-26'; // the worked example in docs/domain.md

describe('followUpsForCard', () => {
  it('is empty without a start or visitation date, or with an unknown template', () => {
    expect(followUpsForCard(card(), '2026-04-20')).toEqual([]);
    expect(followUpsForCard(card('uge2', { startDate: START, cadenceTemplateId: 'slettet' }), '2026-04-20')).toEqual(
      [],
    );
  });

  it("uses the card's template, else the board's, else horsholm-83a", () => {
    const plain = card('uge2', { startDate: START });
    expect(cadenceTemplateForCard(plain)?.id).toBe('horsholm-83a');
    expect(cadenceTemplateForCard(plain, { boardTemplateId: 'kvartalsvis' })?.id).toBe('kvartalsvis');
    const own = card('uge2', { startDate: START, cadenceTemplateId: 'solrod-0-forlob' });
    expect(cadenceTemplateForCard(own, { boardTemplateId: 'kvartalsvis' })?.id).toBe('solrod-0-forlob');
    expect(followUpsForCard(plain, '2026-04-20').map((f) => f.id)).toEqual(['week-2', 'week-5', 'week-8', 'week-12']);
  });

  it('matches computeFollowUps for the worked example (statuses on 20 April 2026)', () => {
    const list = followUpsForCard(card('uge2', { startDate: START }), '2026-04-20');
    const direct = computeFollowUps({
      template: findCadenceTemplate('horsholm-83a')!,
      startDate: START,
      today: '2026-04-20',
    });
    expect(list).toEqual(direct);
    expect(list.map((f) => f.status)).toEqual(['overdue', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('counts from the visitation date when no start date is recorded', () => {
    const c = card('uge2', { visitationDate: START });
    expect(forlobStartOf(c)).toBe(START);
    expect(followUpsForCard(c, '2026-04-20')[0]!.dueDate).toBe('2026-04-02');
    expect(forlobStartOf(card('uge2', { visitationDate: '2026-03-20', startDate: START }))).toBe(START);
  });

  it('shows completions with who and the linked decision; lapses after closure', () => {
    const decision = {
      id: 'd1',
      code: 'E2' as const,
      reason: 'Mindre hjælp',
      by: 'u',
      byName: 'Ulla',
      at: '2026-04-03T08:00:00.000Z',
      followUpId: 'week-2',
    };
    const c = card('afsluttet', {
      startDate: START,
      followUps: { 'week-2': { date: '2026-04-03', by: 'u', byName: 'Ulla', decisionId: 'd1' } },
      decisions: [decision],
      closure: {
        outcome: 'reduceret',
        closedOn: '2026-04-25',
        by: 'u',
        byName: 'Ulla',
        visitatorParticipated: false,
        note: '',
      },
    });
    const list = followUpsForCard(c, '2026-05-01');
    expect(list[0]).toMatchObject({ status: 'completed', completedBy: 'u', completedByName: 'Ulla', decision });
    expect(list.slice(1).map((f) => f.status)).toEqual(['lapsed', 'lapsed', 'lapsed']);
    expect(list[1]!.completedByName).toBeUndefined();
  });

  it('passes custom templates and the horizon through', () => {
    const c = card('uge2', { startDate: START, cadenceTemplateId: 'kvartalsvis' });
    expect(followUpsForCard(c, '2026-04-20', { horizon: '2027-01-01' }).map((f) => f.id)).toEqual([
      'every3m-1',
      'every3m-2',
      'every3m-3',
    ]);
  });
});

describe('nextDueDateForCard', () => {
  it('is the earliest follow-up to act on (overdue first), null when closed or unknown', () => {
    expect(nextDueDateForCard(card('uge2', { startDate: START }), '2026-04-20')).toBe('2026-04-02');
    const done = card('uge2', {
      startDate: START,
      followUps: { 'week-2': { date: '2026-04-03', by: 'u', byName: '' } },
    });
    expect(nextDueDateForCard(done, '2026-04-20')).toBe('2026-04-23');
    expect(nextDueDateForCard(card(), '2026-04-20')).toBeNull();
    const closed = card('uge2', {
      startDate: START,
      closure: {
        outcome: 'afsluttet',
        closedOn: '2026-04-20',
        by: 'u',
        byName: '',
        visitatorParticipated: true,
        note: '',
      },
    });
    expect(nextDueDateForCard(closed, '2026-04-20')).toBeNull();
  });
});

describe('suggestedPhaseForFollowUp / suggestedMoveForCard', () => {
  const fu = (id: string, today: string, c = card('opstart', { startDate: START })): FollowUp =>
    followUpsForCard(c, today).find((f) => f.id === id)!;

  it('offers the "Opfølgning uge N" column for a due or overdue week-N follow-up', () => {
    expect(suggestedPhaseForFollowUp(phases, fu('week-5', '2026-04-24'))?.id).toBe('uge5'); // due
    expect(suggestedPhaseForFollowUp(phases, fu('week-2', '2026-04-20'))?.id).toBe('uge2'); // overdue
  });

  it('offers nothing for upcoming, completed or lapsed follow-ups, or without a matching column', () => {
    expect(suggestedPhaseForFollowUp(phases, fu('week-5', '2026-04-20'))).toBeNull();
    const done = card('opstart', {
      startDate: START,
      followUps: { 'week-5': { date: '2026-04-24', by: 'u', byName: '' } },
    });
    expect(suggestedPhaseForFollowUp(phases, fu('week-5', '2026-04-24', done))).toBeNull();
    const sonderborg = card('opstart', { startDate: START, cadenceTemplateId: 'sonderborg-firklover' });
    expect(suggestedPhaseForFollowUp(phases, fu('days-14', '2026-04-10', sonderborg))).toBeNull(); // week 3: no column
    const withUge3 = [
      ...phases,
      { id: 'uge3', title: 'Opfølgning uge 3', kind: 'followup' as const, followUpWeek: 3, position: 9 },
    ];
    expect(suggestedPhaseForFollowUp(withUge3, fu('days-14', '2026-04-10', sonderborg))?.id).toBe('uge3');
  });

  it('suggests a move for the card, never to where it already is, never for closed cards', () => {
    expect(suggestedMoveForCard(card('opstart', { startDate: START }), phases, '2026-04-03')).toMatchObject({
      phase: { id: 'uge2' },
      followUp: { id: 'week-2', status: 'due' },
    });
    expect(suggestedMoveForCard(card('uge2', { startDate: START }), phases, '2026-04-03')).toBeNull();
    // week 2 overdue and week 5 due: the card in uge2 is offered uge5
    expect(suggestedMoveForCard(card('uge2', { startDate: START }), phases, '2026-04-24')?.phase.id).toBe('uge5');
    expect(suggestedMoveForCard(card('afsluttet', { startDate: START }), phases, '2026-04-24')).toBeNull();
    expect(suggestedMoveForCard(card('opstart'), phases, '2026-04-24')).toBeNull();
  });
});

describe('opstartStatusForCard, temporaryChangeState, pendingRequests', () => {
  it('feeds the card into the opstart rule', () => {
    expect(opstartStatusForCard(card(), '2026-03-10')).toBeNull();
    const c = card('opstart', {
      visitationDate: '2026-03-02',
      opstart: { plannedDate: '2026-03-12', participants: ['ssh'], heldOn: null, note: '' },
    });
    expect(opstartStatusForCard(c, '2026-03-10')).toMatchObject({ status: 'planned', deadline: '2026-03-16' });
    const held = card('opstart', {
      visitationDate: '2026-03-02',
      opstart: { plannedDate: null, participants: [], heldOn: '2026-03-17', note: '' },
    });
    expect(opstartStatusForCard(held, '2026-03-20')).toMatchObject({ status: 'held', inTime: false });
  });

  it('a temporary change is active until its end date', () => {
    const change = { text: 'Øjendryp', endDate: '2026-04-20' };
    expect(temporaryChangeState(change, '2026-04-19')).toBe('active');
    expect(temporaryChangeState(change, '2026-04-20')).toBe('ending-today');
    expect(temporaryChangeState(change, '2026-04-21')).toBe('ended');
    expect(TEMPORARY_CHANGE_BUFFER_DAYS).toBe(14);
  });

  it('lists requests still waiting for the visitator', () => {
    const base = {
      kind: 'afslut' as const,
      reason: 'x',
      by: 'u',
      byName: '',
      at: '2026-04-20T08:00:00.000Z',
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionNote: '',
    };
    const c = card('uge5', {
      requests: [
        { ...base, id: 'a1', status: 'afventer' },
        { ...base, id: 'a2', status: 'godkendt' },
        { ...base, id: 'a3', status: 'afventer' },
      ],
    });
    expect(pendingRequests(c).map((r) => r.id)).toEqual(['a1', 'a3']);
  });
});

describe('DEFAULT_FORLOB_CATALOGUE (R4)', () => {
  it('holds the national paragraphs and the Favrskov and Solrød ældrelov forløb', () => {
    const ids = DEFAULT_FORLOB_CATALOGUE.map((t) => t.id);
    for (const id of [
      'sel-83',
      'sel-83a',
      'sel-86',
      'sul-138',
      'sul-140',
      'favrskov-afklaring',
      'favrskov-plejecenter',
    ]) {
      expect(ids).toContain(id);
    }
    for (const level of [1, 2, 3, 4]) for (const v of ['a', 'b']) expect(ids).toContain(`favrskov-${level}${v}`);
    expect(ids).toContain('solrod-0a');
    expect(ids).toContain('solrod-0b');
    expect(findForlobType('favrskov-1a')?.name).toBe('Forløb 1a – ren rengøring');
    expect(findForlobType('solrod-0b')).toMatchObject({ timeLimitWeeks: 12, weeklyHours: { min: 7, max: 20 } });
  });

  it('is valid, with unique ids, known templates, a legal basis and a source on every entry', () => {
    expect(ForlobCatalogueSchema.parse(DEFAULT_FORLOB_CATALOGUE)).toHaveLength(DEFAULT_FORLOB_CATALOGUE.length);
    for (const t of DEFAULT_FORLOB_CATALOGUE) {
      if (t.cadenceTemplateId !== null) expect(CADENCE_TEMPLATES.map((c) => c.id)).toContain(t.cadenceTemplateId);
      expect(LEGAL_BASES as readonly string[]).toContain(t.legalBasis);
      expect(t.source.length).toBeGreaterThan(0);
      expect(t.name.length).toBeLessThanOrEqual(60);
    }
    const dup = [DEFAULT_FORLOB_CATALOGUE[0], DEFAULT_FORLOB_CATALOGUE[0]];
    expect(ForlobCatalogueSchema.safeParse(dup).success).toBe(false);
  });

  it('filters by municipality (national types always included)', () => {
    const favrskov = forlobTypesFor('favrskov').map((t) => t.id);
    expect(favrskov).toContain('sel-83a');
    expect(favrskov).toContain('favrskov-4b');
    expect(favrskov).not.toContain('solrod-0a');
    expect(forlobTypesFor('horsholm').every((t) => t.municipality === '')).toBe(true);
    expect(findForlobType(null)).toBeUndefined();
    expect(findForlobType('nope')).toBeUndefined();
  });

  it('catalogueSelection sets id, name, legal basis and template through setLifecycle', () => {
    const b = new BoardDoc(new Y.Doc());
    b.initialize({ id: 'b', teamId: 't', name: 'T', phases });
    b.createCard({ name: 'Bo', phaseId: 'opstart' }, me, 'c1');
    const before = b.card('c1')!;
    b.setLifecycle('c1', catalogueSelection(findForlobType('solrod-0a')!), me);
    const after = b.card('c1')!;
    expect(after.forlobType).toBe('0-forløb a (0–6 timer/uge)');
    expect(after.lifecycle).toMatchObject({
      forlobTypeId: 'solrod-0a',
      legalBasis: 'Ældreloven §10',
      cadenceTemplateId: 'solrod-0-forlob',
    });
    expect(protectedOperations(before, after, b.phases())).toEqual(['changeType']);
    expect(catalogueSelection(findForlobType('sel-83')!, { withTemplate: false })).toEqual({
      forlobTypeId: 'sel-83',
      forlobType: 'Personlig pleje og praktisk hjælp (§83)',
      legalBasis: 'SEL §83',
    });
  });
});

describe('protectedOperations over real BoardDoc changes', () => {
  it('classifies close, reopen, hours and deletion as the server will see them', () => {
    const b = new BoardDoc(new Y.Doc());
    b.initialize({ id: 'b', teamId: 't', name: 'T', phases });
    expect(
      protectedOperations(null, (b.createCard({ name: 'Bo', phaseId: 'uge5' }, me, 'c1'), b.card('c1')), phases),
    ).toEqual(['create']);
    const steps: [() => void, string[]][] = [
      [() => b.setLifecycle('c1', { weeklyHours: 6 }, me), ['adjustUp']],
      [() => b.setLifecycle('c1', { weeklyHours: 4 }, me), ['adjustDown']],
      [() => b.closeForlob('c1', { outcome: 'afsluttet', closedOn: '2026-04-20', by: 'u' }, me), ['close']],
      [() => b.reopenForlob('c1', me), ['create']],
      [() => b.moveCard('c1', 'afsluttet', 0, me), ['close']],
      [() => b.addGoal('c1', { kind: 'citizen', text: 'Bage' }, me), []],
    ];
    for (const [step, ops] of steps) {
      const before = b.card('c1');
      step();
      expect(protectedOperations(before, b.card('c1'), b.phases())).toEqual(ops);
    }
    const before = b.card('c1');
    b.deleteCard('c1', me);
    expect(protectedOperations(before, b.card('c1'), b.phases())).toEqual(['close']);
  });
});
