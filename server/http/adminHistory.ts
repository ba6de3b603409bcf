import express, { type Request, type Router } from 'express';
import { IdSchema } from '../../shared/model/ids.js';
import {
  HistoryAtQuerySchema,
  RestoreRequestSchema,
  type BoardHistoryResponse,
  type HistoryBoardsResponse,
  type RestoreResponse,
} from '../../shared/protocol/history.js';
import { historyAccess } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import { previewAt, restoreBoard } from '../history/restore.js';
import type { Logger } from '../logging.js';
import type { BoardRecord, Storage } from '../storage/types.js';
import type { BoardRegistry } from '../sync/registry.js';
import { adminActorOf, parseAdminBody, type AdminRequestActor } from './adminCommon.js';
import { noStore } from './session.js';

export interface AdminHistoryDeps {
  storage: Storage;
  sessions: Sessions;
  registry: BoardRegistry;
  log: Logger;
  /** HISTORY_RETENTION_DAYS, shown on the page. */
  retentionDays: number;
  /** The clock the storage timestamps history with (tests inject one). */
  now?: () => number;
}

const NOT_FOUND = 'Tavlen findes ikke.';
const TOO_OLD = 'Der er ingen historik så langt tilbage. Vælg et senere tidspunkt.';

/**
 * The admin page's "Gendan" tab (contract in shared/protocol/history.ts): the boards one may
 * restore, a board's history, the board as it was at a time, and restore (all or selected
 * cards) as one audited server change every client receives. Mounted at /api/admin.
 */
export function adminHistoryRouter(deps: AdminHistoryDeps): Router {
  const { storage, sessions, registry, log } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  router.use((_req, res, next) => {
    noStore(res);
    next();
  });

  /** The board if the actor may see (or, with `write`, restore) it; 404 beyond reach. */
  async function boardFor(req: Request, write: boolean): Promise<{ actor: AdminRequestActor; board: BoardRecord }> {
    const actor = await adminActorOf({ storage, sessions }, req);
    const id = IdSchema.safeParse(req.params.boardId);
    const board = id.success ? await storage.getBoard(id.data) : null;
    const config = board ? await storage.boardConfig(board.id) : null;
    if (!board || !config) throw new ApiError('not_found', NOT_FOUND);
    const access = historyAccess(actor, { teamId: board.teamId, municipalityId: config.municipalityId }, write);
    if (access === 'not_found') throw new ApiError('not_found', NOT_FOUND);
    if (access === 'forbidden') {
      throw new ApiError('forbidden', 'Kun administrator og teamets leder (med skriveadgang) kan gendanne tavlen.');
    }
    return { actor, board };
  }

  /** A requested time: never in the future (there is nothing to show there yet). */
  const timeOf = (iso: string): number => {
    const at = Date.parse(iso);
    if (at > now()) throw new ApiError('invalid_request', 'Tidspunktet ligger i fremtiden.');
    return at;
  };

  router.get('/history/boards', async (req, res) => {
    const actor = await adminActorOf({ storage, sessions }, req);
    const teams = await storage.listTeams(actor.municipalityId);
    const boards: HistoryBoardsResponse['boards'] = [];
    for (const t of teams) {
      if (!t.boardId) continue;
      if (historyAccess(actor, { teamId: t.id, municipalityId: t.municipalityId }, false) !== 'allowed') continue;
      const board = await storage.getBoard(t.boardId);
      if (board) boards.push({ id: board.id, name: board.name, teamId: t.id, teamName: t.name });
    }
    res.json({ boards } satisfies HistoryBoardsResponse);
  });

  router.get('/boards/:boardId/history', async (req, res) => {
    const { board } = await boardFor(req, false);
    const h = await storage.boardHistory(board.id, 200);
    const iso = (ms: number) => new Date(ms).toISOString();
    res.json({
      boardId: board.id,
      now: iso(now()),
      oldest: h.oldest === null ? null : iso(h.oldest),
      retentionDays: deps.retentionDays,
      snapshots: h.snapshots.map((s) => ({ at: iso(s.at), kind: s.kind })),
      changes: h.changes.map((c) => ({ at: iso(c.at), count: c.count })),
    } satisfies BoardHistoryResponse);
  });

  router.get('/boards/:boardId/history/at', async (req, res) => {
    const { board } = await boardFor(req, false);
    const { at } = parseAdminBody(HistoryAtQuerySchema, req.query);
    const preview = await previewAt({ storage, registry, log }, board.id, timeOf(at));
    if (!preview) throw new ApiError('not_found', TOO_OLD);
    res.json(preview);
  });

  router.post('/boards/:boardId/restore', async (req, res) => {
    const { actor, board } = await boardFor(req, true);
    const body = parseAdminBody(RestoreRequestSchema, req.body);
    if (body.cardIds && body.removeLater) {
      throw new ApiError('invalid_request', '"Fjern kort oprettet senere" gælder kun, når hele tavlen gendannes.');
    }
    const at = timeOf(body.at);
    const result = await restoreBoard(
      { storage, registry, log, now },
      { boardId: board.id, at, cardIds: body.cardIds, removeLater: body.removeLater, userId: actor.id },
    );
    if (result === 'too_old') throw new ApiError('not_found', TOO_OLD);
    if (result === 'not_stored') throw new ApiError('internal', 'Tavlen kunne ikke gendannes. Intet er ændret.');
    if ('unknownCards' in result) {
      throw new ApiError(
        'invalid_request',
        'Et eller flere af de valgte kort fandtes ikke på tavlen på det tidspunkt.',
        {
          unknownCards: result.unknownCards,
        },
      );
    }
    res.json({ at: new Date(at).toISOString(), ...result } satisfies RestoreResponse);
  });

  return router;
}
