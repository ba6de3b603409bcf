/** Wire contracts shared by server and client: paths, size limits and close codes. */

/** y-websocket endpoint: ws(s)://HOST/yjs/<boardId>. */
export const YJS_PATH_PREFIX = '/yjs/';

/** Largest websocket message the server accepts (a whole 2,000-card board is ~0.8 MB). */
export const MAX_WS_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * Largest single document update the server takes (a day offline is a few hundred kB at
 * most). Bigger ones are refused before they touch the board, so one update can never
 * stall the server.
 */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/** Document updates one connection may send: a burst, then this many per second. */
export const UPDATE_RATE = { burst: 200, perSecond: 50 } as const;

/**
 * Close codes sent by the sync endpoint. 4000–4999 are application codes (RFC 6455 §7.4.2).
 * 1009 (too big) is sent by the ws library itself when MAX_WS_MESSAGE_BYTES is exceeded.
 */
export const CloseCode = {
  malformed: 4400,
  /**
   * No valid session on connect, or the session ended while connected (logout, "log ud på
   * alle enheder"): the client stops reconnecting and asks the person to sign in again.
   */
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  /**
   * The client's cached doc (`?epoch=N` on the URL) is from an older epoch: the board was
   * rebuilt. Sent right after the upgrade, before any sync message, so no old-epoch state is
   * merged in; the client starts a fresh doc and re-submits its unsynced edits. A wall screen
   * gets it too when it holds a view its privacy projection never had (after a restart).
   */
  staleEpoch: 4409,
  /** The update carried something shaped like a CPR number; nothing of it was stored. */
  cprRejected: 4422,
  /**
   * The update was refused whole (shared/rules/writeRules.ts): it broke the board's
   * schema, a size limit or a write rule. The reason is the RefusalCode. Nothing of it was
   * stored or relayed; the client drops its copy, takes the server's and says why.
   */
  writeRefused: 4423,
  serverShutdown: 4503,
  /**
   * Several nodes (docs/multi-node.md): the board's owner changed or could not be reached, or
   * storage was unavailable. Nothing of the pending write was relayed; the client reconnects
   * (to any node) and resyncs, sending again what the server lacks. WebSocket's own 1013.
   */
  tryAgain: 1013,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Board doc awareness state fields a client may set; the server owns `user`. */
export interface AwarenessUser {
  userId: string;
  name: string;
  role: string;
  color: string;
}
export interface AwarenessState {
  user?: AwarenessUser;
  /** Card the person has open in the detail panel, highlighted for others. */
  editingCardId?: string | null;
}
