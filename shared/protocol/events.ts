import type { RefusalCode } from '../rules/writeRules.js';
import type { AuditViewAck, AuditViewRequest } from './audit.js';
import type {
  MeetingAck,
  MeetingBoardRequest,
  MeetingGotoRequest,
  MeetingHandoverRequest,
  MeetingPauseRequest,
  MeetingPointed,
  MeetingPointRequest,
  MeetingStartRequest,
  MeetingState,
} from '../rules/meetingControl.js';

/**
 * socket.io event maps (path /socket.io, authenticated by the session cookie).
 * Used as the type parameters of socket.io's Server and the client's io().
 */
export interface BoardJoinRequest {
  boardId: string;
}

export type BoardJoinAck =
  { ok: true; boardId: string } | { ok: false; error: { code: 'invalid_request' | 'not_found'; message: string } };

/**
 * "Skjul alt" on the wall screens of a board (issue #5): server-authoritative, in memory, per
 * board. Any member of the board's team and the screen itself may toggle it.
 */
export interface ScreenHideRequest {
  boardId: string;
  hidden: boolean;
}
export type ScreenHideAck =
  { ok: true } | { ok: false; error: { code: 'invalid_request' | 'not_joined' | 'unavailable'; message: string } };
export interface ScreenHiddenMessage {
  boardId: string;
  hidden: boolean;
  /** Who hid or showed it last (staff name or the screen's name); null when never toggled. */
  byName: string | null;
}

export interface ClientToServerEvents {
  /** Hide or show the board on every wall screen (see ScreenHideRequest). */
  'screen:hide': (req: ScreenHideRequest, ack: (res: ScreenHideAck) => void) => void;
  /** Join the board's room (meeting control and other ephemeral events arrive there). */
  'board:join': (req: BoardJoinRequest, ack: (res: BoardJoinAck) => void) => void;

  /*
   * Meeting control (docs/protocol.md "Meeting control"). Every request names a board the
   * socket has joined; identity comes from the session. Payloads are checked with the
   * schemas in rules/meetingControl.ts; a refusal is an ack with a Danish message.
   */
  /** Start a meeting on the board; the sender leads it. */
  'meeting:start': (req: MeetingStartRequest, ack: (res: MeetingAck) => void) => void;
  /** Leader: move to an agenda item (restarts the item clock, ends a pause). */
  'meeting:goto': (req: MeetingGotoRequest, ack: (res: MeetingAck) => void) => void;
  /** Leader: pause or resume the clocks. */
  'meeting:pause': (req: MeetingPauseRequest, ack: (res: MeetingAck) => void) => void;
  /** Leader (or anyone eligible while nobody leads): end the meeting. */
  'meeting:end': (req: MeetingBoardRequest, ack: (res: MeetingAck) => void) => void;
  /** Become leader while nobody leads (the leader's grace period ran out). */
  'meeting:takeover': (req: MeetingBoardRequest, ack: (res: MeetingAck) => void) => void;
  /** Leader: hand the meeting to another participant present on the board. */
  'meeting:handover': (req: MeetingHandoverRequest, ack: (res: MeetingAck) => void) => void;
  /** Point at a card (laser highlight for everyone, a few seconds). Not the wall screen. */
  'meeting:point': (req: MeetingPointRequest, ack: (res: MeetingAck) => void) => void;

  /** The user opened a citizen's detail panel: the server writes `card_viewed` (audit log). */
  'audit:view': (req: AuditViewRequest, ack: (res: AuditViewAck) => void) => void;
}

/** The whole meeting state of one board; `meeting: null` when none runs. */
export interface MeetingStateMessage {
  boardId: string;
  meeting: MeetingState | null;
  /** Server clock at sending, to compute the client's clock offset. */
  serverNow: number;
}

export interface MeetingPointedMessage extends MeetingPointed {
  boardId: string;
  serverNow: number;
}

/** Why a write was refused (shared/rules/writeRules.ts). */
export type RejectedOperation = RefusalCode;

/**
 * The server refused a write of this user (schema, limits, the delegation matrix, request
 * decisions, deletions); sent only to that user's sockets in the board's room. `message`
 * is Danish, for people.
 */
export interface RejectedNotice {
  boardId: string;
  cardId: string | null;
  op: RejectedOperation;
  message: string;
}

export interface ServerToClientEvents {
  /** To the joiner after `board:join` and to the board's room on every change. */
  'screen:hidden': (msg: ScreenHiddenMessage) => void;
  'notice:rejected': (notice: RejectedNotice) => void;
  /** On `board:join` (to the joiner) and to the board's room on every change. */
  'meeting:state': (msg: MeetingStateMessage) => void;
  /** Someone pointed at a card. */
  'meeting:pointed': (msg: MeetingPointedMessage) => void;
  /** The team's visitator status or cover changed (issue #16): fetch GET /api/teams/:id/visitator. */
  'org:visitator': (msg: { teamId: string }) => void;
}

/** Name of the socket.io room of one board. */
export function boardRoom(boardId: string): string {
  return `board:${boardId}`;
}
