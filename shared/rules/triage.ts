import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { Card, Triage } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import type { TriageEvent, TriageResponse } from '../model/meeting.js';
import { TIME_ZONE, type Lang } from './dates.js';
import { calendarDaysBetween } from './cadence.js';
import { isClosedCard } from './lifecycle.js';

/*
 * Triage on the board (digest R7, R11): response clocks per colour, sorting and counting
 * by colour, what changed since the last meeting, and the day focus (servicelov on the
 * visitator's day, sundhedslov on the other days).
 *
 * Time model. A response clock runs in elapsed hours from the instant the card turned red
 * or yellow ("inden for 24 timer" is 24 real hours), so across a daylight-saving switch
 * the deadline's wall-clock time moves by an hour. Deadlines are shown in Danish time.
 * Calendar questions (which weekday is it?) use calendar dates, as everywhere in Tavlen.
 */

// ---------------------------------------------------------------------------------------
// Response clocks
// ---------------------------------------------------------------------------------------

export const ResponseClockRuleSchema = z.object({
  /** Hours from the colour change to the deadline. */
  hours: z
    .number()
    .positive()
    .max(24 * 30),
  /** What must have happened by then: "sygeplejerskevurdering", "handleplan". */
  action: z.object({ da: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) }),
});
export type ResponseClockRule = z.infer<typeof ResponseClockRuleSchema>;

/** Response clocks per colour, configured per municipality; null: no clock for that colour. */
export const TriageConfigSchema = z.object({
  red: ResponseClockRuleSchema.nullable(),
  yellow: ResponseClockRuleSchema.nullable(),
  green: ResponseClockRuleSchema.nullable().default(null),
});
export type TriageConfig = z.infer<typeof TriageConfigSchema>;

/**
 * Defaults from Danish municipal triage practice: red → a nurse's assessment within 24
 * hours, yellow → an action plan within 48 hours. The seeds name triage and the TOBS wheel
 * at the tavlemøde (S2:4811-4813, 3150) but give no hours; each municipality sets its own.
 */
export const DEFAULT_TRIAGE_CONFIG: TriageConfig = Object.freeze({
  red: { hours: 24, action: { da: 'sygeplejerskevurdering', en: 'nurse assessment' } },
  yellow: { hours: 48, action: { da: 'handleplan', en: 'action plan' } },
  green: null,
});

export type ResponseClockStatus = 'running' | 'overdue' | 'handled' | 'none';

export interface ResponseClockInput {
  triage: Triage;
  /** The instant the card got this colour (`triageSince`). */
  since: string;
  /** The current instant. */
  now: string;
  config?: TriageConfig;
  /** The instant the response (assessment, plan) was recorded, if it was. */
  handledAt?: string | null;
  lang?: Lang;
}

export interface ResponseClock {
  /** since + the colour's hours; null without a clock (green by default). */
  deadline: string | null;
  /** Milliseconds from now to the deadline (negative once overdue); null without a clock. */
  remainingMs: number | null;
  status: ResponseClockStatus;
  /** Handled no later than the deadline; null unless handled. */
  handledInTime: boolean | null;
  /** "sygeplejerskevurdering senest 29.03 kl. 11:00 (om 3 t 20 min)"; '' without a clock. */
  label: string;
}

const HOUR = 3_600_000;

function instant(name: string, value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new RangeError(`Ugyldigt tidspunkt for ${name}: "${value}"`);
  return t;
}

/** "29.03 kl. 11:00" / "29/03 11:00", in Danish time. */
export function formatDanishTime(ms: number, lang: Lang = 'da'): string {
  const d = new TZDate(ms, TIME_ZONE);
  return lang === 'da' ? format(d, "dd.MM 'kl.' HH:mm") : format(d, 'dd/MM HH:mm');
}

/** "3 t 20 min" / "3 h 20 min"; whole minutes, rounded down. */
export function formatDuration(ms: number, lang: Lang = 'da'): string {
  const totalMin = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  const hu = lang === 'da' ? 't' : 'h';
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} ${hu}` : `${h} ${hu} ${m} min`;
}

/** How long something has lasted, for people: hours and minutes up to two days, then whole days ("19 dage"). */
export function formatElapsed(ms: number, lang: Lang = 'da'): string {
  const days = Math.floor(Math.abs(ms) / 86_400_000);
  if (days < 2) return formatDuration(ms, lang);
  return lang === 'da' ? `${days} dage` : `${days} days`;
}

/**
 * The response clock of a red or yellow card: deadline = since + the colour's hours.
 * - none: no clock for this colour (green by default);
 * - handled: a response is recorded (see `handledInTime`);
 * - overdue: now is after the deadline; running: otherwise (the deadline itself is in time).
 */
export function responseClock(input: ResponseClockInput): ResponseClock {
  const config = input.config ?? DEFAULT_TRIAGE_CONFIG;
  const lang = input.lang ?? 'da';
  const rule = config[input.triage];
  const since = instant('since', input.since);
  const now = instant('now', input.now);
  if (!rule) return { deadline: null, remainingMs: null, status: 'none', handledInTime: null, label: '' };
  const deadlineMs = since + rule.hours * HOUR;
  const deadline = new Date(deadlineMs).toISOString();
  const remainingMs = deadlineMs - now;
  const action = rule.action[lang];
  if (input.handledAt != null) {
    const handled = instant('handledAt', input.handledAt);
    const inTime = handled <= deadlineMs;
    const at = formatDanishTime(handled, lang);
    const label =
      lang === 'da'
        ? `${action} udført ${at}${inTime ? '' : ' (for sent)'}`
        : `${action} done ${at}${inTime ? '' : ' (late)'}`;
    return { deadline, remainingMs, status: 'handled', handledInTime: inTime, label };
  }
  if (remainingMs < 0) {
    // "overskredet med 18 dage", not "432 t 5 min": days once it is over two days.
    const by = formatElapsed(remainingMs, lang);
    const label = lang === 'da' ? `${action} overskredet med ${by}` : `${action} overdue by ${by}`;
    return { deadline, remainingMs, status: 'overdue', handledInTime: null, label };
  }
  const at = formatDanishTime(deadlineMs, lang);
  const left = formatDuration(remainingMs, lang);
  const label = lang === 'da' ? `${action} senest ${at} (om ${left})` : `${action} by ${at} (in ${left})`;
  return { deadline, remainingMs, status: 'running', handledInTime: null, label };
}

/** The response that answers the card's current colour episode, or null. */
export function currentResponse(
  card: Card,
  since: string,
  response: TriageResponse | null | undefined,
): TriageResponse | null {
  if (!response || response.cardId !== card.id) return null;
  return response.triage === card.triage && response.since === since ? response : null;
}

export interface CardClockInput {
  events: readonly TriageEvent[];
  response?: TriageResponse | null;
  now: string;
  config?: TriageConfig;
  phases?: readonly Phase[];
  lang?: Lang;
}

export interface CardClock extends ResponseClock {
  since: string;
  /** The response recorded for this colour episode, if any. */
  response: TriageResponse | null;
  /** "sygeplejerskevurdering" / "handleplan" (configured action of the colour). */
  action: string;
}

/**
 * The response clock as the card shows it: from the instant of its current colour, stopped
 * by a response recorded for that episode. Null for a colour without a clock and for a
 * closed forløb (nobody is asked to respond to those).
 */
export function cardResponseClock(card: Card, input: CardClockInput): CardClock | null {
  const config = input.config ?? DEFAULT_TRIAGE_CONFIG;
  const rule = config[card.triage];
  if (!rule || isClosedCard(card, input.phases ?? [])) return null;
  const lang = input.lang ?? 'da';
  const since = triageSince(card, input.events);
  if (Number.isNaN(Date.parse(since))) return null;
  const response = currentResponse(card, since, input.response);
  const clock = responseClock({
    triage: card.triage,
    since,
    now: input.now,
    config,
    handledAt: response?.at ?? null,
    lang,
  });
  return { ...clock, since, response, action: rule.action[lang] };
}

// ---------------------------------------------------------------------------------------
// Colour: since when, sorting, counting
// ---------------------------------------------------------------------------------------

export const TRIAGE_RANK: Readonly<Record<Triage, number>> = { red: 0, yellow: 1, green: 2 };

/** Lower-case colour words for running text ("rød siden i går"); the badge has its own. */
export const TRIAGE_WORDS: Readonly<Record<Triage, { da: string; en: string }>> = {
  red: { da: 'rød', en: 'red' },
  yellow: { da: 'gul', en: 'yellow' },
  green: { da: 'grøn', en: 'green' },
};

/**
 * The instant the card got its current colour: the latest event of this card that set it,
 * else the card's creation (a card without events has had its colour since it was made).
 */
export function triageSince(card: Card, events: readonly TriageEvent[]): string {
  let best: { t: number; at: string } | null = null;
  for (const e of events) {
    if (e.cardId !== card.id || e.to !== card.triage) continue;
    const t = Date.parse(e.at);
    if (!Number.isNaN(t) && (best === null || t > best.t)) best = { t, at: e.at };
  }
  return best?.at ?? card.createdAt;
}

const collator = new Intl.Collator('da', { sensitivity: 'base' });

/** Danish name order ("Ærø" after "Zink", "Aase" last, as in a Danish phone book), then id. */
export function compareByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Red, yellow, green; within a colour the longest in that colour first; then name, then id. */
export function triageSort<C extends Card>(cards: readonly C[], events: readonly TriageEvent[] = []): C[] {
  const since = new Map(cards.map((c) => [c, Date.parse(triageSince(c, events))]));
  const t = (c: C) => {
    const v = since.get(c)!;
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  return [...cards].sort((a, b) => TRIAGE_RANK[a.triage] - TRIAGE_RANK[b.triage] || t(a) - t(b) || compareByName(a, b));
}

export interface TriageCounts {
  red: number;
  yellow: number;
  green: number;
  total: number;
}

/** Cards per colour; closed forløb are not counted. */
export function triageCounts(cards: readonly Card[], phases: readonly Phase[] = []): TriageCounts {
  const out: TriageCounts = { red: 0, yellow: 0, green: 0, total: 0 };
  for (const c of cards) {
    if (isClosedCard(c, phases)) continue;
    out[c.triage] += 1;
    out.total += 1;
  }
  return out;
}

export interface TriageChange {
  cardId: string;
  /** Colour before the first change after the meeting. */
  from: Triage;
  /** Colour after the latest change. */
  to: Triage;
  /** The latest change. */
  at: string;
  by: string;
  byName: string;
  /** Changes since the meeting (a change and back again counts 2, with from === to). */
  count: number;
  events: TriageEvent[];
}

/**
 * Per card, the triage changes strictly after `lastMeetingAt` (and not after `until`, if
 * given), oldest event first. No previous meeting (null): nothing counts as changed.
 * Sorted by the latest change, then card id.
 */
export function changedSince(
  events: readonly TriageEvent[],
  lastMeetingAt: string | null,
  until?: string,
): TriageChange[] {
  if (lastMeetingAt === null) return [];
  const from = instant('lastMeetingAt', lastMeetingAt);
  const to = until === undefined ? Number.POSITIVE_INFINITY : instant('until', until);
  const byCard = new Map<string, { t: number; e: TriageEvent }[]>();
  for (const e of events) {
    const t = Date.parse(e.at);
    if (Number.isNaN(t) || t <= from || t > to) continue;
    const list = byCard.get(e.cardId) ?? [];
    list.push({ t, e });
    byCard.set(e.cardId, list);
  }
  const out: (TriageChange & { t: number })[] = [];
  for (const [cardId, list] of byCard) {
    list.sort((a, b) => a.t - b.t);
    const first = list[0]!.e;
    const last = list[list.length - 1]!;
    out.push({
      cardId,
      from: first.from,
      to: last.e.to,
      at: last.e.at,
      by: last.e.by,
      byName: last.e.byName,
      count: list.length,
      events: list.map((x) => x.e),
      t: last.t,
    });
  }
  out.sort((a, b) => a.t - b.t || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
  return out.map(({ t: _t, ...c }) => c);
}

// ---------------------------------------------------------------------------------------
// Day focus (R7, S2:4489-4493, 4523-4525)
// ---------------------------------------------------------------------------------------

export type DayFocus = 'SEL' | 'SUL';

/** A team's visitator days: ISO weekdays (1 = Monday … 7 = Sunday), each at most once. */
export const VisitatorDaysSchema = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'En ugedag er nævnt to gange');

/**
 * A team without its own setting has its fixed visitator on Thursday (torsdag), as the demo
 * teams do; the seeds name Tuesday and Thursday in Sønderborg (S2:3999-4008).
 */
export const DEFAULT_VISITATOR_DAYS: readonly number[] = Object.freeze([4]);

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1 January 1970 was a Thursday (4); calendarDaysBetween rejects a date that does not exist
  const n = calendarDaysBetween('1970-01-01', date);
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** True when `date` is one of the visitator's days (ISO weekdays, 1 = Monday … 7 = Sunday). */
export function isVisitatorDay(date: string, visitatorDays: readonly number[]): boolean {
  return visitatorDays.includes(isoWeekday(date));
}

/**
 * The day's focus at the triagemøde: servicelov matters on the visitator's days, sundhedslov
 * on the others (Vesthimmerland, S2:4489-4493, 4523-4525). Sønderborg's Tuesday and
 * Thursday are `[2, 4]`.
 */
export function dayFocus(date: string, visitatorDays: readonly number[]): DayFocus {
  return isVisitatorDay(date, visitatorDays) ? 'SEL' : 'SUL';
}

/**
 * The law a legal basis belongs to: "SEL §83a" → SEL, "SUL §138" → SUL. The ældrelov's
 * forløb replace the servicelov's care paragraphs (S2:386-418) and are the visitator's
 * matter, so they count as SEL. Anything else (empty, unknown) → null.
 */
export function legalFamily(legalBasis: string): DayFocus | null {
  const s = legalBasis.trim().toLocaleLowerCase('da');
  if (/^(sel|serviceloven)\b/.test(s)) return 'SEL';
  if (/^(sul|sundhedsloven)\b/.test(s)) return 'SUL';
  if (s.startsWith('ældreloven') || s.startsWith('aeldreloven')) return 'SEL';
  return null;
}

/**
 * Whether a card belongs to the day's focus. A card without a known legal basis matches
 * every focus: the filter narrows, it never hides a citizen nobody has tagged.
 */
export function matchesFocus(card: Card, focus: DayFocus): boolean {
  const family = legalFamily(card.lifecycle.legalBasis);
  return family === null || family === focus;
}
