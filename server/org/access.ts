import type { TeamOrg, VisitatorCover } from '../../shared/model/organisation.js';
import { dayOf, isEveningMember, teamAccessOf, type TeamAccess } from '../../shared/rules/organisation.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { BoardSummary, TeamSummary } from '../../shared/protocol/api.js';
import type { Storage } from '../storage/types.js';

/**
 * A user's reach beyond their own teams on a given day (shared/rules/organisation.ts): the
 * session computes it at every sign-in, connect and request, and the live-connection check
 * (server/org/recheck.ts) again, so a cover that ends closes what it opened.
 */
export interface OrgReach {
  /** Every team whose board the user may open read-write (own, evening, cover). */
  writeTeamIds: string[];
  /** Makkerteams: opened read-only. */
  readTeamIds: string[];
  /** Teams whose board the user shares as a member of its evening team. */
  eveningTeamIds: string[];
  access: TeamAccess[];
}

export async function orgReach(
  storage: Storage,
  user: { id: string; municipalityId?: string | null },
  memberTeamIds: readonly string[],
  now: number,
): Promise<OrgReach> {
  const day = dayOf(now);
  let teams: TeamOrg[] = [];
  let covers: VisitatorCover[] = [];
  if (user.municipalityId) {
    // Only the teams that can change the answer: this runs at every connect and request.
    teams = await storage.org.teamOrgsAround(user.municipalityId, memberTeamIds);
    covers = await storage.org.coversOfUser(user.id, day);
  }
  const access = teamAccessOf({ id: user.id, memberTeamIds }, teams, covers, day);
  return {
    writeTeamIds: access.filter((a) => a.access === 'write').map((a) => a.teamId),
    readTeamIds: access.filter((a) => a.access === 'read').map((a) => a.teamId),
    eveningTeamIds: teams.filter((t) => isEveningMember(memberTeamIds, teams, t.teamId)).map((t) => t.teamId),
    access,
  };
}

/**
 * The teams of /api/me (board switcher, "Mine teams"): the user's own first, then the boards
 * the organisation opens to them, each saying how and why.
 */
export async function teamsForUser(storage: Storage, user: SessionUser): Promise<TeamSummary[]> {
  const own = await storage.teamsOfUser(user.id);
  const ownIds = new Set(own.map((t) => t.id));
  const extra: TeamSummary[] = [];
  const memberTeamIds = user.memberTeamIds ?? (await storage.org.memberTeamIds(user.id));
  const reach = await orgReach(storage, await userRef(storage, user.id), memberTeamIds, Date.now());
  for (const a of reach.access) {
    if (a.reason === 'member' || ownIds.has(a.teamId)) continue;
    const team = await storage.getTeam(a.teamId);
    if (!team?.boardId) continue;
    extra.push({ id: team.id, name: team.name, boardId: team.boardId, access: a.access, via: a.reason });
  }
  const order = { evening: 0, cover: 1, partner: 2, member: 3 } as const;
  extra.sort((x, y) => order[x.via ?? 'member'] - order[y.via ?? 'member'] || x.name.localeCompare(y.name, 'da'));
  return [...own, ...extra];
}

/** Boards the user may open read-write today (own, evening, cover): "Mine teams", queues. */
export async function writeBoardsOfUser(storage: Storage, user: SessionUser): Promise<BoardSummary[]> {
  const own = await storage.boardsOfUser(user.id);
  const have = new Set(own.map((b) => b.teamId));
  for (const teamId of user.teamIds) {
    if (have.has(teamId)) continue;
    const team = await storage.getTeam(teamId);
    const board = team?.boardId ? await storage.getBoard(team.boardId) : null;
    if (team && board) own.push({ id: board.id, name: board.name, teamId: team.id, teamName: team.name });
  }
  return own.filter((b) => user.teamIds.includes(b.teamId));
}

async function userRef(storage: Storage, id: string): Promise<{ id: string; municipalityId: string | null }> {
  return { id, municipalityId: (await storage.getUser(id))?.municipalityId ?? null };
}
