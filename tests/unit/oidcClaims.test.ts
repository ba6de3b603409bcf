import { describe, expect, it } from 'vitest';
import {
  claimValues,
  mapClaims,
  matchTeams,
  mergeClaims,
  needsUserinfo,
  roleFromClaim,
  type ClaimRules,
} from '../../server/auth/oidcClaims.js';

const rules = (over: Partial<ClaimRules> = {}): ClaimRules => ({
  usernameClaim: null,
  nameClaim: 'name',
  roleClaim: null,
  teamsClaim: null,
  roleMap: {},
  ...over,
});

const TEAMS = [
  { id: 'team-nord', name: 'Team Nord' },
  { id: 'team-syd', name: 'Team Syd' },
];

describe('claimValues', () => {
  it('accepts a string or an array of strings and drops everything else', () => {
    expect(claimValues('leder')).toEqual(['leder']);
    expect(claimValues([' a ', '', 3, null, 'b'])).toEqual(['a', 'b']);
    expect(claimValues(undefined)).toEqual([]);
    expect(claimValues({ role: 'leder' })).toEqual([]);
  });
});

describe('roleFromClaim', () => {
  it('without a role map, values must be Tavlen role names', () => {
    expect(roleFromClaim('sygeplejerske', {})).toEqual({ ok: true, role: 'sygeplejerske' });
    expect(roleFromClaim(['Sygeplejerske'], {})).toEqual({ ok: false, reason: 'unknown_role' });
  });

  it('with a role map, only mapped values count (raw role names in the claim do not)', () => {
    const map = { 'SG-Tavlen-Ledere': 'leder', 'SG-Tavlen-SSH': 'ssh' } as const;
    expect(roleFromClaim(['Alle ansatte', 'SG-Tavlen-SSH'], map)).toEqual({ ok: true, role: 'ssh' });
    expect(roleFromClaim(['administrator'], map)).toEqual({ ok: false, reason: 'unknown_role' });
    // Object prototype keys are not a mapping.
    expect(roleFromClaim(['constructor', 'toString'], map)).toEqual({ ok: false, reason: 'unknown_role' });
  });

  it('several roles: the most trusted one wins', () => {
    expect(roleFromClaim(['ssh', 'leder', 'koordinator'], {})).toEqual({ ok: true, role: 'leder' });
  });

  it('an absent or empty claim is missing_role', () => {
    expect(roleFromClaim(undefined, {})).toEqual({ ok: false, reason: 'missing_role' });
    expect(roleFromClaim([], {})).toEqual({ ok: false, reason: 'missing_role' });
  });

  it('skaerm is refused, even next to another role', () => {
    expect(roleFromClaim('skaerm', {})).toEqual({ ok: false, reason: 'role_not_allowed' });
    expect(roleFromClaim(['leder', 'skaerm'], {})).toEqual({ ok: false, reason: 'role_not_allowed' });
  });
});

describe('mapClaims', () => {
  it('[R36] refuses a CPR-shaped username and masks a CPR number in the name, disguised ones too', () => {
    for (const username of ['010190-1234', '01.01.90-1234', '０１０１９０－１２３４', 'o1o190.1234']) {
      expect(mapClaims({ preferred_username: username, name: 'Anne' }, rules()), username).toEqual({
        ok: false,
        reason: 'missing_username',
      });
    }
    const mapped = mapClaims({ preferred_username: 'anne', name: 'Anne 010190\u20131234' }, rules());
    expect(mapped).toMatchObject({ ok: true, identity: { username: 'anne', name: 'Anne xxxxxx-xxxx' } });
  });

  it('username: preferred_username, then email, lower-cased; name when present', () => {
    expect(mapClaims({ preferred_username: 'Anne@Kommune.dk', email: 'x@y', name: 'Anne' }, rules())).toEqual({
      ok: true,
      identity: { username: 'anne@kommune.dk', name: 'Anne' },
    });
    expect(mapClaims({ email: 'B@k.dk' }, rules())).toEqual({ ok: true, identity: { username: 'b@k.dk', name: null } });
  });

  it('a configured username claim is the only one read', () => {
    expect(mapClaims({ preferred_username: 'anne', upn: 'AH@k.dk' }, rules({ usernameClaim: 'upn' }))).toMatchObject({
      ok: true,
      identity: { username: 'ah@k.dk' },
    });
    expect(mapClaims({ preferred_username: 'anne' }, rules({ usernameClaim: 'upn' }))).toEqual({
      ok: false,
      reason: 'missing_username',
    });
  });

  it('role and teams only when their claims are configured', () => {
    const claims = { preferred_username: 'k', roles: ['terapeut'], groups: ['Team Syd'] };
    expect(mapClaims(claims, rules())).toEqual({ ok: true, identity: { username: 'k', name: null } });
    expect(mapClaims(claims, rules({ roleClaim: 'roles', teamsClaim: 'groups' }))).toEqual({
      ok: true,
      identity: { username: 'k', name: null, role: 'terapeut', teams: ['Team Syd'] },
    });
  });

  it('a refused role names the username (for the audit log)', () => {
    expect(mapClaims({ preferred_username: 'u', roles: 'chef' }, rules({ roleClaim: 'roles' }))).toEqual({
      ok: false,
      reason: 'unknown_role',
      username: 'u',
    });
  });
});

describe('matchTeams', () => {
  it('matches ids and names (any case), ignores unknown teams and duplicates', () => {
    expect(matchTeams(['team-nord', 'TEAM SYD', 'Team Øst', 'Team Nord'], TEAMS)).toEqual(['team-nord', 'team-syd']);
    expect(matchTeams([], TEAMS)).toEqual([]);
  });
});

describe('mergeClaims and needsUserinfo', () => {
  it('userinfo fills in what the ID token lacks but never overrides it', () => {
    expect(mergeClaims({ sub: '1', roles: ['ssh'] }, { sub: '1', roles: ['leder'], name: 'N' })).toEqual({
      sub: '1',
      roles: ['ssh'],
      name: 'N',
    });
    expect(mergeClaims({ sub: '1' }, null)).toEqual({ sub: '1' });
  });

  it('userinfo is needed only when a configured claim is missing from the ID token', () => {
    const r = rules({ roleClaim: 'roles' });
    expect(needsUserinfo({ preferred_username: 'a', name: 'A', roles: [] }, r)).toBe(false);
    expect(needsUserinfo({ preferred_username: 'a', name: 'A' }, r)).toBe(true);
    expect(needsUserinfo({ name: 'A', roles: [] }, r)).toBe(true);
  });
});
