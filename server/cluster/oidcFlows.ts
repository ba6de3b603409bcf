import { z } from 'zod';
import type { PendingFlow, PendingFlows } from '../auth/oidc.js';
import type { Cluster } from './redis.js';

/** Key of a started sign-in: `tavlen:oidc:<state>` (docs/operations.md "Redis"). */
export const OIDC_KEY_PREFIX = 'tavlen:oidc:';

const FlowSchema = z.object({ nonce: z.string(), codeVerifier: z.string(), expiresAt: z.number() });

/**
 * Started OpenID Connect sign-ins in Redis, so the provider's callback may reach any node. Each
 * flow is one key that expires with the flow, and is read with GETDEL: of two callbacks with
 * the same `state` (a replay, or a double click landing on two nodes) only one gets it.
 * Errors (Redis down) reach OidcSignIn, which sends the browser back with `oidc_unavailable`.
 */
export function redisOidcFlows(cluster: Cluster, now: () => number = Date.now): PendingFlows {
  return {
    async put(state, flow) {
      const ttl = Math.max(1, flow.expiresAt - now());
      await cluster.redis.set(OIDC_KEY_PREFIX + state, JSON.stringify(flow), {
        expiration: { type: 'PX', value: ttl },
      });
    },
    async take(state): Promise<PendingFlow | null> {
      const raw = await cluster.redis.getDel(OIDC_KEY_PREFIX + state);
      if (raw === null) return null;
      try {
        const parsed = FlowSchema.safeParse(JSON.parse(String(raw)));
        return parsed.success ? parsed.data : null;
      } catch {
        return null; // not ours: no sign-in completes on it
      }
    },
  };
}
