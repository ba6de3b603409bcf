import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { ApiError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { Cluster } from './redis.js';

/** Every key of the sign-in and pairing limits starts with this (docs/operations.md "Redis"). */
export const LIMIT_KEY_PREFIX = 'tavlen:rl:';

/** What a sign-in or pairing gets while the counts cannot be read: refused, with a reason. */
export const LIMITS_UNAVAILABLE =
  'Log ind er ikke muligt lige nu, fordi serveren ikke kan tjekke antal forsøg. Prøv igen om lidt.';

/**
 * The failure counts of the sign-in and pairing limits (server/auth/loginLimits.ts) in Redis,
 * so every node counts the same attempts: ten wrong passwords spread over two nodes are ten.
 * Each counter is one key with the window as its TTL (rate-limit-redis).
 *
 * While Redis cannot be reached the limits **fail closed**: the attempt is refused with 503
 * and a Danish reason instead of being let through uncounted (docs/security.md "Sign-in
 * limits"). Everyone already signed in is unaffected (sessions live in PostgreSQL).
 */
export function sharedLimitStores(cluster: Cluster, log: Logger): (name: string) => Store {
  return (name) => new FailClosedStore(redisStore(cluster, `${LIMIT_KEY_PREFIX}${name}:`), log);
}

/**
 * rate-limit-redis keeps the SHA of its scripts as a promise from `SCRIPT LOAD`; a load that
 * failed (Redis down at that moment) would stay a rejected promise, so the store would refuse
 * every attempt even after Redis is back. A failed load therefore answers the SHA computed
 * here; if the script is really missing, the store's next EVALSHA gets NOSCRIPT and loads again.
 */
function redisStore(cluster: Cluster, prefix: string): RedisStore {
  return new RedisStore({
    prefix,
    sendCommand: async (...args: string[]) => {
      const [command, sub, script] = args;
      if (command === 'SCRIPT' && sub === 'LOAD' && script !== undefined) {
        return cluster.redis.sendCommand<string>(args).catch(() => createHash('sha1').update(script).digest('hex'));
      }
      return cluster.redis.sendCommand(args);
    },
  });
}

class FailClosedStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;

  constructor(
    private readonly inner: RedisStore,
    private readonly log: Logger,
  ) {
    this.prefix = inner.prefix;
  }

  init(options: Options): Promise<void> {
    return this.inner.init(options);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.inner.get(key);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await this.inner.increment(key);
    } catch (err) {
      this.log.warn('sign-in limit unavailable: attempt refused', { err, limit: this.prefix });
      throw new ApiError('unavailable', LIMITS_UNAVAILABLE);
    }
  }

  /** A successful sign-in gives its count back; lost while Redis is down, the window ends it. */
  async decrement(key: string): Promise<void> {
    await this.inner.decrement(key).catch((err: unknown) => this.log.warn('sign-in limit decrement lost', { err }));
  }

  async resetKey(key: string): Promise<void> {
    await this.inner.resetKey(key);
  }
}
