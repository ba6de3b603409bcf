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
 * Who may create, re-pair and revoke a team's wall-screen devices: an administrator for any
 * team, a leder for the teams they lead (are a member of).
 */
export function canManageDevices(user: { role: Role; teamIds: readonly string[] }, teamId: string): boolean {
  if (user.role === 'administrator') return true;
  return user.role === 'leder' && user.teamIds.includes(teamId);
}
