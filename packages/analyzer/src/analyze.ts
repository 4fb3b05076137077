import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deserialize } from 'node:v8';
import {
  FILE_CHECKS,
  VERSION,
  blobHash,
  compareFindings,
  computeScore,
  fingerprint,
  isRatedRule,
  ratedDebt,
  ruleOptions,
  ruleSeverity,
} from '@plumbline/core';
import type { CheckSettings, FileError, Finding, RatedDebt, ResolvedConfig, RuleMeta, ScanResult, SkippedFile } from '@plumbline/core';
import { FactsCache, ResultCache } from './cache.js';
import { classifyContent } from './classify.js';
import { analyzerKey, resultKey } from './code-identity.js';
import type { DetectorContext, DraftFinding } from './detector.js';
import { DETECTORS } from './detectors/index.js';
import { factsForBlob, factsOfContent, outcomeOf, unanalysedFacts } from './extract.js';
import type { FileFacts } from './facts.js';
import { defaultConcurrency, FactsPool, workersFor } from './facts-pool.js';
import type { IndexedJob } from './facts-pool.js';

export { extractFileFacts } from './extract.js';

/** Where file bytes come from: the working tree, or a commit's blobs (trend, check --base). */
export interface FileSource {
  /** POSIX paths relative to the root, already filtered */
  paths: readonly string[];
  read(path: string): Uint8Array;
  /** the git blob id when known without reading (lets a cache hit skip the read) */
  knownHash?(path: string): string | undefined;
}

/** Files of a directory; `knownHashes` (path -> blob id, e.g. gitKnownHashes()) spares reading unchanged files to hash them. */
export function workingTreeSource(root: string, paths: readonly string[], knownHashes?: ReadonlyMap<string, string> | null): FileSource {
  return { paths, read: (p) => readFileSync(join(root, p)), ...(knownHashes ? { knownHash: (p: string) => knownHashes.get(p) } : {}) };
}

export interface AnalyzeOptions {
  root: string;
  config: ResolvedConfig;
  source: FileSource;
  /** null: no cache (every file parsed) */
  cache: FactsCache | null;
  settings?: CheckSettings;
  commit?: string | null;
  onProgress?: (progress: { phase: 'facts' | 'detectors'; done: number; total: number }) => void;
  /** threads extracting facts (default: one per core); 1 keeps everything in this thread */
  concurrency?: number;
  /** soft cap on resident memory, in MB: fewer worker threads, each with a bounded heap */
  maxMemoryMb?: number;
  /**
   * Keep the whole result in the cache and reuse it when every file, the config and the code are
   * unchanged (detectors are pure functions of the facts). Then `facts` in the output is read from the
   * facts cache only when asked for. Needs `cache`.
   */
  reuseResult?: boolean;
  /** extract facts only (per-file checks included), without project detectors: a shard of a split run */
  factsOnly?: boolean;
}

export interface AnalyzeStats {
  parsed: number;
  fromCache: number;
  factsMs: number;
  detectorsMs: number;
  /** worker threads that extracted facts (0: this thread) */
  workers?: number;
  /** the whole result came from the result cache */
  reusedResult?: boolean;
  /** the key the result is kept under in the result cache (with `reuseResult`) */
  resultKey?: string;
}

export interface AnalyzeOutput {
  result: ScanResult;
  facts: FileFacts[];
  stats: AnalyzeStats;
  /** path -> content hash (git blob id) of every file read (analysed, skipped, or failed to parse), without loading facts */
  fileHashes?: ReadonlyMap<string, string>;
}

/** Every rule the analyzer reports: the per-file checks and the detectors' rules. */
export function analyzerRules(): RuleMeta[] {
  return [...FILE_CHECKS.map((c) => c.meta), ...DETECTORS.flatMap((d) => d.rules)];
}

export function openCache(root: string, config: ResolvedConfig, settings: CheckSettings = {}): FactsCache {
  return FactsCache.open(resolve(root, config.cacheDir), analyzerKey(config, settings));
}

/** Turns drafts into findings: config severity (off drops), effort, category, fingerprint. */
export function finalizeFindings(drafts: readonly DraftFinding[], config: ResolvedConfig, metas: ReadonlyMap<string, RuleMeta>): Finding[] {
  const out: Finding[] = [];
  for (const d of drafts) {
    const meta = metas.get(d.ruleId);
    if (!meta) throw new Error(`finding of unknown rule ${d.ruleId}`);
    const severity = ruleSeverity(config, meta);
    if (severity === null) continue;
    out.push({
      ruleId: d.ruleId,
      category: meta.category,
      severity,
      message: d.message,
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      effortMinutes: config.effort[d.ruleId] ?? d.effortMinutes ?? meta.defaultEffortMinutes,
      fingerprint: fingerprint(d.ruleId, d.fingerprintCode, d.symbolPath),
      related: d.related ?? [],
    });
  }
  return out.sort(compareFindings);
}

interface Listed {
  path: string;
  hash?: string;
  bytes?: Uint8Array | undefined;
  /** why it could not be read */
  error?: string;
}

const readError = (e: unknown) => `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;

/** The content hash of a file: from the source when it knows it (git trees), else from the bytes. */
function listFile(source: FileSource, i: number): Listed {
  const path = source.paths[i]!;
  let bytes: Uint8Array | undefined;
  let hash = source.knownHash?.(path);
  try {
    if (!hash) {
      bytes = source.read(path);
      hash = blobHash(bytes);
    }
  } catch (e) {
    return { path, error: readError(e) };
  }
  return { path, hash, bytes };
}

const hashesOf = (listed: readonly Listed[]): Map<string, string> => {
  const fileHashes = new Map<string, string>();
  for (const l of listed) if (l && !l.error) fileHashes.set(l.path, l.hash!);
  return fileHashes;
};

/** The output of a run whose whole result was kept: its facts are read from the facts cache only when asked for. */
function reusedOutput(
  options: AnalyzeOptions,
  settings: CheckSettings,
  kept: ScanResult,
  listed: readonly Listed[],
  stats: AnalyzeStats,
): AnalyzeOutput {
  const { config, source } = options;
  const cache = options.cache!;
  stats.reusedResult = true;
  stats.fromCache = listed.filter((l) => !l.error).length;
  let loaded: FileFacts[] | undefined;
  const load = (): FileFacts[] => {
    loaded ??= listed.flatMap((l) => {
      if (l.error) return [];
      const key = `${l.hash}:${l.path}`;
      let f = cache.get(key);
      if (!f) {
        f = factsForBlob(l.path, l.hash!, l.bytes ?? source.read(l.path), config, settings);
        cache.set(key, f);
      }
      return f.outcome ? [] : [f];
    });
    return loaded;
  };
  const result: ScanResult = {
    ...kept,
    root: resolve(options.root),
    commit: options.commit ?? null,
    findings: [...kept.findings],
    errors: [...kept.errors],
    skipped: [...(kept.skipped ?? [])],
  };
  const out = { result, stats, fileHashes: hashesOf(listed) } as unknown as AnalyzeOutput;
  Object.defineProperty(out, 'facts', { enumerable: true, configurable: true, get: load });
  return out;
}

/**
 * The facts of every file (`listed` is filled as files are read): from the cache, else extracted, by
 * worker threads when there are many files to parse. Without the result cache, files are read as they
 * are analysed (one pass). The pool is sized on the files to parse when that is known before reading
 * (hashes listed, or known from git), else on an estimate made after the first misses.
 */
function extractFacts(
  options: AnalyzeOptions,
  settings: CheckSettings,
  listed: Listed[],
  stats: AnalyzeStats,
): Array<FileFacts | undefined> {
  const { config, source, cache } = options;
  const total = source.paths.length;
  const slots: Array<FileFacts | undefined> = new Array(total);
  const poolOptions = { concurrency: options.concurrency ?? defaultConcurrency(), maxMemoryMb: options.maxMemoryMb };
  let toParse: number | null = 0;
  for (let i = 0; i < total && toParse !== null; i++) {
    const l = listed[i];
    const hash = l ? l.hash : source.knownHash?.(source.paths[i]!);
    if (l?.error) continue;
    if (!cache) toParse++;
    else if (hash === undefined) toParse = null;
    else if (!cache.has(`${hash}:${source.paths[i]}`)) toParse++;
  }
  let pool: FactsPool | null = null;
  let poolDecided = false;
  const decidePool = (expected: number): void => {
    poolDecided = true;
    const n = workersFor(expected, poolOptions);
    const started = n > 0 ? new FactsPool(n, config, settings, options.maxMemoryMb) : null;
    pool = started;
    stats.workers = started?.size ?? 0;
  };
  if (toParse !== null) decidePool(toParse);
  let misses = 0;
  let done = 0;
  const filled = (i: number, f: FileFacts): void => {
    slots[i] = f;
    done++;
    if (options.onProgress && done % 100 === 0) options.onProgress({ phase: 'facts', done, total });
  };
  const accept = (answers: ReadonlyArray<{ index: number; bytes: Uint8Array }>): void => {
    for (const a of answers) {
      const l = listed[a.index]!;
      const f = deserialize(a.bytes) as FileFacts;
      cache?.setSerialized(`${l.hash}:${l.path}`, a.bytes, f);
      filled(a.index, f);
    }
  };
  const extractHere = (job: IndexedJob): void => {
    const f = factsOfContent(job.path, job.hash, job.content, config, settings);
    cache?.set(`${job.hash}:${job.path}`, f);
    filled(job.index, f);
  };
  try {
    for (let i = 0; i < total; i++) {
      const l = (listed[i] ??= listFile(source, i));
      if (l.error) continue;
      const key = `${l.hash}:${l.path}`;
      const hit = cache?.get(key);
      if (hit) {
        stats.fromCache++;
        l.bytes = undefined;
        filled(i, hit);
        continue;
      }
      let bytes = l.bytes;
      l.bytes = undefined;
      try {
        bytes ??= source.read(l.path);
      } catch (e) {
        l.error = readError(e);
        continue;
      }
      const c = classifyContent(bytes);
      if (c.kind !== 'ok') {
        const f = unanalysedFacts(l.path, l.hash!, outcomeOf(c));
        cache?.set(key, f);
        filled(i, f);
        continue;
      }
      stats.parsed++;
      misses++;
      if (!poolDecided && misses >= 32) decidePool(Math.round((misses / (i + 1)) * (total - i)));
      const job = { index: i, path: l.path, hash: l.hash!, content: c.text };
      const p = pool as FactsPool | null;
      if (p) accept(p.submit(job));
      else extractHere(job);
    }
    const p = pool as FactsPool | null;
    if (p) {
      accept(p.drain());
      for (const job of p.returned) extractHere(job);
    }
  } finally {
    (pool as FactsPool | null)?.close();
  }
  return slots;
}

interface Detected {
  drafts: DraftFinding[];
  /** the rated rules' drafts (every rule of the calibration, whatever the config), for the rating only */
  rated: DraftFinding[];
  metrics: Record<string, unknown>;
  designSystemAdoption: number | null;
  driftIndex: number;
  duplicatedLinesRatio?: number;
}

const placeOf = (d: { ruleId: string; file: string; line: number; column: number }) => `${d.ruleId}\0${d.file}\0${d.line}\0${d.column}`;

/**
 * The per-file checks' findings and the project detectors' (none for `factsOnly`), without those a
 * detector supersedes. The rated rules run whatever the config says, for the rating: their findings
 * are reported only when the config turns them on, and a detector that runs only for the rating adds
 * no metrics and supersedes nothing that is reported.
 */
function runDetectors(
  options: AnalyzeOptions,
  settings: CheckSettings,
  facts: FileFacts[],
  metas: ReadonlyMap<string, RuleMeta>,
): Detected {
  const { config } = options;
  const reported = (id: string) => {
    const m = metas.get(id);
    return !!m && ruleSeverity(config, m) !== null;
  };
  const enabled = (id: string) => reported(id) || isRatedRule(id);
  const ctx: DetectorContext = {
    root: resolve(options.root),
    files: facts,
    config,
    settings,
    enabled,
    defersTo: (other, self) => (reported(self) ? reported(other) : enabled(other)),
    options: <O extends object>(id: string, defaults: O) => ruleOptions(config, id, defaults),
  };
  const drafts = facts.flatMap((f) => f.checkFindings);
  const out: Detected = { drafts: [], rated: [], metrics: {}, designSystemAdoption: null, driftIndex: 0 };
  const superseded = new Set<string>();
  const supersededReported = new Set<string>();
  for (const detector of options.factsOnly ? [] : DETECTORS) {
    // a detector without rules reports metrics only (design-system adoption) and always runs
    if (detector.rules.length > 0 && !detector.rules.some((r) => enabled(r.id))) continue;
    const reports = detector.rules.length === 0 || detector.rules.some((r) => reported(r.id));
    const r = detector.detect(ctx);
    drafts.push(...r.findings);
    for (const s of r.supersedes ?? []) {
      superseded.add(placeOf(s));
      if (reports) supersededReported.add(placeOf(s));
    }
    if (!reports) continue;
    if (r.metrics !== undefined) out.metrics[detector.metricsKey ?? detector.id] = r.metrics;
    if (r.designSystemAdoption !== undefined) out.designSystemAdoption = r.designSystemAdoption;
    if (r.driftIndex !== undefined) out.driftIndex = r.driftIndex;
    if (r.duplicatedLinesRatio !== undefined) out.duplicatedLinesRatio = r.duplicatedLinesRatio;
  }
  out.drafts = drafts.filter(
    (d) => d.scope !== 'rating' && (reported(d.ruleId) || !metas.has(d.ruleId)) && !supersededReported.has(placeOf(d)),
  );
  out.rated = drafts.filter((d) => d.scope !== 'report' && isRatedRule(d.ruleId) && !superseded.has(placeOf(d)));
  return out;
}

/** The rated debt of the rated rules' drafts: each at its rule's default effort (config `effort` does not change the rating). */
function ratedOf(drafts: readonly DraftFinding[], metas: ReadonlyMap<string, RuleMeta>, linesOfCode: number): RatedDebt {
  return ratedDebt(
    drafts.map((d) => {
      const meta = metas.get(d.ruleId)!;
      return { ruleId: d.ruleId, category: meta.category, effortMinutes: d.effortMinutes ?? meta.defaultEffortMinutes };
    }),
    linesOfCode,
  );
}

/** Analyses a set of files: facts (cached by content), per-file checks, project detectors, score. */
export function analyze(options: AnalyzeOptions): AnalyzeOutput {
  const { config, source, cache } = options;
  const settings = options.settings ?? {};
  const root = resolve(options.root);
  const stats: AnalyzeStats = { parsed: 0, fromCache: 0, factsMs: 0, detectorsMs: 0, workers: 0 };
  const t0 = performance.now();
  const total = source.paths.length;
  const listed: Listed[] = new Array(total);

  // the whole result of an identical run, when kept: every hash first, then one lookup
  const results = options.reuseResult && cache ? ResultCache.open<ScanResult>(dirname(cache.file), analyzerKey(config, settings)) : null;
  let rkey = '';
  if (results) {
    const listing = createHash('sha1');
    for (let i = 0; i < total; i++) {
      const l = (listed[i] = listFile(source, i));
      listing.update(l.error ? `${l.path}\0!\n` : `${l.path}\0${l.hash}\n`);
    }
    rkey = resultKey(config, settings, listing.digest('hex'));
    stats.resultKey = rkey;
  }
  const kept = results?.get(rkey);
  if (kept) {
    const out = reusedOutput(options, settings, kept, listed, stats);
    stats.factsMs = performance.now() - t0;
    return out;
  }

  const slots = extractFacts(options, settings, listed, stats);
  const errors: FileError[] = [];
  const skipped: SkippedFile[] = [];
  const facts: FileFacts[] = [];
  for (let i = 0; i < total; i++) {
    const l = listed[i]!;
    const f = slots[i];
    if (l.error || !f) errors.push({ file: l.path, message: l.error ?? 'cannot be read' });
    else if (f.outcome?.kind === 'skip') skipped.push({ file: l.path, reason: f.outcome.reason });
    else if (f.outcome?.kind === 'error') errors.push({ file: l.path, message: f.outcome.message });
    else facts.push(f);
  }
  stats.factsMs = performance.now() - t0;

  const t1 = performance.now();
  options.onProgress?.({ phase: 'detectors', done: 0, total: DETECTORS.length });
  const metas = new Map(analyzerRules().map((m) => [m.id, m]));
  const {
    drafts,
    rated: ratedDrafts,
    metrics,
    designSystemAdoption,
    driftIndex,
    duplicatedLinesRatio,
  } = runDetectors(options, settings, facts, metas);
  stats.detectorsMs = performance.now() - t1;

  const findings = finalizeFindings(drafts, config, metas);
  const linesOfCode = facts.reduce((n, f) => n + f.linesOfCode, 0);
  const score = computeScore(findings, linesOfCode, config.devCostMinutesPerLine);
  const rated = ratedOf(ratedDrafts, metas, linesOfCode);
  const byPath = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const result: ScanResult = {
    schemaVersion: 1,
    tool: { name: 'plumbline', version: VERSION },
    root,
    commit: options.commit ?? null,
    summary: {
      files: facts.length,
      linesOfCode,
      debtMinutes: score.debtMinutes,
      debtRatio: score.debtRatio,
      rating: rated.rating,
      rated,
      byCategory: score.byCategory,
      designSystemAdoption,
      driftIndex,
      ...(duplicatedLinesRatio !== undefined ? { duplicatedLinesRatio } : {}),
    },
    findings,
    errors: errors.sort(byPath),
    skipped: skipped.sort(byPath),
    metrics,
  };
  if (results) {
    try {
      results.set(rkey, result);
    } catch {
      // the result cache only saves time: a failed write costs the next run its shortcut, nothing else
    }
  }
  return { result, facts, stats, fileHashes: hashesOf(listed) };
}
