import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

const BASE = {
  OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
  PUBLIC_URL: 'https://tavlen.kommune.dk',
};

describe('OIDC configuration', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('reads a complete configuration, deriving the redirect URI from PUBLIC_URL', () => {
    const oidc = loadConfig({
      ...BASE,
      OIDC_ROLE_CLAIM: 'roles',
      OIDC_TEAMS_CLAIM: 'groups',
      OIDC_ROLE_MAP: '{"Tavlen.Leder":"leder","Tavlen.SSH":"ssh"}',
      OIDC_AUTO_CREATE: 'true',
      OIDC_LABEL: 'Log ind med KOMBIT',
    }).oidc!;
    expect(oidc.redirectUri.href).toBe('https://tavlen.kommune.dk/api/auth/oidc/callback');
    expect(oidc.scopes).toBe('openid profile email');
    expect(oidc.roleMap).toEqual({ 'Tavlen.Leder': 'leder', 'Tavlen.SSH': 'ssh' });
    expect(oidc).toMatchObject({ autoCreate: true, linkByUsername: false, label: 'Log ind med KOMBIT' });
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'x' }, /OIDC_CLIENT_ID set but OIDC_ISSUER is not/],
    [{ ...BASE, OIDC_CLIENT_SECRET: '' }, /OIDC_CLIENT_SECRET is required/],
    [{ ...BASE, PUBLIC_URL: '' }, /OIDC_REDIRECT_URI .* or PUBLIC_URL/],
    [{ ...BASE, OIDC_REDIRECT_URI: 'https://tavlen.kommune.dk/callback' }, /must end in \/api\/auth\/oidc\/callback/],
    [{ ...BASE, OIDC_ISSUER: 'http://idp.kommune.dk' }, /must be https/],
    [{ ...BASE, OIDC_SCOPES: 'profile email' }, /must include openid/],
    [{ ...BASE, OIDC_AUTO_CREATE: 'true' }, /OIDC_AUTO_CREATE needs OIDC_ROLE_CLAIM/],
    [{ ...BASE, OIDC_ROLE_MAP: '{"a":"leder"}' }, /OIDC_ROLE_MAP needs OIDC_ROLE_CLAIM/],
    [{ ...BASE, OIDC_ROLE_CLAIM: 'roles', OIDC_ROLE_MAP: '{a:1}' }, /not valid JSON/],
    [{ ...BASE, OIDC_ROLE_CLAIM: 'roles', OIDC_ROLE_MAP: '{"Skærme":"skaerm"}' }, /other than skaerm/],
    [{ ...BASE, OIDC_ROLE_CLAIM: 'roles', OIDC_ROLE_MAP: '{"x":"chef"}' }, /other than skaerm/],
  ])('a half or wrong configuration fails at start: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('an http issuer is accepted only with OIDC_ALLOW_HTTP (local test provider)', () => {
    expect(loadConfig({ ...BASE, OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_ALLOW_HTTP: 'true' }).oidc?.allowHttp).toBe(
      true,
    );
  });
});

describe('several nodes (REDIS_URL)', () => {
  it('needs DATABASE_URL: SQLite is the file of one process', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
  });

  it('takes a redis URL next to a postgres one, and nothing else', () => {
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://x@h/db' });
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(() => loadConfig({ REDIS_URL: 'http://h', DATABASE_URL: 'postgres://x@h/db' })).toThrow(/REDIS_URL/);
  });
});
