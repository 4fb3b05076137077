/**
 * The PostgreSQL history store's schema (schema `plumbline`), as numbered migrations: `plumbline.meta`'s
 * `schema_version` holds how many have run. Each runs in one transaction with the version bump, under
 * an advisory lock, so two CI jobs starting at once never migrate twice and a store is never
 * half-migrated. The tables are those of the SQLite store (schema.ts) plus the repositories: many
 * repositories share one database. Append new migrations; never edit one that has shipped.
 */
export const PG_SCHEMA = 'plumbline';

export const PG_MIGRATIONS: readonly string[] = [
  // 1: repositories; snapshots, their totals and findings; intervals with new/fixed findings and attribution
  `
  CREATE TABLE plumbline.repositories (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE plumbline.snapshots (
    id BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL REFERENCES plumbline.repositories(id) ON DELETE CASCADE,
    analysis_key TEXT NOT NULL,
    commit_sha TEXT NOT NULL,
    committed_at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    source TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    files INTEGER NOT NULL,
    lines_of_code INTEGER NOT NULL,
    debt_minutes DOUBLE PRECISION NOT NULL,
    debt_ratio DOUBLE PRECISION NOT NULL,
    rating TEXT NOT NULL,
    design_system_adoption DOUBLE PRECISION,
    drift_index DOUBLE PRECISION NOT NULL,
    findings INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    UNIQUE (repository_id, analysis_key, commit_sha)
  );
  CREATE INDEX snapshots_committed ON plumbline.snapshots (repository_id, committed_at);

  CREATE TABLE plumbline.snapshot_categories (
    snapshot_id BIGINT NOT NULL REFERENCES plumbline.snapshots(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    findings INTEGER NOT NULL,
    debt_minutes DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (snapshot_id, category)
  );

  CREATE TABLE plumbline.snapshot_rules (
    snapshot_id BIGINT NOT NULL REFERENCES plumbline.snapshots(id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    findings INTEGER NOT NULL,
    debt_minutes DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (snapshot_id, rule_id)
  );

  CREATE TABLE plumbline.findings (
    id BIGSERIAL PRIMARY KEY,
    repository_id BIGINT NOT NULL REFERENCES plumbline.repositories(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    end_col INTEGER NOT NULL,
    effort_minutes DOUBLE PRECISION NOT NULL,
    message TEXT NOT NULL,
    UNIQUE (repository_id, key)
  );

  CREATE TABLE plumbline.snapshot_findings (
    snapshot_id BIGINT NOT NULL REFERENCES plumbline.snapshots(id) ON DELETE CASCADE,
    finding_id BIGINT NOT NULL REFERENCES plumbline.findings(id),
    n INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, finding_id)
  );

  CREATE TABLE plumbline.commits (
    repository_id BIGINT NOT NULL REFERENCES plumbline.repositories(id) ON DELETE CASCADE,
    sha TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_email TEXT NOT NULL,
    authored_at BIGINT NOT NULL,
    committed_at BIGINT NOT NULL,
    subject TEXT NOT NULL,
    trailers TEXT NOT NULL,
    PRIMARY KEY (repository_id, sha)
  );

  CREATE TABLE plumbline.intervals (
    id BIGSERIAL PRIMARY KEY,
    from_snapshot BIGINT NOT NULL REFERENCES plumbline.snapshots(id) ON DELETE CASCADE,
    to_snapshot BIGINT NOT NULL REFERENCES plumbline.snapshots(id) ON DELETE CASCADE,
    lines_added INTEGER NOT NULL,
    lines_deleted INTEGER NOT NULL,
    UNIQUE (from_snapshot, to_snapshot)
  );
  CREATE INDEX intervals_to ON plumbline.intervals (to_snapshot);

  CREATE TABLE plumbline.interval_commits (
    interval_id BIGINT NOT NULL REFERENCES plumbline.intervals(id) ON DELETE CASCADE,
    sha TEXT NOT NULL,
    lines_added INTEGER NOT NULL,
    lines_deleted INTEGER NOT NULL,
    PRIMARY KEY (interval_id, sha)
  );

  CREATE TABLE plumbline.interval_new (
    interval_id BIGINT NOT NULL REFERENCES plumbline.intervals(id) ON DELETE CASCADE,
    finding_id BIGINT NOT NULL REFERENCES plumbline.findings(id),
    commit_sha TEXT NOT NULL,
    share DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (interval_id, finding_id, commit_sha)
  );

  CREATE TABLE plumbline.interval_fixed (
    interval_id BIGINT NOT NULL REFERENCES plumbline.intervals(id) ON DELETE CASCADE,
    finding_id BIGINT NOT NULL REFERENCES plumbline.findings(id),
    n INTEGER NOT NULL,
    PRIMARY KEY (interval_id, finding_id)
  );

  CREATE INDEX snapshot_findings_finding ON plumbline.snapshot_findings (finding_id);
  CREATE INDEX interval_new_finding ON plumbline.interval_new (finding_id);
  CREATE INDEX interval_fixed_finding ON plumbline.interval_fixed (finding_id);
  `,
  // 2: the duplicated-lines ratio of a snapshot (scan summary.duplicatedLinesRatio; null before, or without copied-code)
  `ALTER TABLE plumbline.snapshots ADD COLUMN duplicated_lines_ratio DOUBLE PRECISION;`,
  // 3: the rating's calibration version and the rated debt density (summary.rated; null before), so a snapshot can be re-rated
  `ALTER TABLE plumbline.snapshots ADD COLUMN calibration TEXT;
  ALTER TABLE plumbline.snapshots ADD COLUMN rated_density DOUBLE PRECISION;`,
];
