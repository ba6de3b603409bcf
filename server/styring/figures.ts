import type {
  CardTimeResponse,
  StyringEventWeek,
  StyringGroup,
  StyringResponse,
  BudgetRates,
} from '../../shared/protocol/styring.js';
import { BudgetRatesSchema } from '../../shared/protocol/styring.js';
import { toIsoDate } from '../../shared/rules/dates.js';
import {
  budgetFrame,
  citizenWeeks,
  groupWeeks,
  sumGroupWeeks,
  weeksEnding,
  type GroupWeek,
  type Week,
} from '../../shared/rules/time.js';
import type {
  BoardStateRecord,
  CardFact,
  EventCount,
  StyringStore,
  TeamStyringSettings,
} from '../storage/styringTypes.js';

/*
 * The cockpit's figures, from SQL only (issue #13: card facts, card events, visits; never a
 * scan of live boards): the storage sums per day and per event kind, the pure rules in
 * shared/rules/time.ts do the weekly arithmetic.
 */

export function parseRates(json: string | null): BudgetRates {
  if (json === null) return {};
  try {
    const parsed = BudgetRatesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function cardTime(
  store: StyringStore,
  municipalityId: string,
  fact: CardFact,
  now: Date,
): Promise<CardTimeResponse> {
  const weeks = weeksEnding(now);
  const coveredUntil = await store.visitsCoveredUntil(municipalityId);
  const days =
    fact.externalRef === ''
      ? []
      : await store.visitDays(municipalityId, [fact.externalRef], weeks.at(-1)!.start, weeks[0]!.end);
  return {
    externalRef: fact.externalRef,
    grantedHoursPerWeek: fact.weeklyHours,
    coveredUntil,
    weeks: citizenWeeks(days, fact.weeklyHours, weeks, coveredUntil).map((w) => ({
      ...w,
      visits: days.filter((d) => d.date >= w.week.start && d.date <= w.week.end).reduce((s, d) => s + d.visits, 0),
    })),
  };
}

interface TeamData {
  team: TeamStyringSettings;
  state: BoardStateRecord | null;
  facts: CardFact[];
  time: GroupWeek[];
  events: EventCount[];
}

function eventWeeks(counts: readonly EventCount[], weeks: readonly Week[]): StyringEventWeek[] {
  return weeks.map((week) => {
    const inWeek = counts.filter((c) => c.week === week.key);
    const count = (kind: string, detail?: string) =>
      inWeek
        .filter((c) => c.kind === kind && (detail === undefined || c.detail === detail))
        .reduce((s, c) => s + c.count, 0);
    const decided = inWeek.filter((c) => c.kind === 'request_decided');
    const waitCount = decided.reduce((s, c) => s + c.minutesCount, 0);
    const closed: Record<string, number> = {};
    for (const c of inWeek.filter((e) => e.kind === 'closed')) {
      closed[c.detail ?? 'ukendt'] = (closed[c.detail ?? 'ukendt'] ?? 0) + c.count;
    }
    return {
      week,
      started: count('created'),
      closed,
      switchedE2: count('switched', 'E2'),
      switchedE4: count('switched', 'E4'),
      switchedType: count('switched', 'type'),
      triageChanges: count('triage'),
      requestsCreated: count('request_created'),
      requestsDecided: count('request_decided'),
      averageWaitMinutes:
        waitCount === 0 ? null : Math.round(decided.reduce((s, c) => s + c.minutesSum, 0) / waitCount),
      swaps: count('swap'),
    };
  });
}

function stateOf(
  data: readonly TeamData[],
): Pick<StyringGroup, 'notDiscussed' | 'responseOverdue' | 'overdueFollowUps' | 'stateAt'> {
  const states = data.map((d) => d.state);
  if (states.length === 0 || states.some((s) => s === null)) {
    return { notDiscussed: null, responseOverdue: null, overdueFollowUps: null, stateAt: null };
  }
  const known = states as BoardStateRecord[];
  return {
    notDiscussed: known.reduce((s, x) => s + x.notDiscussed, 0),
    responseOverdue: known.reduce((s, x) => s + x.responseOverdue, 0),
    overdueFollowUps: known.reduce((s, x) => s + x.followUpsOverdue, 0),
    stateAt: new Date(Math.min(...known.map((x) => x.at))).toISOString(),
  };
}

function group(
  id: string,
  name: string,
  kind: StyringGroup['kind'],
  data: readonly TeamData[],
  weeks: readonly Week[],
  rates: BudgetRates,
): StyringGroup {
  const active = data.flatMap((d) => d.facts.filter((f) => !f.closed));
  const budgets = data.map((d) => d.team.budgetPerWeek).filter((b): b is number => b !== null);
  return {
    id,
    name,
    kind,
    teamIds: data.map((d) => d.team.teamId),
    activeCitizens: active.length,
    linkedCitizens: active.filter((f) => f.externalRef !== '').length,
    ...stateOf(data),
    time:
      data.length === 1
        ? data[0]!.time
        : sumGroupWeeks(
            data.map((d) => d.time),
            weeks,
          ),
    events: eventWeeks(
      data.flatMap((d) => d.events),
      weeks,
    ),
    budget: budgetFrame(
      active.map((f) => f.forlobTypeId),
      rates,
      budgets.length === 0 ? null : budgets.reduce((s, b) => s + b, 0),
    ),
  };
}

/**
 * The cockpit for `teams` (already scoped to the person): one group per team, one per
 * district with more than one of them, and all of them together when there are several.
 */
export async function styringFigures(
  store: StyringStore,
  municipalityId: string,
  teams: readonly TeamStyringSettings[],
  now: Date,
): Promise<StyringResponse> {
  const weeks = weeksEnding(now);
  const today = toIsoDate(now);
  const coveredUntil = await store.visitsCoveredUntil(municipalityId);
  const rates = parseRates(await store.budgetRates(municipalityId));
  const from = weeks.at(-1)!.start;
  const to = weeks[0]!.end;
  const data: TeamData[] = [];
  for (const team of teams) {
    const facts = team.boardId ? await store.cardFacts(team.boardId) : [];
    const citizens = facts
      .filter((f) => !f.closed && f.externalRef !== '')
      .map((f) => ({ citizenRef: f.externalRef, grantedHoursPerWeek: f.weeklyHours }));
    const visits = await store.visitDays(
      municipalityId,
      citizens.map((c) => c.citizenRef),
      from,
      to,
    );
    const events = team.boardId
      ? await store.eventCounts(
          [team.boardId],
          weeks.map((w) => w.key),
        )
      : [];
    data.push({
      team,
      state: team.boardId ? await store.boardState(team.boardId) : null,
      facts,
      time: groupWeeks(citizens, visits, weeks, coveredUntil, team.staffHoursPerWeek),
      events,
    });
  }
  const groups: StyringGroup[] = data.map((d) => group(d.team.teamId, d.team.teamName, 'team', [d], weeks, rates));
  const districts = new Map<string, TeamData[]>();
  for (const d of data) {
    if (d.team.district === null) continue;
    districts.set(d.team.district, [...(districts.get(d.team.district) ?? []), d]);
  }
  for (const [name, members] of districts) {
    if (members.length > 1) groups.push(group(`district:${name}`, name, 'district', members, weeks, rates));
  }
  if (data.length > 1) groups.push(group('all', 'Alle mine teams', 'all', data, weeks, rates));
  return { generatedAt: now.toISOString(), today, coveredUntil, weeks, groups };
}
