import express, { type Router } from 'express';
import { IdSchema, newId } from '../../shared/model/ids.js';
import type { TeamOrg } from '../../shared/model/organisation.js';
import type { SessionUser } from '../../shared/model/user.js';
import {
  CreateCoverSchema,
  CreateDistrictSchema,
  PatchDistrictSchema,
  PatchTeamOrgSchema,
  SetVisitatorStatusSchema,
  type AdminOrganisation,
  type TeamVisitator,
} from '../../shared/protocol/organisation.js';
import {
  coverProblem,
  dayOf,
  eveningProblem,
  maySetVisitatorStatus,
  partnerProblem,
  visitatorOnDay,
} from '../../shared/rules/organisation.js';
import { canAccessTeam, canEditBoard, canManageTeams } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { AccessWatch } from '../org/recheck.js';
import type { Storage } from '../storage/types.js';
import { adminActorOf, parseAdminBody, type AdminRequestActor } from './adminCommon.js';
import { noStore, requireUser } from './session.js';

export interface OrganisationDeps {
  storage: Storage;
  sessions: Sessions;
  access: AccessWatch;
  /** The team's visitator days (weekdays 1–7) from its board's meeting settings. */
  visitatorDays: (boardId: string) => Promise<readonly number[]>;
  /** Tells the board's open pages that the visitator line changed. */
  announce: (boardId: string, teamId: string) => void;
  now?: () => number;
}

/**
 * The organisation around the teams (issue #16; contracts in shared/protocol/organisation.ts):
 * districts, makkerteams, evening teams, fixed and backup visitators (administration), and the
 * visitator's one-tap status per team and day.
 */
export function organisationRouter(deps: OrganisationDeps): Router {
  const { storage, sessions } = deps;
  const now = deps.now ?? Date.now;
  const router = express.Router();
  router.use((_req, res, next) => {
    noStore(res);
    next();
  });

  // --- Administration ------------------------------------------------------------------

  const editor = async (req: express.Request): Promise<AdminRequestActor> => {
    const actor = await adminActorOf(deps, req);
    if (!canManageTeams(actor) || actor.readOnly) throw new ApiError('forbidden');
    return actor;
  };

  const audit = (actor: AdminRequestActor, action: string, detail: Record<string, unknown>) =>
    storage.appendAudit({ at: now(), userId: actor.id, boardId: null, cardId: null, action, detail });

  async function organisation(actor: AdminRequestActor): Promise<AdminOrganisation> {
    const m = actor.municipalityId;
    const users = await storage.listUsers(m);
    return {
      districts: await storage.org.districts(m),
      teams: await storage.org.teamOrgs(m),
      covers: (await storage.org.covers(m, dayOf(now()))).map(({ id, teamId, userId, from, to }) => ({
        id,
        teamId,
        userId,
        from,
        to,
      })),
      visitators: users
        .filter((u) => u.role === 'visitator' && u.disabledAt == null)
        .map((u) => ({ id: u.id, name: u.name })),
      canEdit: canManageTeams(actor) && !actor.readOnly,
    };
  }

  /** A change that may end someone's access: recheck open connections, answer the new state. */
  const changed = async (res: express.Response, actor: AdminRequestActor) => {
    deps.access.changed();
    res.json(await organisation(actor));
  };

  router.get('/admin/organisation', async (req, res) => {
    res.json(await organisation(await adminActorOf(deps, req)));
  });

  router.post('/admin/districts', async (req, res) => {
    const actor = await editor(req);
    const body = parseAdminBody(CreateDistrictSchema, req.body);
    const districts = await storage.org.districts(actor.municipalityId);
    if (districts.some((d) => d.name.toLocaleLowerCase('da') === body.name.toLocaleLowerCase('da'))) {
      throw new ApiError('invalid_request', 'Der findes allerede et distrikt med det navn.');
    }
    const id = newId('district-');
    await storage.org.createDistrict({ id, municipalityId: actor.municipalityId, name: body.name });
    await audit(actor, 'district_created', { districtId: id, name: body.name });
    await changed(res, actor);
  });

  router.patch('/admin/districts/:districtId', async (req, res) => {
    const actor = await editor(req);
    const id = IdSchema.safeParse(req.params.districtId);
    const districts = await storage.org.districts(actor.municipalityId);
    const district = id.success ? districts.find((d) => d.id === id.data) : undefined;
    if (!district) throw new ApiError('not_found', 'Distriktet findes ikke.');
    const body = parseAdminBody(PatchDistrictSchema, req.body);
    if (body.name !== undefined) {
      const name = body.name;
      if (
        districts.some((d) => d.id !== district.id && d.name.toLocaleLowerCase('da') === name.toLocaleLowerCase('da'))
      ) {
        throw new ApiError('invalid_request', 'Der findes allerede et distrikt med det navn.');
      }
      await storage.org.renameDistrict(district.id, name);
    }
    if (body.visitatorIds !== undefined) {
      const visitators = new Set((await organisation(actor)).visitators.map((v) => v.id));
      if (body.visitatorIds.some((u) => !visitators.has(u))) {
        throw new ApiError('invalid_request', 'Puljen kan kun have kommunens visitatorer.');
      }
      await storage.org.setDistrictVisitators(district.id, [...new Set(body.visitatorIds)]);
    }
    await audit(actor, 'district_changed', { districtId: district.id, ...body });
    await changed(res, actor);
  });

  router.patch('/admin/teams/:teamId/organisation', async (req, res) => {
    const actor = await editor(req);
    const teams = await storage.org.teamOrgs(actor.municipalityId);
    const id = IdSchema.safeParse(req.params.teamId);
    const team = id.success ? teams.find((t) => t.teamId === id.data) : undefined;
    if (!team) throw new ApiError('not_found', 'Teamet findes ikke.');
    const body = parseAdminBody(PatchTeamOrgSchema, req.body);
    const problem =
      (body.partnerTeamId !== undefined ? partnerProblem(team.teamId, body.partnerTeamId, teams) : null) ??
      (body.eveningOfTeamId !== undefined ? eveningProblem(team.teamId, body.eveningOfTeamId, teams) : null);
    if (problem) throw new ApiError('invalid_request', problem);
    if (body.districtId != null) {
      const districts = await storage.org.districts(actor.municipalityId);
      if (!districts.some((d) => d.id === body.districtId))
        throw new ApiError('invalid_request', 'Distriktet findes ikke.');
    }
    if (body.visitatorId != null) {
      const visitators = (await organisation(actor)).visitators;
      if (!visitators.some((v) => v.id === body.visitatorId)) {
        throw new ApiError('invalid_request', 'Den faste visitator skal være en aktiv bruger med rollen visitator.');
      }
    }
    await storage.org.setTeamOrg(team.teamId, body);
    await audit(actor, 'team_organisation_changed', { teamId: team.teamId, ...body });
    const board = (await storage.getTeam(team.teamId))?.boardId;
    if (board && body.visitatorId !== undefined) deps.announce(board, team.teamId);
    await changed(res, actor);
  });

  router.post('/admin/covers', async (req, res) => {
    const actor = await editor(req);
    const body = parseAdminBody(CreateCoverSchema, req.body);
    const teams = await storage.org.teamOrgs(actor.municipalityId);
    const team = teams.find((t) => t.teamId === body.teamId);
    if (!team) throw new ApiError('not_found', 'Teamet findes ikke.');
    const problem = coverProblem(team, body.userId, await storage.org.districts(actor.municipalityId));
    if (problem) throw new ApiError('invalid_request', problem);
    const id = newId('cover-');
    await storage.org.createCover({ id, ...body, createdAt: now(), createdBy: actor.id });
    await audit(actor, 'visitator_cover_created', { coverId: id, ...body });
    await announceTeam(team);
    await changed(res, actor);
  });

  router.delete('/admin/covers/:coverId', async (req, res) => {
    const actor = await editor(req);
    const id = IdSchema.safeParse(req.params.coverId);
    const cover = id.success ? await storage.org.getCover(id.data) : null;
    const teams = await storage.org.teamOrgs(actor.municipalityId);
    const team = cover ? teams.find((t) => t.teamId === cover.teamId) : undefined;
    if (!cover || !team) throw new ApiError('not_found', 'Afløsningen findes ikke.');
    await storage.org.deleteCover(cover.id);
    await audit(actor, 'visitator_cover_ended', { coverId: cover.id, teamId: cover.teamId, userId: cover.userId });
    await announceTeam(team);
    await changed(res, actor);
  });

  async function announceTeam(team: TeamOrg): Promise<void> {
    const board = (await storage.getTeam(team.teamId))?.boardId;
    if (board) deps.announce(board, team.teamId);
  }

  // --- The team's visitator today ------------------------------------------------------

  /** The team if the user may open its board (read-only too); anything else the same 404. */
  async function teamFor(user: SessionUser, raw: unknown): Promise<{ team: TeamOrg; boardId: string | null }> {
    const id = IdSchema.safeParse(raw);
    const municipality = id.success ? await storage.org.teamMunicipality(id.data) : null;
    const mayOpen = id.success && (canAccessTeam(user, id.data) || user.readTeamIds?.includes(id.data) === true);
    const team =
      municipality && mayOpen
        ? (await storage.org.teamOrgs(municipality)).find((t) => t.teamId === id.data)
        : undefined;
    if (!team) throw new ApiError('not_found', 'Teamet findes ikke.');
    return { team, boardId: (await storage.getTeam(team.teamId))?.boardId ?? null };
  }

  async function teamVisitator(user: SessionUser, team: TeamOrg, boardId: string | null): Promise<TeamVisitator> {
    const day = dayOf(now());
    const municipality = (await storage.org.teamMunicipality(team.teamId))!;
    const covers = (await storage.org.covers(municipality, day)).filter((c) => c.teamId === team.teamId);
    const today = visitatorOnDay(team, covers, day);
    const person = async (id: string | null) => {
      const u = id ? await storage.getUser(id) : null;
      return u ? { id: u.id, name: u.name } : null;
    };
    const status = await storage.org.visitatorStatus(team.teamId, day);
    const weekday = ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const days = boardId ? await deps.visitatorDays(boardId) : [];
    return {
      teamId: team.teamId,
      day,
      visitator: await person(today.userId),
      coverFor: today.cover ? await person(today.coverFor) : null,
      cover: today.cover ? { from: today.cover.from, to: today.cover.to } : null,
      status: status?.status ?? null,
      visitatorDay: days.includes(weekday),
      maySet:
        canEditBoard(user) && canAccessTeam(user, team.teamId) && maySetVisitatorStatus(user.id, team, covers, day),
    };
  }

  router.get('/teams/:teamId/visitator', async (req, res) => {
    const user = await requireUser(sessions, req);
    const { team, boardId } = await teamFor(user, req.params.teamId);
    res.json(await teamVisitator(user, team, boardId));
  });

  router.put('/teams/:teamId/visitator/status', async (req, res) => {
    const user = await requireUser(sessions, req);
    const { team, boardId } = await teamFor(user, req.params.teamId);
    const body = SetVisitatorStatusSchema.parse(req.body);
    const before = await teamVisitator(user, team, boardId);
    if (!before.maySet) throw new ApiError('forbidden', 'Kun teamets visitator i dag kan sætte sin status.');
    await storage.org.setVisitatorStatus({
      teamId: team.teamId,
      day: before.day,
      userId: user.id,
      status: body.status,
      setAt: now(),
    });
    if (boardId) deps.announce(boardId, team.teamId);
    res.json(await teamVisitator(user, team, boardId));
  });

  return router;
}
