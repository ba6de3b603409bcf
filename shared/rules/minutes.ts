import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { da, enGB } from 'date-fns/locale';
import { initialsOf } from '../model/card.js';
import {
  AGENDA_ITEM_STATUS_LABELS,
  MEETING_TYPES,
  type ActionItem,
  type ActionParty,
  type AgendaItem,
  type Meeting,
  type ParkedEntry,
} from '../model/meeting.js';
import type { MeetingDoc } from '../doc/meetingDoc.js';
import { agendaDuration, reasonText } from './agenda.js';
import { TIME_ZONE, toIsoDate, type Lang } from './dates.js';
import { formatElapsed } from './triage.js';
import {
  changeLine,
  changesByCard,
  generalQuestions,
  type ChangesInput,
  type MinutesChange,
} from './minutesChanges.js';

/*
 * The minutes ("Referat") of a meeting, one model for every output: the client's view,
 * print view and Markdown, and the server's PDF (server/http/minutesPdf.ts).
 *
 * Nothing decided at the meeting may be lost (issue #11), so per citizen taken up the
 * minutes gather everything that happened to the card between the meeting's start and end
 * from the records that carry a time: FSIII decisions, triage changes, requests made and
 * decided, questions asked and answered, goals; moves from the columns the server noted at
 * start and end. A citizen is "taken up" when their item was marked drøftet (Næste or
 * Drøftet) or anything of the above happened to their card during the meeting. Then
 * "Aftaler i dag" (digest R21, S2:3519-3521: "vi har aftalt, at du gør / at kommunen gør"),
 * what was not reached, the visitator's answers to general questions and the parkeringsplads.
 */

type Label = { da: string; en: string };

export const MINUTES_LABELS = {
  title: { da: 'Referat', en: 'Minutes' },
  meeting: { da: 'Møde', en: 'Meeting' },
  date: { da: 'Dato', en: 'Date' },
  time: { da: 'Tid', en: 'Time' },
  leader: { da: 'Mødeleder', en: 'Chair' },
  participants: { da: 'Deltagere', en: 'Participants' },
  status: { da: 'Status', en: 'Status' },
  reasons: { da: 'Hvorfor på dagsordenen', en: 'Why on the agenda' },
  note: { da: 'Emner', en: 'Topics' },
  changes: { da: 'Under mødet', en: 'During the meeting' },
  actions: { da: 'Aftaler i dag', en: 'Agreed today' },
  citizenDoes: { da: 'Vi har aftalt, at du gør', en: 'We agreed that you will' },
  municipalityDoes: { da: 'Vi har aftalt, at kommunen gør', en: 'We agreed that the municipality will' },
  generalActions: { da: 'Fælles aftaler', en: 'Team agreements' },
  due: { da: 'senest {date}', en: 'by {date}' },
  notReached: { da: 'Ikke nået – tages op næste gang', en: 'Not reached – first on the next agenda' },
  questions: { da: 'Spørgsmål til visitator', en: 'Questions for the visitator' },
  parked: { da: 'Parkeringsplads', en: 'Parking lot' },
  notOnAgenda: { da: 'Ikke på dagsordenen', en: 'Not on the agenda' },
  noneDiscussed: { da: 'Ingen borgere blev drøftet.', en: 'No citizens were discussed.' },
  nobody: { da: 'ingen registreret', en: 'none recorded' },
} as const satisfies Record<string, Label>;

export interface MinutesAction {
  text: string;
  who: string;
  due: string | null;
  party: ActionParty | null;
}

export interface MinutesEntry {
  /** The agenda item; null for a citizen changed during the meeting but not on the agenda. */
  itemId: string | null;
  cardId: string | null;
  /** Full name, or initials in privacy mode. */
  name: string;
  status: string;
  reasons: string[];
  /** Emner: the note taken on the item ('' in privacy mode). */
  note: string;
  /** What changed on the card during the meeting, oldest first. */
  changes: MinutesChange[];
  actions: MinutesAction[];
}

export interface MinutesModel {
  meetingId: string;
  /** "Referat – Tavlemøde". */
  title: string;
  typeLabel: string;
  /** The meeting's date, ISO (file names) … */
  date: string;
  /** … and as people write it: "mandag 7. december 2026". */
  dateText: string;
  /** "09:00–09:16" (Danish time). */
  window: string;
  /** "16 min · planlagt 15 min, 1 min over" (planned: the agenda's time boxes). */
  duration: string;
  leader: string;
  /** Who was connected (recorded by the server) and who was added by hand. */
  participants: string[];
  entries: MinutesEntry[];
  /** Agreements for the meeting as a whole. */
  generalActions: MinutesAction[];
  /** Still pending at the end: name and why it was on the agenda. */
  notReached: { itemId: string; name: string; reasons: string[] }[];
  /** General questions (no citizen) asked or answered during the meeting. */
  questions: MinutesChange[];
  /** Topics on the parkeringsplads ('' texts skipped; hidden in privacy mode). */
  parked: string[];
}

export interface MinutesInput extends ChangesInput {
  meeting: Meeting;
  /** The agenda in order; `note` as MeetingDoc.agenda gives it. */
  agenda: readonly (AgendaItem & { note?: string })[];
  actions: readonly ActionItem[];
  parked?: readonly ParkedEntry[];
  lang?: Lang;
  /** Wall screen: initials only, no notes, changes, agreements or parked text. */
  privacy?: boolean;
  /** End of the window for a meeting that has not ended (default: now). */
  now?: string;
}

const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
const hhmm = (ms: number) => format(new TZDate(ms, TIME_ZONE), 'HH:mm');
const LOCALES = { da, en: enGB } as const;

/** "mandag 7. december 2026" / "Monday 7 December 2026" (the day in Denmark). */
export function longDate(at: string | number, lang: Lang = 'da'): string {
  const ms = typeof at === 'number' ? at : Date.parse(at.length === 10 ? `${at}T12:00:00Z` : at);
  if (Number.isNaN(ms)) return '';
  return format(new TZDate(ms, TIME_ZONE), lang === 'da' ? 'EEEE d. MMMM yyyy' : 'EEEE d MMMM yyyy', {
    locale: LOCALES[lang],
  });
}

/** "3 min", "1 t 5 min", "2 dage"; under a minute: "under 1 min". */
export function minutesText(ms: number, lang: Lang = 'da'): string {
  if (Math.abs(ms) < 60_000) return lang === 'da' ? 'under 1 min' : 'under 1 min';
  return formatElapsed(ms, lang);
}

/** "3 min over" / "2 dage over"; within the plan: "inden for tiden". */
export function overText(elapsedMs: number, plannedMs: number, lang: Lang = 'da'): string {
  const over = elapsedMs - plannedMs;
  if (over < 60_000) return lang === 'da' ? 'inden for tiden' : 'within time';
  return `${minutesText(over, lang)} over`;
}

/** The minutes of a meeting: per citizen taken up (agenda order), with what changed and was agreed. */
export function buildMinutes(input: MinutesInput): MinutesModel {
  const lang = input.lang ?? 'da';
  const privacy = input.privacy ?? false;
  const L = MINUTES_LABELS;
  const { meeting } = input;
  const from = Date.parse(meeting.startedAt ?? meeting.createdAt);
  const to = Date.parse(meeting.endedAt ?? input.now ?? new Date().toISOString());
  const valid = !Number.isNaN(from) && !Number.isNaN(to);
  const inWindow = (at: string | null | undefined) => {
    const t = at ? Date.parse(at) : NaN;
    return valid && t >= from && t <= to;
  };
  const date = Number.isNaN(from) ? '' : toIsoDate(new Date(from));
  const today = date || toIsoDate(new Date());
  const nameOf = (cardId: string | null, title: string) => {
    const card = cardId === null ? undefined : input.cards.get(cardId);
    if (card) return privacy ? card.initials || initialsOf(card.name) : card.name;
    return privacy && cardId !== null ? initialsOf(title) : title;
  };

  const changes = privacy ? new Map<string, MinutesChange[]>() : changesByCard(input, inWindow, to, lang);
  const actionsOf = (pred: (a: ActionItem) => boolean) =>
    privacy ? [] : input.actions.filter(pred).map(toMinutesAction);

  const entries: MinutesEntry[] = [];
  const taken = new Set<string>();
  const notReached: MinutesModel['notReached'] = [];
  for (const item of input.agenda) {
    const cardChanges = item.cardId === null ? [] : (changes.get(item.cardId) ?? []);
    const actions = actionsOf((a) => a.itemId === item.id);
    const note = privacy ? '' : (item.note ?? '');
    const reasons = item.reasons.map((r) => reasonText(r, today, lang));
    const open = item.status === 'pending' || item.status === 'not-reached';
    if (item.status === 'discussed' || cardChanges.length > 0 || actions.length > 0 || (open && note)) {
      if (item.cardId !== null) taken.add(item.cardId);
      entries.push({
        itemId: item.id,
        cardId: item.cardId,
        name: nameOf(item.cardId, item.title),
        status: AGENDA_ITEM_STATUS_LABELS[item.status][lang],
        reasons,
        note,
        changes: cardChanges,
        actions,
      });
    } else if (open) {
      notReached.push({ itemId: item.id, name: nameOf(item.cardId, item.title), reasons });
    }
  }
  // citizens not taken up on the agenda whose cards changed during the meeting
  const others = [...changes.entries()]
    .filter(([cardId]) => !taken.has(cardId) && input.cards.has(cardId))
    .sort(([, a], [, b]) => Date.parse(a[0]!.at) - Date.parse(b[0]!.at));
  for (const [cardId, list] of others) {
    entries.push({
      itemId: null,
      cardId,
      name: nameOf(cardId, ''),
      status: L.notOnAgenda[lang],
      reasons: [],
      note: '',
      changes: list,
      actions: actionsOf((a) => a.itemId === null && a.cardId === cardId),
    });
  }

  const plannedMs = agendaDuration(input.agenda) * 60_000;
  const elapsed = valid ? Math.max(0, to - from) : 0;
  const planned =
    plannedMs > 0
      ? lang === 'da'
        ? ` · planlagt ${minutesText(plannedMs, lang)}, ${overText(elapsed, plannedMs, lang)}`
        : ` · planned ${minutesText(plannedMs, lang)}, ${overText(elapsed, plannedMs, lang)}`
      : '';
  const typeLabel = MEETING_TYPES[meeting.type].label[lang];
  return {
    meetingId: meeting.id,
    title: `${L.title[lang]} – ${typeLabel}`,
    typeLabel,
    date,
    dateText: Number.isNaN(from) ? '' : longDate(from, lang),
    window: valid ? `${hhmm(from)}–${hhmm(to)}` : '',
    duration: valid ? `${minutesText(elapsed, lang)}${planned}` : '',
    leader: meeting.leader,
    participants: privacy ? [] : [...meeting.minutes.attendees],
    entries,
    generalActions: actionsOf((a) => a.itemId === null && a.cardId === null),
    notReached,
    questions: privacy ? [] : generalQuestions(input, inWindow, lang),
    parked: privacy ? [] : (input.parked ?? []).map((p) => p.text).filter(Boolean),
  };
}

/** What the minutes read from a board's MeetingDoc (client view and server PDF alike). */
export function minutesInput(md: MeetingDoc, meeting: Meeting): Omit<MinutesInput, 'lang' | 'privacy' | 'now'> {
  return {
    meeting,
    agenda: md.agenda(meeting.id),
    actions: md.actionItems(meeting.id),
    parked: md.parked(meeting.id),
    cards: new Map(md.board.cards().map((c) => [c.id, c])),
    triageEvents: md.triageEvents(),
    questions: md.questions(),
    phases: md.board.phases(),
  };
}

const toMinutesAction = (a: ActionItem): MinutesAction => ({
  text: a.text,
  who: a.who,
  due: a.due,
  party: a.party ?? null,
});

/** "Ring til datteren – Anne – senest torsdag 26. november 2026". */
export function actionLine(a: MinutesAction, lang: Lang = 'da'): string {
  const due = a.due ? fill(MINUTES_LABELS.due[lang], { date: longDate(a.due, lang) }) : '';
  return [a.text, a.who, due].filter(Boolean).join(' – ');
}

/**
 * One agreement as R21 words it, under "Aftaler i dag": "Vi har aftalt, at du gør: gå en
 * tur hver dag – senest …", "Vi har aftalt, at kommunen gør: …"; without a party just the line.
 */
export function agreementLine(a: MinutesAction, lang: Lang = 'da'): string {
  const L = MINUTES_LABELS;
  const line = actionLine(a, lang);
  if (a.party === 'borger') return `${L.citizenDoes[lang]}: ${line}`;
  if (a.party === 'kommune') return `${L.municipalityDoes[lang]}: ${line}`;
  return line;
}

/** Header rows (label, value) shared by the view, Markdown and PDF. */
export function minutesHeader(m: MinutesModel, lang: Lang = 'da'): [string, string][] {
  const L = MINUTES_LABELS;
  const time = [m.window, m.duration].filter(Boolean).join(' · ');
  return [
    [L.meeting[lang], m.typeLabel],
    [L.date[lang], m.dateText],
    [L.time[lang], time],
    [L.leader[lang], m.leader || L.nobody[lang]],
    [L.participants[lang], m.participants.length ? m.participants.join(', ') : L.nobody[lang]],
  ];
}

/** The minutes as Markdown (for pasting into a journal note or an e-mail). */
export function minutesMarkdown(m: MinutesModel, lang: Lang = 'da'): string {
  const L = MINUTES_LABELS;
  const lines = [`# ${m.title}`, ''];
  for (const [label, value] of minutesHeader(m, lang)) lines.push(`- **${label}:** ${value}`);
  lines.push('');
  if (m.entries.length === 0) lines.push(L.noneDiscussed[lang], '');
  for (const e of m.entries) {
    lines.push(`## ${e.name}`, '', `- ${L.status[lang]}: ${e.status}`);
    if (e.reasons.length) lines.push(`- ${L.reasons[lang]}: ${e.reasons.join('; ')}`);
    if (e.note) lines.push(`- ${L.note[lang]}: ${e.note}`);
    for (const c of e.changes) lines.push(`- ${L.changes[lang]}: ${changeLine(c)}`);
    for (const a of e.actions) lines.push(`- ${L.actions[lang]}: ${agreementLine(a, lang)}`);
    lines.push('');
  }
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`## ${title}`, '');
    for (const i of items) lines.push(`- ${i}`);
    lines.push('');
  };
  section(
    L.generalActions[lang],
    m.generalActions.map((a) => actionLine(a, lang)),
  );
  section(
    L.notReached[lang],
    m.notReached.map((n) => (n.reasons.length ? `${n.name} (${n.reasons.join('; ')})` : n.name)),
  );
  section(L.questions[lang], m.questions.map(changeLine));
  section(L.parked[lang], m.parked);
  return lines.join('\n');
}
