import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc, DEFAULT_PHASES, localOrigin, type BoardInit, type Card, type Triage } from '../../shared/index.js';
import {
  DEFAULT_TRIAGE_CONFIG,
  cardResponseClock,
  currentResponse,
  TriageConfigSchema,
  changedSince,
  dayFocus,
  formatDuration,
  formatElapsed,
  isoWeekday,
  legalFamily,
  matchesFocus,
  responseClock,
  triageCounts,
  triageSince,
  triageSort,
} from '../../shared/rules/triage.js';
import type { TriageEvent, TriageResponse } from '../../shared/model/meeting.js';
import { isClosedCard } from '../../shared/rules/lifecycle.js';

const INIT: BoardInit = { id: 'board-1', teamId: 'team-nord', name: 'Team Nord', phases: [...DEFAULT_PHASES] };
const me = localOrigin('u-koordinator');

interface Spec {
  id: string;
  name: string;
  triage?: Triage;
  createdAt?: string;
  legalBasis?: string;
  closedOn?: string;
}

/** Real Card snapshots from a BoardDoc. */
function buildCards(specs: Spec[]): Card[] {
  let clock = new Date('2026-03-01T08:00:00.000Z');
  const b = new BoardDoc(new Y.Doc(), { now: () => clock });
  b.initialize(INIT);
  for (const s of specs) {
    clock = new Date(s.createdAt ?? '2026-03-01T08:00:00.000Z');
    b.createCard({ name: s.name, phaseId: 'opstart', triage: s.triage ?? 'green' }, me, s.id);
    if (s.legalBasis !== undefined) b.setLifecycle(s.id, { legalBasis: s.legalBasis }, me);
    if (s.closedOn) b.closeForlob(s.id, { outcome: 'afsluttet', closedOn: s.closedOn, by: 'u-visitator' }, me);
  }
  return b.cards();
}

const event = (cardId: string, at: string, from: Triage, to: Triage, byName = 'Sofie'): TriageEvent => ({
  cardId,
  at,
  from,
  to,
  by: 'u-spl',
  byName,
});

describe('[R11] response clocks (Danish municipal triage practice)', () => {
  // Red at 10:00 Danish winter time on Friday 13 March 2026.
  const since = '2026-03-13T09:00:00.000Z';

  it('[R11] red: a nurse assessment within 24 hours, running until the deadline itself', () => {
    const c = responseClock({ triage: 'red', since, now: '2026-03-13T15:40:00.000Z' });
    expect(c).toMatchObject({ deadline: '2026-03-14T09:00:00.000Z', status: 'running', handledInTime: null });
    expect(c.remainingMs).toBe((17 * 60 + 20) * 60_000);
    expect(c.label).toBe('sygeplejerskevurdering senest 14.03 kl. 10:00 (om 17 t 20 min)');
    expect(responseClock({ triage: 'red', since, now: '2026-03-14T09:00:00.000Z' })).toMatchObject({
      status: 'running',
      remainingMs: 0,
    });
  });

  it('[R11] red: one minute past the deadline is overdue', () => {
    const c = responseClock({ triage: 'red', since, now: '2026-03-14T11:05:00.000Z' });
    expect(c.status).toBe('overdue');
    expect(c.label).toBe('sygeplejerskevurdering overskredet med 2 t 5 min');
    expect(responseClock({ triage: 'red', since, now: '2026-03-14T11:05:00.000Z', lang: 'en' }).label).toBe(
      'nurse assessment overdue by 2 h 5 min',
    );
  });

  it('[R11] overdue for more than 48 hours reads in days, not "432 t 5 min"', () => {
    const c = responseClock({ triage: 'red', since, now: '2026-04-01T09:05:00.000Z' });
    expect(c.label).toBe('sygeplejerskevurdering overskredet med 18 dage');
  });

  it('[R11] yellow: an action plan within 48 hours', () => {
    const c = responseClock({ triage: 'yellow', since, now: since, lang: 'en' });
    expect(c).toMatchObject({ deadline: '2026-03-15T09:00:00.000Z', status: 'running' });
    expect(c.label).toBe('action plan by 15/03 10:00 (in 48 h)');
  });

  it('[R11] handled: in time or late, whatever the clock says now', () => {
    const inTime = responseClock({
      triage: 'red',
      since,
      now: '2026-03-20T09:00:00.000Z',
      handledAt: '2026-03-13T14:00:00.000Z',
    });
    expect(inTime).toMatchObject({ status: 'handled', handledInTime: true });
    expect(inTime.label).toBe('sygeplejerskevurdering udført 13.03 kl. 15:00');
    const late = responseClock({
      triage: 'red',
      since,
      now: '2026-03-20T09:00:00.000Z',
      handledAt: '2026-03-15T09:00:00.000Z',
    });
    expect(late).toMatchObject({ status: 'handled', handledInTime: false });
    expect(late.label).toMatch(/\(for sent\)$/);
  });

  it('[R11] green has no clock; a municipality can configure its own hours, or none', () => {
    expect(responseClock({ triage: 'green', since, now: since })).toEqual({
      deadline: null,
      remainingMs: null,
      status: 'none',
      handledInTime: null,
      label: '',
    });
    const config = TriageConfigSchema.parse({
      red: { hours: 4, action: { da: 'lægekontakt', en: 'GP contact' } },
      yellow: null,
    });
    expect(config.green).toBeNull();
    expect(responseClock({ triage: 'red', since, now: since, config }).deadline).toBe('2026-03-13T13:00:00.000Z');
    expect(responseClock({ triage: 'yellow', since, now: since, config }).status).toBe('none');
    expect(DEFAULT_TRIAGE_CONFIG).toMatchObject({ red: { hours: 24 }, yellow: { hours: 48 }, green: null });
  });

  it('[R11] across the spring DST switch (29 March 2026) 24 hours are 24 real hours: 10:00 CET → 11:00 CEST', () => {
    const c = responseClock({ triage: 'red', since: '2026-03-28T10:00:00+01:00', now: '2026-03-29T08:00:00.000Z' });
    expect(c.deadline).toBe('2026-03-29T09:00:00.000Z');
    expect(c.label).toBe('sygeplejerskevurdering senest 29.03 kl. 11:00 (om 1 t)');
  });

  it('[R11] across the autumn DST switch (25 October 2026): 10:00 CEST → 09:00 CET', () => {
    const c = responseClock({ triage: 'red', since: '2026-10-24T10:00:00+02:00', now: '2026-10-25T07:59:00.000Z' });
    expect(c.deadline).toBe('2026-10-25T08:00:00.000Z');
    expect(c.label).toBe('sygeplejerskevurdering senest 25.10 kl. 09:00 (om 1 min)');
  });

  it('rejects a garbage instant instead of computing NaN', () => {
    expect(() => responseClock({ triage: 'red', since: 'i går', now: since })).toThrow(RangeError);
    expect(formatDuration(-59_999)).toBe('0 min');
  });
});

describe('[R11] sorting and counting by colour', () => {
  const cards = buildCards([
    { id: 'g1', name: 'Grete', triage: 'green' },
    { id: 'y1', name: 'Yrsa', triage: 'yellow' },
    { id: 'r2', name: 'Bodil', triage: 'red' },
    { id: 'r1', name: 'Åge', triage: 'red' },
    { id: 'r3', name: 'Aksel', triage: 'red' },
    { id: 'x1', name: 'Xenia', triage: 'red', closedOn: '2026-03-10' },
  ]);
  const events = [
    event('r2', '2026-03-10T08:00:00.000Z', 'yellow', 'red'),
    event('r1', '2026-03-12T08:00:00.000Z', 'yellow', 'red'),
    event('r3', '2026-03-12T08:00:00.000Z', 'green', 'red'),
  ];

  it('[R11] triageSince: the latest event into the current colour, else the card’s creation', () => {
    const byId = (id: string) => cards.find((c) => c.id === id)!;
    expect(triageSince(byId('r2'), [...events, event('r2', '2026-03-05T08:00:00.000Z', 'green', 'red')])).toBe(
      '2026-03-10T08:00:00.000Z',
    );
    expect(triageSince(byId('y1'), events)).toBe('2026-03-01T08:00:00.000Z');
  });

  it('[R11] red, yellow, green; the longest in colour first; then Danish name order', () => {
    const open = cards.filter((c) => !isClosedCard(c));
    const order = triageSort(open, events).map((c) => c.id);
    expect(order).toEqual(['r2', 'r3', 'r1', 'y1', 'g1']);
    expect(triageSort([...open].reverse(), events).map((c) => c.id)).toEqual(order);
  });

  it('[R11] triageCounts counts open forløb only', () => {
    expect(triageCounts(cards)).toEqual({ red: 3, yellow: 1, green: 1, total: 5 });
    expect(triageCounts([])).toEqual({ red: 0, yellow: 0, green: 0, total: 0 });
  });
});

describe('[R11] changedSince: triage changes since the last meeting', () => {
  const last = '2026-03-13T09:00:00.000Z';
  const events = [
    event('a', '2026-03-13T09:00:00.000Z', 'green', 'yellow'), // at the meeting: not after it
    event('a', '2026-03-14T09:00:00.000Z', 'yellow', 'red', 'Sofie'),
    event('b', '2026-03-14T08:00:00.000Z', 'yellow', 'red'),
    event('b', '2026-03-15T08:00:00+01:00', 'red', 'yellow', 'Per'),
    event('c', '2026-03-12T08:00:00.000Z', 'green', 'red'),
  ];

  it('[R11] one entry per card: first from, latest to, how many changes', () => {
    const changes = changedSince(events, last);
    expect(changes.map((c) => [c.cardId, c.from, c.to, c.count, c.byName])).toEqual([
      ['a', 'yellow', 'red', 1, 'Sofie'],
      ['b', 'yellow', 'yellow', 2, 'Per'],
    ]);
  });

  it('[R11] no previous meeting: nothing is "changed"; `until` cuts off later events', () => {
    expect(changedSince(events, null)).toEqual([]);
    expect(changedSince(events, last, '2026-03-14T08:30:00.000Z').map((c) => c.cardId)).toEqual(['b']);
  });
});

describe('[R7] day focus: servicelov on the visitator’s day, sundhedslov on the others', () => {
  const SONDERBORG = [2, 4]; // Tuesday and Thursday (S2:3999-4008)

  it('[R7] isoWeekday counts 1 = Monday … 7 = Sunday on calendar dates', () => {
    expect(['2026-03-16', '2026-03-17', '2026-03-22'].map(isoWeekday)).toEqual([1, 2, 7]);
    expect(() => isoWeekday('2026-02-30')).toThrow(RangeError);
  });

  it('[R7] Sønderborg: Tuesday and Thursday are SEL days, the rest SUL', () => {
    expect(dayFocus('2026-03-17', SONDERBORG)).toBe('SEL');
    expect(dayFocus('2026-03-19', SONDERBORG)).toBe('SEL');
    expect(dayFocus('2026-03-18', SONDERBORG)).toBe('SUL');
    expect(dayFocus('2026-03-16', [])).toBe('SUL');
  });

  it('[R4][R7] legal basis decides the focus; an untagged citizen is never hidden', () => {
    const [sel, sul, aeldre, none] = buildCards([
      { id: 'a', name: 'A', legalBasis: 'SEL §83a' },
      { id: 'b', name: 'B', legalBasis: 'SUL §138' },
      { id: 'c', name: 'C', legalBasis: 'Ældreloven §10' },
      { id: 'd', name: 'D' },
    ]) as [Card, Card, Card, Card];
    expect([sel, sul, aeldre, none].map((c) => matchesFocus(c, 'SEL'))).toEqual([true, false, true, true]);
    expect([sel, sul, aeldre, none].map((c) => matchesFocus(c, 'SUL'))).toEqual([false, true, false, true]);
    expect(legalFamily('serviceloven § 83')).toBe('SEL');
    expect(legalFamily('Sundhedsloven §140')).toBe('SUL');
    expect(legalFamily('Selvvalgt')).toBeNull();
  });
});

describe('formatElapsed (how long a citizen has had a colour)', () => {
  it('shows hours and minutes up to two days, then whole days', () => {
    const h = 3_600_000;
    expect(formatElapsed(5 * 60_000)).toBe('5 min');
    expect(formatElapsed(47 * h + 30 * 60_000)).toBe('47 t 30 min');
    expect(formatElapsed(48 * h)).toBe('2 dage');
    expect(formatElapsed(19 * 24 * h + 5 * h)).toBe('19 dage');
    expect(formatElapsed(19 * 24 * h, 'en')).toBe('19 days');
    expect(formatElapsed(3 * h, 'en')).toBe('3 h');
  });
});

describe('[R11] the response clock on a card (cardResponseClock)', () => {
  // Green card made 1 March; turned red at 10:00 Danish time on 13 March.
  const [card] = buildCards([{ id: 'k1', name: 'Karen', triage: 'red' }]) as [Card];
  const events = [event('k1', '2026-03-13T09:00:00.000Z', 'green', 'red')];
  const response = (over: Partial<TriageResponse> = {}): TriageResponse => ({
    cardId: 'k1',
    triage: 'red',
    since: '2026-03-13T09:00:00.000Z',
    at: '2026-03-13T15:00:00.000Z',
    by: 'u-spl',
    byName: 'Sofie',
    ...over,
  });

  it('runs from the instant of the current colour and turns overdue after 24 hours', () => {
    const running = cardResponseClock(card, { events, now: '2026-03-14T08:59:00.000Z' })!;
    expect(running.status).toBe('running');
    expect(running.since).toBe('2026-03-13T09:00:00.000Z');
    expect(running.deadline).toBe('2026-03-14T09:00:00.000Z');
    expect(running.action).toBe('sygeplejerskevurdering');
    const overdue = cardResponseClock(card, { events, now: '2026-03-14T10:30:00.000Z' })!;
    expect(overdue.status).toBe('overdue');
    expect(overdue.label).toBe('sygeplejerskevurdering overskredet med 1 t 30 min');
  });

  it('a response for the current episode stops the clock; one for an earlier episode does not', () => {
    const handled = cardResponseClock(card, { events, response: response(), now: '2026-03-20T00:00:00.000Z' })!;
    expect(handled.status).toBe('handled');
    expect(handled.handledInTime).toBe(true);
    expect(handled.response?.byName).toBe('Sofie');
    const old = response({ since: '2026-03-01T08:00:00.000Z' });
    expect(currentResponse(card, '2026-03-13T09:00:00.000Z', old)).toBeNull();
    const stale = cardResponseClock(card, { events, response: old, now: '2026-03-20T00:00:00.000Z' })!;
    expect(stale.status).toBe('overdue');
    expect(currentResponse(card, '2026-03-13T09:00:00.000Z', response({ triage: 'yellow' }))).toBeNull();
    expect(currentResponse(card, '2026-03-13T09:00:00.000Z', response({ cardId: 'other' }))).toBeNull();
  });

  it('uses the municipality configuration: other hours, or no clock for a colour', () => {
    const config = TriageConfigSchema.parse({
      red: { hours: 4, action: { da: 'lægevurdering', en: 'GP assessment' } },
      yellow: null,
    });
    const c = cardResponseClock(card, { events, now: '2026-03-13T14:00:00.000Z', config, lang: 'en' })!;
    expect(c.status).toBe('overdue');
    expect(c.action).toBe('GP assessment');
    const [yellow] = buildCards([{ id: 'y1', name: 'Yrsa', triage: 'yellow' }]) as [Card];
    expect(cardResponseClock(yellow, { events: [], now: '2026-03-13T14:00:00.000Z', config })).toBeNull();
    const yDefault = cardResponseClock(yellow, { events: [], now: '2026-03-02T08:00:00.000Z' })!;
    expect(yDefault.deadline).toBe('2026-03-03T08:00:00.000Z');
    expect(yDefault.action).toBe('handleplan');
  });

  it('green cards and closed forløb have no clock', () => {
    const [green, closed] = buildCards([
      { id: 'g1', name: 'Gert' },
      { id: 'c1', name: 'Carl', triage: 'red', closedOn: '2026-03-05' },
    ]) as [Card, Card];
    expect(cardResponseClock(green, { events: [], now: '2026-03-13T14:00:00.000Z' })).toBeNull();
    expect(cardResponseClock(closed, { events: [], now: '2026-03-13T14:00:00.000Z' })).toBeNull();
  });
});
