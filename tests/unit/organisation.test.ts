import { describe, expect, it } from 'vitest';
import type { TeamOrg, VisitatorCover } from '../../shared/model/organisation.js';
import { VisitatorCoverSchema } from '../../shared/model/organisation.js';
import {
  activeCover,
  boardAccessFor,
  coverActiveOn,
  coverProblem,
  dayOf,
  eveningProblem,
  isEveningMember,
  maySetVisitatorStatus,
  onEveningShift,
  partnerProblem,
  teamAccessOf,
  visitatorOnDay,
} from '../../shared/rules/organisation.js';

const team = (teamId: string, o: Partial<TeamOrg> = {}): TeamOrg => ({
  teamId,
  name: teamId,
  districtId: 'd1',
  partnerTeamId: null,
  eveningOfTeamId: null,
  visitatorId: null,
  ...o,
});

const TEAMS: TeamOrg[] = [
  team('nord', { partnerTeamId: 'syd', visitatorId: 'eva' }),
  team('syd', { visitatorId: 'eva' }),
  team('aften', { eveningOfTeamId: 'nord' }),
  team('vest', { districtId: 'd2' }),
];

const cover = (o: Partial<VisitatorCover> = {}): VisitatorCover => ({
  id: 'c1',
  teamId: 'nord',
  userId: 'lise',
  from: '2026-03-09',
  to: '2026-03-13',
  ...o,
});

describe('[R13] visitator cover (S2:1454-1474, 3995-4008)', () => {
  it('a cover lasts from its first to its last day, both inclusive', () => {
    const c = cover();
    expect(coverActiveOn(c, '2026-03-08')).toBe(false);
    expect(coverActiveOn(c, '2026-03-09')).toBe(true);
    expect(coverActiveOn(c, '2026-03-13')).toBe(true);
    expect(coverActiveOn(c, '2026-03-14')).toBe(false);
  });

  it('the day is the Danish calendar day of the instant (fixed clocks)', () => {
    // 23:30 UTC on 13 March is 00:30 on 14 March in Copenhagen: the cover has ended.
    expect(dayOf(Date.parse('2026-03-13T22:59:00Z'))).toBe('2026-03-13');
    expect(dayOf(Date.parse('2026-03-13T23:30:00Z'))).toBe('2026-03-14');
    expect(coverActiveOn(cover(), dayOf(Date.parse('2026-03-13T23:30:00Z')))).toBe(false);
  });

  it('a cover ending before it starts is refused in Danish', () => {
    const r = VisitatorCoverSchema.safeParse(cover({ from: '2026-03-10', to: '2026-03-09' }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Slutdatoen/);
  });

  it('who is the visitator today: the backup while the cover lasts, else the fixed one', () => {
    const nord = TEAMS[0]!;
    expect(visitatorOnDay(nord, [cover()], '2026-03-10')).toMatchObject({ userId: 'lise', coverFor: 'eva' });
    expect(visitatorOnDay(nord, [cover()], '2026-03-14')).toMatchObject({ userId: 'eva', coverFor: null });
    // Another team's cover changes nothing here.
    expect(visitatorOnDay(nord, [cover({ teamId: 'syd' })], '2026-03-10').userId).toBe('eva');
  });

  it('of overlapping covers the one that started last wins', () => {
    const covers = [cover(), cover({ id: 'c2', userId: 'mona', from: '2026-03-11', to: '2026-03-11' })];
    expect(activeCover(covers, 'nord', '2026-03-10')?.userId).toBe('lise');
    expect(activeCover(covers, 'nord', '2026-03-11')?.userId).toBe('mona');
    expect(activeCover(covers, 'nord', '2026-03-12')?.userId).toBe('lise');
  });

  it('the fixed visitator and today’s backup may set the status; nobody else', () => {
    const nord = TEAMS[0]!;
    expect(maySetVisitatorStatus('eva', nord, [cover()], '2026-03-10')).toBe(true);
    expect(maySetVisitatorStatus('lise', nord, [cover()], '2026-03-10')).toBe(true);
    expect(maySetVisitatorStatus('lise', nord, [cover()], '2026-03-14')).toBe(false);
    expect(maySetVisitatorStatus('anne', nord, [cover()], '2026-03-10')).toBe(false);
  });

  it('the backup comes from the pool of the team’s district and is not the fixed visitator', () => {
    const districts = [
      { id: 'd1', visitatorIds: ['lise', 'eva'] },
      { id: 'd2', visitatorIds: ['mona'] },
    ];
    expect(coverProblem(TEAMS[0]!, 'lise', districts)).toBeNull();
    expect(coverProblem(TEAMS[0]!, 'mona', districts)).toMatch(/visitatorpulje/);
    expect(coverProblem(TEAMS[0]!, 'eva', districts)).toMatch(/egen afløser/);
    expect(coverProblem(team('x', { districtId: null }), 'lise', districts)).toMatch(/distrikt/);
  });
});

describe('[R37] board access: makkerteams, evening teams, covers (S2:3889-3897, 3253-3257, 2488-2495)', () => {
  it('own teams are read-write, their makkerteam read-only (both directions)', () => {
    const anne = teamAccessOf({ id: 'anne', memberTeamIds: ['nord'] }, TEAMS, [], '2026-03-10');
    expect(boardAccessFor(anne, 'nord')).toBe('write');
    expect(boardAccessFor(anne, 'syd')).toBe('read');
    expect(anne.find((a) => a.teamId === 'syd')?.reason).toBe('partner');
    expect(boardAccessFor(anne, 'vest')).toBeNull();
    // The link is stored on Nord only; Syd's members still see Nord read-only.
    const hanne = teamAccessOf({ id: 'hanne', memberTeamIds: ['syd'] }, TEAMS, [], '2026-03-10');
    expect(boardAccessFor(hanne, 'nord')).toBe('read');
  });

  it('a member of both partner teams keeps write access to each', () => {
    const gitte = teamAccessOf({ id: 'gitte', memberTeamIds: ['nord', 'syd'] }, TEAMS, [], '2026-03-10');
    expect(boardAccessFor(gitte, 'nord')).toBe('write');
    expect(boardAccessFor(gitte, 'syd')).toBe('write');
  });

  it('an evening team member opens the day team’s board read-write, and is on the evening shift there', () => {
    const a = teamAccessOf({ id: 'jonas', memberTeamIds: ['aften'] }, TEAMS, [], '2026-03-10');
    expect(a.find((x) => x.teamId === 'nord')).toEqual({ teamId: 'nord', access: 'write', reason: 'evening' });
    expect(isEveningMember(['aften'], TEAMS, 'nord')).toBe(true);
    expect(isEveningMember(['nord'], TEAMS, 'nord')).toBe(false);
    // Evening access does not pass on the makkerteam: that is the day team's members' own.
    expect(boardAccessFor(a, 'syd')).toBeNull();
  });

  it('a backup visitator has the team only while the cover lasts', () => {
    const during = teamAccessOf({ id: 'lise', memberTeamIds: ['vest'] }, TEAMS, [cover()], '2026-03-13');
    expect(during.find((x) => x.teamId === 'nord')).toEqual({ teamId: 'nord', access: 'write', reason: 'cover' });
    const before = teamAccessOf({ id: 'lise', memberTeamIds: ['vest'] }, TEAMS, [cover()], '2026-03-08');
    const after = teamAccessOf({ id: 'lise', memberTeamIds: ['vest'] }, TEAMS, [cover()], '2026-03-14');
    expect(boardAccessFor(before, 'nord')).toBeNull();
    expect(boardAccessFor(after, 'nord')).toBeNull();
    // Someone else's cover gives nothing.
    const anne = teamAccessOf({ id: 'anne', memberTeamIds: ['vest'] }, TEAMS, [cover()], '2026-03-10');
    expect(boardAccessFor(anne, 'nord')).toBeNull();
  });

  it('refuses a team as its own makkerteam or evening team, and chains of evening teams', () => {
    expect(partnerProblem('nord', 'nord', TEAMS)).toMatch(/sit eget/);
    expect(partnerProblem('nord', 'ukendt', TEAMS)).toMatch(/findes ikke/);
    expect(partnerProblem('nord', null, TEAMS)).toBeNull();
    expect(eveningProblem('vest', 'vest', TEAMS)).toMatch(/sig selv/);
    expect(eveningProblem('vest', 'aften', TEAMS)).toMatch(/selv et aftenteam/);
    expect(eveningProblem('nord', 'syd', TEAMS)).toMatch(/har selv et aftenteam/);
    expect(eveningProblem('vest', 'syd', TEAMS)).toBeNull();
  });
});

describe('[R37] the evening shift follows evening-team membership, the device switch overrides', () => {
  it('a member of the evening team is on the evening shift on the day team’s board only', () => {
    const jonas = { eveningTeamIds: ['nord'] };
    expect(onEveningShift(jonas, 'nord', null)).toBe(true);
    expect(onEveningShift(jonas, 'syd', null)).toBe(false);
    expect(onEveningShift({}, 'nord', null)).toBe(false);
  });

  it('the device switch wins either way', () => {
    expect(onEveningShift({ eveningTeamIds: ['nord'] }, 'nord', false)).toBe(false);
    expect(onEveningShift({ eveningTeamIds: [] }, 'nord', true)).toBe(true);
  });
});
