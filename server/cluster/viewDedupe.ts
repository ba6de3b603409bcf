import { VIEW_DEDUPE_MS, type ViewDedupe } from '../audit/views.js';
import type { Logger } from '../logging.js';
import type { Cluster } from './redis.js';

/** Key of a recent view: `tavlen:view:<user>\n<board>\n<card>` (docs/operations.md "Redis"). */
export const VIEW_KEY_PREFIX = 'tavlen:view:';

/**
 * The audit-view dedupe in Redis: SET NX PX, so of two nodes seeing the same user open the same
 * citizen within the window exactly one writes `card_viewed`. Without Redis the view is written
 * (a duplicate entry is better than a view missing from the audit log).
 */
export function redisViewDedupe(cluster: Cluster, log: Logger): ViewDedupe {
  return async (key) => {
    try {
      const set = await cluster.redis.set(VIEW_KEY_PREFIX + key, '1', {
        condition: 'NX',
        expiration: { type: 'PX', value: VIEW_DEDUPE_MS },
      });
      return set === 'OK';
    } catch (err) {
      log.warn('audit view dedupe unavailable: view written', { err });
      return true;
    }
  };
}
