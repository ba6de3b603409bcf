import type { Card } from '../model/card.js';
import { IdSchema, IsoDateSchema } from '../model/ids.js';
import { LIFECYCLE_COLLECTION_KEYS, TimestampSchema } from '../model/lifecycle.js';
import type { AgendaReason } from '../model/meeting.js';
import type { Phase } from '../model/phase.js';
import { CadenceTemplateIdSchema } from '../rules/cadenceTemplates.js';
import { compareKeyed, sequentialKeys } from '../rules/ordering.js';
import {
  SCREEN_ACTOR,
  followUpLabels,
  isGeneratedFollowUpId,
  screenLabel,
  screenPhaseTitle,
} from '../rules/privacy.js';
import type { BoardDoc } from './boardDoc.js';
import type { FreeItem } from '../model/freeArea.js';
import { citizenWords, wallFreeItems } from '../rules/freeArea.js';
import { MEETING_MAPS, type AgendaEntry, type MeetingDoc } from './meetingDoc.js';

/*
 * The wall screen's view of a board (privacy mode, issues #5 and #10), as plain data in the
 * board doc's layout: `server/sync/screenView.ts` writes it into a Y.Doc the screen syncs
 * with, so the client renders it with the same BoardDoc/MeetingDoc code.
 *
 * Built from typed values only. Every value is read through BoardDoc/MeetingDoc (validated)
 * and rebuilt: ids are re-validated, dates are parsed and re-serialised, labels are one to
 * four letters or come from a fixed set, enums stay enums, counts stay numbers, every person
 * is `SCREEN_ACTOR`, and every free-text field is '' (or left out). Objects are rebuilt key
 * by key, so an extra key a client slipped into a value never gets here. A field added to
 * the model later stays off the screen until someone adds it below.
 */

/** Plain JSON of one top-level map (nested Y.Maps as plain objects). */
export type ScreenMap = Record<string, unknown>;

/**
 * The top-level maps the screen gets, and for `cards` and `meetings` (whose entries are
 * Y.Maps) the keys inside an entry that are Y.Maps too. Everything else is a plain value.
 */
export const SCREEN_LAYOUT: Readonly<Record<string, readonly string[] | null>> = Object.freeze({
  meta: null,
  phases: null,
  cards: LIFECYCLE_COLLECTION_KEYS,
  triageEvents: null,
  triageResponses: null,
  lastDiscussed: null,
  nominations: null,
  questions: null,
  meetings: MEETING_MAPS,
  freeItems: null,
});

/** The board's name on the screen: fixed, since a name in the doc is text a client wrote. */
export const SCREEN_BOARD_NAME = 'Tavlen';

/** The whole board as the wall screen may see it. Pure. */
export function projectBoardForScreen(
  board: BoardDoc,
  meetings: MeetingDoc,
  now: Date = new Date(),
): Record<string, ScreenMap> {
  const phases = board.phases();
  const phaseIds = new Set(phases.map((p) => p.id));
  const cards = new Map<string, Card>();
  for (const c of board.cards()) if (isId(c.id)) cards.set(c.id, c);
  return {
    meta: projectMeta(board),
    phases: Object.fromEntries(phases.map((p) => [p.id, projectPhase(p)])),
    cards: projectCards([...cards.values()], phaseIds),
    triageEvents: Object.fromEntries(
      meetings.triageEvents().flatMap((e) => {
        const at = instant(e.at);
        if (!isId(e.id) || !cards.has(e.cardId) || at === null) return [];
        return [[e.id, { id: e.id, cardId: e.cardId, at, from: e.from, to: e.to, by: SCREEN_ACTOR, byName: '' }]];
      }),
    ),
    // Typed, no free text: lets the wall stop a response clock that has been answered.
    triageResponses: Object.fromEntries(
      Object.entries(meetings.triageResponses()).flatMap(([cardId, r]) => {
        const since = instant(r.since);
        const at = instant(r.at);
        if (!cards.has(cardId) || since === null || at === null) return [];
        return [[cardId, { cardId, triage: r.triage, since, at, by: SCREEN_ACTOR, byName: '' }]];
      }),
    ),
    lastDiscussed: Object.fromEntries(
      Object.entries(meetings.lastDiscussedEntries()).flatMap(([cardId, e]) => {
        const date = isoDate(e.date);
        return cards.has(cardId) && date ? [[cardId, { date, by: SCREEN_ACTOR }]] : [];
      }),
    ),
    nominations: Object.fromEntries(
      meetings.nominations().flatMap((n) => {
        const at = instant(n.at);
        if (!isId(n.id) || !cards.has(n.cardId) || at === null) return [];
        return [[n.id, { id: n.id, cardId: n.cardId, by: SCREEN_ACTOR, byName: '', at, note: '' }]];
      }),
    ),
    // Questions for the visitator are free text through and through.
    questions: {},
    meetings: Object.fromEntries(
      meetings.meetings().flatMap((m) => {
        if (!isId(m.id)) return [];
        const scheduledFor = instant(m.scheduledFor);
        if (scheduledFor === null) return [];
        // Items of citizens no longer on the board stay (the reader titles them as such).
        const agenda = meetings.agenda(m.id);
        const meeting = {
          type: m.type,
          scheduledFor,
          createdAt: instant(m.createdAt) ?? scheduledFor,
          leader: '',
          startedAt: m.startedAt === null ? null : instant(m.startedAt),
          endedAt: m.endedAt === null ? null : instant(m.endedAt),
          summary: '',
          attendees: [],
          ...projectAgenda(agenda, cards),
        };
        return [[m.id, meeting]];
      }),
    ),
    freeItems: projectFreeItems(board, now),
  };
}

/**
 * The free area's items the wall may show (rules/freeArea.ts wallFreeItems: marked "Vis på
 * skærmen", not expired, naming no citizen of the board), rebuilt key by key. The one place
 * free text reaches the wall: the author chose it for the room, and the name check stands
 * between it and a citizen's name. Who wrote it stays off, as everywhere on the wall.
 */
function projectFreeItems(board: BoardDoc, now: Date): ScreenMap {
  const citizens = citizenWords(board.cards());
  const out: ScreenMap = {};
  for (const item of wallFreeItems(board.freeItems(), citizens, now)) {
    const at = instant(item.at);
    if (!isId(item.id) || at === null) continue;
    out[item.id] = projectFreeItem(item, at);
  }
  return out;
}

function projectFreeItem(item: FreeItem, at: string): ScreenMap {
  const base = {
    id: item.id,
    x: item.x,
    y: item.y,
    by: SCREEN_ACTOR,
    byName: '',
    at,
    expiry: item.expiry,
    onScreen: true,
  };
  switch (item.kind) {
    case 'note':
      return { ...base, kind: item.kind, w: item.w, h: item.h, text: item.text, colour: item.colour };
    case 'text':
      return { ...base, kind: item.kind, w: item.w, h: item.h, text: item.text };
    case 'stroke':
      return { ...base, kind: item.kind, points: [...item.points], ink: item.ink, size: item.size };
  }
}

function projectMeta(board: BoardDoc): ScreenMap {
  const meta = board.meta();
  if (!meta) return {};
  return {
    id: meta.id,
    teamId: meta.teamId,
    name: SCREEN_BOARD_NAME,
    epoch: meta.epoch,
    cadenceTemplateId: CadenceTemplateIdSchema.parse(board.boardCadenceTemplateId()),
  };
}

function projectPhase(p: Phase): ScreenMap {
  const out: ScreenMap = {
    id: p.id,
    title: screenPhaseTitle(p.kind, p.followUpWeek),
    kind: p.kind,
    position: p.position,
  };
  if (p.followUpWeek !== undefined) out.followUpWeek = p.followUpWeek;
  return out;
}

/**
 * The cards of each column, given fresh order keys in their column order: a stored key is
 * text a client chose (any base-62 string), so only the order it gives travels.
 */
function projectCards(cards: readonly Card[], phaseIds: ReadonlySet<string>): ScreenMap {
  const out: ScreenMap = {};
  const byPhase = new Map<string, Card[]>();
  for (const c of cards) {
    if (!phaseIds.has(c.position.phaseId)) continue;
    const column = byPhase.get(c.position.phaseId) ?? [];
    column.push(c);
    byPhase.set(c.position.phaseId, column);
  }
  for (const [phaseId, column] of byPhase) {
    column.sort((a, b) => compareKeyed({ id: a.id, key: a.position.key }, { id: b.id, key: b.position.key }));
    const keys = sequentialKeys(column.length);
    column.forEach((c, i) => (out[c.id] = projectCardForScreen(c, { phaseId, key: keys[i]! })));
  }
  return out;
}

/** One card as the wall screen may see it, at `position` (a known column, a fresh key). */
export function projectCardForScreen(c: Card, position: { phaseId: string; key: string }): ScreenMap {
  const label = screenLabel(c);
  const lc = c.lifecycle;
  const closure = lc.closure;
  const closedOn = closure ? isoDate(closure.closedOn) : null;
  return {
    name: label,
    initials: label,
    triage: c.triage,
    nextDueDate: isoDate(c.nextDueDate),
    position,
    phaseEnteredAt: isoDate(c.phaseEnteredAt) ?? '1970-01-01',
    createdAt: instant(c.createdAt) ?? '',
    visitationDate: isoDate(lc.visitationDate),
    startDate: isoDate(lc.startDate),
    cadenceTemplateId: lc.cadenceTemplateId,
    forlobTypeId: lc.forlobTypeId,
    opstartPlannedDate: isoDate(lc.opstart.plannedDate),
    opstartHeldOn: isoDate(lc.opstart.heldOn),
    opstartParticipants: [...lc.opstart.participants],
    closure:
      closure && closedOn
        ? {
            outcome: closure.outcome,
            closedOn,
            by: SCREEN_ACTOR,
            byName: '',
            visitatorParticipated: closure.visitatorParticipated,
            note: '',
          }
        : null,
    followUps: Object.fromEntries(
      Object.entries(lc.followUps).flatMap(([id, f]) => {
        const date = isoDate(f.date);
        if (!date || !isGeneratedFollowUpId(id)) return [];
        const out: ScreenMap = { date, by: SCREEN_ACTOR, byName: '' };
        if (f.decisionId !== undefined && isId(f.decisionId)) out.decisionId = f.decisionId;
        return [[id, out]];
      }),
    ),
    decisions: Object.fromEntries(
      lc.decisions.flatMap((d) => {
        const at = instant(d.at);
        if (at === null || !isId(d.id)) return [];
        const followUpId = d.followUpId !== null && isGeneratedFollowUpId(d.followUpId) ? d.followUpId : null;
        const decision = { id: d.id, code: d.code, reason: '', by: SCREEN_ACTOR, byName: '', at, followUpId };
        return [[d.id, decision]];
      }),
    ),
    // Goals, pårørende, requests and swaps are free text, contact data or names: empty collections.
    goals: {},
    relatives: {},
    requests: {},
    swaps: {},
  };
}

/** The agenda in the meeting's nested maps: the rules' part of each item, its order and status. */
function projectAgenda(agenda: readonly AgendaEntry[], cards: ReadonlyMap<string, Card>): ScreenMap {
  const items: ScreenMap = {};
  const order: ScreenMap = {};
  const status: ScreenMap = {};
  // Fresh order keys in the agenda's order, as for the cards of a column.
  const keys = sequentialKeys(agenda.length);
  for (const [i, e] of agenda.entries()) {
    const card = e.cardId === null ? undefined : cards.get(e.cardId);
    items[e.id] = {
      id: e.id,
      cardId: e.cardId,
      // A citizen's item shows the label; a question's or manual item's title is free text.
      title: card ? screenLabel(card) : '',
      reasons: e.reasons.flatMap((r) => {
        const projected = projectReason(r);
        return projected ? [projected] : [];
      }),
      source: e.source,
      timeBoxMin: e.timeBoxMin,
    };
    order[e.id] = keys[i]!;
    status[e.id] = e.status;
  }
  return { items, order, status, timeBox: {}, notes: {}, removed: {}, actions: {}, parking: {} };
}

/**
 * An agenda reason rebuilt from its discriminated union (model/meeting.ts): dates, ids,
 * enums, booleans and counts only; names and free text become ''. Labels come from the id.
 */
export function projectReason(r: AgendaReason): AgendaReason | null {
  switch (r.code) {
    case 'red':
    case 'yellow':
      return { code: r.code, since: r.since === null ? null : instant(r.since) };
    case 'triage-changed': {
      const at = instant(r.at);
      return at ? { code: r.code, from: r.from, to: r.to, at, byName: '', count: r.count } : null;
    }
    case 'follow-up-due':
    case 'follow-up-overdue': {
      const dueDate = isoDate(r.dueDate);
      const windowEnd = isoDate(r.windowEnd);
      if (!dueDate || !windowEnd || !isGeneratedFollowUpId(r.followUpId)) return null;
      return { code: r.code, followUpId: r.followUpId, ...followUpLabels(r.followUpId), dueDate, windowEnd };
    }
    case 'opstart-to-plan': {
      const deadline = isoDate(r.deadline);
      return deadline ? { code: r.code, deadline, plannedAfterDeadline: r.plannedAfterDeadline } : null;
    }
    case 'opstart-overdue': {
      const deadline = isoDate(r.deadline);
      return deadline ? { code: r.code, deadline } : null;
    }
    case 'not-discussed': {
      const since = isoDate(r.since);
      return since ? { code: r.code, since, lastDiscussedOn: isoDate(r.lastDiscussedOn) } : null;
    }
    case 'new-citizen': {
      const since = isoDate(r.since);
      return since ? { code: r.code, since, planOpstart: r.planOpstart } : null;
    }
    case 'question-for-visitator': {
      const at = instant(r.at);
      return at && isId(r.questionId) ? { code: r.code, questionId: r.questionId, text: '', byName: '', at } : null;
    }
    case 'request-pending': {
      const at = instant(r.at);
      if (!at || !isId(r.requestId)) return null;
      return { code: r.code, requestId: r.requestId, kind: r.kind, reason: '', byName: '', at };
    }
    case 'nominated': {
      const at = instant(r.at);
      if (!at || !isId(r.nominationId)) return null;
      return { code: r.code, nominationId: r.nominationId, byName: '', at, note: '' };
    }
    case 'temporary-change-ending': {
      const endDate = isoDate(r.endDate);
      return endDate ? { code: r.code, text: '', endDate } : null;
    }
    case 'rotation': {
      const since = isoDate(r.since);
      return since
        ? { code: r.code, since, lastDiscussedOn: isoDate(r.lastDiscussedOn), carriedOver: r.carriedOver }
        : null;
    }
  }
}

function isId(s: string): boolean {
  return IdSchema.safeParse(s).success;
}

/** A calendar date parsed and written again as YYYY-MM-DD; null when it is not one. */
function isoDate(s: string | null): string | null {
  if (s === null || !IsoDateSchema.safeParse(s).success) return null;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An instant parsed and written again by `toISOString`; null when it is not one. */
function instant(s: string): string | null {
  if (!TimestampSchema.safeParse(s).success) return null;
  const t = new Date(s);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}
