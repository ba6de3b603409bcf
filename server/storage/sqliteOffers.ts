import type Database from 'better-sqlite3';
import type { LocalOffer } from '../../shared/model/localOffers.js';

/*
 * The local offers directory in SQLite (migration "local_offers" in migrations.ts; R26).
 * Per municipality, with an optional district. A card links to an offer by id; deleting
 * an offer leaves the links, which then read "findes ikke længere".
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

export class SqliteOfferStore implements LocalOfferStore {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      list: db.prepare<[string], OfferRow>('SELECT * FROM local_offers WHERE municipality_id = ? ORDER BY name, id'),
      get: db.prepare<[string, string], OfferRow>('SELECT * FROM local_offers WHERE municipality_id = ? AND id = ?'),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM local_offers WHERE municipality_id = ?'),
      put: db.prepare(
        `INSERT INTO local_offers (id, municipality_id, district_id, name, what, area, contact, tags, created_at, updated_at)
         VALUES (@id, @municipalityId, @districtId, @name, @what, @area, @contact, @tags, @at, @at)
         ON CONFLICT (id) DO UPDATE SET district_id = excluded.district_id, name = excluded.name,
           what = excluded.what, area = excluded.area, contact = excluded.contact, tags = excluded.tags,
           updated_at = excluded.updated_at
         WHERE local_offers.municipality_id = excluded.municipality_id`,
      ),
      delete: db.prepare('DELETE FROM local_offers WHERE municipality_id = ? AND id = ?'),
      existing: db.prepare<[string, string], { id: string }>(
        'SELECT id FROM local_offers WHERE municipality_id = ? AND id IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  async list(municipalityId: string): Promise<LocalOffer[]> {
    return this.s.list.all(municipalityId).map(toOffer);
  }

  async get(municipalityId: string, id: string): Promise<LocalOffer | null> {
    const r = this.s.get.get(municipalityId, id);
    return r ? toOffer(r) : null;
  }

  async count(municipalityId: string): Promise<number> {
    return this.s.count.get(municipalityId)?.n ?? 0;
  }

  async put(rec: LocalOfferRecord, at: number): Promise<void> {
    this.s.put.run({ ...rec, tags: JSON.stringify(rec.tags), at });
  }

  async delete(municipalityId: string, id: string): Promise<boolean> {
    return this.s.delete.run(municipalityId, id).changes > 0;
  }

  async existing(municipalityId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return this.s.existing.all(municipalityId, JSON.stringify(ids)).map((r) => r.id);
  }
}
