export { scan, scanCommit, loadProjectConfig, writeProjectFindings } from './scan.js';
export type { ScanOptions, ScanOutput, ScanCommitOptions } from './scan.js';
export { main } from './cli.js';
export { allRules, allRuleIds } from './rules-catalog.js';
export { formatJson } from './formatters/scan/json.js';
export { formatPretty } from './formatters/scan/pretty.js';
export { formatMinutes } from './formatters/minutes.js';
export { git, headCommit } from './git/command.js';
export { listTree, BlobReader, commitSource, resolveCommit } from './git/objects.js';
export type { TreeEntry } from './git/objects.js';
export { gitRenames } from './git/renames.js';
export { check } from './check.js';
export type { CheckOptions, CheckOutcome, CheckBase, Totals } from './check.js';
export { matchFindings, occurrencesOf, evaluateGate, parseThresholds, defaultThresholds, describeViolation } from './gate.js';
export type { BaseOccurrence, Comparison, Limit, Thresholds, Violation, GateVerdict } from './gate.js';
export { trend, buildTrendReport } from './trend/index.js';
export type { TrendOptions, TrendOutput, TrendStats, TrendReport, TrendData, ReportOptions } from './trend/index.js';
export {
  BASELINE_FILE_NAME,
  baselineFromFindings,
  serializeBaseline,
  readBaseline,
  writeBaseline,
  baselineOccurrences,
  updateBaseline,
} from './baseline.js';
export type { Baseline, BaselineEntry, UpdateBaselineOptions, UpdateBaselineResult } from './baseline.js';
export { formatSarif } from './formatters/check/sarif.js';
export { formatCheckMarkdown as formatMarkdown } from './formatters/check/markdown.js';
export { formatGithub } from './formatters/check/github.js';
export { formatCheckPretty } from './formatters/check/pretty.js';
export { formatCheckJson } from './formatters/check/json.js';
export { startWatch } from './watch.js';
export type { Watcher, WatchOptions } from './watch.js';
