import type { VisitRow } from '../../shared/model/visits.js';
import type { CardEvent } from '../../shared/rules/cardEvents.js';

/**
 * Storage of the Styring figures (issue #13): visits, card facts, card events and the
 * settings the sums need. Its own interface so a PostgreSQL adapter can implement it apart.
 */

/** What the cockpit needs of a live card (kept from accepted updates; see server/styring/facts.ts). */
export interface CardFact {
  cardId: string;
  externalRef: string;
  weeklyHours: number | null;
  forlobTypeId: string | null;
  closed: boolean;
}

/** Per-day sums of one citizen's visits. */
export interface VisitDay {
  citizenRef: string;
  date: string;
  plannedMinutes: number;
  deliveredMinutes: number;
  visits: number;
}

export interface TeamStyringSettings {
  teamId: string;
  teamName: string;
  municipalityId: string;
  boardId: string | null;
  staffHoursPerWeek: number | null;
  budgetPerWeek: number | null;
  district: string | null;
}

export interface EventCount {
  week: string;
  kind: string;
  detail: string | null;
  count: number;
  /** Sum of `minutes` (request_decided: waiting time) and how many had one. */
  minutesSum: number;
  minutesCount: number;
}

export interface BoardStateRecord {
  at: number;
  notDiscussed: number;
  responseOverdue: number;
  followUpsOverdue: number;
}

export interface ImportTokenRecord {
  id: string;
  municipalityId: string;
  name: string;
  createdAt: number;
  createdBy: string | null;
}

export interface StyringStore {
  /**
   * Inserts or updates the visits of one municipality by visit id in one transaction.
   * Returns how many were new and how many replaced an earlier import.
   */
  upsertVisits(
    municipalityId: string,
    rows: readonly VisitRow[],
    at: number,
  ): Promise<{ added: number; updated: number }>;
  /** Per-day sums for these citizens between two dates (inclusive). */
  visitDays(municipalityId: string, refs: readonly string[], from: string, to: string): Promise<VisitDay[]>;
  /** The latest visit date imported for the municipality (how far the data reaches), or null. */
  visitsCoveredUntil(municipalityId: string): Promise<string | null>;
  /** Municipalities (other than `municipalityId`) with a live card carrying one of `refs`. */
  refsElsewhere(municipalityId: string, refs: readonly string[]): Promise<Set<string>>;

  replaceCardFacts(boardId: string, facts: readonly CardFact[]): Promise<void>;
  /** This and deleteCardFacts/appendCardEvents follow edits: on SQLite they ride along with the next append's commit. */
  upsertCardFacts(boardId: string, facts: readonly CardFact[]): Promise<void>;
  deleteCardFacts(boardId: string, cardIds: readonly string[]): Promise<void>;
  cardFacts(boardId: string): Promise<CardFact[]>;
  cardFact(boardId: string, cardId: string): Promise<CardFact | null>;

  appendCardEvents(boardId: string, events: readonly CardEvent[]): Promise<void>;
  eventCounts(boardIds: readonly string[], weeks: readonly string[]): Promise<EventCount[]>;

  /** The latest snapshot of a board's state figures (rules/styringState.ts). */
  setBoardState(boardId: string, s: BoardStateRecord): Promise<void>;
  boardState(boardId: string): Promise<BoardStateRecord | null>;

  teamSettings(municipalityId: string): Promise<TeamStyringSettings[]>;
  setTeamStyring(
    teamId: string,
    s: { staffHoursPerWeek: number | null; budgetPerWeek: number | null; district: string | null },
  ): Promise<void>;
  budgetRates(municipalityId: string): Promise<string | null>;
  setBudgetRates(municipalityId: string, json: string | null): Promise<void>;

  createImportToken(t: ImportTokenRecord & { tokenHash: string }): Promise<void>;
  importTokens(municipalityId: string): Promise<ImportTokenRecord[]>;
  importTokenByHash(tokenHash: string): Promise<ImportTokenRecord | null>;
  deleteImportToken(municipalityId: string, id: string): Promise<boolean>;
}
