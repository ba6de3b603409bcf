import { describe, expect, it } from 'vitest';
import {
  ROLES,
  canAccessTeam,
  canEditBoard,
  canManageDevices,
  forcedPrivacyMode,
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

describe('[R38] wall-screen device management', () => {
  it('administrators for any team, a leder for their own teams, nobody else', () => {
    expect(canManageDevices({ role: 'administrator', teamIds: [] }, 'team-nord')).toBe(true);
    expect(canManageDevices({ role: 'leder', teamIds: ['team-nord'] }, 'team-nord')).toBe(true);
    expect(canManageDevices({ role: 'leder', teamIds: ['team-syd'] }, 'team-nord')).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'administrator' && r !== 'leder')) {
      expect(canManageDevices({ role, teamIds: ['team-nord'] }, 'team-nord')).toBe(false);
    }
  });
});
