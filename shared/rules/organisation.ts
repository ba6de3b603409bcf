import type { District, TeamOrg, VisitatorCover } from '../model/organisation.js';
import { toIsoDate } from './dates.js';

/**
 * Who may open which team's board, and how, from the organisation around the teams
 * (docs/domain.md "Organisation", docs/security.md "Access model"). Pure: the server feeds it
 * the stored organisation and the Danish date of "now", at every connect and again for live
 * connections, so access that ends (a cover's last day) closes what it opened.
 */

/** `write`: the board as for a member; `read`: every write refused (a makkerteam's board). */
export type BoardAccess = 'write' | 'read';
/** Why: own team, evening team of the day team, backup visitator, or makkerteam. */
export type AccessReason = 'member' | 'evening' | 'cover' | 'partner';

export interface TeamAccess {
  teamId: string;
  access: BoardAccess;
  reason: AccessReason;
}

/** The Danish calendar day of an instant (covers and statuses are per day). */
export function dayOf(now: number): string {
  return toIsoDate(new Date(now));
}

/** A cover lasts from its first to its last day, both inclusive. */
export function coverActiveOn(cover: Pick<VisitatorCover, 'from' | 'to'>, day: string): boolean {
  return cover.from <= day && day <= cover.to;
}

/** The team's cover on `day`; of overlapping covers the one that started last wins. */
export function activeCover(covers: readonly VisitatorCover[], teamId: string, day: string): VisitatorCover | null {
  let best: VisitatorCover | null = null;
  for (const c of covers) {
    if (c.teamId !== teamId || !coverActiveOn(c, day)) continue;
    if (best === null || c.from > best.from || (c.from === best.from && c.id > best.id)) best = c;
  }
  return best;
}

/** Who is the team's visitator on `day`: the backup while a cover lasts, else the fixed one. */
export function visitatorOnDay(
  team: Pick<TeamOrg, 'teamId' | 'visitatorId'>,
  covers: readonly VisitatorCover[],
  day: string,
): { userId: string | null; coverFor: string | null; cover: VisitatorCover | null } {
  const cover = activeCover(covers, team.teamId, day);
  if (cover) return { userId: cover.userId, coverFor: team.visitatorId, cover };
  return { userId: team.visitatorId, coverFor: null, cover: null };
}

/** The fixed visitator and today's backup may each set the team's status for today. */
export function maySetVisitatorStatus(
  userId: string,
  team: Pick<TeamOrg, 'teamId' | 'visitatorId'>,
  covers: readonly VisitatorCover[],
  day: string,
): boolean {
  return team.visitatorId === userId || visitatorOnDay(team, covers, day).userId === userId;
}

/** The two teams are each other's makkerteam (stored on one side or both). */
function partnersOf(teamId: string, teams: readonly TeamOrg[]): string[] {
  const out = new Set<string>();
  for (const t of teams) {
    if (t.teamId === teamId && t.partnerTeamId) out.add(t.partnerTeamId);
    if (t.partnerTeamId === teamId) out.add(t.teamId);
  }
  out.delete(teamId);
  return [...out];
}

/**
 * Every team whose board the user may open on `day`, and how: own teams, the day team of an
 * evening team the user is in, and teams covered by the user as backup visitator, all
 * read-write; the makkerteams of the user's own teams read-only. Write access wins.
 */
export function teamAccessOf(
  user: { id: string; memberTeamIds: readonly string[] },
  teams: readonly TeamOrg[],
  covers: readonly VisitatorCover[],
  day: string,
): TeamAccess[] {
  const out = new Map<string, TeamAccess>();
  const grant = (teamId: string, access: BoardAccess, reason: AccessReason) => {
    const had = out.get(teamId);
    if (had && (had.access === 'write' || access === 'read')) return;
    out.set(teamId, { teamId, access, reason });
  };
  const member = new Set(user.memberTeamIds);
  for (const teamId of member) grant(teamId, 'write', 'member');
  for (const t of teams) {
    if (member.has(t.teamId) && t.eveningOfTeamId) grant(t.eveningOfTeamId, 'write', 'evening');
  }
  for (const c of covers) {
    if (c.userId === user.id && coverActiveOn(c, day)) grant(c.teamId, 'write', 'cover');
  }
  const known = new Set(teams.map((t) => t.teamId));
  for (const teamId of member) {
    for (const p of partnersOf(teamId, teams)) if (known.has(p)) grant(p, 'read', 'partner');
  }
  return [...out.values()];
}

/** How the user may open `teamId`'s board, or null when not at all. */
export function boardAccessFor(access: readonly TeamAccess[], teamId: string): BoardAccess | null {
  return access.find((a) => a.teamId === teamId)?.access ?? null;
}

/** The user is in an evening team sharing `boardTeamId`'s board: their shift is the evening. */
export function isEveningMember(memberTeamIds: readonly string[], teams: readonly TeamOrg[], boardTeamId: string) {
  return teams.some((t) => t.eveningOfTeamId === boardTeamId && memberTeamIds.includes(t.teamId));
}

/** Why a makkerteam link cannot be made, in Danish; null when it can. */
export function partnerProblem(teamId: string, partnerTeamId: string | null, teams: readonly TeamOrg[]): string | null {
  if (partnerTeamId === null) return null;
  if (partnerTeamId === teamId) return 'Et team kan ikke være sit eget makkerteam.';
  if (!teams.some((t) => t.teamId === partnerTeamId)) return 'Makkerteamet findes ikke.';
  return null;
}

/** Why `teamId` cannot be the evening team of `dayTeamId`, in Danish; null when it can. */
export function eveningProblem(teamId: string, dayTeamId: string | null, teams: readonly TeamOrg[]): string | null {
  if (dayTeamId === null) return null;
  if (dayTeamId === teamId) return 'Et team kan ikke være aftenteam for sig selv.';
  const day = teams.find((t) => t.teamId === dayTeamId);
  if (!day) return 'Dagteamet findes ikke.';
  if (day.eveningOfTeamId !== null) return 'Dagteamet er selv et aftenteam.';
  if (teams.some((t) => t.eveningOfTeamId === teamId)) return 'Teamet har selv et aftenteam.';
  return null;
}

/**
 * Why `userId` cannot cover `team` from `from` to `to`, in Danish; null when they can: the
 * backup comes from the pool of the team's district and is not the fixed visitator.
 */
export function coverProblem(
  team: Pick<TeamOrg, 'teamId' | 'districtId' | 'visitatorId'>,
  userId: string,
  districts: readonly Pick<District, 'id' | 'visitatorIds'>[],
): string | null {
  if (team.districtId === null)
    return 'Teamet hører ikke til et distrikt, så der er ingen visitatorer at vælge imellem.';
  const district = districts.find((d) => d.id === team.districtId);
  if (!district?.visitatorIds.includes(userId)) return 'Afløseren skal være i distriktets visitatorpulje.';
  if (team.visitatorId === userId) return 'Den faste visitator kan ikke være sin egen afløser.';
  return null;
}

/**
 * Whether the person is on the evening shift on this board: a member of the board's evening
 * team is, automatically; the device's "Jeg er på aftenvagt" switch (null: not touched)
 * overrides it either way.
 */
export function onEveningShift(
  user: { eveningTeamIds?: readonly string[] | undefined },
  boardTeamId: string | null,
  deviceOverride: boolean | null,
): boolean {
  if (deviceOverride !== null) return deviceOverride;
  return boardTeamId !== null && (user.eveningTeamIds ?? []).includes(boardTeamId);
}
