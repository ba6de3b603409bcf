import { z } from 'zod';

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
  /** Rebuild a board into a new epoch on load when its doc has seen more clientIDs (0 = off). */
  EPOCH_REBUILD_CLIENT_IDS: z.coerce.number().int().min(0).default(500),
  /** Closed forløb leave the live board this many days after their closing date. */
  ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** How often loaded boards are checked for closed forløb to archive. */
  ARCHIVE_INTERVAL_MS: z.coerce.number().int().min(10).default(3_600_000),
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
});

export type Config = z.infer<typeof ConfigSchema>;

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
  return parsed.data;
}
