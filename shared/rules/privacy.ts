import { initialsOf } from '../model/card.js';
import type { PhaseKind } from '../model/phase.js';

/*
 * What the wall screen may show (privacy mode, issue #5, digest R38), as pure value rules.
 * The screen hangs in a shared room, so it gets a projection of the board built on the
 * server (shared/doc/screenProjection.ts) in which every value comes from a typed, validated
 * source value through one of these rules: free text never travels, not even inside an
 * allowed key (issue #10).
 */

/** Shown when a card has neither valid initials nor a letter in its name. */
export const SCREEN_LABEL_FALLBACK = '?';

/** Stands in for every person (`by`, `byName`, leader): the screen shows no one's identity. */
export const SCREEN_ACTOR = '?';

/** A wall-screen label: one to four letters, nothing else (no digits, spaces or punctuation). */
const LABEL = /^\p{L}{1,4}$/u;

/**
 * The card's wall-screen label: its initials when they are one to four letters, else the
 * initials of its name (first letters of its parts, at most four), else '?'. Letters only,
 * so a label can never carry a sentence, a number or a CPR number.
 */
export function screenLabel(card: { name?: unknown; initials?: unknown }): string {
  const own = typeof card.initials === 'string' ? card.initials.normalize('NFC').trim() : '';
  if (LABEL.test(own)) return own;
  const fromName = typeof card.name === 'string' ? lettersOnly(initialsOf(card.name)) : '';
  return LABEL.test(fromName) ? fromName : SCREEN_LABEL_FALLBACK;
}

function lettersOnly(s: string): string {
  return [...s].filter((c) => /\p{L}/u.test(c)).join('');
}

/** Column titles on the screen come from this fixed set, by the column's kind. */
const PHASE_TITLES: Readonly<Record<PhaseKind, string>> = {
  referred: 'Henvist',
  awaiting: 'Visiteret – afventer opstart',
  start: 'Opstart',
  followup: 'Opfølgning',
  closed: 'Afsluttet',
};

/** A column's title on the screen: its kind's title ("Opfølgning uge 5" with the week). */
export function screenPhaseTitle(kind: PhaseKind, followUpWeek?: number): string {
  const title = PHASE_TITLES[kind];
  return kind === 'followup' && followUpWeek !== undefined ? `${title} uge ${followUpWeek}` : title;
}

/** Follow-up ids as rules/cadence.ts makes them; any other id could carry words. */
const FOLLOW_UP_ID = /^(?:week-\d{1,3}|days-\d{1,3}|months-\d{1,2}|every\d{1,2}m-\d{1,3})$/;

export function isGeneratedFollowUpId(id: string): boolean {
  return FOLLOW_UP_ID.test(id);
}

/**
 * The label of a follow-up, rebuilt from its id (`week-5`, `days-14`, `months-3`,
 * `every3m-2`, as rules/cadence.ts makes them) instead of the stored free-text label.
 */
export function followUpLabels(followUpId: string): { label: string; labelEn: string } {
  let m: RegExpExecArray | null;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if ((m = /^week-(\d{1,3})$/.exec(followUpId))) {
    return { label: `Opfølgning uge ${Number(m[1])}`, labelEn: `Follow-up week ${Number(m[1])}` };
  }
  if ((m = /^days-(\d{1,3})$/.exec(followUpId))) {
    const n = Number(m[1]);
    return {
      label: `Opfølgning efter ${plural(n, 'dag', 'dage')}`,
      labelEn: `Follow-up after ${plural(n, 'day', 'days')}`,
    };
  }
  if ((m = /^months-(\d{1,2})$/.exec(followUpId)) || (m = /^every(\d{1,2})m-(\d{1,3})$/.exec(followUpId))) {
    const n = Number(m[1]) * (m[2] === undefined ? 1 : Number(m[2]));
    return {
      label: `Opfølgning efter ${plural(n, 'måned', 'måneder')}`,
      labelEn: `Follow-up after ${plural(n, 'month', 'months')}`,
    };
  }
  return { label: 'Opfølgning', labelEn: 'Follow-up' };
}
