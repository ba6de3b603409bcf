import type { NewLogEntry } from '../model/cardLog.js';
import { NewLogEntrySchema } from '../model/cardLog.js';
import type { MeetingDoc } from './meetingDoc.js';
import type { TransactionOrigin } from './origins.js';

/** A nomination's note holds at most this much of the entry (model/meeting.ts NominationSchema). */
const NOMINATION_NOTE_MAX = 200;

/**
 * Writes a log entry, and when it is handed to the agenda also a nomination for the next
 * tavlemøde with the entry's text as its note (rules/agenda.ts `nominationReasons`: "ønsket
 * drøftet af Anne: Faldet …"), in one transaction: one undo step, and never a nomination
 * without its entry. The agenda needs no second kind of item for handed-over entries.
 */
export function writeLogEntry(
  meetings: MeetingDoc,
  cardId: string,
  input: NewLogEntry,
  origin: TransactionOrigin,
): { entryId: string; nominationId: string | null } {
  const data = NewLogEntrySchema.parse(input);
  let result = { entryId: '', nominationId: null as string | null };
  meetings.board.doc.transact(() => {
    const entryId = meetings.board.addLogEntry(cardId, data, origin);
    const nominationId =
      data.routedTo === 'agenda'
        ? meetings.nominate(
            { by: data.by, byName: data.byName, cardId, note: data.text.slice(0, NOMINATION_NOTE_MAX).trim() },
            origin,
          )
        : null;
    result = { entryId, nominationId };
  }, origin);
  return result;
}
