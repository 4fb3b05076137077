import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  FILE_CHECKS, VERSION, blobHash, compareFindings, computeScore, countLinesOfCode, fingerprint, formatMessage,
  globMatcher, ruleOptions, ruleSeverity, shortHash, symbolPathOf,
} from '@plumbline/core';
import type { CheckReport, CheckSettings, FileError, Finding, ResolvedConfig, RuleMeta, ScanResult, SkippedFile } from '@plumbline/core';
import type * as TS from 'typescript';
import { FactsCache } from './cache.js';
import { classifyContent } from './classify.js';
import type { DetectorContext, DraftFinding } from './detector.js';
import { DETECTORS } from './detectors/index.js';
import type { FileFacts } from './facts.js';
import { EXTRACTORS } from './facts/index.js';
import { languageOf } from './discover.js';
import { parseSource, typescript as ts } from './parse.js';

/** Where file bytes come from: the working tree, or a commit's blobs (trend, check --base). */
export interface FileSource {
  /** POSIX paths relative to the root, already filtered */
  paths: readonly string[];
  read(path: string): Uint8Array;
  /** the git blob id when known without reading (lets a cache hit skip the read) */
  knownHash?(path: string): string | undefined;
}

export function workingTreeSource(root: string, paths: readonly string[]): FileSource {
  return { paths, read: (p) => readFileSync(join(root, p)) };
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
}

export interface AnalyzeStats {
  parsed: number;
  fromCache: number;
  factsMs: number;
  detectorsMs: number;
}

export interface AnalyzeOutput {
  result: ScanResult;
  facts: FileFacts[];
  stats: AnalyzeStats;
}

/** Every rule the analyzer reports: the per-file checks and the detectors' rules. */
export function analyzerRules(): RuleMeta[] {
  return [...FILE_CHECKS.map((c) => c.meta), ...DETECTORS.flatMap((d) => d.rules)];
}

let codeKey: string | undefined;
/** Changes whenever the code that produces facts changes, so a stale cache is never read. */
function analyzerCodeKey(): string {
  if (codeKey) return codeKey;
  const parts = [VERSION];
  for (const url of [new URL('./analyze.js', import.meta.url), new URL('./facts/index.js', import.meta.url)]) {
    try { parts.push(readFileSync(url, 'utf8')); } catch { parts.push(url.href); }
  }
  for (const e of EXTRACTORS) parts.push(e.name, e.extract.toString());
  for (const c of FILE_CHECKS) parts.push(c.meta.id, c.run.toString(), JSON.stringify(c.meta.defaultOptions));
  codeKey = shortHash(parts.join('\0'), 12);
  return codeKey;
}

/** The cache key part that depends on config: rule options and check settings change per-file results. */
export function analyzerKey(config: ResolvedConfig, settings: CheckSettings): string {
  return shortHash(
    [analyzerCodeKey(), JSON.stringify(config.rules), JSON.stringify(config.testFiles), JSON.stringify(config.designSystem), JSON.stringify(settings)].join('\0'),
    16,
  );
}

export function openCache(root: string, config: ResolvedConfig, settings: CheckSettings = {}): FactsCache {
  return FactsCache.open(resolve(root, config.cacheDir), analyzerKey(config, settings));
}

/** Runs extractors and per-file checks on one file's text. Pure: same input, same facts. */
export function extractFileFacts(path: string, hash: string, text: string, config: ResolvedConfig, settings: CheckSettings): FileFacts {
  const language = languageOf(path) ?? 'ts';
  const isTestFile = globMatcher(config.testFiles)(path);
  const facts: FileFacts = { path, hash, language, linesOfCode: countLinesOfCode(text), isTestFile, checkFindings: [], data: {} };
  let sourceFile: TS.SourceFile | undefined;
  if (language === 'ts') {
    const parsed = parseSource(path, text);
    if (parsed.error) return { ...facts, outcome: { kind: 'error', message: parsed.error } };
    sourceFile = parsed.sourceFile!;
  }
  try {
    for (const extractor of EXTRACTORS) {
      if (!extractor.languages.includes(language)) continue;
      facts.data[extractor.name] = extractor.extract({ ts, path, text, language, ...(sourceFile ? { sourceFile } : {}), isTestFile, config, settings });
    }
    if (sourceFile) {
      for (const check of FILE_CHECKS) {
        if (ruleSeverity(config, check.meta.id, check.meta.defaultSeverity) === null) continue;
        const sf = sourceFile;
        check.run({
          ts, sourceFile: sf, filePath: path, isTestFile, settings,
          options: ruleOptions(config, check.meta.id, check.meta.defaultOptions as object),
          report(r: CheckReport) {
            const start = r.range?.start ?? r.node!.getStart(sf);
            const end = r.range?.end ?? r.node!.getEnd();
            const s = ts.getLineAndCharacterOfPosition(sf, start);
            const e = ts.getLineAndCharacterOfPosition(sf, end);
            facts.checkFindings.push({
              ruleId: check.meta.id, file: path,
              line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1,
              message: formatMessage(check.meta.messages[r.messageId] ?? r.messageId, r.data),
              fingerprintCode: r.fingerprintCode ?? text.slice(start, end),
              symbolPath: r.node ? symbolPathOf(ts, r.node) : '',
              ...(r.related ? { related: r.related } : {}),
              ...(r.effortMinutes !== undefined ? { effortMinutes: r.effortMinutes } : {}),
            });
          },
        });
      }
    }
  } catch (e) {
    const message = e instanceof RangeError ? 'too deeply nested to analyse (stack overflow)' : `analysis failed: ${(e as Error).message}`;
    return { ...facts, checkFindings: [], data: {}, outcome: { kind: 'error', message } };
  }
  return facts;
}

/** Turns drafts into findings: config severity (off drops), effort, category, fingerprint. */
export function finalizeFindings(drafts: readonly DraftFinding[], config: ResolvedConfig, metas: ReadonlyMap<string, RuleMeta>): Finding[] {
  const out: Finding[] = [];
  for (const d of drafts) {
    const meta = metas.get(d.ruleId);
    if (!meta) throw new Error(`finding of unknown rule ${d.ruleId}`);
    const severity = ruleSeverity(config, d.ruleId, meta.defaultSeverity);
    if (severity === null) continue;
    out.push({
      ruleId: d.ruleId, category: meta.category, severity, message: d.message, file: d.file,
      line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
      effortMinutes: config.effort[d.ruleId] ?? d.effortMinutes ?? meta.defaultEffortMinutes,
      fingerprint: fingerprint(d.ruleId, d.fingerprintCode, d.symbolPath),
      related: d.related ?? [],
    });
  }
  return out.sort(compareFindings);
}

/** Analyses a set of files: facts (cached by content), per-file checks, project detectors, score. */
export function analyze(options: AnalyzeOptions): AnalyzeOutput {
  const { config, source, cache } = options;
  const settings = options.settings ?? {};
  const root = resolve(options.root);
  const errors: FileError[] = [];
  const skipped: SkippedFile[] = [];
  const facts: FileFacts[] = [];
  const stats: AnalyzeStats = { parsed: 0, fromCache: 0, factsMs: 0, detectorsMs: 0 };
  const t0 = performance.now();
  const total = source.paths.length;
  let done = 0;
  for (const path of source.paths) {
    done++;
    if (options.onProgress && done % 200 === 0) options.onProgress({ phase: 'facts', done, total });
    let bytes: Uint8Array | undefined;
    let hash = source.knownHash?.(path);
    try {
      if (!hash) {
        bytes = source.read(path);
        hash = blobHash(bytes);
      }
    } catch (e) {
      errors.push({ file: path, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const key = `${hash}:${path}`;
    let f = cache?.get(key);
    if (f) stats.fromCache++;
    else {
      try {
        bytes ??= source.read(path);
      } catch (e) {
        errors.push({ file: path, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
      const c = classifyContent(bytes);
      if (c.kind === 'ok') {
        stats.parsed++;
        f = extractFileFacts(path, hash, c.text, config, settings);
      } else {
        f = { path, hash, language: languageOf(path) ?? 'ts', linesOfCode: 0, isTestFile: false, checkFindings: [], data: {}, outcome: c.kind === 'skip' ? c : { kind: 'error', message: c.message } };
      }
      cache?.set(key, f);
    }
    if (f.outcome?.kind === 'skip') skipped.push({ file: path, reason: f.outcome.reason });
    else if (f.outcome?.kind === 'error') errors.push({ file: path, message: f.outcome.message });
    else facts.push(f);
  }
  stats.factsMs = performance.now() - t0;

  const t1 = performance.now();
  options.onProgress?.({ phase: 'detectors', done: 0, total: DETECTORS.length });
  const metas = new Map(analyzerRules().map((m) => [m.id, m]));
  const enabled = (id: string) => {
    const m = metas.get(id);
    return !!m && ruleSeverity(config, id, m.defaultSeverity) !== null;
  };
  const ctx: DetectorContext = {
    root, files: facts, config, settings, enabled,
    options: <O extends object>(id: string, defaults: O) => ruleOptions(config, id, defaults),
  };
  let drafts: DraftFinding[] = facts.flatMap((f) => f.checkFindings);
  const superseded = new Set<string>();
  const metrics: Record<string, unknown> = {};
  let designSystemAdoption: number | null = null;
  let driftIndex = 0;
  for (const detector of DETECTORS) {
    // a detector without rules reports metrics only (design-system adoption) and always runs
    if (detector.rules.length > 0 && !detector.rules.some((r) => enabled(r.id))) continue;
    const r = detector.detect(ctx);
    drafts.push(...r.findings);
    for (const s of r.supersedes ?? []) superseded.add(`${s.ruleId}\0${s.file}\0${s.line}\0${s.column}`);
    if (r.metrics !== undefined) metrics[detector.id] = r.metrics;
    if (r.designSystemAdoption !== undefined) designSystemAdoption = r.designSystemAdoption;
    if (r.driftIndex !== undefined) driftIndex = r.driftIndex;
  }
  if (superseded.size) drafts = drafts.filter((d) => !superseded.has(`${d.ruleId}\0${d.file}\0${d.line}\0${d.column}`));
  stats.detectorsMs = performance.now() - t1;

  const findings = finalizeFindings(drafts, config, metas);
  const linesOfCode = facts.reduce((n, f) => n + f.linesOfCode, 0);
  const score = computeScore(findings, linesOfCode, config.devCostMinutesPerLine);
  const byPath = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const result: ScanResult = {
    schemaVersion: 1,
    tool: { name: 'plumbline', version: VERSION },
    root,
    commit: options.commit ?? null,
    summary: {
      files: facts.length, linesOfCode, debtMinutes: score.debtMinutes, debtRatio: score.debtRatio, rating: score.rating,
      byCategory: score.byCategory, designSystemAdoption, driftIndex,
    },
    findings,
    errors: errors.sort(byPath),
    skipped: skipped.sort(byPath),
    metrics,
  };
  return { result, facts, stats };
}
