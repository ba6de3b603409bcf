import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../logging.js';
import type { LiveBoard } from '../sync/board.js';
import type { Redis } from './redis.js';

/** The board's presence channel; its subscribers are the nodes serving the board. */
export const awarenessChannel = (boardId: string): string => `tavlen:board:${boardId}:aw`;

/** Origin of awareness states that came from another node (never sent back out). */
const REMOTE = Symbol('remote awareness');

/**
 * Presence between the nodes serving one board (docs/multi-node.md): each node publishes its
 * own clients' awareness changes on the board's channel and applies the others'. Nothing is
 * stored; a node that joins asks the others for their states once, and a dead node's entries
 * expire like any silent client's (y-protocols, 30 s). Returns the function that stops it.
 */
export function relayAwareness(
  board: LiveBoard,
  deps: { nodeId: string; redis: Redis; sub: Redis; log: Logger },
): () => void {
  const channel = awarenessChannel(board.id);
  const publish = (ids: number[]) => {
    if (ids.length === 0) return;
    const u = Buffer.from(awarenessProtocol.encodeAwarenessUpdate(board.awareness, ids)).toString('base64');
    deps.redis
      .publish(channel, JSON.stringify({ from: deps.nodeId, u }))
      .catch((err: unknown) => deps.log.debug('could not relay awareness', { board: board.id, err }));
  };
  const onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin !== REMOTE) publish([...added, ...updated, ...removed]);
  };
  const onMessage = (raw: string) => {
    let msg: { from: string; u?: string; q?: true };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return;
    }
    if (msg.from === deps.nodeId) return;
    if (msg.q) {
      // Our own clients' states only (the ones a connection here claimed).
      const states = board.awareness.getStates();
      publish([...board.awarenessOwners.keys()].filter((id) => states.has(id)));
      return;
    }
    if (!msg.u) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(board.awareness, Buffer.from(msg.u, 'base64'), REMOTE);
    } catch (err) {
      deps.log.warn('malformed awareness from another node', { board: board.id, err });
    }
  };
  board.awareness.on('update', onUpdate);
  let stopped = false;
  deps.sub
    .subscribe(channel, onMessage)
    .then(() => {
      if (!stopped) return deps.redis.publish(channel, JSON.stringify({ from: deps.nodeId, q: true }));
    })
    .catch((err: unknown) => deps.log.warn('could not join the board’s awareness channel', { board: board.id, err }));
  return () => {
    stopped = true;
    board.awareness.off('update', onUpdate);
    deps.sub.unsubscribe(channel, onMessage).catch(() => {});
  };
}
