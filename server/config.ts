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
  /** Closed forløb leave the live board this many days after their closing date. */
  ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** How often loaded boards are checked for closed forløb to archive. */
  ARCHIVE_INTERVAL_MS: z.coerce.number().int().min(10).default(3_600_000),
  /** Closed forløb are deleted from the archive this many days after closing (daily job). */
  RETENTION_CLOSED_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  /** Audit entries older than this many days are deleted (daily job). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(36500).default(1825),
  /** How long a disconnected meeting leader keeps the lead before others may take over. */
  MEETING_LEADER_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** A meeting nobody is connected to ends after this long (no memory kept for ever). */
  MEETING_EMPTY_END_MS: z.coerce.number().int().min(0).max(86_400_000).default(1_800_000),
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
