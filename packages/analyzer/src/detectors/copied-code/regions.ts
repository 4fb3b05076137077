/** The copied regions of a run: exact classes and renamed or near-miss copies of whole units, less copies kept on purpose. */

import { designSystemOf, isDesignSystemFile } from '@plumbline/core';
import type { CheckSettings, ModuleSettings } from '@plumbline/core';
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as cloneTokens } from '../../facts/clone-tokens.js';
import { hash32 } from '../../facts/components.js';
import { extractor as structure } from '../../facts/structure.js';
import { findNearPairs, NEAR_DEFAULTS } from '../shared/near-copies.js';
import type { Unit } from '../shared/near-copies.js';
import { nearClasses } from '../shared/near-classes.js';
import type { NearClass } from '../shared/near-classes.js';
import { groupClasses, mergeAdjacent } from './classes.js';
import {
  amongAgentTooling,
  amongPlugins,
  amongScripts,
  amongTests,
  appsOf,
  entityVariants,
  largestLines,
  perAppCopy,
  pluginFamilies,
  routeShells,
  siblingOperations,
  slightFragment,
  templateVariants,
  weakSiblings,
} from './confidence.js';
import type { CloneClass } from './classes.js';
import { Doc } from './doc.js';
import { findClonePairs } from './matching.js';
import type { Fragment } from './matching.js';

export interface Options {
  /** smallest clone, in tokens */
  minTokens: number;
  /** smallest clone, in lines */
  minLines: number;
}

/** PMD CPD's and SonarQube's 100 tokens: jscpd's 50 mostly finds framework boilerplate (route handler heads, SVG wrappers). */
export const DEFAULTS: Options = { minTokens: 100, minLines: 5 };
/** Pieces of one copied region cut apart by a small edit (a renamed line, an added prop) are one region up to this many lines apart. */
const MAX_GAP_LINES = 5;
/**
 * Files whose copies are kept on purpose: database migrations (each freezes the schema of its version), a
 * documentation site's versioned docs (Docusaurus's `versioned_docs/version-1.2/`: each freezes a release),
 * framework entry files (`entry.server.tsx`, `entry.client.tsx`: each app spells its own), and standalone
 * config files (`eslint.config.mjs`, `vite.config.ts`: each must be complete where it lies).
 */
const KEPT_FILES =
  /(^|\/)(migrations?\/|versioned_docs\/|versioned_sidebars\/|entry\.(server|client|worker)\.[cm]?[jt]sx?$|[^/]*\.config\.[cm]?[jt]s$)/;
/**
 * Schema changes frozen once released, kept like migrations: an `alterations/` folder, and files named by the
 * version or the time they were written (`1.15.0-1712545011-fix-scope.ts`, `20240105120000_add_users.ts`, `1712545011-seed.ts`).
 * Removed 5 judged findings at 7034289, 5 not right (logto's alterations: "never change alteration files after creation").
 */
const FROZEN_FILES = /(^|\/)alterations?\/|(^|\/)(\d+\.\d+\.\d+[^/]*?|\d{10,14})[-_][^/]*\.[cm]?[jt]sx?$/;
/**
 * Database dialects and storage back ends: sibling files per dialect (`mysql.ts`, `postgresql.ts`) or per back end
 * (`clickhouse.ts` beside `prisma.ts`, each building its own SQL) are parallel by design. The back ends removed 2
 * judged findings (umami's getFilterQuery and getCohortQuery per engine: 2 not right).
 */
const DIALECT =
  /^(mysql|mariadb|postgres|postgresql|pg|sqlite|mssql|sqlserver|cockroach|cockroachdb|libsql|singlestore|planetscale|clickhouse|duckdb|bigquery|snowflake|mongo|mongodb|prisma|drizzle|kysely|knex)$/i;
/** Email templates (react-email and the like): each email is a standalone document; only verbatim copies between them count. */
const EMAIL_TEMPLATES = /(^|\/)e-?mails?\/(.*\/)?[^/]+\.[jt]sx$/;
/** Tokens that close the statement before a copy: a copy starts at a statement, not at the `});` ending another. */
const CLOSERS = new Set(['}', ')', ']', ';', ','].map(hash32));

/**
 * Copies that must stay: one beside a comment saying so ("inlined rather than shared"), and parallel
 * per-dialect schema files (`mysql.ts`, `postgresql.ts`, `sqlite.ts` that import different dialect builders).
 */
function keptOnPurpose(c: CloneClass, docs: readonly Doc[]): boolean {
  // the comment precedes the copy or opens it: one deep inside a copied function is about its own lines
  const explained = c.members.some((m) => {
    const d = docs[m.doc]!;
    const first = d.lines[m.start]!;
    const marks = d.deliberate;
    for (let i = 0; i < marks.length; i += 2) if (marks[i + 1]! >= first - 3 && marks[i]! <= first + 3) return true;
    return false;
  });
  if (explained) return true;
  const dialectOf = (path: string) =>
    path
      .replace(/^.*\//, '')
      .replace(/\.[^.]+$/, '')
      .split(/[.\-_]/)
      .find((p) => DIALECT.test(p))
      ?.toLowerCase();
  const files = [...new Set(c.members.map((m) => docs[m.doc]!.facts))];
  const dialects = files.map((f) => dialectOf(f.path));
  if (files.length < 2 || dialects.some((d) => !d) || new Set(dialects).size < files.length) return false;
  const imports = files.map((f) =>
    (factsOf(f, structure)?.imports ?? [])
      .map((i) => i.specifier)
      .sort()
      .join('\n'),
  );
  return new Set(imports).size > 1;
}

export interface Clones {
  docs: Doc[];
  /** the exact classes reported */
  classes: CloneClass[];
  /** classes found but not reported (see confidence.ts): still copied lines, counted in the duplicated-lines ratio */
  unreported: { classes: CloneClass[]; near: NearClass[] };
  /** renamed and near-miss copies of whole units that no exact class already holds */
  near: NearClass[];
}
const CLASSES = new WeakMap<readonly FileFacts[], { key: string; value: Clones }>();

/** The copied regions of a run's files (computed once per run: component-family asks for them too). */
export function cloneClasses(files: readonly FileFacts[], options: Options, settings: CheckSettings): Clones {
  const key = `${options.minTokens},${options.minLines}`;
  const kept = CLASSES.get(files);
  if (kept?.key === key) return kept.value;
  const minTokens = Math.max(20, options.minTokens);
  const docs: Doc[] = [];
  for (const f of files) {
    const t = factsOf(f, cloneTokens);
    // a file below minTokens can still hold a unit with a copy elsewhere (findClonePairs skips it itself)
    if (
      !t ||
      t.count < Math.min(minTokens, NEAR_DEFAULTS.minTokens) ||
      f.isTestFile ||
      KEPT_FILES.test(f.path) ||
      FROZEN_FILES.test(f.path)
    )
      continue;
    docs.push(new Doc(f, t));
  }
  const pairs = findClonePairs(docs, minTokens);
  const lineSpan = (f: Fragment) => docs[f.doc]!.lines[f.end - 1]! - docs[f.doc]!.lines[f.start]! + 1;
  // whole lines only: a copy that starts or ends mid-line (`}` then the next statement's `export`) is cut to the lines it covers
  const trim = (f: Fragment): Fragment | null => {
    const L = docs[f.doc]!.lines;
    const T = docs[f.doc]!.tokens;
    let { start, end } = f;
    while (start < end && CLOSERS.has(T[start]!)) start++;
    while (start < end && start > 0 && L[start - 1] === L[start]) start++;
    while (end > start && end < L.length && L[end] === L[end - 1]) end--;
    return end - start >= minTokens * 0.8 && L[end - 1]! - L[start]! + 1 >= options.minLines ? { doc: f.doc, start, end } : null;
  };
  const pieces = groupClasses(pairs.filter((p) => lineSpan(p.a) >= options.minLines && lineSpan(p.b) >= options.minLines))
    .map((c) => ({ members: c.members.map(trim).filter((m): m is Fragment => m !== null) }))
    .filter((c) => c.members.length >= 2);
  const pathsOf = (members: readonly { doc: number }[]) => members.map((m) => docs[m.doc]!.facts.path);
  const found = mergeAdjacent(pieces, (d, t) => docs[d]!.lines[t]!, MAX_GAP_LINES).filter(
    (c) => c.members.length >= 2 && !keptOnPurpose(c, docs) && !amongTests(pathsOf(c.members)),
  );
  // a fragment left unreported holds no units: whole units around it that are near-miss copies are reported (a
  // component copied whole, whose markup is also another class's fragment, is still found)
  const packages = (settings.modules as ModuleSettings | undefined)?.packages ?? [];
  const apps = appsOf(packages);
  const plugins = pluginFamilies(packages);
  const classes: CloneClass[] = [];
  const quiet: CloneClass[] = [];
  const quietClass = (c: CloneClass) =>
    slightFragment(c, docs) ||
    amongScripts(pathsOf(c.members)) ||
    amongAgentTooling(pathsOf(c.members)) ||
    amongPlugins(pathsOf(c.members), plugins) ||
    perAppCopy(pathsOf(c.members), largestLines(c, docs), apps);
  for (const c of found) (quietClass(c) ? quiet : classes).push(c);
  // a design system's primitives mirror each other by design (prev/next, one item per menu kind), and each
  // email template is a standalone document: renamed variants among them are not copies to extract (a
  // variant of one of them elsewhere is)
  const ds = designSystemOf(settings);
  const kind = (u: Unit) => {
    const path = docs[u.doc]!.facts.path;
    return EMAIL_TEMPLATES.test(path) ? 'email' : ds && isDesignSystemFile(ds, path) ? 'design system' : null;
  };
  const units = docs.flatMap((d, i) => (d.shape.length === d.length ? d.units(i) : []));
  const nearPairs = findNearPairs(docs, units, NEAR_DEFAULTS).filter(
    (p) => kind(units[p.a]!) === null || kind(units[p.a]!) !== kind(units[p.b]!),
  );
  const nearFound = nearClasses(docs, units, nearPairs, classes, NEAR_DEFAULTS.minSimilarity).filter(
    (c) => !keptOnPurpose({ members: c.units }, docs) && !amongTests(pathsOf(c.units)),
  );
  const near: NearClass[] = [];
  const quietNear: NearClass[] = [];
  const pathOf = (d: number) => docs[d]!.facts.path;
  for (const c of nearFound) {
    const lines = c.units[0]!.endLine - c.units[0]!.line + 1;
    const paths = pathsOf(c.units);
    // only verbatim copies are left to each app: a renamed or edited copy of a small unit in another app is an
    // assistant's copy of it (plant-clones' type-3 copy of a 17-line handler into another app), not a per-app file
    const verbatim = c.similarity.every((x) => x === 1) && c.renamed.every((r) => r.length === 0);
    const quietUnits =
      entityVariants(c) ||
      routeShells(c, pathOf) ||
      siblingOperations(c) ||
      weakSiblings(c, quiet) ||
      templateVariants(c, pathOf) ||
      amongScripts(paths) ||
      amongAgentTooling(paths) ||
      amongPlugins(paths, plugins) ||
      (verbatim && perAppCopy(paths, lines, apps));
    (quietUnits ? quietNear : near).push(c);
  }
  const value = { docs, classes, near, unreported: { classes: quiet, near: quietNear } };
  CLASSES.set(files, { key, value });
  return value;
}

/** Lines holding code inside any copy of any class (each line once, however many classes hold it). */
export function linesInCopies(docs: readonly Doc[], classes: readonly CloneClass[], near: readonly NearClass[]): number {
  const byDoc = new Map<number, Set<number>>();
  const add = (doc: number, from: number, to: number) => {
    const seen = byDoc.get(doc) ?? byDoc.set(doc, new Set()).get(doc)!;
    const code = docs[doc]!.columns;
    for (let l = from; l <= to; l++) if (code.has(l)) seen.add(l);
  };
  for (const c of classes) for (const m of c.members) add(m.doc, docs[m.doc]!.lines[m.start]!, docs[m.doc]!.lines[m.end - 1]!);
  for (const c of near) for (const u of c.units) add(u.doc, u.line, u.endLine);
  let n = 0;
  for (const lines of byDoc.values()) n += lines.size;
  return n;
}

/** A copied region in one file: its path and lines. */
export interface CopiedPlace {
  path: string;
  line: number;
  endLine: number;
}

/** The copied regions copied-code reports for a run's files, each with all its places. */
export function copiedRegions(files: readonly FileFacts[], options: Partial<Options> = {}, settings: CheckSettings = {}): CopiedPlace[][] {
  const { docs, classes, near } = cloneClasses(files, { ...DEFAULTS, ...options }, settings);
  return [
    ...classes.map((c) =>
      c.members.map((m) => ({
        path: docs[m.doc]!.facts.path,
        line: docs[m.doc]!.lines[m.start]!,
        endLine: docs[m.doc]!.lines[m.end - 1]!,
      })),
    ),
    ...near.map((c) => c.units.map((u) => ({ path: docs[u.doc]!.facts.path, line: u.line, endLine: u.endLine }))),
  ];
}
