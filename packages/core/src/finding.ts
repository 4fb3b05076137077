import type { RatedDebt } from './rating.js';

/** The five families of debt plumbline reports. */
export const CATEGORIES = ['duplication', 'magic-value', 'abstraction', 'drift', 'design-system'] as const;
export type Category = (typeof CATEGORIES)[number];

export type Severity = 'error' | 'warning' | 'info';

/** Another place that belongs to a finding: the other copies, the chain links, the convention. */
export interface RelatedLocation {
  file: string;
  line: number;
  message: string;
}

/** One finding, as it appears in the JSON output (schemaVersion 1). Paths are POSIX, relative to the root. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  effortMinutes: number;
  fingerprint: string;
  related: RelatedLocation[];
}

/** A file that could not be analysed, and why. */
export interface FileError {
  file: string;
  message: string;
}

/** A file left out on purpose (generated, minified, too large), and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CategoryTotals {
  findings: number;
  debtMinutes: number;
}

export type Rating = 'A' | 'B' | 'C' | 'D' | 'E';

export interface Summary {
  files: number;
  linesOfCode: number;
  debtMinutes: number;
  debtRatio: number;
  /** the population rating: where `rated.density` falls among the calibration's reference repositories */
  rating: Rating;
  /** the rated debt the rating is taken from (every rated rule, whatever the config); absent in results from before it */
  rated?: RatedDebt;
  byCategory: Record<Category, CategoryTotals>;
  designSystemAdoption: number | null;
  driftIndex: number;
  /**
   * lines in copied code (every copy of every clone class copied-code reports, exact, renamed or edited) ÷
   * lines of code: GitClear's duplicated-lines figure; absent when copied-code did not run
   */
  duplicatedLinesRatio?: number;
}

/** The whole result of `plumbline scan --format json`. */
export interface ScanResult {
  schemaVersion: 1;
  tool: { name: 'plumbline'; version: string };
  root: string;
  commit: string | null;
  summary: Summary;
  findings: Finding[];
  errors: FileError[];
  skipped: SkippedFile[];
  /** Detector-specific figures (adoption per directory, drift per role, ...), keyed by detector id. */
  metrics: Record<string, unknown>;
}

/** Orders findings deterministically: by file, position, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
