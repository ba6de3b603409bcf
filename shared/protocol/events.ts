import type { Operation } from '../rules/delegation.js';

/**
 * socket.io event maps (path /socket.io, authenticated by the session cookie).
 * Used as the type parameters of socket.io's Server and the client's io().
 */
export interface BoardJoinRequest {
  boardId: string;
}

export type BoardJoinAck =
  { ok: true; boardId: string } | { ok: false; error: { code: 'invalid_request' | 'not_found'; message: string } };

export interface ClientToServerEvents {
  /** Join the board's room (meeting control and other ephemeral events arrive there). */
  'board:join': (req: BoardJoinRequest, ack: (res: BoardJoinAck) => void) => void;
}

/** What a reverted write was (the delegation matrix's operations, or deciding a request). */
export type RejectedOperation = Operation | 'decideRequest';

/**
 * The server reverted a write of this user (the delegation matrix or request decisions);
 * sent only to that user's sockets in the board's room. `message` is Danish, for people.
 */
export interface RejectedNotice {
  boardId: string;
  cardId: string;
  op: RejectedOperation;
  message: string;
}

export interface ServerToClientEvents {
  'notice:rejected': (notice: RejectedNotice) => void;
}

/** Name of the socket.io room of one board. */
export function boardRoom(boardId: string): string {
  return `board:${boardId}`;
}
