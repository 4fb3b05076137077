// What one trend run shares between its phases: its options and statistics, and the context the snapshot
// and period phases work in (the store, the facts cache, the git readers).
import type { FactsCache } from '@plumbline/analyzer';
import type { CheckSettings, ResolvedConfig } from '@plumbline/core';
import type { BlobReader } from '../git/objects.js';
import type { GitRunner } from '../git/runner.js';
import type { TrendStore } from '../history/working-set.js';
import type { SnapshotRecord, StoredFinding } from '../history/records.js';
import type { ReportOptions, TrendReport } from './report.js';

export interface TrendOptions extends ReportOptions {
  /** the directory to analyse (default: the current directory); may be a subdirectory of the repository */
  root?: string;
  configFile?: string;
  /** `26w`, `90d`, `6m`, `1y` or a date (default 26w) */
  since?: string;
  /** a date (default: the date of the ref's tip) */
  until?: string;
  /** `week`, `day` or a number of commits (default week) */
  every?: string;
  /** the branch or commit whose first-parent history is read (default HEAD) */
  ref?: string;
  /** false: the facts cache lives in memory for this run only */
  cache?: boolean;
  /** recompute every snapshot and interval even when stored */
  rebuild?: boolean;
  /**
   * threads in all: 1 = this one only; 2 adds a worker extracting facts; 3 or more also a worker
   * analysing snapshots, the rest extracting facts (default: 1 where a scan runs in one thread, i.e. on two
   * logical CPUs or fewer; else the facts pool's size plus the snapshot worker)
   */
  concurrency?: number;
  /** soft cap on resident memory in MB: fewer threads extracting facts, each with a bounded heap (as in a scan) */
  maxMemoryMb?: number;
  /**
   * the history store: a `postgres://` URL or a SQLite file relative to the root (default
   * PLUMBLINE_STORE, then config `history.store`, then config `history.path`)
   */
  storePath?: string;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  onWarning?: (message: string) => void;
}

export interface TrendStats {
  points: number;
  /** distinct commits among the points */
  snapshots: number;
  snapshotsComputed: number;
  /** of those computed, how many a second thread analysed */
  snapshotsInWorker: number;
  snapshotsStored: number;
  intervals: number;
  intervalsComputed: number;
  intervalsStored: number;
  /** files parsed (facts not in the cache) */
  filesParsed: number;
  snapshotMs: number;
  intervalMs: number;
}

export interface TrendOutput {
  report: TrendReport;
  stats: TrendStats;
  /** where the history is kept (a file, or the URL with its password masked; null: memory only) */
  storePath: string | null;
}

/** What the phases of a run share. */
export interface RunContext {
  root: string;
  /** the root's path inside the repository (`apps/web/`) */
  prefix: string;
  config: ResolvedConfig;
  settings: CheckSettings;
  /** the analysis key the store files results under */
  key: string;
  options: TrendOptions;
  stats: TrendStats;
  /** the SQLite store, or a working set of the PostgreSQL store */
  store: TrendStore;
  /** Runs a store operation; a failure is a warning, and the run goes on unstored (undefined from then on). */
  stored: <T>(what: string, fn: () => T) => T | undefined;
  cache: FactsCache;
  reader: BlobReader;
  /** git's commands for the periods, run from a small helper process */
  runner: GitRunner;
  warn: (message: string) => void;
  /** the snapshot of each point's commit, stored or computed */
  snapshots: Map<string, SnapshotRecord>;
  /** the findings of the snapshots computed in this run */
  fresh: Map<string, StoredFinding[]>;
}
