import type { LogLevel } from './config.js';

/**
 * Structured logger: one JSON object per line. Only ids, counts and codes go in here —
 * never card contents, names or notes (citizen data stays out of logs).
 */
/** Flat fields; `err` (an Error) is expanded to name, message and stack. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: LogLevel, base: LogFields = {}): Logger {
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}) => {
    if (RANK[lvl] < RANK[level]) return;
    const { err, ...rest } = fields;
    const line: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg, ...base, ...rest };
    if (err !== undefined) line.err = describeError(err);
    const out = lvl === 'warn' || lvl === 'error' ? process.stderr : process.stdout;
    out.write(JSON.stringify(line) + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }),
  };
}

/** Error name/message/stack only: error messages from our code never contain citizen data. */
function describeError(err: unknown): Record<string, unknown> | string {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return String(err);
}

export const silentLogger: Logger = createLogger('silent');
