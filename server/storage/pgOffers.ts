import type { LocalOffer } from '../../shared/model/localOffers.js';
import type { PgDb } from './pgDb.js';
import { toOffer, type LocalOfferRecord, type LocalOfferStore, type OfferRow } from './offerTypes.js';

/** The local offers directory in PostgreSQL (pgMigrations.ts 14); the SQLite twin is sqliteOffers.ts. */
export class PgOfferStore implements LocalOfferStore {
  constructor(private readonly db: PgDb) {}

  async list(municipalityId: string): Promise<LocalOffer[]> {
    const rows = await this.db.rows<OfferRow>(
      'SELECT * FROM local_offers WHERE municipality_id = $1 ORDER BY name, id',
      [municipalityId],
    );
    return rows.map(toOffer);
  }

  async get(municipalityId: string, id: string): Promise<LocalOffer | null> {
    const r = await this.db.one<OfferRow>('SELECT * FROM local_offers WHERE municipality_id = $1 AND id = $2', [
      municipalityId,
      id,
    ]);
    return r ? toOffer(r) : null;
  }

  async count(municipalityId: string): Promise<number> {
    const r = await this.db.one<{ n: number }>(
      'SELECT COUNT(*)::integer AS n FROM local_offers WHERE municipality_id = $1',
      [municipalityId],
    );
    return r?.n ?? 0;
  }

  async put(rec: LocalOfferRecord, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO local_offers (id, municipality_id, district_id, name, what, area, contact, tags, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (id) DO UPDATE SET district_id = excluded.district_id, name = excluded.name,
         what = excluded.what, area = excluded.area, contact = excluded.contact, tags = excluded.tags,
         updated_at = excluded.updated_at
       WHERE local_offers.municipality_id = excluded.municipality_id`,
      [
        rec.id,
        rec.municipalityId,
        rec.districtId,
        rec.name,
        rec.what,
        rec.area,
        rec.contact,
        JSON.stringify(rec.tags),
        at,
      ],
    );
  }

  async delete(municipalityId: string, id: string): Promise<boolean> {
    return (
      (await this.db.run('DELETE FROM local_offers WHERE municipality_id = $1 AND id = $2', [municipalityId, id])) > 0
    );
  }

  async existing(municipalityId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.rows<{ id: string }>(
      'SELECT id FROM local_offers WHERE municipality_id = $1 AND id = ANY($2::text[])',
      [municipalityId, ids],
    );
    return rows.map((r) => r.id);
  }
}
