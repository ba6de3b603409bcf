import type { Card } from '../model/card.js';
import type { LocalOffer } from '../model/localOffers.js';
import { foldSearchText, matchesFoldedWords } from './fieldStaff.js';

/*
 * The local offers directory (R26): search as in the phone's citizen search (æøå or not,
 * case and accents ignored), and the offers the focus view prompts with for a citizen
 * (S2:1907-1928: being reminded that a link to civil society could be relevant is half of
 * making it). Pure.
 */

/** Offers matching every typed word in name, what, area or tags; all offers for an empty query. */
export function searchOffers(offers: readonly LocalOffer[], query: string): LocalOffer[] {
  const q = foldSearchText(query);
  const hits = q === '' ? [...offers] : offers.filter((o) => matchesFoldedWords(offerText(o), q));
  return hits.sort((a, b) => a.name.localeCompare(b.name, 'da') || (a.id < b.id ? -1 : 1));
}

/**
 * The offers a person sees: the whole municipality's (no district) and those of the districts
 * their teams belong to (R26: a directory per lokalområde). `districtIds` 'all' for the
 * administrator, who keeps every district's list.
 */
export function offersInDistricts(
  offers: readonly LocalOffer[],
  districtIds: ReadonlySet<string> | 'all',
): LocalOffer[] {
  if (districtIds === 'all') return [...offers];
  return offers.filter((o) => o.districtId === null || districtIds.has(o.districtId));
}

const offerText = (o: LocalOffer) => [o.name, o.what, o.area, ...o.tags].join(' ');

/**
 * What the citizen's card says about them, for matching offers' tags: active goals, the
 * forløb type and the note. A tag matches when it begins a word of that text ("ensom"
 * finds "ensomhed"; "gåtur" finds "gaatur").
 */
function cardText(card: Card): string {
  const goals = card.lifecycle.goals.filter((g) => g.status === 'aktiv').map((g) => g.text);
  return [...goals, card.forlobType, card.note].join(' ');
}

export interface OfferSuggestion {
  offer: LocalOffer;
  /** Linked to the card already, or matched by these tags. */
  linked: boolean;
  tags: string[];
}

/** The offers to prompt with for a citizen: linked ones first, then those whose tags fit, at most `max`. */
export function offersForCard(card: Card, offers: readonly LocalOffer[], max = 3): OfferSuggestion[] {
  const linked = new Set(card.lifecycle.offerLinks.map((l) => l.id));
  const text = cardText(card);
  const out: OfferSuggestion[] = [];
  for (const offer of offers) {
    if (linked.has(offer.id)) out.push({ offer, linked: true, tags: [] });
  }
  const matched = offers
    .filter((o) => !linked.has(o.id))
    .map((offer) => ({ offer, linked: false, tags: offer.tags.filter((t) => matchesFoldedWords(text, t)) }))
    .filter((s) => s.tags.length > 0)
    .sort((a, b) => b.tags.length - a.tags.length || a.offer.name.localeCompare(b.offer.name, 'da'));
  return [...out, ...matched].slice(0, max);
}
