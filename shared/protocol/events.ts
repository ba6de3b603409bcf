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

/** Nothing is pushed yet; meeting control will add its events here. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServerToClientEvents {}

/** Name of the socket.io room of one board. */
export function boardRoom(boardId: string): string {
  return `board:${boardId}`;
}
