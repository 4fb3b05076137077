// `plumbline trend` and its report data. The parts, by name:
//   window.ts      the time window: --since, --until, --every, and the snapshots selected for its periods
//   assistants.ts  the AI assistants commit trailers name (patterns as data)
//   interval.ts    what changed between two snapshots: new and fixed findings, blame, the period's commits
//   snapshots.ts   the snapshots the history store lacks, analysed from git objects (with snapshot-pool.ts)
//   report.ts      TrendReport and what builds it: points, rate, projection, attribution
//   run.ts         the run: select, compute what the store lacks, build the report
export { parseEvery, parseSince, parseUntil, selectSnapshots } from './window.js';
export type { Every, HistoryCommit, SelectedPoint, Selection } from './window.js';
export { assistantOf, compileAssistantPatterns, DEFAULT_ASSISTANT_PATTERNS } from './assistants.js';
export { matchFindings, reidentify, sharesFor } from './interval.js';
export type { Matchable } from './interval.js';
export { analysedPaths } from './analysed-paths.js';
export { buildTrendReport, slope } from './report.js';
export { pointRating, project, ratingText, staleNote } from './rating.js';
export type {
  AssistantSplit,
  AttributionRow,
  CommitRow,
  PointChange,
  Projection,
  ReportOptions,
  TopFinding,
  TrendData,
  TrendPoint,
  TrendReport,
} from './report.js';
export { trend } from './run.js';
export type { TrendOptions, TrendOutput, TrendStats } from './run.js';
