// Rows of either store (SQLite or PostgreSQL: the same column names) turned into records.
import type { Category, Severity } from '@plumbline/core';
import type { CommitInfo, IntervalRecord, Share, StoredFinding } from './records.js';

export interface FindingRow {
  id: number;
  key: string;
  fingerprint: string;
  rule_id: string;
  category: string;
  severity: string;
  file: string;
  line: number;
  col: number;
  end_line: number;
  end_col: number;
  effort_minutes: number;
  message: string;
}

export interface CommitRow {
  sha: string;
  author_name: string;
  author_email: string;
  authored_at: number;
  committed_at: number;
  subject: string;
  trailers: string;
}

function toFinding(r: FindingRow): StoredFinding {
  return {
    key: r.key,
    fingerprint: r.fingerprint,
    ruleId: r.rule_id,
    category: r.category as Category,
    severity: r.severity as Severity,
    file: r.file,
    line: r.line,
    column: r.col,
    endLine: r.end_line,
    endColumn: r.end_col,
    effortMinutes: r.effort_minutes,
    message: r.message,
  };
}

/** One entry per instance: a row that occurs `n` times gives `n` entries (the same object). */
function findings(rows: ReadonlyArray<FindingRow & { n: number }>): StoredFinding[] {
  const out: StoredFinding[] = [];
  for (const r of rows) {
    const f = toFinding(r);
    for (let i = 0; i < r.n; i++) out.push(f);
  }
  return out;
}

function commit(r: CommitRow): CommitInfo {
  return {
    sha: r.sha,
    authorName: r.author_name,
    authorEmail: r.author_email,
    authoredAt: r.authored_at,
    committedAt: r.committed_at,
    subject: r.subject,
    trailers: r.trailers,
  };
}

/** An interval from its row, its commits, its new findings (one row per finding and commit) and its fixed ones. */
function build(
  from: string,
  to: string,
  iv: { lines_added: number; lines_deleted: number },
  commitRows: ReadonlyArray<{ sha: string; lines_added: number; lines_deleted: number }>,
  newRows: ReadonlyArray<FindingRow & { commit_sha: string; share: number }>,
  fixedRows: ReadonlyArray<FindingRow & { n: number }>,
): IntervalRecord {
  const commits = commitRows.map((c) => ({ sha: c.sha, linesAdded: c.lines_added, linesDeleted: c.lines_deleted }));
  const byFinding = new Map<number, { finding: StoredFinding; shares: Share[] }>();
  for (const row of newRows) {
    const entry = byFinding.get(row.id) ?? { finding: toFinding(row), shares: [] };
    entry.shares.push({ sha: row.commit_sha || null, share: row.share });
    byFinding.set(row.id, entry);
  }
  // the same finding at the same place new twice carries shares summing to 2
  const added: IntervalRecord['added'] = [];
  for (const e of byFinding.values()) {
    const total = e.shares.reduce((n, s) => n + s.share, 0);
    const times = Math.max(1, Math.round(total));
    for (let i = 0; i < times; i++)
      added.push({ finding: e.finding, shares: e.shares.map((s) => ({ sha: s.sha, share: s.share / times })) });
  }
  return { from, to, linesAdded: iv.lines_added, linesDeleted: iv.lines_deleted, commits, added, fixed: findings(fixedRows) };
}

export const intervalRecord = { toFinding, findings, commit, build };
