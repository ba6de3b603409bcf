import { newId } from '../../shared/model/ids.js';
import type { VisitRow } from '../../shared/model/visits.js';
import type { CardEvent } from '../../shared/rules/cardEvents.js';
import type { PgDb, PgGroupCommit } from './pgDb.js';
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
  closed: boolean;
}

const toFact = (r: FactRow): CardFact => ({
  cardId: r.card_id,
  externalRef: r.external_ref,
  weeklyHours: r.weekly_hours,
  forlobTypeId: r.forlob_type_id,
  closed: r.closed,
});

const TOKEN_SELECT = `SELECT id, municipality_id AS "municipalityId", name, created_at AS "createdAt",
  created_by AS "createdBy" FROM import_tokens`;

const UPSERT_FACT = `INSERT INTO card_facts (board_id, card_id, external_ref, weekly_hours, forlob_type_id, closed)
  SELECT $1, f.card_id, f.external_ref, f.weekly_hours, f.forlob_type_id, f.closed
    FROM jsonb_to_recordset($2::jsonb)
      AS f(card_id text, external_ref text, weekly_hours double precision, forlob_type_id text, closed boolean)
  ON CONFLICT (board_id, card_id) DO UPDATE SET external_ref = excluded.external_ref,
    weekly_hours = excluded.weekly_hours, forlob_type_id = excluded.forlob_type_id, closed = excluded.closed
  -- Most edits leave a card's facts as they were: then the row is not rewritten.
  WHERE (card_facts.external_ref, card_facts.weekly_hours, card_facts.forlob_type_id, card_facts.closed)
    IS DISTINCT FROM (excluded.external_ref, excluded.weekly_hours, excluded.forlob_type_id, excluded.closed)`;

const factsJson = (facts: readonly CardFact[]) =>
  JSON.stringify(
    facts.map((f) => ({
      card_id: f.cardId,
      external_ref: f.externalRef,
      weekly_hours: f.weeklyHours,
      forlob_type_id: f.forlobTypeId,
      closed: f.closed,
    })),
  );

/** The Styring tables in PostgreSQL (pgMigrations.ts 13); the SQLite twin is sqliteStyring.ts. */
export class PgStyringStore implements StyringStore {
  constructor(
    private readonly db: PgDb,
    /** The writes after every edit (facts, events, board state) share the log's commits. */
    private readonly commits: PgGroupCommit,
  ) {}

  async upsertVisits(municipalityId: string, rows: readonly VisitRow[], at: number) {
    if (rows.length === 0) return { added: 0, updated: 0 };
    // xmax = 0 on a freshly inserted row, non-zero on one the conflict updated.
    const result = await this.db.rows<{ inserted: boolean }>(
      `INSERT INTO visits (municipality_id, visit_id, citizen_ref, date, planned_minutes, delivered_minutes, help_type, imported_at)
       SELECT $1, v."visitId", v."citizenRef", v.date, v."plannedMinutes", v."deliveredMinutes", v."helpType", $3
         FROM jsonb_to_recordset($2::jsonb) AS v("visitId" text, "citizenRef" text, date text,
              "plannedMinutes" integer, "deliveredMinutes" integer, "helpType" text)
       ON CONFLICT (municipality_id, visit_id) DO UPDATE SET citizen_ref = excluded.citizen_ref, date = excluded.date,
         planned_minutes = excluded.planned_minutes, delivered_minutes = excluded.delivered_minutes,
         help_type = excluded.help_type, imported_at = excluded.imported_at
       RETURNING (xmax = 0) AS inserted`,
      [municipalityId, JSON.stringify(lastPerVisit(rows)), at],
    );
    const added = result.filter((r) => r.inserted).length;
    // A visit id repeated within one import counts as an update of itself, as in SQLite.
    return { added, updated: rows.length - added };
  }

  async visitDays(municipalityId: string, refs: readonly string[], from: string, to: string): Promise<VisitDay[]> {
    if (refs.length === 0) return [];
    return this.db.rows<VisitDay>(
      `SELECT citizen_ref AS "citizenRef", date, SUM(planned_minutes)::integer AS "plannedMinutes",
              SUM(delivered_minutes)::integer AS "deliveredMinutes", COUNT(*)::integer AS visits
         FROM visits
        WHERE municipality_id = $1 AND citizen_ref = ANY($2::text[]) AND date BETWEEN $3 AND $4
        GROUP BY citizen_ref, date ORDER BY date`,
      [municipalityId, refs, from, to],
    );
  }

  async visitsCoveredUntil(municipalityId: string) {
    return (
      (
        await this.db.one<{ d: string | null }>('SELECT MAX(date) AS d FROM visits WHERE municipality_id = $1', [
          municipalityId,
        ])
      )?.d ?? null
    );
  }

  async refsElsewhere(municipalityId: string, refs: readonly string[]) {
    if (refs.length === 0) return new Set<string>();
    const rows = await this.db.rows<{ ref: string }>(
      `SELECT DISTINCT f.external_ref AS ref FROM card_facts f
         JOIN boards b ON b.id = f.board_id JOIN teams t ON t.id = b.team_id
        WHERE t.municipality_id <> $1 AND f.external_ref = ANY($2::text[])`,
      [municipalityId, refs],
    );
    return new Set(rows.map((r) => r.ref));
  }

  async replaceCardFacts(boardId: string, facts: readonly CardFact[]) {
    await this.db.tx(async (c) => {
      await c.query('DELETE FROM card_facts WHERE board_id = $1', [boardId]);
      if (facts.length > 0) await c.query(UPSERT_FACT, [boardId, factsJson(facts)]);
    });
  }

  async upsertCardFacts(boardId: string, facts: readonly CardFact[]) {
    if (facts.length === 0) return;
    await this.commits.run((c) => c.query(UPSERT_FACT, [boardId, factsJson(facts)]));
  }

  async deleteCardFacts(boardId: string, cardIds: readonly string[]) {
    if (cardIds.length === 0) return;
    await this.commits.run((c) =>
      c.query('DELETE FROM card_facts WHERE board_id = $1 AND card_id = ANY($2::text[])', [boardId, cardIds]),
    );
  }

  async cardFacts(boardId: string) {
    return (
      await this.db.rows<FactRow>('SELECT * FROM card_facts WHERE board_id = $1 ORDER BY card_id', [boardId])
    ).map(toFact);
  }

  async cardFact(boardId: string, cardId: string) {
    const row = await this.db.one<FactRow>('SELECT * FROM card_facts WHERE board_id = $1 AND card_id = $2', [
      boardId,
      cardId,
    ]);
    return row ? toFact(row) : null;
  }

  async appendCardEvents(boardId: string, events: readonly CardEvent[]) {
    if (events.length === 0) return;
    await this.commits.run((c) =>
      c.query(
        `INSERT INTO card_events (board_id, card_id, at, day, week, kind, detail, minutes)
         SELECT $1, e."cardId", e.at, e.day, e.week, e.kind, e.detail, e.minutes
           FROM jsonb_to_recordset($2::jsonb)
             AS e("cardId" text, at bigint, day text, week text, kind text, detail text, minutes integer)`,
        [boardId, JSON.stringify(events)],
      ),
    );
  }

  async eventCounts(boardIds: readonly string[], weeks: readonly string[]): Promise<EventCount[]> {
    if (boardIds.length === 0 || weeks.length === 0) return [];
    return this.db.rows<EventCount>(
      `SELECT week, kind, detail, COUNT(*)::integer AS count, COALESCE(SUM(minutes), 0)::integer AS "minutesSum",
              COUNT(minutes)::integer AS "minutesCount"
         FROM card_events
        WHERE board_id = ANY($1::text[]) AND week = ANY($2::text[])
        GROUP BY week, kind, detail ORDER BY week, kind, detail`,
      [boardIds, weeks],
    );
  }

  async setBoardState(boardId: string, st: BoardStateRecord) {
    await this.commits.run((c) =>
      c.query(
        `INSERT INTO board_state (board_id, at, not_discussed, response_overdue, followups_overdue)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (board_id) DO UPDATE SET at = excluded.at, not_discussed = excluded.not_discussed,
           response_overdue = excluded.response_overdue, followups_overdue = excluded.followups_overdue`,
        [boardId, st.at, st.notDiscussed, st.responseOverdue, st.followUpsOverdue],
      ),
    );
  }

  async boardState(boardId: string) {
    return this.db.one<BoardStateRecord>(
      `SELECT at, not_discussed AS "notDiscussed", response_overdue AS "responseOverdue",
              followups_overdue AS "followUpsOverdue" FROM board_state WHERE board_id = $1`,
      [boardId],
    );
  }

  async teamSettings(municipalityId: string) {
    return this.db.rows<TeamStyringSettings>(
      `SELECT t.id AS "teamId", t.name AS "teamName", t.municipality_id AS "municipalityId",
              (SELECT b.id FROM boards b WHERE b.team_id = t.id ORDER BY b.id LIMIT 1) AS "boardId",
              t.staff_hours_per_week AS "staffHoursPerWeek", t.budget_per_week AS "budgetPerWeek",
              (SELECT d.name FROM districts d WHERE d.id = t.district_id) AS district
         FROM teams t WHERE t.municipality_id = $1 ORDER BY t.name`,
      [municipalityId],
    );
  }

  async setTeamStyring(
    teamId: string,
    s: { staffHoursPerWeek: number | null; budgetPerWeek: number | null; district: string | null },
  ) {
    // The district is a real one (districts, issue #16): found by name in the team's
    // municipality, or made (as sqliteStyring.ts).
    await this.db.tx(async (c) => {
      let districtId: string | null = null;
      const name = s.district?.trim() ?? '';
      if (name !== '') {
        const found = await c.query(
          'SELECT d.id FROM districts d JOIN teams t ON t.municipality_id = d.municipality_id WHERE t.id = $1 AND d.name = $2',
          [teamId, name],
        );
        districtId = (found.rows[0] as { id: string } | undefined)?.id ?? null;
        if (districtId === null) {
          districtId = newId('district-');
          await c.query(
            'INSERT INTO districts (id, municipality_id, name) SELECT $1, municipality_id, $2 FROM teams WHERE id = $3',
            [districtId, name, teamId],
          );
        }
      }
      await c.query(
        'UPDATE teams SET staff_hours_per_week = $1, budget_per_week = $2, district_id = $3 WHERE id = $4',
        [s.staffHoursPerWeek, s.budgetPerWeek, districtId, teamId],
      );
    });
  }

  async budgetRates(municipalityId: string) {
    return (
      (
        await this.db.one<{ r: string | null }>('SELECT budget_rates AS r FROM municipalities WHERE id = $1', [
          municipalityId,
        ])
      )?.r ?? null
    );
  }

  async setBudgetRates(municipalityId: string, json: string | null) {
    await this.db.run('UPDATE municipalities SET budget_rates = $1 WHERE id = $2', [json, municipalityId]);
  }

  async createImportToken(t: ImportTokenRecord & { tokenHash: string }) {
    await this.db.run(
      'INSERT INTO import_tokens (id, municipality_id, name, token_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [t.id, t.municipalityId, t.name, t.tokenHash, t.createdAt, t.createdBy],
    );
  }

  async importTokens(municipalityId: string) {
    return this.db.rows<ImportTokenRecord>(`${TOKEN_SELECT} WHERE municipality_id = $1 ORDER BY created_at`, [
      municipalityId,
    ]);
  }

  async importTokenByHash(tokenHash: string) {
    return this.db.one<ImportTokenRecord>(`${TOKEN_SELECT} WHERE token_hash = $1`, [tokenHash]);
  }

  async deleteImportToken(municipalityId: string, id: string) {
    return (
      (await this.db.run('DELETE FROM import_tokens WHERE municipality_id = $1 AND id = $2', [municipalityId, id])) > 0
    );
  }
}

/**
 * One row per visit id, the last one winning as it does when SQLite upserts them in order
 * (PostgreSQL refuses an upsert that touches one row twice).
 */
function lastPerVisit(rows: readonly VisitRow[]): VisitRow[] {
  return [...new Map(rows.map((r) => [r.visitId, r])).values()];
}
