import type { Card, Triage } from '../model/card.js';
import { REQUEST_KIND_LABELS } from '../model/lifecycle.js';
import type { AgendaItem, AgendaReason, TriageEvent, TriageResponse } from '../model/meeting.js';
import type { Phase } from '../model/phase.js';
import { projectReason } from '../doc/screenProjection.js';
import { reasonText } from './agenda.js';
import { formatMinutes, planVerdict, type AgendaPlan } from './agendaPlan.js';
import { followUpsNeedingAction, type FollowUp } from './cadence.js';
import { formatInstant, toIsoDate, type Lang } from './dates.js';
import { followUpsForCard, isClosedCard, pendingRequests, type LifecycleContext } from './lifecycle.js';
import { longDate } from './minutes.js';
import { followUpLabels, isGeneratedFollowUpId, screenLabel, screenPhaseTitle } from './privacy.js';
import { cardResponseClock, type TriageConfig } from './triage.js';
import { wallCardStatus, type WallStatus } from './wall.js';

/*
 * The downtime kit's printed daily tavle (issue #16, N7): when the network or the system is
 * down the team still meets, in front of paper. Everything the printout says is derived
 * here from the board's data and `now` — the server only lays it out (server/http/boardPdf.ts).
 *
 * The colour is always in words and as its shape too (black-and-white printers; R11 "never
 * colour alone"). The privacy version is for the room, like the wall (privacy.ts, R38):
 * initials only, no staff names, no free text (request reasons, manual agenda titles,
 * nominators' notes) — the same value rules as the wall's projection.
 *
 * Pure: no clock (`now` comes in), no Yjs.
 */

export type PrintPaper = 'a4' | 'a3';

/** Words for the colour on paper, capitalised ("Rød"), with the shape the board draws beside it. */
export const PRINT_TRIAGE: Readonly<
  Record<Triage, { da: string; en: string; shape: 'diamond' | 'triangle' | 'circle' }>
> = {
  red: { da: 'Rød', en: 'Red', shape: 'diamond' },
  yellow: { da: 'Gul', en: 'Yellow', shape: 'triangle' },
  green: { da: 'Grøn', en: 'Green', shape: 'circle' },
};

export const PRINT_LABELS = {
  title: { da: 'Tavlen', en: 'The board' },
  privacyTitle: { da: 'Tavlen – til rummet (kun initialer)', en: 'The board – for the room (initials only)' },
  printed: { da: 'Udskrevet {date} kl. {time}', en: 'Printed {date} at {time}' },
  counts: {
    da: '{active} aktive borgere: {red} røde, {yellow} gule, {green} grønne',
    en: '{active} active citizens: {red} red, {yellow} yellow, {green} green',
  },
  colour: { da: 'Farve', en: 'Colour' },
  citizen: { da: 'Borger', en: 'Citizen' },
  initials: { da: 'Initialer', en: 'Initials' },
  contact: { da: 'Kontaktperson', en: 'Contact person' },
  due: { da: 'Frister og opfølgning', en: 'Deadlines and follow-up' },
  requests: { da: 'Anmodninger', en: 'Requests' },
  empty: { da: 'Ingen borgere', en: 'No citizens' },
  agenda: { da: 'Dagsorden i dag', en: "Today's agenda" },
  agendaEmpty: { da: 'Intet på dagsordenen', en: 'Nothing on the agenda' },
  legend: {
    da: 'Farven står med ord og form: rød er en rude, gul en trekant, grøn en cirkel.',
    en: 'The colour is in words and shape: red a diamond, yellow a triangle, green a circle.',
  },
  offline: {
    da: 'Papirudgave til brug når systemet er nede. Skriv ændringer på og før dem ind bagefter.',
    en: 'Paper copy for when the system is down. Note changes on it and enter them afterwards.',
  },
} as const;

export interface PrintableCard {
  id: string;
  /** Full name, or the initials in the privacy version. */
  label: string;
  triage: Triage;
  /** "Rød" / "Gul" / "Grøn". */
  triageWord: string;
  shape: 'diamond' | 'triangle' | 'circle';
  /** '' in the privacy version. */
  contactPerson: string;
  /** The one most urgent thing in words (as on the wall), '' when nothing presses. */
  status: string;
  /** The response clock ("sygeplejerskevurdering senest 08.12 kl. 10:00 (om 4 t)"), '' without one. */
  clock: string;
  /** Follow-ups due or overdue, each with its window ("Opfølgning uge 5: forfalder i dag"). */
  followUps: string[];
  /** Open requests to the visitator: the kind, and in the staff version the reason and who asked. */
  requests: string[];
}

export interface PrintableColumn {
  id: string;
  title: string;
  cards: PrintableCard[];
}

export interface PrintableAgendaItem {
  label: string;
  minutes: string;
  reasons: string[];
}

export interface PrintableBoard {
  title: string;
  subtitle: string;
  printed: string;
  counts: string;
  legend: string;
  note: string;
  privacy: boolean;
  paper: PrintPaper;
  columns: PrintableColumn[];
  agenda: { title: string; items: PrintableAgendaItem[]; verdict: string[]; empty: string };
  headers: { colour: string; citizen: string; contact: string; due: string; requests: string; empty: string };
}

export interface PrintableBoardInput {
  /** The board's columns in display order, each with its cards in display order. */
  columns: readonly { phase: Phase; cards: readonly Card[] }[];
  boardName: string;
  teamName: string;
  triageEvents: readonly TriageEvent[];
  triageResponses: Readonly<Record<string, TriageResponse>>;
  triageConfig?: TriageConfig;
  lifecycle?: LifecycleContext;
  /** Today's agenda (`planBoardAgenda`), or null without one. */
  agenda: AgendaPlan | null;
  /** The current instant (ISO). */
  now: string;
  privacy: boolean;
  paper: PrintPaper;
  lang?: Lang;
}

const fill = (s: string, values: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('da') + s.slice(1);

/** "Opfølgning uge 5 forfalder i dag", "Opfølgning uge 2 overskredet med 3 dage" (the agenda's words). */
function dueLine(f: FollowUp, today: string, privacy: boolean, lang: Lang): string {
  // in the privacy version the label is rebuilt from the id, as on the wall (free text never travels)
  const named = !privacy
    ? { label: f.label, labelEn: f.labelEn }
    : isGeneratedFollowUpId(f.id)
      ? followUpLabels(f.id)
      : { label: 'Opfølgning', labelEn: 'Follow-up' };
  const reason: AgendaReason = {
    code: f.status === 'overdue' ? 'follow-up-overdue' : 'follow-up-due',
    followUpId: f.id,
    ...named,
    dueDate: f.dueDate,
    windowEnd: f.windowEnd,
  };
  return upperFirst(reasonText(reason, today, lang));
}

/** The wall's most urgent status, unless the clock or follow-up lines below it say the same at more length. */
function statusLine(s: WallStatus): string {
  return s.kind.startsWith('clock-') || s.kind.startsWith('follow-up-') ? '' : s.text;
}

/** One agenda line: who, the time box and the reasons; in the privacy version initials and value-only reasons. */
function agendaItemLine(
  item: AgendaItem,
  cards: ReadonlyMap<string, Card>,
  privacy: boolean,
  today: string,
  lang: Lang,
): PrintableAgendaItem | null {
  const card = item.cardId === null ? null : (cards.get(item.cardId) ?? null);
  // a manual item's title is free text: not for the room
  if (privacy && card === null) return null;
  const reasons = privacy ? item.reasons.map(projectReason).filter((r): r is AgendaReason => r !== null) : item.reasons;
  return {
    label: card ? (privacy ? screenLabel(card) : card.name) : item.title,
    minutes: formatMinutes(item.timeBoxMin, lang),
    reasons: reasons.map((r) => upperFirst(reasonText(r, today, lang))),
  };
}

/** The daily tavle as words, ready to lay out: see the file comment. */
export function printableBoard(input: PrintableBoardInput): PrintableBoard {
  const lang = input.lang ?? 'da';
  const L = PRINT_LABELS;
  const today = toIsoDate(new Date(input.now));
  const phases = input.columns.map((c) => c.phase);
  const label = (c: Card) => (input.privacy ? screenLabel(c) : c.name);
  const counts = { active: 0, red: 0, yellow: 0, green: 0 };
  const byId = new Map<string, Card>();

  const columns: PrintableColumn[] = [];
  for (const { phase, cards } of input.columns) {
    const out: PrintableCard[] = [];
    for (const card of cards) {
      if (isClosedCard(card, phases)) continue;
      byId.set(card.id, card);
      counts.active++;
      counts[card.triage]++;
      const clock = cardResponseClock(card, {
        events: input.triageEvents,
        response: input.triageResponses[card.id] ?? null,
        now: input.now,
        config: input.triageConfig,
        phases,
        lang,
      });
      const ctx = input.lifecycle ?? {};
      const followUps = followUpsNeedingAction(followUpsForCard(card, today, ctx));
      const t = PRINT_TRIAGE[card.triage];
      out.push({
        id: card.id,
        label: label(card),
        triage: card.triage,
        triageWord: t[lang],
        shape: t.shape,
        contactPerson: input.privacy ? '' : card.contactPerson,
        status: statusLine(wallCardStatus(card, { today, phases, ctx, clock, lang })),
        clock: clock && clock.status !== 'none' && clock.status !== 'handled' ? upperFirst(clock.label) : '',
        followUps: followUps.map((f) => dueLine(f, today, input.privacy, lang)),
        requests: pendingRequests(card).map((r) => {
          const kind = REQUEST_KIND_LABELS[r.kind][lang];
          if (input.privacy) return kind;
          const who = r.byName ? ` (${r.byName})` : '';
          return r.reason ? `${kind}: ${r.reason}${who}` : `${kind}${who}`;
        }),
      });
    }
    // the Afsluttet column holds no active forløb: it is left off the paper
    if (phase.kind === 'closed') continue;
    columns.push({
      id: phase.id,
      title: input.privacy ? screenPhaseTitle(phase.kind, phase.followUpWeek) : phase.title,
      cards: out,
    });
  }

  const items: PrintableAgendaItem[] = [];
  for (const item of input.agenda?.items ?? []) {
    const agendaLine = agendaItemLine(item, byId, input.privacy, today, lang);
    if (agendaLine) items.push(agendaLine);
  }

  const now = Date.parse(input.now);
  return {
    title: input.privacy ? L.privacyTitle[lang] : `${L.title[lang]} – ${input.teamName}`,
    subtitle: input.privacy ? input.teamName : input.boardName,
    printed: fill(L.printed[lang], { date: longDate(now, lang), time: formatInstant(now, 'time', lang) }),
    counts: fill(L.counts[lang], counts),
    legend: L.legend[lang],
    note: L.offline[lang],
    privacy: input.privacy,
    paper: input.paper,
    columns,
    agenda: {
      title: L.agenda[lang],
      items,
      verdict: input.agenda ? planVerdict(input.agenda, lang) : [],
      empty: L.agendaEmpty[lang],
    },
    headers: {
      colour: L.colour[lang],
      citizen: input.privacy ? L.initials[lang] : L.citizen[lang],
      contact: L.contact[lang],
      due: L.due[lang],
      requests: L.requests[lang],
      empty: L.empty[lang],
    },
  };
}
