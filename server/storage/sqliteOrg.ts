import type Database from 'better-sqlite3';
import type { District, TeamOrg, VisitatorStatus } from '../../shared/model/organisation.js';
import type { CoverRecord, OrgStore, TeamOrgPatch, VisitatorStatusRecord } from './orgTypes.js';

interface CoverRow {
  id: string;
  team_id: string;
  user_id: string;
  from_day: string;
  to_day: string;
  created_at: number;
  created_by: string | null;
}

const toCover = (r: CoverRow): CoverRecord => ({
  id: r.id,
  teamId: r.team_id,
  userId: r.user_id,
  from: r.from_day,
  to: r.to_day,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const COVER_SELECT = 'SELECT c.* FROM visitator_covers c';

/** The organisation tables in SQLite (migration "Organisation" in migrations.ts). */
export class SqliteOrgStore implements OrgStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      memberTeamIds: db.prepare<[string], { team_id: string }>(
        'SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id',
      ),
      districts: db.prepare<[string], { id: string; name: string }>(
        'SELECT id, name FROM districts WHERE municipality_id = ? ORDER BY name',
      ),
      districtTeams: db.prepare<[string], { id: string }>('SELECT id FROM teams WHERE district_id = ? ORDER BY name'),
      districtVisitators: db.prepare<[string], { user_id: string }>(
        'SELECT user_id FROM district_visitators WHERE district_id = ? ORDER BY user_id',
      ),
      insertDistrict: db.prepare('INSERT INTO districts (id, municipality_id, name) VALUES (?, ?, ?)'),
      renameDistrict: db.prepare('UPDATE districts SET name = ? WHERE id = ?'),
      districtMunicipality: db.prepare<[string], { m: string }>(
        'SELECT municipality_id AS m FROM districts WHERE id = ?',
      ),
      clearPool: db.prepare('DELETE FROM district_visitators WHERE district_id = ?'),
      addPool: db.prepare('INSERT OR IGNORE INTO district_visitators (district_id, user_id) VALUES (?, ?)'),
      teamOrgs: db.prepare<[string], TeamOrg>(
        `SELECT id AS teamId, name, district_id AS districtId, partner_team_id AS partnerTeamId,
                evening_of_team_id AS eveningOfTeamId, visitator_id AS visitatorId
           FROM teams WHERE municipality_id = ? ORDER BY name`,
      ),
      teamOrgsAround: db.prepare<[{ m: string; ids: string }], TeamOrg>(
        `WITH own(id) AS (SELECT value FROM json_each(@ids))
         SELECT id AS teamId, name, district_id AS districtId, partner_team_id AS partnerTeamId,
                evening_of_team_id AS eveningOfTeamId, visitator_id AS visitatorId
           FROM teams WHERE municipality_id = @m AND (
             id IN own OR partner_team_id IN own
             OR id IN (SELECT partner_team_id FROM teams WHERE id IN own)
             OR id IN (SELECT evening_of_team_id FROM teams WHERE id IN own))
          ORDER BY name`,
      ),
      teamMunicipality: db.prepare<[string], { m: string }>('SELECT municipality_id AS m FROM teams WHERE id = ?'),
      partnerOf: db.prepare<[string], { p: string | null }>('SELECT partner_team_id AS p FROM teams WHERE id = ?'),
      setDistrict: db.prepare('UPDATE teams SET district_id = ? WHERE id = ?'),
      setPartner: db.prepare('UPDATE teams SET partner_team_id = ? WHERE id = ?'),
      clearPartnerLinksTo: db.prepare('UPDATE teams SET partner_team_id = NULL WHERE partner_team_id = ?'),
      setEvening: db.prepare('UPDATE teams SET evening_of_team_id = ? WHERE id = ?'),
      setVisitator: db.prepare('UPDATE teams SET visitator_id = ? WHERE id = ?'),
      covers: db.prepare<[string, string], CoverRow>(
        `${COVER_SELECT} JOIN teams t ON t.id = c.team_id WHERE t.municipality_id = ? AND c.to_day >= ? ORDER BY c.from_day, c.id`,
      ),
      coversOfUser: db.prepare<[string, string], CoverRow>(
        `${COVER_SELECT} WHERE c.user_id = ? AND c.to_day >= ? ORDER BY c.from_day, c.id`,
      ),
      getCover: db.prepare<[string], CoverRow>(`${COVER_SELECT} WHERE c.id = ?`),
      insertCover: db.prepare(
        'INSERT INTO visitator_covers (id, team_id, user_id, from_day, to_day, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteCover: db.prepare('DELETE FROM visitator_covers WHERE id = ?'),
      setStatus: db.prepare(
        `INSERT INTO visitator_status (team_id, day, user_id, status, set_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (team_id, day) DO UPDATE SET user_id = excluded.user_id, status = excluded.status, set_at = excluded.set_at`,
      ),
      status: db.prepare<
        [string, string],
        { teamId: string; day: string; userId: string; status: string; setAt: number }
      >(
        `SELECT team_id AS teamId, day, user_id AS userId, status, set_at AS setAt
           FROM visitator_status WHERE team_id = ? AND day = ?`,
      ),
    };
  }

  async memberTeamIds(userId: string): Promise<string[]> {
    return this.s.memberTeamIds.all(userId).map((r) => r.team_id);
  }

  async districts(municipalityId: string): Promise<District[]> {
    return this.s.districts.all(municipalityId).map((d) => ({
      id: d.id,
      name: d.name,
      teamIds: this.s.districtTeams.all(d.id).map((r) => r.id),
      visitatorIds: this.s.districtVisitators.all(d.id).map((r) => r.user_id),
    }));
  }

  async createDistrict(d: { id: string; municipalityId: string; name: string }): Promise<void> {
    this.s.insertDistrict.run(d.id, d.municipalityId, d.name);
  }

  async renameDistrict(id: string, name: string): Promise<void> {
    this.s.renameDistrict.run(name, id);
  }

  async districtMunicipality(id: string): Promise<string | null> {
    return this.s.districtMunicipality.get(id)?.m ?? null;
  }

  async setDistrictVisitators(districtId: string, userIds: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      this.s.clearPool.run(districtId);
      for (const u of userIds) this.s.addPool.run(districtId, u);
    })();
  }

  async teamOrgs(municipalityId: string): Promise<TeamOrg[]> {
    return this.s.teamOrgs.all(municipalityId);
  }

  async teamOrgsAround(municipalityId: string, teamIds: readonly string[]): Promise<TeamOrg[]> {
    return teamIds.length === 0 ? [] : this.s.teamOrgsAround.all({ m: municipalityId, ids: JSON.stringify(teamIds) });
  }

  async teamMunicipality(teamId: string): Promise<string | null> {
    return this.s.teamMunicipality.get(teamId)?.m ?? null;
  }

  async setTeamOrg(teamId: string, patch: TeamOrgPatch): Promise<void> {
    this.db.transaction(() => {
      if (patch.districtId !== undefined) this.s.setDistrict.run(patch.districtId, teamId);
      if (patch.partnerTeamId !== undefined) {
        // One makkerteam each, both ways: unlink both teams' old partners, then link the pair.
        const old = this.s.partnerOf.get(teamId)?.p ?? null;
        if (old !== null) this.s.setPartner.run(null, old);
        this.s.clearPartnerLinksTo.run(teamId);
        if (patch.partnerTeamId !== null) {
          const theirs = this.s.partnerOf.get(patch.partnerTeamId)?.p ?? null;
          if (theirs !== null) this.s.setPartner.run(null, theirs);
          this.s.clearPartnerLinksTo.run(patch.partnerTeamId);
          this.s.setPartner.run(teamId, patch.partnerTeamId);
        }
        this.s.setPartner.run(patch.partnerTeamId, teamId);
      }
      if (patch.eveningOfTeamId !== undefined) this.s.setEvening.run(patch.eveningOfTeamId, teamId);
      if (patch.visitatorId !== undefined) this.s.setVisitator.run(patch.visitatorId, teamId);
    })();
  }

  async covers(municipalityId: string, fromDay: string): Promise<CoverRecord[]> {
    return this.s.covers.all(municipalityId, fromDay).map(toCover);
  }

  async coversOfUser(userId: string, fromDay: string): Promise<CoverRecord[]> {
    return this.s.coversOfUser.all(userId, fromDay).map(toCover);
  }

  async createCover(c: CoverRecord): Promise<void> {
    this.s.insertCover.run(c.id, c.teamId, c.userId, c.from, c.to, c.createdAt, c.createdBy);
  }

  async getCover(id: string): Promise<CoverRecord | null> {
    const r = this.s.getCover.get(id);
    return r ? toCover(r) : null;
  }

  async deleteCover(id: string): Promise<void> {
    this.s.deleteCover.run(id);
  }

  async setVisitatorStatus(s: VisitatorStatusRecord): Promise<void> {
    this.s.setStatus.run(s.teamId, s.day, s.userId, s.status, s.setAt);
  }

  async visitatorStatus(teamId: string, day: string): Promise<VisitatorStatusRecord | null> {
    const r = this.s.status.get(teamId, day);
    return r ? { ...r, status: r.status as VisitatorStatus } : null;
  }
}
