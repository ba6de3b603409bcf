import express, { type Request, type Router } from 'express';
import { IdSchema } from '../../shared/model/ids.js';
import { MeetingDoc } from '../../shared/doc/meetingDoc.js';
import { BoardDoc } from '../../shared/doc/boardDoc.js';
import { planBoardAgenda } from '../../shared/doc/agendaInput.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import { DEFAULT_DISCUSSION_PROMPTS, promptLines, promptsFromLines } from '../../shared/model/discussionPrompts.js';
import {
  SetTeamMeetingsRequestSchema,
  SetVisitatorDaysRequestSchema,
  UpdateSettingsRequestSchema,
  type AdminDelegation,
  type AdminSettings,
  type AdminTeamSettings,
} from '../../shared/protocol/admin.js';
import { canChangeMunicipalitySettings, canSetVisitatorDays } from '../../shared/rules/permissions.js';
import { DEFAULT_TRIAGE_CONFIG, TriageConfigSchema, type TriageConfig } from '../../shared/rules/triage.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import {
  resolveDelegation,
  resolveDiscussionPrompts,
  resolveMeetingConfig,
  resolveCareSignals,
  resolveSwapSettings,
} from '../lifecycle/config.js';
import { DEFAULT_CARE_SIGNAL_SETTINGS } from '../../shared/model/careSignals.js';
import { DEFAULT_SWAP_SETTINGS, swapSettingsFromLines, swapSettingsLines } from '../../shared/model/swaps.js';
import type { Logger } from '../logging.js';
import type { MunicipalitySettingsRecord, Storage } from '../storage/types.js';
import type { BoardRegistry } from '../sync/registry.js';
import { adminActorOf, parseAdminBody, type AdminRequestActor } from './adminCommon.js';
import { noStore } from './session.js';

export interface AdminSettingsDeps {
  storage: Storage;
  sessions: Sessions;
  log: Logger;
  /** For the rotation estimate on the team's live board; without it the estimate is null. */
  registry?: BoardRegistry;
}

type Actor = AdminRequestActor;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const hoursOf = (c: TriageConfig) => ({ redHours: c.red?.hours ?? null, yellowHours: c.yellow?.hours ?? null });

/**
 * The municipality's settings on the admin page's "Indstillinger" tab: delegation model,
 * triage response clocks, the wall focus view's discussion prompts and each team's visitator
 * days (contract in shared/protocol/admin.ts, rules in shared/rules/permissions.ts). Mounted at /api/admin next to adminRouter. The
 * boards read these settings on demand (GET /api/boards/:id/config, the delegation guard on
 * every checked change), so a change applies at once without ending anyone's session.
 */
export function adminSettingsRouter({ storage, sessions, log, registry }: AdminSettingsDeps): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    noStore(res);
    next();
  });

  const actorOf = (req: Request): Promise<Actor> => adminActorOf({ storage, sessions }, req);

  async function stored(actor: Actor): Promise<MunicipalitySettingsRecord> {
    const rec = await storage.municipalitySettings(actor.municipalityId);
    if (!rec) throw new ApiError('forbidden');
    return rec;
  }

  /** Today's tavlemøde on the team's board with its settings: does the rotation get round? */
  async function rotationOf(teamId: string, cfg: ReturnType<typeof resolveMeetingConfig>) {
    const team = await storage.getTeam(teamId);
    if (!registry || !team?.boardId) return null;
    const live = await registry.acquire(team.boardId);
    try {
      const now = new Date();
      const plan = planBoardAgenda(new MeetingDoc(new BoardDoc(live.doc)), {
        type: 'tavlemoede',
        now: now.toISOString(),
        today: toIsoDate(now),
        team: cfg.meetings,
        visitatorDays: cfg.visitatorDays,
        triageConfig: cfg.triage,
      });
      const { items: _items, mustCount: _mustCount, notReached: _notReached, ...rotation } = plan;
      return rotation;
    } finally {
      registry.release(live);
    }
  }

  async function view(actor: Actor, rec: MunicipalitySettingsRecord): Promise<AdminSettings> {
    const { presetId } = resolveDelegation(rec.municipalityId, rec.delegation, log);
    const delegation: AdminDelegation = presetId ?? 'egen';
    const meeting = (t: { visitatorDays: string | null; meetingSettings?: string | null }, teamId: string) =>
      resolveMeetingConfig({ municipalityId: rec.municipalityId, teamId, triageConfig: rec.triageConfig, ...t }, log);
    const teams = rec.teams.filter((t) => actor.role === 'administrator' || actor.teamIds.includes(t.teamId));
    const out: AdminTeamSettings[] = [];
    for (const t of teams) {
      const cfg = meeting(t, t.teamId);
      out.push({
        teamId: t.teamId,
        name: t.name,
        visitatorDays: cfg.visitatorDays,
        meetings: cfg.meetings,
        rotation: await rotationOf(t.teamId, cfg),
      });
    }
    const prompts = resolveDiscussionPrompts(rec.municipalityId, rec.discussionPrompts, log);
    const swaps = resolveSwapSettings(rec.municipalityId, rec.swapSettings ?? null, log);
    const careSignals = resolveCareSignals(rec.municipalityId, rec.careSignals ?? null, log);
    return {
      swaps: { lines: swapSettingsLines(swaps), isDefault: sameJson(swaps, DEFAULT_SWAP_SETTINGS) },
      careSignals: { settings: careSignals, isDefault: sameJson(careSignals, DEFAULT_CARE_SIGNAL_SETTINGS) },
      delegation,
      triage: meeting({ visitatorDays: null }, '').triage,
      discussionPrompts: { ...promptLines(prompts), isDefault: sameJson(prompts, DEFAULT_DISCUSSION_PROMPTS) },
      teams: out,
    };
  }

  const audit = (actor: Actor, action: string, detail: Record<string, unknown>) =>
    storage.appendAudit({ at: Date.now(), userId: actor.id, boardId: null, cardId: null, action, detail });

  /**
   * A municipality setting with defaults (discussion prompts, swap settings): stored only when
   * changed, the defaults' own value stored as NULL (so later default changes reach it), and
   * audited as the lines the administrator edits.
   */
  async function saveDefaultable<T>(
    actor: Actor,
    setting: 'discussionPrompts' | 'swaps' | 'careSignals',
    v: { current: T; next: T; defaults: T },
    lines: (value: T) => unknown,
  ): Promise<void> {
    if (sameJson(v.current, v.next)) return;
    const stored = sameJson(v.next, v.defaults) ? null : JSON.stringify(v.next);
    await storage.updateMunicipalityConfig(
      actor.municipalityId,
      setting === 'swaps'
        ? { swapSettings: stored }
        : setting === 'careSignals'
          ? { careSignals: stored }
          : { discussionPrompts: stored },
    );
    await audit(actor, 'settings_changed', { setting, from: lines(v.current), to: lines(v.next) });
  }

  router.get('/settings', async (req, res) => {
    const actor = await actorOf(req);
    res.json(await view(actor, await stored(actor)));
  });

  router.put('/settings', async (req, res) => {
    const actor = await actorOf(req);
    if (!canChangeMunicipalitySettings(actor)) throw new ApiError('forbidden');
    const body = parseAdminBody(UpdateSettingsRequestSchema, req.body);
    const rec = await stored(actor);
    const before = await view(actor, rec);

    if (body.delegationPreset !== undefined && body.delegationPreset !== before.delegation) {
      await storage.updateMunicipalityConfig(actor.municipalityId, {
        delegation: JSON.stringify(body.delegationPreset),
      });
      await audit(actor, 'settings_changed', {
        setting: 'delegation',
        from: before.delegation,
        to: body.delegationPreset,
      });
    }
    if (body.triage) {
      // Only the hours change here; the actions keep the municipality's wording.
      const next = TriageConfigSchema.parse({
        ...before.triage,
        red: { hours: body.triage.redHours, action: before.triage.red?.action ?? DEFAULT_TRIAGE_CONFIG.red!.action },
        yellow: {
          hours: body.triage.yellowHours,
          action: before.triage.yellow?.action ?? DEFAULT_TRIAGE_CONFIG.yellow!.action,
        },
      });
      const from = hoursOf(before.triage);
      const to = hoursOf(next);
      if (from.redHours !== to.redHours || from.yellowHours !== to.yellowHours) {
        await storage.setTriageConfig(actor.municipalityId, JSON.stringify(next));
        await audit(actor, 'settings_changed', { setting: 'triage', from, to });
      }
    }
    if (body.discussionPrompts !== undefined) {
      // Stored as the wall shows them.
      const current = resolveDiscussionPrompts(rec.municipalityId, rec.discussionPrompts, log);
      const next =
        body.discussionPrompts === null ? DEFAULT_DISCUSSION_PROMPTS : promptsFromLines(body.discussionPrompts);
      await saveDefaultable(
        actor,
        'discussionPrompts',
        { current, next, defaults: DEFAULT_DISCUSSION_PROMPTS },
        promptLines,
      );
    }
    if (body.swaps !== undefined) {
      const current = resolveSwapSettings(rec.municipalityId, rec.swapSettings ?? null, log);
      const next = body.swaps === null ? DEFAULT_SWAP_SETTINGS : swapSettingsFromLines(body.swaps);
      await saveDefaultable(actor, 'swaps', { current, next, defaults: DEFAULT_SWAP_SETTINGS }, swapSettingsLines);
    }
    if (body.careSignals !== undefined) {
      const current = resolveCareSignals(rec.municipalityId, rec.careSignals ?? null, log);
      const next = body.careSignals ?? DEFAULT_CARE_SIGNAL_SETTINGS;
      await saveDefaultable(actor, 'careSignals', { current, next, defaults: DEFAULT_CARE_SIGNAL_SETTINGS }, (v) => v);
    }
    res.json(await view(actor, await stored(actor)));
  });

  /** The team of `:teamId` that the actor may set (404 across municipalities, 403 without the right). */
  async function settableTeam(actor: Actor, teamId: string) {
    const id = IdSchema.safeParse(teamId);
    const team = id.success ? await storage.getTeam(id.data) : null;
    // Another municipality's team is the same 404 as an unknown one.
    if (!team || team.municipalityId !== actor.municipalityId) throw new ApiError('not_found', 'Teamet findes ikke.');
    if (!canSetVisitatorDays(actor, team)) throw new ApiError('forbidden');
    return team;
  }

  router.put('/teams/:teamId/visitator-days', async (req, res) => {
    const actor = await actorOf(req);
    const team = await settableTeam(actor, req.params.teamId);
    const { days } = parseAdminBody(SetVisitatorDaysRequestSchema, req.body);
    const rec = await stored(actor);
    const from = rec.teams.find((t) => t.teamId === team.id);
    const fromDays = from ? resolveMeetingConfig({ ...rec, ...from }, log).visitatorDays : [];
    if (fromDays.length !== days.length || fromDays.some((d, i) => d !== days[i])) {
      await storage.setVisitatorDays(team.id, JSON.stringify(days));
      await audit(actor, 'visitator_days_changed', { teamId: team.id, from: fromDays, to: days });
    }
    res.json(await view(actor, await stored(actor)));
  });

  // Meeting lengths, schedules and the rotation cycle (the same people as the visitator days).
  router.put('/teams/:teamId/meetings', async (req, res) => {
    const actor = await actorOf(req);
    const team = await settableTeam(actor, req.params.teamId);
    const next = parseAdminBody(SetTeamMeetingsRequestSchema, req.body);
    const rec = await stored(actor);
    const t = rec.teams.find((x) => x.teamId === team.id);
    const from = resolveMeetingConfig({ ...rec, teamId: team.id, visitatorDays: null, ...(t ?? {}) }, log).meetings;
    if (JSON.stringify(from) !== JSON.stringify(next)) {
      await storage.setTeamMeetings(team.id, JSON.stringify(next));
      await audit(actor, 'team_meetings_changed', { teamId: team.id, from, to: next });
    }
    res.json(await view(actor, await stored(actor)));
  });

  return router;
}
