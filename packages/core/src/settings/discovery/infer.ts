import { posix } from 'node:path';
import type { DesignSystemAlias, DesignSystemPackage, DesignSystemSource } from '../../design-system.js';
import type { ExternalSystem, ImportCounts, ImportIndex, LocalPrimitive } from './usage.js';
import {
  countLocalImports,
  findNamed,
  importersUnder,
  indexImports,
  inferExternalSystems,
  inferLocalPrimitives,
  moduleResolver,
  shadcnUiDirs,
} from './usage.js';

/** What the code's imports say about its design system, before components are read from the sources. */
export interface UsageDiscovery {
  index: ImportIndex;
  resolve: (from: string, spec: string) => string | null;
  /** shadcn `components.json` files and the directory each one's `aliases.ui` names */
  shadcn: Array<{ config: string; dir: string }>;
  /** npm design systems, most imported first */
  external: ExternalSystem[];
  /** root-relative module -> element-named component -> files importing it from there */
  localCounts: Map<string, Map<string, number>>;
}

/** Reads every import once and finds the shadcn directories, npm design systems and the counts of local imports. */
export function discoverByUsage(
  root: string,
  isTest: (p: string) => boolean,
  excluded: (p: string) => boolean,
  aliases: DesignSystemAlias[],
  isWorkspacePackage: (spec: string) => boolean,
  readJson: (file: string) => Record<string, unknown> | null,
): UsageDiscovery {
  const index = indexImports(root, (p) => isTest(p) || excluded(p));
  const resolve = moduleResolver(root, aliases);
  const configs = findNamed(root, 'components.json').filter((c) => !isTest(c) && !excluded(c));
  const shadcn = shadcnUiDirs(root, configs, aliases, readJson);
  const external = inferExternalSystems(index, isWorkspacePackage);
  return { index, resolve, shadcn, external, localCounts: countLocalImports(index, resolve) };
}

/** App-local shared primitives: modules many files import an element-named component from, outside the design-system paths. */
export function localPrimitives(
  usage: UsageDiscovery,
  skip: (file: string) => boolean,
  systemNames?: ReadonlySet<string>,
): LocalPrimitive[] {
  return inferLocalPrimitives(usage.localCounts, usage.index.files, skip, systemNames);
}

/** The directory a primitive is kept as: its own folder for `button/index.tsx`, else the file. */
export const primitivePath = (file: string) => (/\/index\.[jt]sx?$/.test(file) ? posix.dirname(file) : file);

const top = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 8)
    .map(([name, importers]) => ({ name, importers }));

/** Every design system found, most imported first, with how it was found: what `init` prints and the scan summary names. */
export function summariseSystems(input: {
  usage: UsageDiscovery | null;
  packages: DesignSystemPackage[];
  counts: ImportCounts | null;
  configured: boolean;
  pathKinds: Map<string, 'config' | 'shadcn' | 'directory'>;
  primitives: LocalPrimitive[];
}): DesignSystemSource[] {
  const { usage, packages, counts, configured, pathKinds, primitives } = input;
  const out: DesignSystemSource[] = [];
  const ext = new Map((usage?.external ?? []).map((e) => [e.name, e]));
  for (const p of packages) {
    const e = ext.get(p.name);
    const names = new Map<string, number>();
    if (e) for (const [n, c] of e.components) names.set(n, c);
    else
      for (const [key, c] of counts?.byName ?? []) {
        const [n, spec] = key.split('\0') as [string, string];
        if (spec === p.name || spec.startsWith(`${p.name}/`)) names.set(n, (names.get(n) ?? 0) + c);
      }
    out.push({
      kind: configured ? 'config' : e ? 'npm' : 'workspace',
      name: p.name,
      via: configured
        ? 'plumbline.config.json'
        : e
          ? e.via === 'catalog'
            ? 'npm design system (catalog)'
            : 'npm package of element-like components'
          : 'workspace package',
      importers: e?.importers ?? counts?.byPackage.get(p.name) ?? 0,
      components: top(names),
    });
  }
  const dirs = [...pathKinds.keys()];
  const under = usage ? importersUnder(usage.index, usage.resolve, dirs) : new Map<string, number>();
  for (const [dir, kind] of pathKinds) {
    const names = new Map<string, number>();
    for (const [file, m] of usage?.localCounts ?? [])
      if (file.startsWith(`${dir}/`)) for (const [n, c] of m) names.set(n, Math.max(names.get(n) ?? 0, c));
    const via = kind === 'shadcn' ? 'components.json aliases.ui' : kind === 'config' ? 'plumbline.config.json' : 'components/ui directory';
    out.push({ kind, name: dir, via, importers: under.get(dir) ?? 0, components: top(names) });
  }
  for (const p of primitives) {
    const best = top(p.names);
    out.push({
      kind: 'local',
      name: p.file,
      via: 'app-local primitive',
      importers: best[0]!.importers,
      components: best,
    });
  }
  return out.sort((a, b) => b.importers - a.importers);
}

/**
 * Where a design system kept as directories or files is in use: the workspace package (else the top-level
 * folder) of every file that imports from it. Code elsewhere (a server folder beside the app, a package that
 * never imports it) is not expected to use it.
 */
export function importerScopes(usage: UsageDiscovery, dirs: string[], packageDirs: string[]): string[] {
  const pkgs = packageDirs.filter((d) => d !== '').sort((a, b) => b.length - a.length);
  const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
  const scopes = new Set<string>();
  for (const { file, imports } of usage.index.byFile) {
    for (const { spec, names } of imports) {
      if (!names.some((n) => /^[A-Z]/.test(n))) continue;
      const target = usage.resolve(file, spec);
      if (!target || !dirs.some((d) => inside(target, d))) continue;
      const pkg = pkgs.find((d) => inside(file, d));
      scopes.add(pkg ?? (file.includes('/') ? file.split('/')[0]! : ''));
      break;
    }
  }
  for (const d of dirs) {
    const pkg = pkgs.find((p) => inside(d, p));
    scopes.add(pkg ?? (d.includes('/') ? d.split('/')[0]! : ''));
  }
  return scopes.has('') ? [''] : [...scopes].sort();
}
