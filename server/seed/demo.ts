import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { Card, Triage } from '../../shared/model/card.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import type { Role } from '../../shared/model/user.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import { delegationPreset, type DelegationMatrix } from '../../shared/rules/delegation.js';
import { boardStateCounts, type BoardStateCounts } from '../../shared/rules/styringState.js';
import { DEFAULT_TRIAGE_CONFIG } from '../../shared/rules/triage.js';
import { hashPassword } from '../auth/passwords.js';
import type { Storage } from '../storage/types.js';
import { CITIZEN_FIRST_NAMES, CITIZEN_LAST_NAMES, FORLOB_TYPES, NOTES } from './demoData.js';
import { seedForlob, type DemoActor } from './demoLifecycle.js';
import { seedSwaps } from './demoSwaps.js';
import { seedCareSignals, seedLocalOffers } from './demoCareSignals.js';
import { seedDemoOrganisation } from './demoOrganisation.js';
import { demoExternalRef, seedDemoStyring } from './demoVisits.js';
import { intBetween, pick, pickWeighted, seededRandom } from './random.js';

/** Password of every demo user (documented in README). */
export const DEMO_PASSWORD = 'demo1234';

/**
 * Demo Kommune's own delegation matrix: Solrød's model (the team adjusts down and closes;
 * only the visitator adjusts up and changes the forløb type, S2:3208-3232), except that
 * the team may also put new citizens on the board, so the demo's "Opret" works for
 * everyone. Refused in the demo: more time and a new forløb type unless you are the
 * visitator (or administrator).
 */
export const DEMO_DELEGATION: DelegationMatrix = {
  ...delegationPreset('solrod').matrix,
  create: [...delegationPreset('solrod').matrix.adjustDown],
};

export const DEMO_MUNICIPALITY = { id: 'demo-kommune', name: 'Demo Kommune' } as const;

export const DEMO_TEAMS = [
  { id: 'team-nord', name: 'Team Nord', boardId: 'tavle-nord', boardName: 'Tavle Team Nord', citizens: 40, seed: 1 },
  { id: 'team-syd', name: 'Team Syd', boardId: 'tavle-syd', boardName: 'Tavle Team Syd', citizens: 15, seed: 2 },
] as const;

type TeamId = (typeof DEMO_TEAMS)[number]['id'];

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  teams: TeamId[];
  color: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'anne', name: 'Anne Holm', role: 'ssh', teams: ['team-nord'], color: '#1f77b4' },
  { username: 'bent', name: 'Bent Nielsen', role: 'ssa', teams: ['team-nord'], color: '#ff7f0e' },
  { username: 'camilla', name: 'Camilla Friis', role: 'sygeplejerske', teams: ['team-nord'], color: '#2ca02c' },
  { username: 'dorte', name: 'Dorte Lund', role: 'terapeut', teams: ['team-nord'], color: '#d62728' },
  { username: 'eva', name: 'Eva Mortensen', role: 'visitator', teams: ['team-nord', 'team-syd'], color: '#9467bd' },
  { username: 'frederik', name: 'Frederik Dahl', role: 'koordinator', teams: ['team-nord'], color: '#8c564b' },
  { username: 'gitte', name: 'Gitte Vestergaard', role: 'leder', teams: ['team-nord', 'team-syd'], color: '#e377c2' },
  { username: 'hanne', name: 'Hanne Kristensen', role: 'ssh', teams: ['team-syd'], color: '#17becf' },
  { username: 'ida', name: 'Ida Poulsen', role: 'koordinator', teams: ['team-syd'], color: '#bcbd22' },
  {
    username: 'admin',
    name: 'Administrator',
    role: 'administrator',
    teams: ['team-nord', 'team-syd'],
    color: '#7f7f7f',
  },
  { username: 'skaerm-nord', name: 'Skærm Team Nord', role: 'skaerm', teams: ['team-nord'], color: '#444444' },
];

/** Roles that can be a citizen's primary contact person. */
const CONTACT_ROLES: ReadonlySet<Role> = new Set<Role>(['ssh', 'ssa', 'sygeplejerske', 'terapeut', 'koordinator']);

const SEED_ORIGIN: TransactionOrigin = { source: 'server', reason: 'seed' };
const DAY_MS = 86_400_000;

export const demoUserId = (username: string) => `u-${username}`;

/** Creates Demo Kommune with its teams, users and boards. Call only on an empty database. */
export async function seedDemo(storage: Storage, now: Date = new Date()): Promise<void> {
  await storage.createMunicipality(DEMO_MUNICIPALITY);
  await storage.updateMunicipalityConfig(DEMO_MUNICIPALITY.id, { delegation: JSON.stringify(DEMO_DELEGATION) });
  for (const team of DEMO_TEAMS) {
    await storage.createTeam({ id: team.id, municipalityId: DEMO_MUNICIPALITY.id, name: team.name });
  }
  await seedLocalOffers(storage.offers, DEMO_MUNICIPALITY.id, now);
  // Everyone shares the documented demo password, so one (salted) hash serves all and
  // keeps first start-up fast; real users each get their own hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const id = demoUserId(u.username);
    const record = {
      id,
      username: u.username,
      passwordHash,
      role: u.role,
      name: u.name,
      lang: 'da' as const,
      color: u.color,
    };
    const deviceTeam = u.role === 'skaerm' ? u.teams[0] : undefined;
    if (deviceTeam) {
      // The demo wall screen is a device like any other (listed, re-pairable, revocable).
      // Real devices have no password and sign in only by pairing; this one keeps the demo
      // password so the demo and older tests can still open it by name.
      await storage.createDevice({ user: record, teamId: deviceTeam, createdAt: now.getTime(), createdBy: null });
      continue;
    }
    await storage.createUser(record);
    for (const teamId of u.teams) await storage.addTeamMember(id, teamId);
  }
  for (const team of DEMO_TEAMS) {
    const { update, cards, state } = demoBoard(team, now);
    await storage.createBoard({ id: team.boardId, teamId: team.id, name: team.boardName }, update);
    await seedDemoStyring(storage, team, DEMO_MUNICIPALITY.id, cards, now);
    await storage.styring.setBoardState(team.boardId, {
      at: now.getTime(),
      notDiscussed: state.notDiscussed,
      responseOverdue: state.responseOverdue,
      followUpsOverdue: state.followUpsOverdue,
    });
  }
  await seedDemoOrganisation(storage, { municipalityId: DEMO_MUNICIPALITY.id, passwordHash, now, userId: demoUserId });
}

/** Phases weighted so most citizens sit in the active part of the forløb. */
const PHASE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['henvist', 2],
  ['visiteret', 2],
  ['opstart', 2],
  ['uge2', 2],
  ['uge5', 1.5],
  ['uge8', 1.2],
  ['uge12', 1],
  ['afsluttet', 1],
];

/** Days a citizen has typically been in a phase, by phase. */
const DAYS_IN_PHASE: Record<string, readonly [number, number]> = {
  henvist: [0, 4],
  visiteret: [0, 7],
  opstart: [0, 10],
  uge2: [0, 14],
  uge5: [0, 14],
  uge8: [0, 21],
  uge12: [0, 28],
  afsluttet: [0, 30],
};

/** The team's board as one Yjs update (v1), written with BoardDoc like any client would. */
export function buildDemoBoard(team: (typeof DEMO_TEAMS)[number], now: Date): Uint8Array {
  return demoBoard(team, now).update;
}

/** The demo board and its cards as read (for the cockpit's facts and demo visits). */
function demoBoard(
  team: (typeof DEMO_TEAMS)[number],
  now: Date,
): { update: Uint8Array; cards: Card[]; state: BoardStateCounts } {
  const rand = seededRandom(team.seed);
  let clock = now;
  const board = new BoardDoc(undefined, { now: () => clock });
  board.initialize(
    { id: team.boardId, teamId: team.id, name: team.boardName, phases: [...DEFAULT_PHASES] },
    SEED_ORIGIN,
  );

  const teamStaff = DEMO_USERS.filter((u) => CONTACT_ROLES.has(u.role) && u.teams.includes(team.id));
  const staff = teamStaff.map((u) => u.name);
  const actors: DemoActor[] = teamStaff.map((u) => ({ id: demoUserId(u.username), name: u.name }));
  const eva = DEMO_USERS.find((u) => u.role === 'visitator')!;
  const visitator: DemoActor = { id: demoUserId(eva.username), name: eva.name };
  const today = toIsoDate(now);
  const used = new Set<string>();
  for (let i = 0; i < team.citizens; i++) {
    const name = uniqueName(rand, used);
    // One citizen in every column first, so each phase shows something; then by weight.
    const phaseId = i < PHASE_WEIGHTS.length ? PHASE_WEIGHTS[i]![0] : pickWeighted(rand, PHASE_WEIGHTS);
    const [minDays, maxDays] = DAYS_IN_PHASE[phaseId]!;
    clock = new Date(now.getTime() - intBetween(rand, minDays, maxDays) * DAY_MS);
    const triage = pickWeighted<Triage>(rand, [
      ['green', 7],
      ['yellow', 2],
      ['red', 1],
    ]);
    const cardId = `${team.id.replace('team-', '')}-${String(i + 1).padStart(2, '0')}`;
    board.createCard(
      {
        name,
        phaseId,
        triage,
        forlobType: pick(rand, FORLOB_TYPES),
        contactPerson: staff.length > 0 ? pick(rand, staff) : '',
        nextDueDate: dueDate(rand, phaseId, now),
        note: rand() < 0.7 ? pick(rand, NOTES) : '',
      },
      SEED_ORIGIN,
      cardId,
    );
    seedForlob(board, cardId, phaseId, { rand, today, staff: actors, visitator, origin: SEED_ORIGIN });
    if (triage !== 'green') respondToOldColour(board, cardId, clock, now, actors);
    // The planning system's borger-nr. links the demo visits (seed/demoVisits.ts) to the card.
    if (board.card(cardId)?.lifecycle.closure === null)
      board.setLifecycle(cardId, { externalRef: demoExternalRef(team.seed, i + 1) }, SEED_ORIGIN);
  }
  seedSwaps(board, { seed: team.seed, now, staff: actors, origin: SEED_ORIGIN });
  seedCareSignals(board, { now, staff: actors, origin: SEED_ORIGIN });
  // A demo board starts as a migrated board would: each card's note is its log's first entry.
  board.migrateCardLogs(SEED_ORIGIN);
  const update = board.encodeState();
  const cards = board.cards();
  const meetings = new MeetingDoc(board);
  // The cockpit's state figures until the board's first load takes a fresh snapshot.
  const state = boardStateCounts({
    cards,
    phases: board.phases(),
    lastDiscussed: meetings.lastDiscussed(),
    triageEvents: meetings.triageEvents(),
    triageResponses: meetings.triageResponses(),
    triageConfig: DEFAULT_TRIAGE_CONFIG,
    notDiscussedDays: 14,
    lifecycle: { boardTemplateId: board.boardCadenceTemplateId() },
    now,
  });
  board.destroy();
  return { update, cards, state };
}

/** Colours older than two days have had their assessment or plan: a team does not leave a red citizen for weeks. */
const ANSWERED_AFTER_MS = 2 * DAY_MS;

function respondToOldColour(board: BoardDoc, cardId: string, since: Date, now: Date, actors: DemoActor[]): void {
  if (now.getTime() - since.getTime() < ANSWERED_AFTER_MS || actors.length === 0) return;
  const who = actors[cardId.length % actors.length]!;
  const at = new Date(since.getTime() + 6 * 3_600_000).toISOString();
  new MeetingDoc(board).markTriageResponse(cardId, { by: who.id, byName: who.name }, SEED_ORIGIN, at);
}

function uniqueName(rand: () => number, used: Set<string>): string {
  for (;;) {
    const first = pick(rand, CITIZEN_FIRST_NAMES);
    const last = pick(rand, CITIZEN_LAST_NAMES);
    const name = rand() < 0.25 ? `${first} ${pick(rand, CITIZEN_FIRST_NAMES)} ${last}` : `${first} ${last}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** Most due within the next three weeks, a few overdue, closed forløb mostly without. */
function dueDate(rand: () => number, phaseId: string, now: Date): string | null {
  if (phaseId === 'afsluttet' && rand() < 0.8) return null;
  const r = rand();
  if (r < 0.08) return null;
  const days = r < 0.16 ? -intBetween(rand, 1, 3) : intBetween(rand, 0, 20);
  return toIsoDate(new Date(now.getTime() + days * DAY_MS));
}
