import { z } from 'zod';
import { RoleSchema, type Role } from '../shared/model/user.js';

/** Env booleans: accept the usual spellings, reject anything else so typos fail loudly. */
const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1' || v === 'yes'));

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… selects the PostgreSQL adapter; unset = SQLite in DATA_DIR (docs/operations.md). */
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /**
   * redis://… joins this node to the others on the same DATABASE_URL (fan-out of board
   * updates, socket.io, meeting control, rate limits; docs/multi-node.md). Needs DATABASE_URL.
   */
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** This node's name among several (logs, board ownership); default: host name and process id. */
  NODE_ID: z.string().trim().min(1).max(100).optional(),
  /** Connections in the PostgreSQL pool (with DATABASE_URL). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(12),
  TRUST_PROXY: envBool(false),
  SEED_DEMO: envBool(true),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  BOARD_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  COMPACT_EVERY_UPDATES: z.coerce.number().int().min(1).default(500),
  /** Refused updates one user may cause per minute on a board before the rest are refused unread. */
  REFUSALS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Rebuild a board into a new epoch on load when its doc has seen more clientIDs (0 = off). */
  EPOCH_REBUILD_CLIENT_IDS: z.coerce.number().int().min(0).default(500),
  /** Closed forløb leave the live board this many days after their closing date. */
  ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** How often loaded boards are checked for closed forløb to archive. */
  ARCHIVE_INTERVAL_MS: z.coerce.number().int().min(10).default(3_600_000),
  /** Closed forløb are deleted from the archive this many days after closing (daily job). */
  RETENTION_CLOSED_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  /** Point-in-time board history older than this many days is pruned (daily job). */
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** A compaction keeps a history snapshot when the last one is older than this many minutes. */
  HISTORY_SNAPSHOT_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Audit entries older than this many days are deleted (daily job). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(36500).default(1825),
  /** How long a disconnected meeting leader keeps the lead before others may take over. */
  MEETING_LEADER_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** A meeting nobody is connected to ends after this long (no memory kept for ever). */
  MEETING_EMPTY_END_MS: z.coerce.number().int().min(0).max(86_400_000).default(1_800_000),
  // Sign-in and HTTP hardening (docs/security.md).
  /** Largest JSON body the HTTP API accepts, in kB (1 kB = 1024 bytes). */
  HTTP_BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
  /** Failed sign-ins for one username within the window before it answers 429. */
  LOGIN_FAILURES_PER_USER: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins from one client IP within the window (higher: an office shares one IP). */
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().max(1440).default(15),
  ...OidcEnvShape(),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, keyof ReturnType<typeof OidcEnvShape>> & {
  /** OpenID Connect sign-in; null = only username + password. */
  oidc: OidcConfig | null;
};

/** Reads and validates the environment once; throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set" (e.g. `PORT= npm start`), so defaults still apply.
  const cleaned = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  if (parsed.data.REDIS_URL && !parsed.data.DATABASE_URL) {
    // Several nodes share one database; SQLite is one process's file.
    throw new Error('Invalid configuration: REDIS_URL needs DATABASE_URL (several nodes share one PostgreSQL)');
  }
  const { oidc, rest } = splitOidc(parsed.data);
  return { ...rest, oidc };
}

// ---------------------------------------------------------------------------------------------
// OpenID Connect: all OIDC_* variables. OIDC_ISSUER switches it on; a half-configured OIDC stops
// the start with a message naming what is missing rather than failing at the first sign-in.

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUri: URL;
  scopes: string;
  /** null = preferred_username, then email. */
  usernameClaim: string | null;
  nameClaim: string;
  /** Set: the role comes from this claim at every sign-in; null = the local user's role. */
  roleClaim: string | null;
  /** Set: team memberships come from this claim at every sign-in; null = local memberships. */
  teamsClaim: string | null;
  /** Claim value (e.g. a group name) → Tavlen role. Empty = the values are role names themselves. */
  roleMap: Record<string, Role>;
  autoCreate: boolean;
  /** Link a first sign-in to the local user with the same username (claim). Off by default. */
  linkByUsername: boolean;
  label: string;
  allowHttp: boolean;
}

function optionalText() {
  return z.string().trim().min(1).optional();
}

function OidcEnvShape() {
  return {
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: optionalText(),
    OIDC_CLIENT_SECRET: optionalText(),
    OIDC_REDIRECT_URI: z.url().optional(),
    /** The address people use for Tavlen, e.g. https://tavlen.kommune.dk (derives the redirect URI). */
    PUBLIC_URL: z.url().optional(),
    OIDC_SCOPES: z.string().trim().min(1).default('openid profile email'),
    OIDC_USERNAME_CLAIM: optionalText(),
    OIDC_NAME_CLAIM: z.string().trim().min(1).default('name'),
    OIDC_ROLE_CLAIM: optionalText(),
    OIDC_TEAMS_CLAIM: optionalText(),
    OIDC_ROLE_MAP: optionalText(),
    OIDC_AUTO_CREATE: envBool(false),
    OIDC_LINK_BY_USERNAME: envBool(false),
    OIDC_LABEL: z.string().trim().min(1).max(60).default('Log ind med single sign-on'),
    OIDC_ALLOW_HTTP: envBool(false),
  };
}

type OidcEnv = z.infer<z.ZodObject<ReturnType<typeof OidcEnvShape>>>;

/** A role map may name any role but `skaerm`: a wall screen is a paired device, never a person's sign-in. */
const RoleMapSchema = z.record(z.string().min(1), RoleSchema.exclude(['skaerm']));

function splitOidc<T extends OidcEnv>(data: T): { oidc: OidcConfig | null; rest: Omit<T, keyof OidcEnv> } {
  const rest: Record<string, unknown> = { ...data };
  for (const key of Object.keys(OidcEnvShape())) delete rest[key];
  return { oidc: oidcConfig(data), rest: rest as Omit<T, keyof OidcEnv> };
}

function oidcConfig(env: OidcEnv): OidcConfig | null {
  const fail = (why: string): never => {
    throw new Error(`Invalid configuration: OpenID Connect: ${why}`);
  };
  if (!env.OIDC_ISSUER) {
    const stray = (Object.keys(OidcEnvShape()) as (keyof OidcEnv)[]).filter(
      (k) => k.startsWith('OIDC_') && k !== 'OIDC_SCOPES' && k !== 'OIDC_NAME_CLAIM' && k !== 'OIDC_LABEL',
    );
    const set = stray.filter((k) => env[k] !== undefined && env[k] !== false);
    if (set.length > 0) fail(`${set.join(', ')} set but OIDC_ISSUER is not (set OIDC_ISSUER or remove them)`);
    return null;
  }
  const issuer = new URL(env.OIDC_ISSUER);
  if (issuer.protocol !== 'https:' && !env.OIDC_ALLOW_HTTP) {
    fail('OIDC_ISSUER must be https (OIDC_ALLOW_HTTP=true is for a local test provider only)');
  }
  const clientId = env.OIDC_CLIENT_ID ?? fail('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const clientSecret = env.OIDC_CLIENT_SECRET ?? fail('OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set');
  const redirect =
    env.OIDC_REDIRECT_URI ??
    (env.PUBLIC_URL ? new URL('/api/auth/oidc/callback', env.PUBLIC_URL).href : undefined) ??
    fail('set OIDC_REDIRECT_URI (…/api/auth/oidc/callback) or PUBLIC_URL');
  const redirectUri = new URL(redirect);
  if (redirectUri.pathname !== '/api/auth/oidc/callback') {
    fail('OIDC_REDIRECT_URI must end in /api/auth/oidc/callback');
  }
  if (!env.OIDC_SCOPES.split(/\s+/).includes('openid')) fail('OIDC_SCOPES must include openid');
  let roleMap: Record<string, Role> = {};
  if (env.OIDC_ROLE_MAP) {
    if (!env.OIDC_ROLE_CLAIM) fail('OIDC_ROLE_MAP needs OIDC_ROLE_CLAIM');
    let json: unknown;
    try {
      json = JSON.parse(env.OIDC_ROLE_MAP);
    } catch {
      fail('OIDC_ROLE_MAP is not valid JSON (expected e.g. {"Tavlen-Ledere":"leder"})');
    }
    const parsed = RoleMapSchema.safeParse(json);
    if (!parsed.success) {
      fail(`OIDC_ROLE_MAP must map claim values to roles other than skaerm (${ROLES_TEXT})`);
    }
    roleMap = parsed.data as Record<string, Role>;
  }
  if (env.OIDC_AUTO_CREATE && !env.OIDC_ROLE_CLAIM) {
    fail('OIDC_AUTO_CREATE needs OIDC_ROLE_CLAIM (a new user must get its role from a claim)');
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    scopes: env.OIDC_SCOPES,
    usernameClaim: env.OIDC_USERNAME_CLAIM ?? null,
    nameClaim: env.OIDC_NAME_CLAIM,
    roleClaim: env.OIDC_ROLE_CLAIM ?? null,
    teamsClaim: env.OIDC_TEAMS_CLAIM ?? null,
    roleMap,
    autoCreate: env.OIDC_AUTO_CREATE,
    linkByUsername: env.OIDC_LINK_BY_USERNAME,
    label: env.OIDC_LABEL,
    allowHttp: env.OIDC_ALLOW_HTTP,
  };
}

const ROLES_TEXT = RoleSchema.options.filter((r) => r !== 'skaerm').join(', ');
