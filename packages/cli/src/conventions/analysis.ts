import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { analyze, discoverFiles, gitKnownHashes, openCache, workingTreeSource } from '@plumbline/analyzer';
import type { FactsCache, FileFacts } from '@plumbline/analyzer';
import { shortHash } from '@plumbline/core';
import type { CheckSettings, ResolvedConfig, ScanResult } from '@plumbline/core';
import { UsageError } from '../command.js';
import { headCommit } from '../git/command.js';
import { loadProjectConfig } from '../scan.js';
import { memoizedCheckSettings } from '../settings-memo.js';
import { everyCopy } from '../written-again.js';

/**
 * What `conventions` and `mcp` read: one analysis of the working tree under the `all` preset, so that
 * every detector's measurements are there whatever preset the project runs (the design system's
 * components and their local re-implementations, the conventions per role are facts, not findings to
 * report). Facts come from the scan cache and the whole result is kept there too: an unchanged tree costs
 * one listing and one lookup.
 */
export interface Analysis {
  root: string;
  /** the project's config with `preset: all` */
  config: ResolvedConfig;
  /** the project's config as it is (which rules `scan` reports) */
  userConfig: ResolvedConfig;
  settings: CheckSettings;
  result: ScanResult;
  /** every analysed file's facts (read from the cache when the result was reused) */
  facts: FileFacts[];
  /** the facts cache, open, for analysing a proposed file beside the others (null: --no-cache) */
  cache: FactsCache | null;
  /** POSIX paths of the files analysed */
  paths: string[];
  /** path -> content hash (git blob id) of every file read */
  hashes: ReadonlyMap<string, string>;
  /** digest of the listing (paths and content hashes): equal when nothing changed */
  key: string;
}

export interface AnalysisOptions {
  root: string;
  configFile?: string;
  /** false: parse every file, neither read nor write the cache */
  cache?: boolean;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

/** Analyses a repository for `conventions` and `mcp` (see Analysis). Throws UsageError / ConfigError on bad input. */
export function loadAnalysis(options: AnalysisOptions): Analysis {
  const root = resolve(options.root);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${root} is not a directory`);
  const userConfig = loadProjectConfig(root, options.configFile);
  // every copy, as `check` sees a change: `check_code` names the code a proposed file writes again, wherever it is
  const config: ResolvedConfig = everyCopy({ ...userConfig, preset: 'all' });
  const { files } = discoverFiles(root, config);
  const { settings, errors } = memoizedCheckSettings(root, config, resolve(root, config.cacheDir));
  const cache = options.cache === false ? null : openCache(root, config, settings);
  const out = analyze({
    root,
    config,
    settings,
    cache,
    source: workingTreeSource(root, files, gitKnownHashes(root)),
    commit: headCommit(root),
    reuseResult: cache !== null,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  out.result.errors.push(...errors);
  if (cache) {
    try {
      cache.save();
    } catch (e) {
      out.result.errors.push({ file: config.cacheDir, message: `cache not written: ${(e as Error).message}` });
    }
  }
  const hashes = out.fileHashes ?? new Map(out.facts.map((f) => [f.path, f.hash]));
  return {
    root,
    config,
    userConfig,
    settings,
    result: out.result,
    get facts() {
      return out.facts;
    },
    cache,
    paths: files,
    hashes,
    key: out.stats.resultKey ?? shortHash([...hashes].map(([p, h]) => `${p}:${h}`).join('\n'), 32),
  };
}

/** One extractor's facts of a file, by the extractor's name (the analyzer exports its extractors only as a list). */
export function dataOf<T>(facts: FileFacts, extractor: string): T | undefined {
  return facts.data[extractor] as T | undefined;
}
