import { randomUUID } from 'node:crypto';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import { CloseCode } from '../../shared/protocol/limits.js';
import type { Logger } from '../logging.js';
import type { ForwardResult } from '../sync/board.js';
import type { Redis } from './redis.js';

/**
 * Writes from a follower to a board's owner (docs/multi-node.md "Followers"): a request on
 * the owner node's channel with a correlation id, the answer on the sender's channel. Pub/sub
 * keeps no messages, which is what we want: a request lost with Redis (or with the owner)
 * times out, the writer's client is told to try again and resends on its resync, and the
 * owner's gate is the one judge of whatever arrives.
 */
export interface ForwardRequest {
  id: string;
  /** The sending node, where the answer goes. */
  from: string;
  board: string;
  /** The owner's lease token the sender follows (a request for an older owner is refused). */
  token: number;
  /** Whose write (the owner reads the user again from storage); null for a server change. */
  user: string | null;
  /** A server change's origin (only with user null). */
  origin: TransactionOrigin | null;
  /** The Yjs update, base64. */
  u: string;
}

export const TRY_AGAIN: ForwardResult = { ok: false, code: CloseCode.tryAgain, reason: 'try again' };

const requests = (nodeId: string) => `tavlen:node:${nodeId}:req`;
const replies = (nodeId: string) => `tavlen:node:${nodeId}:rep`;

export class Forwarding {
  private readonly pending = new Map<string, { resolve: (r: ForwardResult) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly nodeId: string,
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Listens for this node's requests (answered by `handle`) and for the answers to its own. */
  async listen(sub: Redis, handle: (req: ForwardRequest) => Promise<ForwardResult>): Promise<void> {
    await sub.subscribe(replies(this.nodeId), (raw) => this.onReply(raw));
    await sub.subscribe(requests(this.nodeId), (raw) => {
      let req: ForwardRequest;
      try {
        req = JSON.parse(raw) as ForwardRequest;
      } catch {
        return this.log.warn('malformed forwarded write');
      }
      handle(req)
        .catch((err: unknown) => {
          this.log.error('forwarded write failed', { board: req.board, err });
          return TRY_AGAIN;
        })
        .then((r) => this.redis.publish(replies(req.from), JSON.stringify({ id: req.id, r })))
        .catch((err: unknown) => this.log.warn('could not answer a forwarded write', { board: req.board, err }));
    });
  }

  /** Sends a write to `owner`; resolves with its answer, or "try again" when none comes in time. */
  send(owner: string, req: Omit<ForwardRequest, 'id' | 'from'>): Promise<ForwardResult> {
    const id = randomUUID();
    return new Promise<ForwardResult>((resolve) => {
      const timer = setTimeout(() => this.settle(id, TRY_AGAIN), this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.redis
        .publish(requests(owner), JSON.stringify({ ...req, id, from: this.nodeId }))
        .then((listeners) => {
          // Nobody subscribed: the owner is gone; no need to wait for the timeout.
          if (listeners === 0) this.settle(id, TRY_AGAIN);
        })
        .catch(() => this.settle(id, TRY_AGAIN));
    });
  }

  /** Everything still waiting is answered "try again" (the node is stopping). */
  stop(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, TRY_AGAIN);
  }

  private onReply(raw: string): void {
    try {
      const { id, r } = JSON.parse(raw) as { id: string; r: ForwardResult };
      this.settle(id, r);
    } catch {
      this.log.warn('malformed forwarded answer');
    }
  }

  private settle(id: string, r: ForwardResult): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(r);
  }
}
