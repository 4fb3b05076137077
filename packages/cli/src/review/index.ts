// What `plumbline check` tells a reviewer beyond the new findings: the change's size as a reviewer feels
// it, where to read first, the dependencies it adds that drift, and its debt rate against the repository's.
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { DETECTORS } from '@plumbline/analyzer';
import type { AnalyzeOutput } from '@plumbline/analyzer';
import { designSystemOf, globMatcher, ruleOptions } from '@plumbline/core';
import type { CheckSettings, Finding, ResolvedConfig, RoleConventions, ScanResult } from '@plumbline/core';
import { git } from '../git/command.js';
import { memoizedCheckSettings } from '../settings-memo.js';
import { dependencyFindings } from './dependencies.js';
import type { Manifest } from './dependencies.js';
import { changedFunctions, isScript } from './functions.js';
import type { NewFunction } from './functions.js';
import { reviewFocus } from './focus.js';
import type { FocusItem } from './focus.js';
import { repositoryRate } from './rate.js';
import type { RepositoryRate } from './rate.js';
import { changedFiles, sizeOf } from './size.js';
import type { ChangedFile, ChangeSize } from './size.js';

export type { ChangeSize, ChangedFile } from './size.js';
export type { FocusItem } from './focus.js';
export type { RepositoryRate } from './rate.js';
export { describeSize, designReviewLine } from './size.js';
export { describeRate } from './rate.js';

/** The review of a change: in every output format of `check`. */
export interface Review {
  size: ChangeSize;
  /** every focus item, best first; formatters show the first FOCUS_SHOWN */
  focus: FocusItem[];
  /** new dependencies that drift (also among the comparison's new findings) */
  dependencies: Finding[];
  /** the change's debt per 1,000 added lines against the repository's last 26 weeks; null without a history store */
  rate: RepositoryRate | null;
}

export const FOCUS_SHOWN = 5;
/** Files read for the focus list at most (a change of more is a design review anyway). */
const MAX_FILES_READ = 400;

export interface ReviewInput {
  root: string;
  config: ResolvedConfig;
  /** the base commit (the merge-base) */
  base: string;
  /** the head commit, or null for the working tree */
  head: string | null;
  headResult: ScanResult;
  /** the base's analysis, for the repository's conventions */
  baseOutput: AnalyzeOutput;
  /** the comparison's new findings (before dependencies are added) */
  newFindings: readonly Finding[];
  /** head findings the comparison paired with a base finding of another fingerprint on lines the change touched: edited */
  editedFindings?: readonly Finding[];
  /** the size over which a change needs a design review */
  designReviewOverLines: number;
}

/** The text of a file at the head (working tree or commit); null when it cannot be read. */
function readAt(root: string, head: string | null, path: string): string | null {
  if (head === null) {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return null;
    }
  }
  return git(root, ['show', `${head}:./${path}`]);
}

/**
 * The lines of each file at the head that the change added or edited (`git diff -U0 -w -M`: whitespace
 * does not count, and a moved file counts only its edits, not the whole file as `changedLines` would).
 */
function touchedLines(root: string, base: string, head: string | null): Map<string, Set<number>> {
  const out = git(root, [
    '-c',
    'core.quotePath=false',
    'diff',
    '-U0',
    '-w',
    '-M',
    '--no-color',
    '--no-ext-diff',
    '--relative',
    base,
    ...(head ? [head] : []),
    '--',
  ]);
  const result = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of (out ?? '').split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4).replace(/\t$/, '');
      current = name === '/dev/null' ? undefined : new Set<number>();
      if (current) result.set(name.replace(/^b\//, ''), current);
      continue;
    }
    const h = current && /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (h) for (let l = Number(h[1]), end = l + (h[2] === undefined ? 1 : Number(h[2])); l < end; l++) current!.add(l);
  }
  return result;
}

/** The repository's conventions per role at the base: the drift rules' figures, or the drift analysis run on the base's facts. */
function conventionsAt(input: ReviewInput, settings: () => CheckSettings): Record<string, RoleConventions> | null {
  const measured = (input.baseOutput.result.metrics['pattern-drift'] as { roles?: Record<string, RoleConventions> } | undefined)?.roles;
  if (measured) return measured;
  const detector = DETECTORS.find((d) => d.id === 'library-drift');
  if (!detector) return null;
  const { config } = input;
  const r = detector.detect({
    root: input.root,
    files: input.baseOutput.facts,
    config,
    settings: settings(),
    enabled: () => true,
    defersTo: () => true,
    options: (id, defaults) => ruleOptions(config, id, defaults),
  });
  return (r.metrics as { roles?: Record<string, RoleConventions> } | undefined)?.roles ?? null;
}

function manifestsOf(input: ReviewInput, files: readonly ChangedFile[]): Manifest[] {
  const out: Manifest[] = [];
  for (const f of files) {
    if (f.status === 'deleted' || !/(^|\/)package\.json$/.test(f.path)) continue;
    const head = readAt(input.root, input.head, f.path);
    if (head === null) continue;
    const base = f.status === 'added' ? null : git(input.root, ['show', `${input.base}:./${f.from ?? f.path}`]);
    out.push({ path: f.path, head, base });
  }
  return out;
}

/** The functions the change wrote or edited, in the script files it adds or edits (those of tests marked). */
function functionsOfChange(input: ReviewInput, files: readonly ChangedFile[], touched: Map<string, Set<number>>): NewFunction[] {
  const isTest = globMatcher(input.config.testFiles);
  const out: NewFunction[] = [];
  const scripts = files.filter((f) => !f.excluded && f.status !== 'deleted' && f.added > 0 && isScript(f.path));
  for (const f of scripts.slice(0, MAX_FILES_READ)) {
    const text = readAt(input.root, input.head, f.path);
    if (text === null || text.length > 1 << 20) continue;
    const fns = changedFunctions(f.path, text, f.status === 'added' ? null : (touched.get(f.path) ?? new Set()));
    out.push(...(isTest(f.path) ? fns.map((fn) => ({ ...fn, test: true })) : fns));
  }
  return out;
}

/**
 * Reviews a change against its base commit: size, the dependencies it adds that drift, the focus list,
 * and (when a history store exists) its debt rate against the repository's.
 */
export async function reviewChange(input: ReviewInput): Promise<Review> {
  const { root, config, headResult } = input;
  const generated = new Set(headResult.skipped.filter((s) => /generated|minified/i.test(s.reason)).map((s) => s.file));
  const own = [config.cacheDir, dirname(config.historyPath), '.plumbline'].map((d) => `${posix.normalize(d).replace(/\/+$/, '')}/`);
  const files = changedFiles(root, input.base, input.head, generated, (p) => own.some((d) => p.startsWith(d)));
  const size = sizeOf(files, input.designReviewOverLines);
  let settings: CheckSettings | undefined;
  const settingsOf = () => (settings ??= memoizedCheckSettings(root, config, resolve(root, config.cacheDir)).settings);

  let conventions: Record<string, RoleConventions> | null | undefined;
  const dependencies = dependencyFindings(manifestsOf(input, files), {
    config,
    conventions: () => (conventions === undefined ? (conventions = conventionsAt(input, settingsOf)) : conventions),
    designSystem: () => designSystemOf(settingsOf()),
    dependedOnAtBase: (pkg) =>
      git(root, ['grep', '-q', '-F', JSON.stringify(pkg), input.base, '--', ':(glob)**/package.json', 'package.json']) !== null,
    onError: (file, message) => headResult.errors.push({ file, message }),
  });

  const touched = touchedLines(root, input.base, input.head);
  const isTest = globMatcher(config.testFiles);
  const added = new Set(files.filter((f) => f.status === 'added').map((f) => f.path));
  const focus = reviewFocus({
    newFindings: [...input.newFindings, ...dependencies],
    ...(input.editedFindings ? { editedFindings: input.editedFindings } : {}),
    functions: functionsOfChange(input, files, touched),
    touched: (file, line) => added.has(file) || !!touched.get(file)?.has(line),
    dependencyFindings: new Set(dependencies),
    files: files
      .filter((f) => !f.excluded && f.status !== 'deleted')
      .map((f) => ({
        file: f.path,
        line: Math.min(...(touched.get(f.path) ?? [1])),
        added: f.added,
        deleted: f.deleted,
        isNew: f.status === 'added',
        test: isTest(f.path),
      })),
  });

  const rate = await repositoryRate({
    root,
    config,
    get settings() {
      return settingsOf();
    },
    base: input.base,
    change: {
      debtMinutes: input.newFindings.reduce((n, f) => n + f.effortMinutes, 0),
      addedLines: size.newCode + size.edits.added,
    },
    onWarning: (message) => headResult.errors.push({ file: config.historyPath, message }),
  });
  return { size, focus, dependencies, rate };
}
