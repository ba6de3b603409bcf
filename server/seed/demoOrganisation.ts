import { BoardDoc } from '../../shared/doc/boardDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import type { Role } from '../../shared/model/user.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import type { Storage } from '../storage/types.js';

/**
 * The organisation around Demo Kommune's teams (issue #16): Distrikt Midt (Team Nord, Team
 * Syd; from the Styring seed) and Distrikt Kyst with the makkerteams Team Bakke and Team Skov,
 * Team Nord's evening team, fixed visitators, a backup visitator covering Team Skov this week
 * and Eva "i huset i dag" for Team Nord. Its people are kept out of DEMO_USERS so the first
 * demo's teams stay as documented; README lists them too.
 */
export const DEMO_ORG_TEAMS = [
  { id: 'team-bakke', name: 'Team Bakke', boardId: 'tavle-bakke', citizens: ['Asta Berg', 'Niels Holt', 'Rigmor Dam'] },
  {
    id: 'team-skov',
    name: 'Team Skov',
    boardId: 'tavle-skov',
    citizens: ['Ejner Lind', 'Tove Krogh', 'Svend Aagaard'],
  },
] as const;

/** An evening team has no board of its own: it shares Team Nord's. */
export const DEMO_EVENING_TEAM = { id: 'team-nord-aften', name: 'Team Nord Aften', dayTeamId: 'team-nord' } as const;

export const DEMO_ORG_USERS: readonly { username: string; name: string; role: Role; teams: string[]; color: string }[] =
  [
    { username: 'jonas', name: 'Jonas Skov', role: 'ssa', teams: ['team-nord-aften'], color: '#393b79' },
    { username: 'kasper', name: 'Kasper Bjerre', role: 'ssh', teams: ['team-bakke'], color: '#637939' },
    { username: 'vibeke', name: 'Vibeke Sand', role: 'sygeplejerske', teams: ['team-skov'], color: '#8c6d31' },
    { username: 'lone', name: 'Lone Kjær', role: 'visitator', teams: ['team-bakke', 'team-skov'], color: '#843c39' },
    { username: 'karen', name: 'Karen Bach', role: 'visitator', teams: [], color: '#7b4173' },
  ];

const SEED_ORIGIN: TransactionOrigin = { source: 'server', reason: 'seed' };
const DAY_MS = 86_400_000;

export async function seedDemoOrganisation(
  storage: Storage,
  o: { municipalityId: string; passwordHash: string; now: Date; userId: (username: string) => string },
): Promise<void> {
  const { municipalityId, now, userId } = o;
  for (const t of DEMO_ORG_TEAMS) {
    await storage.createTeam({ id: t.id, municipalityId, name: t.name });
    const board = new BoardDoc(undefined, { now: () => now });
    board.initialize(
      { id: t.boardId, teamId: t.id, name: `Tavle ${t.name}`, phases: [...DEFAULT_PHASES] },
      SEED_ORIGIN,
    );
    t.citizens.forEach((name, i) => board.createCard({ name, phaseId: DEFAULT_PHASES[i + 1]!.id }, SEED_ORIGIN));
    await storage.createBoard({ id: t.boardId, teamId: t.id, name: `Tavle ${t.name}` }, board.encodeState());
    board.destroy();
  }
  await storage.createTeam({ id: DEMO_EVENING_TEAM.id, municipalityId, name: DEMO_EVENING_TEAM.name });
  for (const u of DEMO_ORG_USERS) {
    const id = userId(u.username);
    await storage.createUser({
      id,
      username: u.username,
      passwordHash: o.passwordHash,
      role: u.role,
      name: u.name,
      lang: 'da',
      color: u.color,
    });
    for (const teamId of u.teams) await storage.addTeamMember(id, teamId);
  }

  // Distrikt Midt exists from the Styring seed (its teams' district); Distrikt Kyst is new.
  const midt = (await storage.org.districts(municipalityId)).find((d) => d.name === 'Distrikt Midt');
  const kystId = 'district-kyst';
  await storage.org.createDistrict({ id: kystId, municipalityId, name: 'Distrikt Kyst' });
  if (midt) await storage.org.setDistrictVisitators(midt.id, [userId('eva'), userId('lone'), userId('karen')]);
  await storage.org.setDistrictVisitators(kystId, [userId('lone'), userId('karen')]);
  for (const teamId of ['team-nord', 'team-syd']) {
    await storage.org.setTeamOrg(teamId, { visitatorId: userId('eva'), ...(midt ? { districtId: midt.id } : {}) });
  }
  await storage.org.setTeamOrg(DEMO_EVENING_TEAM.id, {
    eveningOfTeamId: DEMO_EVENING_TEAM.dayTeamId,
    ...(midt ? { districtId: midt.id } : {}),
  });
  await storage.org.setTeamOrg('team-bakke', {
    districtId: kystId,
    visitatorId: userId('lone'),
    partnerTeamId: 'team-skov',
  });
  await storage.org.setTeamOrg('team-skov', { districtId: kystId, visitatorId: userId('lone') });

  // Lise is away this week: Karen covers Team Skov. Eva is in the house for Team Nord today.
  const today = toIsoDate(now);
  await storage.org.createCover({
    id: 'cover-demo-skov',
    teamId: 'team-skov',
    userId: userId('karen'),
    from: today,
    to: toIsoDate(new Date(now.getTime() + 6 * DAY_MS)),
    createdAt: now.getTime(),
    createdBy: null,
  });
  await storage.org.setVisitatorStatus({
    teamId: 'team-nord',
    day: today,
    userId: userId('eva'),
    status: 'i_huset',
    setAt: now.getTime(),
  });
}
