import { describe, expect, it } from 'vitest';
import {
  ASSIGNABLE_ROLES,
  MIN_PASSWORD_LENGTH,
  ROLES,
  auditAccess,
  canAccessTeam,
  canChangeMembership,
  canEditBoard,
  canManageDevices,
  canManageTeams,
  canManageUsers,
  canOpenAdmin,
  canSetTeams,
  canViewUser,
  forcedPrivacyMode,
  historyAccess,
  isAssignableRole,
  mayReadAudit,
  wouldRemoveLastAdministrator,
  type Role,
} from '../../shared/index.js';

describe('[R36] permissions', () => {
  it('every role except the wall screen may edit the board', () => {
    const editors = ROLES.filter((r) => canEditBoard(r));
    expect(editors).toEqual(ROLES.filter((r) => r !== 'skaerm'));
    expect(canEditBoard('skaerm')).toBe(false);
  });

  it.each(ROLES.filter((r) => r !== 'skaerm'))('%s can edit and is not forced into privacy mode', (role: Role) => {
    expect(canEditBoard(role)).toBe(true);
    expect(forcedPrivacyMode(role)).toBe(false);
  });

  it('[R31] the wall screen is forced into privacy mode (initials only)', () => {
    expect(forcedPrivacyMode('skaerm')).toBe(true);
  });

  it('a user may open only boards of their own teams', () => {
    const user = { teamIds: ['team-nord', 'team-syd'] };
    expect(canAccessTeam(user, 'team-nord')).toBe(true);
    expect(canAccessTeam(user, 'team-syd')).toBe(true);
    expect(canAccessTeam(user, 'team-vest')).toBe(false);
    expect(canAccessTeam(user, 'team')).toBe(false);
    expect(canAccessTeam({ teamIds: [] }, 'team-nord')).toBe(false);
  });
});

describe('per-user edit right ("Kun læseadgang")', () => {
  it.each(ROLES.filter((r) => r !== 'skaerm'))('%s may edit unless marked read-only', (role: Role) => {
    expect(canEditBoard({ role })).toBe(true);
    expect(canEditBoard({ role, readOnly: false })).toBe(true);
    expect(canEditBoard({ role, readOnly: true })).toBe(false);
  });

  it('the wall screen is read-only whatever its flag says', () => {
    expect(canEditBoard({ role: 'skaerm' })).toBe(false);
    expect(canEditBoard({ role: 'skaerm', readOnly: false })).toBe(false);
    expect(canEditBoard({ role: 'skaerm', readOnly: true })).toBe(false);
  });
});

describe('administration of teams and users', () => {
  const actor = (role: Role, teamIds: string[] = ['team-nord']) => ({ id: `u-${role}`, role, teamIds });
  const target = (role: Role, teamIds: string[]) => ({ id: 'u-target', role, teamIds });

  it('only the administrator and the leder open the admin page', () => {
    expect(ROLES.filter((r) => canOpenAdmin({ role: r }))).toEqual(['administrator', 'leder']);
  });

  it('only the administrator manages teams and users', () => {
    expect(ROLES.filter((r) => canManageTeams({ role: r }))).toEqual(['administrator']);
    expect(ROLES.filter((r) => canManageUsers({ role: r }))).toEqual(['administrator']);
  });

  it('wall screens are never assignable: they are paired devices', () => {
    expect(ASSIGNABLE_ROLES).toEqual(ROLES.filter((r) => r !== 'skaerm'));
    expect(isAssignableRole('skaerm')).toBe(false);
    for (const r of ASSIGNABLE_ROLES) expect(isAssignableRole(r)).toBe(true);
  });

  it('the administrator sees every user; a leder the members of their own teams; others nobody', () => {
    expect(canViewUser(actor('administrator', []), { teamIds: [] })).toBe(true);
    expect(canViewUser(actor('leder'), { teamIds: ['team-nord', 'team-syd'] })).toBe(true);
    expect(canViewUser(actor('leder'), { teamIds: ['team-syd'] })).toBe(false);
    expect(canViewUser(actor('leder'), { teamIds: [] })).toBe(false);
    for (const r of ROLES.filter((x) => x !== 'administrator' && x !== 'leder')) {
      expect(canViewUser(actor(r), { teamIds: ['team-nord'] })).toBe(false);
    }
  });

  it('the administrator changes any membership', () => {
    const admin = actor('administrator', []);
    for (const r of ROLES) expect(canChangeMembership(admin, target(r, []), 'team-vest')).toBe(true);
  });

  it('a leder changes membership only of their own teams, for members they can see', () => {
    const leder = actor('leder', ['team-nord', 'team-syd']);
    const ssh = target('ssh', ['team-nord']);
    expect(canChangeMembership(leder, ssh, 'team-syd')).toBe(true);
    expect(canChangeMembership(leder, ssh, 'team-nord')).toBe(true);
    expect(canChangeMembership(leder, ssh, 'team-vest')).toBe(false);
    // Someone outside the leder's teams is the administrator's business.
    expect(canChangeMembership(leder, target('ssh', ['team-vest']), 'team-nord')).toBe(false);
    expect(canChangeMembership(leder, target('ssh', []), 'team-nord')).toBe(false);
  });

  it('a leder never touches administrators or wall screens', () => {
    const leder = actor('leder', ['team-nord', 'team-syd']);
    expect(canChangeMembership(leder, target('administrator', ['team-nord']), 'team-syd')).toBe(false);
    expect(canChangeMembership(leder, target('skaerm', ['team-nord']), 'team-syd')).toBe(false);
  });

  it.each(ROLES.filter((r) => r !== 'administrator' && r !== 'leder'))('%s changes no membership', (role: Role) => {
    expect(canChangeMembership(actor(role), target('ssh', ['team-nord']), 'team-nord')).toBe(false);
    expect(canSetTeams(actor(role), target('ssh', ['team-nord']), [])).toBe(false);
  });

  it('setting teams is allowed when every added and removed team is allowed', () => {
    const leder = actor('leder', ['team-nord', 'team-syd']);
    const ssh = target('ssh', ['team-nord', 'team-vest']);
    expect(canSetTeams(leder, ssh, ['team-syd', 'team-vest'])).toBe(true); // move nord → syd
    expect(canSetTeams(leder, ssh, ['team-vest'])).toBe(true); // remove from nord
    expect(canSetTeams(leder, ssh, ['team-nord'])).toBe(false); // removes vest: not theirs
    expect(canSetTeams(leder, ssh, ['team-nord', 'team-vest', 'team-ost'])).toBe(false);
    expect(canSetTeams(leder, ssh, ['team-vest', 'team-nord'])).toBe(true); // no change, order irrelevant
    expect(canSetTeams(leder, target('ssh', ['team-vest']), ['team-vest'])).toBe(false); // cannot see them
    expect(canSetTeams(actor('administrator', []), ssh, ['team-ost'])).toBe(true);
  });

  it('the last active administrator cannot be demoted or deactivated', () => {
    expect(wouldRemoveLastAdministrator(['u-admin'], 'u-admin')).toBe(true);
    expect(wouldRemoveLastAdministrator(['u-admin', 'u-other'], 'u-admin')).toBe(false);
    // Someone who is not an active administrator removes none.
    expect(wouldRemoveLastAdministrator(['u-admin'], 'u-anne')).toBe(false);
    expect(wouldRemoveLastAdministrator([], 'u-anne')).toBe(false);
  });

  it('passwords an administrator sets are at least 10 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
  });

  it('a leder marked "Kun læseadgang" only looks: no membership changes', () => {
    const lederRo = { ...actor('leder', ['team-nord', 'team-syd']), readOnly: true };
    expect(canChangeMembership(lederRo, target('ssh', ['team-nord']), 'team-syd')).toBe(false);
    expect(canViewUser(lederRo, target('ssh', ['team-nord']))).toBe(true);
  });
});

describe('[R36] who may read the audit log', () => {
  const board = { teamId: 'nord', municipalityId: 'demo' };
  const user = (role: Role, teamIds: string[]) => ({ role, teamIds });

  it('the administrator reads every team of their own municipality, even one they are not on', () => {
    expect(auditAccess(user('administrator', ['syd']), board, ['demo'])).toBe('allowed');
    expect(auditAccess(user('administrator', ['andet']), board, ['andet-kommune'])).toBe('not_found');
  });

  it('a leder reads their own teams only', () => {
    expect(auditAccess(user('leder', ['nord']), board, ['demo'])).toBe('allowed');
    expect(auditAccess(user('leder', ['syd']), board, ['demo'])).toBe('not_found');
  });

  it.each(ROLES.filter((r) => r !== 'leder' && r !== 'administrator'))(
    '%s on the team is refused (403); off the team the board is not found (404)',
    (role: Role) => {
      expect(auditAccess(user(role, ['nord']), board, ['demo'])).toBe('forbidden');
      expect(auditAccess(user(role, ['syd']), board, ['demo'])).toBe('not_found');
      expect(mayReadAudit(role)).toBe(false);
    },
  );

  it('the page is offered to leder and administrator', () => {
    expect(mayReadAudit('leder')).toBe(true);
    expect(mayReadAudit('administrator')).toBe(true);
  });
});

describe('[R38] wall-screen device management', () => {
  const nord = { id: 'team-nord', municipalityId: 'demo' };
  const who = (role: Role, teamIds: string[], municipalityId: string | null = 'demo') => ({
    role,
    teamIds,
    municipalityId,
  });
  it('administrators for any team of their municipality, a leder for their own teams, nobody else', () => {
    expect(canManageDevices(who('administrator', []), nord)).toBe(true);
    expect(canManageDevices(who('administrator', [], 'andet-kommune'), nord)).toBe(false);
    expect(canManageDevices(who('administrator', [], null), nord)).toBe(false);
    expect(canManageDevices(who('leder', ['team-nord']), nord)).toBe(true);
    expect(canManageDevices(who('leder', ['team-syd']), nord)).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'administrator' && r !== 'leder')) {
      expect(canManageDevices(who(role, ['team-nord']), nord)).toBe(false);
    }
  });
});

describe('board history and restore (historyAccess)', () => {
  const board = { teamId: 'team-nord', municipalityId: 'm1' };
  const actor = (role: Role, teamIds: string[], extra: { municipalityId?: string; readOnly?: boolean } = {}) => ({
    role,
    teamIds,
    municipalityId: extra.municipalityId ?? 'm1',
    readOnly: extra.readOnly,
  });

  it('the administrator may view and restore every board of their own municipality, member or not', () => {
    expect(historyAccess(actor('administrator', []), board, true)).toBe('allowed');
    expect(historyAccess(actor('administrator', ['team-nord'], { municipalityId: 'm2' }), board, false)).toBe(
      'not_found',
    );
  });

  it('a leder only for their own teams; other teams are not found', () => {
    expect(historyAccess(actor('leder', ['team-nord']), board, true)).toBe('allowed');
    expect(historyAccess(actor('leder', ['team-syd']), board, false)).toBe('not_found');
  });

  it('other members of the team are forbidden, outsiders not found', () => {
    expect(historyAccess(actor('koordinator', ['team-nord']), board, false)).toBe('forbidden');
    expect(historyAccess(actor('sygeplejerske', ['team-syd']), board, false)).toBe('not_found');
  });

  it('"Kun læseadgang" may look but not restore', () => {
    expect(historyAccess(actor('administrator', [], { readOnly: true }), board, false)).toBe('allowed');
    expect(historyAccess(actor('administrator', [], { readOnly: true }), board, true)).toBe('forbidden');
    expect(historyAccess(actor('leder', ['team-nord'], { readOnly: true }), board, true)).toBe('forbidden');
  });
});
