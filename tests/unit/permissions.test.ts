import { describe, expect, it } from 'vitest';
import {
  ROLES,
  auditAccess,
  canAccessTeam,
  canEditBoard,
  forcedPrivacyMode,
  mayReadAudit,
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
