import { z } from 'zod';
import { freeText } from '../model/card.js';
import { IdSchema } from '../model/ids.js';
import type { CitizenWeek, GroupWeek, Week } from '../rules/time.js';
import type { VisitRowError } from '../model/visits.js';

/*
 * HTTP contract of the Styring cockpit and the visit import (issue #13; docs/protocol.md
 * "Import of visits" and "Styring").
 */

/** POST /api/import/visits answers 200 with this; 400 `invalid_request` with `details: VisitRowError[]`. */
export interface VisitImportResult {
  added: number;
  updated: number;
}
export type VisitImportErrors = VisitRowError[];

/** POST /api/import/visits/csv (admin page): the file's text; parsed server-side with csv-parse. */
export const VisitCsvRequestSchema = z.strictObject({ csv: z.string().max(5_000_000) });

/** GET /api/boards/:boardId/cards/:cardId/time */
export interface CardTimeResponse {
  externalRef: string;
  grantedHoursPerWeek: number | null;
  /** The last visit date the planning system has reported (how far the figures reach). */
  coveredUntil: string | null;
  /** This week first, then the four before it. */
  weeks: CitizenWeek[];
}

/** Per week: what happened to the forløb (from the card events table). */
export interface StyringEventWeek {
  week: Week;
  started: number;
  /** Closure outcome → count. */
  closed: Record<string, number>;
  switchedE2: number;
  switchedE4: number;
  switchedType: number;
  triageChanges: number;
  requestsCreated: number;
  requestsDecided: number;
  /** Average minutes from request to decision for the requests decided that week; null if none. */
  averageWaitMinutes: number | null;
  swaps: number;
}

export interface StyringBudget {
  /** Kr. per week: the sum of the active citizens' category rates. */
  frame: number;
  withoutRate: number;
  budget: number | null;
  difference: number | null;
}

export interface StyringGroup {
  /** A team id, `district:<name>` or `all`. */
  id: string;
  name: string;
  kind: 'team' | 'district' | 'all';
  teamIds: string[];
  activeCitizens: number;
  /** Active citizens with a borger-nr. (only they have imported visits). */
  linkedCitizens: number;
  /** Active citizens with a follow-up past its window (from the same snapshots as below). */
  overdueFollowUps: number | null;
  /**
   * Active citizens not discussed for 14 days and response clocks past their deadline, from
   * the boards' latest state snapshots (null before a board has had one); `stateAt` is the
   * oldest snapshot's time.
   */
  notDiscussed: number | null;
  responseOverdue: number | null;
  stateAt: string | null;
  time: GroupWeek[];
  events: StyringEventWeek[];
  budget: StyringBudget;
}

/** GET /api/styring: the signed-in person's teams, their districts and all of them together. */
export interface StyringResponse {
  generatedAt: string;
  today: string;
  coveredUntil: string | null;
  weeks: Week[];
  groups: StyringGroup[];
}

/** Per-team settings for the cockpit (admin page → Indstillinger → Styring). */
export const TeamStyringSettingsSchema = z.strictObject({
  teamId: IdSchema,
  /** Staff hours per week the team has for the citizens (normering). */
  staffHoursPerWeek: z.number().min(0).max(100_000).nullable(),
  /** The team's budget in kr. per week. */
  budgetPerWeek: z.number().min(0).max(100_000_000).nullable(),
  /** A name that groups teams into a district; null = no district. */
  district: freeText(60).nullable(),
});
export type TeamStyringSettingsDto = z.infer<typeof TeamStyringSettingsSchema> & { teamName: string };

/** Forløb catalogue id → kr. per citizen per week (Syddjurs' takstkategorier, S1:441-506). */
export const BudgetRatesSchema = z.record(IdSchema, z.number().min(0).max(1_000_000));
export type BudgetRates = z.infer<typeof BudgetRatesSchema>;

export const UpdateStyringSettingsSchema = z.strictObject({
  teams: z.array(TeamStyringSettingsSchema).max(200),
  rates: BudgetRatesSchema,
});

export interface StyringSettingsResponse {
  teams: TeamStyringSettingsDto[];
  rates: BudgetRates;
  /** The catalogue's forløb types, to set a rate for each. */
  categories: { id: string; name: string }[];
  tokens: { id: string; name: string; createdAt: string }[];
}

export const CreateImportTokenSchema = z.strictObject({ name: freeText(60).pipe(z.string().min(1)) });
/** The token is shown once; only its hash is stored. */
export interface CreateImportTokenResponse {
  id: string;
  name: string;
  token: string;
}
