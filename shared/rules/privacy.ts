import { initialsOf } from '../model/card.js';
import { containsCpr } from './cpr.js';

/**
 * The wall screen's view of a board (privacy mode, issue #5). The screen hangs in a shared
 * room, so it gets a projection of the board document, built on the server, never the
 * document itself: the citizen's name becomes initials (or the card's short label), and
 * only fields on the whitelists below survive. A key that is not listed is dropped, so a
 * field added to the model later stays off the screen until someone decides it may show.
 *
 * Input and output are the plain JSON of the board doc's top-level maps (nested Y.Maps as
 * plain objects); `server/sync/screenView.ts` writes the output into a Y.Doc with the same
 * layout, so the client renders it with the same code.
 */
export type RawMap = Record<string, unknown>;
export type RawBoard = Record<string, RawMap>;

/** Shown when a card has neither a label nor a letter in its name. */
export const SCREEN_LABEL_FALLBACK = '?';

/** The card's wall-screen label: its configured short label, else the initials of its name. */
export function screenLabel(card: RawMap): string {
  const label = typeof card.initials === 'string' ? card.initials.trim() : '';
  if (label && !containsCpr(label)) return label;
  const fromName = typeof card.name === 'string' ? initialsOf(card.name) : '';
  return fromName || SCREEN_LABEL_FALLBACK;
}

type Projector = (value: unknown, whole: RawMap) => unknown;
const keep = (v: unknown): unknown => v;
const blank = (): unknown => '';
/** A nested collection (Y.Map) whose items are projected by `items` (item id → value). */
const each =
  (items: (item: unknown) => unknown): Projector =>
  (v) =>
    isRecord(v) ? mapValues(v, items) : {};
/** Keeps only the listed keys of a plain JSON object value. */
const pick =
  (spec: Record<string, Projector>): ((item: unknown) => unknown) =>
  (item) =>
    isRecord(item) ? project(item, spec) : null;

/** Card keys the screen gets (digest R38: initials, phase, colour, dates, responsible staff). */
const CARD: Record<string, Projector> = {
  name: (_v, card) => screenLabel(card),
  initials: (_v, card) => screenLabel(card),
  triage: keep,
  contactPerson: keep,
  secondaryContact: keep,
  nextDueDate: keep,
  position: keep,
  phaseEnteredAt: keep,
  movedAt: keep,
  createdAt: keep,
  visitationDate: keep,
  startDate: keep,
  cadenceTemplateId: keep,
  forlobTypeId: keep,
  opstartPlannedDate: keep,
  opstartHeldOn: keep,
  opstartParticipants: keep,
  closure: pick({ outcome: keep, closedOn: keep, by: keep, byName: keep, visitatorParticipated: keep, note: blank }),
  followUps: each(pick({ date: keep, by: keep, byName: keep, decisionId: keep })),
  decisions: each(pick({ id: keep, code: keep, reason: blank, by: keep, byName: keep, at: keep, followUpId: keep })),
  // Goals, pårørende and requests are free text or contact data: empty collections.
  goals: () => ({}),
  relatives: () => ({}),
  requests: () => ({}),
};

/** Agenda reasons: the structured parts stay, every free-text part is blanked. */
const REASON_TEXT_KEYS = new Set(['text', 'reason', 'note']);
function projectReason(reason: unknown): unknown {
  if (!isRecord(reason)) return null;
  const out: RawMap = {};
  for (const [k, v] of Object.entries(reason)) out[k] = REASON_TEXT_KEYS.has(k) ? '' : v;
  return out;
}

function projectAgendaItem(cards: RawMap): (item: unknown) => unknown {
  return (item) => {
    if (!isRecord(item)) return null;
    const card = typeof item.cardId === 'string' ? cards[item.cardId] : undefined;
    return project(item, {
      id: keep,
      cardId: keep,
      // A citizen's item shows the label; a question's or manual item's title is free text.
      title: () => (isRecord(card) ? screenLabel(card) : ''),
      reasons: (v) => (Array.isArray(v) ? v.map(projectReason).filter((r) => r !== null) : []),
      source: keep,
      timeBoxMin: keep,
      status: keep,
      nominatedBy: keep,
    });
  };
}

function meetingSpec(cards: RawMap): Record<string, Projector> {
  return {
    type: keep,
    scheduledFor: keep,
    createdAt: keep,
    leader: keep,
    startedAt: keep,
    endedAt: keep,
    summary: blank,
    attendees: () => [],
    items: each(projectAgendaItem(cards)),
    order: each(keep),
    status: each(keep),
    timeBox: each(keep),
    notes: () => ({}),
    removed: each(keep),
    actions: () => ({}),
    parking: () => ({}),
  };
}

/** Top-level maps of the board doc and how each is projected. */
function boardSpec(board: RawBoard): Record<string, (m: RawMap) => RawMap> {
  const cards = board.cards ?? {};
  return {
    meta: (m) => project(m, { id: keep, teamId: keep, name: keep, epoch: keep, cadenceTemplateId: keep }),
    phases: (m) => mapValues(m, keep) as RawMap,
    cards: (m) => mapValues(m, (c) => (isRecord(c) ? project(c, CARD) : null)) as RawMap,
    triageEvents: (m) =>
      mapValues(m, pick({ id: keep, cardId: keep, at: keep, from: keep, to: keep, by: keep, byName: keep })) as RawMap,
    lastDiscussed: (m) => mapValues(m, keep) as RawMap,
    nominations: (m) =>
      mapValues(m, pick({ id: keep, cardId: keep, by: keep, byName: keep, at: keep, note: blank })) as RawMap,
    // Questions for the visitator are free text through and through.
    questions: () => ({}),
    meetings: (m) => mapValues(m, (v) => (isRecord(v) ? project(v, meetingSpec(cards)) : null)) as RawMap,
  };
}

/** The names of the board doc's top-level maps the screen gets. */
export function screenMapNames(): string[] {
  return Object.keys(boardSpec({}));
}

/** The whole board as the wall screen may see it. Pure; never returns a CPR-shaped string. */
export function projectBoardForScreen(board: RawBoard): RawBoard {
  const out: RawBoard = {};
  for (const [name, projectMap] of Object.entries(boardSpec(board))) {
    out[name] = scrubCpr(projectMap(board[name] ?? {})) as RawMap;
  }
  return out;
}

/** One card as the wall screen may see it. */
export function projectCardForScreen(card: RawMap): RawMap {
  return scrubCpr(project(card, CARD)) as RawMap;
}

function project(source: RawMap, spec: Record<string, Projector>): RawMap {
  const out: RawMap = {};
  for (const [key, fn] of Object.entries(spec)) {
    if (!Object.hasOwn(source, key)) continue;
    const value = fn(source[key], source);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function mapValues(source: RawMap, fn: (v: unknown) => unknown): RawMap {
  const out: RawMap = {};
  for (const [k, v] of Object.entries(source)) {
    const value = fn(v);
    if (value !== null && value !== undefined) out[k] = value;
  }
  return out;
}

/** Belt and braces: CPR numbers are refused on input, but nothing CPR-shaped leaves here either. */
function scrubCpr(value: unknown): unknown {
  if (typeof value === 'string') return containsCpr(value) ? '' : value;
  if (Array.isArray(value)) return value.map(scrubCpr);
  if (isRecord(value)) {
    const out: RawMap = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubCpr(v);
    return out;
  }
  return value;
}

function isRecord(v: unknown): v is RawMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
