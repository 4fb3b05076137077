// What the history store holds: snapshots, their findings, intervals between two snapshots and the
// commits in them; and the key that identifies a finding at its place across snapshots.
import { shortHash } from '@plumbline/core';
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
    findings: result.findings.length,
    errors: result.errors.length,
    skipped: result.skipped.length,
  };
}

/** Why a store cannot be used as it is, or null when it can (after migrating it). */
