import { describe, expect, it } from 'vitest';
import { ROLES, canAccessTeam, canEditBoard, forcedPrivacyMode, type Role } from '../../shared/index.js';

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
