import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { ApiError } from '../errors.js';

export interface LoginLimitOptions {
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
  /** Called for each refused attempt (to write it to the audit log). */
  onLimited?: (req: Request) => void;
  /**
   * Where a limiter (`ip` or `user`) keeps its counts: this process's memory when absent; with
   * several nodes one Redis store for all (server/cluster/sharedLimits.ts), named so the login
   * and pairing limits never share a counter.
   */
  store?: (name: 'ip' | 'user') => Store;
}

/** The username as sessions.login looks it up, so "Anne " and "anne" share one counter. */
export function attemptedUsername(req: Request): string | null {
  const raw: unknown = (req.body as { username?: unknown } | undefined)?.username;
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim().toLowerCase().slice(0, 100) : null;
}

/**
 * Brute-force protection for POST /api/login (after the JSON body parser): failed sign-ins are
 * counted per client IP and per username (in memory, or in Redis with several nodes); over the
 * limit the answer is 429 with Retry-After until the window has passed. Only wrong credentials
 * (401) count, so a team signing in all morning from one office IP is never held up by its own
 * successes.
 */
export function loginRateLimits(opts: LoginLimitOptions): RequestHandler[] {
  const common = {
    windowMs: opts.windowMinutes * 60_000,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req: Request, res: { statusCode: number }) => res.statusCode !== 401,
    handler: (req: Request, _res: unknown, next: (err: unknown) => void) => {
      opts.onLimited?.(req);
      next(new ApiError('too_many_requests'));
    },
  };
  const store = (name: 'ip' | 'user') => (opts.store ? { store: opts.store(name) } : {});
  const perIp = rateLimit({ ...common, ...store('ip'), limit: opts.maxFailuresPerIp });
  const perUser = rateLimit({
    ...common,
    ...store('user'),
    limit: opts.maxFailuresPerUser,
    skip: (req) => attemptedUsername(req) === null,
    keyGenerator: (req) => `user:${attemptedUsername(req) ?? ''}`,
  });
  return [perIp, perUser];
}
