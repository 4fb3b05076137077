import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCache } from '@plumbline/analyzer';
import type { AnalyzeOutput, AnalyzeStats, FactsCache } from '@plumbline/analyzer';
import { addRated, buildCheckSettings, CATEGORIES, computeScore } from '@plumbline/core';
import type { Category, CategoryTotals, Finding, ResolvedConfig, ScanResult, Summary } from '@plumbline/core';
import { BASELINE_FILE_NAME, baselineOccurrences, baselineTotals, readBaseline } from './baseline.js';
import { UsageError } from './command.js';
import { defaultThresholds, evaluateGate, judgeSize, matchFindings, occurrencesOf } from './gate.js';
import type { BaseOccurrence, Comparison, GateVerdict, Thresholds } from './gate.js';
import { git, headCommit } from './git/command.js';
import { resolveCommit } from './git/objects.js';
import { changedLines } from './git/lines.js';
import { gitRenames } from './git/renames.js';
import { reviewChange } from './review/index.js';
import type { Review } from './review/index.js';
import { loadProjectConfig, scan, scanCommit } from './scan.js';
import { everyCopy, nameWrittenAgain } from './written-again.js';

export interface CheckOptions {
  /** the directory to analyse (default: the current directory) */
  root?: string;
  configFile?: string;
  /** false: parse every file and leave the cache alone */
  cache?: boolean;
  /** judge against the merge-base of this ref and the head commit */
  base?: string;
  /** judge against this baseline file (default: <root>/plumbline.baseline.json, when no base is given) */
  baselineFile?: string;
  /** analyse this commit (from git objects) instead of the working tree */
  head?: string;
  thresholds?: Thresholds;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface Totals {
  findings: number;
  debtMinutes: number;
  byCategory: Record<Category, CategoryTotals>;
}

export type CheckBase =
  { kind: 'commit'; ref: string; commit: string; totals: Totals; summary: Summary } | { kind: 'baseline'; file: string; totals: Totals };

/** Everything `plumbline check` knows; every check formatter reads this. */
export interface CheckOutcome {
  passed: boolean;
  verdict: GateVerdict;
  thresholds: Thresholds;
  /** the analysed change: the working tree, or the --head commit */
  head: ScanResult;
  /** the commit of the head, or null for the working tree */
  headCommit: string | null;
  base: CheckBase;
  comparison: Comparison;
  /** files parsed and taken from the facts cache, per side (base: null for a baseline file) */
  stats: { head: AnalyzeStats; base: AnalyzeStats | null };
  /** size, review focus, new dependencies that drift, rate: against a base commit only (null with a baseline file) */
  review: Review | null;
}

function totalsOf(result: ScanResult): Totals {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { ...result.summary.byCategory[c] }])) as Record<
    Category,
    CategoryTotals
  >;
  return { findings: result.findings.length, debtMinutes: result.summary.debtMinutes, byCategory };
}

/**
 * `plumbline check` as a function: analyses the change (the working tree, or --head) and its base (the
 * merge-base of --base, analysed from git objects with the facts cache; or the committed baseline), matches
 * their findings by fingerprint, and judges the new ones against the thresholds.
 * Throws UsageError for a ref or merge-base that cannot be found, ConfigError for a bad config or baseline.
 */
export async function check(options: CheckOptions = {}): Promise<CheckOutcome> {
  const root = resolve(options.root ?? '.');
  const thresholds = options.thresholds ?? defaultThresholds();
  if (options.base !== undefined && options.baselineFile !== undefined) throw new UsageError('use either --base or --baseline, not both');
  if (options.base === undefined && thresholds.maxChangedLines !== undefined)
    throw new UsageError('--max-changed-lines needs --base <ref>: a baseline file does not say where the change starts');

  let headRef: string | null = null;
  if (options.head !== undefined) {
    headRef = resolveCommit(root, options.head);
    if (!headRef) throw new UsageError(`--head: "${options.head}" is not a commit in the repository at ${root}`);
  }

  if (options.base === undefined) {
    const file = resolve(root, options.baselineFile ?? BASELINE_FILE_NAME);
    if (options.baselineFile === undefined && !existsSync(file)) {
      throw new UsageError(
        `nothing to compare with: pass --base <ref> (e.g. --base origin/main), or create ${BASELINE_FILE_NAME} with \`plumbline baseline update\``,
      );
    }
    const baseline = readBaseline(file);
    const head = await analyseHead(root, options, headRef);
    // files renamed since the baseline was last committed count as the same file
    const written = git(root, ['log', '-1', '--format=%H', '--', file])?.trim();
    const comparison = await compareWithBase(root, baselineOccurrences(baseline), head.result.findings, written || null, headRef);
    const verdict = evaluateGate(comparison.new, thresholds);
    return {
      passed: verdict.passed,
      verdict,
      thresholds,
      head: head.result,
      headCommit: headRef,
      comparison,
      base: { kind: 'baseline', file, totals: baselineTotals(baseline) },
      stats: { head: head.stats, base: null },
      review: null,
    };
  }

  const baseTip = resolveCommit(root, options.base);
  if (!baseTip)
    throw new UsageError(
      `--base: "${options.base}" is not a commit in the repository at ${root} (in CI, fetch it first: git fetch origin <branch>, or actions/checkout with fetch-depth: 0)`,
    );
  const headForMerge = headRef ?? headCommit(root);
  if (!headForMerge) throw new UsageError(`--base needs a commit to compare with, and ${root} has no HEAD commit`);
  const mergeBase = git(root, ['merge-base', baseTip, headForMerge])?.trim();
  if (!mergeBase) {
    throw new UsageError(
      `no merge-base of ${options.base} and ${headRef ? options.head : 'HEAD'}: the history is too shallow or unrelated (in CI use actions/checkout with fetch-depth: 0)`,
    );
  }

  // both sides judged with every copied-code class, so that a copy the change adds is found however far away its
  // original lies, and "written again" names it
  const config = loadProjectConfig(root, options.configFile);
  const head = await analyseHead(root, options, headRef, everyCopy);
  const cache = factsCache(root, config, options);
  options.onProgress?.({ phase: 'base', done: 0, total: 1 });
  const base = await scanCommit({ root, commit: mergeBase, config: everyCopy(config), cache });
  saveCache(cache, config, head.result.errors);
  const compared = await compareWithBase(root, occurrencesOf(base.result.findings), head.result.findings, mergeBase, headRef);
  // a new copy of old code names the old code: "`toTitleCase` in this change duplicates `capitalizeWords` in …"
  await nameWrittenAgain(root, mergeBase, headRef, compared.new);
  options.onProgress?.({ phase: 'review', done: 0, total: 1 });
  const review = await reviewChange({
    root,
    config,
    base: mergeBase,
    head: headRef,
    headResult: head.result,
    baseOutput: base,
    newFindings: compared.new,
    // paired under another fingerprint: the same debt, re-fingerprinted or edited by the change
    editedFindings: compared.unchanged.filter((u) => u.finding.fingerprint !== u.base.fingerprint).map((u) => u.finding),
    designReviewOverLines: config.review.designReviewOverLines,
  });
  // the dependencies a manifest adds that drift are new findings of the head, at the manifest's line
  const comparison = { ...compared, new: [...compared.new, ...review.dependencies] };
  const headResult = withFindings(head.result, review.dependencies, config.devCostMinutesPerLine);
  const verdict = judgeSize(evaluateGate(comparison.new, thresholds), review.size.counted, thresholds);
  return {
    passed: verdict.passed,
    verdict,
    thresholds,
    head: headResult,
    headCommit: headRef,
    comparison,
    base: { kind: 'commit', ref: options.base, commit: mergeBase, totals: totalsOf(base.result), summary: base.result.summary },
    stats: { head: head.stats, base: base.stats },
    review,
  };
}

/**
 * The one comparison of findings (core compare.ts) between the base (at `baseCommit`, when known) and the
 * head (the `headRef` commit, or the working tree): files git saw renamed count as the same file, and a
 * new finding on lines the change did not touch, in the same file as an absent one of the same rule, is
 * the same debt under a new fingerprint (as in the trend's periods).
 */
async function compareWithBase(
  root: string,
  base: readonly BaseOccurrence[],
  head: readonly Finding[],
  baseCommit: string | null,
  headRef: string | null,
): Promise<Comparison> {
  if (baseCommit === null) return matchFindings(base, head);
  const renames = gitRenames(root, baseCommit, headRef);
  const first = matchFindings(base, head, { renames });
  // only a new finding beside an absent one of its rule can be re-fingerprinted: diff just those files
  const sameFile = (f: Finding, o: BaseOccurrence) => o.file === f.file || renames.get(f.file) === o.file;
  const candidates = new Set(first.new.filter((f) => first.absent.some((o) => o.ruleId === f.ruleId && sameFile(f, o))).map((f) => f.file));
  if (candidates.size === 0) return first;
  const changed = await changedLines(root, baseCommit, headRef, [...candidates]);
  const untouched = (f: Finding): boolean => {
    if (!candidates.has(f.file)) return false;
    const lines = changed.get(f.file);
    for (let l = f.line; l <= Math.max(f.line, f.endLine); l++) if (lines?.has(l)) return false;
    return true;
  };
  return matchFindings(base, head, { renames, untouched });
}

async function analyseHead(
  root: string,
  options: CheckOptions,
  headRef: string | null,
  adjust: (config: ResolvedConfig) => ResolvedConfig = (c) => c,
): Promise<AnalyzeOutput> {
  if (!headRef) {
    return scan({
      root,
      ...(options.configFile ? { configFile: options.configFile } : {}),
      adjustConfig: adjust,
      ...(options.cache === false ? { cache: false } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
  const config = loadProjectConfig(root, options.configFile);
  const cache = factsCache(root, config, options);
  const out = await scanCommit({ root, commit: headRef, config: adjust(config), cache });
  saveCache(cache, config, out.result.errors);
  return out;
}

/** A result with more findings (the manifests' new dependencies that drift), its score counting them. */
function withFindings(result: ScanResult, extra: readonly Finding[], devCostMinutesPerLine: number): ScanResult {
  if (extra.length === 0) return result;
  const findings = [...result.findings, ...extra];
  const { debtMinutes, debtRatio, byCategory } = computeScore(findings, result.summary.linesOfCode, devCostMinutesPerLine);
  const rated = result.summary.rated ? addRated(result.summary.rated, extra, result.summary.linesOfCode) : undefined;
  const rating = rated ? { rating: rated.rating, rated } : {};
  return { ...result, summary: { ...result.summary, debtMinutes, debtRatio, byCategory, ...rating }, findings };
}

/** The facts cache a commit is analysed with (none with --no-cache). */
function factsCache(root: string, config: ResolvedConfig, options: CheckOptions): FactsCache | null {
  return options.cache === false ? null : openCache(root, config, buildCheckSettings(root, config).settings);
}

/** Writes the facts cache; a failure is an entry in `errors`, not the end of the check. */
function saveCache(cache: FactsCache | null, config: ResolvedConfig, errors: ScanResult['errors']): void {
  if (!cache) return;
  try {
    cache.save();
  } catch (e) {
    errors.push({ file: config.cacheDir, message: `cache not written: ${(e as Error).message}` });
  }
}

/** Where the default baseline lives for a root. */
export function defaultBaselinePath(root: string): string {
  return join(resolve(root), BASELINE_FILE_NAME);
}
