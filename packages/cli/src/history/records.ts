// What the history store holds: snapshots, their findings, intervals between two snapshots and the
// commits in them; and the key that identifies a finding at its place across snapshots.
import { CATEGORIES, emptyCategoryTotals, shortHash } from '@plumbline/core';
import type { Category, CategoryTotals, Finding, Rating, ScanResult, Severity } from '@plumbline/core';

/** A finding as the store keeps it; `key` identifies it at its place, shared by every snapshot that has it unchanged. */
export interface StoredFinding {
  key: string;
  fingerprint: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  effortMinutes: number;
  message: string;
}

export interface RuleTotals {
  category: Category;
  findings: number;
  debtMinutes: number;
}

export interface SnapshotRecord {
  analysisKey: string;
  commit: string;
  /** committer date, unix seconds */
  committedAt: number;
  /** when it was stored, unix seconds */
  recordedAt: number;
  /** what stored it: `trend` or `scan` (`scan --record`) */
  source: string;
  toolVersion: string;
  files: number;
  linesOfCode: number;
  debtMinutes: number;
  debtRatio: number;
  rating: Rating;
  designSystemAdoption: number | null;
  driftIndex: number;
  /** lines inside any copy of copied code ÷ lines of code (null: copied-code did not run, or stored before it was kept) */
  duplicatedLinesRatio: number | null;
  /** the calibration version `rating` was taken with (null: stored before the population rating, a SQALE letter) */
  calibration: string | null;
  /** rated debt minutes per 1,000 lines (summary.rated.density), to re-rate under another calibration; null when stored before */
  ratedDensity: number | null;
  findings: number;
  errors: number;
  skipped: number;
  byCategory: Record<Category, CategoryTotals>;
  byRule: Record<string, RuleTotals>;
}

export interface CommitInfo {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** unix seconds */
  authoredAt: number;
  committedAt: number;
  subject: string;
  /** the commit message's trailer lines (`Key: value`), unfolded, one per line */
  trailers: string;
}

export interface IntervalCommit {
  sha: string;
  /** lines added and deleted in analysed files */
  linesAdded: number;
  linesDeleted: number;
}

/** A part of a new finding credited to one commit (`sha` null: no commit of the interval touched its lines). */
export interface Share {
  sha: string | null;
  share: number;
}

export interface IntervalInput {
  analysisKey: string;
  from: string;
  to: string;
  linesAdded: number;
  linesDeleted: number;
  commits: Array<CommitInfo & IntervalCommit>;
  /** one entry per new finding instance (findings of the `to` snapshot) */
  added: Array<{ finding: StoredFinding; shares: Share[] }>;
  /** one entry per fixed finding instance (findings of the `from` snapshot) */
  fixed: StoredFinding[];
}

/** What changed between the snapshots of two commits. */
export interface IntervalRecord {
  from: string;
  to: string;
  linesAdded: number;
  linesDeleted: number;
  commits: IntervalCommit[];
  /** one entry per new finding instance */
  added: Array<{ finding: StoredFinding; shares: Share[] }>;
  /** one entry per fixed finding instance */
  fixed: StoredFinding[];
}

type KeyedFields = Omit<Finding, 'related' | 'fingerprint'> & { fingerprint: string };
/** keys already computed, by finding object (trend asks for a snapshot's keys, then stores the snapshot) */
const keys = new WeakMap<KeyedFields, string>();

/** The columns that make a finding at one place, in the order the store's findings table keeps them. */
export function findingColumns(f: KeyedFields): Array<string | number> {
  return [f.fingerprint, f.ruleId, f.category, f.severity, f.file, f.line, f.column, f.endLine, f.endColumn, f.effortMinutes, f.message];
}

/** Identifies a finding at one place: the same finding at the same place in two snapshots is one row. */
export function findingKey(f: KeyedFields): string {
  let key = keys.get(f);
  if (key === undefined) {
    key = shortHash(JSON.stringify(findingColumns(f)), 32);
    keys.set(f, key);
  }
  return key;
}

/** What a snapshot record takes from the scan result it records. */
export function snapshotTotals(
  result: ScanResult,
): Pick<
  SnapshotRecord,
  | 'toolVersion'
  | 'files'
  | 'linesOfCode'
  | 'debtMinutes'
  | 'debtRatio'
  | 'rating'
  | 'designSystemAdoption'
  | 'driftIndex'
  | 'duplicatedLinesRatio'
  | 'calibration'
  | 'ratedDensity'
  | 'findings'
  | 'errors'
  | 'skipped'
> {
  const s = result.summary;
  return {
    toolVersion: result.tool.version,
    files: s.files,
    linesOfCode: s.linesOfCode,
    debtMinutes: s.debtMinutes,
    debtRatio: s.debtRatio,
    rating: s.rating,
    designSystemAdoption: s.designSystemAdoption,
    driftIndex: s.driftIndex,
    duplicatedLinesRatio: s.duplicatedLinesRatio ?? null,
    calibration: s.rated?.calibration ?? null,
    ratedDensity: s.rated?.density ?? null,
    findings: result.findings.length,
    errors: result.errors.length,
    skipped: result.skipped.length,
  };
}

/** Why a store cannot be used as it is, or null when it can (after migrating it). */

/** A snapshot as every store writes it: the record and its findings, each with how many times it occurs. */
export interface SnapshotWrite {
  record: SnapshotRecord;
  findings: Array<{ finding: StoredFinding; n: number }>;
}

/** What `addSnapshot` takes: a scan result recorded as the snapshot of a commit. */
export interface SnapshotInput {
  analysisKey: string;
  commit: string;
  committedAt: number;
  source: string;
  result: ScanResult;
}

/** A scan result as the snapshot a store writes: totals per category and rule, findings counted by key. */
export function toSnapshotWrite(input: SnapshotInput, recordedAt = Math.floor(Date.now() / 1000)): SnapshotWrite {
  const { analysisKey, commit, committedAt, source, result } = input;
  const byCategory = emptyCategoryTotals();
  for (const c of CATEGORIES) {
    const t = result.summary.byCategory[c];
    if (t) byCategory[c] = { findings: t.findings, debtMinutes: t.debtMinutes };
  }
  const byRule: Record<string, RuleTotals> = {};
  const byKey = new Map<string, { finding: StoredFinding; n: number }>();
  for (const f of result.findings) {
    const t = (byRule[f.ruleId] ??= { category: f.category, findings: 0, debtMinutes: 0 });
    t.findings++;
    t.debtMinutes += f.effortMinutes;
    const key = findingKey(f);
    const entry = byKey.get(key);
    if (entry) entry.n++;
    else byKey.set(key, { finding: storedFinding(f, key), n: 1 });
  }
  return {
    record: { analysisKey, commit, committedAt, recordedAt, source, ...snapshotTotals(result), byCategory, byRule },
    findings: [...byKey.values()],
  };
}

/** A finding with its key, as the store keeps it. */
export function storedFinding(f: KeyedFields, key = findingKey(f)): StoredFinding {
  return {
    key,
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    effortMinutes: f.effortMinutes,
    message: f.message,
  };
}
