import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CATEGORIES, ConfigError, isKebabCase } from '@plumbline/core';
import type { Category, Finding } from '@plumbline/core';
import { matchFindings } from './gate.js';
import type { BaseOccurrence } from './gate.js';
import { scan } from './scan.js';

/**
 * The committed baseline: the findings a team has accepted, one entry per fingerprint with a count and
 * the files they were in. Written sorted, one entry a line, without timestamps or totals, so that the
 * same findings always give the same bytes and two branches that change different entries merge cleanly.
 */

export const BASELINE_FILE_NAME = 'plumbline.baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  category: Category;
  /** how many findings carry this fingerprint */
  count: number;
  /** their remediation effort, summed */
  debtMinutes: number;
  /** file -> how many of them are in it */
  files: Record<string, number>;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Folds findings into baseline entries, sorted by rule id then fingerprint. */
export function baselineFromFindings(findings: readonly Finding[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) {
    let e = byFingerprint.get(f.fingerprint);
    if (!e)
      byFingerprint.set(
        f.fingerprint,
        (e = { fingerprint: f.fingerprint, ruleId: f.ruleId, category: f.category, count: 0, debtMinutes: 0, files: {} }),
      );
    e.count++;
    e.debtMinutes += f.effortMinutes;
    e.files[f.file] = (e.files[f.file] ?? 0) + 1;
  }
  const entries = [...byFingerprint.values()].sort((a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: 1, entries };
}

/** The file's bytes: deterministic, one entry a line, keys in a fixed order, files sorted. */
export function serializeBaseline(baseline: Baseline): string {
  const line = (e: BaselineEntry) => {
    const files: Record<string, number> = {};
    for (const f of Object.keys(e.files).sort(cmp)) files[f] = e.files[f]!;
    const debt = Math.round(e.debtMinutes * 1000) / 1000;
    return `    ${JSON.stringify({ fingerprint: e.fingerprint, ruleId: e.ruleId, category: e.category, count: e.count, debtMinutes: debt, files })}`;
  };
  const body = baseline.entries.map(line).join(',\n');
  return `{\n  "version": 1,\n  "tool": "plumbline",\n  "entries": [\n${body}${body ? '\n' : ''}  ]\n}\n`;
}

/** Reads and validates a baseline file; a bad file is a ConfigError (exit 2) naming the entry and key. */
export function readBaseline(path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ConfigError(
      path,
      '',
      err.code === 'ENOENT'
        ? 'the baseline file does not exist (create it with `plumbline baseline update`)'
        : `not valid JSON (${err.message}); regenerate it with \`plumbline baseline update\``,
    );
  }
  const obj = data as { version?: unknown; entries?: unknown };
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    throw new ConfigError(path, '', 'expected an object with "version": 1 and "entries"');
  if (obj.version !== 1) throw new ConfigError(path, 'version', `expected 1, got ${JSON.stringify(obj.version)}`);
  if (!Array.isArray(obj.entries)) throw new ConfigError(path, 'entries', 'expected an array');
  const entries: BaselineEntry[] = [];
  obj.entries.forEach((raw: unknown, i: number) => {
    const at = (key: string) => `entries.${i}${key ? `.${key}` : ''}`;
    const e = raw as Partial<BaselineEntry>;
    if (!e || typeof e !== 'object') throw new ConfigError(path, at(''), 'expected an object');
    if (typeof e.fingerprint !== 'string' || !/^[0-9a-f]+$/.test(e.fingerprint))
      throw new ConfigError(path, at('fingerprint'), 'expected a hex string');
    if (typeof e.ruleId !== 'string' || !isKebabCase(e.ruleId)) throw new ConfigError(path, at('ruleId'), 'expected a kebab-case rule id');
    if (!(CATEGORIES as readonly unknown[]).includes(e.category))
      throw new ConfigError(path, at('category'), `expected one of ${CATEGORIES.join(', ')}`);
    if (!Number.isInteger(e.count) || e.count! < 1) throw new ConfigError(path, at('count'), 'expected a whole number >= 1');
    if (typeof e.debtMinutes !== 'number' || !(e.debtMinutes >= 0))
      throw new ConfigError(path, at('debtMinutes'), 'expected a number >= 0');
    if (!e.files || typeof e.files !== 'object' || Array.isArray(e.files))
      throw new ConfigError(path, at('files'), 'expected an object of file -> count');
    let total = 0;
    for (const [file, n] of Object.entries(e.files)) {
      if (!Number.isInteger(n) || n < 1) throw new ConfigError(path, at(`files.${file}`), 'expected a whole number >= 1');
      total += n;
    }
    if (total !== e.count) throw new ConfigError(path, at('files'), `the counts per file add up to ${total}, not to count ${e.count}`);
    entries.push({
      fingerprint: e.fingerprint,
      ruleId: e.ruleId,
      category: e.category!,
      count: e.count!,
      debtMinutes: e.debtMinutes,
      files: e.files,
    });
  });
  return { version: 1, entries };
}

/** Writes a baseline atomically (write, then rename). Returns whether the bytes changed. */
export function writeBaseline(path: string, baseline: Baseline): boolean {
  const text = serializeBaseline(baseline);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return true;
}

/** The baseline as base occurrences for the gate: one per counted finding, in the file it was in. */
export function baselineOccurrences(baseline: Baseline): BaseOccurrence[] {
  const out: BaseOccurrence[] = [];
  for (const e of baseline.entries) {
    const effort = e.count > 0 ? e.debtMinutes / e.count : 0;
    for (const [file, n] of Object.entries(e.files)) {
      for (let i = 0; i < n; i++)
        out.push({ fingerprint: e.fingerprint, ruleId: e.ruleId, category: e.category, file, effortMinutes: effort });
    }
  }
  return out;
}

/** Totals of a baseline, for the score delta. */
export function baselineTotals(baseline: Baseline): {
  findings: number;
  debtMinutes: number;
  byCategory: Record<Category, { findings: number; debtMinutes: number }>;
} {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { findings: 0, debtMinutes: 0 }])) as Record<
    Category,
    { findings: number; debtMinutes: number }
  >;
  let findings = 0;
  let debtMinutes = 0;
  for (const e of baseline.entries) {
    findings += e.count;
    debtMinutes += e.debtMinutes;
    byCategory[e.category].findings += e.count;
    byCategory[e.category].debtMinutes += e.debtMinutes;
  }
  return { findings, debtMinutes, byCategory };
}

export interface UpdateBaselineOptions {
  root?: string;
  /** the baseline file (default <root>/plumbline.baseline.json) */
  file?: string;
  configFile?: string;
  cache?: boolean;
  /**
   * update: accept every current finding (adoption, or a deliberate reset). prune: the ratchet step:
   * drop what was fixed and lower counts, never add (a finding the baseline lacks stays new).
   */
  mode: 'update' | 'prune';
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface UpdateBaselineResult {
  file: string;
  baseline: Baseline;
  /** findings counted before and after */
  before: number;
  after: number;
  /** whether the file's bytes changed */
  changed: boolean;
  /** prune: current findings the baseline does not cover (they stay new for `check`) */
  notCovered: number;
}

/** `plumbline baseline update|prune` as a function. Throws ConfigError for a bad config or baseline file. */
export function updateBaseline(options: UpdateBaselineOptions): UpdateBaselineResult {
  const root = resolve(options.root ?? '.');
  const file = resolve(root, options.file ?? BASELINE_FILE_NAME);
  const old = options.mode === 'prune' || existsSync(file) ? readBaseline(file) : null;
  const { result } = scan({
    root,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.cache === false ? { cache: false } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  let kept = result.findings;
  let notCovered = 0;
  if (options.mode === 'prune') {
    const comparison = matchFindings(baselineOccurrences(old!), result.findings);
    kept = comparison.unchanged.map((u) => u.finding);
    notCovered = comparison.new.length;
  }
  const baseline = baselineFromFindings(kept);
  const changed = writeBaseline(file, baseline);
  const count = (b: Baseline | null) => (b ? b.entries.reduce((n, e) => n + e.count, 0) : 0);
  return { file, baseline, before: count(old), after: count(baseline), changed, notCovered };
}
