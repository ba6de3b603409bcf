import type { District, TeamOrg, VisitatorStatus } from '../../shared/model/organisation.js';
import type { PgDb } from './pgDb.js';
import type { CoverRecord, OrgStore, TeamOrgPatch, VisitatorStatusRecord } from './orgTypes.js';

interface CoverRow {
  id: string;
  team_id: string;
  user_id: string;
  from_day: string;
  to_day: string;
  created_at: string | number;
  created_by: string | null;
}

const toCover = (r: CoverRow): CoverRecord => ({
  id: r.id,
  teamId: r.team_id,
  userId: r.user_id,
  from: r.from_day,
  to: r.to_day,
  createdAt: Number(r.created_at),
  createdBy: r.created_by,
});

const TEAM_ORG = `SELECT id AS "teamId", name, district_id AS "districtId", partner_team_id AS "partnerTeamId",
  evening_of_team_id AS "eveningOfTeamId", visitator_id AS "visitatorId" FROM teams`;

/** The organisation tables in PostgreSQL (pgMigrations.ts 14); the SQLite twin is sqliteOrg.ts. */
export class PgOrgStore implements OrgStore {
  constructor(private readonly db: PgDb) {}

  async memberTeamIds(userId: string): Promise<string[]> {
    const rows = await this.db.rows<{ team_id: string }>(
      'SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id',
      [userId],
    );
    return rows.map((r) => r.team_id);
  }

  async districts(municipalityId: string): Promise<District[]> {
    const ds = await this.db.rows<{ id: string; name: string }>(
      'SELECT id, name FROM districts WHERE municipality_id = $1 ORDER BY name',
      [municipalityId],
    );
    const out: District[] = [];
    for (const d of ds) {
      const teams = await this.db.rows<{ id: string }>('SELECT id FROM teams WHERE district_id = $1 ORDER BY name', [
        d.id,
      ]);
      const pool = await this.db.rows<{ user_id: string }>(
        'SELECT user_id FROM district_visitators WHERE district_id = $1 ORDER BY user_id',
        [d.id],
      );
      out.push({ id: d.id, name: d.name, teamIds: teams.map((t) => t.id), visitatorIds: pool.map((p) => p.user_id) });
    }
    return out;
  }

  async createDistrict(d: { id: string; municipalityId: string; name: string }): Promise<void> {
    await this.db.run('INSERT INTO districts (id, municipality_id, name) VALUES ($1, $2, $3)', [
      d.id,
      d.municipalityId,
      d.name,
    ]);
  }

  async renameDistrict(id: string, name: string): Promise<void> {
    await this.db.run('UPDATE districts SET name = $1 WHERE id = $2', [name, id]);
  }

  async districtMunicipality(id: string): Promise<string | null> {
    return (
      (await this.db.one<{ m: string }>('SELECT municipality_id AS m FROM districts WHERE id = $1', [id]))?.m ?? null
    );
  }

  async setDistrictVisitators(districtId: string, userIds: readonly string[]): Promise<void> {
    await this.db.tx(async (c) => {
      await c.query('DELETE FROM district_visitators WHERE district_id = $1', [districtId]);
      for (const u of userIds) {
        await c.query('INSERT INTO district_visitators (district_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          districtId,
          u,
        ]);
      }
    });
  }

  async teamOrgs(municipalityId: string): Promise<TeamOrg[]> {
    return this.db.rows<TeamOrg>(`${TEAM_ORG} WHERE municipality_id = $1 ORDER BY name`, [municipalityId]);
  }

  async teamOrgsAround(municipalityId: string, teamIds: readonly string[]): Promise<TeamOrg[]> {
    if (teamIds.length === 0) return [];
    return this.db.rows<TeamOrg>(
      `${TEAM_ORG} WHERE municipality_id = $1 AND (
         id = ANY($2::text[]) OR partner_team_id = ANY($2::text[])
         OR id IN (SELECT partner_team_id FROM teams WHERE id = ANY($2::text[]))
         OR id IN (SELECT evening_of_team_id FROM teams WHERE id = ANY($2::text[])))
       ORDER BY name`,
      [municipalityId, [...teamIds]],
    );
  }

  async teamMunicipality(teamId: string): Promise<string | null> {
    return (
      (await this.db.one<{ m: string }>('SELECT municipality_id AS m FROM teams WHERE id = $1', [teamId]))?.m ?? null
    );
  }

  async setTeamOrg(teamId: string, patch: TeamOrgPatch): Promise<void> {
    await this.db.tx(async (c) => {
      const set = (col: string, v: string | null, id: string) =>
        c.query(`UPDATE teams SET ${col} = $1 WHERE id = $2`, [v, id]);
      if (patch.districtId !== undefined) await set('district_id', patch.districtId, teamId);
      if (patch.partnerTeamId !== undefined) {
        // One makkerteam each, both ways (as sqliteOrg.ts).
        const partnerOf = async (id: string) =>
          (
            (await c.query('SELECT partner_team_id AS p FROM teams WHERE id = $1', [id])).rows[0] as
              { p: string | null } | undefined
          )?.p ?? null;
        const old = await partnerOf(teamId);
        if (old !== null) await set('partner_team_id', null, old);
        await c.query('UPDATE teams SET partner_team_id = NULL WHERE partner_team_id = $1', [teamId]);
        if (patch.partnerTeamId !== null) {
          const theirs = await partnerOf(patch.partnerTeamId);
          if (theirs !== null) await set('partner_team_id', null, theirs);
          await c.query('UPDATE teams SET partner_team_id = NULL WHERE partner_team_id = $1', [patch.partnerTeamId]);
          await set('partner_team_id', teamId, patch.partnerTeamId);
        }
        await set('partner_team_id', patch.partnerTeamId, teamId);
      }
      if (patch.eveningOfTeamId !== undefined) await set('evening_of_team_id', patch.eveningOfTeamId, teamId);
      if (patch.visitatorId !== undefined) await set('visitator_id', patch.visitatorId, teamId);
    });
  }

  async covers(municipalityId: string, fromDay: string): Promise<CoverRecord[]> {
    const rows = await this.db.rows<CoverRow>(
      `SELECT c.* FROM visitator_covers c JOIN teams t ON t.id = c.team_id
        WHERE t.municipality_id = $1 AND c.to_day >= $2 ORDER BY c.from_day, c.id`,
      [municipalityId, fromDay],
    );
    return rows.map(toCover);
  }

  async coversOfUser(userId: string, fromDay: string): Promise<CoverRecord[]> {
    const rows = await this.db.rows<CoverRow>(
      'SELECT * FROM visitator_covers WHERE user_id = $1 AND to_day >= $2 ORDER BY from_day, id',
      [userId, fromDay],
    );
    return rows.map(toCover);
  }

  async createCover(c: CoverRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO visitator_covers (id, team_id, user_id, from_day, to_day, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.id, c.teamId, c.userId, c.from, c.to, c.createdAt, c.createdBy],
    );
  }

  async getCover(id: string): Promise<CoverRecord | null> {
    const r = await this.db.one<CoverRow>('SELECT * FROM visitator_covers WHERE id = $1', [id]);
    return r ? toCover(r) : null;
  }

  async deleteCover(id: string): Promise<void> {
    await this.db.run('DELETE FROM visitator_covers WHERE id = $1', [id]);
  }

  async setVisitatorStatus(s: VisitatorStatusRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO visitator_status (team_id, day, user_id, status, set_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (team_id, day) DO UPDATE SET user_id = excluded.user_id, status = excluded.status, set_at = excluded.set_at`,
      [s.teamId, s.day, s.userId, s.status, s.setAt],
    );
  }

  async visitatorStatus(teamId: string, day: string): Promise<VisitatorStatusRecord | null> {
    const r = await this.db.one<{
      teamId: string;
      day: string;
      userId: string;
      status: string;
      setAt: string | number;
    }>(
      `SELECT team_id AS "teamId", day, user_id AS "userId", status, set_at AS "setAt"
         FROM visitator_status WHERE team_id = $1 AND day = $2`,
      [teamId, day],
    );
    return r ? { ...r, status: r.status as VisitatorStatus, setAt: Number(r.setAt) } : null;
  }
}
