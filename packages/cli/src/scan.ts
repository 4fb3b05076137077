import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyze, discoverFiles, filterPaths, openCache, workingTreeSource } from '@plumbline/analyzer';
import type { AnalyzeOutput, FactsCache, FileFacts } from '@plumbline/analyzer';
import { buildCheckSettings, conventionsFromMetrics, conventionsPath, loadConfig, projectFindingsPath, VERSION, writeConventions } from '@plumbline/core';
import type { ProjectFindingsCache, ResolvedConfig, ScanResult } from '@plumbline/core';
import { UsageError } from './command.js';
import { headCommit } from './git.js';
import { BlobReader, commitSource, listTree } from './git-source.js';
import { allRuleIds, allRules } from './rules-catalog.js';

export interface ScanOptions {
  /** the directory to analyse (default: the current directory) */
  root?: string;
  /** an explicit config file (default: <root>/plumbline.config.json when present) */
  configFile?: string;
  /** false: parse every file and leave the cache alone */
  cache?: boolean;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
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
  const config = loadProjectConfig(root, options.configFile);
  const { files } = discoverFiles(root, config);
  const { settings, errors: settingsErrors } = buildCheckSettings(root, config);
  const cache = options.cache === false ? null : openCache(root, config, settings);
  const out = analyze({
    root, config, settings, cache,
    source: workingTreeSource(root, files),
    commit: headCommit(root),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  out.result.errors.push(...settingsErrors);
  if (cache) {
    try {
      cache.save();
      writeProjectFindings(root, config, out.result, out.facts);
      // the editor rule library-drift reads the inferred conventions from here
      const conventions = conventionsFromMetrics(out.result.metrics['pattern-drift'], root, VERSION);
      if (conventions) writeConventions(conventionsPath(root, config.cacheDir), conventions);
    } catch (e) {
      out.result.errors.push({ file: config.cacheDir, message: `cache not written: ${(e as Error).message}` });
    }
  }
  return { ...out, config };
}

/** Writes the project-wide findings per file, with each file's content hash, for the editor rule. */
export function writeProjectFindings(root: string, config: ResolvedConfig, result: ScanResult, facts: readonly FileFacts[]): void {
  const projectRules = new Set(allRules().filter((r) => r.scope === 'project').map((r) => r.id));
  const hashes = new Map(facts.map((f) => [f.path, f.hash]));
  const files: ProjectFindingsCache['files'] = {};
  for (const f of result.findings) {
    if (!projectRules.has(f.ruleId)) continue;
    const hash = hashes.get(f.file);
    if (!hash) continue;
    (files[f.file] ??= { hash, findings: [] }).findings.push(f);
  }
  const data: ProjectFindingsCache = { version: 1, tool: VERSION, root, files };
  const path = projectFindingsPath(root, config.cacheDir);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data));
  renameSync(tmp, path);
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

/**
 * Analyses a commit's tree without checking it out: paths and blob ids from `git ls-tree`, facts from
 * the cache by blob id, and only the blobs the cache lacks read through `git cat-file --batch`. The
 * config and check settings are the working tree's, so that every snapshot is judged by the same rules.
 */
export async function scanCommit(options: ScanCommitOptions): Promise<AnalyzeOutput> {
  const { root, commit, config, cache } = options;
  const entries = listTree(root, commit);
  const paths = filterPaths(entries.map((e) => e.path), config);
  const { settings } = buildCheckSettings(root, config);
  const reader = options.reader ?? new BlobReader(root);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const missing = paths.filter((p) => !cache?.has(`${byPath.get(p)!.blob}:${p}`)).map((p) => byPath.get(p)!.blob);
  await reader.prefetch(missing);
  const out = analyze({ root, config, settings, cache, source: commitSource(entries, paths, reader), commit });
  reader.clear();
  return out;
}
