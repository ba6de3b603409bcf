import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISCUSSION_PROMPTS,
  DEFAULT_PHASES,
  DiscussionPromptsSchema,
  LIFECYCLE_DEFAULTS,
  cardsPerPage,
  wallCardStatus,
  wallPage,
  type Card,
  type CardLifecycle,
} from '../../shared/index.js';

const phases = [...DEFAULT_PHASES];
type LifecycleOverrides = { -readonly [K in keyof CardLifecycle]?: CardLifecycle[K] };

function card(over: Partial<Card> = {}, lifecycle: LifecycleOverrides = {}): Card {
  return {
    id: 'c1',
    name: 'Bo Berg',
    initials: 'BB',
    triage: 'green',
    forlobType: '',
    contactPerson: '',
    nextDueDate: null,
    note: '',
    position: { phaseId: 'uge2', key: 'a0' },
    phaseEnteredAt: '2026-03-26',
    createdAt: '2026-03-26T08:00:00.000Z',
    ...over,
    lifecycle: { ...LIFECYCLE_DEFAULTS, ...lifecycle },
  };
}

const HOUR = 3_600_000;
const START = '2026-03-26'; // Hørsholm 2/5/8/12: the week-2 follow-up is due 2 April, window to 8 April

describe('wallCardStatus: the one most urgent status, in words', () => {
  it('says nothing for a calm card and for a closed forløb', () => {
    expect(wallCardStatus(card(), { today: '2026-03-27', phases })).toEqual({
      kind: 'none',
      severity: 'calm',
      text: '',
    });
    const closed = card({ position: { phaseId: 'afsluttet', key: 'a0' }, nextDueDate: '2026-03-01' });
    expect(wallCardStatus(closed, { today: '2026-03-27', phases }).kind).toBe('none');
  });

  it('a hand-set due date three days ago reads "Frist overskredet 3 dage"', () => {
    const s = wallCardStatus(card({ nextDueDate: '2026-03-24' }), { today: '2026-03-27', phases });
    expect(s).toEqual({ kind: 'due-overdue', severity: 'alert', text: 'Frist overskredet 3 dage' });
    expect(wallCardStatus(card({ nextDueDate: '2026-03-27' }), { today: '2026-03-27', phases }).text).toBe(
      'Frist i dag',
    );
    expect(wallCardStatus(card({ nextDueDate: '2026-03-26' }), { today: '2026-03-27', phases, lang: 'en' }).text).toBe(
      'Deadline overdue 1 day',
    );
  });

  it('a follow-up due today, then forfalden, then overskredet in days', () => {
    const c = card({}, { startDate: START });
    expect(wallCardStatus(c, { today: '2026-04-02', phases }).text).toBe('Opfølgning i dag');
    expect(wallCardStatus(c, { today: '2026-04-05', phases })).toMatchObject({
      kind: 'follow-up-due',
      severity: 'warn',
      text: 'Opfølgning forfalden',
    });
    expect(wallCardStatus(c, { today: '2026-04-20', phases })).toEqual({
      kind: 'follow-up-overdue',
      severity: 'alert',
      text: 'Opfølgning overskredet 12 dage',
    });
  });

  it('an overdue response clock beats everything and reads in days after 48 hours', () => {
    const c = card({ triage: 'red', nextDueDate: '2026-03-20' }, { startDate: START });
    const clock = { status: 'overdue' as const, remainingMs: -(18 * 24 * HOUR + 5 * 60_000) };
    expect(wallCardStatus(c, { today: '2026-04-20', phases, clock })).toEqual({
      kind: 'clock-overdue',
      severity: 'alert',
      text: 'Svarfrist overskredet 18 dage',
    });
    const short = { status: 'overdue' as const, remainingMs: -(47 * HOUR + 59 * 60_000) };
    expect(wallCardStatus(c, { today: '2026-04-20', phases, clock: short }).text).toBe('Svarfrist overskredet 47 t');
    const minutes = { status: 'overdue' as const, remainingMs: -(40 * 60_000) };
    expect(wallCardStatus(c, { today: '2026-04-20', phases, clock: minutes }).text).toBe(
      'Svarfrist overskredet 40 min',
    );
  });

  it('a running clock comes after every overdue thing but before a follow-up due today', () => {
    const clock = { status: 'running' as const, remainingMs: 5 * HOUR + 10 * 60_000 };
    const due = card({ triage: 'yellow' }, { startDate: START });
    expect(wallCardStatus(due, { today: '2026-04-02', phases, clock }).text).toBe('Svarfrist om 5 t');
    expect(wallCardStatus(due, { today: '2026-04-20', phases, clock }).kind).toBe('follow-up-overdue');
    const handled = { status: 'handled' as const, remainingMs: 5 * HOUR };
    expect(wallCardStatus(due, { today: '2026-04-02', phases, clock: handled }).text).toBe('Opfølgning i dag');
  });

  it('an opstartsmøde: overdue after the 14 days (R3), and within its last days', () => {
    // no cadence template: only the opstart rule speaks
    const c = card(
      { position: { phaseId: 'visiteret', key: 'a0' } },
      { visitationDate: '2026-03-01', cadenceTemplateId: 'ingen' },
    );
    expect(
      wallCardStatus({ ...c, lifecycle: { ...c.lifecycle, cadenceTemplateId: null } }, { today: '2026-03-17', phases })
        .kind,
    ).toBe('follow-up-overdue');
    expect(wallCardStatus(c, { today: '2026-03-17', phases }).text).toBe('Opstart overskredet 2 dage');
    expect(wallCardStatus(c, { today: '2026-03-14', phases })).toMatchObject({
      kind: 'opstart-soon',
      severity: 'warn',
    });
  });

  it('a request waiting for the visitator when nothing else is pressing', () => {
    const request = {
      id: 'r1',
      kind: 'mere-tid' as const,
      reason: 'Mere tid om morgenen',
      by: 'u',
      byName: 'Anne',
      at: '2026-03-26T08:00:00.000Z',
      status: 'afventer' as const,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionNote: '',
    };
    expect(wallCardStatus(card({}, { requests: [request] }), { today: '2026-03-27', phases }).text).toBe(
      'Afventer visitator',
    );
  });
});

describe('wall paging', () => {
  it('fits n cards and n-1 gaps, at least one', () => {
    expect(cardsPerPage(900, 140, 6)).toBe(6); // 6·140 + 5·6 = 870
    expect(cardsPerPage(870, 140, 6)).toBe(6);
    expect(cardsPerPage(869, 140, 6)).toBe(5);
    expect(cardsPerPage(50, 140, 6)).toBe(1);
    expect(cardsPerPage(0, 0, 6)).toBe(1);
  });

  const items = Array.from({ length: 11 }, (_, i) => ({ id: `c${i}` }));
  it('turns the pages of a long column with the tick and never pages a short one', () => {
    expect(wallPage(items, 6, 0)).toMatchObject({ page: 0, pages: 2 });
    expect(wallPage(items, 6, 0).items.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(wallPage(items, 6, 1).items.map((c) => c.id)).toEqual(['c6', 'c7', 'c8', 'c9', 'c10']);
    expect(wallPage(items, 6, 2).page).toBe(0);
    expect(wallPage(items.slice(0, 6), 6, 7)).toMatchObject({ page: 0, pages: 1 });
    expect(wallPage([], 6, 3)).toMatchObject({ page: 0, pages: 1, items: [] });
  });

  it('shows the page of a pinned card (being discussed or pointed at) whatever the tick', () => {
    expect(wallPage(items, 6, 0, ['c8']).page).toBe(1);
    expect(wallPage(items, 6, 1, ['c2']).page).toBe(0);
    expect(wallPage(items, 6, 1, ['other']).page).toBe(1);
  });
});

describe('discussion prompts (R11, R12)', () => {
  it('the defaults validate against the strict schema a municipality configures', () => {
    expect(DiscussionPromptsSchema.parse(DEFAULT_DISCUSSION_PROMPTS)).toEqual(DEFAULT_DISCUSSION_PROMPTS);
    expect(DEFAULT_DISCUSSION_PROMPTS.triedAlready.map((p) => p.da)).toEqual(
      expect.arrayContaining(['Hjælpemidler', 'Velfærdsteknologi', 'Klinik', 'Civilsamfund']),
    );
    expect(DiscussionPromptsSchema.safeParse({ ...DEFAULT_DISCUSSION_PROMPTS, extra: 1 }).success).toBe(false);
  });
});
