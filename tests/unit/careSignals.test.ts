import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { localOrigin } from '../../shared/doc/origins.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import type { Card } from '../../shared/model/card.js';
import { DEFAULT_CARE_SIGNAL_SETTINGS, type Decline } from '../../shared/model/careSignals.js';
import type { LocalOffer } from '../../shared/model/localOffers.js';
import { reasonText } from '../../shared/rules/agenda.js';
import { planAgenda, type PlanAgendaInput } from '../../shared/rules/agendaPlan.js';
import {
  declinePattern,
  declinePatternText,
  dischargeAwaitingReview,
  recentDeclines,
} from '../../shared/rules/careSignals.js';
import { offersForCard, offersInDistricts, searchOffers } from '../../shared/rules/localOffers.js';
import { isClosedCard } from '../../shared/rules/lifecycle.js';
import { projectCardForScreen } from '../../shared/doc/screenProjection.js';
import { linkedOfferIds, refusalFor, refusalMessage, type BoardWrite } from '../../shared/rules/writeRules.js';

/*
 * Issue #16 part 5: the discharge flag and "nej tak" on the agenda (R24, R27), their write
 * rules, and the local offers search and focus-view matching (R26). Every clock is fixed.
 */
const anne = localOrigin('u-anne');
/** Monday 16 March 2026, 08:00 in Copenhagen. */
const TODAY = '2026-03-16';
const NOW = '2026-03-16T07:00:00.000Z';
const LAST = '2026-03-13T07:15:00.000Z';

function newBoard(clock: { t: Date }): BoardDoc {
  const b = new BoardDoc(new Y.Doc(), { now: () => clock.t });
  b.initialize({ id: 'b', teamId: 't', name: 'Team', phases: [...DEFAULT_PHASES] });
  return b;
}

function citizen(b: BoardDoc, id: string): void {
  b.createCard({ name: `Borger ${id}`, phaseId: 'uge5' }, anne, id);
  // long into the forløb, without fixed follow-ups: nothing else puts them on the agenda
  b.setLifecycle(
    id,
    { startDate: '2025-10-01', visitationDate: '2025-10-01', cadenceTemplateId: 'syddjurs-individuel' },
    anne,
  );
  b.markOpstartHeld(id, '2025-10-01', anne);
}

const decline = (id: string, at: string): Decline => ({ id, at, by: 'u-anne', byName: 'Anne', what: 'Bad' });

function plan(cards: Card[], over: Partial<PlanAgendaInput> = {}) {
  return planAgenda({
    meetingType: 'tavlemoede',
    cards,
    today: TODAY,
    now: NOW,
    lastMeetingAt: LAST,
    config: { phases: [...DEFAULT_PHASES], visitatorDays: [4] },
    ...over,
  });
}

const reasonsOf = (p: ReturnType<typeof plan>, cardId: string) =>
  p.items.find((i) => i.cardId === cardId)?.reasons ?? [];

describe('"nej tak" threshold (R24): N declines in D days, a rolling window', () => {
  const now = new Date(NOW);
  it('counts only declines within the last D days, oldest first', () => {
    const list = [
      decline('d3', '2026-03-15T10:00:00.000Z'),
      decline('d1', '2026-03-01T07:00:00.000Z'), // exactly 15 days before: outside 14
      decline('d2', '2026-03-03T09:00:00.000Z'),
      decline('d4', '2026-03-17T09:00:00.000Z'), // after now: not yet
    ];
    expect(recentDeclines(list, now, 14).map((d) => d.id)).toEqual(['d2', 'd3']);
  });

  it('two in 14 days is below the default threshold; the third reaches it', () => {
    const two = [decline('a', '2026-03-05T09:00:00.000Z'), decline('b', '2026-03-10T09:00:00.000Z')];
    expect(declinePattern(two, now, DEFAULT_CARE_SIGNAL_SETTINGS)).toBeNull();
    const three = [...two, decline('c', '2026-03-15T18:30:00.000Z')];
    // 18:30 UTC on 15 March is 19:30 in Copenhagen, still the 15th
    expect(declinePattern(three, now, DEFAULT_CARE_SIGNAL_SETTINGS)).toEqual({
      count: 3,
      days: 14,
      lastOn: '2026-03-15',
    });
  });

  it('the municipality sets N and D: 2 in 7 days', () => {
    const two = [decline('a', '2026-03-10T09:00:00.000Z'), decline('b', '2026-03-12T09:00:00.000Z')];
    expect(declinePattern(two, now, { declineCount: 2, declineDays: 7 })?.count).toBe(2);
    expect(declinePattern(two, now, { declineCount: 2, declineDays: 5 })).toBeNull();
  });

  it('reads in plain Danish', () => {
    expect(declinePatternText({ count: 3, days: 14 })).toBe('Har sagt nej tak 3 gange på 14 dage');
  });
});

describe('agenda reasons for discharge and "nej tak"', () => {
  it('a discharged citizen is on the agenda with the reason until the review is marked done', () => {
    const clock = { t: new Date('2026-03-14T10:00:00.000Z') };
    const b = newBoard(clock);
    citizen(b, 'u1');
    b.flagDischarge('u1', { date: '2026-03-14', by: 'u-anne', byName: 'Anne' }, anne);
    expect(dischargeAwaitingReview(b.card('u1')!)?.date).toBe('2026-03-14');

    const p = plan(b.cards());
    const reasons = reasonsOf(p, 'u1');
    expect(reasons.map((r) => r.code)).toContain('discharged');
    expect(p.items.findIndex((i) => i.cardId === 'u1')).toBeLessThan(p.mustCount);
    expect(
      reasonText(
        reasons.find((r) => r.code === 'discharged')!,
        TODAY,
      ),
    ).toBe('udskrevet fra hospital 14.03 – gennemgås med planlægger');
    // discussed yesterday but not reviewed with the planner: still a must
    expect(reasonsOf(plan(b.cards(), { lastDiscussed: { u1: '2026-03-15' } }), 'u1').map((r) => r.code)).toContain(
      'discharged',
    );

    clock.t = new Date('2026-03-15T09:00:00.000Z');
    b.markDischargeReviewed('u1', { by: 'u-frederik', byName: 'Frederik Dahl' }, anne);
    const card = b.card('u1')!;
    expect(card.lifecycle.discharge).toMatchObject({
      reviewedBy: 'u-frederik',
      reviewedAt: '2026-03-15T09:00:00.000Z',
    });
    expect(dischargeAwaitingReview(card)).toBeNull();
    expect(reasonsOf(plan(b.cards()), 'u1').map((r) => r.code)).not.toContain('discharged');
  });

  it('three "nej tak" in 14 days puts the citizen on the agenda with that reason, and never closes the forløb', () => {
    const clock = { t: new Date('2026-03-05T09:00:00.000Z') };
    const b = newBoard(clock);
    citizen(b, 'n1');
    for (const at of ['2026-03-05T09:00:00.000Z', '2026-03-10T09:00:00.000Z']) {
      clock.t = new Date(at);
      b.addDecline('n1', { by: 'u-anne', byName: 'Anne', what: 'Bad' }, anne);
    }
    expect(reasonsOf(plan(b.cards()), 'n1').map((r) => r.code)).not.toContain('declined');

    clock.t = new Date('2026-03-15T09:00:00.000Z');
    b.addDecline('n1', { by: 'u-anne', byName: 'Anne', what: 'Rengøring' }, anne);
    const p = plan(b.cards());
    const reason = reasonsOf(p, 'n1').find((r) => r.code === 'declined');
    expect(reason).toEqual({ code: 'declined', count: 3, days: 14, lastOn: '2026-03-15' });
    expect(reasonText(reason!, TODAY)).toBe('har sagt nej tak 3 gange på 14 dage');
    expect(p.items.findIndex((i) => i.cardId === 'n1')).toBeLessThan(p.mustCount);
    const card = b.card('n1')!;
    expect(card.lifecycle.closure).toBeNull();
    expect(isClosedCard(card, DEFAULT_PHASES)).toBe(false);
    expect(card.position.phaseId).toBe('uge5');
  });

  it('once discussed after the latest decline it is no longer a must (it may still come up in the rotation)', () => {
    const clock = { t: new Date('2026-03-10T09:00:00.000Z') };
    const b = newBoard(clock);
    citizen(b, 'n1');
    for (const d of ['08', '09', '10']) {
      clock.t = new Date(`2026-03-${d}T09:00:00.000Z`);
      b.addDecline('n1', { by: 'u-anne', what: 'Bad' }, anne);
    }
    const p = plan(b.cards(), { lastDiscussed: { n1: '2026-03-13' } });
    const idx = p.items.findIndex((i) => i.cardId === 'n1');
    expect(idx === -1 || idx >= p.mustCount).toBe(true);
  });

  it('the municipality threshold reaches the agenda through the config', () => {
    const clock = { t: new Date('2026-03-12T09:00:00.000Z') };
    const b = newBoard(clock);
    citizen(b, 'n1');
    b.addDecline('n1', { by: 'u-anne', what: 'Bad' }, anne);
    clock.t = new Date('2026-03-14T09:00:00.000Z');
    b.addDecline('n1', { by: 'u-anne', what: 'Bad' }, anne);
    const settings = { dischargeLane: true, declineCount: 2, declineDays: 7 };
    const p = plan(b.cards(), { config: { phases: [...DEFAULT_PHASES], careSignals: settings } });
    expect(reasonsOf(p, 'n1').find((r) => r.code === 'declined')).toMatchObject({ count: 2, days: 7 });
  });

  it('keeps the daily 15-minute budget: a board full of quiet citizens still fits with a discharge on it', () => {
    const clock = { t: new Date('2026-03-14T10:00:00.000Z') };
    const b = newBoard(clock);
    for (let k = 0; k < 60; k++) citizen(b, `g${k}`);
    b.flagDischarge('g7', { date: '2026-03-14', by: 'u-anne' }, anne);
    const p = plan(b.cards());
    expect(p.budgetMin).toBe(15);
    expect(p.plannedMin).toBeLessThanOrEqual(15);
    expect(p.items[0]!.cardId).toBe('g7');
  });
});

describe('write rules: "nej tak" is append-only, offer links are checked', () => {
  function transition(edit: (b: BoardDoc) => void): BoardWrite {
    const clock = { t: new Date(NOW) };
    const before = newBoard(clock);
    citizen(before, 'c1');
    before.addDecline('c1', { id: 'd0', by: 'u-anne', what: 'Bad' }, anne);
    const after = new BoardDoc(new Y.Doc(), { now: () => clock.t });
    Y.applyUpdate(after.doc, Y.encodeStateAsUpdate(before.doc));
    edit(after);
    return {
      metaKeys: [],
      phaseIds: [],
      cards: [{ cardId: 'c1', before: before.card('c1'), after: after.card('c1') }],
      startedMeetingsDeleted: [],
      phases: [...DEFAULT_PHASES],
    };
  }
  const removeDecline = (b: BoardDoc) =>
    b.doc.transact(() =>
      ((b.doc.getMap('cards').get('c1') as Y.Map<unknown>).get('declines') as Y.Map<unknown>).delete('d0'),
    );

  it('anyone may add a decline', () => {
    const w = transition((b) => b.addDecline('c1', { by: 'u-anne', what: 'Rengøring' }, anne));
    expect(refusalFor('ssh', w, null)).toBeNull();
  });

  it('removing or changing a logged decline is refused for staff, allowed for an administrator', () => {
    const w = transition(removeDecline);
    expect(refusalFor('ssh', w, null)).toMatchObject({ code: 'decline_append_only', path: 'cards.c1.declines' });
    expect(refusalFor('koordinator', w, null)?.code).toBe('decline_append_only');
    expect(refusalFor('administrator', w, null)).toBeNull();
    expect(refusalMessage('decline_append_only')).toMatch(/nej tak kan ikke ændres/);
  });

  it('an update linking offers names them for the gate to check', () => {
    const w = transition((b) => b.linkOffer('c1', 'o-besog', { by: 'u-anne' }, anne));
    expect(linkedOfferIds(w)).toEqual(['o-besog']);
    expect(linkedOfferIds(transition((b) => b.unlinkOffer('c1', 'o-besog', anne)))).toEqual([]);
  });
});

const offer = (id: string, name: string, tags: string[], extra: Partial<LocalOffer> = {}): LocalOffer => ({
  id,
  municipalityId: 'demo',
  districtId: null,
  name,
  what: '',
  area: 'Nordby',
  contact: '',
  tags,
  updatedAt: NOW,
  ...extra,
});

const OFFERS = [
  offer('o1', 'Besøgsven – Ældre Sagen', ['ensomhed', 'samvær']),
  offer('o2', 'Gåhold ved Søen', ['gangfunktion', 'motion'], { area: 'Sønderby' }),
  offer('o3', 'Spisefællesskab i Medborgerhuset', ['ensomhed', 'måltider']),
  offer('o4', 'Seniorklubben Åbo', ['fællesskab'], { what: 'Kortspil og kaffe hver tirsdag' }),
];

describe('local offers per district (R26)', () => {
  it('a team sees the whole municipality’s offers and its own districts’; the administrator every one', () => {
    const offers = [
      offer('o1', 'Besøgsven', [], { districtId: null }),
      offer('o2', 'Gåhold ved Stranden', [], { districtId: 'd-kyst' }),
      offer('o3', 'Seniorklub Midtby', [], { districtId: 'd-midt' }),
    ];
    expect(offersInDistricts(offers, new Set(['d-midt'])).map((o) => o.id)).toEqual(['o1', 'o3']);
    expect(offersInDistricts(offers, new Set()).map((o) => o.id)).toEqual(['o1']);
    expect(offersInDistricts(offers, 'all').map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
  });
});

describe('local offers search (like the phone search: æøå optional)', () => {
  it('finds by name, area, what and tags, typed without Danish letters', () => {
    expect(searchOffers(OFFERS, 'besogsven').map((o) => o.id)).toEqual(['o1']);
    expect(searchOffers(OFFERS, 'gaahold').map((o) => o.id)).toEqual(['o2']);
    expect(searchOffers(OFFERS, 'sonderby').map((o) => o.id)).toEqual(['o2']);
    expect(searchOffers(OFFERS, 'kortspil').map((o) => o.id)).toEqual(['o4']);
    expect(searchOffers(OFFERS, 'ENSOM').map((o) => o.id)).toEqual(['o1', 'o3']);
    expect(searchOffers(OFFERS, 'abo').map((o) => o.id)).toEqual(['o4']);
  });

  it('every word must match; an empty query lists all in Danish order', () => {
    expect(searchOffers(OFFERS, 'ensomhed spise').map((o) => o.id)).toEqual(['o3']);
    expect(searchOffers(OFFERS, 'ensomhed golf')).toEqual([]);
    expect(searchOffers(OFFERS, '  ').map((o) => o.id)).toEqual(['o1', 'o2', 'o4', 'o3']);
  });
});

describe('offers for the focus view', () => {
  it('a citizen with the goal "ensomhed" is prompted with the besøgsven and spisefællesskab; linked ones first', () => {
    const b = newBoard({ t: new Date(NOW) });
    citizen(b, 'c1');
    b.addGoal('c1', { kind: 'citizen', text: 'Mindre ensomhed – komme ud blandt andre' }, anne);
    const hits = offersForCard(b.card('c1')!, OFFERS);
    expect(hits.map((h) => h.offer.id)).toEqual(['o1', 'o3']);
    expect(hits[0]!.tags).toEqual(['ensomhed']);

    b.linkOffer('c1', 'o4', { by: 'u-anne' }, anne);
    const linked = offersForCard(b.card('c1')!, OFFERS);
    expect(linked[0]).toMatchObject({ linked: true, offer: { id: 'o4' } });
  });

  it('no goal that fits, nothing linked: no prompt', () => {
    const b = newBoard({ t: new Date(NOW) });
    citizen(b, 'c1');
    expect(offersForCard(b.card('c1')!, OFFERS)).toEqual([]);
  });
});

describe('the wall screen', () => {
  it('gets no discharge, no "nej tak" and no linked offers (health events, names, free text)', () => {
    const b = newBoard({ t: new Date(NOW) });
    citizen(b, 'c1');
    b.flagDischarge('c1', { date: '2026-03-14', by: 'u-anne', byName: 'Anne Holm' }, anne);
    b.addDecline('c1', { by: 'u-anne', byName: 'Anne Holm', what: 'Bad – vil hellere i bad om aftenen' }, anne);
    b.linkOffer('c1', 'o1', { by: 'u-anne', byName: 'Anne Holm' }, anne);
    const projected = projectCardForScreen(b.card('c1')!, { phaseId: 'uge5', key: 'a0' });
    expect(projected).not.toHaveProperty('discharge');
    expect(projected.declines).toEqual({});
    expect(projected.offerLinks).toEqual({});
    expect(JSON.stringify(projected)).not.toMatch(/Anne|aften|2026-03-14/);
  });
});
