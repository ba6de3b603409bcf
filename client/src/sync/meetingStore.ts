import {
  MeetingDoc,
  type ActionItem,
  type AgendaEntry,
  type AgendaPlanSummary,
  type BoardDoc,
  type DiscussedEntry,
  type Meeting,
  type Nomination,
  type ParkedEntry,
  type StoredVisitatorQuestion,
  type SinceLast,
  type StoredTriageEvent,
  type TriageResponse,
} from '../../../shared/index.js';

/** Immutable view of the board's meeting data for React. */
export interface MeetingSnapshot {
  meetings: readonly Meeting[];
  /** The newest meeting that has not ended (the one being prepared or run), or null. */
  open: Meeting | null;
  /** The agenda of `open`, in order. */
  agenda: readonly AgendaEntry[];
  /** What "Lav dagsorden" planned for `open` against its time budget, or null. */
  plan: AgendaPlanSummary | null;
  /** Action items of `open`. */
  actions: readonly ActionItem[];
  /** The parkeringsplads of `open`. */
  parked: readonly ParkedEntry[];
  /** Nominations ("Sæt på dagsorden"), oldest first. */
  nominations: readonly Nomination[];
  /** The "Spørg visitator" queue (open and answered), oldest first. */
  questions: readonly StoredVisitatorQuestion[];
  /** The meeting that ended last (for the minutes), or null. */
  lastEnded: Meeting | null;
  lastEndedAgenda: readonly AgendaEntry[];
  lastEndedActions: readonly ActionItem[];
  lastEndedParked: readonly ParkedEntry[];
  lastDiscussed: Readonly<Record<string, DiscussedEntry>>;
  /** Every recorded triage change (who, when, from → to), oldest first. */
  triageEvents: readonly StoredTriageEvent[];
  /** Card id → the recorded response to its colour ("Vurdering foretaget", "Handleplan lagt"). */
  triageResponses: Readonly<Record<string, TriageResponse>>;
  /**
   * "Siden sidst": what changed since the previous meeting of the open meeting's type (else
   * the tavlemøde) ended, or since this person's previous visit if that is later.
   */
  sinceLast: SinceLast;
}

/**
 * A `useSyncExternalStore` source over `MeetingDoc.onChange` (local and remote changes).
 * The snapshot is rebuilt at most once per change, so it is referentially stable between changes.
 */
export class MeetingStore {
  readonly meetingDoc: MeetingDoc;
  private snapshot: MeetingSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unobserveMeetings: () => void;
  private readonly unobserveBoard: () => void;

  private readonly lastVisitAt: string | null;

  constructor(board: BoardDoc, opts: { lastVisitAt?: string | null } = {}) {
    this.meetingDoc = new MeetingDoc(board);
    this.lastVisitAt = opts.lastVisitAt ?? null;
    const invalidate = () => {
      this.snapshot = null;
      for (const fn of this.listeners) fn();
    };
    this.unobserveMeetings = this.meetingDoc.onChange(invalidate);
    // agenda titles follow the cards (renames, deletions)
    this.unobserveBoard = board.onChange(invalidate);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): MeetingSnapshot => {
    if (this.snapshot === null) this.snapshot = this.build();
    return this.snapshot;
  };

  destroy(): void {
    this.unobserveMeetings();
    this.unobserveBoard();
    this.listeners.clear();
  }

  private build(): MeetingSnapshot {
    const md = this.meetingDoc;
    const meetings = md.meetings();
    let open: Meeting | null = null;
    for (const m of meetings) {
      if (m.endedAt !== null) continue;
      if (open === null || m.createdAt > open.createdAt) open = m;
    }
    const lastEnded = md.lastEndedMeeting();
    return {
      meetings,
      open,
      agenda: open ? md.agenda(open.id) : [],
      plan: open ? md.agendaPlan(open.id) : null,
      actions: open ? md.actionItems(open.id) : [],
      parked: open ? md.parked(open.id) : [],
      nominations: md.nominations(),
      questions: md.questions(),
      lastEnded,
      lastEndedAgenda: lastEnded ? md.agenda(lastEnded.id) : [],
      lastEndedActions: lastEnded ? md.actionItems(lastEnded.id) : [],
      lastEndedParked: lastEnded ? md.parked(lastEnded.id) : [],
      lastDiscussed: md.lastDiscussedEntries(),
      triageEvents: md.triageEvents(),
      triageResponses: md.triageResponses(),
      sinceLast: md.sinceLastMeeting({ type: open?.type ?? 'tavlemoede', lastVisitAt: this.lastVisitAt }),
    };
  }
}
