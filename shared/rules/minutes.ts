import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { initialsOf, type Card } from '../model/card.js';
import { DECISION_CODE_LABELS, type DecisionCode } from '../model/lifecycle.js';
import {
  AGENDA_ITEM_STATUS_LABELS,
  MEETING_TYPES,
  type ActionItem,
  type AgendaItem,
  type Meeting,
  type ParkedEntry,
} from '../model/meeting.js';
import { reasonText } from './agenda.js';
import { TIME_ZONE, toIsoDate, type Lang } from './dates.js';

/*
 * The minutes ("Referat") of a meeting, one model for every output: the client's view,
 * print view and Markdown, and the server's PDF. Per citizen discussed: why they were on
 * the agenda, the note, the decisions recorded during the meeting and "Aftaler i dag" (who
 * does what by when, digest §5: "vi har aftalt at du gør / at kommunen gør").
 */

type Label = { da: string; en: string };

export const MINUTES_LABELS = {
  title: { da: 'Referat', en: 'Minutes' },
  window: { da: 'Mødet varede fra {from} til {to}.', en: 'The meeting lasted from {from} to {to}.' },
  status: { da: 'Status', en: 'Status' },
  reasons: { da: 'Hvorfor på dagsordenen', en: 'Why on the agenda' },
  note: { da: 'Emner', en: 'Topics' },
  decisions: { da: 'Afgørelser', en: 'Decisions' },
  actions: { da: 'Aftaler i dag', en: 'Agreed today' },
  due: { da: 'senest {date}', en: 'by {date}' },
  parked: { da: 'Parkeringsplads', en: 'Parking lot' },
  noneDiscussed: { da: 'Ingen borgere blev drøftet.', en: 'No citizens were discussed.' },
} as const satisfies Record<string, Label>;

export interface MinutesDecision {
  code: DecisionCode;
  label: string;
  reason: string;
  byName: string;
}

export interface MinutesAction {
  text: string;
  who: string;
  due: string | null;
}

export interface MinutesEntry {
  itemId: string;
  cardId: string | null;
  /** Full name, or initials in privacy mode. */
  name: string;
  status: string;
  reasons: string[];
  /** Emner: the note taken on the item ('' in privacy mode). */
  note: string;
  decisions: MinutesDecision[];
  actions: MinutesAction[];
}

export interface MinutesModel {
  meetingId: string;
  /** "Referat – Tavlemøde, 2026-11-24". */
  title: string;
  /** The meeting's Danish date. */
  date: string;
  /** "Mødet varede fra 09:00 til 09:16." (Danish time). */
  window: string;
  entries: MinutesEntry[];
  /** Topics still on the parkeringsplads ('' texts skipped; hidden in privacy mode). */
  parked: string[];
}

export interface MinutesInput {
  meeting: Meeting;
  /** The agenda in order; `note` as MeetingDoc.agenda gives it. */
  agenda: readonly (AgendaItem & { note?: string })[];
  actions: readonly ActionItem[];
  cards: ReadonlyMap<string, Card>;
  parked?: readonly ParkedEntry[];
  lang?: Lang;
  /** Wall screen: initials only, no notes, decisions, agreements or parked text. */
  privacy?: boolean;
  /** End of the window for a meeting that has not ended (default: now). */
  now?: string;
}

const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
const hhmm = (iso: string) => format(new TZDate(Date.parse(iso), TIME_ZONE), 'HH:mm');

/** The minutes of a meeting: per citizen discussed (agenda order), with what was decided and agreed. */
export function buildMinutes(input: MinutesInput): MinutesModel {
  const lang = input.lang ?? 'da';
  const privacy = input.privacy ?? false;
  const { meeting } = input;
  const from = meeting.startedAt ?? meeting.createdAt;
  const to = meeting.endedAt ?? input.now ?? new Date().toISOString();
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const inWindow = (at: string) => {
    const t = Date.parse(at);
    return !Number.isNaN(t) && t >= fromMs && t <= toMs;
  };
  const date = Number.isNaN(fromMs) ? '' : toIsoDate(new Date(fromMs));
  const entries: MinutesEntry[] = input.agenda
    .filter((i) => i.status === 'discussed')
    .map((item) => {
      const card = item.cardId === null ? undefined : input.cards.get(item.cardId);
      const name = card
        ? privacy
          ? card.initials
          : card.name
        : privacy && item.cardId !== null
          ? initialsOf(item.title)
          : item.title;
      const note = item.note ?? '';
      return {
        itemId: item.id,
        cardId: item.cardId,
        name,
        status: AGENDA_ITEM_STATUS_LABELS[item.status][lang],
        reasons: item.reasons.map((r) => reasonText(r, date || toIsoDate(new Date()), lang)),
        note: privacy ? '' : note,
        decisions: privacy
          ? []
          : (card?.lifecycle.decisions ?? [])
              .filter((d) => inWindow(d.at))
              .map((d) => ({
                code: d.code,
                label: DECISION_CODE_LABELS[d.code][lang],
                reason: d.reason,
                byName: d.byName,
              })),
        actions: privacy
          ? []
          : input.actions.filter((a) => a.itemId === item.id).map((a) => ({ text: a.text, who: a.who, due: a.due })),
      };
    });
  const type = MEETING_TYPES[meeting.type].label[lang];
  return {
    meetingId: meeting.id,
    title: `${MINUTES_LABELS.title[lang]} – ${type}, ${date}`,
    date,
    window:
      Number.isNaN(fromMs) || Number.isNaN(toMs)
        ? ''
        : fill(MINUTES_LABELS.window[lang], { from: hhmm(from), to: hhmm(to) }),
    entries,
    parked: privacy ? [] : (input.parked ?? []).map((p) => p.text).filter(Boolean),
  };
}

/** "Ring til datteren – Anne – senest 2026-11-26". */
export function actionLine(a: MinutesAction, lang: Lang = 'da'): string {
  return [a.text, a.who, a.due ? fill(MINUTES_LABELS.due[lang], { date: a.due }) : ''].filter(Boolean).join(' – ');
}

/** "E1 Fortsættes: begrundelse (Eva Mortensen)". */
export function decisionLine(d: MinutesDecision): string {
  return `${d.code} ${d.label}${d.reason ? `: ${d.reason}` : ''}${d.byName ? ` (${d.byName})` : ''}`;
}

/** The minutes as Markdown (for pasting into a journal note or an e-mail). */
export function minutesMarkdown(m: MinutesModel, lang: Lang = 'da'): string {
  const L = MINUTES_LABELS;
  const lines = [`# ${m.title}`, ''];
  if (m.window) lines.push(m.window, '');
  if (m.entries.length === 0) lines.push(L.noneDiscussed[lang], '');
  for (const e of m.entries) {
    lines.push(`## ${e.name}`, '', `- ${L.status[lang]}: ${e.status}`);
    if (e.reasons.length) lines.push(`- ${L.reasons[lang]}: ${e.reasons.join('; ')}`);
    if (e.note) lines.push(`- ${L.note[lang]}: ${e.note}`);
    for (const d of e.decisions) lines.push(`- ${L.decisions[lang]}: ${decisionLine(d)}`);
    for (const a of e.actions) lines.push(`- ${L.actions[lang]}: ${actionLine(a, lang)}`);
    lines.push('');
  }
  if (m.parked.length) {
    lines.push(`## ${L.parked[lang]}`, '');
    for (const p of m.parked) lines.push(`- ${p}`);
    lines.push('');
  }
  return lines.join('\n');
}
