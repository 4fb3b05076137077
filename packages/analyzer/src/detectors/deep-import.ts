import type { RuleMeta, WorkspacePackage } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import type { DetectorContext, DraftFinding } from '../detector.js';
import type { FileFacts } from '../facts.js';
import { factsOf } from '../facts.js';
import { extractor as structureFacts } from '../facts/structure.js';
import { ModuleResolver, packageNameOf } from '../resolve.js';
import { boundaryMetrics, resolvedImports } from './shared/boundaries.js';
import type { ResolvedImport } from './shared/boundaries.js';
import { transformFixtures } from './shared/transform-fixtures.js';

export const meta: RuleMeta = {
  id: 'deep-import',
  category: 'drift',
  description: "Reports an import into a workspace package's internals that bypasses the entry point the package offers.",
  defaultEffortMinutes: 5,
  defaultSeverity: 'warning',
  preset: 'recommended',
  scope: 'project',
};

/** Directories of built or source layouts: a subpath through them reaches into the package's files. */
const INTERNAL_DIR = /^(src|dist|lib|build|esm|cjs|es|out|internal|private)(\/|$)|(^|\/)(internal|_[^/]+)(\/|$)/;

/** Test set-up and helper modules, which test runners load by name (`setupFiles`) rather than by import. */
const TEST_SUPPORT = /(^|\/)(setup-?tests|test-?setup|(vitest|jest)\.setup|test-?utils|test-?helpers)\.[cm]?[jt]sx?$/i;

/** Tool configuration files (`vite.config.ts`): loaded by Node before any package is built. */
const TOOL_CONFIG = /(^|\/)[^/]+\.config\.[cm]?[jt]s$/;

/** Whether `subpath` (`icons`, `src/button`) is one the package's `exports` map offers. */
function exportsOffer(pkg: WorkspacePackage, subpath: string): boolean {
  for (const key of pkg.exports ?? []) {
    const k = key.replace(/^\.\/?/, '');
    if (k === subpath) return true;
    const star = k.indexOf('*');
    if (star >= 0 && subpath.startsWith(k.slice(0, star)) && subpath.endsWith(k.slice(star + 1))) return true;
  }
  return false;
}

/** The specifier another package may import `path` by (`@acme/types/surveys/types`), if the package offers one. */
export function publicSpecifier(pkg: WorkspacePackage, path: string): string | null {
  const stem = path.replace(/\.(d\.[mc]?ts|[mc]?[jt]sx?)$/, '');
  const stems = /\/index$/.test(stem) ? [stem, stem.slice(0, -'/index'.length)] : [stem];
  if (pkg.exports) {
    let best: string | null = null;
    for (const { subpath, target } of pkg.exportTargets ?? []) {
      if (subpath === '.') continue;
      const star = target.indexOf('*');
      for (const s of stems) {
        if (star < 0 && s === target) return `${pkg.name}/${subpath.replace(/^\.\//, '')}`; // an exact subpath wins
        const pre = target.slice(0, star);
        const post = target.slice(star + 1);
        if (star >= 0 && !best && s.length > pre.length + post.length && s.startsWith(pre) && s.endsWith(post))
          best = `${pkg.name}/${subpath.replace(/^\.\//, '').replace('*', s.slice(pre.length, s.length - post.length))}`;
      }
    }
    return best;
  }
  // no exports map: every file is importable by its path; those outside build and source directories are meant to be
  const rel = stems[stems.length - 1]!.slice(pkg.dir ? pkg.dir.length + 1 : 0);
  return rel && !INTERNAL_DIR.test(rel) ? `${pkg.name}/${rel}` : null;
}

/** Whether a project file imports `target` with a package name or path, and every such importer is a test. */
function testOnlyModules(imports: readonly ResolvedImport[]): Set<string> {
  const importers = new Map<string, boolean>();
  for (const { f, t } of imports) importers.set(t.path, (importers.get(t.path) ?? true) && f.isTestFile);
  return new Set([...importers].filter(([, onlyTests]) => onlyTests).map(([p]) => p));
}

/**
 * Why an import of another package's file is no choice of the importer's, or null when it is one:
 * tests, their helpers and a transform's fixtures reach into what they test, files outside every package (root
 * scripts) have no package to depend on another, and a tool's config file (`vite.config.ts`) is loaded by Node, which
 * bundles its relative imports but cannot load a package that is TypeScript source.
 */
function noChoice(f: FileFacts, imp: ResolvedImport['imp'], own: WorkspacePackage | undefined, testData: Set<string>): boolean {
  if (!own || f.isTestFile || TEST_SUPPORT.test(f.path) || testData.has(f.path)) return true;
  return imp.specifier.startsWith('.') && TOOL_CONFIG.test(f.path);
}

/** The workspace-package dependency graph: whether `from` depends on `to`, directly or through others, and by which path. */
function dependencyPaths(packages: Map<string, WorkspacePackage>): (from: string, to: string) => string[] | null {
  const memo = new Map<string, string[] | null>();
  return (from, to) => {
    const key = `${from}\0${to}`;
    if (memo.has(key)) return memo.get(key)!;
    const prev = new Map<string, string>([[from, '']]);
    const queue = [from];
    let found: string[] | null = null;
    while (queue.length && !found) {
      const cur = queue.shift()!;
      for (const d of packages.get(cur)?.dependencies ?? []) {
        if (prev.has(d)) continue;
        prev.set(d, cur);
        if (d === to) {
          found = [d];
          for (let p = cur; p; p = prev.get(p)!) found.unshift(p);
          break;
        }
        queue.push(d);
      }
    }
    memo.set(key, found);
    return found;
  };
}

/**
 * Whether the package's entry names `target` only by `export type ... from` (and never imports it for its
 * values): the module's run-time code was kept out of the entry on purpose (onlook's `@onlook/db` entry says
 * `export type { DrizzleDb } from './client'`, as client components import the entry and the client holds the
 * server's database connection), so the path is how the package offers it.
 */
function entryKeepsOnlyTypes(byPath: Map<string, FileFacts>, resolver: ModuleResolver, pkg: WorkspacePackage, target: string): boolean {
  const entry = pkg.entries[0];
  const entryFile = entry ? byPath.get(entry) : undefined;
  const s = entryFile && factsOf(entryFile, structureFacts);
  if (!s) return false;
  const refs = s.imports.filter((i) => {
    const r = resolver.resolve(entry!, i.specifier);
    return r.kind === 'file' && r.path === target;
  });
  return refs.length > 0 && refs.every((i) => i.kind === 'export-from' && i.typeOnly);
}

/** Imports by file path, in files of other packages, that make a convention when they outnumber the entry's. */
const CONVENTION = 5;

const memo = new WeakMap<DetectorContext, DraftFinding[]>();

/** Imports into another workspace package's internals, bypassing its entry point, once per run. */
export function deepImports(ctx: DetectorContext): DraftFinding[] {
  const hit = memo.get(ctx);
  if (hit) return hit;
  const findings: DraftFinding[] = [];
  const resolver = ModuleResolver.for(ctx.files, ctx.settings);
  const byPath = new Map(ctx.files.map((f) => [f.path, f]));
  const packages = new Map(resolver.workspacePackages().map((p) => [p.name, p]));
  const dependsOn = dependencyPaths(packages);
  // the design system's packages are left out, whichever rules are on: an npm one is design-system-deep-import's,
  // and a workspace one is imported by its subpaths by design (shadcn-style `@documenso/ui/lib/utils`,
  // `@acme/ui/primitives/button`: 101 such imports of one ui package in documenso, the team's convention)
  const dsPackages = new Set(
    ((ctx.settings.designSystem as { packages?: Array<{ name: string }> } | undefined)?.packages ?? []).map((p) => p.name),
  );

  /** The names a module exports, following `export *` within the project (memoised per module). */
  const exportedNames = new Map<string, Set<string>>();
  const namesOf = (file: string): Set<string> => {
    const known = exportedNames.get(file);
    if (known) return known;
    const names = new Set<string>();
    exportedNames.set(file, names); // a cycle of `export *` sees what is known so far
    const f = byPath.get(file);
    const s = f && factsOf(f, structureFacts);
    for (const e of s?.exports ?? []) {
      if (e.kind !== 're-export-all') names.add(e.name);
      else if (e.from) {
        const t = resolver.resolve(file, e.from);
        if (t.kind === 'file') for (const n of namesOf(t.path)) if (n !== 'default') names.add(n);
      }
    }
    return names;
  };

  /** `import type`, or every name imported is an interface or type alias of the target (elided from the build). */
  const importsOnlyTypes = (imp: ResolvedImport['imp'], target: string): boolean => {
    if (imp.typeOnly) return true;
    const f = byPath.get(target);
    const decls = (f && factsOf(f, structureFacts)?.declarations) ?? [];
    const types = new Set(decls.filter((d) => d.exported && (d.kind === 'interface' || d.kind === 'type')).map((d) => d.name));
    return imp.names.length > 0 && imp.names.every((n) => types.has(n));
  };

  const imports = resolvedImports(ctx);
  // modules only tests import, and a codemod's `*.input.ts`/`*.output.ts` fixtures (payload's codemods keep the old
  // `payload/types` imports their transform rewrites: 4 of 4 judged wrong, held out, 2026-12-07)
  const testData = new Set([...testOnlyModules(imports), ...transformFixtures(ctx.files.map((f) => f.path))]);
  /** imports of each package's entry from other packages, and the findings that send an import to the entry */
  const byEntry = new Map<string, number>();
  const toEntry = new Map<string, DraftFinding[]>();
  for (const { f, imp, t } of imports) {
    const own = resolver.packageOf(f.path);
    const pkg = t.package ? resolver.workspacePackage(t.package) : undefined;
    if (!pkg || (own && own.name === pkg.name)) continue;
    const relative = imp.specifier.startsWith('.');
    // the entry itself is the public path, unless it is named through a private one (`@dub/utils/src`)
    if (pkg.entries.includes(t.path) && (relative || !packageNameOf(imp.specifier).subpath)) {
      byEntry.set(pkg.name, (byEntry.get(pkg.name) ?? 0) + 1);
      continue;
    }
    if (!relative) {
      const parsed = packageNameOf(imp.specifier);
      if (parsed.name !== pkg.name) continue; // reached through a tsconfig alias of the package's files, not by its name
      const subpath = parsed.subpath;
      if (!subpath) continue;
      if (pkg.exports ? exportsOffer(pkg, subpath) : !INTERNAL_DIR.test(subpath)) continue;
    }
    if (noChoice(f, imp, own, testData)) continue;
    // a package whose package.json names no entry (no main, module, types or exports) is imported by its paths,
    // dependents and all: the paths are its interface (karakeep's `@karakeep/trpc/routers/_app`, imported so by the
    // whole monorepo, whose modules import the package root: an entry re-exporting them would be a cycle; none of
    // the tuned ledger's 221 deep-import findings was of such a package)
    if (!pkg.declaresEntry) continue;
    // so is one whose `main` names a build output with no source in the repository and no exports map: the entry it
    // names is not there to import (convex-backend's `system-udfs`, a functions project whose `main` is a `dist/` it never
    // builds, imported by its `convex/_system/frontend` paths: 47 of 47 judged wrong held out on 2026-12-08; no
    // finding of this shape was judged right on the other ledger repositories); an app (a private package whose `main`
    // is a build output with no source, like an Electron app's `main.min.js`) is the same
    if (!pkg.exports && pkg.entries.length === 0) continue;
    const where = relative ? `Relative import of ${t.path}` : imp.specifier;
    const base = {
      ruleId: meta.id,
      file: f.path,
      line: imp.line,
      column: imp.column,
      endLine: imp.endLine,
      endColumn: imp.endColumn,
      fingerprintCode: `${pkg.name} ${relative ? t.path.slice(pkg.dir.length) : imp.specifier}`,
      symbolPath: '',
    };
    const names = imp.names.filter((n) => n !== '*' && n !== 'default');
    const entry = pkg.entries[0];
    const hasEntry = !!entry && (!pkg.exports || pkg.exports.includes('.'));
    const viaEntry = hasEntry && names.length > 0 && names.every((n) => namesOf(entry).has(n));
    // ...except names its entry exports, which are reported like any package's when most imports use the entry
    // (unkey's 52 imports of `cn` from `@unkey/ui/src/lib/utils` beside 622 of `@unkey/ui`: judged right)
    if (dsPackages.has(pkg.name) && !viaEntry) continue;
    const cycle = dependsOn(pkg.name, own!.name);
    if (cycle) {
      // importing the entry would close a cycle; an import of types only costs no run-time or build dependency
      if (importsOnlyTypes(imp, t.path)) continue;
      findings.push({
        ...base,
        message: `${where} reaches into workspace package ${pkg.name}, which depends on ${own!.name} (${cycle.join(' -> ')}): a dependency cycle the path hides; move the code both packages need into a package they can both depend on.`,
        related: [{ file: t.path, line: 1, message: `the module ${own!.name} needs from ${pkg.name}` }],
      });
      continue;
    }
    if (entryKeepsOnlyTypes(byPath, resolver, pkg, t.path)) continue;
    const subpath = viaEntry ? null : publicSpecifier(pkg, t.path);
    // an entry that exports nothing is a program or deliberately empty, not an API (logto's `@logto/cli` entry runs
    // its yargs commands on import; an `index.ts` saying "import directly from src/"): with no public subpath to
    // offer either, the module's path is the only way another package can use its code
    if (!subpath && entry && byPath.has(entry) && namesOf(entry).size === 0) continue;
    const sendsToEntry = viaEntry || (hasEntry && !subpath);
    const manifest = { file: `${pkg.dir ? `${pkg.dir}/` : ''}package.json`, line: 1, message: `what ${pkg.name} offers to other packages` };
    const declare =
      own!.dependencies && !own!.dependencies.includes(pkg.name) ? ` (declaring ${pkg.name} in ${own!.name}'s dependencies)` : '';
    const advice = viaEntry
      ? `bypassing its entry point; import { ${names.join(', ')} } from '${pkg.name}'${declare}`
      : subpath
        ? `bypassing the paths it offers; import it from '${subpath}'${declare}`
        : hasEntry
          ? `bypassing its entry point; import it from '${pkg.name}'${pkg.exports ? ' or a subpath its exports map offers' : ''}${declare}, exporting it there if it is public`
          : `which offers no public path for it (${pkg.exports ? 'its exports map has no entry and no subpath for this file' : 'it has no entry'}); export it if other packages are to use it`;
    const finding: DraftFinding = {
      ...base,
      message: `${where} reaches into workspace package ${pkg.name}, ${advice}.`,
      related: sendsToEntry ? [{ file: entry!, line: 1, message: `the entry point of ${pkg.name}` }] : [manifest],
    };
    if (!sendsToEntry) findings.push(finding);
    else if (toEntry.has(pkg.name)) toEntry.get(pkg.name)!.push(finding);
    else toEntry.set(pkg.name, [finding]);
  }
  // a package its dependents import by its file paths more often than by its entry is used so by the team's
  // convention: reporting every such import is noise, the exceptions to an entry most imports use are the finding
  // (unkey's apps import `@unkey/clickhouse/src/...` 89 times and the entry 9 times; dub's apps import `@dub/utils`
  // 1,717 times and `@dub/utils/src/...` 45 times, every one of those judged right)
  // (a design-system package's: only when its entry is what most imports use, at any count)
  for (const [name, drafts] of toEntry) {
    const min = dsPackages.has(name) ? 1 : CONVENTION;
    if (drafts.length < min || drafts.length <= (byEntry.get(name) ?? 0)) findings.push(...drafts);
  }
  memo.set(ctx, findings);
  return findings;
}

export const detector = defineDetector({
  id: meta.id,
  metricsKey: 'layer-boundaries',
  rules: [meta],
  detect: (ctx) => ({ findings: deepImports(ctx), metrics: boundaryMetrics(ctx) }),
});
