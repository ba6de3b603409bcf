import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { AuditViewRequestSchema, type AuditViewAck } from '../../shared/protocol/audit.js';
import { canAccessTeam } from '../../shared/rules/permissions.js';
import type { Logger } from '../logging.js';
import type { RealtimeServer } from '../realtime/socketio.js';
import type { Storage } from '../storage/types.js';
import type { BoardRegistry } from '../sync/registry.js';
import type { AuditWriter } from './writer.js';

/** The same user opening the same citizen again within this window is one view. */
export const VIEW_DEDUPE_MS = 5 * 60_000;

/**
 * Decides whether a view is the first of its key within VIEW_DEDUPE_MS, and if so remembers it:
 * this process's memory, or Redis with several nodes (server/cluster/viewDedupe.ts), so two
 * nodes do not both write the same "viewed" entry.
 */
export type ViewDedupe = (key: string, at: number) => Promise<boolean>;

/** One process's memory of recent views. */
export function memoryViewDedupe(): ViewDedupe {
  const lastSeen = new Map<string, number>();
  return async (key, at) => {
    const seen = lastSeen.get(key);
    if (seen !== undefined && at - seen < VIEW_DEDUPE_MS) return false;
    lastSeen.set(key, at);
    prune(lastSeen, at);
    return true;
  };
}

const NOT_FOUND: AuditViewAck = { ok: false, error: { code: 'not_found', message: 'Borgeren findes ikke.' } };
const INVALID: AuditViewAck = { ok: false, error: { code: 'invalid_request', message: 'Ugyldig forespørgsel.' } };

/**
 * `audit:view` over socket.io: the client says it opened a citizen's detail panel and the
 * server, having checked the team and that the card exists on that board (live or archived),
 * appends `card_viewed`. The doc itself is already on the client, so this records opening
 * the panel, not reading the data.
 */
export function attachAuditViews(
  io: RealtimeServer,
  deps: {
    storage: Storage;
    registry: BoardRegistry;
    audit: AuditWriter;
    log: Logger;
    now?: () => number;
    dedupe?: ViewDedupe;
  },
): void {
  const now = deps.now ?? Date.now;
  const firstView = deps.dedupe ?? memoryViewDedupe();

  const cardExists = async (boardId: string, cardId: string): Promise<boolean> => {
    const live = await deps.registry.acquire(boardId);
    try {
      if (new BoardDoc(live.doc).card(cardId)) return true;
    } finally {
      deps.registry.release(live);
    }
    return (await deps.storage.getArchivedCard(boardId, cardId)) !== null;
  };

  io.on('connection', (socket) => {
    socket.on('audit:view', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = AuditViewRequestSchema.safeParse(req);
      if (!parsed.success) return ack(INVALID);
      const { boardId, cardId } = parsed.data;
      const user = socket.data.user;
      (async () => {
        const board = await deps.storage.getBoard(boardId);
        if (!board || !canAccessTeam(user, board.teamId) || !(await cardExists(board.id, cardId))) {
          return ack(NOT_FOUND);
        }
        const at = now();
        const key = `${user.id}\n${boardId}\n${cardId}`;
        if (await firstView(key, at)) {
          await deps.audit.append([
            { at, userId: user.id, boardId, cardId, action: 'card_viewed', detail: { role: user.role } },
          ]);
        }
        ack({ ok: true });
      })().catch((err: unknown) => {
        deps.log.error('audit:view failed', { err });
        ack(NOT_FOUND);
      });
    });
  });
}

/** Keeps the dedupe map from growing without bound (old keys no longer dedupe anything). */
function prune(lastSeen: Map<string, number>, at: number): void {
  if (lastSeen.size < 10_000) return;
  for (const [key, t] of lastSeen) if (at - t >= VIEW_DEDUPE_MS) lastSeen.delete(key);
}
