import express, { type Router } from 'express';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { IdSchema } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import {
  AUDIT_EXPORT_MAX,
  AuditQuerySchema,
  auditPeriod,
  type AuditItem,
  type AuditPage,
  type AuditQueryParams,
  type AuditCitizensResponse,
  type AuditUsersResponse,
} from '../../shared/protocol/audit.js';
import { AUDIT_USER_ID_FIELDS } from '../../shared/rules/auditText.js';
import { auditAccess } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import { auditCsv } from '../audit/csv.js';
import type { AuditWriter } from '../audit/writer.js';
import { ApiError } from '../errors.js';
import type { AuditRow, BoardRecord, Storage } from '../storage/types.js';
import type { BoardRegistry } from '../sync/registry.js';
import { noStore, requireUser } from './session.js';

export interface AuditApiDeps {
  storage: Storage;
  sessions: Sessions;
  registry: BoardRegistry;
  audit: AuditWriter;
}

/**
 * The audit log for the municipality's data controller (mounted at /api, before the main
 * API's catch-all): search, CSV export and the team's users for the filter. Who may read is
 * `auditAccess` (shared/rules/permissions.ts); reading is itself audited.
 */
export function auditRouter({ storage, sessions, registry, audit }: AuditApiDeps): Router {
  const router = express.Router();
  router.use('/audit', (_req, res, next) => {
    noStore(res);
    next();
  });

  /** The board if this user may read its audit log: 404 beyond their reach, 403 on the team. */
  const readableBoard = async (user: SessionUser, rawId: unknown): Promise<BoardRecord> => {
    const id = IdSchema.safeParse(rawId);
    const board = id.success ? await storage.getBoard(id.data) : null;
    const config = board ? await storage.boardConfig(board.id) : null;
    if (!board || !config) throw new ApiError('not_found', 'Tavlen findes ikke.');
    const municipalities = user.role === 'administrator' ? await municipalitiesOf(storage, user.id) : ([] as string[]);
    const access = auditAccess(user, { teamId: board.teamId, municipalityId: config.municipalityId }, municipalities);
    if (access === 'not_found') throw new ApiError('not_found', 'Tavlen findes ikke.');
    if (access === 'forbidden') throw new ApiError('forbidden', 'Kun leder og administrator kan se revisionssporet.');
    return board;
  };

  const search = async (user: SessionUser, query: unknown, csv: boolean) => {
    const q = AuditQuerySchema.parse(query);
    const board = await readableBoard(user, q.boardId);
    const limit = csv ? AUDIT_EXPORT_MAX : q.limit;
    const rows = await storage.searchAudit({
      boardId: board.id,
      ...(q.cardId !== undefined && { cardId: q.cardId }),
      ...(q.userId !== undefined && { userId: q.userId }),
      ...auditPeriod(q.from, q.to),
      ...(q.action && q.action.length > 0 && { actions: q.action }),
      ...(q.before !== undefined && { before: q.before }),
      limit: limit + 1,
    });
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const { items, names } = await describe(board.id, page);
    await audit.append([
      {
        at: Date.now(),
        userId: user.id,
        boardId: board.id,
        cardId: q.cardId ?? null,
        action: csv ? 'audit_exported' : 'audit_viewed',
        detail: { role: user.role, filters: filtersOf(q), rows: items.length },
      },
    ]);
    return { items, names, nextBefore: more ? (page[page.length - 1]?.id ?? null) : null };
  };

  /**
   * Names are looked up now: users from the directory, citizens from the board or archive.
   * Besides the authors, the users named inside a value (a request's `decidedBy`, a
   * follow-up's `by`) are resolved: they too acted on this board, which the reader may see.
   */
  const describe = async (
    boardId: string,
    rows: readonly AuditRow[],
  ): Promise<{ items: AuditItem[]; names: Record<string, string> }> => {
    const userNames = new Map<string, string | null>();
    for (const id of new Set([...rows.map((r) => r.userId), ...rows.flatMap(actorIdsIn)])) {
      if (id) userNames.set(id, (await storage.getUser(id))?.name ?? null);
    }
    const names: Record<string, string> = {};
    for (const [id, name] of userNames) if (name !== null) names[id] = name;
    const citizens = new Map<string, string | null>();
    const cardIds = [...new Set(rows.map((r) => r.cardId))].filter((id): id is string => id !== null);
    if (cardIds.length > 0) {
      const live = await registry.acquire(boardId);
      try {
        const doc = new BoardDoc(live.doc);
        for (const id of cardIds) citizens.set(id, doc.card(id)?.name ?? null);
      } finally {
        registry.release(live);
      }
      for (const id of cardIds) {
        if (citizens.get(id) === null) citizens.set(id, (await storage.getArchivedCard(boardId, id))?.name ?? null);
      }
    }
    const items = rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      action: r.action,
      userId: r.userId,
      userName: r.userId ? (userNames.get(r.userId) ?? null) : null,
      role: typeof r.detail.role === 'string' ? r.detail.role : null,
      cardId: r.cardId,
      citizen: r.cardId ? (citizens.get(r.cardId) ?? null) : null,
      field: typeof r.detail.field === 'string' ? r.detail.field : null,
      from: scalarOrNull(r.detail.from),
      to: scalarOrNull(r.detail.to),
      detail: r.detail,
    }));
    return { items, names };
  };

  router.get('/audit', async (req, res) => {
    const user = await requireUser(sessions, req);
    const body: AuditPage = await search(user, req.query, false);
    res.json(body);
  });

  router.get('/audit.csv', async (req, res) => {
    const user = await requireUser(sessions, req);
    const { items, names } = await search(user, req.query, true);
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="revisionsspor-${day}.csv"`);
    res.send(auditCsv(items, names));
  });

  router.get('/audit/users', async (req, res) => {
    const user = await requireUser(sessions, req);
    const board = await readableBoard(user, req.query.boardId);
    const body: AuditUsersResponse = { users: await storage.usersOfTeam(board.teamId) };
    res.json(body);
  });

  router.get('/audit/citizens', async (req, res) => {
    const user = await requireUser(sessions, req);
    const board = await readableBoard(user, req.query.boardId);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 120) : '';
    const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('da-DK');
    const live = await registry.acquire(board.id);
    let citizens: AuditCitizensResponse['citizens'];
    try {
      citizens = new BoardDoc(live.doc)
        .cards()
        .filter((c) => fold(c.name).includes(fold(q)))
        .map((c) => ({ cardId: c.id, name: c.name, archived: false }));
    } finally {
      registry.release(live);
    }
    const archived = await storage.searchArchive(board.id, q, 50);
    citizens.sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const body: AuditCitizensResponse = {
      citizens: [...citizens, ...archived.map((a) => ({ cardId: a.cardId, name: a.name, archived: true }))],
    };
    res.json(body);
  });

  return router;
}

/** The municipalities of a user's teams (an administrator reads all teams there). */
async function municipalitiesOf(storage: Storage, userId: string): Promise<string[]> {
  const out = new Set<string>();
  for (const team of await storage.teamsOfUser(userId)) {
    const config = team.boardId ? await storage.boardConfig(team.boardId) : null;
    if (config) out.add(config.municipalityId);
  }
  return [...out];
}

function filtersOf(q: AuditQueryParams): Record<string, unknown> {
  const { boardId: _b, limit: _l, before: _p, ...filters } = q;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}

/** User ids inside an entry's values: `from`/`to` of a field whose last part names a user. */
function actorIdsIn(r: AuditRow): string[] {
  const field = typeof r.detail.field === 'string' ? r.detail.field : '';
  if (!AUDIT_USER_ID_FIELDS.has(field.split('.').pop() ?? '')) return [];
  return [r.detail.from, r.detail.to].filter((v): v is string => typeof v === 'string' && v !== '');
}

function scalarOrNull(v: unknown): string | number | boolean | null {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}
