import type { TeamMeetingSettings } from '../model/teamMeetings.js';
import type { Lang } from '../rules/dates.js';
import type { LifecycleContext } from '../rules/lifecycle.js';
import { printableBoard, type PrintableBoard, type PrintPaper } from '../rules/printableBoard.js';
import { toIsoDate } from '../rules/dates.js';
import type { TriageConfig } from '../rules/triage.js';
import { planBoardAgenda } from './agendaInput.js';
import type { MeetingDoc } from './meetingDoc.js';

export interface PrintableBoardOptions {
  /** The current instant (ISO). */
  now: string;
  boardName: string;
  teamName: string;
  team: TeamMeetingSettings;
  visitatorDays: readonly number[];
  triageConfig?: TriageConfig;
  lifecycle?: LifecycleContext;
  privacy: boolean;
  paper: PrintPaper;
  lang?: Lang;
}

/**
 * The printed daily tavle over a board's live data: its columns in display order, the
 * triage history and today's tavlemøde agenda as "Lav dagsorden" would plan it now
 * (`planBoardAgenda`, so paper and panel agree), into the pure `printableBoard`.
 */
export function printableBoardOf(md: MeetingDoc, o: PrintableBoardOptions): PrintableBoard {
  const board = md.board;
  const lifecycle = o.lifecycle ?? { boardTemplateId: board.boardCadenceTemplateId() };
  const agenda = planBoardAgenda(md, {
    type: 'tavlemoede',
    now: o.now,
    today: toIsoDate(new Date(o.now)),
    team: o.team,
    visitatorDays: o.visitatorDays,
    triageConfig: o.triageConfig,
    lifecycle,
  });
  return printableBoard({
    columns: board.phases().map((phase) => ({ phase, cards: board.column(phase.id) })),
    boardName: o.boardName,
    teamName: o.teamName,
    triageEvents: md.triageEvents(),
    triageResponses: md.triageResponses(),
    triageConfig: o.triageConfig,
    lifecycle,
    agenda,
    now: o.now,
    privacy: o.privacy,
    paper: o.paper,
    lang: o.lang,
  });
}
