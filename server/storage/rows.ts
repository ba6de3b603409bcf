import type { Role } from '../../shared/model/user.js';
import type { ArchivedCardRecord, TeamRecord, UserRecord } from './types.js';

/*
 * Rows as both adapters read them (SQLite and PostgreSQL name their columns alike) and their
 * records. The one difference is how a boolean comes back: SQLite 0/1, PostgreSQL true/false.
 */

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  name: string;
  lang: string;
  color: string;
  read_only: number | boolean;
  disabled_at: number | null;
  municipality_id: string | null;
}

export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role as Role,
  name: r.name,
  lang: r.lang === 'en' ? 'en' : 'da',
  color: r.color,
  readOnly: r.read_only === true || r.read_only === 1,
  disabledAt: r.disabled_at,
  municipalityId: r.municipality_id,
});

export interface ArchivedRow {
  board_id: string;
  card_id: string;
  name: string;
  closed_on: string;
  archived_at: number;
  card: string;
}

export const toArchived = (r: ArchivedRow): ArchivedCardRecord => ({
  boardId: r.board_id,
  cardId: r.card_id,
  name: r.name,
  closedOn: r.closed_on,
  archivedAt: r.archived_at,
  card: JSON.parse(r.card) as unknown,
});

/** A team as selected with TEAM_SELECT-style aliases; `kind` is free text in the database. */
export type TeamRow = Omit<TeamRecord, 'kind'> & { kind: string };

export const toTeam = (r: TeamRow): TeamRecord => ({ ...r, kind: r.kind === 'privat' ? 'privat' : 'kommune' });
