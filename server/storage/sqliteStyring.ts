import type Database from 'better-sqlite3';
import { writeTransaction, type Statement } from './commitBatch.js';
import type { GroupCommit } from './groupCommit.js';
import { newId } from '../../shared/model/ids.js';
import type { VisitRow } from '../../shared/model/visits.js';
import type { CardEvent } from '../../shared/rules/cardEvents.js';
import type {
  BoardStateRecord,
  CardFact,
  EventCount,
  ImportTokenRecord,
  StyringStore,
  TeamStyringSettings,
  VisitDay,
} from './styringTypes.js';

interface FactRow {
  card_id: string;
  external_ref: string;
  weekly_hours: number | null;
  forlob_type_id: string | null;
  closed: number;
}

const toFact = (r: FactRow): CardFact => ({
  cardId: r.card_id,
  externalRef: r.external_ref,
  weeklyHours: r.weekly_hours,
  forlobTypeId: r.forlob_type_id,
  closed: r.closed === 1,
});

/**
 * The writes that follow edits go through group commit (groupCommit.ts), which takes SQL
 * text and parameters (committed on a connection of its own, sqliteWriter.ts).
 */
const SQL = {
  deleteFactsOfBoard: 'DELETE FROM card_facts WHERE board_id = ?',
  deleteFact: 'DELETE FROM card_facts WHERE board_id = ? AND card_id = ?',
  upsertFact: `INSERT INTO card_facts (board_id, card_id, external_ref, weekly_hours, forlob_type_id, closed)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (board_id, card_id) DO UPDATE SET external_ref = excluded.external_ref,
      weekly_hours = excluded.weekly_hours, forlob_type_id = excluded.forlob_type_id, closed = excluded.closed
    -- Most edits leave a card's facts as they were: then the row (and its pages) stay untouched.
    WHERE (card_facts.external_ref, card_facts.weekly_hours, card_facts.forlob_type_id, card_facts.closed)
      IS NOT (excluded.external_ref, excluded.weekly_hours, excluded.forlob_type_id, excluded.closed)`,
  insertEvent:
    'INSERT INTO card_events (board_id, card_id, at, day, week, kind, detail, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  setState: `INSERT INTO board_state (board_id, at, not_discussed, response_overdue, followups_overdue) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (board_id) DO UPDATE SET at = excluded.at, not_discussed = excluded.not_discussed,
      response_overdue = excluded.response_overdue, followups_overdue = excluded.followups_overdue`,
} as const;

function factUpserts(boardId: string, facts: readonly CardFact[]): Statement[] {
  return facts.map((f) => ({
    sql: SQL.upsertFact,
    params: [boardId, f.cardId, f.externalRef, f.weeklyHours, f.forlobTypeId, f.closed ? 1 : 0],
  }));
}

/** Lists travel as one JSON parameter (json_each), so no statement is built per list length. */
const list = (items: readonly string[]) => JSON.stringify(items);

/** The Styring tables in SQLite (migration "Styring" in migrations.ts). */
export class SqliteStyringStore implements StyringStore {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    /** The writes after every edit (facts, events, board state) share the log's commits. */
    private readonly commits: GroupCommit,
  ) {
    this.s = {
      visitExists: db.prepare<[string, string], { x: number }>(
        'SELECT 1 AS x FROM visits WHERE municipality_id = ? AND visit_id = ?',
      ),
      upsertVisit: db.prepare(
        `INSERT INTO visits (municipality_id, visit_id, citizen_ref, date, planned_minutes, delivered_minutes, help_type, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (municipality_id, visit_id) DO UPDATE SET citizen_ref = excluded.citizen_ref, date = excluded.date,
           planned_minutes = excluded.planned_minutes, delivered_minutes = excluded.delivered_minutes,
           help_type = excluded.help_type, imported_at = excluded.imported_at`,
      ),
      visitDays: db.prepare<[string, string, string, string], VisitDay>(
        `SELECT citizen_ref AS citizenRef, date, SUM(planned_minutes) AS plannedMinutes,
                SUM(delivered_minutes) AS deliveredMinutes, COUNT(*) AS visits
           FROM visits
          WHERE municipality_id = ? AND citizen_ref IN (SELECT value FROM json_each(?)) AND date BETWEEN ? AND ?
          GROUP BY citizen_ref, date ORDER BY date`,
      ),
      coveredUntil: db.prepare<[string], { d: string | null }>(
        'SELECT MAX(date) AS d FROM visits WHERE municipality_id = ?',
      ),
      refsElsewhere: db.prepare<[string, string], { ref: string }>(
        `SELECT DISTINCT f.external_ref AS ref FROM card_facts f
           JOIN boards b ON b.id = f.board_id JOIN teams t ON t.id = b.team_id
          WHERE t.municipality_id <> ? AND f.external_ref IN (SELECT value FROM json_each(?))`,
      ),
      facts: db.prepare<[string], FactRow>('SELECT * FROM card_facts WHERE board_id = ? ORDER BY card_id'),
      fact: db.prepare<[string, string], FactRow>('SELECT * FROM card_facts WHERE board_id = ? AND card_id = ?'),
      eventCounts: db.prepare<[string, string], EventCount>(
        `SELECT week, kind, detail, COUNT(*) AS count, COALESCE(SUM(minutes), 0) AS minutesSum,
                COUNT(minutes) AS minutesCount
           FROM card_events
          WHERE board_id IN (SELECT value FROM json_each(?)) AND week IN (SELECT value FROM json_each(?))
          GROUP BY week, kind, detail ORDER BY week, kind, detail`,
      ),
      state: db.prepare<[string], BoardStateRecord>(
        `SELECT at, not_discussed AS notDiscussed, response_overdue AS responseOverdue,
                followups_overdue AS followUpsOverdue FROM board_state WHERE board_id = ?`,
      ),
      teamSettings: db.prepare<[string], TeamStyringSettings>(
        `SELECT t.id AS teamId, t.name AS teamName, t.municipality_id AS municipalityId,
                (SELECT b.id FROM boards b WHERE b.team_id = t.id ORDER BY b.id LIMIT 1) AS boardId,
                t.staff_hours_per_week AS staffHoursPerWeek, t.budget_per_week AS budgetPerWeek,
                (SELECT d.name FROM districts d WHERE d.id = t.district_id) AS district
           FROM teams t WHERE t.municipality_id = ? ORDER BY t.name`,
      ),
      setTeam: db.prepare(
        'UPDATE teams SET staff_hours_per_week = ?, budget_per_week = ?, district_id = ? WHERE id = ?',
      ),
      // The district is a real one (table districts, issue #16): a name given here is found in
      // the team's municipality, or made, so the cockpit's district view is the organisation's.
      districtByName: db.prepare<[string, string], { id: string }>(
        'SELECT d.id FROM districts d JOIN teams t ON t.municipality_id = d.municipality_id WHERE t.id = ? AND d.name = ?',
      ),
      insertDistrict: db.prepare(
        'INSERT INTO districts (id, municipality_id, name) SELECT ?, municipality_id, ? FROM teams WHERE id = ?',
      ),
      rates: db.prepare<[string], { r: string | null }>('SELECT budget_rates AS r FROM municipalities WHERE id = ?'),
      setRates: db.prepare('UPDATE municipalities SET budget_rates = ? WHERE id = ?'),
      insertToken: db.prepare(
        'INSERT INTO import_tokens (id, municipality_id, name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      tokens: db.prepare<[string], ImportTokenRecord>(
        `SELECT id, municipality_id AS municipalityId, name, created_at AS createdAt, created_by AS createdBy
           FROM import_tokens WHERE municipality_id = ? ORDER BY created_at`,
      ),
      tokenByHash: db.prepare<[string], ImportTokenRecord>(
        `SELECT id, municipality_id AS municipalityId, name, created_at AS createdAt, created_by AS createdBy
           FROM import_tokens WHERE token_hash = ?`,
      ),
      deleteToken: db.prepare('DELETE FROM import_tokens WHERE municipality_id = ? AND id = ?'),
    };
  }

  async upsertVisits(municipalityId: string, rows: readonly VisitRow[], at: number) {
    let added = 0;
    let updated = 0;
    writeTransaction(this.db, () => {
      for (const r of rows) {
        if (this.s.visitExists.get(municipalityId, r.visitId)) updated++;
        else added++;
        this.s.upsertVisit.run(
          municipalityId,
          r.visitId,
          r.citizenRef,
          r.date,
          r.plannedMinutes,
          r.deliveredMinutes,
          r.helpType,
          at,
        );
      }
    });
    return { added, updated };
  }

  async visitDays(municipalityId: string, refs: readonly string[], from: string, to: string) {
    if (refs.length === 0) return [];
    return this.s.visitDays.all(municipalityId, list(refs), from, to);
  }

  async visitsCoveredUntil(municipalityId: string) {
    return this.s.coveredUntil.get(municipalityId)?.d ?? null;
  }

  async refsElsewhere(municipalityId: string, refs: readonly string[]) {
    if (refs.length === 0) return new Set<string>();
    return new Set(this.s.refsElsewhere.all(municipalityId, list(refs)).map((r) => r.ref));
  }

  async replaceCardFacts(boardId: string, facts: readonly CardFact[]) {
    await this.commits.run([{ sql: SQL.deleteFactsOfBoard, params: [boardId] }, ...factUpserts(boardId, facts)]);
  }

  async upsertCardFacts(boardId: string, facts: readonly CardFact[]) {
    if (facts.length > 0) await this.commits.run(factUpserts(boardId, facts), 'followUp');
  }

  async deleteCardFacts(boardId: string, cardIds: readonly string[]) {
    if (cardIds.length === 0) return;
    await this.commits.run(
      cardIds.map((id) => ({ sql: SQL.deleteFact, params: [boardId, id] })),
      'followUp',
    );
  }

  async cardFacts(boardId: string) {
    return this.s.facts.all(boardId).map(toFact);
  }

  async cardFact(boardId: string, cardId: string) {
    const row = this.s.fact.get(boardId, cardId);
    return row ? toFact(row) : null;
  }

  async appendCardEvents(boardId: string, events: readonly CardEvent[]) {
    if (events.length === 0) return;
    await this.commits.run(
      events.map((e) => ({
        sql: SQL.insertEvent,
        params: [boardId, e.cardId, e.at, e.day, e.week, e.kind, e.detail, e.minutes],
      })),
      'followUp',
    );
  }

  async eventCounts(boardIds: readonly string[], weeks: readonly string[]) {
    if (boardIds.length === 0 || weeks.length === 0) return [];
    return this.s.eventCounts.all(list(boardIds), list(weeks));
  }

  async setBoardState(boardId: string, st: BoardStateRecord) {
    await this.commits.run([
      { sql: SQL.setState, params: [boardId, st.at, st.notDiscussed, st.responseOverdue, st.followUpsOverdue] },
    ]);
  }

  async boardState(boardId: string) {
    return this.s.state.get(boardId) ?? null;
  }

  async teamSettings(municipalityId: string) {
    return this.s.teamSettings.all(municipalityId);
  }

  async setTeamStyring(
    teamId: string,
    s: { staffHoursPerWeek: number | null; budgetPerWeek: number | null; district: string | null },
  ) {
    this.db.transaction(() => {
      let districtId: string | null = null;
      if (s.district !== null && s.district.trim() !== '') {
        const name = s.district.trim();
        districtId = this.s.districtByName.get(teamId, name)?.id ?? null;
        if (districtId === null) {
          districtId = newId('district-');
          this.s.insertDistrict.run(districtId, name, teamId);
        }
      }
      this.s.setTeam.run(s.staffHoursPerWeek, s.budgetPerWeek, districtId, teamId);
    })();
  }

  async budgetRates(municipalityId: string) {
    return this.s.rates.get(municipalityId)?.r ?? null;
  }

  async setBudgetRates(municipalityId: string, json: string | null) {
    this.s.setRates.run(json, municipalityId);
  }

  async createImportToken(t: ImportTokenRecord & { tokenHash: string }) {
    this.s.insertToken.run(t.id, t.municipalityId, t.name, t.tokenHash, t.createdAt, t.createdBy);
  }

  async importTokens(municipalityId: string) {
    return this.s.tokens.all(municipalityId);
  }

  async importTokenByHash(tokenHash: string) {
    return this.s.tokenByHash.get(tokenHash) ?? null;
  }

  async deleteImportToken(municipalityId: string, id: string) {
    return this.s.deleteToken.run(municipalityId, id).changes > 0;
  }
}
