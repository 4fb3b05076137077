import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type * as TS from 'typescript';
import type { TypeScript } from '../check.js';
import { findComponents } from '../component-signature.js';
import type { ResolvedConfig } from '../config.js';
import { DEFAULT_TEST_FILES } from '../config.js';
import type { FileError } from '../finding.js';
import { globMatcher } from '../globs.js';
import { defineSettingsProvider } from '../settings.js';
import { ELEMENT_COMPONENT_NAMES, isInternalSubpath, wrappedElement } from '../design-system.js';
import { addComponentLooks } from './discovery/look.js';
import { renderHookComponents } from './discovery/render-hook.js';
import { aliasesOf, isIconSet, otherMedium, withAliasPackages } from './discovery/packages.js';
import { projectsOf, scopeElements } from './discovery/scope.js';
import { minorSystem } from '../design-system-projects.js';
import type { DesignSystemComponent, DesignSystemMigration, DesignSystemPackage, DesignSystemSettings } from '../design-system.js';
import { provider as modulesProvider } from './modules.js';
import { listSources, loadTypeScript, parseModule, readJson, resolveRelative, SKIP_DIRS } from './discovery/sources.js';
import type { ParsedModule } from './discovery/sources.js';
import { discoverByUsage, importerScopes, localPrimitives, primitivePath, summariseSystems } from './discovery/infer.js';
import type { UsageDiscovery } from './discovery/infer.js';
import { findNamed, packageImportCounts } from './discovery/usage.js';
import { isEmailModule } from '../tokens/places.js';
import type { ImportCounts, ImportIndex, LocalPrimitive } from './discovery/usage.js';
import type { ModuleSettings, WorkspacePackage } from './modules.js';

/** Last segment of a workspace package name that marks it as the design system. */
const DS_PACKAGE_NAMES = /^(ui|design-system|designsystem|design|ds|components|ui-kit|uikit|ui-components|react-ui)$/;
/** How many exported components a workspace package needs before it is taken for the design system. */
const MIN_INFERRED_COMPONENTS = 5;
/** Names an entry module exports, following `export *` and `export {} from` within the repository. */
function entryExports(
  ts: TypeScript,
  root: string,
  entry: string,
  cache: Map<string, ParsedModule | null>,
): Map<string, { module: string; local: string }> {
  const out = new Map<string, { module: string; local: string }>(); // exported name -> where it is declared
  const seen = new Set<string>();
  // `only`: the names wanted from this module -> the name the entry exports them as (null: all, unrenamed)
  const visit = (path: string, only: Map<string, string> | null, depth: number): void => {
    const key = `${path}\0${only ? [...only].join(',') : '*'}`;
    if (depth > 12 || seen.has(key)) return;
    seen.add(key);
    const m = parseModule(ts, root, path, cache);
    if (!m) return;
    for (const [n, local] of m.names) {
      if (n === 'default' && !only) continue; // `export *` does not re-export defaults
      const as = only ? only.get(n) : n;
      if (as !== undefined && !out.has(as)) out.set(as, { module: path, local });
    }
    for (const r of m.reexports) {
      const target = resolveRelative(root, path, r.from);
      if (!target) continue;
      if (r.names === '*') {
        if (!only) visit(target, null, depth + 1);
        else visit(target, only, depth + 1);
      } else {
        const map = new Map<string, string>();
        for (const { imported, exported } of r.names) {
          if (only && !only.has(exported)) continue;
          map.set(imported, only ? only.get(exported)! : exported);
        }
        if (map.size) visit(target, map, depth + 1);
      }
    }
  };
  visit(entry, null, 0);
  return out;
}

/** package.json `exports` keys (`.`, `./icons`) and the source file each maps to, when it exists. */
function exportEntries(
  root: string,
  dir: string,
  pkg: Record<string, unknown>,
  mainEntries: string[],
): { keys: string[] | null; sources: Array<{ key: string; file: string }> } {
  const exp = pkg.exports;
  const sources: Array<{ key: string; file: string }> = [];
  if (mainEntries[0]) sources.push({ key: '.', file: mainEntries[0] });
  if (!exp || typeof exp !== 'object' || Array.isArray(exp)) return { keys: typeof exp === 'string' ? ['.'] : null, sources };
  const keys = Object.keys(exp as object);
  if (!keys.some((k) => k.startsWith('.'))) return { keys: ['.'], sources };
  for (const key of keys) {
    if (key === '.' || key.includes('*')) continue;
    let target: unknown = (exp as Record<string, unknown>)[key];
    for (let i = 0; i < 3 && target && typeof target === 'object'; i++) {
      const t = target as Record<string, unknown>;
      target = t.source ?? t.types ?? t.import ?? t.default ?? t.require;
    }
    if (typeof target !== 'string') continue;
    const clean = posix.normalize(target.replace(/^\.\//, '')).replace(/\.(d\.ts|d\.mts|js|mjs|cjs|ts|tsx)$/, '');
    const stems = [clean, clean.replace(/^(dist|lib|build|out|esm|cjs)\//, 'src/')];
    let found: string | undefined;
    for (const stem of stems) {
      for (const ext of ['.ts', '.tsx', '.js', '.jsx']) {
        const rel = `${dir ? `${dir}/` : ''}${stem}${ext}`;
        if (!found && existsSync(join(root, rel))) found = rel;
      }
    }
    if (found) sources.push({ key, file: found });
  }
  return { keys, sources };
}

function dependsOn(pkg: Record<string, unknown> | null, names: string[]): boolean {
  if (!pkg) return false;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && names.some((n) => n in (deps as object))) return true;
  }
  return false;
}

/** `components/ui` directories (the shadcn/ui convention) with enough component files, outside tests, fixtures and excludes. */
function findComponentUiDirs(root: string, skip: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    if (depth > 6) return;
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (skip(`${p}/index.tsx`)) continue;
      if (e.name === 'ui' && /(^|\/)components$/.test(rel)) {
        const files = readdirSync(join(root, p)).filter((f) => /\.(tsx|jsx)$/.test(f));
        if (files.length >= MIN_INFERRED_COMPONENTS) out.push(p);
      } else walk(p, depth + 1);
    }
  };
  walk('', 0);
  return out.sort();
}

const stripExt = (p: string) => p.replace(/\.(tsx|ts|jsx|js|mts|mjs)$/, '').replace(/\/index$/, '');

/** A workspace package whose components draw e-mail, a PDF or a terminal screen: never the web app's design system. */
const forOtherMedium = (root: string, ws: WorkspacePackage) => otherMedium(ws.name, readJson(join(root, ws.dir, 'package.json'))) !== null;

/** Files that must import a second package's component before it is taken for the one the code uses. */
const MIN_IMPORTERS = 5;

/**
 * Workspace packages the code imports its Button/Input/... from, beyond the design system found by name: when
 * the apps import `Button` from a second package (a design system being migrated to), that one is what they use.
 */
function importedDesignSystems(
  root: string,
  counts: ImportCounts,
  modules: ModuleSettings,
  known: string[],
  componentsOf: (dir: string) => Array<{ name: string; element: string | null }>,
): WorkspacePackage[] {
  const best = new Map<string, { pkg: string; files: number }>(); // component name -> the package most files import it from
  for (const [key, files] of counts.byName) {
    const [name, spec] = key.split('\0') as [string, string];
    const pkg = modules.packages.find((p) => spec === p.name || spec.startsWith(`${p.name}/`))?.name;
    if (pkg && files > (best.get(name)?.files ?? 0)) best.set(name, { pkg, files });
  }
  const out: WorkspacePackage[] = [];
  for (const { pkg, files } of best.values()) {
    const ws = modules.packages.find((p) => p.name === pkg);
    if (!ws || files < MIN_IMPORTERS || known.includes(pkg) || out.includes(ws) || forOtherMedium(root, ws)) continue;
    const defined = componentsOf(ws.dir);
    if (defined.length >= MIN_INFERRED_COMPONENTS && !isIconSet(ws.name, ws.dir, defined)) out.push(ws);
  }
  return out;
}

/** Raw element -> DS component: configured, else a component with the element's usual name that wraps it. */
function elementsOf(
  config: ResolvedConfig,
  components: DesignSystemComponent[],
  packages: DesignSystemPackage[],
  errors: FileError[],
  counts: ImportCounts | null,
  migrations: DesignSystemMigration[],
  paths: string[],
  minor: (c: DesignSystemComponent) => boolean = () => false,
): DesignSystemSettings['elements'] {
  const elements: DesignSystemSettings['elements'] = {};
  const importers = (c: DesignSystemComponent) => (!counts ? null : (counts.byName.get(`${c.name}\0${c.importFrom}`) ?? 0));
  const packageOf = (c: DesignSystemComponent) => packages.find((p) => c.importFrom === p.name || c.importFrom.startsWith(`${p.name}/`));
  for (const [element, names] of Object.entries(ELEMENT_COMPONENT_NAMES)) {
    const tag = element.replace(/\[.*$/, ''); // `button[icon]` is rendered as a <button>
    for (const n of names) {
      // a heading component stands for every level, unless it is an app-local primitive rendering one (`styled.h1`)
      const local = (c: DesignSystemComponent) => c.isPath && !paths.some((p) => c.importFrom.startsWith(`${p}/`));
      const candidates = components.filter(
        (c) =>
          c.name === n &&
          !minor(c) &&
          (c.element === null || c.element === tag || (/^h[1-6]$/.test(tag) && /^h[1-6]$/.test(c.element) && !local(c))),
      );
      // the one most files import: with two design systems, the one the code uses (never one nobody imports)
      const used = candidates.filter((c) => (importers(c) ?? 0) > 0).sort((a, b) => importers(b)! - importers(a)!);
      const best =
        used[0] ??
        candidates.find((c) => c.element === tag) ??
        candidates.find((c) => !c.isPath && c.importFrom === packages[0]?.name) ??
        candidates[0];
      if (!best) continue;
      elements[element] = { component: best.name, importFrom: best.importFrom, isPath: best.isPath };
      // the same component in another design-system package that some files still import: a migration under way
      const systemOf = (c: DesignSystemComponent) => packageOf(c)?.name ?? c.importFrom;
      const others = components.filter((c) => c.name === n && systemOf(c) !== systemOf(best) && (!c.isPath || (importers(c) ?? 0) > 0));
      for (const o of others) {
        if (migrations.some((m) => m.component === n && m.from === o.importFrom)) continue;
        migrations.push({
          component: n,
          from: o.importFrom,
          to: best.importFrom,
          fromImporters: importers(o) ?? 0,
          toImporters: importers(best) ?? 0,
        });
      }
      break;
    }
  }
  for (const [element, componentName] of Object.entries(config.designSystem.elements ?? {})) {
    const c = components.find((x) => x.name === componentName);
    const fallback = packages[0]?.name ?? null;
    if (c) elements[element] = { component: c.name, importFrom: c.importFrom, isPath: c.isPath };
    else if (fallback) elements[element] = { component: componentName, importFrom: fallback, isPath: false };
    else
      errors.push({
        file: config.file ?? 'plumbline.config.json',
        message: `designSystem.elements.${element}: no design-system component named "${componentName}" was found`,
      });
  }

  return elements;
}

/**
 * The public-looking subpaths of npm package `name` the repository imports (`@radix-ui/themes/props` ->
 * `props`): not a build or source directory, not a stylesheet or asset.
 */
function importedSubpaths(index: ImportIndex, name: string): string[] {
  const out = new Set<string>();
  for (const { imports } of index.byFile)
    for (const { spec } of imports) {
      if (!spec.startsWith(`${name}/`)) continue;
      const sub = spec.slice(name.length + 1);
      if (isInternalSubpath(sub) || /\.(css|scss|sass|less|json|svg|png)$/.test(sub)) continue;
      out.add(sub.replace(/\/$/, ''));
    }
  return [...out].sort();
}

/** The directories of the workspace packages (and the root, as '') whose package.json depends on one of `pkgNames`. */
function dependentsOf(root: string, modules: ModuleSettings, pkgNames: string[]): string[] {
  const out: string[] = [];
  const rootJson = readJson(join(root, 'package.json'));
  if (dependsOn(rootJson, pkgNames)) out.push('');
  for (const ws of modules.packages) {
    if (pkgNames.includes(ws.name)) continue;
    if (dependsOn(readJson(join(root, ws.dir, 'package.json')), pkgNames)) out.push(ws.dir);
  }
  // a repository of separate projects: each project's package.json says what it uses
  if (!rootJson)
    for (const dir of separateProjects(root) ?? [])
      if (!out.includes(dir) && dependsOn(readJson(join(root, dir, 'package.json')), pkgNames)) out.push(dir);
  return out;
}

/**
 * The projects of a repository of separate projects, with no root package.json (openreplay: frontend/ on antd and
 * its own ui folder, beside a SolidJS extension, an MCP app and a tracker/ workspace of their own): the directories
 * of their package.json files; null when the root is a package or a workspace.
 */
function separateProjects(root: string): string[] | null {
  if (existsSync(join(root, 'package.json'))) return null;
  return findNamed(root, 'package.json', 3)
    .map((f) => posix.dirname(f))
    .filter((d) => d !== '.');
}

/** Who may use the design system: packages that depend on it (a design system kept as a directory: everyone). */
function consumersOf(root: string, modules: ModuleSettings, packages: DesignSystemPackage[], paths: string[]): string[] | null {
  const pkgNames = packages.map((p) => p.name);
  if (!pkgNames.length || !paths.every((p) => packages.some((k) => k.dir === p))) return null;
  const consumers = dependentsOf(root, modules, pkgNames);
  return consumers.length ? consumers : null;
}

/** consumersOf, and for a design system kept as directories or files: where it is imported (importerScopes). */
function consumersWithUsage(
  root: string,
  modules: ModuleSettings,
  packages: DesignSystemPackage[],
  paths: string[],
  usage: UsageDiscovery | null,
): string[] | null {
  // in a repository of separate projects, those that hold the system's directories or depend on its packages use it
  const projects = separateProjects(root);
  if (projects) {
    const names = packages.map((p) => p.name);
    const using = projects.filter(
      (dir) =>
        paths.some((p) => p === dir || p.startsWith(`${dir}/`)) ||
        packages.some((p) => p.dir !== null && (p.dir === dir || p.dir.startsWith(`${dir}/`))) ||
        dependsOn(readJson(join(root, dir, 'package.json')), names),
    );
    if (using.length) return using;
  }
  const consumers = consumersOf(root, modules, packages, paths);
  const ownDirs = paths.filter((p) => !packages.some((k) => k.dir === p));
  if (!usage || consumers !== null || ownDirs.length === 0 || packages.some((p) => p.dir === null)) return consumers;
  const scopes = importerScopes(
    usage,
    ownDirs,
    modules.packages.map((p) => p.dir),
  );
  if (scopes.includes('') || packages.length === 0) return scopes;
  // workspace packages beside directories (polar: @polar-sh/orbit, and a shadcn folder inside it): the
  // packages' dependents use the system as much as the directories' importers do
  return [
    ...new Set([
      ...scopes,
      ...dependentsOf(
        root,
        modules,
        packages.map((p) => p.name),
      ),
    ]),
  ].sort();
}

/** The components a directory's modules export (or export as their default through a wrapper), with the element each wraps. */
function componentsIn(
  ts: TypeScript | null,
  root: string,
  dir: string,
  isTest: (path: string) => boolean,
  cache: Map<string, ParsedModule | null>,
): Array<{ name: string; element: string | null; file: string }> {
  if (!ts) return [];
  const found: Array<{ name: string; element: string | null; file: string }> = [];
  for (const file of listSources(root, dir, isTest)) {
    const m = parseModule(ts, root, file, cache);
    if (!m) continue;
    const viaDefault = defaultWrapped(ts, m.sf);
    const named = new Set<string>();
    for (const c of findComponents(ts, m.sf)) {
      if ((!c.exported && !viaDefault.has(c.name)) || c.name === 'default') continue;
      found.push({ name: c.name, element: wrappedElement(c.rootElement, c.elementHint), file });
      named.add(c.name);
    }
    // a forwardRef control rendering through a render hook (`useRender`) has no JSX for findComponents to read
    for (const c of renderHookComponents(ts, m.sf)) if (!named.has(c.name)) found.push({ ...c, file });
  }
  return found;
}

/** Builds the design-system settings (exported for tests and for callers that already have module settings). */
export function buildDesignSystemSettings(
  root: string,
  config: ResolvedConfig,
  workspace: ModuleSettings,
  ts: TypeScript | null,
): { value: DesignSystemSettings; errors: FileError[] } {
  const errors: FileError[] = [];
  const modules = withAliasPackages(root, workspace);
  const isTest = globMatcher(config.testFiles.length ? config.testFiles : DEFAULT_TEST_FILES);
  const byName = new Map(modules.packages.map((p) => [p.name, p]));
  const configured = config.designSystem.packages.length > 0 || config.designSystem.paths.length > 0;
  const cache = new Map<string, ParsedModule | null>();

  const componentsOf = (dir: string) => componentsIn(ts, root, dir, isTest, cache);

  let source: DesignSystemSettings['source'] = configured ? 'config' : 'none';
  const dsPackages: Array<{ name: string; ws: WorkspacePackage | undefined }> = [];
  const paths: string[] = config.designSystem.paths.map((p) => posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\/|\/$/g, ''));
  for (const p of paths)
    if (!existsSync(join(root, p)))
      errors.push({ file: config.file ?? 'plumbline.config.json', message: `designSystem.paths: directory "${p}" does not exist` });
  for (const name of config.designSystem.packages) dsPackages.push({ name, ws: byName.get(name) });

  let pathComponents: Array<{ name: string; element: string | null; file: string }> | null = null;
  const aliases = aliasesOf(modules);
  const excluded = globMatcher(config.exclude);
  const pathKinds = new Map<string, 'config' | 'shadcn' | 'directory'>(paths.map((p) => [p, 'config']));
  let usage: UsageDiscovery | null = null;
  if (!configured) {
    for (const ws of modules.packages) {
      const last = ws.name.split('/').pop() ?? '';
      if (!DS_PACKAGE_NAMES.test(last) || forOtherMedium(root, ws)) continue;
      const defined = componentsOf(ws.dir);
      if (defined.length >= MIN_INFERRED_COMPONENTS && !isIconSet(ws.name, ws.dir, defined)) dsPackages.push({ name: ws.name, ws });
    }
    // workspace packages and tsconfig aliases (`@/components`, `~/`) are the repository's own code, never an npm design system
    const isWorkspace = (spec: string) =>
      modules.packages.some((p) => spec === p.name || spec.startsWith(`${p.name}/`)) || aliases.some((a) => spec.startsWith(a.prefix));
    usage = discoverByUsage(root, isTest, excluded, aliases, isWorkspace, readJson);
    const inPackage = (dir: string) => dsPackages.some((p) => p.ws && (dir === p.ws.dir || dir.startsWith(`${p.ws.dir}/`)));
    for (const { dir } of usage.shadcn) if (!inPackage(dir) && !pathKinds.has(dir)) pathKinds.set(dir, 'shadcn');
    if (dsPackages.length === 0 && pathKinds.size === 0)
      for (const dir of findComponentUiDirs(root, (p) => isTest(p) || excluded(p))) pathKinds.set(dir, 'directory');
    paths.push(...pathKinds.keys());
    pathComponents = paths.flatMap((d) => componentsOf(d));
  }
  const counts = usage
    ? packageImportCounts(
        usage.index,
        modules.packages.map((p) => p.name),
      )
    : null;
  const known = dsPackages.map((p) => p.name);
  if (counts) for (const ws of importedDesignSystems(root, counts, modules, known, componentsOf)) dsPackages.push({ name: ws.name, ws });
  const externalNames = new Map<string, string[]>();
  for (const e of usage?.external ?? []) {
    dsPackages.push({ name: e.name, ws: undefined });
    externalNames.set(e.name, [...e.components.keys()]);
    for (const [n, files] of e.components) counts!.byName.set(`${n}\0${e.name}`, files);
  }
  const dsDirs = () => [...paths, ...dsPackages.flatMap((p) => (p.ws ? [p.ws.dir] : []))];
  const primitives = usage
    ? localPrimitives(
        usage,
        (f) => isTest(f) || excluded(f) || isEmailModule(f) || dsDirs().some((d) => d === '' || f === d || f.startsWith(`${d}/`)),
        new Set([...(pathComponents ?? []).map((c) => c.name), ...[...externalNames.values()].flat()]),
      )
    : [];
  for (const [file, names] of usage?.localCounts ?? [])
    for (const [n, files] of names)
      if (!counts!.byName.has(`${n}\0${stripExt(file)}`)) counts!.byName.set(`${n}\0${stripExt(file)}`, files);
  if (!configured && (dsPackages.length || paths.length || primitives.length)) source = 'inferred';

  const packages: DesignSystemPackage[] = [];
  const components: DesignSystemComponent[] = [];
  const fileOf = new Map<string, string | undefined>(); // the components added (name and specifier) -> their source file
  const addComponent = (c: DesignSystemComponent, file?: string) => {
    const key = `${c.name}\0${c.importFrom}`;
    if (fileOf.has(key)) return;
    fileOf.set(key, file);
    components.push(c);
  };

  for (const { name, ws } of dsPackages) {
    if (ws) {
      const pkg = readJson(join(root, ws.dir, 'package.json')) ?? {};
      const { keys, sources } = exportEntries(root, ws.dir, pkg, ws.entries);
      packages.push({ name, dir: ws.dir, entryPoints: keys });
      if (ws.dir && !paths.includes(ws.dir)) paths.push(ws.dir);
      const defined = componentsOf(ws.dir);
      const definedAt = new Map(defined.map((c) => [`${c.file}\0${c.name}`, c]));
      let viaEntries = 0;
      if (ts) {
        for (const { key, file } of sources) {
          const spec = key === '.' ? name : `${name}/${key.replace(/^\.\//, '')}`;
          for (const [exported, { module, local }] of entryExports(ts, root, file, cache)) {
            const c = definedAt.get(`${module}\0${local}`);
            if (!c) continue;
            addComponent({ name: exported, element: c.element, importFrom: spec, isPath: false }, c.file);
            viaEntries++;
          }
        }
      }
      // no resolvable entry: every exported component, from the package name
      if (viaEntries === 0)
        for (const c of defined) addComponent({ name: c.name, element: c.element, importFrom: name, isPath: false }, c.file);
    } else {
      const installed = readJson(join(root, 'node_modules', name, 'package.json'));
      const exp = installed?.exports;
      const keys =
        exp && typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.')) ? Object.keys(exp) : null;
      const entryPoints = typeof exp === 'string' ? ['.'] : keys;
      const imported = entryPoints === null && usage ? importedSubpaths(usage.index, name) : [];
      packages.push({ name, dir: null, entryPoints, ...(imported.length ? { importedSubpaths: imported } : {}) });
      for (const n of new Set([...(externalNames.get(name) ?? []), ...externalExportNames(ts, root, name)]))
        addComponent({ name: n, element: null, importFrom: name, isPath: false });
    }
  }
  if (configured) pathComponents = config.designSystem.paths.flatMap((d) => componentsOf(posix.normalize(d).replace(/^\.\/|\/$/g, '')));
  for (const c of pathComponents ?? [])
    addComponent({ name: c.name, element: c.element, importFrom: stripExt(c.file), isPath: true }, c.file);
  for (const p of primitives) {
    for (const c of primitiveComponents(ts, root, p, cache)) addComponent(c, p.file);
    paths.push(primitivePath(p.file));
  }

  const migrations: DesignSystemMigration[] = [];
  const systems = summariseSystems({ usage, packages, counts, configured, pathKinds, primitives });
  const minor = minorSystem(systems);
  const choose = (cs: DesignSystemComponent[], errs: FileError[], migs: DesignSystemMigration[], m?: typeof minor) => {
    const chosen = elementsOf(config, cs, packages, errs, counts, migs, paths, m);
    addComponentLooks(chosen, fileOf, ts, root, cache);
    return chosen;
  };
  const elements = choose(components, errors, migrations, minor);
  const consumers = consumersWithUsage(root, modules, packages, paths, usage);

  components.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.importFrom < b.importFrom ? -1 : 1));
  const value: DesignSystemSettings = { source, packages, paths: [...new Set(paths)].sort(), components, elements, consumers, aliases };
  // a local component that wraps the very system it would migrate to is a layer over it, not a migration
  const kept = usage ? migrations.filter((m) => !wrapsSystem(usage.index, m.from, m.to)) : migrations;
  const shadcnDirs = [...new Set((usage?.shadcn ?? []).map((s) => s.dir))].sort();
  Object.assign(value, kept.length ? { migrations: kept } : {}, systems.length ? { systems } : {}, shadcnDirs.length ? { shadcnDirs } : {});
  // a monorepo's apps each answer with what they can import; one that reaches only a system minor repository-wide
  // (its own components/ui) uses that one
  const projects = projectsOf(root, modules, packages, readJson);
  if (projects) value.projects = projects;
  scopeElements(value, components, (cs) => choose(cs, [], [], cs.some((c) => !minor(c)) ? minor : undefined));
  return { value, errors };
}

/** Components a module exports as its default through a wrapper: `export default React.forwardRef(Button)`, `memo(Button)`. */
function defaultWrapped(ts: TypeScript, sf: TS.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isExportAssignment(st) || st.isExportEquals) continue;
    let e: TS.Expression = st.expression;
    while (ts.isCallExpression(e) && e.arguments.length > 0) e = e.arguments[0]!;
    if (ts.isIdentifier(e)) out.add(e.text);
  }
  return out;
}

/** Whether the module at root-relative `from` (no extension) imports from the package `to`. */
function wrapsSystem(index: UsageDiscovery['index'], from: string, to: string): boolean {
  const entry = index.byFile.find((f) => stripExt(f.file) === from);
  return !!entry?.imports.some((i) => i.spec === to || i.spec.startsWith(`${to}/`));
}

/** The components a local primitive module defines under the names files import from it (its element from what it renders). */
function primitiveComponents(
  ts: TypeScript | null,
  root: string,
  p: LocalPrimitive,
  cache: Map<string, ParsedModule | null>,
): DesignSystemComponent[] {
  const m = ts ? parseModule(ts, root, p.file, cache) : null;
  const found = m && ts ? findComponents(ts, m.sf) : [];
  return [...p.names.keys()].map((name) => {
    const c = found.find((x) => x.name === name) ?? (found.length === 1 ? found[0] : undefined);
    return { name, element: c ? wrappedElement(c.rootElement, c.elementHint) : null, importFrom: stripExt(p.file), isPath: true };
  });
}

/** Exported names of an npm design-system package, read from its type declarations in node_modules. */
function externalExportNames(ts: TypeScript | null, root: string, name: string): string[] {
  if (!ts) return [];
  const dir = join(root, 'node_modules', name);
  const pkg = readJson(join(dir, 'package.json'));
  if (!pkg) return [];
  const types = (typeof pkg.types === 'string' ? pkg.types : typeof pkg.typings === 'string' ? pkg.typings : null) ?? 'index.d.ts';
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, depth: number) => {
    if (depth > 8 || seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    let sf: TS.SourceFile;
    try {
      sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    } catch {
      return;
    }
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (st.exportClause && ts.isNamedExports(st.exportClause)) for (const el of st.exportClause.elements) names.add(el.name.text);
        else if (from?.startsWith('.')) {
          const base = join(file, '..', from).replace(/\.(m|c)?js$/, '');
          for (const cand of [`${base}.d.ts`, `${base}/index.d.ts`, `${base}.d.mts`]) visit(cand, depth + 1);
        }
      } else if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.add(st.name.text);
        else if (ts.isVariableStatement(st))
          for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      }
    }
  };
  visit(join(dir, types), 0);
  return [...names].filter((n) => /^[A-Z]/.test(n)).sort();
}

/**
 * The project's design system: configured (`designSystem.packages`/`.paths`/`.elements`) or inferred (a
 * workspace package named ui/design-system/components exporting several components, else `components/ui`
 * directories), with its components, the raw element each wraps, and who depends on it.
 */
export const provider = defineSettingsProvider<DesignSystemSettings>({
  name: 'designSystem',
  build(root, config) {
    const modules = modulesProvider.build(root, config).value;
    return buildDesignSystemSettings(root, config, modules, loadTypeScript());
  },
});
