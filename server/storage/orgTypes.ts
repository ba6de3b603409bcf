import type { District, TeamOrg, VisitatorCover, VisitatorStatus } from '../../shared/model/organisation.js';

/**
 * The organisation around the teams (issue #16; shared/model/organisation.ts): districts and
 * their visitator pools, makkerteams, evening teams, fixed visitators, covers and the
 * visitator's status per day. Tables: districts, district_visitators, visitator_covers,
 * visitator_status and the teams columns district_id, partner_team_id, evening_of_team_id,
 * visitator_id (migration "Organisation").
 */
export interface CoverRecord extends VisitatorCover {
  /** Epoch ms. */
  createdAt: number;
  createdBy: string | null;
}

export interface VisitatorStatusRecord {
  teamId: string;
  /** YYYY-MM-DD (Danish date). */
  day: string;
  userId: string;
  status: VisitatorStatus;
  /** Epoch ms. */
  setAt: number;
}

export interface TeamOrgPatch {
  districtId?: string | null;
  /** Makkerteam; kept symmetric: the old partner's link is cleared, the new one's set. */
  partnerTeamId?: string | null;
  eveningOfTeamId?: string | null;
  visitatorId?: string | null;
}

export interface OrgStore {
  /** Every team the user is a member of, with a board or not (an evening team has none). */
  memberTeamIds(userId: string): Promise<string[]>;
  districts(municipalityId: string): Promise<District[]>;
  /** Throws when the name is taken in the municipality (UNIQUE). */
  createDistrict(d: { id: string; municipalityId: string; name: string }): Promise<void>;
  renameDistrict(id: string, name: string): Promise<void>;
  districtMunicipality(id: string): Promise<string | null>;
  /** Replaces the district's visitator pool. */
  setDistrictVisitators(districtId: string, userIds: readonly string[]): Promise<void>;
  /** Every team of the municipality with its organisation. */
  teamOrgs(municipalityId: string): Promise<TeamOrg[]>;
  /**
   * The teams of the municipality that decide a member of `teamIds`'s reach (org/access.ts):
   * those teams, their makkerteams either way and the day teams they are evening teams of.
   * Read at every connect: it returns these rows only, not the whole municipality's.
   */
  teamOrgsAround(municipalityId: string, teamIds: readonly string[]): Promise<TeamOrg[]>;
  /** The municipality of a team (null for an unknown team). */
  teamMunicipality(teamId: string): Promise<string | null>;
  setTeamOrg(teamId: string, patch: TeamOrgPatch): Promise<void>;
  /** Covers of the municipality's teams that end on or after `fromDay`, by start. */
  covers(municipalityId: string, fromDay: string): Promise<CoverRecord[]>;
  /** One user's covers ending on or after `fromDay`. */
  coversOfUser(userId: string, fromDay: string): Promise<CoverRecord[]>;
  createCover(c: CoverRecord): Promise<void>;
  getCover(id: string): Promise<CoverRecord | null>;
  deleteCover(id: string): Promise<void>;
  /** Upserts the status of the team's visitator for the day. */
  setVisitatorStatus(s: VisitatorStatusRecord): Promise<void>;
  visitatorStatus(teamId: string, day: string): Promise<VisitatorStatusRecord | null>;
}
