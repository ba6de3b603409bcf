import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PHASES,
  LIFECYCLE_DEFAULTS,
  dueToday,
  foldSearchText,
  matchesCitizen,
  myCitizens,
  namesStaff,
  searchActiveCitizens,
  type Card,
  type CardLifecycle,
} from '../../shared/index.js';

const phases = [...DEFAULT_PHASES];
const TODAY = '2026-03-26';

type Overrides = Partial<Omit<Card, 'lifecycle'>> & { lifecycle?: Partial<CardLifecycle> };

function card(id: string, name: string, o: Overrides = {}): Card {
  const { lifecycle, ...rest } = o;
  return {
    id,
    name,
    initials: '',
    triage: 'green',
    forlobType: '',
    contactPerson: '',
    nextDueDate: null,
    note: '',
    position: { phaseId: 'uge2', key: 'a0' },
    phaseEnteredAt: '2026-03-20',
    createdAt: '2026-03-20T08:00:00.000Z',
    ...rest,
    lifecycle: { ...LIFECYCLE_DEFAULTS, ...lifecycle } as CardLifecycle,
  };
}

describe('foldSearchText', () => {
  it('lower-cases, keeps æøå, drops other accents and collapses spaces', () => {
    expect(foldSearchText('  SØREN   Ærø ÅBERG ')).toBe('søren ærø åberg');
    expect(foldSearchText('José Müller')).toBe('jose muller');
    // A decomposed Å (A + combining ring) is the same letter as a composed one.
    expect(foldSearchText('A\u030Ase')).toBe('åse');
  });
});

describe('matchesCitizen', () => {
  const soren = card('c1', 'Søren Ærø Åberg');
  it('matches the start of any word of the name, case-insensitively', () => {
    expect(matchesCitizen(soren, 'sør')).toBe(true);
    expect(matchesCitizen(soren, 'ÅBERG')).toBe(true);
    expect(matchesCitizen(soren, 'åb sø')).toBe(true);
    expect(matchesCitizen(soren, 'ren')).toBe(false);
    expect(matchesCitizen(soren, 'søren jensen')).toBe(false);
  });
  it('finds æøå written without Danish letters', () => {
    for (const q of ['soren', 'soeren', 'aeroe', 'aaberg', 'aberg', 'Aero'])
      expect(matchesCitizen(soren, q)).toBe(true);
  });
  it('finds accented names typed without accents', () => {
    expect(matchesCitizen(card('c2', 'René Müller'), 'rene mul')).toBe(true);
  });
  it('matches the initials, the card’s own first, else those of the name', () => {
    expect(matchesCitizen(soren, 'SÆÅ')).toBe(true);
    expect(matchesCitizen(soren, 'sæ')).toBe(true);
    expect(matchesCitizen(card('c3', 'Karen Marie Jensen', { initials: 'KJ' }), 'kj')).toBe(true);
    expect(matchesCitizen(card('c3', 'Karen Marie Jensen', { initials: 'KJ' }), 'kmj')).toBe(false);
    expect(matchesCitizen(card('c3', 'Karen Marie Jensen'), 'K.M.J.')).toBe(true);
  });
  it('an empty query matches nobody', () => {
    expect(matchesCitizen(soren, '   ')).toBe(false);
  });
  it('words of double names are found after the dash', () => {
    expect(matchesCitizen(card('c4', 'Anne-Sofie Ørsted'), 'sofie')).toBe(true);
  });
});

describe('searchActiveCitizens', () => {
  it('returns active matches in Danish alphabetical order and never closed forløb', () => {
    const cards = [
      card('a', 'Åse Hansen'),
      card('b', 'Ærbar Hansen'),
      card('c', 'Aage Hansen'),
      card('d', 'Hans Hansen', { position: { phaseId: 'afsluttet', key: 'a0' } }),
      card('e', 'Ib Hansen', {
        lifecycle: {
          closure: {
            outcome: 'afsluttet',
            closedOn: TODAY,
            by: 'u1',
            byName: 'X',
            visitatorParticipated: false,
            note: '',
          },
        },
      }),
      card('f', 'Bo Olsen'),
    ];
    // Danish collation: Æ before Å, and "Aage" sorts as "Åge", before "Åse".
    expect(searchActiveCitizens(cards, phases, 'hansen').map((c) => c.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('namesStaff', () => {
  const anne = { name: 'Anne Holm' };
  it('matches the full name, with or without something after it', () => {
    expect(namesStaff('Anne Holm', anne)).toBe(true);
    expect(namesStaff(' anne  HOLM ', anne)).toBe(true);
    expect(namesStaff('Anne Holm (SSH)', anne)).toBe(true);
  });
  it('matches the initials written alone', () => {
    expect(namesStaff('AH', anne)).toBe(true);
    expect(namesStaff('a.h.', anne)).toBe(true);
    expect(namesStaff('ABH', { name: 'Anne Holm', initials: 'ABH' })).toBe(true);
  });
  it('does not match a first name alone, another person or an empty field', () => {
    expect(namesStaff('Anne', anne)).toBe(false);
    expect(namesStaff('Anne Holmgaard', anne)).toBe(false);
    expect(namesStaff('Bent Nielsen', anne)).toBe(false);
    expect(namesStaff('', anne)).toBe(false);
  });
});

describe('myCitizens', () => {
  const anne = { name: 'Anne Holm' };
  it('lists primary, then secondary kontaktperson, then due today; each once; closed never', () => {
    const cards = [
      card('due', 'Dagny Due', { nextDueDate: TODAY }),
      card('sec', 'Sigrid Sekundær', { contactPerson: 'Bent Nielsen', lifecycle: { secondaryContact: 'Anne Holm' } }),
      card('p2', 'Birte Bach', { contactPerson: 'Anne Holm' }),
      card('p1', 'Aksel Alm', { contactPerson: 'Anne Holm', nextDueDate: TODAY }),
      card('other', 'Otto Anden', { contactPerson: 'Bent Nielsen', nextDueDate: '2026-03-27' }),
      card('closed', 'Carl Lukket', { contactPerson: 'Anne Holm', position: { phaseId: 'afsluttet', key: 'a0' } }),
    ];
    expect(myCitizens(cards, phases, anne, TODAY).map((m) => [m.card.id, m.reason])).toEqual([
      ['p1', 'primary'],
      ['p2', 'primary'],
      ['sec', 'secondary'],
      ['due', 'dueToday'],
    ]);
  });
});

describe('dueToday', () => {
  it('is the card’s own due date today', () => {
    expect(dueToday(card('a', 'A', { nextDueDate: TODAY }), TODAY)).toBe(true);
    expect(dueToday(card('a', 'A', { nextDueDate: '2026-03-25' }), TODAY)).toBe(false);
  });
  it('is a follow-up of the forløb falling on today, unless it is done', () => {
    // horsholm-83a: a follow-up in week 2 (day 8–14) — find its date from the rules rather than guess.
    const start = '2026-03-12';
    const c = card('a', 'A', { lifecycle: { startDate: start } });
    const on = ['2026-03-19', '2026-03-26', '2026-04-02', '2026-04-09'].filter((d) => dueToday(c, d));
    expect(on.length).toBeGreaterThan(0);
    const day = on[0]!;
    const done = card('a', 'A', {
      lifecycle: {
        startDate: start,
        followUps: Object.fromEntries(
          // every follow-up recorded as done on that day
          ['week-1', 'week-2', 'week-3', 'week-4', 'week-5'].map((id) => [id, { date: day, by: 'u1', byName: 'X' }]),
        ) as CardLifecycle['followUps'],
      },
    });
    expect(dueToday(done, day)).toBe(false);
  });
});
