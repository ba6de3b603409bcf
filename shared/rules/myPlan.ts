import type { Card } from '../model/card.js';
import type { ActionItem } from '../model/meeting.js';
import type { Lang } from './dates.js';
import { longDate } from './minutes.js';

/*
 * "Min plan": the citizen's own printout of what was agreed (digest R21, S2:3519-3521,
 * 1016-1017, 2503-2507: "vi har aftalt, at du gør / at kommunen gør", shareable with
 * relatives, a citizen-friendly "Min rehabiliteringsplan"). Plain language for the
 * citizen: their goals in their own words first, then the agreements, then whom to call.
 * Nothing internal is printed: no FSIII codes, triage colours, legal basis or forløb type.
 */

export const MY_PLAN_LABELS = {
  title: { da: 'Min plan', en: 'My plan' },
  intro: {
    da: 'Det har vi talt om og aftalt sammen. Ring, hvis noget ikke passer.',
    en: "This is what we talked about and agreed together. Call us if something isn't right.",
  },
  printed: { da: 'Udskrevet {date}', en: 'Printed {date}' },
  goals: { da: 'Det er vigtigt for mig', en: 'What matters to me' },
  youDo: { da: 'Det gør du', en: 'What you will do' },
  weDo: { da: 'Det gør vi', en: 'What we will do' },
  agreed: { da: 'Det har vi aftalt', en: 'We agreed' },
  contact: { da: 'Din kontaktperson', en: 'Your contact person' },
  none: { da: 'Ingen aftaler endnu.', en: 'No agreements yet.' },
  by: { da: 'senest {date}', en: 'by {date}' },
} as const;

export interface MyPlanLine {
  text: string;
  /** "senest torsdag 26. november 2026", or ''. */
  when: string;
}

export interface MyPlan {
  title: string;
  name: string;
  printed: string;
  /** Active goals, the citizen's own words first. */
  goals: string[];
  youDo: MyPlanLine[];
  weDo: MyPlanLine[];
  agreed: MyPlanLine[];
  /** "Anne Holm" and the secondary, if any. */
  contacts: string[];
}

export interface MyPlanInput {
  card: Card;
  /** Agreements about this citizen, from any meeting. */
  actions: readonly ActionItem[];
  /** Today (Danish date): agreements whose date has passed are left out. */
  today: string;
  lang?: Lang;
}

/** The citizen's plan: agreements by date (undated last), past ones left out. */
export function buildMyPlan(input: MyPlanInput): MyPlan {
  const lang = input.lang ?? 'da';
  const L = MY_PLAN_LABELS;
  const { card } = input;
  const current = input.actions
    .filter((a) => a.cardId === card.id && (a.due === null || a.due >= input.today))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.at.localeCompare(b.at));
  // the citizen's own agreements need no name; ours say who comes
  const line = (a: ActionItem): MyPlanLine => ({
    text: a.party !== 'borger' && a.who ? `${a.text} – ${a.who}` : a.text,
    when: a.due ? L.by[lang].replace('{date}', longDate(a.due, lang)) : '',
  });
  const goals = card.lifecycle.goals
    .filter((g) => g.status === 'aktiv')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'citizen' ? -1 : 1))
    .map((g) => g.text);
  return {
    title: L.title[lang],
    name: card.name,
    printed: L.printed[lang].replace('{date}', longDate(input.today, lang)),
    goals,
    youDo: current.filter((a) => a.party === 'borger').map(line),
    weDo: current.filter((a) => a.party === 'kommune').map(line),
    agreed: current.filter((a) => a.party === undefined).map(line),
    contacts: [card.contactPerson, card.lifecycle.secondaryContact].filter((c) => c.trim() !== ''),
  };
}
