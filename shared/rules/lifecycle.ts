import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import { DEFAULT_BOARD_CADENCE_TEMPLATE_ID, type Decision, type TemporaryChange } from '../model/lifecycle.js';
import {
  computeFollowUps,
  followUpsNeedingAction,
  nextFollowUp,
  calendarDaysBetween,
  type FollowUp,
} from './cadence.js';
import { findCadenceTemplate, type CadenceTemplate } from './cadenceTemplates.js';
import { opstartStatus, type OpstartStatus } from './opstart.js';

/*
 * Pure lifecycle helpers over a Card snapshot: no Yjs, no clock (`today` is an input,
 * `toIsoDate(new Date())`). The UI and the server call these; BoardDoc stores the data.
 */

export interface LifecycleContext {
  /** The board's default template id (`BoardDoc.boardCadenceTemplateId()`). */
  boardTemplateId?: string | null;
  /** The municipality's own templates. */
  customTemplates?: readonly CadenceTemplate[];
  /** See ComputeFollowUpsInput.horizon. */
  horizon?: string;
}

/** A follow-up of a card, with the completion's display name and linked decision. */
export interface CardFollowUp extends FollowUp {
  completedByName?: string;
  decision?: Decision;
}

/**
 * The template in force for a card: its own, else the board's, else 'horsholm-83a'.
 * Undefined when the id is unknown (e.g. a deleted custom template).
 */
export function cadenceTemplateForCard(card: Card, ctx: LifecycleContext = {}): CadenceTemplate | undefined {
  const id = card.lifecycle.cadenceTemplateId ?? ctx.boardTemplateId ?? DEFAULT_BOARD_CADENCE_TEMPLATE_ID;
  return findCadenceTemplate(id, ctx.customTemplates);
}

/** Day 1 of the forløb: the start date, else the visitation date ("pleje fra dag 1"), else null. */
export function forlobStartOf(card: Card): string | null {
  return card.lifecycle.startDate ?? card.lifecycle.visitationDate ?? null;
}

/**
 * Every follow-up of a card on `today` (see computeFollowUps): the card's template, else
 * the board's; counted from the start date (else the visitation date); lapsing from the
 * closure date; completions as recorded, with who. Empty without a start or with an
 * unknown template.
 */
export function followUpsForCard(card: Card, today: string, ctx: LifecycleContext = {}): CardFollowUp[] {
  const start = forlobStartOf(card);
  const template = cadenceTemplateForCard(card, ctx);
  if (start === null || template === undefined) return [];
  const lc = card.lifecycle;
  const completed: Record<string, { date: string; by: string }> = {};
  for (const [id, c] of Object.entries(lc.followUps)) completed[id] = { date: c.date, by: c.by };
  const list = computeFollowUps({
    template,
    startDate: start,
    today,
    closedOn: lc.closure?.closedOn ?? null,
    completed,
    ...(ctx.horizon !== undefined ? { horizon: ctx.horizon } : {}),
  });
  return list.map((f): CardFollowUp => {
    const c = lc.followUps[f.id];
    if (!c) return f;
    const out: CardFollowUp = { ...f, completedByName: c.byName };
    const decision = c.decisionId ? lc.decisions.find((d) => d.id === c.decisionId) : undefined;
    if (decision) out.decision = decision as Decision;
    return out;
  });
}

/** Due date of the next follow-up to act on (overdue first), or null (none, or closed). */
export function nextDueDateForCard(card: Card, today: string, ctx: LifecycleContext = {}): string | null {
  if (card.lifecycle.closure) return null;
  return nextFollowUp(followUpsForCard(card, today, ctx))?.dueDate ?? null;
}

/**
 * The column matching a follow-up that needs action now (due or overdue): the first
 * column of kind 'followup' whose `followUpWeek` is the forløb week of the due date
 * ("Opfølgning uge 5" for `week-5`). Null when none matches or nothing is due. The UI
 * offers the move; the board never moves a card by itself.
 */
export function suggestedPhaseForFollowUp(phases: readonly Phase[], followUp: FollowUp): Phase | null {
  if (followUp.status !== 'due' && followUp.status !== 'overdue') return null;
  return phases.find((p) => p.kind === 'followup' && p.followUpWeek === followUp.forlobWeek) ?? null;
}

/** A closed forløb: a closure is recorded, or the card sits in a column of kind 'closed'. */
export function isClosedCard(card: Card, phases: readonly Phase[] = []): boolean {
  // Cards built by older code may lack `lifecycle` (see boardDoc's migration), so read it softly.
  if (card.lifecycle?.closure) return true;
  return phases.some((p) => p.id === card.position.phaseId && p.kind === 'closed');
}

/**
 * The move to offer for a card today: the earliest due/overdue follow-up whose column
 * exists and is not the card's current column. Null for closed cards.
 */
export function suggestedMoveForCard(
  card: Card,
  phases: readonly Phase[],
  today: string,
  ctx: LifecycleContext = {},
): { phase: Phase; followUp: CardFollowUp } | null {
  if (isClosedCard(card, phases)) return null;
  for (const followUp of followUpsNeedingAction(followUpsForCard(card, today, ctx))) {
    const phase = suggestedPhaseForFollowUp(phases, followUp);
    if (phase && phase.id !== card.position.phaseId) return { phase, followUp };
  }
  return null;
}

/** The opstart countdown of a card (R3), or null before a visitation date is recorded. */
export function opstartStatusForCard(card: Card, today: string): OpstartStatus | null {
  const lc = card.lifecycle;
  if (lc.visitationDate === null) return null;
  return opstartStatus({
    visitationDate: lc.visitationDate,
    startDate: lc.startDate,
    plannedFor: lc.opstart.plannedDate,
    heldOn: lc.opstart.heldOn,
    today,
  });
}

export type TemporaryChangeState = 'active' | 'ending-today' | 'ended';

/** A temporary change on `today`: active until its end date, ended after it. */
export function temporaryChangeState(change: TemporaryChange, today: string): TemporaryChangeState {
  const left = calendarDaysBetween(today, change.endDate);
  return left > 0 ? 'active' : left === 0 ? 'ending-today' : 'ended';
}

/** Requests still waiting for the visitator (R15), oldest first. */
export function pendingRequests(card: Card): Card['lifecycle']['requests'] {
  return card.lifecycle.requests.filter((r) => r.status === 'afventer');
}
