/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Never edit a migration that has shipped: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE municipalities (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
  );
  CREATE TABLE teams (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name            TEXT NOT NULL
  );
  CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    name          TEXT NOT NULL,
    lang          TEXT NOT NULL DEFAULT 'da',
    color         TEXT NOT NULL
  );
  CREATE TABLE team_members (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, team_id)
  );
  CREATE TABLE boards (
    id      TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    name    TEXT NOT NULL
  );
  CREATE INDEX boards_team ON boards(team_id);
  CREATE TABLE board_updates (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id),
    "update" BLOB NOT NULL
  );
  CREATE INDEX board_updates_board_seq ON board_updates(board_id, seq);
  CREATE TABLE board_snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id),
    snapshot BLOB NOT NULL,
    upto_seq INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  `,
  // 2: forløb lifecycle. Per-municipality configuration as JSON text (validated with the shared
  // zod schemas when read; NULL = the built-in default), an append-only audit log and the archive of closed forløb moved out of the live doc.
  `
  ALTER TABLE municipalities ADD COLUMN delegation TEXT;
  ALTER TABLE municipalities ADD COLUMN forlob_catalogue TEXT;
  ALTER TABLE municipalities ADD COLUMN cadence_templates TEXT NOT NULL DEFAULT '[]';
  CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    user_id  TEXT,
    board_id TEXT,
    card_id  TEXT,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_board ON audit_log(board_id, id);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TABLE archived_cards (
    board_id    TEXT NOT NULL REFERENCES boards(id),
    card_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    closed_on   TEXT NOT NULL,
    archived_at INTEGER NOT NULL,
    card        TEXT NOT NULL,
    PRIMARY KEY (board_id, card_id)
  );
  CREATE INDEX archived_cards_board_closed ON archived_cards(board_id, closed_on DESC);
  `,
  // administration: team kind (private providers are teams like any other), a per-user
  // read-only flag ("Kun læseadgang"), deactivation, and the municipality a user belongs to
  // (backfilled from their teams, else the only municipality) so an administrator manages theirs.
  `
  ALTER TABLE teams ADD COLUMN kind TEXT NOT NULL DEFAULT 'kommune' CHECK (kind IN ('kommune', 'privat'));
  ALTER TABLE users ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN disabled_at INTEGER;
  ALTER TABLE users ADD COLUMN municipality_id TEXT REFERENCES municipalities(id);
  UPDATE users SET municipality_id = COALESCE(
    (SELECT t.municipality_id FROM team_members m JOIN teams t ON t.id = m.team_id
      WHERE m.user_id = users.id ORDER BY t.id LIMIT 1),
    (SELECT id FROM municipalities ORDER BY id LIMIT 1));
  CREATE INDEX sessions_user ON sessions(user_id);
  `,
  // OpenID Connect: a user signed in through OIDC is linked by "<issuer> <sub>" (issuer URLs
  // contain no spaces), never silently by e-mail; unique, so one subject is one local user.
  `
  ALTER TABLE users ADD COLUMN oidc_subject TEXT;
  CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject) WHERE oidc_subject IS NOT NULL;
  `,
  // audit retention: the audit log stays append-only for everyone, except that rows older than
  // the cutoff in the one-row table audit_retention may be deleted; only the retention job sets
  // the cutoff, and never later than the database's own clock. Indexes for the audit search
  // (by citizen, by time) and the archive purge (by closing date).
  `
  CREATE TABLE audit_retention (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    purge_before INTEGER NOT NULL
  );
  INSERT INTO audit_retention (id, purge_before) VALUES (1, 0);
  CREATE TRIGGER audit_retention_keep BEFORE DELETE ON audit_retention
    BEGIN SELECT RAISE(ABORT, 'audit_retention keeps its row'); END;
  CREATE TRIGGER audit_retention_not_future BEFORE UPDATE ON audit_retention
    WHEN NEW.purge_before > CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    BEGIN SELECT RAISE(ABORT, 'audit retention cutoff cannot be in the future'); END;
  DROP TRIGGER audit_log_no_delete;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    WHEN OLD.at >= (SELECT purge_before FROM audit_retention WHERE id = 1)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE INDEX audit_log_board_card ON audit_log(board_id, card_id, id);
  CREATE INDEX audit_log_at ON audit_log(at);
  CREATE INDEX archived_cards_closed ON archived_cards(closed_on);
  `,
  // meetings: per-municipality triage response clocks (JSON, NULL = the defaults) and each
  // team's visitator weekdays (JSON array of ISO weekdays, NULL = the default day).
  `
  ALTER TABLE municipalities ADD COLUMN triage_config TEXT;
  ALTER TABLE teams ADD COLUMN visitator_days TEXT;
  `,
  // wall-screen devices: a device is a users row (role skaerm, no password) plus this row;
  // pairing codes are single-use and short-lived, only their hash is stored.
  `
  CREATE TABLE devices (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    team_id    TEXT NOT NULL REFERENCES teams(id),
    created_at INTEGER NOT NULL,
    created_by TEXT,
    paired_at  INTEGER
  );
  CREATE INDEX devices_team ON devices(team_id);
  CREATE TABLE device_pairing_codes (
    code_hash  TEXT PRIMARY KEY,
    device_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX device_pairing_codes_device ON device_pairing_codes(device_id);
  `,
  // epoch rebuild: one row per rebuild, with the previous epoch's final state vector so a
  // browser with a stale offline copy can tell which of its edits the server never got.
  `
  CREATE TABLE board_epochs (
    board_id          TEXT NOT NULL REFERENCES boards(id),
    epoch             INTEGER NOT NULL,
    prev_state_vector BLOB NOT NULL,
    rebuilt_at        INTEGER NOT NULL,
    PRIMARY KEY (board_id, epoch)
  );
  `,
  // point-in-time history (docs/operations.md "History and restore"): every logged update gets
  // the time it was stored; compaction moves the folded rows to board_history_updates instead of
  // deleting them, and board_history keeps snapshots to start a replay from (the board's
  // starting point, periodic compactions and every epoch rebuild, which starts a new lineage).
  // An existing database starts its history now: its current snapshots become the first ones
  // and the updates still in the log get the upgrade's time.
  `
  ALTER TABLE board_updates ADD COLUMN at INTEGER NOT NULL DEFAULT 0;
  UPDATE board_updates SET at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
  CREATE TABLE board_history (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id),
    at       INTEGER NOT NULL,
    upto_seq INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('start', 'compaction', 'epoch')),
    snapshot BLOB NOT NULL
  );
  CREATE INDEX board_history_board_at ON board_history(board_id, at);
  INSERT INTO board_history (board_id, at, upto_seq, kind, snapshot)
    SELECT board_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), upto_seq, 'start', snapshot
      FROM board_snapshots;
  CREATE TABLE board_history_updates (
    seq      INTEGER PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    at       INTEGER NOT NULL,
    "update" BLOB NOT NULL
  );
  CREATE INDEX board_history_updates_board_seq ON board_history_updates(board_id, seq);
  CREATE INDEX board_history_updates_board_at ON board_history_updates(board_id, at);
  `,
  // team meetings (issue #11): per meeting type its length and weekly schedule, and the
  // rotation cycle N (JSON, model/teamMeetings.ts; NULL = the defaults).
  `
  ALTER TABLE teams ADD COLUMN meeting_settings TEXT;
  `,
  // discussion prompts (issue #11, point 3): the municipality's own lists for the wall's
  // focus view (JSON, model/discussionPrompts.ts; NULL = the defaults).
  `
  ALTER TABLE municipalities ADD COLUMN discussion_prompts TEXT;
  `,
  // bytteydelser (issue #13, point 1): registration on/off, "byt til" chips and help types
  // that cannot be swapped (JSON, model/swaps.ts SwapSettings; NULL = the defaults).
  `
  ALTER TABLE municipalities ADD COLUMN swap_settings TEXT;
  `,
  // Styring (issue #13): imported visits (one row per visit id and municipality: a re-import
  // updates, never duplicates), the cockpit's card facts and events (kept by the server from
  // what the write gate derives per update, so figures are SQL, not scans of live boards),
  // per-team staff hours, budget and district, per-municipality budget rates (JSON, forløb
  // catalogue id → kr. per citizen per week) and import tokens (stored as SHA-256 only).
  `
  CREATE TABLE visits (
    municipality_id   TEXT NOT NULL REFERENCES municipalities(id),
    visit_id          TEXT NOT NULL,
    citizen_ref       TEXT NOT NULL,
    date              TEXT NOT NULL,
    planned_minutes   INTEGER NOT NULL,
    delivered_minutes INTEGER NOT NULL,
    help_type         TEXT NOT NULL,
    imported_at       INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, visit_id)
  );
  CREATE INDEX visits_ref_date ON visits(municipality_id, citizen_ref, date);
  CREATE TABLE card_facts (
    board_id       TEXT NOT NULL REFERENCES boards(id),
    card_id        TEXT NOT NULL,
    external_ref   TEXT NOT NULL DEFAULT '',
    weekly_hours   REAL,
    forlob_type_id TEXT,
    closed         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (board_id, card_id)
  );
  CREATE INDEX card_facts_ref ON card_facts(external_ref);
  CREATE TABLE card_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id),
    card_id  TEXT NOT NULL,
    at       INTEGER NOT NULL,
    day      TEXT NOT NULL,
    week     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    detail   TEXT,
    minutes  INTEGER
  );
  CREATE INDEX card_events_board_week ON card_events(board_id, week, kind);
  CREATE TABLE board_state (
    board_id          TEXT PRIMARY KEY REFERENCES boards(id),
    at                INTEGER NOT NULL,
    not_discussed     INTEGER NOT NULL,
    response_overdue  INTEGER NOT NULL,
    followups_overdue INTEGER NOT NULL
  );
  ALTER TABLE teams ADD COLUMN staff_hours_per_week REAL;
  ALTER TABLE teams ADD COLUMN budget_per_week REAL;
  ALTER TABLE teams ADD COLUMN district TEXT;
  ALTER TABLE municipalities ADD COLUMN budget_rates TEXT;
  CREATE TABLE import_tokens (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name            TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    created_by      TEXT
  );
  `,
  // Organisation (issue #16 parts 3-4): districts group a municipality's teams (replacing the
  // free-text teams.district, whose names become districts) and hold a visitator pool; a
  // team's makkerteam (symmetric, read-only access), the day team whose board an evening team
  // shares, its fixed visitator, backup visitators for a period (ISO dates, both inclusive) and
  // the visitator's one-tap status per team and day.
  `
  CREATE TABLE districts (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name            TEXT NOT NULL,
    UNIQUE (municipality_id, name)
  );
  INSERT INTO districts (id, municipality_id, name)
    SELECT 'district-' || lower(hex(randomblob(8))), municipality_id, trim(district)
      FROM teams WHERE district IS NOT NULL AND trim(district) <> ''
     GROUP BY municipality_id, trim(district);
  ALTER TABLE teams ADD COLUMN district_id TEXT REFERENCES districts(id);
  UPDATE teams SET district_id = (SELECT d.id FROM districts d
     WHERE d.municipality_id = teams.municipality_id AND d.name = trim(teams.district));
  ALTER TABLE teams ADD COLUMN partner_team_id TEXT REFERENCES teams(id);
  ALTER TABLE teams ADD COLUMN evening_of_team_id TEXT REFERENCES teams(id);
  ALTER TABLE teams ADD COLUMN visitator_id TEXT REFERENCES users(id) ON DELETE SET NULL;
  CREATE TABLE district_visitators (
    district_id TEXT NOT NULL REFERENCES districts(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (district_id, user_id)
  );
  CREATE TABLE visitator_covers (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    from_day   TEXT NOT NULL,
    to_day     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT
  );
  CREATE INDEX visitator_covers_user ON visitator_covers(user_id, to_day);
  CREATE INDEX visitator_covers_team ON visitator_covers(team_id, to_day);
  CREATE TABLE visitator_status (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    day     TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status  TEXT NOT NULL,
    set_at  INTEGER NOT NULL,
    PRIMARY KEY (team_id, day)
  );
  `,
  // Issue #16 part 5 (after "Organisation"): the local offers directory (R26;
  // model/localOffers.ts), keyed by municipality with an optional district, and the
  // municipality's discharge lane / "nej tak" settings (JSON, model/careSignals.ts; NULL = defaults).
  `
  CREATE TABLE local_offers (
    id              TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    district_id     TEXT REFERENCES districts(id) ON DELETE SET NULL,
    name            TEXT NOT NULL,
    what            TEXT NOT NULL,
    area            TEXT NOT NULL,
    contact         TEXT NOT NULL,
    tags            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  CREATE INDEX local_offers_municipality ON local_offers(municipality_id, name);
  ALTER TABLE municipalities ADD COLUMN care_signals TEXT;
  `,
];
