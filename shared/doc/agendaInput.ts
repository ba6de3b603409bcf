import type { MeetingType } from '../model/meeting.js';
import type { TeamMeetingSettings } from '../model/teamMeetings.js';
import type { LifecycleContext } from '../rules/lifecycle.js';
import { planAgenda, type AgendaPlan } from '../rules/agendaPlan.js';
import { meetingWeekdays, previousMeetingDay } from '../rules/meetingSchedule.js';
import type { TriageConfig } from '../rules/triage.js';
import type { MeetingDoc } from './meetingDoc.js';
import type { CareSignalSettings } from '../model/careSignals.js';

export interface BoardAgendaOptions {
  type: MeetingType;
  /** The current instant (ISO) and its Danish date. */
  now: string;
  today: string;
  team: TeamMeetingSettings;
  visitatorDays: readonly number[];
  triageConfig?: TriageConfig;
  lifecycle?: LifecycleContext;
  /** The municipality's "nej tak" threshold (default 3 in 14 days). */
  careSignals?: CareSignalSettings;
}

/**
 * "Lav dagsorden" over a board's live data: the board's cards and meeting history into
 * `planAgenda`, with the team's budget, schedule and rotation. One place, so the meeting
 * panel and the server's estimates (admin settings, Mine teams) plan the same agenda.
 */
export function planBoardAgenda(md: MeetingDoc, o: BoardAgendaOptions): AgendaPlan {
  const weekdays = meetingWeekdays(o.team[o.type].days, o.visitatorDays);
  const last = md.lastEndedMeeting(o.type);
  return planAgenda({
    meetingType: o.type,
    cards: md.board.cards(),
    today: o.today,
    now: o.now,
    lastMeetingAt: last?.endedAt ?? null,
    previousMeetingDay: previousMeetingDay(o.today, weekdays),
    triageEvents: md.triageEvents(),
    triageResponses: md.triageResponses(),
    triageConfig: o.triageConfig,
    lastDiscussed: md.lastDiscussed(),
    nominations: md.nominations(),
    questions: md.questions().filter((q) => q.status === 'open'),
    budgetMin: o.team[o.type].durationMin,
    rotationDays: o.team.rotationDays,
    meetingWeekdays: weekdays,
    carriedOver: md.carriedOver(o.type),
    config: {
      lifecycle: o.lifecycle ?? {},
      phases: md.board.phases(),
      visitatorDays: o.visitatorDays,
      ...(o.careSignals ? { careSignals: o.careSignals } : {}),
    },
  });
}
