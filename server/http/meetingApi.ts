import type { Router } from 'express';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { IdSchema } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { MyOverviewResponse, OverviewRequest, TeamOverview } from '../../shared/protocol/overview.js';
import { pendingRequests } from '../../shared/rules/lifecycle.js';
import type { TeamMeetingSettings } from '../../shared/model/teamMeetings.js';
import { nextMeetings as nextMeetings_ } from '../../shared/rules/meetingSchedule.js';
import { buildMinutes, minutesInput } from '../../shared/rules/minutes.js';
import { buildMyPlan } from '../../shared/rules/myPlan.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import { writeBoardsOfUser } from '../org/access.js';
import { canAccessTeam, forcedPrivacyMode } from '../../shared/rules/permissions.js';
import { isClosedCard } from '../../shared/rules/lifecycle.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/types.js';
import type { BoardRegistry } from '../sync/registry.js';
import { requireUser } from './session.js';

export interface MeetingApiDeps {
  storage: Storage;
  sessions: Sessions;
  registry: BoardRegistry;
  /** The board's team meeting settings and visitator days (for the next scheduled meetings). */
  meetingConfig?: (boardId: string) => Promise<{ meetings: TeamMeetingSettings; visitatorDays: number[] }>;
}

/** Runs `read` on the board's live doc (loaded if need be) and releases it. */
async function withMeetingDoc<T>(registry: BoardRegistry, boardId: string, read: (md: MeetingDoc) => T): Promise<T> {
  const live = await registry.acquire(boardId);
  try {
    return read(new MeetingDoc(new BoardDoc(live.doc)));
  } finally {
    registry.release(live);
  }
}

/** The wall screen shows initials only; full-name documents are not for it. */
function refuseWallScreen(user: SessionUser): void {
  if (forcedPrivacyMode(user.role)) throw new ApiError('forbidden');
}

/** One team's board: meetings not yet ended, the next scheduled ones, and open requests and questions for the visitator. */
function teamOverview(md: MeetingDoc, head: Omit<TeamOverview, 'meetings' | 'requests'>): TeamOverview {
  const board = md.board;
  const phases = board.phases();
  const cards = new Map(board.cards().map((c) => [c.id, c]));
  const requests: OverviewRequest[] = [];
  for (const c of cards.values()) {
    if (isClosedCard(c, phases)) continue;
    for (const r of pendingRequests(c)) {
      requests.push({
        source: 'request',
        id: r.id,
        cardId: c.id,
        cardName: c.name,
        kind: r.kind,
        text: r.reason,
        byName: r.byName,
        at: r.at,
      });
    }
  }
  for (const q of md.questions()) {
    if (q.status !== 'open') continue;
    const card = q.cardId === null ? undefined : cards.get(q.cardId);
    requests.push({
      source: 'question',
      id: q.id,
      cardId: card ? card.id : null,
      cardName: card ? card.name : null,
      text: q.text,
      byName: q.byName,
      at: q.at,
    });
  }
  requests.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
  const meetings = md
    .meetings()
    .filter((m) => m.endedAt === null)
    .map((m) => ({ id: m.id, type: m.type, scheduledFor: m.scheduledFor, startedAt: m.startedAt }));
  return { ...head, meetings, requests };
}

/**
 * Meeting routes under /api:
 *   GET /api/me/overview                                    "Mine teams" (shared/protocol/overview.ts)
 *   GET /api/boards/:boardId/meetings/:meetingId/minutes.pdf the minutes as PDF
 *   GET /api/boards/:boardId/cards/:cardId/min-plan.pdf      the citizen's "Min plan" (R21)
 * All only for the user's own teams, and not for the wall screen.
 */
export function meetingRoutes(router: Router, { storage, sessions, registry, meetingConfig }: MeetingApiDeps): void {
  router.get('/me/overview', async (req, res) => {
    const user = await requireUser(sessions, req);
    refuseWallScreen(user);
    // Own teams, and those shared as evening team or covered as backup visitator today.
    const boards = await writeBoardsOfUser(storage, user);
    const teams: TeamOverview[] = [];
    for (const b of boards) {
      const cfg = meetingConfig ? await meetingConfig(b.id) : null;
      const nextMeetings = cfg ? nextMeetings_(new Date().toISOString(), cfg.meetings, cfg.visitatorDays) : [];
      teams.push(
        await withMeetingDoc(registry, b.id, (md) =>
          teamOverview(md, { teamId: b.teamId, teamName: b.teamName, boardId: b.id, boardName: b.name, nextMeetings }),
        ),
      );
    }
    const body: MyOverviewResponse = { teams };
    res.json(body);
  });

  router.get('/boards/:boardId/meetings/:meetingId/minutes.pdf', async (req, res) => {
    const user = await requireUser(sessions, req);
    const boardId = IdSchema.safeParse(req.params.boardId);
    const board = boardId.success ? await storage.getBoard(boardId.data) : null;
    if (!board || !canAccessTeam(user, board.teamId)) throw new ApiError('not_found', 'Tavlen findes ikke.');
    refuseWallScreen(user);
    const meetingId = IdSchema.safeParse(req.params.meetingId);
    const model = await withMeetingDoc(registry, board.id, (md) => {
      const meeting = meetingId.success ? md.meeting(meetingId.data) : null;
      if (!meeting) return null;
      return buildMinutes({ ...minutesInput(md, meeting), lang: user.lang });
    });
    if (!model) throw new ApiError('not_found', 'Mødet findes ikke.');
    // pdfkit and its fonts load on the first PDF, not at start-up (restart → listening).
    const pdf = await (await import('./minutesPdf.js')).renderMinutesPdf(model, user.lang);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="referat-${model.date || 'moede'}.pdf"`);
    res.send(pdf);
  });

  router.get('/boards/:boardId/cards/:cardId/min-plan.pdf', async (req, res) => {
    const user = await requireUser(sessions, req);
    const boardId = IdSchema.safeParse(req.params.boardId);
    const board = boardId.success ? await storage.getBoard(boardId.data) : null;
    if (!board || !canAccessTeam(user, board.teamId)) throw new ApiError('not_found', 'Tavlen findes ikke.');
    refuseWallScreen(user);
    const cardId = IdSchema.safeParse(req.params.cardId);
    const plan = await withMeetingDoc(registry, board.id, (md) => {
      const card = cardId.success ? md.board.card(cardId.data) : null;
      if (!card) return null;
      const actions = md.meetings().flatMap((m) => md.actionItems(m.id));
      return buildMyPlan({ card, actions, today: toIsoDate(new Date()), lang: user.lang });
    });
    if (!plan) throw new ApiError('not_found', 'Borgeren findes ikke.');
    const pdf = await (await import('./minutesPdf.js')).renderMyPlanPdf(plan, user.lang);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'attachment; filename="min-plan.pdf"');
    res.send(pdf);
  });
}
