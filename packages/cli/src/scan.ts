import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import {
  analyze,
  analyzerKey,
  discoverFiles,
  filterPaths,
  gitKnownHashes,
  openCache,
  prefetchFactsFile,
  readFactsFile,
  startGitQueries,
  workingTreeSource,
  writeFactsFile,
} from '@plumbline/analyzer';
import type { AnalyzeOutput, FactsCache, FileFacts } from '@plumbline/analyzer';
import {
  buildCheckSettings,
  conventionsFromMetrics,
  conventionsPath,
  loadConfig,
  projectFindingsPath,
  VERSION,
  writeConventions,
} from '@plumbline/core';
import type { CheckSettings, Finding, ProjectFindingsCache, ResolvedConfig, ScanResult, SettingsOutcome } from '@plumbline/core';
import { UsageError } from './command.js';
import { headCommit } from './git/command.js';
import { BlobReader, commitSource, listTree } from './git/objects.js';
import { allRuleIds, allRules } from './rules-catalog.js';
import { memoizedCheckSettings } from './settings-memo.js';

export interface ScanOptions {
  /** the directory to analyse (default: the current directory) */
  root?: string;
  /** an explicit config file (default: <root>/plumbline.config.json when present) */
  configFile?: string;
  /** adjusts the options of project-wide rules for this analysis (check's everyCopy); the facts cache stays the project config's */
  adjustConfig?: (config: ResolvedConfig) => ResolvedConfig;
  /** false: parse every file and leave the cache alone */
  cache?: boolean;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  /** threads extracting facts (default: one per logical CPU, 1 on a machine with two or fewer; 1 = no worker threads) */
  concurrency?: number;
  /** soft cap on resident memory in MB: fewer worker threads, each with a bounded heap */
  maxMemoryMb?: number;
  /** called with the facts cache before the analysis, e.g. to load shards' facts into it (`merge`) */
  seedCache?: (cache: FactsCache) => void;
}

export interface ScanOutput extends AnalyzeOutput {
  config: ResolvedConfig;
}

/** Loads the config for a root, validated against every known rule id (throws ConfigError). */
export function loadProjectConfig(root: string, configFile?: string): ResolvedConfig {
  return loadConfig(root, configFile, allRuleIds());
}

/** `plumbline scan` as a function: discover, analyse (facts cached by content), score. */
export function scan(options: ScanOptions = {}): ScanOutput {
  const root = resolve(options.root ?? '.');
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${root} is not a directory`);
  const project = loadProjectConfig(root, options.configFile);
  const config = options.adjustConfig?.(project) ?? project;
  const { files } = discoverFiles(root, config);
  const { settings, errors: settingsErrors } = checkSettings(root, config, options);
  const cache = options.cache === false ? null : openCache(root, project, settings);
  if (cache) options.seedCache?.(cache);
  return analyzeTree(options, {
    root,
    config,
    files,
    settings,
    settingsErrors,
    cache,
    knownHashes: gitKnownHashes(root),
    commit: headCommit(root),
  });
}

/**
 * scan() for the command line, the same result sooner: git's answers (file list, index blob ids, HEAD)
 * are computed by child processes while the config loads, and when the tree differs from the last
 * scan's (so that the facts will likely be needed), the facts file is read on the thread pool while the
 * settings are built.
 */
export async function scanAsync(options: ScanOptions = {}): Promise<ScanOutput> {
  const root = resolve(options.root ?? '.');
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${root} is not a directory`);
  const pending = startGitQueries(root);
  const config = loadProjectConfig(root, options.configFile);
  const git = await pending.result();
  const { files } = discoverFiles(root, config, git ? git.files : null);
  const cacheDir = resolve(root, config.cacheDir);
  const stamp = options.cache === false || !git ? null : workTreeStamp(root, files, git.knownHashes);
  // a guess, for speed only: the same stamp as the last scan's means its result will likely be reused
  const prefetch = stamp !== null && stamp !== readStamp(cacheDir) ? prefetchFactsFile(cacheDir) : null;
  const { settings, errors: settingsErrors } = checkSettings(root, config, options);
  const cache = options.cache === false ? null : openCache(root, config, settings);
  if (cache && prefetch) {
    const bytes = await prefetch.take(cache);
    if (bytes) cache.preload(bytes);
  }
  if (cache) options.seedCache?.(cache);
  const out = analyzeTree(options, {
    root,
    config,
    files,
    settings,
    settingsErrors,
    cache,
    knownHashes: git ? git.knownHashes : null,
    commit: git ? git.head : null,
  });
  if (stamp !== null && cache) writeStamp(cacheDir, stamp);
  return out;
}

/** The check settings of a scan: kept between scans in the cache directory (see settings-memo.ts) unless the cache is off. */
function checkSettings(root: string, config: ResolvedConfig, options: ScanOptions): SettingsOutcome {
  return options.cache === false ? buildCheckSettings(root, config) : memoizedCheckSettings(root, config, resolve(root, config.cacheDir));
}

const STAMP_FILE = 'worktree.stamp';

/**
 * A digest of the files to analyse (paths, index blob ids, and size, time and inode of the files that
 * differ from the index): equal to the last scan's when nothing was edited since. Only steers
 * reading ahead, never a result.
 */
function workTreeStamp(root: string, files: readonly string[], knownHashes: ReadonlyMap<string, string>): string {
  const h = createHash('sha1');
  for (const p of files) {
    const blob = knownHashes.get(p);
    if (blob) h.update(`${p}\0${blob}\n`);
    else {
      const st = lstatSync(join(root, p), { throwIfNoEntry: false });
      h.update(`${p}\0${st ? `${st.size}:${st.mtimeMs}:${st.ino}` : '-'}\n`);
    }
  }
  return h.digest('hex');
}

function readStamp(cacheDir: string): string | null {
  try {
    return readFileSync(join(cacheDir, STAMP_FILE), 'utf8');
  } catch {
    return null;
  }
}

function writeStamp(cacheDir: string, stamp: string): void {
  try {
    if (readStamp(cacheDir) !== stamp) writeFileSync(join(cacheDir, STAMP_FILE), stamp);
  } catch {
    // only a hint for the next run
  }
}

interface PreparedScan {
  root: string;
  config: ResolvedConfig;
  files: string[];
  settings: CheckSettings;
  settingsErrors: ScanResult['errors'];
  cache: FactsCache | null;
  knownHashes: ReadonlyMap<string, string> | null;
  commit: string | null;
}

/** The analysis and the cache writes of a scan, once files, config, settings and cache are known. */
function analyzeTree(options: ScanOptions, prepared: PreparedScan): ScanOutput {
  const { root, config, files, settings, settingsErrors, cache } = prepared;
  const out = analyze({
    root,
    config,
    settings,
    cache,
    // git's index knows the blob id of every unchanged tracked file: those are not read to be hashed
    source: workingTreeSource(root, files, prepared.knownHashes),
    commit: prepared.commit,
    // an unchanged tree reuses its whole last result: no facts loaded, no detector run
    reuseResult: true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.maxMemoryMb !== undefined ? { maxMemoryMb: options.maxMemoryMb } : {}),
  });
  out.result.errors.push(...settingsErrors);
  if (cache) {
    try {
      cache.save();
      // a reused result whose project findings are already on disk: nothing to rewrite
      const written =
        out.stats.reusedResult && out.stats.resultKey !== undefined && projectFindingsKey(root, config) === out.stats.resultKey;
      if (!written)
        writeProjectFindings(
          root,
          config,
          out.result,
          out.fileHashes ? [...out.fileHashes].map(([path, hash]) => ({ path, hash })) : out.facts,
          out.stats.resultKey,
        );
      // the editor rule library-drift reads the inferred conventions from here
      const conventions = conventionsFromMetrics(out.result.metrics['pattern-drift'], root, VERSION);
      if (conventions) writeConventions(conventionsPath(root, config.cacheDir), conventions);
    } catch (e) {
      out.result.errors.push({ file: config.cacheDir, message: `cache not written: ${(e as Error).message}` });
    }
  }
  // not a spread: `facts` of a reused result is read from the cache only when someone asks for it
  return Object.assign(out, { config });
}

/** The result key the project findings file was written for (see writeProjectFindings), or null. */
function projectFindingsKey(root: string, config: ResolvedConfig): string | null {
  const path = projectFindingsPath(root, config.cacheDir);
  try {
    return existsSync(path) ? readFileSync(`${path}.key`, 'utf8').trim() : null;
  } catch {
    return null;
  }
}

/**
 * Writes the project-wide findings per file, with each file's content hash, for the editor rule. With
 * `resultKey` (the result cache key of `result`), a stamp beside the file records it, so that a scan
 * reusing that very result need not rewrite the file; any other write removes the stamp.
 */
export function writeProjectFindings(
  root: string,
  config: ResolvedConfig,
  result: ScanResult,
  facts: ReadonlyArray<Pick<FileFacts, 'path' | 'hash'>>,
  resultKey?: string,
): void {
  const projectRules = new Set(
    allRules()
      .filter((r) => r.scope === 'project')
      .map((r) => r.id),
  );
  const hashes = new Map(facts.map((f) => [f.path, f.hash]));
  const files: ProjectFindingsCache['files'] = {};
  const add = (file: string, f: Finding) => {
    const hash = hashes.get(file);
    if (hash) (files[file] ??= { hash, findings: [] }).findings.push(f);
  };
  for (const f of result.findings) {
    if (!projectRules.has(f.ruleId)) continue;
    add(f.file, f);
    // the other members (copies, family members, chain links) show the finding in their own files too
    const seen = new Set([`${f.file}:${f.line}`]);
    for (const r of f.related) {
      if (seen.has(`${r.file}:${r.line}`)) continue;
      seen.add(`${r.file}:${r.line}`);
      add(r.file, {
        ...f,
        file: r.file,
        line: r.line,
        column: 1,
        endLine: r.line,
        endColumn: 1,
        message: `${r.message} (finding at ${f.file}:${f.line}: ${f.message})`,
        related: [{ file: f.file, line: f.line, message: 'reported here' }],
      });
    }
  }
  const data: ProjectFindingsCache = { version: 1, tool: VERSION, root, files };
  const path = projectFindingsPath(root, config.cacheDir);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(`${path}.key`, { force: true });
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, path);
  if (resultKey !== undefined) writeFileSync(`${path}.key`, `${resultKey}\n`);
}

export interface ScanCommitOptions {
  root: string;
  /** a full commit id */
  commit: string;
  config: ResolvedConfig;
  /** shared across snapshots: every unchanged blob is analysed once */
  cache: FactsCache | null;
  reader?: BlobReader;
}

const settingsByConfig = new WeakMap<ResolvedConfig, { root: string; settings: CheckSettings }>();

/**
 * The working tree's check settings, built once per config object: every snapshot of a trend is judged
 * by the same settings, and building them (the design system's components are parsed) costs a parse of
 * the design system each time.
 */
function workingTreeSettings(root: string, config: ResolvedConfig): CheckSettings {
  const hit = settingsByConfig.get(config);
  if (hit && hit.root === root) return hit.settings;
  const { settings } = buildCheckSettings(root, config);
  settingsByConfig.set(config, { root, settings });
  return settings;
}

/**
 * Analyses a commit's tree without checking it out: paths and blob ids from `git ls-tree`, facts from
 * the cache by blob id, and only the blobs the cache lacks read through `git cat-file --batch`. The
 * config and check settings are the working tree's, so that every snapshot is judged by the same rules.
 */
export async function scanCommit(options: ScanCommitOptions): Promise<AnalyzeOutput> {
  const { root, commit, config, cache } = options;
  const entries = listTree(root, commit);
  const paths = filterPaths(
    entries.map((e) => e.path),
    config,
  );
  const settings = workingTreeSettings(root, config);
  const reader = options.reader ?? new BlobReader(root);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const missing = paths.filter((p) => !cache?.has(`${byPath.get(p)!.blob}:${p}`)).map((p) => byPath.get(p)!.blob);
  await reader.prefetch(missing);
  const out = analyze({ root, config, settings, cache, source: commitSource(entries, paths, reader), commit });
  reader.clear();
  return out;
}

/** Which part of a split run a job computes: shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Parses `--shard i/n`; throws a UsageError naming what was expected. */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 <= i <= n (e.g. 2/4), got "${text}"`);
  return { index, count };
}

/** Parses `--concurrency N` (a positive whole number). */
export function parseConcurrency(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new UsageError(`--concurrency must be a positive whole number of threads, got "${text}"`);
  return Number(text);
}

/** Parses `--max-memory`: megabytes, or a size with a unit (1500, 1500M, 1.5G). */
export function parseMemory(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([mg]i?b?)?$/i.exec(text.trim());
  const mb = m ? Number(m[1]) * (m[2]?.toLowerCase().startsWith('g') ? 1024 : 1) : NaN;
  if (!m || !(mb >= 256)) throw new UsageError(`--max-memory must be a size of at least 256 MB (e.g. 1200, 1200M or 1.5G), got "${text}"`);
  return Math.round(mb);
}

/** The shard a path belongs to (0-based): a hash of the path, so every job of a split run agrees. */
export function shardOf(path: string, count: number): number {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  // a final mix (murmur3's), so that similar paths spread over the low bits too
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % count;
}

/** The entry of a shard file that describes it (not a file's facts). */
const SHARD_META = '#plumbline-shard';

interface ShardMeta {
  version: 1;
  tool: string;
  analyzerKey: string;
  shard: ShardSpec;
  root: string;
  commit: string | null;
  files: number;
}

export function defaultShardFile(root: string, config: ResolvedConfig, shard: ShardSpec): string {
  return resolve(root, config.cacheDir, '..', 'shards', `shard-${shard.index}-of-${shard.count}.facts`);
}

export interface ShardScanOutput {
  shard: ShardSpec;
  /** the facts file written */
  file: string;
  /** files of the whole tree, and of this shard */
  totalFiles: number;
  files: number;
  stats: AnalyzeOutput['stats'];
  errors: ScanResult['errors'];
}

/**
 * `plumbline scan --shard i/n`: extracts the facts of a deterministic subset of the files (split by a
 * hash of the path) and writes them to a facts file, for `plumbline merge` to run the project detectors
 * over every shard's facts. Uses and fills the facts cache like a scan.
 */
export function scanShard(options: ScanOptions & { shard: ShardSpec; output?: string }): ShardScanOutput {
  const root = resolve(options.root ?? '.');
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${root} is not a directory`);
  const config = loadProjectConfig(root, options.configFile);
  const { files } = discoverFiles(root, config);
  const mine = files.filter((p) => shardOf(p, options.shard.count) === options.shard.index - 1);
  const { settings } = buildCheckSettings(root, config);
  const key = analyzerKey(config, settings);
  const cache = options.cache === false ? null : openCache(root, config, settings);
  const commit = headCommit(root);
  const out = analyze({
    root,
    config,
    settings,
    cache,
    commit,
    factsOnly: true,
    source: workingTreeSource(root, mine),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.maxMemoryMb !== undefined ? { maxMemoryMb: options.maxMemoryMb } : {}),
  });
  const meta: ShardMeta = { version: 1, tool: VERSION, analyzerKey: key, shard: options.shard, root, commit, files: mine.length };
  // every file read: analysed, skipped or failed to parse (so that merge needs to read none of them)
  const entries: Array<[string, Uint8Array]> = [[SHARD_META, serialize(meta)]];
  const byPath = cache ? null : new Map(out.facts.map((f) => [f.path, f]));
  for (const [path, hash] of out.fileHashes ?? []) {
    const k = `${hash}:${path}`;
    const bytes = cache ? cache.serialized(k) : byPath!.has(path) ? serialize(byPath!.get(path)) : undefined;
    if (bytes) entries.push([k, bytes]);
  }
  const file = options.output ? resolve(options.output) : defaultShardFile(root, config, options.shard);
  writeFactsFile(file, entries);
  if (cache) cache.save();
  return { shard: options.shard, file, totalFiles: files.length, files: mine.length, stats: out.stats, errors: out.result.errors };
}

export interface MergeOutput extends ScanOutput {
  merge: {
    shards: ShardSpec[];
    /** file versions whose facts came from the shard files */
    fromShards: number;
    /** shards of the split that no file was given for */
    missingShards: number[];
  };
}

/**
 * `plumbline merge`: loads the facts of every shard file into the facts cache, then scans: the project
 * detectors run over all shards' facts, and a file no shard covered is analysed here. Shards computed
 * by other code or config than this run's are refused (their facts could differ), with the reason.
 */
export function mergeShards(options: ScanOptions & { shardFiles: readonly string[] }): MergeOutput {
  if (options.shardFiles.length === 0) throw new UsageError('no shard files given (write them with plumbline scan --shard i/n)');
  const loaded = options.shardFiles.map((file) => {
    let entries: Map<string, Uint8Array>;
    try {
      entries = readFactsFile(resolve(file)).entries;
    } catch (e) {
      throw new UsageError(`${file}: not a shard facts file (${(e as Error).message})`);
    }
    const raw = entries.get(SHARD_META);
    if (!raw) throw new UsageError(`${file}: not a shard facts file (no ${SHARD_META} entry)`);
    entries.delete(SHARD_META);
    return { file, meta: deserialize(raw) as ShardMeta, entries };
  });
  const counts = new Set(loaded.map((l) => l.meta.shard.count));
  if (counts.size > 1)
    throw new UsageError(
      `the shard files come from different splits (${[...counts].map((n) => `/${n}`).join(', ')}): merge the shards of one split`,
    );
  const count = loaded[0]!.meta.shard.count;
  const given = new Set(loaded.map((l) => l.meta.shard.index));
  let fromShards = 0;
  const out = scan({
    ...options,
    seedCache: (cache) => {
      for (const l of loaded) {
        if (l.meta.analyzerKey !== cache.key) {
          throw new UsageError(
            `${l.file}: computed by plumbline ${l.meta.tool} under analyzer key ${l.meta.analyzerKey}, this run's is ${cache.key} (another version, config or design-system settings): rerun the shards with the same version and config`,
          );
        }
        for (const [k, bytes] of l.entries) {
          if (cache.has(k)) continue;
          cache.setSerialized(k, bytes);
          fromShards++;
        }
      }
      options.seedCache?.(cache);
    },
  });
  const missingShards = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !given.has(i));
  return Object.assign(out, {
    merge: { shards: loaded.map((l) => l.meta.shard).sort((a, b) => a.index - b.index), fromShards, missingShards },
  });
}
