import { createHash } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { IdSchema, newId } from '../../shared/model/ids.js';
import { DEFAULT_PHASES } from '../../shared/model/phase.js';
import {
  CreateTeamRequestSchema,
  CreateUserRequestSchema,
  RenameTeamRequestSchema,
  SetPasswordRequestSchema,
  SetTeamsRequestSchema,
  UpdateUserRequestSchema,
  type AdminTeam,
  type AdminUser,
} from '../../shared/protocol/admin.js';
import {
  canManageTeams,
  canManageUsers,
  canSetTeams,
  canViewUser,
  wouldRemoveLastAdministrator,
} from '../../shared/rules/permissions.js';
import { hashPassword } from '../auth/passwords.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { AdminUserRecord, Storage, TeamRecord } from '../storage/types.js';
import { adminActorOf, parseAdminBody, type AdminRequestActor } from './adminCommon.js';
import { noStore } from './session.js';

export interface AdminDeps {
  storage: Storage;
  sessions: Sessions;
}

type Actor = AdminRequestActor;

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];

/** Presence colour: stable per username, from the same palette as the demo users. */
const colorFor = (username: string): string =>
  PALETTE[createHash('sha256').update(username).digest()[0]! % PALETTE.length]!;

const toTeam = (t: TeamRecord): AdminTeam => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  boardId: t.boardId,
  memberCount: t.memberCount,
});

const toUser = (u: AdminUserRecord): AdminUser => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  teamIds: u.teamIds,
  readOnly: u.readOnly === true,
  disabledAt: u.disabledAt ?? null,
});

/** A new team's board: meta and the standard phases, written with BoardDoc like the seed. */
function newBoardSnapshot(boardId: string, teamId: string, teamName: string): Uint8Array {
  const board = new BoardDoc();
  board.initialize(
    { id: boardId, teamId, name: `Tavle ${teamName}`, phases: [...DEFAULT_PHASES] },
    { source: 'server', reason: 'seed' },
  );
  const update = board.encodeState();
  board.destroy();
  return update;
}

/**
 * Administration of teams and users, mounted at /api/admin (contract in
 * shared/protocol/admin.ts, rules in shared/rules/permissions.ts). No catch-all here: paths
 * this router does not know (e.g. /api/admin/devices) fall through to their own routers.
 */
export function adminRouter({ storage, sessions }: AdminDeps): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    noStore(res);
    next();
  });

  const actorOf = (req: Request): Promise<Actor> => adminActorOf({ storage, sessions }, req);

  async function actorWho(req: Request, may: (a: Actor) => boolean): Promise<Actor> {
    const actor = await actorOf(req);
    if (!may(actor)) throw new ApiError('forbidden');
    return actor;
  }

  async function teamOf(actor: Actor, rawId: unknown): Promise<TeamRecord> {
    const id = IdSchema.safeParse(rawId);
    const team = id.success ? await storage.getTeam(id.data) : null;
    if (!team || team.municipalityId !== actor.municipalityId) throw new ApiError('not_found', 'Teamet findes ikke.');
    return team;
  }

  /** A user of the actor's municipality that the actor may see; others are the same 404. */
  async function userOf(actor: Actor, rawId: unknown): Promise<AdminUserRecord> {
    const id = IdSchema.safeParse(rawId);
    const user = id.success ? await storage.getAdminUser(id.data) : null;
    if (!user || user.municipalityId !== actor.municipalityId || !canViewUser(actor, user)) {
      throw new ApiError('not_found', 'Brugeren findes ikke.');
    }
    return user;
  }

  async function checkTeams(actor: Actor, teamIds: readonly string[]): Promise<void> {
    const known = new Set((await storage.listTeams(actor.municipalityId)).map((t) => t.id));
    if (teamIds.some((t) => !known.has(t))) throw new ApiError('invalid_request', 'Et af de valgte teams findes ikke.');
  }

  const audit = (actor: Actor, action: string, detail: Record<string, unknown>) =>
    storage.appendAudit({ at: Date.now(), userId: actor.id, boardId: null, cardId: null, action, detail });

  /**
   * Every change to a user ends their sessions, which also closes their live websocket and
   * socket.io connections (Sessions.onRevoke): new rights apply at the next sign-in.
   */
  async function endAccess(userId: string): Promise<void> {
    await sessions.logoutAll(userId);
  }

  const refusesDevice = (user: AdminUserRecord) => {
    if (user.role === 'skaerm') throw new ApiError('invalid_request', 'Skærme administreres under "Skærme".');
  };

  // --- Teams ---------------------------------------------------------------------------

  router.get('/teams', async (req, res) => {
    const actor = await actorOf(req);
    const teams = await storage.listTeams(actor.municipalityId);
    // A leder sees the teams they lead: the ones whose membership they may change.
    res.json(teams.filter((t) => canManageTeams(actor) || actor.teamIds.includes(t.id)).map(toTeam));
  });

  router.post('/teams', async (req, res) => {
    const actor = await actorWho(req, canManageTeams);
    const body = parseAdminBody(CreateTeamRequestSchema, req.body);
    const existing = await storage.listTeams(actor.municipalityId);
    if (existing.some((t) => t.name.toLocaleLowerCase('da') === body.name.toLocaleLowerCase('da'))) {
      throw new ApiError('invalid_request', 'Der findes allerede et team med det navn.');
    }
    const teamId = newId('team-');
    const boardId = newId('tavle-');
    await storage.createTeam({ id: teamId, municipalityId: actor.municipalityId, name: body.name, kind: body.kind });
    await storage.createBoard(
      { id: boardId, teamId, name: `Tavle ${body.name}` },
      newBoardSnapshot(boardId, teamId, body.name),
    );
    await audit(actor, 'team_created', { teamId, boardId, name: body.name, kind: body.kind });
    const team = await storage.getTeam(teamId);
    res.status(201).json(toTeam(team!));
  });

  router.patch('/teams/:teamId', async (req, res) => {
    const actor = await actorWho(req, canManageTeams);
    const team = await teamOf(actor, req.params.teamId);
    const body = parseAdminBody(RenameTeamRequestSchema, req.body);
    const others = (await storage.listTeams(actor.municipalityId)).filter((t) => t.id !== team.id);
    if (others.some((t) => t.name.toLocaleLowerCase('da') === body.name.toLocaleLowerCase('da'))) {
      throw new ApiError('invalid_request', 'Der findes allerede et team med det navn.');
    }
    await storage.renameTeam(team.id, body.name);
    await audit(actor, 'team_renamed', { teamId: team.id, from: team.name, to: body.name });
    res.json(toTeam((await storage.getTeam(team.id))!));
  });

  // --- Users ---------------------------------------------------------------------------

  router.get('/users', async (req, res) => {
    const actor = await actorOf(req);
    const users = await storage.listUsers(actor.municipalityId);
    res.json(users.filter((u) => canViewUser(actor, u)).map(toUser));
  });

  router.post('/users', async (req, res) => {
    const actor = await actorWho(req, canManageUsers);
    const body = parseAdminBody(CreateUserRequestSchema, req.body);
    if (await storage.findUserByUsername(body.username)) {
      throw new ApiError('invalid_request', 'Brugernavnet er allerede i brug.');
    }
    await checkTeams(actor, body.teamIds);
    const id = newId('u-');
    await storage.createUser({
      id,
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      name: body.name,
      lang: 'da',
      color: colorFor(body.username),
      readOnly: body.readOnly,
      municipalityId: actor.municipalityId,
    });
    await storage.setUserTeams(id, body.teamIds);
    await audit(actor, 'user_created', {
      targetUserId: id,
      username: body.username,
      role: body.role,
      teamIds: body.teamIds,
      readOnly: body.readOnly,
    });
    res.status(201).json(toUser((await storage.getAdminUser(id))!));
  });

  router.patch('/users/:userId', async (req, res) => {
    const actor = await actorWho(req, canManageUsers);
    const target = await userOf(actor, req.params.userId);
    refusesDevice(target);
    const body = parseAdminBody(UpdateUserRequestSchema, req.body);
    const demotes = body.role !== undefined && body.role !== 'administrator' && target.role === 'administrator';
    const deactivates = body.active === false && target.disabledAt == null;
    if (demotes || deactivates) {
      const admins = await storage.activeAdministratorIds(actor.municipalityId);
      if (wouldRemoveLastAdministrator(admins, target.id)) {
        throw new ApiError('invalid_request', 'Der skal altid være mindst én aktiv administrator.');
      }
    }
    const reactivates = body.active === true && target.disabledAt != null;
    await storage.updateUser(target.id, {
      role: body.role,
      readOnly: body.readOnly,
      disabledAt: deactivates ? Date.now() : reactivates ? null : undefined,
    });
    const targetUserId = target.id;
    if (body.role !== undefined && body.role !== target.role) {
      await audit(actor, 'user_role_changed', { targetUserId, from: target.role, to: body.role });
    }
    if (body.readOnly !== undefined && body.readOnly !== (target.readOnly === true)) {
      await audit(actor, 'user_read_only_changed', { targetUserId, readOnly: body.readOnly });
    }
    if (deactivates) await audit(actor, 'user_deactivated', { targetUserId });
    if (reactivates) await audit(actor, 'user_reactivated', { targetUserId });
    await endAccess(target.id);
    res.json(toUser((await storage.getAdminUser(target.id))!));
  });

  router.put('/users/:userId/teams', async (req, res) => {
    const actor = await actorOf(req);
    const target = await userOf(actor, req.params.userId);
    refusesDevice(target);
    const { teamIds } = parseAdminBody(SetTeamsRequestSchema, req.body);
    if (!canSetTeams(actor, target, teamIds)) throw new ApiError('forbidden');
    await checkTeams(actor, teamIds);
    // Unchanged teams change nothing: no audit, and above all no endAccess — otherwise a
    // leder could sign out anyone they can see (even an administrator) by resending their teams.
    const same = new Set(teamIds);
    if (same.size === target.teamIds.length && target.teamIds.every((t) => same.has(t))) {
      res.json(toUser(target));
      return;
    }
    await storage.setUserTeams(target.id, teamIds);
    await audit(actor, 'user_teams_changed', {
      targetUserId: target.id,
      from: target.teamIds,
      to: [...teamIds].sort(),
    });
    await endAccess(target.id);
    res.json(toUser((await storage.getAdminUser(target.id))!));
  });

  router.post('/users/:userId/password', async (req, res) => {
    const actor = await actorWho(req, canManageUsers);
    const target = await userOf(actor, req.params.userId);
    refusesDevice(target);
    const { password } = parseAdminBody(SetPasswordRequestSchema, req.body);
    await storage.updateUser(target.id, { passwordHash: await hashPassword(password) });
    await audit(actor, 'user_password_reset', { targetUserId: target.id });
    await endAccess(target.id);
    res.status(204).end();
  });

  return router;
}
