import { initialsOf, NAME_WORD_BREAKS, type Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import { followUpsForCard, isClosedCard, type LifecycleContext } from './lifecycle.js';

/*
 * What field staff look up on a phone (issue #12 point 1, R31): "Mine borgere" and a search
 * over the active citizens. Pure: cards, phases and `today` in, cards out.
 *
 * There is no address or address-area field on a card (and there should be no full
 * address on the board), so the search covers name and initials only.
 */

/**
 * Foldings applied to both the query and the text: typing on a foreign keyboard or
 * without Danish letters must still find "Søren Ærø Åberg" ("soren", "soeren",
 * "aeroe", "aaberg", "Aberg"). Accents other than æøå are dropped (é → e, ü → u).
 */
const FOLDS: readonly ((s: string) => string)[] = [
  (s) => s,
  (s) => s.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa'),
  (s) => s.replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a'),
];

/** Lower case, composed, accents other than æøå removed, whitespace collapsed. */
export function foldSearchText(s: string): string {
  return s
    .normalize('NFC')
    .toLocaleLowerCase('da-DK')
    .replace(/[^æøå]/g, (ch) => ch.normalize('NFD').replace(/\p{M}/gu, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a name: split on spaces and dashes, so "Anne-Sofie" is found by "sofie". */
function wordsOf(folded: string): string[] {
  return folded.split(NAME_WORD_BREAKS).filter(Boolean);
}

/**
 * Whether a citizen matches what was typed: every typed word is the start of a word of
 * the name, or the whole query is the start of the initials (the card's own, else those
 * of the name). Case, accents and æøå spellings are ignored. An empty query matches none.
 */
export function matchesCitizen(card: Pick<Card, 'name' | 'initials'>, query: string): boolean {
  const q = foldSearchText(query);
  if (q === '') return false;
  const name = foldSearchText(card.name);
  const initials = foldSearchText(card.initials || initialsOf(card.name));
  return FOLDS.some((fold) => {
    const typed = wordsOf(fold(q));
    const words = wordsOf(fold(name));
    if (typed.length > 0 && typed.every((t) => words.some((w) => w.startsWith(t)))) return true;
    const compact = fold(q).replace(/[\s.]/g, '');
    return compact.length >= 2 && fold(initials).startsWith(compact);
  });
}

/**
 * Whether every word of `query` begins a word of `text`, with the same foldings as the
 * citizen search (the local offers directory searches like the phone's Søg).
 */
export function matchesFoldedWords(text: string, query: string): boolean {
  const q = foldSearchText(query);
  if (q === '') return false;
  const t = foldSearchText(text);
  return FOLDS.some((fold) => {
    const typed = wordsOf(fold(q));
    const words = wordsOf(fold(t));
    return typed.length > 0 && typed.every((w) => words.some((x) => x.startsWith(w)));
  });
}

/** Active (not closed) cards matching the query, by name in Danish order. */
export function searchActiveCitizens(cards: Iterable<Card>, phases: readonly Phase[], query: string): Card[] {
  const out: Card[] = [];
  for (const card of cards) if (!isClosedCard(card, phases) && matchesCitizen(card, query)) out.push(card);
  return out.sort(byName);
}

/** The signed-in person as the board names them in `contactPerson`. */
export interface StaffIdentity {
  name: string;
  /** Initials if the team writes those instead of the name; default: initials of the name. */
  initials?: string;
}

/**
 * Whether a kontaktperson field names this person. The field is free text, so a person
 * is matched by their full name (optionally followed by more, e.g. "Anne Holm (SSH)") or
 * by their initials written alone ("AH"). A first name alone is not enough: two Annes.
 */
export function namesStaff(field: string, me: StaffIdentity): boolean {
  const f = foldSearchText(field);
  const name = foldSearchText(me.name);
  if (f === '' || name === '') return false;
  if (f === name || f.startsWith(`${name} `) || f.startsWith(`${name},`) || f.startsWith(`${name}(`)) return true;
  const initials = foldSearchText(me.initials || initialsOf(me.name));
  return initials.length >= 2 && f.replace(/[\s.]/g, '') === initials;
}

export type MyCitizenReason = 'primary' | 'secondary' | 'dueToday';

export interface MyCitizen {
  card: Card;
  reason: MyCitizenReason;
}

/**
 * "Mine borgere": the active citizens this person is primary or secondary kontaktperson
 * for (R20), then the team's active citizens with a follow-up or due date today — the
 * visits of the day. Each citizen once, first reason wins; by name within each reason.
 */
export function myCitizens(
  cards: Iterable<Card>,
  phases: readonly Phase[],
  me: StaffIdentity,
  today: string,
  ctx: LifecycleContext = {},
): MyCitizen[] {
  const out: MyCitizen[] = [];
  for (const card of cards) {
    if (isClosedCard(card, phases)) continue;
    const reason: MyCitizenReason | null = namesStaff(card.contactPerson, me)
      ? 'primary'
      : namesStaff(card.lifecycle.secondaryContact, me)
        ? 'secondary'
        : dueToday(card, today, ctx)
          ? 'dueToday'
          : null;
    if (reason) out.push({ card, reason });
  }
  const rank: Record<MyCitizenReason, number> = { primary: 0, secondary: 1, dueToday: 2 };
  return out.sort((a, b) => rank[a.reason] - rank[b.reason] || byName(a.card, b.card));
}

/** Due today: the card's own due date, or a follow-up not yet done whose date is today. */
export function dueToday(card: Card, today: string, ctx: LifecycleContext = {}): boolean {
  if (card.nextDueDate === today) return true;
  return followUpsForCard(card, today, ctx).some(
    (f) => f.dueDate === today && f.status !== 'completed' && f.status !== 'lapsed',
  );
}

function byName(a: Pick<Card, 'name' | 'id'>, b: Pick<Card, 'name' | 'id'>): number {
  return a.name.localeCompare(b.name, 'da') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
