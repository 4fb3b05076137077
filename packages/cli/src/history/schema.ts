/**
 * The history store's schema, as numbered migrations: `PRAGMA user_version` holds how many have run.
 * A migration is applied in one transaction with the version bump, so a store is never half-migrated.
 * Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: snapshots, their totals and findings; intervals between snapshots with new/fixed and attribution
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- one analysed commit, under one analysis key (analyzer code + config): keys never mix in a series
  CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    analysis_key TEXT NOT NULL,
    commit_sha TEXT NOT NULL,
    committed_at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    files INTEGER NOT NULL,
    lines_of_code INTEGER NOT NULL,
    debt_minutes REAL NOT NULL,
    debt_ratio REAL NOT NULL,
    rating TEXT NOT NULL,
    design_system_adoption REAL,
    drift_index REAL NOT NULL,
    findings INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    UNIQUE (analysis_key, commit_sha)
  );

  CREATE TABLE snapshot_categories (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    findings INTEGER NOT NULL,
    debt_minutes REAL NOT NULL,
    PRIMARY KEY (snapshot_id, category)
  ) WITHOUT ROWID;

  CREATE TABLE snapshot_rules (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    findings INTEGER NOT NULL,
    debt_minutes REAL NOT NULL,
    PRIMARY KEY (snapshot_id, rule_id)
  ) WITHOUT ROWID;

  -- a finding as reported at one place; shared by every snapshot that has it unchanged
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    end_col INTEGER NOT NULL,
    effort_minutes REAL NOT NULL,
    message TEXT NOT NULL
  );

  CREATE TABLE snapshot_findings (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    n INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, finding_id)
  ) WITHOUT ROWID;

  CREATE TABLE commits (
    sha TEXT PRIMARY KEY,
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL,
    authored_at INTEGER NOT NULL,
    committed_at INTEGER NOT NULL,
    subject TEXT NOT NULL,
    trailers TEXT NOT NULL
  );

  -- what changed between two snapshots: the new and fixed findings, the commits, the lines of code added
  CREATE TABLE intervals (
    id INTEGER PRIMARY KEY,
    from_snapshot INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    to_snapshot INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    lines_added INTEGER NOT NULL,
    lines_deleted INTEGER NOT NULL,
    UNIQUE (from_snapshot, to_snapshot)
  );

  CREATE TABLE interval_commits (
    interval_id INTEGER NOT NULL REFERENCES intervals(id) ON DELETE CASCADE,
    sha TEXT NOT NULL,
    lines_added INTEGER NOT NULL,
    lines_deleted INTEGER NOT NULL,
    PRIMARY KEY (interval_id, sha)
  ) WITHOUT ROWID;

  -- a new finding, split over the commits of the interval that touched its lines ('' = none did)
  CREATE TABLE interval_new (
    interval_id INTEGER NOT NULL REFERENCES intervals(id) ON DELETE CASCADE,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    commit_sha TEXT NOT NULL,
    share REAL NOT NULL,
    PRIMARY KEY (interval_id, finding_id, commit_sha)
  ) WITHOUT ROWID;

  CREATE TABLE interval_fixed (
    interval_id INTEGER NOT NULL REFERENCES intervals(id) ON DELETE CASCADE,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    n INTEGER NOT NULL,
    PRIMARY KEY (interval_id, finding_id)
  ) WITHOUT ROWID;

  CREATE INDEX snapshot_findings_finding ON snapshot_findings(finding_id);
  CREATE INDEX interval_new_finding ON interval_new(finding_id);
  CREATE INDEX interval_fixed_finding ON interval_fixed(finding_id);
  `,
  // 2: the duplicated-lines ratio of a snapshot (scan summary.duplicatedLinesRatio; null before, or without copied-code)
  `ALTER TABLE snapshots ADD COLUMN duplicated_lines_ratio REAL;`,
  // 3: the rating's calibration version and the rated debt density (summary.rated; null before), so a snapshot can be re-rated
  `ALTER TABLE snapshots ADD COLUMN calibration TEXT;
  ALTER TABLE snapshots ADD COLUMN rated_density REAL;`,
];

/** Tables a store of the latest version must have; a store missing one is damaged. */
export const REQUIRED_TABLES = [
  'meta',
  'snapshots',
  'snapshot_categories',
  'snapshot_rules',
  'findings',
  'snapshot_findings',
  'commits',
  'intervals',
  'interval_commits',
  'interval_new',
  'interval_fixed',
];
