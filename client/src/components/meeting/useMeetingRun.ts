import { useState } from 'react';
import {
  itemRef,
  itemsLeft,
  nextOpenItem,
  type AgendaEntry,
  type AgendaItemStatus,
  type Meeting,
  type MeetingState,
} from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';
import type { BoardSocket } from '../../sync/boardSocket';

type Write = (action: Parameters<BoardConnection['writeMeeting']>[0]) => void;
type Send = (event: Parameters<BoardSocket['send']>[0], payload?: Record<string, unknown>) => Promise<boolean>;

interface RunInput {
  open: Meeting | null;
  /** The live state of `open`, null when it is not running. */
  state: MeetingState | null;
  agenda: readonly AgendaEntry[];
  write: Write;
  send: Send;
}

/**
 * The leader's run of the meeting (issue #11): start with the first open item current,
 * "Næste" (drøftet + the next open item, undoable), and ending that asks when items are
 * left and marks them "ikke nået". Which item comes next is the pure rule in
 * shared/rules/meetingRun.ts; start and end are recorded by the server.
 */
export function useMeetingRun({ open, state, agenda, write, send }: RunInput) {
  /** What the last "Næste" marked, so it can be undone: the item and its status before. */
  const [lastNext, setLastNext] = useState<{ itemId: string; status: AgendaItemStatus } | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const left = itemsLeft(agenda);

  const goto = (item: AgendaEntry) => void send('meeting:goto', { ...itemRef(item) });

  const start = async () => {
    if (!open) return;
    const first = nextOpenItem(agenda, null);
    setLastNext(null);
    await send('meeting:start', { meetingId: open.id, type: open.type, first: first ? itemRef(first) : null });
  };

  const next = () => {
    if (!open || !state) return;
    const current = agenda.find((i) => i.id === state.currentItemId);
    if (current?.status === 'pending') {
      write((md, origin) => md.setItemStatus(open.id, current.id, 'discussed', origin));
    }
    setLastNext(current ? { itemId: current.id, status: current.status } : null);
    const target = nextOpenItem(agenda, state.currentItemId);
    if (target) goto(target);
  };

  const undoNext = () => {
    if (!open || !lastNext) return;
    const item = agenda.find((i) => i.id === lastNext.itemId);
    setLastNext(null);
    if (!item) return;
    if (item.status !== lastNext.status) {
      write((md, origin) => md.setItemStatus(open.id, item.id, lastNext.status, origin));
    }
    goto(item);
  };

  /** Ends at once when everything is taken up; else asks first (EndMeetingDialog) and then marks the rest. */
  const end = async (confirmed = false) => {
    if (!open) return;
    if (left.length > 0 && !confirmed) return setConfirmEnd(true);
    setConfirmEnd(false);
    if (left.length > 0) {
      write((md, origin) =>
        md.doc.transact(() => {
          for (const item of left) md.setItemStatus(open.id, item.id, 'not-reached', origin);
        }, origin),
      );
    }
    setLastNext(null);
    await send('meeting:end');
  };

  return {
    start,
    goto,
    next,
    undoNext,
    canUndoNext: lastNext !== null,
    end,
    confirmEnd,
    cancelEnd: () => setConfirmEnd(false),
    left,
    allTakenUp: state !== null && agenda.length > 0 && left.length === 0,
  };
}
