import { randomBytes } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { IdSchema } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import { MAX_VISIT_ROWS, validateVisitRows, type VisitRowError } from '../../shared/model/visits.js';
import {
  CreateImportTokenSchema,
  UpdateStyringSettingsSchema,
  VisitCsvRequestSchema,
  type CreateImportTokenResponse,
  type StyringSettingsResponse,
  type VisitImportResult,
} from '../../shared/protocol/styring.js';
import { canChangeMunicipalitySettings, forcedPrivacyMode, mayOpenStyring } from '../../shared/rules/permissions.js';
import type { AuditWriter } from '../audit/writer.js';
import { hashToken, type Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Lifecycle } from '../lifecycle/service.js';
import type { Storage } from '../storage/types.js';
import { budgetCsv, eventsCsv, parseVisitCsv, timeCsv } from '../styring/csv.js';
import { cardTime, parseRates, styringFigures } from '../styring/figures.js';
import { adminActorOf, parseAdminBody } from './adminCommon.js';
import { noStore, requireUser } from './session.js';

export interface StyringDeps {
  storage: Storage;
  sessions: Sessions;
  audit: AuditWriter;
  lifecycle: Lifecycle;
  now?: () => number;
}

const TOKEN_PREFIX = 'tvl_';

/** Who sends an import: an import token of a municipality, or an administrator's session. */
interface Importer {
  municipalityId: string;
  userId: string | null;
  via: 'token' | 'session';
  tokenId?: string;
}

/**
 * The visit import (`POST /api/import/visits`, JSON; `…/csv` for the admin page's upload). It
 * has its own body limit (a month of visits is megabytes), so app.ts mounts it before the
 * general /api guards. All or nothing: any bad row and nothing is stored, every bad row named.
 */
export function importRouter(deps: StyringDeps): Router {
  const { storage, sessions, audit } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();

  async function importerOf(req: Request): Promise<Importer> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const record = token?.startsWith(TOKEN_PREFIX) ? await storage.styring.importTokenByHash(hashToken(token)) : null;
      if (!record) throw new ApiError('unauthenticated', 'Import-nøglen er ugyldig eller slettet.');
      return { municipalityId: record.municipalityId, userId: null, via: 'token', tokenId: record.id };
    }
    const actor = await adminActorOf({ storage, sessions }, req);
    if (!canChangeMunicipalitySettings(actor)) {
      throw new ApiError('forbidden', 'Kun en administrator kan importere besøg.');
    }
    return { municipalityId: actor.municipalityId, userId: actor.id, via: 'session' };
  }

  async function importRows(importer: Importer, raw: readonly unknown[], lineOf: (row: number) => number) {
    if (raw.length === 0) throw new ApiError('invalid_request', 'Der er ingen besøg i importen.');
    if (raw.length > MAX_VISIT_ROWS) {
      throw new ApiError('invalid_request', `Højst ${MAX_VISIT_ROWS.toLocaleString('da-DK')} besøg ad gangen.`);
    }
    const { ok, errors } = validateVisitRows(raw);
    // The batch row of each good row (validateVisitRows keeps their order), to name the rows
    // of a citizen who belongs to another municipality.
    const bad = new Set(errors.map((e) => e.row));
    const goodRows = raw.map((_r, i) => i + 1).filter((row) => !bad.has(row));
    const rowNumbers = new Map<string, number[]>();
    ok.forEach((r, i) => rowNumbers.set(r.citizenRef, [...(rowNumbers.get(r.citizenRef) ?? []), goodRows[i]!]));
    const elsewhere = await storage.styring.refsElsewhere(importer.municipalityId, [...rowNumbers.keys()]);
    for (const ref of elsewhere) {
      for (const row of rowNumbers.get(ref) ?? []) {
        errors.push({ row, message: `borger-nr. ${ref} hører til en borger i en anden kommune` });
      }
    }
    const named: VisitRowError[] = errors
      .sort((a, b) => a.row - b.row)
      .map((e) => ({ row: lineOf(e.row), message: e.message }));
    const at = now();
    if (named.length > 0) {
      await audit.append([
        {
          at,
          userId: importer.userId,
          boardId: null,
          cardId: null,
          action: 'visits_imported',
          detail: {
            ok: false,
            via: importer.via,
            tokenId: importer.tokenId ?? null,
            rows: raw.length,
            refused: named.length,
          },
        },
      ]);
      const shown = named.slice(0, 3).map((e) => `række ${e.row}: ${e.message}`);
      throw new ApiError(
        'invalid_request',
        `Intet blev importeret: ${named.length} ${named.length === 1 ? 'række er' : 'rækker er'} ugyldige (${shown.join('; ')}${named.length > 3 ? '; …' : ''}).`,
        named,
      );
    }
    const result: VisitImportResult = await storage.styring.upsertVisits(importer.municipalityId, ok, at);
    await audit.append([
      {
        at,
        userId: importer.userId,
        boardId: null,
        cardId: null,
        action: 'visits_imported',
        detail: { ok: true, via: importer.via, tokenId: importer.tokenId ?? null, rows: ok.length, ...result },
      },
    ]);
    return result;
  }

  router.post('/import/visits', async (req, res) => {
    noStore(res);
    const importer = await importerOf(req);
    const body: unknown = req.body;
    const rows = Array.isArray(body)
      ? body
      : body !== null && typeof body === 'object' && Array.isArray((body as { visits?: unknown }).visits)
        ? (body as { visits: unknown[] }).visits
        : null;
    if (rows === null) {
      throw new ApiError('invalid_request', 'Send besøgene som en JSON-liste eller som {"visits": [...]}.');
    }
    res.json(await importRows(importer, rows, (row) => row));
  });

  router.post('/import/visits/csv', async (req, res) => {
    noStore(res);
    const importer = await importerOf(req);
    const { csv } = parseAdminBody(VisitCsvRequestSchema, req.body);
    const parsed = parseVisitCsv(csv);
    if (parsed.errors.length > 0) {
      throw new ApiError('invalid_request', `Intet blev importeret: ${parsed.errors[0]!.message}`, parsed.errors);
    }
    res.json(await importRows(importer, parsed.rows, (row) => parsed.lines[row - 1] ?? row));
  });

  return router;
}

/** The cockpit, the card's "Tid" and the cockpit's settings on the admin page. */
export function styringRouter(deps: StyringDeps): Router {
  const { storage, sessions, lifecycle } = deps;
  const now = () => new Date(deps.now?.() ?? Date.now());
  const router = express.Router();

  async function municipalityOf(user: SessionUser): Promise<string> {
    const record = await storage.getUser(user.id);
    if (!record?.municipalityId) throw new ApiError('forbidden');
    return record.municipalityId;
  }

  router.get('/boards/:boardId/cards/:cardId/time', async (req, res) => {
    noStore(res);
    const user = await requireUser(sessions, req);
    const boardId = IdSchema.parse(req.params.boardId);
    const cardId = IdSchema.parse(req.params.cardId);
    const board = await storage.getBoard(boardId);
    if (!board || !user.teamIds.includes(board.teamId) || forcedPrivacyMode(user.role)) {
      throw new ApiError('not_found', 'Tavlen findes ikke.');
    }
    const fact = await storage.styring.cardFact(boardId, cardId);
    if (!fact) throw new ApiError('not_found', 'Borgeren findes ikke på tavlen.');
    res.json(await cardTime(storage.styring, await municipalityOf(user), fact, now()));
  });

  /** GET /api/styring[?team=<id>][&format=csv&figure=time|events|budget&group=<id>] */
  router.get('/styring', async (req, res) => {
    noStore(res);
    const user = await requireUser(sessions, req);
    if (!mayOpenStyring(user.role)) throw new ApiError('forbidden', 'Styring er for leder, koordinator og visitator.');
    const municipalityId = await municipalityOf(user);
    const all = await storage.styring.teamSettings(municipalityId);
    let teams = all.filter((t) => user.teamIds.includes(t.teamId));
    const team = typeof req.query.team === 'string' ? req.query.team : undefined;
    if (team !== undefined) {
      teams = teams.filter((t) => t.teamId === team);
      if (teams.length === 0) throw new ApiError('forbidden', 'Du har ikke adgang til det team.');
    }
    const data = await styringFigures(storage.styring, municipalityId, teams, now());
    if (req.query.format !== 'csv') {
      res.json(data);
      return;
    }
    const figure = req.query.figure;
    const group = data.groups.find((g) => g.id === req.query.group) ?? data.groups[0];
    let csv: string;
    if (figure === 'budget') csv = budgetCsv(data);
    else if (!group) throw new ApiError('not_found', 'Der er ingen teams at vise.');
    else if (figure === 'events') csv = eventsCsv(group);
    else csv = timeCsv(data, group);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="styring-${String(figure ?? 'time')}-${data.today}.csv"`,
    );
    res.send(csv);
  });

  router.get('/admin/styring', async (req, res) => {
    noStore(res);
    const actor = await adminActorOf({ storage, sessions }, req);
    const teams = await storage.styring.teamSettings(actor.municipalityId);
    const config = teams[0]?.boardId ? await lifecycle.config(teams[0].boardId) : null;
    const body: StyringSettingsResponse = {
      teams: teams.map((t) => ({
        teamId: t.teamId,
        teamName: t.teamName,
        staffHoursPerWeek: t.staffHoursPerWeek,
        budgetPerWeek: t.budgetPerWeek,
        district: t.district,
      })),
      rates: parseRates(await storage.styring.budgetRates(actor.municipalityId)),
      categories: (config?.catalogue ?? []).map((c) => ({ id: c.id, name: c.name })),
      tokens: (await storage.styring.importTokens(actor.municipalityId)).map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: new Date(t.createdAt).toISOString(),
      })),
    };
    res.json(body);
  });

  router.put('/admin/styring', async (req, res) => {
    noStore(res);
    const actor = await adminActorOf({ storage, sessions }, req);
    if (!canChangeMunicipalitySettings(actor)) throw new ApiError('forbidden');
    const body = parseAdminBody(UpdateStyringSettingsSchema, req.body);
    const own = new Set((await storage.styring.teamSettings(actor.municipalityId)).map((t) => t.teamId));
    if (body.teams.some((t) => !own.has(t.teamId))) throw new ApiError('forbidden');
    for (const t of body.teams) {
      await storage.styring.setTeamStyring(t.teamId, {
        staffHoursPerWeek: t.staffHoursPerWeek,
        budgetPerWeek: t.budgetPerWeek,
        district: t.district === null || t.district === '' ? null : t.district,
      });
    }
    await storage.styring.setBudgetRates(actor.municipalityId, JSON.stringify(body.rates));
    res.status(204).end();
  });

  router.post('/admin/import-tokens', async (req, res) => {
    noStore(res);
    const actor = await adminActorOf({ storage, sessions }, req);
    if (!canChangeMunicipalitySettings(actor)) throw new ApiError('forbidden');
    const { name } = parseAdminBody(CreateImportTokenSchema, req.body);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const id = `imp-${randomBytes(6).toString('hex')}`;
    await storage.styring.createImportToken({
      id,
      municipalityId: actor.municipalityId,
      name,
      tokenHash: hashToken(token),
      createdAt: Date.now(),
      createdBy: actor.id,
    });
    const body: CreateImportTokenResponse = { id, name, token };
    res.status(201).json(body);
  });

  router.delete('/admin/import-tokens/:id', async (req, res) => {
    noStore(res);
    const actor = await adminActorOf({ storage, sessions }, req);
    if (!canChangeMunicipalitySettings(actor)) throw new ApiError('forbidden');
    const ok = await storage.styring.deleteImportToken(actor.municipalityId, IdSchema.parse(req.params.id));
    if (!ok) throw new ApiError('not_found');
    res.status(204).end();
  });

  return router;
}
