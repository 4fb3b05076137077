import { CATEGORIES, compareFindingSets, compareFindings, didYouMean } from '@plumbline/core';
import type { Category, Finding, Renames } from '@plumbline/core';

/**
 * The CI gate, as pure functions: which findings a change adds, keeps and removes, judged only by
 * fingerprints (rule id + normalised code + enclosing symbol; never lines, never paths), and whether the
 * new ones stay within the thresholds.
 */

/** One occurrence of a finding on the base side: from a commit's scan, or from the committed baseline. */
export interface BaseOccurrence {
  fingerprint: string;
  ruleId: string;
  category: Category;
  /** where it was, relative to the root */
  file: string;
  effortMinutes: number;
  /** its line, when the base is a commit (a baseline file keeps no locations) */
  line?: number;
  /** its last line, when the base is a commit */
  endLine?: number;
  /** the whole finding, when the base is a commit */
  finding?: Finding;
}

export interface Comparison {
  /** head findings with no base occurrence left to match: what the change adds */
  new: Finding[];
  /** head findings matched to a base occurrence, in the same file or moved from another */
  unchanged: Array<{ finding: Finding; base: BaseOccurrence }>;
  /** base occurrences no head finding matched: what the change fixed (or deleted) */
  absent: BaseOccurrence[];
}

export interface MatchOptions {
  /** head path -> base path of files git saw renamed; matched as the same file */
  renames?: Renames;
  /**
   * Whether the change left a head finding's lines untouched; given, a new finding on untouched lines in
   * the same file as a fixed one of the same rule is the same debt under a new fingerprint (not new).
   */
  untouched?: (finding: Finding) => boolean;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The gate's view of the one comparison of findings (@plumbline/core `compareFindingSets`): head findings
 * new, unchanged (matched to a base occurrence, in the same file or moved from another) and base
 * occurrences absent. A moved or renamed file adds nothing and fixes nothing, and a copy of old code is
 * one more occurrence of an old fingerprint than the base had: new.
 */
export function matchFindings(base: readonly BaseOccurrence[], head: readonly Finding[], options: MatchOptions = {}): Comparison {
  const r = compareFindingSets(base, head, options);
  const matched = new Map(r.pairs.map((p) => [p.after, p.before] as const));
  const out: Comparison = { new: [], unchanged: [], absent: [] };
  for (const f of [...head].sort(compareFindings)) {
    const o = matched.get(f);
    if (o) out.unchanged.push({ finding: f, base: o });
    else out.new.push(f);
  }
  out.absent = r.removed.sort((a, b) => byPath(a.file, b.file) || byPath(a.ruleId, b.ruleId) || byPath(a.fingerprint, b.fingerprint));
  return out;
}

/** Base occurrences of a commit's findings. */
export function occurrencesOf(findings: readonly Finding[]): BaseOccurrence[] {
  return findings.map((f) => ({
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    category: f.category,
    file: f.file,
    line: f.line,
    endLine: f.endLine,
    effortMinutes: f.effortMinutes,
    finding: f,
  }));
}

// ---------------------------------------------------------------------------------------------------
// thresholds

export interface Limit {
  maxNewFindings?: number;
  maxNewDebt?: number;
}

/**
 * How much a change may add. A category's own limit replaces the overall limit for that category's
 * findings; the overall limit applies to the findings of every category without one.
 */
export interface Thresholds {
  overall: Limit;
  byCategory: Partial<Record<Category, Limit>>;
  /** `--max-changed-lines`: a change counted larger fails (without it, a large change only gets the design-review line) */
  maxChangedLines?: number;
}

/** With no threshold given, the gate allows no new finding at all. */
export function defaultThresholds(): Thresholds {
  return { overall: { maxNewFindings: 0 }, byCategory: {} };
}

export interface Violation {
  /** 'overall' or a category */
  scope: 'overall' | Category;
  /** findings and debt: beyond a threshold; errors: new findings at error severity, which always fail; changed-lines: the change's size */
  measure: 'findings' | 'debt' | 'errors' | 'changed-lines';
  actual: number;
  limit: number;
  /** the flag that set the limit, for the message */
  flag: string;
}

export interface GateVerdict {
  passed: boolean;
  violations: Violation[];
  newFindings: number;
  newDebtMinutes: number;
}

/** Judges the new findings against the thresholds. */
export function evaluateGate(newFindings: readonly Finding[], thresholds: Thresholds): GateVerdict {
  const violations: Violation[] = [];
  const sum = (fs: readonly Finding[]) => fs.reduce((n, f) => n + f.effortMinutes, 0);
  const own = new Set(Object.keys(thresholds.byCategory) as Category[]);
  const judge = (scope: 'overall' | Category, limit: Limit, findings: readonly Finding[]) => {
    const label = scope === 'overall' ? '' : `${scope}=`;
    if (limit.maxNewFindings !== undefined && findings.length > limit.maxNewFindings) {
      violations.push({
        scope,
        measure: 'findings',
        actual: findings.length,
        limit: limit.maxNewFindings,
        flag: `--max-new-findings ${label}${limit.maxNewFindings}`,
      });
    }
    const debt = sum(findings);
    if (limit.maxNewDebt !== undefined && debt > limit.maxNewDebt) {
      violations.push({
        scope,
        measure: 'debt',
        actual: debt,
        limit: limit.maxNewDebt,
        flag: `--max-new-debt ${label}${limit.maxNewDebt}`,
      });
    }
  };
  for (const c of CATEGORIES) {
    const limit = thresholds.byCategory[c];
    if (limit)
      judge(
        c,
        limit,
        newFindings.filter((f) => f.category === c),
      );
  }
  judge(
    'overall',
    thresholds.overall,
    newFindings.filter((f) => !own.has(f.category)),
  );
  // a rule the config sets to "error" is a line no change may cross, whatever the thresholds
  const errors = newFindings.filter((f) => f.severity === 'error').length;
  if (errors > 0) violations.push({ scope: 'overall', measure: 'errors', actual: errors, limit: 0, flag: 'severity "error"' });
  return { passed: violations.length === 0, violations, newFindings: newFindings.length, newDebtMinutes: sum(newFindings) };
}

/**
 * Adds the size's violation to a verdict: a change counted larger than `--max-changed-lines` fails.
 * `counted` is the size a reviewer feels (review/size.ts).
 */
export function judgeSize(verdict: GateVerdict, counted: number, thresholds: Thresholds): GateVerdict {
  const limit = thresholds.maxChangedLines;
  if (limit === undefined || counted <= limit) return verdict;
  const violations = [
    ...verdict.violations,
    { scope: 'overall' as const, measure: 'changed-lines' as const, actual: counted, limit, flag: `--max-changed-lines ${limit}` },
  ];
  return { ...verdict, passed: false, violations };
}

/** Reads `--max-changed-lines`; throws an Error naming the flag and what was expected. */
export function parseMaxChangedLines(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new Error(`--max-changed-lines expects a whole number of lines >= 0; got "${raw}"`);
  return n;
}

/**
 * Reads the values of `--max-new-findings` / `--max-new-debt` (each `N` or `category=N`, repeatable) into
 * thresholds. Throws an Error whose message names the flag and what was expected.
 */
export function parseThresholds(maxNewFindings: readonly string[], maxNewDebt: readonly string[]): Thresholds {
  if (maxNewFindings.length === 0 && maxNewDebt.length === 0) return defaultThresholds();
  const t: Thresholds = { overall: {}, byCategory: {} };
  const read = (flag: string, key: keyof Limit, raw: string) => {
    const eq = raw.indexOf('=');
    const scope = eq >= 0 ? raw.slice(0, eq).trim() : null;
    const text = (eq >= 0 ? raw.slice(eq + 1) : raw).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0 || (key === 'maxNewFindings' && !Number.isInteger(value))) {
      throw new Error(
        `${flag} expects ${key === 'maxNewFindings' ? 'a whole number' : 'a number of minutes'} >= 0, or <category>=<number>; got "${raw}"`,
      );
    }
    if (scope === null) {
      t.overall[key] = value;
      return;
    }
    if (!(CATEGORIES as readonly string[]).includes(scope)) {
      const guess = didYouMean(scope, CATEGORIES);
      throw new Error(
        `${flag}: unknown category "${scope}"${guess ? ` (did you mean "${guess}"?)` : ''}; categories: ${CATEGORIES.join(', ')}`,
      );
    }
    (t.byCategory[scope as Category] ??= {})[key] = value;
  };
  for (const v of maxNewFindings) read('--max-new-findings', 'maxNewFindings', v);
  for (const v of maxNewDebt) read('--max-new-debt', 'maxNewDebt', v);
  return t;
}

/** One line per violation, e.g. "3 new magic-value findings, more than the 0 allowed (--max-new-findings magic-value=0)". */
export function describeViolation(v: Violation): string {
  const what = v.scope === 'overall' ? '' : `${v.scope} `;
  if (v.measure === 'changed-lines')
    return `${v.actual} changed lines, more than the ${v.limit} allowed (${v.flag}): needs a design review, or split it`;
  if (v.measure === 'errors')
    return `${v.actual} new finding${v.actual === 1 ? '' : 's'} of a rule set to "error", which no change may add, whatever the thresholds`;
  return v.measure === 'findings'
    ? `${v.actual} new ${what}finding${v.actual === 1 ? '' : 's'}, more than the ${v.limit} allowed (${v.flag})`
    : `${v.actual} min of new ${what}debt, more than the ${v.limit} min allowed (${v.flag})`;
}
