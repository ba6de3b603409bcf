import type { LocalOffer } from '../../shared/model/localOffers.js';

/*
 * The local offers directory's storage contract (R26; issue #16 part 5), kept by both
 * adapters: sqliteOffers.ts and pgOffers.ts. Per municipality, with an optional district.
 * A card links to an offer by id; deleting an offer leaves the links, which then read
 * "findes ikke længere".
 */

/** What the admin page writes: the validated input (model/localOffers.ts) and an id. */
export interface LocalOfferRecord {
  id: string;
  municipalityId: string;
  districtId: string | null;
  name: string;
  what: string;
  area: string;
  contact: string;
  tags: string[];
}

export interface LocalOfferStore {
  /** Every offer of the municipality, by name. */
  list(municipalityId: string): Promise<LocalOffer[]>;
  get(municipalityId: string, id: string): Promise<LocalOffer | null>;
  count(municipalityId: string): Promise<number>;
  /** Creates or replaces (same id and municipality) an offer. */
  put(rec: LocalOfferRecord, at: number): Promise<void>;
  /** False when the municipality has no such offer. */
  delete(municipalityId: string, id: string): Promise<boolean>;
  /** Those of `ids` the municipality's directory has (the write gate's check of a card link). */
  existing(municipalityId: string, ids: readonly string[]): Promise<string[]>;
}

/** A stored offer as both adapters read it (tags as JSON text, times in epoch ms). */
export interface OfferRow {
  id: string;
  municipality_id: string;
  district_id: string | null;
  name: string;
  what: string;
  area: string;
  contact: string;
  tags: string;
  updated_at: number;
}

export function toOffer(r: OfferRow): LocalOffer {
  let tags: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    tags = [];
  }
  return {
    id: r.id,
    municipalityId: r.municipality_id,
    districtId: r.district_id,
    name: r.name,
    what: r.what,
    area: r.area,
    contact: r.contact,
    tags,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
