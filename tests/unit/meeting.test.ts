import { describe, expect, it } from 'vitest';
import {
  AGENDA_ITEM_STATUS_LABELS,
  AGENDA_REASON_CODES,
  AgendaItemSchema,
  AgendaItemStatusSchema,
  AgendaReasonSchema,
  AgendaRuleIdSchema,
  LastDiscussedSchema,
  MEETING_TYPES,
  MeetingTypeSchema,
  MeetingTypeSettingsSchema,
  NominationSchema,
  PreparedAgendaSchema,
  REASON_SEVERITY,
  TriageEventSchema,
  VisitatorQuestionSchema,
} from '../../shared/model/meeting.js';
import { AGENDA_GROUPS } from '../../shared/rules/agenda.js';

const at = '2026-03-16T08:30:00.000Z';

describe('[R7] MEETING_TYPES', () => {
  it('[R7] the three modes: daily tavlemøde, weekly tværfagligt, every other week udvidet', () => {
    expect(MeetingTypeSchema.options).toEqual(['tavlemoede', 'tvaerfagligt', 'udvidet']);
    expect(MEETING_TYPES.tavlemoede).toMatchObject({ cadence: 'daily', durationMin: 15, defaultTimeBoxMin: 1 });
    expect(MEETING_TYPES.tvaerfagligt.durationMin).toBe(45);
    expect(MEETING_TYPES.tvaerfagligt).toMatchObject({ cadence: 'weekly' });
    expect(MEETING_TYPES.udvidet).toMatchObject({ cadence: 'biweekly' });
  });

  it('[R7] every type is valid data with da/en labels, a source and notDiscussedDays 14', () => {
    for (const type of MeetingTypeSchema.options) {
      const t = MEETING_TYPES[type];
      expect(t.id).toBe(type);
      expect(MeetingTypeSettingsSchema.parse(t)).toBeTruthy();
      expect(t.label.da && t.label.en && t.participants.da && t.source).toBeTruthy();
      expect(t.notDiscussedDays).toBe(14);
    }
  });

  it('[R16] visitator matters: always at the tværfaglige and udvidede møde, on visitator days at the tavlemøde', () => {
    expect(MEETING_TYPES.tavlemoede.rules).not.toContain('visitator');
    expect(MEETING_TYPES.tavlemoede.rulesOnVisitatorDays).toEqual(['visitator']);
    expect(MEETING_TYPES.tvaerfagligt.rules).toEqual(AgendaRuleIdSchema.options);
    expect(MEETING_TYPES.udvidet.rules).toEqual(AgendaRuleIdSchema.options);
  });
});

describe('AgendaReason and AgendaItem schemas', () => {
  it('lists all sixteen reason codes, each exactly once in the severity order', () => {
    expect(AGENDA_REASON_CODES).toHaveLength(16);
    expect([...REASON_SEVERITY].sort()).toEqual([...AGENDA_REASON_CODES].sort());
    expect(REASON_SEVERITY[0]).toBe('red');
    expect(AGENDA_GROUPS[0]).toBe('red');
  });

  it('validates a reason by its code and rejects unknown codes or missing data', () => {
    expect(
      AgendaReasonSchema.parse({ code: 'not-discussed', since: '2026-02-28', lastDiscussedOn: null }),
    ).toBeTruthy();
    expect(AgendaReasonSchema.safeParse({ code: 'loud', since: null }).success).toBe(false);
    expect(AgendaReasonSchema.safeParse({ code: 'opstart-overdue' }).success).toBe(false);
    expect(AgendaReasonSchema.safeParse({ code: 'red', since: 'i går' }).success).toBe(false);
  });

  it('[R10] validates items: status, time box, item ids', () => {
    const item = {
      id: 'c:c1',
      cardId: 'c1',
      title: 'Karen Jensen',
      reasons: [{ code: 'red', since: at }],
      source: 'rule',
      timeBoxMin: 2,
      status: 'pending',
    };
    expect(AgendaItemSchema.parse(item)).toEqual(item);
    expect(AgendaItemSchema.safeParse({ ...item, timeBoxMin: 0 }).success).toBe(false);
    expect(AgendaItemSchema.safeParse({ ...item, id: 'c c1' }).success).toBe(false);
    expect(AgendaItemSchema.safeParse({ ...item, status: 'done' }).success).toBe(false);
    expect(PreparedAgendaSchema.parse({ items: [item], removed: [{ id: 'c:c2', reasonKeys: ['red'] }] })).toBeTruthy();
    for (const s of AgendaItemStatusSchema.options) expect(AGENDA_ITEM_STATUS_LABELS[s].da).toBeTruthy();
  });
});

describe('[R11][R16] triage events, nominations and "Spørg visitator"', () => {
  it('[R11] a triage event records who changed what, when', () => {
    const e = { cardId: 'c1', at, from: 'yellow', to: 'red', by: 'u-spl', byName: 'Sofie', reason: 'Feber' };
    expect(TriageEventSchema.parse(e)).toEqual(e);
    expect(TriageEventSchema.safeParse({ ...e, to: 'orange' }).success).toBe(false);
  });

  it('[R36] free text never holds a CPR number', () => {
    const n = { id: 'n1', cardId: 'c1', by: 'u-ssh', byName: 'Mette', at, note: 'falder meget' };
    expect(NominationSchema.parse(n)).toEqual(n);
    expect(NominationSchema.safeParse({ ...n, note: 'cpr 010203-1234' }).success).toBe(false);
    const q = { id: 'q1', cardId: null, text: 'Hvem dækker i påsken?', by: 'u', byName: 'Sara', at, status: 'open' };
    expect(VisitatorQuestionSchema.parse(q)).toEqual(q);
    expect(VisitatorQuestionSchema.safeParse({ ...q, text: '  ' }).success).toBe(false);
    expect(VisitatorQuestionSchema.safeParse({ ...q, text: 'Borger 0102031234?' }).success).toBe(false);
  });

  it('[R8] "sidst drøftet" is a calendar date per card', () => {
    expect(LastDiscussedSchema.parse({ c1: '2026-03-13' })).toEqual({ c1: '2026-03-13' });
    expect(LastDiscussedSchema.safeParse({ c1: '2026-02-30' }).success).toBe(false);
  });
});
