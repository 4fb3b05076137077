import { lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../command.js';
import { loadAnalysis } from './analysis.js';
import type { Analysis, AnalysisOptions } from './analysis.js';
import { constantLines } from './constant-lines.js';
import { designSystemLines } from './design-system-lines.js';
import { withinBudget } from './lines.js';
import type { ConventionLine } from './lines.js';
import { idiomLines, layerLines, roleLines } from './practice-lines.js';
import { currentSection, mergeSection, renderSection, TARGETS } from './render.js';
import type { Target } from './render.js';
import { tokenLines } from './token-lines.js';

export { loadAnalysis } from './analysis.js';
export type { Analysis } from './analysis.js';
export type { ConventionLine } from './lines.js';
export { TARGETS, BEGIN_MARKER, END_MARKER, MarkerError } from './render.js';
export type { Target } from './render.js';

/** Default budget of lines: an assistant reads the whole file on every request. */
export const DEFAULT_MAX_LINES = 40;

/** Every line the analysis supports, before the budget. */
export function conventionLines(analysis: Analysis): ConventionLine[] {
  return [
    ...designSystemLines(analysis),
    ...tokenLines(analysis),
    ...roleLines(analysis),
    ...layerLines(analysis),
    ...idiomLines(analysis),
    ...constantLines(analysis),
  ];
}

/** The lines kept under the budget and the section they make (deterministic: same analysis, same bytes). */
export function conventionsSection(
  analysis: Analysis,
  maxLines = DEFAULT_MAX_LINES,
): { lines: ConventionLine[]; section: string; dropped: number } {
  const all = conventionLines(analysis);
  const lines = withinBudget(all, maxLines);
  return { lines, section: renderSection(lines), dropped: all.length - lines.length };
}

export interface ConventionsOptions extends AnalysisOptions {
  targets: readonly Target[];
  maxLines?: number;
  /** compare, write nothing */
  check?: boolean;
}

export interface TargetOutcome {
  target: Target;
  /** root-relative path */
  file: string;
  /** written: created or its section replaced; unchanged: already current; stale / missing: --check found it out of date or absent */
  status: 'written' | 'unchanged' | 'stale' | 'missing';
}

export interface ConventionsOutput {
  analysis: Analysis;
  lines: ConventionLine[];
  section: string;
  dropped: number;
  outcomes: TargetOutcome[];
}

/** A target file inside the root, refusing a path that leaves it through a symbolic link. */
function targetPath(root: string, rel: string): string {
  const abs = resolve(root, rel);
  let dir = dirname(abs);
  while (!lstatSync(dir, { throwIfNoEntry: false })) dir = dirname(dir);
  const real = realpathSync(dir);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    throw new UsageError(`${rel}: its directory leads outside ${root}; not written`);
  // a link to another file of the repository (CLAUDE.md -> AGENTS.md) is written through, keeping the link
  if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch {
      throw new UsageError(`${rel} is a symbolic link to a file that does not exist; not written`);
    }
    if (!target.startsWith(realRoot + sep)) throw new UsageError(`${rel} is a symbolic link that leads outside ${root}; not written`);
    return target;
  }
  return abs;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`${file}: cannot be read (${(e as Error).message})`);
  }
}

/** `plumbline conventions` as a function: analyse, render, then write (or check) each target's section. */
export function conventions(options: ConventionsOptions): ConventionsOutput {
  const analysis = loadAnalysis(options);
  const { lines, section, dropped } = conventionsSection(analysis, options.maxLines);
  const outcomes: TargetOutcome[] = [];
  for (const target of options.targets) {
    const rel = TARGETS[target];
    const file = targetPath(analysis.root, rel);
    const existing = readText(file);
    const now = existing === null ? null : currentSection(existing, rel);
    if (options.check) {
      outcomes.push({ target, file: rel, status: now === null ? 'missing' : now === section ? 'unchanged' : 'stale' });
      continue;
    }
    const next = mergeSection(existing, section, rel);
    if (next === existing) {
      outcomes.push({ target, file: rel, status: 'unchanged' });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    const tmp = join(dirname(file), `.${relative(dirname(file), file)}.${process.pid}.tmp`);
    writeFileSync(tmp, next);
    renameSync(tmp, file);
    outcomes.push({ target, file: rel, status: 'written' });
  }
  return { analysis, lines, section, dropped, outcomes };
}
