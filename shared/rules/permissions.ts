import type { Role } from '../model/user.js';

/**
 * Who may write to a board's document. The server enforces this at connection time
 * (read-only connections have their updates dropped); the UI only mirrors it.
 * Finer rules (the municipality's delegation matrix) come with the forløb lifecycle.
 */
const READ_ONLY_ROLES: ReadonlySet<Role> = new Set<Role>(['skaerm']);

export function canEditBoard(role: Role): boolean {
  return !READ_ONLY_ROLES.has(role);
}

/** A user may open a board only if it belongs to one of their teams. */
export function canAccessTeam(user: { teamIds: readonly string[] }, teamId: string): boolean {
  return user.teamIds.includes(teamId);
}

/** Privacy mode (initials only) is forced for wall screens; others may toggle it. */
export function forcedPrivacyMode(role: Role): boolean {
  return role === 'skaerm';
}

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
export function mayReadAudit(role: Role): boolean {
  return role === 'administrator' || role === 'leder';
}
