/**
 * @module migrations — the SQLite schema as an ordered list of steps. `PRAGMA user_version` records how
 * many have run; each step runs once, in its own transaction. Never edit a released step: append one.
 */
import type Database from "better-sqlite3";

/** Ordered schema steps; index + 1 is the schema version after the step. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL,            -- running | importing | done | failed | cancelled | interrupted
    county TEXT NOT NULL,
    policy TEXT NOT NULL,            -- JSON: what the user chose
    compute_at TEXT NOT NULL,
    out_dir TEXT NOT NULL,
    inputs TEXT NOT NULL,            -- JSON: [{uploadId, name, path, bytes}]
    summary TEXT,                    -- JSON: gogen.json as written by the run
    report TEXT,                     -- JSON: the rest of the run report (files, rows)
    error TEXT,
    conviction_count INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT
  );
  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    path TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE people (
    run_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    dob TEXT NOT NULL,
    cii TEXT NOT NULL,
    PRIMARY KEY (run_id, person_id)
  ) WITHOUT ROWID;
  -- One row per relevant conviction; the current (reviewed) decision lives here so the review queue
  -- filters and sorts on one table.
  CREATE TABLE convictions (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    conv_key TEXT NOT NULL,          -- "<fileIndex>:<line>"
    person_id TEXT NOT NULL,
    name TEXT NOT NULL,
    file TEXT NOT NULL,
    file_index INTEGER NOT NULL,
    line INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    code_section TEXT NOT NULL,
    section TEXT NOT NULL,           -- normalised section number, e.g. 11357
    county TEXT NOT NULL,
    conviction_date TEXT NOT NULL,
    level TEXT NOT NULL,
    case_numbers TEXT NOT NULL,      -- JSON array
    flags TEXT NOT NULL,             -- JSON array
    determination TEXT NOT NULL,
    reason TEXT NOT NULL,
    review TEXT NOT NULL DEFAULT 'pending', -- pending | accepted | overridden
    UNIQUE (run_id, conv_key)
  );
  CREATE INDEX convictions_order ON convictions (run_id, file_index, line);
  CREATE INDEX convictions_person ON convictions (run_id, person_id);
  CREATE INDEX convictions_det ON convictions (run_id, determination, file_index, line);
  CREATE INDEX convictions_section ON convictions (run_id, section, file_index, line);
  CREATE INDEX convictions_review ON convictions (run_id, review, file_index, line);
  CREATE TABLE conviction_flags (
    conviction_id INTEGER NOT NULL REFERENCES convictions(id),
    run_id TEXT NOT NULL,
    flag TEXT NOT NULL,
    PRIMARY KEY (run_id, flag, conviction_id)
  ) WITHOUT ROWID;
  -- What the rules decided, never changed by review (the before of the first override).
  CREATE TABLE determinations (
    conviction_id INTEGER PRIMARY KEY REFERENCES convictions(id),
    determination TEXT NOT NULL,
    reason TEXT NOT NULL,
    trace TEXT NOT NULL,             -- JSON array of {rule, outcome, citation?}
    statutory_remedy TEXT,
    statute_citation TEXT,
    statute_flags TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE overrides (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    conv_key TEXT NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    before_determination TEXT NOT NULL,
    before_reason TEXT NOT NULL,
    after_determination TEXT NOT NULL,
    after_reason TEXT NOT NULL,
    why TEXT NOT NULL
  );
  CREATE INDEX overrides_run ON overrides (run_id, conv_key);
  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    run_id TEXT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL             -- JSON
  );
  CREATE INDEX audit_run ON audit_events (run_id, id);
  `,
  // v2: indexes for the review queue's other sorts and filters (name prefix, date, reason).
  `
  CREATE INDEX convictions_name ON convictions (run_id, name, file_index, line);
  CREATE INDEX convictions_date ON convictions (run_id, conviction_date, file_index, line);
  CREATE INDEX convictions_reason ON convictions (run_id, reason, file_index, line);
  `,
  // v3: flags keyed in queue order, so a flag filter pages without sorting the flagged set.
  `
  CREATE TABLE conviction_flags_v3 (
    run_id TEXT NOT NULL,
    flag TEXT NOT NULL,
    file_index INTEGER NOT NULL,
    line INTEGER NOT NULL,
    conviction_id INTEGER NOT NULL REFERENCES convictions(id),
    PRIMARY KEY (run_id, flag, file_index, line, conviction_id)
  ) WITHOUT ROWID;
  INSERT INTO conviction_flags_v3 (run_id, flag, file_index, line, conviction_id)
    SELECT f.run_id, f.flag, c.file_index, c.line, f.conviction_id
    FROM conviction_flags f JOIN convictions c ON c.id = f.conviction_id;
  DROP TABLE conviction_flags;
  ALTER TABLE conviction_flags_v3 RENAME TO conviction_flags;
  `,
];

/** Brings the database up to the latest schema version. Returns the version reached. */
export function migrate(db: Database.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v]!;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
