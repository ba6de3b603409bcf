import { BoardDoc, DomainError } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import type { TransactionOrigin } from '../../shared/doc/origins.js';
import type { Logger } from '../logging.js';
import type { BoardRegistry } from '../sync/registry.js';

/** What the live meeting control records in the board doc. */
export interface MeetingRecordEvent {
  kind: 'start' | 'end';
  meetingId: string;
  /** Server clock, epoch milliseconds. */
  at: number;
  /** start: who leads. */
  leader?: string;
  /** end: who was connected during the meeting (not wall screens). */
  attendees?: readonly string[];
}

export type MeetingRecorder = (boardId: string, event: MeetingRecordEvent) => Promise<void>;

const ORIGIN: TransactionOrigin = { source: 'server', reason: 'maintenance' };
/** The meeting may reach the server over the websocket a moment after `meeting:start` arrives. */
const MISSING_RETRIES = 5;
const RETRY_MS = 400;

/**
 * Writes a meeting's start and end (with its leader, who was there and where every card
 * stood) into the board's doc, through MeetingDoc, as a stored
 * server change (persist-before-relay like every write). The server's socket.io control is
 * the authority on when a meeting ran, so clients no longer write these themselves.
 */
export function meetingRecorder(registry: BoardRegistry, log: Logger): MeetingRecorder {
  return async (boardId, event) => {
    const at = new Date(event.at).toISOString();
    for (let attempt = 0; ; attempt++) {
      const live = await registry.acquire(boardId);
      try {
        if (new MeetingDoc(new BoardDoc(live.doc)).meeting(event.meetingId)) {
          await live.serverChange((staging) => {
            const md = new MeetingDoc(new BoardDoc(staging));
            // the columns at start and end give the minutes their "flyttet fra … til …"
            if (event.kind === 'start') {
              md.startMeeting(event.meetingId, ORIGIN, at, { leader: event.leader, snapshotPhases: true });
            } else {
              md.endMeeting(event.meetingId, ORIGIN, at, { attendees: event.attendees, snapshotPhases: true });
            }
          }, ORIGIN);
          return;
        }
      } catch (err) {
        // the meeting vanished between the check and the write: treat it as missing
        if (!(err instanceof DomainError)) throw err;
      } finally {
        registry.release(live);
      }
      if (attempt >= MISSING_RETRIES) {
        log.warn('meeting not in the board doc; start/end not recorded', { board: boardId, ...event });
        return;
      }
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  };
}
