import { ROLES, type Role } from '../model/user.js';

/**
 * Who may write to a board's document. The server enforces this at connection time
 * (read-only connections have their updates dropped); the UI only mirrors it.
 * The wall screen is always read-only; any other user is read-only when an administrator
 * marked them "Kun læseadgang" (e.g. a leder who should only look). Accepts a bare role
 * for callers that have no user at hand.
 */
const READ_ONLY_ROLES: ReadonlySet<Role> = new Set<Role>(['skaerm']);

export function canEditBoard(subject: Role | { role: Role; readOnly?: boolean }): boolean {
  if (typeof subject === 'string') return !READ_ONLY_ROLES.has(subject);
  return !READ_ONLY_ROLES.has(subject.role) && subject.readOnly !== true;
}

/** A user may open a board only if it belongs to one of their teams. */
export function canAccessTeam(user: { teamIds: readonly string[] }, teamId: string): boolean {
  return user.teamIds.includes(teamId);
}

/** Privacy mode (initials only) is forced for wall screens; others may toggle it. */
export function forcedPrivacyMode(role: Role): boolean {
  return role === 'skaerm';
}

// ---------------------------------------------------------------------------------------
// Administration of teams and users (docs/security.md "Administration").
//
// - administrator: everything in their municipality: teams, users, roles, edit rights,
//   deactivation, passwords.
// - leder: sees the members of their own teams and may move those members between, add
//   them to or remove them from teams they lead themselves (least privilege: a leder never
//   creates users, changes roles, rights or passwords, and never touches administrators or
//   wall screens). Adding someone from outside the leder's teams is the administrator's job.
// - everyone else: no administration.
// ---------------------------------------------------------------------------------------

export interface AdminActor {
  id: string;
  role: Role;
  teamIds: readonly string[];
  /** "Kun læseadgang": a leder so marked only looks, on the board and here. */
  readOnly?: boolean;
}

export interface AdminTarget {
  id: string;
  role: Role;
  teamIds: readonly string[];
}

/** Roles an administrator may give a user. Wall screens are paired devices, never created here. */
export const ASSIGNABLE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'skaerm');

export function isAssignableRole(role: Role): boolean {
  return ASSIGNABLE_ROLES.includes(role);
}

/** May open the admin page at all (the leder sees a reduced page). */
export function canOpenAdmin(actor: { role: Role }): boolean {
  return actor.role === 'administrator' || actor.role === 'leder';
}

/** Create and rename teams. */
export function canManageTeams(actor: { role: Role }): boolean {
  return actor.role === 'administrator';
}

/** Create users; change role, edit right, password; deactivate and reactivate. */
export function canManageUsers(actor: { role: Role }): boolean {
  return actor.role === 'administrator';
}

/** May see this user in the admin page's user list. */
export function canViewUser(actor: AdminActor, target: { teamIds: readonly string[] }): boolean {
  if (actor.role === 'administrator') return true;
  if (actor.role !== 'leder') return false;
  return target.teamIds.some((t) => actor.teamIds.includes(t));
}

/** May add `target` to, or remove them from, `teamId`. */
export function canChangeMembership(actor: AdminActor, target: AdminTarget, teamId: string): boolean {
  if (actor.role === 'administrator') return true;
  if (actor.role !== 'leder' || actor.readOnly === true) return false;
  if (target.role === 'administrator' || target.role === 'skaerm') return false;
  return actor.teamIds.includes(teamId) && canViewUser(actor, target);
}

/** May replace `target`'s teams with `next`: every team added or removed must be allowed. */
export function canSetTeams(actor: AdminActor, target: AdminTarget, next: readonly string[]): boolean {
  const before = new Set(target.teamIds);
  const after = new Set(next);
  const changed = [...[...after].filter((t) => !before.has(t)), ...[...before].filter((t) => !after.has(t))];
  if (changed.length === 0) return canViewUser(actor, target);
  return changed.every((t) => canChangeMembership(actor, target, t));
}

/**
 * True when a change would leave the municipality without an active administrator:
 * `activeAdministratorIds` are the active administrators now, `targetId` loses the role
 * (demotion) or is deactivated.
 */
export function wouldRemoveLastAdministrator(activeAdministratorIds: readonly string[], targetId: string): boolean {
  return activeAdministratorIds.includes(targetId) && activeAdministratorIds.every((id) => id === targetId);
}

/** Password policy for passwords an administrator sets (checked on the server). */
export const MIN_PASSWORD_LENGTH = 10;
/**
 * Who may read a board's audit log (R36): the administrator for every team of their own
 * municipality, a leder for their own teams. Anyone else who can see the board gets
 * `forbidden`; a board outside the reader's reach is `not_found`, like every other board
 * it may not open.
 */
export function auditAccess(
  user: { role: Role; teamIds: readonly string[] },
  board: { teamId: string; municipalityId: string },
  userMunicipalityIds: readonly string[],
): 'allowed' | 'forbidden' | 'not_found' {
  if (user.role === 'administrator' && userMunicipalityIds.includes(board.municipalityId)) return 'allowed';
  if (!canAccessTeam(user, board.teamId)) return 'not_found';
  return user.role === 'leder' ? 'allowed' : 'forbidden';
}

/** Whether to offer the audit page at all (the server decides per board). */
/** The Styring cockpit (issue #13): leder, koordinator, visitator, and the administrator for set-up. */
export function mayOpenStyring(role: Role): boolean {
  return role === 'leder' || role === 'koordinator' || role === 'visitator' || role === 'administrator';
}

export function mayReadAudit(role: Role): boolean {
  return role === 'administrator' || role === 'leder';
}

/**
 * Who may create, re-pair and revoke a team's wall-screen devices: an administrator for any
 * team of their own municipality, a leder for the teams they lead (are a member of).
 */
export function canManageDevices(
  user: { role: Role; teamIds: readonly string[]; municipalityId: string | null },
  team: { id: string; municipalityId: string },
): boolean {
  if (user.role === 'administrator') return user.municipalityId === team.municipalityId;
  return user.role === 'leder' && user.teamIds.includes(team.id);
}

// ---------------------------------------------------------------------------------------
// Municipality settings (admin tab "Indstillinger", docs/security.md "Administration").
// ---------------------------------------------------------------------------------------

/**
 * Change the municipality's delegation model and triage response clocks: they decide who
 * may close or adjust a forløb and how fast a red citizen must be seen, so only an
 * administrator who may edit (not one marked "Kun læseadgang").
 */
export function canChangeMunicipalitySettings(actor: { role: Role; readOnly?: boolean }): boolean {
  return actor.role === 'administrator' && actor.readOnly !== true;
}

/**
 * Change a team's visitator weekdays (the triage view's SEL/SUL focus): an administrator of
 * the team's municipality, or a leder of that team; never a read-only user.
 */
export function canSetVisitatorDays(
  actor: { role: Role; readOnly?: boolean; teamIds: readonly string[]; municipalityId: string | null },
  team: { id: string; municipalityId: string },
): boolean {
  if (actor.readOnly === true) return false;
  if (actor.role === 'administrator') return actor.municipalityId === team.municipalityId;
  return actor.role === 'leder' && actor.teamIds.includes(team.id) && actor.municipalityId === team.municipalityId;
}

// ---------------------------------------------------------------------------------------
// Board history and restore (admin tab "Gendan", docs/operations.md "History and restore").
// ---------------------------------------------------------------------------------------

/**
 * Who may see a board as it was and restore it: the administrator for every board of their
 * own municipality, a leder for their own teams' boards (the reach of the audit log, R36).
 * Restoring (`write`) also needs an account that may edit (not "Kun læseadgang"). A board
 * beyond reach is `not_found`, like every board one may not open.
 */
export function historyAccess(
  actor: { role: Role; teamIds: readonly string[]; municipalityId: string | null; readOnly?: boolean },
  board: { teamId: string; municipalityId: string },
  write: boolean,
): 'allowed' | 'forbidden' | 'not_found' {
  if (actor.municipalityId !== board.municipalityId) return 'not_found';
  const reach = actor.role === 'administrator' || (actor.role === 'leder' && actor.teamIds.includes(board.teamId));
  if (!reach) return actor.teamIds.includes(board.teamId) ? 'forbidden' : 'not_found';
  return write && actor.readOnly === true ? 'forbidden' : 'allowed';
}

// ---------------------------------------------------------------------------------------
// The local offers directory (issue #16 part 5, R26).
// ---------------------------------------------------------------------------------------

/** Search the directory and link offers: every staff member (not the wall screen). */
export function maySearchLocalOffers(role: Role): boolean {
  return role !== 'skaerm';
}

/**
 * Add, change and remove offers: those who keep the overview of what is on locally (S2:1907-1928
 * "civilsamfundsambassadører"): the administrator, the leder and the koordinator; never read-only.
 */
export function mayManageLocalOffers(actor: { role: Role; readOnly?: boolean }): boolean {
  if (actor.readOnly === true) return false;
  return actor.role === 'administrator' || actor.role === 'leder' || actor.role === 'koordinator';
}
