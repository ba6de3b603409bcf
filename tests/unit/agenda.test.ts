import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardDoc,
  DEFAULT_PHASES,
  localOrigin,
  type BoardInit,
  type Card,
  type LifecyclePatch,
  type NewRequest,
  type OpstartPlan,
  type Triage,
} from '../../shared/index.js';
import {
  AGENDA_RULES,
  activeAgendaRules,
  agendaContext,
  agendaDuration,
  agendaItemIdForCard,
  endOfIsoWeek,
  followUpReasons,
  generateAgenda,
  meetingSettings,
  mergeWithPrepared,
  moveAgendaItem,
  neverDiscussedSince,
  newCitizenReasons,
  nominationReasons,
  notDiscussedReasons,
  opstartReasons,
  overrun,
  prepareAgenda,
  reasonKey,
  reasonText,
  recordDiscussed,
  removeAgendaItem,
  temporaryChangeReasons,
  triageChangedReasons,
  triageReasons,
  visitatorReasons,
  type GenerateAgendaInput,
} from '../../shared/rules/agenda.js';
import {
  AgendaItemSchema,
  type AgendaItem,
  type AgendaReason,
  type Nomination,
  type TriageEvent,
  type VisitatorQuestion,
} from '../../shared/model/meeting.js';

// ---------------------------------------------------------------------------------------
// A small board builder: real BoardDoc writes, real Card snapshots.
// ---------------------------------------------------------------------------------------

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-koordinator');

/** Monday 16 March 2026 (uge 12), the morning tavlemøde. */
const TODAY = '2026-03-16';
const NOW = '2026-03-16T08:30:00.000Z';
/** The previous meeting ended Friday 13 March at 10:00 Danish time. */
const LAST_MEETING = '2026-03-13T09:00:00.000Z';
/** Cards are created long before today unless a test says otherwise. */
const LONG_AGO = '2026-02-01T08:00:00.000Z';

interface CardSpec {
  id: string;
  name: string;
  triage?: Triage;
  phaseId?: string;
  createdAt?: string;
  lifecycle?: LifecyclePatch;
  opstart?: OpstartPlan;
  opstartHeld?: string;
  completed?: Record<string, string>;
  requests?: (Omit<NewRequest, 'by'> & { at?: string })[];
  closedOn?: string;
}

function buildCards(specs: CardSpec[]): Card[] {
  let clock = new Date(LONG_AGO);
  const b = new BoardDoc(new Y.Doc(), { now: () => clock });
  b.initialize(INIT);
  for (const s of specs) {
    clock = new Date(s.createdAt ?? LONG_AGO);
    b.createCard({ name: s.name, phaseId: s.phaseId ?? 'opstart', triage: s.triage ?? 'green' }, me, s.id);
    if (s.lifecycle) b.setLifecycle(s.id, s.lifecycle, me);
    if (s.opstart) b.planOpstart(s.id, s.opstart, me);
    if (s.opstartHeld) b.markOpstartHeld(s.id, s.opstartHeld, me);
    for (const [fu, date] of Object.entries(s.completed ?? {})) {
      b.completeFollowUp(s.id, fu, { date, by: 'u-ssa', byName: 'Sara' }, me);
    }
    for (const r of s.requests ?? []) {
      clock = new Date(r.at ?? s.createdAt ?? LONG_AGO);
      b.addRequest(s.id, { ...r, by: 'u-ssh', byName: r.byName ?? 'Mette' }, me);
    }
    if (s.closedOn) b.closeForlob(s.id, { outcome: 'afsluttet', closedOn: s.closedOn, by: 'u-visitator' }, me);
  }
  return b.cards();
}

const one = (spec: Omit<CardSpec, 'id' | 'name'> & Partial<Pick<CardSpec, 'id' | 'name'>>): Card =>
  buildCards([{ id: 'c1', name: 'Karen Jensen', ...spec }])[0]!;

function ctx(overrides: Partial<GenerateAgendaInput> = {}) {
  return agendaContext({
    meetingType: 'tvaerfagligt',
    cards: [],
    today: TODAY,
    now: NOW,
    lastMeetingAt: LAST_MEETING,
    ...overrides,
  });
}

const texts = (reasons: AgendaReason[], today = TODAY, lang: 'da' | 'en' = 'da') =>
  reasons.map((r) => reasonText(r, today, lang));

const event = (cardId: string, at: string, from: Triage, to: Triage): TriageEvent => ({
  cardId,
  at,
  from,
  to,
  by: 'u-spl',
  byName: 'Sygeplejerske Sofie',
});

const nomination = (cardId: string, at: string, note = '', id = `n-${cardId}`): Nomination => ({
  id,
  cardId,
  by: 'u-ssh',
  byName: 'Mette',
  at,
  note,
});

const question = (
  id: string,
  cardId: string | null,
  text: string,
  at = '2026-03-14T10:00:00.000Z',
): VisitatorQuestion => ({
  id,
  cardId,
  text,
  by: 'u-ssa',
  byName: 'Sara',
  at,
  status: 'open',
});

// ---------------------------------------------------------------------------------------
// The rules, one at a time
// ---------------------------------------------------------------------------------------

describe('[R11] triageReasons: every red and yellow citizen', () => {
  it('[R11] a citizen red since yesterday surfaces with "rød siden i går"', () => {
    const card = one({ triage: 'red' });
    const reasons = triageReasons(
      card,
      ctx({ triageEvents: [event('c1', '2026-03-15T07:00:00.000Z', 'yellow', 'red')] }),
    );
    expect(reasons).toEqual([{ code: 'red', since: '2026-03-15T07:00:00.000Z' }]);
    expect(texts(reasons)).toEqual(['rød siden i går']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['red since yesterday']);
  });

  it('[R11] without a triage event the colour counts from the card’s creation', () => {
    const card = one({ triage: 'yellow', createdAt: '2026-03-12T08:00:00.000Z' });
    const reasons = triageReasons(card, ctx());
    expect(reasons).toEqual([{ code: 'yellow', since: '2026-03-12T08:00:00.000Z' }]);
    expect(texts(reasons)).toEqual(['gul i 4 dage']);
  });

  it('[R11] green citizens give no reason', () => {
    expect(triageReasons(one({ triage: 'green' }), ctx())).toEqual([]);
  });
});

describe('[R11] triageChangedReasons: changed since the last meeting', () => {
  const card = one({ triage: 'red' });

  it('[R11] a change after the last meeting surfaces with "triage ændret fra gul til rød"', () => {
    const reasons = triageChangedReasons(
      card,
      ctx({ triageEvents: [event('c1', '2026-03-14T12:00:00.000Z', 'yellow', 'red')] }),
    );
    expect(reasons).toMatchObject([{ code: 'triage-changed', from: 'yellow', to: 'red', count: 1 }]);
    expect(texts(reasons)).toEqual(['triage ændret fra gul til rød']);
  });

  it('[R11] a change before the last meeting, or no previous meeting, gives nothing', () => {
    const events = [event('c1', '2026-03-12T12:00:00.000Z', 'yellow', 'red')];
    expect(triageChangedReasons(card, ctx({ triageEvents: events }))).toEqual([]);
    expect(triageChangedReasons(card, ctx({ triageEvents: events, lastMeetingAt: null }))).toEqual([]);
  });
});

describe('[R2][R8] followUpReasons: follow-ups due or overdue this week', () => {
  it('[R8] a follow-up due today surfaces with "opfølgning uge 2 forfalder i dag"', () => {
    const reasons = followUpReasons(one({ lifecycle: { startDate: '2026-03-09' } }), ctx());
    expect(reasons).toMatchObject([{ code: 'follow-up-due', followUpId: 'week-2', dueDate: TODAY }]);
    expect(texts(reasons)).toEqual(['opfølgning uge 2 forfalder i dag']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['follow-up week 2 due today']);
  });

  it('[R8] a follow-up whose window ended 3 days ago reads "opfølgning uge 2 overskredet med 3 dage"', () => {
    const reasons = followUpReasons(one({ lifecycle: { startDate: '2026-02-28' } }), ctx());
    expect(reasons).toMatchObject([{ code: 'follow-up-overdue', followUpId: 'week-2', windowEnd: '2026-03-13' }]);
    expect(texts(reasons)).toEqual(['opfølgning uge 2 overskredet med 3 dage']);
  });

  it('[R8] a follow-up becoming due on Thursday is on Monday’s agenda; next week’s is not', () => {
    expect(endOfIsoWeek(TODAY)).toBe('2026-03-22');
    const thursday = followUpReasons(one({ lifecycle: { startDate: '2026-03-12' } }), ctx());
    expect(texts(thursday)).toEqual(['opfølgning uge 2 forfalder om 3 dage']);
    expect(followUpReasons(one({ lifecycle: { startDate: '2026-03-16' } }), ctx())).toEqual([]);
  });

  it('[R8] a follow-up in its window but not on its first day reads "forfalden – senest …"', () => {
    const reasons = followUpReasons(one({ lifecycle: { startDate: '2026-03-04' } }), ctx());
    expect(texts(reasons)).toEqual(['opfølgning uge 2 forfalden – senest i morgen']);
  });

  it('[R2] a completed follow-up, or a card without a start date, gives nothing', () => {
    expect(
      followUpReasons(one({ lifecycle: { startDate: '2026-02-28' }, completed: { 'week-2': '2026-03-10' } }), ctx()),
    ).toEqual([]);
    expect(followUpReasons(one({}), ctx())).toEqual([]);
  });
});

describe('[R3][R9] opstartReasons: opstartsmøder to plan or overdue', () => {
  it('[R3] visited 1 March, not held on 16 March: "opstartsmøde overskredet med 1 dag"', () => {
    const reasons = opstartReasons(one({ lifecycle: { visitationDate: '2026-03-01' } }), ctx());
    expect(reasons).toEqual([{ code: 'opstart-overdue', deadline: '2026-03-15' }]);
    expect(texts(reasons)).toEqual(['opstartsmøde overskredet med 1 dag']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['start meeting overdue by 1 day']);
  });

  it('[R9] visited 10 March, not booked: "opstartsmøde skal planlægges – frist 24.03 (om 8 dage)"', () => {
    const reasons = opstartReasons(one({ lifecycle: { visitationDate: '2026-03-10' } }), ctx());
    expect(reasons).toEqual([{ code: 'opstart-to-plan', deadline: '2026-03-24', plannedAfterDeadline: false }]);
    expect(texts(reasons)).toEqual(['opstartsmøde skal planlægges – frist 24.03 (om 8 dage)']);
  });

  it('[R9] booked after the deadline: "opstartsmøde planlagt efter fristen 24.03"', () => {
    const card = one({ lifecycle: { visitationDate: '2026-03-10' }, opstart: { plannedDate: '2026-03-26' } });
    expect(texts(opstartReasons(card, ctx()))).toEqual(['opstartsmøde planlagt efter fristen 24.03']);
  });

  it('[R3] booked in time, held, or no visitation date: nothing', () => {
    expect(
      opstartReasons(
        one({ lifecycle: { visitationDate: '2026-03-10' }, opstart: { plannedDate: '2026-03-18' } }),
        ctx(),
      ),
    ).toEqual([]);
    expect(
      opstartReasons(one({ lifecycle: { visitationDate: '2026-03-01' }, opstartHeld: '2026-03-09' }), ctx()),
    ).toEqual([]);
    expect(opstartReasons(one({}), ctx())).toEqual([]);
  });
});

describe('[R8] notDiscussedReasons: citizens not discussed for N days', () => {
  it("[R8] a citizen not discussed for 16 days surfaces with 'ikke drøftet i 16 dage'", () => {
    const reasons = notDiscussedReasons(one({}), ctx({ lastDiscussed: { c1: '2026-02-28' } }));
    expect(reasons).toEqual([{ code: 'not-discussed', since: '2026-02-28', lastDiscussedOn: '2026-02-28' }]);
    expect(texts(reasons)).toEqual(['ikke drøftet i 16 dage']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['not discussed for 16 days']);
  });

  it('[R8] 13 days is not yet; exactly 14 days is', () => {
    expect(notDiscussedReasons(one({}), ctx({ lastDiscussed: { c1: '2026-03-03' } }))).toEqual([]);
    expect(notDiscussedReasons(one({}), ctx({ lastDiscussed: { c1: '2026-03-02' } }))).toHaveLength(1);
  });

  it('[R8] never discussed counts from the card’s creation: "aldrig drøftet (20 dage)"', () => {
    const card = one({ createdAt: '2026-02-24T09:00:00.000Z' });
    expect(neverDiscussedSince(card)).toBe('2026-02-24');
    expect(texts(notDiscussedReasons(card, ctx()))).toEqual(['aldrig drøftet (20 dage)']);
  });

  it('[R8] a referral created before care starts counts from the start date', () => {
    const card = one({ createdAt: '2026-02-01T09:00:00.000Z', lifecycle: { startDate: '2026-03-06' } });
    expect(neverDiscussedSince(card)).toBe('2026-03-06');
    expect(notDiscussedReasons(card, ctx())).toEqual([]);
  });

  it('[R8] the municipality can change N per meeting type', () => {
    const c = ctx({
      lastDiscussed: { c1: '2026-03-08' },
      config: { meetingTypes: { tvaerfagligt: { notDiscussedDays: 7 } } },
    });
    expect(texts(notDiscussedReasons(one({}), c))).toEqual(['ikke drøftet i 8 dage']);
  });
});

describe('[R8][R9] newCitizenReasons: first meeting after the start', () => {
  it("[R8] a new citizen never discussed reads 'ny borger – planlæg opstartsmøde'", () => {
    const card = one({ createdAt: '2026-03-15T14:00:00.000Z', lifecycle: { visitationDate: '2026-03-15' } });
    const reasons = newCitizenReasons(card, ctx());
    expect(reasons).toEqual([{ code: 'new-citizen', since: '2026-03-15', planOpstart: true }]);
    expect(texts(reasons)).toEqual(['ny borger – planlæg opstartsmøde']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['new citizen – plan the start meeting']);
  });

  it('[R9] with the opstartsmøde already booked it reads "ny borger"', () => {
    const card = one({ createdAt: '2026-03-15T14:00:00.000Z', opstart: { plannedDate: '2026-03-20' } });
    expect(texts(newCitizenReasons(card, ctx()))).toEqual(['ny borger']);
  });

  it('[R8] once discussed, or after 14 days on the board, a citizen is no longer new', () => {
    const card = one({ createdAt: '2026-03-15T14:00:00.000Z' });
    expect(newCitizenReasons(card, ctx({ lastDiscussed: { c1: '2026-03-15' } }))).toEqual([]);
    expect(newCitizenReasons(one({ createdAt: '2026-03-02T09:00:00.000Z' }), ctx())).toEqual([]);
  });
});

describe('nominationReasons: someone asks for a citizen', () => {
  it('lists each nomination with who and why', () => {
    const reasons = nominationReasons(
      one({}),
      ctx({ nominations: [nomination('c1', '2026-03-14T10:00:00.000Z', 'falder meget')] }),
    );
    expect(reasons).toMatchObject([{ code: 'nominated', byName: 'Mette', note: 'falder meget' }]);
    expect(texts(reasons)).toEqual(['ønsket drøftet af Mette: falder meget']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['raised by Mette: falder meget']);
  });

  it('a nomination from before the citizen was last discussed is done', () => {
    const c = ctx({ nominations: [nomination('c1', '2026-03-10T10:00:00.000Z')], lastDiscussed: { c1: '2026-03-13' } });
    expect(nominationReasons(one({}), c)).toEqual([]);
  });
});

describe('[R15][R16] visitatorReasons: requests and "Spørg visitator"', () => {
  it('[R15] a pending request reads "anmodning afventer visitator: mere tid"; a decided one is gone', () => {
    const card = one({ requests: [{ kind: 'mere-tid', reason: 'Bad tager længere tid' }] });
    const reasons = visitatorReasons(card, ctx());
    expect(reasons).toMatchObject([{ code: 'request-pending', kind: 'mere-tid', reason: 'Bad tager længere tid' }]);
    expect(texts(reasons)).toEqual(['anmodning afventer visitator: mere tid']);
    expect(texts(reasons, TODAY, 'en')).toEqual(['request awaiting the visitator: more time']);
  });

  it('[R16] an open question about the citizen reads "spørgsmål til visitator fra Sara"; answered ones are gone', () => {
    const q = question('q1', 'c1', 'Kan hun få en badebænk?');
    const reasons = visitatorReasons(
      one({}),
      ctx({ questions: [q, { ...question('q2', 'c1', 'Løst'), status: 'answered' }] }),
    );
    expect(reasons).toMatchObject([
      { code: 'question-for-visitator', questionId: 'q1', text: 'Kan hun få en badebænk?' },
    ]);
    expect(texts(reasons)).toEqual(['spørgsmål til visitator fra Sara']);
  });
});

describe('[R5] temporaryChangeReasons: temporary changes ending within 3 days', () => {
  const withChange = (endDate: string) => one({ lifecycle: { temporaryChange: { text: 'øjendråber', endDate } } });

  it('[R5] ending in 3 days reads "midlertidig ændring slutter om 3 dage: øjendråber"; in 4 days is not yet', () => {
    expect(texts(temporaryChangeReasons(withChange('2026-03-19'), ctx()))).toEqual([
      'midlertidig ændring slutter om 3 dage: øjendråber',
    ]);
    expect(temporaryChangeReasons(withChange('2026-03-20'), ctx())).toEqual([]);
  });

  it('[R5] an ended change still recorded stays on the agenda until someone clears it', () => {
    expect(texts(temporaryChangeReasons(withChange('2026-03-15'), ctx()))).toEqual([
      'midlertidig ændring sluttede i går: øjendråber',
    ]);
    expect(texts(temporaryChangeReasons(withChange('2026-03-15'), ctx()), TODAY, 'en')).toEqual([
      'temporary change ended yesterday: øjendråber',
    ]);
  });

  it('[R5] no temporary change: nothing', () => {
    expect(temporaryChangeReasons(one({}), ctx())).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Meeting types
// ---------------------------------------------------------------------------------------

describe('[R7] meeting types decide which rules run', () => {
  const withQuestion = buildCards([
    { id: 'c1', name: 'Karen', requests: [{ kind: 'afslut', reason: 'Klarer sig selv' }] },
  ]);
  const base: GenerateAgendaInput = {
    meetingType: 'tavlemoede',
    cards: withQuestion,
    today: TODAY,
    now: NOW,
    lastMeetingAt: LAST_MEETING,
    lastDiscussed: { c1: '2026-03-13' },
    questions: [question('q9', null, 'Hvem dækker i påsken?')],
  };

  it('[R7][R16] the daily tavlemøde leaves visitator matters for the visitator’s day', () => {
    expect(generateAgenda(base)).toEqual([]);
    expect(activeAgendaRules('tavlemoede', TODAY).has('visitator')).toBe(false);
  });

  it('[R7][R13] on the visitator’s day (Monday here) the tavlemøde takes them too', () => {
    const items = generateAgenda({ ...base, config: { visitatorDays: [1] } });
    expect(items.map((i) => i.id)).toEqual(['c:c1', 'q:q9']);
  });

  it('[R7][R16] the weekly tværfaglige møde always takes requests and questions, with 5-minute time boxes', () => {
    const items = generateAgenda({ ...base, meetingType: 'tvaerfagligt' });
    expect(items.map((i) => [i.id, i.timeBoxMin])).toEqual([
      ['c:c1', 5],
      ['q:q9', 5],
    ]);
    expect(items[1]).toMatchObject({ cardId: null, title: 'Hvem dækker i påsken?', source: 'rule' });
  });

  it('[R7][R10] the tavlemøde gets 1-minute time boxes, 15 minutes in all; municipalities can change both', () => {
    expect(meetingSettings('tavlemoede')).toMatchObject({
      durationMin: 15,
      defaultTimeBoxMin: 1,
      notDiscussedDays: 14,
    });
    const items = generateAgenda({
      ...base,
      config: { visitatorDays: [1], meetingTypes: { tavlemoede: { defaultTimeBoxMin: 3 } } },
    });
    expect(items.map((i) => i.timeBoxMin)).toEqual([3, 3]);
  });

  it('[R7] a meeting type configured without a rule does not run it', () => {
    const cards = buildCards([{ id: 'c1', name: 'Karen', triage: 'red' }]);
    const input: GenerateAgendaInput = { ...base, cards, questions: [], lastDiscussed: { c1: TODAY } };
    expect(generateAgenda(input)).toHaveLength(1);
    const noTriage = { meetingTypes: { tavlemoede: { rules: ['follow-ups' as const] } } };
    expect(generateAgenda({ ...input, config: noTriage })).toEqual([]);
  });

  it('every rule id has a rule function', () => {
    expect(Object.keys(AGENDA_RULES).sort()).toEqual([...activeAgendaRules('udvidet', TODAY)].sort());
  });
});

// ---------------------------------------------------------------------------------------
// The whole agenda: de-duplication, ordering, closed cards
// ---------------------------------------------------------------------------------------

describe('[R8] generateAgenda: one item per citizen, every reason, in a fixed order', () => {
  const recently = '2026-03-13';
  const specs: CardSpec[] = [
    { id: 'anna', name: 'Anna Andersen', triage: 'red' },
    { id: 'bent', name: 'Bent Bach', lifecycle: { startDate: '2026-02-28' } },
    { id: 'carl', name: 'Carl Clausen', triage: 'yellow' },
    { id: 'dorte', name: 'Dorte Dam', lifecycle: { startDate: '2026-03-09' } },
    {
      id: 'erik',
      name: 'Erik Eriksen',
      requests: [{ kind: 'hjaelpemiddel', reason: 'Rollator', at: '2026-03-12T08:00:00.000Z' }],
    },
    { id: 'frida', name: 'Frida Frost' },
    { id: 'gitte', name: 'Gitte Grøn' },
    { id: 'hans', name: 'Hans Holm' },
    { id: 'ida', name: 'Ida Isaksen' },
    { id: 'jens', name: 'Jens Juhl', createdAt: '2026-03-15T10:00:00.000Z' },
    { id: 'karl', name: 'Karl Kolding', triage: 'red', closedOn: '2026-03-14' },
    { id: 'lise', name: 'Lise Lund' },
  ];
  const cards = buildCards(specs);
  const input: GenerateAgendaInput = {
    meetingType: 'tvaerfagligt',
    cards,
    today: TODAY,
    now: NOW,
    lastMeetingAt: LAST_MEETING,
    triageEvents: [
      event('anna', '2026-03-15T07:00:00.000Z', 'yellow', 'red'),
      event('frida', '2026-03-14T07:00:00.000Z', 'yellow', 'green'),
    ],
    lastDiscussed: {
      anna: recently,
      bent: recently,
      carl: recently,
      dorte: recently,
      erik: recently,
      frida: recently,
      gitte: recently,
      hans: '2026-02-14',
      ida: '2026-02-04',
      karl: recently,
      lise: recently,
    },
    nominations: [nomination('gitte', '2026-03-14T09:00:00.000Z', 'virker forvirret')],
    questions: [question('q1', null, 'Hvem dækker visitationen i påsken?', '2026-03-12T09:00:00.000Z')],
  };

  it('[R8] orders red, overdue, yellow, due, visitator, triage changed, nominated, not discussed (longest first), new', () => {
    const items = generateAgenda(input);
    expect(items.map((i) => i.id)).toEqual([
      'c:anna',
      'c:bent',
      'c:carl',
      'c:dorte',
      'c:erik',
      'q:q1',
      'c:frida',
      'c:gitte',
      'c:ida',
      'c:hans',
      'c:jens',
    ]);
    for (const item of items) expect(AgendaItemSchema.parse(item)).toEqual(item);
  });

  it('[R8] closed forløb never appear, even when red; quiet citizens do not either', () => {
    const ids = generateAgenda(input).map((i) => i.cardId);
    expect(ids).not.toContain('karl');
    expect(ids).not.toContain('lise');
  });

  it('[R8] every item shows all its reasons, most severe first', () => {
    const items = generateAgenda(input);
    const text = (id: string) => texts(items.find((i) => i.id === id)!.reasons);
    expect(text('c:anna')).toEqual(['rød siden i går', 'triage ændret fra gul til rød']);
    expect(text('c:ida')).toEqual(['ikke drøftet i 40 dage']);
    expect(text('c:jens')).toEqual(['ny borger – planlæg opstartsmøde']);
    expect(items.find((i) => i.id === 'c:gitte')).toMatchObject({ source: 'nominated', nominatedBy: 'Mette' });
  });

  it('[R8] de-duplicates: a citizen with five reasons is one item listing all five', () => {
    const card = buildCards([
      {
        id: 'c1',
        name: 'Karen Jensen',
        triage: 'red',
        lifecycle: { startDate: '2026-02-28', temporaryChange: { text: 'antibiotika', endDate: '2026-03-17' } },
        requests: [{ kind: 'mere-tid', reason: 'Sår skal skiftes dagligt' }],
      },
    ]);
    const items = generateAgenda({
      ...input,
      cards: card,
      lastDiscussed: { c1: '2026-02-20' },
      nominations: [
        nomination('c1', '2026-03-15T09:00:00.000Z'),
        nomination('c1', '2026-03-14T09:00:00.000Z', '', 'n2'),
      ],
      questions: [question('q1', 'c1', 'Skal hun have sygepleje?')],
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: agendaItemIdForCard('c1'), source: 'rule', nominatedBy: 'Mette' });
    expect(items[0]!.reasons.map((r) => r.code)).toEqual([
      'red',
      'follow-up-overdue',
      'temporary-change-ending',
      'request-pending',
      'question-for-visitator',
      'nominated',
      'nominated',
      'not-discussed',
    ]);
    expect(
      items[0]!.reasons.filter((r) => r.code === 'nominated').map((r) => (r as { nominationId: string }).nominationId),
    ).toEqual(['n2', 'n-c1']);
  });

  it('[R8] the order never depends on input order: ties go by name (Danish), then id', () => {
    const same = buildCards([
      { id: 'z2', name: 'Ole Olsen', triage: 'red' },
      { id: 'z1', name: 'Ole Olsen', triage: 'red' },
      { id: 'y1', name: 'Åse Ærø', triage: 'red' },
      { id: 'x1', name: 'Zenia Zahle', triage: 'red' },
      { id: 'w1', name: 'Anne Holm', triage: 'red' },
    ]);
    const run = (list: Card[]) =>
      generateAgenda({
        ...input,
        cards: list,
        questions: [],
        lastDiscussed: Object.fromEntries(list.map((c) => [c.id, TODAY])),
      }).map((i) => i.id);
    const expected = ['c:w1', 'c:z1', 'c:z2', 'c:x1', 'c:y1'];
    expect(run(same)).toEqual(expected);
    expect(run([...same].reverse())).toEqual(expected);
  });

  it('[R11] among red citizens the one red the longest comes first', () => {
    const reds = buildCards([
      { id: 'a', name: 'Anders', triage: 'red' },
      { id: 'b', name: 'Birgit', triage: 'red' },
    ]);
    const items = generateAgenda({
      ...input,
      cards: reds,
      questions: [],
      lastDiscussed: { a: TODAY, b: TODAY },
      triageEvents: [
        event('a', '2026-03-15T07:00:00.000Z', 'green', 'red'),
        event('b', '2026-03-10T07:00:00.000Z', 'green', 'red'),
      ],
      lastMeetingAt: NOW,
    });
    expect(items.map((i) => i.id)).toEqual(['c:b', 'c:a']);
    expect(texts(items[0]!.reasons)).toEqual(['rød i 6 dage']);
  });

  it('[R8] a card listed twice is still one item; a question about a closed card is dropped', () => {
    const items = generateAgenda({
      ...input,
      cards: [...cards, cards[0]!],
      questions: [question('q5', 'karl', 'Hjælpemidler hentet?')],
    });
    expect(items.filter((i) => i.id === 'c:anna')).toHaveLength(1);
    expect(items.map((i) => i.id)).not.toContain('q:q5');
  });

  it('[R8] a card in a closed column counts as closed when the board’s columns are given', () => {
    const inClosed = buildCards([{ id: 'c1', name: 'Karen', triage: 'red', phaseId: 'afsluttet' }]);
    const run = (phases?: typeof DEFAULT_PHASES) =>
      generateAgenda({
        ...input,
        cards: inClosed,
        questions: [],
        lastDiscussed: { c1: TODAY },
        config: phases ? { phases } : {},
      });
    expect(run()).toHaveLength(1);
    expect(run(DEFAULT_PHASES)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// The coordinator's prepared agenda
// ---------------------------------------------------------------------------------------

const item = (id: string, reasons: AgendaReason[], extra: Partial<AgendaItem> = {}): AgendaItem => ({
  id,
  cardId: id.startsWith('c:') ? id.slice(2) : null,
  title: id,
  reasons,
  source: 'rule',
  timeBoxMin: 5,
  status: 'pending',
  ...extra,
});
const RED: AgendaReason = { code: 'red', since: '2026-03-15T07:00:00.000Z' };
const YELLOW: AgendaReason = { code: 'yellow', since: '2026-03-15T07:00:00.000Z' };
const DUE: AgendaReason = {
  code: 'follow-up-due',
  followUpId: 'week-2',
  label: 'Opfølgning uge 2',
  labelEn: 'Follow-up week 2',
  dueDate: TODAY,
  windowEnd: '2026-03-22',
};
const OVERDUE: AgendaReason = { ...DUE, code: 'follow-up-overdue' };

describe('[R9] mergeWithPrepared: the coordinator’s preparation survives a re-run', () => {
  const generated = [item('c:a', [RED]), item('c:b', [YELLOW]), item('c:c', [DUE])];

  it('[R9] keeps the manual order and time boxes, and refreshes the reasons', () => {
    let prepared = prepareAgenda(generated);
    prepared = moveAgendaItem(prepared, 'c:c', 0);
    prepared = { ...prepared, items: prepared.items.map((i) => (i.id === 'c:a' ? { ...i, timeBoxMin: 10 } : i)) };
    const rerun = [item('c:a', [RED, DUE]), item('c:b', [YELLOW]), item('c:c', [DUE])];
    const merged = mergeWithPrepared(rerun, prepared);
    expect(merged.map((i) => [i.id, i.timeBoxMin])).toEqual([
      ['c:c', 5],
      ['c:a', 10],
      ['c:b', 5],
    ]);
    expect(merged[1]!.reasons).toEqual([RED, DUE]);
  });

  it('[R9] an item removed by hand stays removed while its reasons are the same', () => {
    const prepared = removeAgendaItem(prepareAgenda(generated), 'c:c');
    expect(prepared.removed).toEqual([{ id: 'c:c', reasonKeys: ['follow-up-due:week-2'] }]);
    expect(mergeWithPrepared(generated, prepared).map((i) => i.id)).toEqual(['c:a', 'c:b']);
  });

  it('[R9] a removed item comes back, with all its reasons, when a NEW reason appears', () => {
    const prepared = removeAgendaItem(prepareAgenda(generated), 'c:c');
    const escalated = mergeWithPrepared([...generated.slice(0, 2), item('c:c', [OVERDUE])], prepared);
    expect(escalated.map((i) => i.id)).toEqual(['c:a', 'c:b', 'c:c']);
    const nominated: AgendaReason = { code: 'nominated', nominationId: 'n1', byName: 'Mette', at: NOW, note: '' };
    const more = mergeWithPrepared([...generated.slice(0, 2), item('c:c', [DUE, nominated])], prepared);
    expect(more.at(-1)!.reasons).toEqual([DUE, nominated]);
  });

  it('[R9] manual items are kept where the coordinator put them; new items are appended in rule order', () => {
    const manual = item('m:ferie', [], {
      cardId: null,
      title: 'Ferieplan for påsken',
      source: 'manual',
      timeBoxMin: 3,
    });
    const prepared = moveAgendaItem({ ...prepareAgenda(generated), items: [...generated, manual] }, 'm:ferie', 1);
    const rerun = [item('c:new1', [RED]), ...generated, item('c:new2', [YELLOW])];
    expect(mergeWithPrepared(rerun, prepared).map((i) => i.id)).toEqual([
      'c:a',
      'm:ferie',
      'c:b',
      'c:c',
      'c:new1',
      'c:new2',
    ]);
  });

  it('[R9] a manual item for a citizen stays manual and gains the rules’ reasons', () => {
    const manual = item('c:d', [], { source: 'manual', timeBoxMin: 8 });
    const merged = mergeWithPrepared([item('c:d', [YELLOW])], { items: [manual], removed: [] });
    expect(merged).toEqual([{ ...manual, reasons: [YELLOW] }]);
  });

  it('[R9] a pending item whose reasons are gone drops out; a discussed or parked one stays as the record', () => {
    const prepared = prepareAgenda(generated);
    prepared.items[1] = { ...prepared.items[1]!, status: 'parked' };
    prepared.items[2] = { ...prepared.items[2]!, status: 'discussed' };
    const merged = mergeWithPrepared([], prepared);
    expect(merged.map((i) => [i.id, i.status])).toEqual([
      ['c:b', 'parked'],
      ['c:c', 'discussed'],
    ]);
  });

  it('[R9] removing a manual general item leaves no trace; unknown ids change nothing', () => {
    const manual = item('m:x', [], { cardId: null, source: 'manual' });
    const prepared = { items: [manual], removed: [] };
    expect(removeAgendaItem(prepared, 'm:x')).toEqual({ items: [], removed: [] });
    expect(removeAgendaItem(prepared, 'nope')).toBe(prepared);
    expect(moveAgendaItem(prepared, 'nope', 0)).toBe(prepared);
  });

  it('[R9] end to end: a re-run after a new nomination appends the citizen', () => {
    const cards = buildCards([
      { id: 'a', name: 'Anna', triage: 'red' },
      { id: 'b', name: 'Bo', triage: 'yellow' },
      { id: 'c', name: 'Cille' },
    ]);
    const base: GenerateAgendaInput = {
      meetingType: 'tvaerfagligt',
      cards,
      today: TODAY,
      now: NOW,
      lastMeetingAt: LAST_MEETING,
      lastDiscussed: { a: TODAY, b: TODAY, c: TODAY },
    };
    const prepared = moveAgendaItem(prepareAgenda(generateAgenda(base)), 'c:b', 0);
    const rerun = generateAgenda({ ...base, nominations: [nomination('c', NOW)] });
    expect(mergeWithPrepared(rerun, prepared).map((i) => i.id)).toEqual(['c:b', 'c:a', 'c:c']);
  });

  it('reason keys tell "the same reason" from "a new reason"', () => {
    expect(reasonKey(DUE)).toBe('follow-up-due:week-2');
    expect(reasonKey(OVERDUE)).toBe('follow-up-overdue:week-2');
    expect(reasonKey({ code: 'not-discussed', since: '2026-03-01', lastDiscussedOn: null })).toBe(
      'not-discussed:never',
    );
    expect(reasonKey(RED)).toBe('red');
  });
});

// ---------------------------------------------------------------------------------------
// Timer and after the meeting
// ---------------------------------------------------------------------------------------

describe('[R10] time boxes and the timer', () => {
  const items = [
    item('c:a', [RED], { timeBoxMin: 2 }),
    item('c:b', [YELLOW], { timeBoxMin: 3, status: 'discussed' }),
    item('c:c', [DUE], { timeBoxMin: 4, status: 'skipped' }),
  ];

  it('[R10] the planned duration is the time boxes of every item not skipped', () => {
    expect(agendaDuration(items)).toBe(5);
    expect(agendaDuration([])).toBe(0);
  });

  it('[R10] overrun: remaining while within the plan, overrun once past it', () => {
    expect(overrun(items, 4 * 60_000)).toEqual({
      plannedMs: 300_000,
      elapsedMs: 240_000,
      remainingMs: 60_000,
      overrunMs: 0,
      over: false,
    });
    expect(overrun(items, 300_000).over).toBe(false);
    expect(overrun(items, 390_000)).toMatchObject({ remainingMs: 0, overrunMs: 90_000, over: true });
    expect(overrun([items[0]!], 150_000)).toMatchObject({ plannedMs: 120_000, overrunMs: 30_000, over: true });
    expect(overrun(items, -5).elapsedMs).toBe(0);
  });

  it('[R8] recordDiscussed sets "sidst drøftet" for discussed citizens only, never backwards', () => {
    const next = recordDiscussed(
      { b: '2026-03-20', z: '2026-03-01' },
      [...items, item('c:d', [RED], { status: 'discussed' })],
      TODAY,
    );
    expect(next).toEqual({ b: '2026-03-20', d: TODAY, z: '2026-03-01' });
  });
});

// ---------------------------------------------------------------------------------------
// Reason texts
// ---------------------------------------------------------------------------------------

describe('[R32] reasonText: plain Danish and English, relative to the day it is read', () => {
  const at = '2026-03-14T10:00:00.000Z';
  const cases: [AgendaReason, string, string][] = [
    [{ code: 'red', since: '2026-03-16T06:00:00.000Z' }, 'rød siden i dag', 'red since today'],
    [{ code: 'red', since: null }, 'rød', 'red'],
    [{ code: 'yellow', since: '2026-03-13T06:00:00.000Z' }, 'gul i 3 dage', 'yellow for 3 days'],
    [
      { code: 'triage-changed', from: 'red', to: 'red', at, byName: 'Sofie', count: 2 },
      'triage ændret og tilbage til rød',
      'triage changed and back to red',
    ],
    [{ ...DUE, dueDate: '2026-03-17' }, 'opfølgning uge 2 forfalder i morgen', 'follow-up week 2 due tomorrow'],
    [
      { ...OVERDUE, windowEnd: '2026-03-15' },
      'opfølgning uge 2 overskredet med 1 dag',
      'follow-up week 2 overdue by 1 day',
    ],
    [
      { code: 'opstart-overdue', deadline: '2026-03-13' },
      'opstartsmøde overskredet med 3 dage',
      'start meeting overdue by 3 days',
    ],
    [
      { code: 'opstart-to-plan', deadline: '2026-03-17', plannedAfterDeadline: false },
      'opstartsmøde skal planlægges – frist 17.03 (i morgen)',
      'start meeting to be planned – deadline 17/03 (tomorrow)',
    ],
    [
      { code: 'not-discussed', since: '2026-02-28', lastDiscussedOn: null },
      'aldrig drøftet (16 dage)',
      'never discussed (16 days)',
    ],
    [{ code: 'new-citizen', since: TODAY, planOpstart: false }, 'ny borger', 'new citizen'],
    [
      { code: 'question-for-visitator', questionId: 'q1', text: 'x', byName: '', at },
      'spørgsmål til visitator',
      'question for the visitator',
    ],
    [
      { code: 'request-pending', requestId: 'a1', kind: 'aendr-forlob', reason: 'x', byName: 'Mette', at },
      'anmodning afventer visitator: ændr forløb',
      'request awaiting the visitator: change forløb',
    ],
    [
      { code: 'nominated', nominationId: 'n1', byName: '', at, note: '' },
      'ønsket drøftet af en kollega',
      'raised by a colleague',
    ],
    [
      { code: 'temporary-change-ending', text: 'UVI', endDate: TODAY },
      'midlertidig ændring slutter i dag: UVI',
      'temporary change ends today: UVI',
    ],
  ];

  it.each(cases)('%j reads "%s" / "%s"', (reason, da, en) => {
    expect(reasonText(reason, TODAY, 'da')).toBe(da);
    expect(reasonText(reason, TODAY, 'en')).toBe(en);
  });

  it('[R8] the same reason reads right the next day: "rød siden i går" becomes "rød i 2 dage"', () => {
    const red: AgendaReason = { code: 'red', since: '2026-03-15T07:00:00.000Z' };
    expect(reasonText(red, TODAY)).toBe('rød siden i går');
    expect(reasonText(red, '2026-03-17')).toBe('rød i 2 dage');
  });

  it('a red since late evening Danish time counts by the Danish date', () => {
    // 23:30 UTC on 14 March is 00:30 on 15 March in Copenhagen: red since yesterday, not 2 days.
    expect(reasonText({ code: 'red', since: '2026-03-14T23:30:00.000Z' }, TODAY)).toBe('rød siden i går');
  });
});
