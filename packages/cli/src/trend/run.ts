// `plumbline trend`: select the snapshots of the window, compute what the history store lacks (the
// snapshots, then the periods between them), and build the report data.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analysisKey, FactsCache, openCache } from '@plumbline/analyzer';
import { buildCheckSettings, CODEOWNERS_LOCATIONS, parseCodeowners } from '@plumbline/core';
import type { CodeownersRule, ResolvedConfig } from '@plumbline/core';
import { UsageError } from '../command.js';
import { git } from '../git/command.js';
import { commitsInfo, firstParentHistory, isShallow } from '../git/history.js';
import type { HistoryCommit } from '../git/history.js';
import { BlobReader, resolveCommit } from '../git/objects.js';
import { GitRunner } from '../git/runner.js';
import { listTrees } from '../git/trees.js';
import type { HistoryBackend } from '../history/backend.js';
import { openHistory } from '../history/open.js';
import { SqliteBackend } from '../history/sqlite-backend.js';
import { WorkingSet } from '../history/working-set.js';
import type { TrendStore } from '../history/working-set.js';
import type { CommitInfo, IntervalRecord } from '../history/records.js';
import { loadProjectConfig } from '../scan.js';
import { analysedPaths } from './analysed-paths.js';
import { compileAssistantPatterns } from './assistants.js';
import { IntervalScheduler } from './interval.js';
import { buildTrendReport } from './report.js';
import type { TrendData } from './report.js';
import type { RunContext, TrendOptions, TrendOutput, TrendStats } from './run-context.js';
import { analyseSnapshots } from './snapshots.js';
import { isoDate, isoTime, parseEvery, parseSince, parseUntil, selectSnapshots } from './window.js';
import type { Every, Selection } from './window.js';

export type { TrendOptions, TrendOutput, TrendStats } from './run-context.js';

function readCodeowners(root: string, commit: string): CodeownersRule[] {
  for (const loc of CODEOWNERS_LOCATIONS) {
    const text = git(root, ['show', `${commit}:${loc}`]);
    if (text !== null) return parseCodeowners(text);
  }
  return [];
}

/** The window of a run: the ref's first-parent history, --since/--until/--every, the selected points and the notes. */
interface Window {
  ref: string;
  tip: string;
  prefix: string;
  every: Every;
  since: number;
  until: number;
  selection: Selection;
  notes: string[];
}

function resolveWindow(root: string, options: TrendOptions): Window {
  const every = parseEvery(options.every);
  const ref = options.ref ?? 'HEAD';
  if (git(root, ['rev-parse', '--git-dir']) === null) {
    throw new UsageError(`trend reads git history, and ${root} is not inside a git repository`);
  }
  const tip = resolveCommit(root, ref);
  if (!tip) throw new UsageError(`cannot resolve --ref "${ref}" to a commit in ${root}`);
  const prefix = git(root, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  const history = firstParentHistory(root, tip);
  if (history.length === 0) throw new UsageError(`cannot read the history of ${ref}`);
  const until = options.until ? parseUntil(options.until) : history[0]!.time;
  const since = parseSince(options.since, until);
  if (since >= until) throw new UsageError(`--since (${isoTime(since)}) must be before --until (${isoTime(until)})`);

  const selection = selectSnapshots(history, since, until, every);
  const notes = [...selection.notes];
  if (isShallow(root)) {
    const oldest = history[history.length - 1]!;
    notes.unshift(
      `shallow clone: history stops at ${isoDate(oldest.time)} (${oldest.sha.slice(0, 7)}); fetch all of it for the full window (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`,
    );
  }
  return { ref, tip, prefix, every, since, until, selection, notes };
}

/**
 * The history store of a run: the SQLite store itself, or a working set of the PostgreSQL store (the
 * window's stored snapshots and intervals read first, what the run computes queued to it).
 */
async function openStore(
  root: string,
  options: TrendOptions,
  config: ResolvedConfig,
  key: string,
  window: Window,
): Promise<{ backend: HistoryBackend; store: TrendStore; working: WorkingSet | null }> {
  const warn = options.onWarning ?? (() => undefined);
  const backend = await openHistory(root, config, { ...(options.storePath ? { store: options.storePath } : {}), onWarning: warn });
  if (backend instanceof SqliteBackend) return { backend, store: backend.sync, working: null };
  try {
    const commits = options.rebuild ? [] : window.selection.points.map((p) => p.commit.sha);
    const working = await WorkingSet.load(backend, key, commits, warn);
    return { backend, store: working, working };
  } catch (e) {
    await backend.close();
    throw e;
  }
}

/** The store, the facts cache and the git readers of a run, and its statistics. */
async function openRun(
  root: string,
  options: TrendOptions,
  config: ResolvedConfig,
  window: Window,
): Promise<{ ctx: RunContext; backend: HistoryBackend; working: WorkingSet | null }> {
  const warn = options.onWarning ?? (() => undefined);
  const { settings } = buildCheckSettings(root, config);
  const key = analysisKey(config, settings);
  const { backend, store, working } = await openStore(root, options, config, key, window);
  let cache: FactsCache;
  let reader: BlobReader;
  try {
    cache =
      options.cache === false
        ? FactsCache.open(join(tmpdir(), `plumbline-no-cache-${process.pid}-${Date.now()}`), 'memory')
        : openCache(root, config, settings);
    reader = new BlobReader(root);
  } catch (e) {
    store.close();
    await backend.close(); // an open connection would keep the process alive
    throw e;
  }
  const stats: TrendStats = {
    points: window.selection.points.length,
    snapshots: 0,
    snapshotsComputed: 0,
    snapshotsInWorker: 0,
    snapshotsStored: 0,
    intervals: 0,
    intervalsComputed: 0,
    intervalsStored: 0,
    filesParsed: 0,
    snapshotMs: 0,
    intervalMs: 0,
  };
  let storeOk = true;
  /** Runs a store operation; a failure (disk full, damage found mid-run) is a warning, and the run goes on unstored. */
  const stored = <T>(what: string, fn: () => T): T | undefined => {
    if (!storeOk) return undefined;
    try {
      return fn();
    } catch (e) {
      storeOk = false;
      warn(`history store: ${what} failed (${(e as Error).message}); the rest of this run is not stored`);
      return undefined;
    }
  };
  // git's commands for the periods run from a small helper process, started while this one is small
  const runner = GitRunner.start();
  const ctx: RunContext = {
    root,
    prefix: window.prefix,
    config,
    settings,
    key,
    options,
    stats,
    store,
    stored,
    cache,
    reader,
    runner,
    warn,
    snapshots: new Map(),
    fresh: new Map(),
  };
  return { ctx, backend, working };
}

/**
 * `plumbline trend` as a function: picks the snapshots of the window from first-parent history,
 * analyses the commits the history store lacks (from git objects, reusing the facts cache by blob id),
 * computes what changed between consecutive snapshots (new and fixed findings, blame of the new ones,
 * the commits and lines of each period), stores it all, and builds the report. The store is
 * persistence only: when it fails mid-run, the run goes on with what it computed.
 */
export async function trend(options: TrendOptions = {}): Promise<TrendOutput> {
  const root = resolve(options.root ?? '.');
  const config = loadProjectConfig(root, options.configFile);
  const assistantPatterns = compileAssistantPatterns(config);
  const window = resolveWindow(root, options);
  for (const n of window.notes) (options.onWarning ?? (() => undefined))(n);
  const { ctx, backend, working } = await openRun(root, options, config, window);
  const { stats, store, stored, key, cache, runner, reader } = ctx;
  let periods: IntervalScheduler | undefined;
  try {
    // 1. snapshots
    const t0 = performance.now();
    const commits = [...new Map(window.selection.points.map((p) => [p.commit.sha, p.commit])).values()];
    stats.snapshots = commits.length;
    const missing: HistoryCommit[] = [];
    for (const c of commits) {
      const old = options.rebuild ? undefined : stored('read', () => store.findSnapshot(key, c.sha));
      if (old) {
        ctx.snapshots.set(c.sha, old);
        stats.snapshotsStored++;
      } else missing.push(c);
    }
    // the trees of every missing snapshot (shared subtrees read once), then the snapshots themselves
    missing.sort((a, b) => a.time - b.time || (a.sha < b.sha ? -1 : 1));
    const trees = await listTrees(
      root,
      missing.map((c) => c.sha),
      window.prefix,
    );
    const analysed = analysedPaths(config);
    periods = new IntervalScheduler(ctx, window.selection.points, analysed);
    const scheduler = periods;
    await analyseSnapshots(ctx, missing, trees, analysed, (sha) => scheduler.start(sha));
    if (options.cache !== false) {
      try {
        cache.save();
      } catch (e) {
        ctx.warn(`facts cache not written: ${(e as Error).message}`);
      }
    }
    stats.snapshotMs = performance.now() - t0;

    // 2. the periods not started yet (both snapshots stored), and the end of those started
    const t1 = performance.now();
    for (const c of commits) periods.start(c.sha);
    await periods.finish();
    stats.intervalMs = performance.now() - t1;

    const points: TrendData['points'] = window.selection.points.map((p, i) => {
      const prev = window.selection.points[i - 1];
      const interval =
        prev && prev.commit.sha !== p.commit.sha ? (periods!.intervals.get(`${prev.commit.sha}..${p.commit.sha}`) ?? null) : null;
      return { selected: p, snapshot: ctx.snapshots.get(p.commit.sha)!, interval };
    });
    const commitInfo = await collectCommitInfo(ctx, periods.intervals, periods.commitInfo);
    if (store.path !== null) stored('prune', () => store.prune(key));

    const { ref, since, until, every, notes, selection, tip, prefix } = window;
    const report = buildTrendReport(
      {
        root,
        ref,
        since,
        until,
        every,
        notes,
        points,
        commits: commitInfo,
        codeowners: readCodeowners(root, selection.points[selection.points.length - 1]?.commit.sha ?? tip),
        prefix,
        assistantPatterns,
        devCostMinutesPerLine: config.devCostMinutesPerLine,
      },
      options,
    );
    return { report, stats, storePath: store.path };
  } finally {
    await Promise.allSettled(periods?.jobs.values() ?? []); // none is left writing to the store once it is closed
    runner.close();
    reader.clear();
    store.close();
    if (working && (await working.flush())) await backend.prune(key).catch((e: unknown) => ctx.warn((e as Error).message));
    await backend.close();
  }
}

/** The metadata of every commit the periods name: known from this run, stored, or read from git. */
async function collectCommitInfo(
  ctx: RunContext,
  intervals: ReadonlyMap<string, IntervalRecord>,
  known: Map<string, CommitInfo>,
): Promise<Map<string, CommitInfo>> {
  const wanted = new Set<string>();
  for (const iv of intervals.values()) {
    for (const c of iv.commits) wanted.add(c.sha);
    for (const a of iv.added) for (const s of a.shares) if (s.sha) wanted.add(s.sha);
  }
  const unknown = [...wanted].filter((sha) => {
    if (known.has(sha)) return false;
    const info = ctx.stored('read', () => ctx.store.commitInfo(sha));
    if (info) known.set(sha, info);
    return !info;
  });
  for (const info of await commitsInfo(ctx.root, unknown, ctx.runner)) known.set(info.sha, info);
  return known;
}
