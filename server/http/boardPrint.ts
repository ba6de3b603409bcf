import type { Router } from 'express';
import { z } from 'zod';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { printableBoardOf } from '../../shared/doc/printableInput.js';
import { IdSchema } from '../../shared/model/ids.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import { canAccessTeam, forcedPrivacyMode } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Lifecycle } from '../lifecycle/service.js';
import type { Storage } from '../storage/types.js';
import type { BoardRegistry } from '../sync/registry.js';
import { requireUser } from './session.js';

export interface BoardPrintDeps {
  storage: Storage;
  sessions: Sessions;
  registry: BoardRegistry;
  lifecycle: Lifecycle;
  now?: () => Date;
}

/** `?paper=a4|a3&privacy=1`: the paper and whether it is the room's version (initials only). */
export const BoardPrintQuerySchema = z.object({
  paper: z.enum(['a4', 'a3']).default('a4'),
  privacy: z.enum(['0', '1']).default('0'),
});

/**
 * GET /api/boards/:boardId/tavle.pdf — the downtime kit's printed daily tavle (issue #16, N7):
 * for the board's own team only (others get the same 404 as an unknown board), never for a
 * wall-screen device, and audited ("Printede tavlen"), because the paper carries names.
 */
export function boardPrintRoutes(router: Router, deps: BoardPrintDeps): void {
  const { storage, sessions, registry, lifecycle } = deps;
  router.get('/boards/:boardId/tavle.pdf', async (req, res) => {
    const user = await requireUser(sessions, req);
    const id = IdSchema.safeParse(req.params.boardId);
    const board = id.success ? await storage.getBoard(id.data) : null;
    if (!board || !canAccessTeam(user, board.teamId)) throw new ApiError('not_found', 'Tavlen findes ikke.');
    if (forcedPrivacyMode(user.role)) throw new ApiError('forbidden');
    const query = BoardPrintQuerySchema.safeParse(req.query);
    if (!query.success) throw new ApiError('invalid_request', 'Vælg papir A4 eller A3.');
    const privacy = query.data.privacy === '1';
    const paper = query.data.paper;
    const [config, meeting, team] = await Promise.all([
      lifecycle.config(board.id),
      lifecycle.meetingConfig(board.id),
      storage.getTeam(board.teamId),
    ]);
    const now = (deps.now ?? (() => new Date()))().toISOString();
    const live = await registry.acquire(board.id);
    let printable;
    try {
      const doc = new BoardDoc(live.doc);
      printable = printableBoardOf(new MeetingDoc(doc), {
        now,
        boardName: board.name,
        teamName: team?.name ?? board.name,
        team: meeting.meetings,
        visitatorDays: meeting.visitatorDays,
        triageConfig: meeting.triage,
        lifecycle: { boardTemplateId: doc.boardCadenceTemplateId(), customTemplates: config?.customTemplates ?? [] },
        privacy,
        paper,
        lang: user.lang,
      });
    } finally {
      registry.release(live);
    }
    // pdfkit and its fonts load on the first print, not at start-up (restart → listening).
    const pdf = await (await import('./boardPdf.js')).renderBoardPdf(printable);
    await storage.appendAudit({
      at: Date.now(),
      userId: user.id,
      boardId: board.id,
      cardId: null,
      action: 'board_printed',
      detail: { role: user.role, paper, privacy, citizens: printable.columns.reduce((n, c) => n + c.cards.length, 0) },
    });
    res.setHeader('Content-Type', 'application/pdf');
    const date = toIsoDate(new Date(now));
    res.setHeader('Content-Disposition', `attachment; filename="tavlen-${date}${privacy ? '-rummet' : ''}.pdf"`);
    res.send(pdf);
  });
}
