import type Database from 'better-sqlite3';
import type { LocalOffer } from '../../shared/model/localOffers.js';
import { toOffer, type LocalOfferRecord, type LocalOfferStore, type OfferRow } from './offerTypes.js';

/** The local offers directory in SQLite (migration "local_offers" in migrations.ts; contract in offerTypes.ts). */
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
