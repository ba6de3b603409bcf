/**
 * PostgreSQL schema migrations: the same numbering and intent as the SQLite list
 * (migrations.ts; version n here is version n there), written for PostgreSQL. Times are
 * epoch-millisecond bigints as in SQLite, updates bytea, seqs bigint. `schema_migrations`
 * records what ran (postgres.ts migrate, under an advisory lock so nodes can start at once).
 * Never edit a migration that has shipped: append a new one.
 */
const NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export const PG_MIGRATIONS: readonly string[] = [
  // 1: directory, board log, sessions. A board's seq is per board, handed out by
  // board_log_heads under its row lock, so seqs grow in commit order (types.ts BoardLog).
  `
  CREATE TABLE municipalities (
    id   text PRIMARY KEY,
    name text NOT NULL
  );
  CREATE TABLE teams (
    id              text PRIMARY KEY,
    municipality_id text NOT NULL REFERENCES municipalities(id),
    name            text NOT NULL
  );
  CREATE TABLE users (
    id            text PRIMARY KEY,
    username      text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    role          text NOT NULL,
    name          text NOT NULL,
    lang          text NOT NULL DEFAULT 'da',
    color         text NOT NULL
  );
  CREATE TABLE team_members (
    user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, team_id)
  );
  CREATE INDEX team_members_team ON team_members(team_id);
  CREATE TABLE boards (
    id      text PRIMARY KEY,
    team_id text NOT NULL REFERENCES teams(id),
    name    text NOT NULL
  );
  CREATE INDEX boards_team ON boards(team_id);
  CREATE TABLE board_log_heads (
    board_id text PRIMARY KEY REFERENCES boards(id),
    last_seq bigint NOT NULL DEFAULT 0
  );
  CREATE TABLE board_updates (
    board_id text NOT NULL REFERENCES boards(id),
    seq      bigint NOT NULL,
    "update" bytea NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  CREATE TABLE board_snapshots (
    board_id text PRIMARY KEY REFERENCES boards(id),
    snapshot bytea NOT NULL,
    upto_seq bigint NOT NULL
  );
  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  `,
  // 2: forløb lifecycle: municipality configuration (JSON text), the append-only audit log
  // (a trigger refuses UPDATE, DELETE and TRUNCATE) and the archive of closed forløb.
  `
  ALTER TABLE municipalities ADD COLUMN delegation text;
  ALTER TABLE municipalities ADD COLUMN forlob_catalogue text;
  ALTER TABLE municipalities ADD COLUMN cadence_templates text NOT NULL DEFAULT '[]';
  CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       bigint NOT NULL,
    user_id  text,
    board_id text,
    card_id  text,
    action   text NOT NULL,
    detail   text NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_board ON audit_log(board_id, id);
  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
  END $$;
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  CREATE TABLE archived_cards (
    board_id    text NOT NULL REFERENCES boards(id),
    card_id     text NOT NULL,
    name        text NOT NULL,
    name_fold   text NOT NULL,
    closed_on   text NOT NULL,
    archived_at bigint NOT NULL,
    card        text NOT NULL,
    PRIMARY KEY (board_id, card_id)
  );
  CREATE INDEX archived_cards_board_closed ON archived_cards(board_id, closed_on DESC);
  `,
  // 3: administration: team kind, read-only users, deactivation, a user's municipality.
  `
  ALTER TABLE teams ADD COLUMN kind text NOT NULL DEFAULT 'kommune' CHECK (kind IN ('kommune', 'privat'));
  ALTER TABLE users ADD COLUMN read_only boolean NOT NULL DEFAULT false;
  ALTER TABLE users ADD COLUMN disabled_at bigint;
  ALTER TABLE users ADD COLUMN municipality_id text REFERENCES municipalities(id);
  UPDATE users SET municipality_id = COALESCE(
    (SELECT t.municipality_id FROM team_members m JOIN teams t ON t.id = m.team_id
      WHERE m.user_id = users.id ORDER BY t.id LIMIT 1),
    (SELECT id FROM municipalities ORDER BY id LIMIT 1));
  CREATE INDEX sessions_user ON sessions(user_id);
  `,
  // 4: OpenID Connect subject ("<issuer> <sub>"), unique.
  `
  ALTER TABLE users ADD COLUMN oidc_subject text;
  CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject) WHERE oidc_subject IS NOT NULL;
  `,
  // 5: audit retention: rows older than the cutoff in audit_retention may be deleted, nothing
  // else; the cutoff is never later than the database's clock and its row cannot go.
  `
  CREATE TABLE audit_retention (
    id           integer PRIMARY KEY CHECK (id = 1),
    purge_before bigint NOT NULL
  );
  INSERT INTO audit_retention (id, purge_before) VALUES (1, 0);
  CREATE FUNCTION audit_retention_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = 1 AND NEW.purge_before <= ${NOW_MS} THEN RETURN NEW; END IF;
    IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'audit retention cutoff cannot be in the future'; END IF;
    RAISE EXCEPTION 'audit_retention keeps its row';
  END $$;
  CREATE TRIGGER audit_retention_guard BEFORE UPDATE OR DELETE ON audit_retention
    FOR EACH ROW EXECUTE FUNCTION audit_retention_guard();
  CREATE TRIGGER audit_retention_no_truncate BEFORE TRUNCATE ON audit_retention
    FOR EACH STATEMENT EXECUTE FUNCTION audit_retention_guard();
  CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < (SELECT purge_before FROM audit_retention WHERE id = 1) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
  END $$;
  CREATE INDEX audit_log_board_card ON audit_log(board_id, card_id, id);
  CREATE INDEX audit_log_at ON audit_log(at);
  CREATE INDEX archived_cards_closed ON archived_cards(closed_on);
  `,
  // 6: meetings: triage response clocks and visitator days (JSON text, NULL = defaults).
  `
  ALTER TABLE municipalities ADD COLUMN triage_config text;
  ALTER TABLE teams ADD COLUMN visitator_days text;
  `,
  // 7: wall-screen devices and their single-use pairing codes (hash only).
  `
  CREATE TABLE devices (
    user_id    text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    team_id    text NOT NULL REFERENCES teams(id),
    created_at bigint NOT NULL,
    created_by text,
    paired_at  bigint
  );
  CREATE INDEX devices_team ON devices(team_id);
  CREATE TABLE device_pairing_codes (
    code_hash  text PRIMARY KEY,
    device_id  text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at bigint NOT NULL
  );
  CREATE INDEX device_pairing_codes_device ON device_pairing_codes(device_id);
  `,
  // 8: epoch rebuilds, with the previous epoch's final state vector.
  `
  CREATE TABLE board_epochs (
    board_id          text NOT NULL REFERENCES boards(id),
    epoch             integer NOT NULL,
    prev_state_vector bytea NOT NULL,
    rebuilt_at        bigint NOT NULL,
    PRIMARY KEY (board_id, epoch)
  );
  `,
  // 9: point-in-time history: the time of every logged update, history snapshots and the
  // log rows compaction folded.
  `
  ALTER TABLE board_updates ADD COLUMN at bigint NOT NULL DEFAULT 0;
  UPDATE board_updates SET at = ${NOW_MS};
  CREATE TABLE board_history (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards(id),
    at       bigint NOT NULL,
    upto_seq bigint NOT NULL,
    kind     text NOT NULL CHECK (kind IN ('start', 'compaction', 'epoch')),
    snapshot bytea NOT NULL
  );
  CREATE INDEX board_history_board_at ON board_history(board_id, at);
  INSERT INTO board_history (board_id, at, upto_seq, kind, snapshot)
    SELECT board_id, ${NOW_MS}, upto_seq, 'start', snapshot FROM board_snapshots;
  CREATE TABLE board_history_updates (
    board_id text NOT NULL REFERENCES boards(id),
    seq      bigint NOT NULL,
    at       bigint NOT NULL,
    "update" bytea NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  CREATE INDEX board_history_updates_board_at ON board_history_updates(board_id, at);
  `,
  // 10: team meetings (issue #11).
  `
  ALTER TABLE teams ADD COLUMN meeting_settings text;
  `,
  // 11: discussion prompts (issue #11).
  `
  ALTER TABLE municipalities ADD COLUMN discussion_prompts text;
  `,
  // 12: bytteydelser settings (issue #13).
  `
  ALTER TABLE municipalities ADD COLUMN swap_settings text;
  `,
  // 13: Styring (issue #13): visits, card facts and events, board state, team figures,
  // budget rates and import tokens (SHA-256 only).
  `
  CREATE TABLE visits (
    municipality_id   text NOT NULL REFERENCES municipalities(id),
    visit_id          text NOT NULL,
    citizen_ref       text NOT NULL,
    date              text NOT NULL,
    planned_minutes   integer NOT NULL,
    delivered_minutes integer NOT NULL,
    help_type         text NOT NULL,
    imported_at       bigint NOT NULL,
    PRIMARY KEY (municipality_id, visit_id)
  );
  CREATE INDEX visits_ref_date ON visits(municipality_id, citizen_ref, date);
  CREATE TABLE card_facts (
    board_id       text NOT NULL REFERENCES boards(id),
    card_id        text NOT NULL,
    external_ref   text NOT NULL DEFAULT '',
    weekly_hours   double precision,
    forlob_type_id text,
    closed         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (board_id, card_id)
  );
  CREATE INDEX card_facts_ref ON card_facts(external_ref);
  CREATE TABLE card_events (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    board_id text NOT NULL REFERENCES boards(id),
    card_id  text NOT NULL,
    at       bigint NOT NULL,
    day      text NOT NULL,
    week     text NOT NULL,
    kind     text NOT NULL,
    detail   text,
    minutes  integer
  );
  CREATE INDEX card_events_board_week ON card_events(board_id, week, kind);
  CREATE TABLE board_state (
    board_id          text PRIMARY KEY REFERENCES boards(id),
    at                bigint NOT NULL,
    not_discussed     integer NOT NULL,
    response_overdue  integer NOT NULL,
    followups_overdue integer NOT NULL
  );
  ALTER TABLE teams ADD COLUMN staff_hours_per_week double precision;
  ALTER TABLE teams ADD COLUMN budget_per_week double precision;
  ALTER TABLE teams ADD COLUMN district text;
  ALTER TABLE municipalities ADD COLUMN budget_rates text;
  CREATE TABLE import_tokens (
    id              text PRIMARY KEY,
    municipality_id text NOT NULL REFERENCES municipalities(id),
    name            text NOT NULL,
    token_hash      text NOT NULL UNIQUE,
    created_at      bigint NOT NULL,
    created_by      text
  );
  `,
  // Organisation (issue #16 parts 3-4; migrations.ts "Organisation"): districts (the free-text
  // teams.district names become districts) with a visitator pool, the makkerteam, evening-team
  // and fixed-visitator columns on teams, covers and the visitator's status per team and day.
  `
  CREATE TABLE districts (
    id              text PRIMARY KEY,
    municipality_id text NOT NULL REFERENCES municipalities(id),
    name            text NOT NULL,
    UNIQUE (municipality_id, name)
  );
  INSERT INTO districts (id, municipality_id, name)
    SELECT 'district-' || substr(md5(municipality_id || '/' || trim(district)), 1, 16), municipality_id, trim(district)
      FROM teams WHERE district IS NOT NULL AND trim(district) <> ''
     GROUP BY municipality_id, trim(district);
  ALTER TABLE teams ADD COLUMN district_id text REFERENCES districts(id);
  UPDATE teams SET district_id = (SELECT d.id FROM districts d
     WHERE d.municipality_id = teams.municipality_id AND d.name = trim(teams.district));
  ALTER TABLE teams ADD COLUMN partner_team_id text REFERENCES teams(id);
  ALTER TABLE teams ADD COLUMN evening_of_team_id text REFERENCES teams(id);
  ALTER TABLE teams ADD COLUMN visitator_id text REFERENCES users(id) ON DELETE SET NULL;
  CREATE TABLE district_visitators (
    district_id text NOT NULL REFERENCES districts(id) ON DELETE CASCADE,
    user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (district_id, user_id)
  );
  CREATE TABLE visitator_covers (
    id         text PRIMARY KEY,
    team_id    text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    from_day   text NOT NULL,
    to_day     text NOT NULL,
    created_at bigint NOT NULL,
    created_by text
  );
  CREATE INDEX visitator_covers_user ON visitator_covers(user_id, to_day);
  CREATE INDEX visitator_covers_team ON visitator_covers(team_id, to_day);
  CREATE TABLE visitator_status (
    team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day     text NOT NULL,
    user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status  text NOT NULL,
    set_at  bigint NOT NULL,
    PRIMARY KEY (team_id, day)
  );
  `,
  // 15: the local offers directory and the discharge / "nej tak" settings (issue #16 part 5).
  `
  CREATE TABLE local_offers (
    id              text PRIMARY KEY,
    municipality_id text NOT NULL REFERENCES municipalities(id),
    district_id     text REFERENCES districts(id) ON DELETE SET NULL,
    name            text NOT NULL,
    what            text NOT NULL,
    area            text NOT NULL,
    contact         text NOT NULL,
    tags            text NOT NULL,
    created_at      bigint NOT NULL,
    updated_at      bigint NOT NULL
  );
  CREATE INDEX local_offers_municipality ON local_offers(municipality_id, name);
  ALTER TABLE municipalities ADD COLUMN care_signals text;
  `,
  // 16: board ownership leases with fencing tokens (issue #14, docs/multi-node.md "Ownership").
  `
  CREATE TABLE board_owner (
    board_id   text PRIMARY KEY,
    node_id    text NOT NULL,
    token      bigint NOT NULL,
    expires_at timestamptz NOT NULL
  );
  `,
];
