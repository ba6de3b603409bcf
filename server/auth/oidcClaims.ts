import { ROLES, RoleSchema, type Role } from '../../shared/model/user.js';
import { containsCpr, maskCpr } from '../../shared/rules/cpr.js';
import type { OidcLoginError } from '../../shared/protocol/auth.js';

/**
 * Pure part of OpenID Connect sign-in: validated ID-token/userinfo claims → who signs in, with
 * which role and teams. No I/O, so every rule here is unit-tested (tests/unit/oidcClaims.test.ts).
 */

export type Claims = Record<string, unknown>;

export interface ClaimRules {
  /** null = preferred_username, then email. */
  usernameClaim: string | null;
  nameClaim: string;
  roleClaim: string | null;
  teamsClaim: string | null;
  /** Claim value → role; empty = the values must be Tavlen role names. */
  roleMap: Record<string, Role>;
}

/** Why a sign-in is refused; the same codes go to the audit log and the login page. */
export type OidcRefusal = Extract<
  OidcLoginError,
  'missing_username' | 'missing_role' | 'unknown_role' | 'role_not_allowed' | 'unknown_user' | 'username_taken'
>;

export interface MappedIdentity {
  username: string;
  /** null when the name claim is absent (then a local name is kept). */
  name: string | null;
  /** Only when a role claim is configured. */
  role?: Role;
  /** Only when a teams claim is configured: the raw values (matched to teams by matchTeams). */
  teams?: string[];
}

/** A refusal carries the username when one was found, for the audit log. */
export type MapResult = { ok: true; identity: MappedIdentity } | { ok: false; reason: OidcRefusal; username?: string };

/** A claim as a list of non-empty strings: a single string or an array (Entra `roles`, `groups`). */
export function claimValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The role from the role claim's values. Values that map to nothing are ignored (a groups claim
 * carries many unrelated groups). `skaerm` refuses outright: a wall screen is a paired device,
 * never a person's sign-in. Several roles: the most trusted one in ROLES order wins, as a person in
 * both "ledere" and "sygeplejersker" works as leder.
 */
export function roleFromClaim(
  value: unknown,
  roleMap: Record<string, Role>,
): { ok: true; role: Role } | { ok: false; reason: OidcRefusal } {
  const values = claimValues(value);
  if (values.length === 0) return { ok: false, reason: 'missing_role' };
  const useMap = Object.keys(roleMap).length > 0;
  const roles = new Set<Role>();
  for (const v of values) {
    const role = useMap ? (Object.hasOwn(roleMap, v) ? roleMap[v] : undefined) : RoleSchema.safeParse(v).data;
    if (role) roles.add(role);
  }
  if (roles.has('skaerm')) return { ok: false, reason: 'role_not_allowed' };
  const best = ROLES.find((r) => roles.has(r));
  return best ? { ok: true, role: best } : { ok: false, reason: 'unknown_role' };
}

/** Maps claims to an identity, or the reason to refuse. */
export function mapClaims(claims: Claims, rules: ClaimRules): MapResult {
  const usernameRaw = rules.usernameClaim
    ? claimValues(claims[rules.usernameClaim])[0]
    : (claimValues(claims.preferred_username)[0] ?? claimValues(claims.email)[0]);
  const username = usernameRaw?.toLowerCase();
  // A username is stored, shown and audited like a local one, so a CPR-shaped one is refused
  // like the admin API refuses it (docs/security.md "No CPR numbers"); a display name is masked.
  if (!username || username.length > 100 || containsCpr(username)) return { ok: false, reason: 'missing_username' };
  const rawName = claimValues(claims[rules.nameClaim])[0]?.slice(0, 200);
  const name = rawName === undefined ? null : maskCpr(rawName);
  const identity: MappedIdentity = { username, name };
  if (rules.roleClaim) {
    const role = roleFromClaim(claims[rules.roleClaim], rules.roleMap);
    if (!role.ok) return { ok: false, reason: role.reason, username };
    identity.role = role.role;
  }
  if (rules.teamsClaim) identity.teams = claimValues(claims[rules.teamsClaim]);
  return { ok: true, identity };
}

/** Team claim values matched to existing teams by id, or by name ignoring case; unknown ones are ignored. */
export function matchTeams(values: readonly string[], teams: readonly { id: string; name: string }[]): string[] {
  const byKey = new Map<string, string>();
  for (const t of teams) byKey.set(t.name.toLocaleLowerCase('da-DK'), t.id);
  for (const t of teams) byKey.set(t.id, t.id); // ids win over a team named like another's id
  const ids = new Set<string>();
  for (const v of values) {
    const id = byKey.get(v) ?? byKey.get(v.toLocaleLowerCase('da-DK'));
    if (id) ids.add(id);
  }
  return [...ids];
}

/**
 * The claims Tavlen reads: the ID token's, with userinfo filling in what the token lacks
 * (providers such as oidc-provider put scope claims only in userinfo). Never lets userinfo
 * override the token, which is signed and bound to this sign-in.
 */
export function mergeClaims(idToken: Claims, userinfo: Claims | null): Claims {
  return userinfo ? { ...userinfo, ...idToken } : { ...idToken };
}

/** Whether the claims the rules need are all in the ID token (then no userinfo call is needed). */
export function needsUserinfo(idToken: Claims, rules: ClaimRules): boolean {
  const wanted = [rules.nameClaim, rules.roleClaim, rules.teamsClaim].filter((c): c is string => c !== null);
  const hasUsername = rules.usernameClaim
    ? idToken[rules.usernameClaim] !== undefined
    : idToken.preferred_username !== undefined || idToken.email !== undefined;
  return !hasUsername || wanted.some((c) => idToken[c] === undefined);
}
