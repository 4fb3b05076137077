import { IDIOMS } from '@plumbline/core';
import type { DecisionConfig, IdiomDefinition, IdiomDriftOptions } from '@plumbline/core';
import { factsOf } from '../../facts.js';
import { extractor as driftFacts } from '../../facts/drift.js';
import type { IdiomSiteFact, ImportSiteFact } from '../../facts/drift.js';
import { extractor as structureFacts } from '../../facts/structure.js';
import { normalizedEntropy } from './drift-run.js';
import type { DriftRun } from './drift-run.js';

// Idioms judged over the project (idiom-drift): each idiom's sites, its variant counts, the convention and
// the local conventions of packages and folders.

/**
 * Files whose default export a framework or tool requires: Next.js app and pages routers, Remix and React
 * Router route folders and `root`/`entry` modules, Docusaurus theme components (`src/theme/**`), stories,
 * config files.
 */
const FRAMEWORK_DEFAULT_EXPORT =
  /(^|\/)app\/(.*\/)?(page|layout|template|loading|error|not-found|global-error|default|route|opengraph-image|twitter-image|icon|apple-icon)\.[jt]sx?$|(^|\/)pages\/|(^|\/)routes\/|\.stories?\.[jt]sx?$|(^|\/)_app\.[jt]sx?$|(^|\/)_document\.[jt]sx?$|(^|\/)app\/(root|entry\.client|entry\.server)\.[jt]sx?$|(^|\/)src\/theme\/|\.config\.[cm]?[jt]sx?$/;

/** a package's subpath module (`next/link`, `@scope/pkg/sub`) */
const SUBPATH_SPECIFIER = /^(@[\w.-]+\/)?[\w.-]+\/[\w./-]+$/;
const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
const withoutExtension = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');

/** `a/b` joined with `./c/../d.tsx`: a project path. */
function joinPath(dir: string, rel: string): string {
  const out = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/**
 * Files whose default export is required by something other than the codebase's style: the modules a
 * route config names (and the `root` module beside it), files loaded with `import()`, and shims that stand
 * in for another package's module (`compat/next/link.tsx` for `next/link`, aliased by the bundler).
 */
function requiredDefaultExports(run: DriftRun): (path: string) => boolean {
  const required = new Set<string>();
  const bare = new Set<string>();
  const bareFrom = new Map<string, string>();
  for (const f of run.files) {
    for (const imp of factsOf(f, structureFacts)?.imports ?? []) {
      if (imp.kind !== 'dynamic') continue;
      const t = run.resolver.resolve(f.path, imp.specifier);
      if (t.kind === 'file') required.add(t.path);
    }
    const d = factsOf(f, driftFacts)!;
    for (const m of d.routeModules ?? []) required.add(joinPath(dirOf(f.path), m));
    if (d.routeModules?.length) for (const ext of ['tsx', 'jsx', 'ts', 'js']) required.add(joinPath(dirOf(f.path), `root.${ext}`));
    for (const imp of d.imports)
      if (SUBPATH_SPECIFIER.test(imp.specifier) && !bareFrom.has(imp.specifier)) bareFrom.set(imp.specifier, f.path);
  }
  // only specifiers of external packages (a baseUrl import such as `components/ui/button` resolves to a project file)
  for (const [spec, from] of bareFrom) if (run.resolver.resolve(from, spec).kind === 'package') bare.add(spec);
  const shim = (path: string) => {
    const stem = withoutExtension(path);
    for (let i = stem.indexOf('/'); i >= 0; i = stem.indexOf('/', i + 1)) if (bare.has(stem.slice(i + 1))) return true;
    return false;
  };
  return (path) => FRAMEWORK_DEFAULT_EXPORT.test(path) || required.has(path) || shim(path);
}

/**
 * React.FC-typed arrows are arrows: whether a component's type is annotated is a typing nuance, not a
 * different declaration style (a decision can still name `react-fc`). One site per file and variant.
 */
function foldReactFc(run: DriftRun, sites: IdiomSite[]): IdiomSite[] {
  const decided = run.ctx.config.decisions.some((d) => d.idiom === 'component-declaration' && d.use === 'react-fc');
  if (decided) return sites;
  const out: IdiomSite[] = [];
  const arrows = new Map<string, IdiomSite>();
  for (const site of sites) {
    if (site.s.variant !== 'arrow' && site.s.variant !== 'react-fc') {
      out.push(site);
      continue;
    }
    const prev = arrows.get(site.file);
    if (!prev) {
      const folded: IdiomSite = { file: site.file, s: { ...site.s, variant: 'arrow' }, extractedAs: site.s.variant };
      arrows.set(site.file, folded);
      out.push(folded);
      continue;
    }
    if (site.s.line < prev.s.line) {
      prev.s = { ...site.s, variant: 'arrow', count: prev.s.count + site.s.count };
      prev.extractedAs = site.s.variant;
    } else prev.s = { ...prev.s, count: prev.s.count + site.s.count };
  }
  return out;
}

export interface IdiomSite {
  file: string;
  s: IdiomSiteFact;
  /** the variant the site was extracted as, when folded into another (keeps the finding's fingerprint) */
  extractedAs?: string;
}

/** One idiom judged over the project: its sites, variant counts and convention. */
export interface IdiomJudgement {
  idiom: IdiomDefinition;
  sites: IdiomSite[];
  counts: Map<string, number>;
  total: number;
  convention?: string;
  decision?: DecisionConfig;
  labelOf(variant: string): string;
  /** whether the site's workspace package or folder has a convention of its own that it follows */
  followsLocalConvention(site: IdiomSite): boolean;
}

/** Each idiom's sites outside tests: the extracted ones, and effects that load data over HTTP. */
export function idiomSites(run: DriftRun): Map<string, IdiomSite[]> {
  const requiredDefault = requiredDefaultExports(run);
  const out = new Map<string, IdiomSite[]>(IDIOMS.map((i) => [i.id, []]));
  for (const idiom of IDIOMS) {
    const sites = out.get(idiom.id)!;
    for (const f of run.files) {
      if (f.isTestFile) continue;
      const d = factsOf(f, driftFacts)!;
      for (const s of d.idioms) {
        if (s.idiom !== idiom.id) continue;
        if (idiom.id === 'component-export' && requiredDefault(f.path)) continue;
        sites.push({ file: f.path, s });
      }
      if (idiom.id !== 'data-fetching') continue;
      for (const e of d.effects) {
        const fetches =
          e.direct ||
          e.calls.some((c) => {
            const imp: ImportSiteFact = {
              specifier: c.specifier,
              kind: 'import',
              names: [c.name],
              typeOnly: false,
              line: 0,
              column: 0,
              endLine: 0,
              endColumn: 0,
            };
            return run.importedCarried(f.path, imp).some((x) => x.c.role === 'http');
          });
        if (fetches)
          sites.push({
            file: f.path,
            s: {
              idiom: idiom.id,
              variant: 'use-effect',
              count: 1,
              line: e.line,
              column: e.column,
              endLine: e.endLine,
              endColumn: e.endColumn,
              symbolPath: e.symbolPath,
              code: e.code,
            },
          });
      }
    }
  }
  out.set('component-declaration', foldReactFc(run, out.get('component-declaration')!));
  return out;
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const add = (m: Map<string, Map<string, number>>, key: string, variant: string, n: number) => {
  const c = m.get(key) ?? new Map<string, number>();
  c.set(variant, (c.get(variant) ?? 0) + n);
  m.set(key, c);
};

export function judgeIdiom(
  run: DriftRun,
  idiom: IdiomDefinition,
  sites: IdiomSite[],
  options: IdiomDriftOptions,
): IdiomJudgement | undefined {
  const counts = new Map<string, number>();
  const scopeCounts = new Map<string, Map<string, number>>();
  const scopeOf = (p: string) => run.resolver.packageOf(p)?.name ?? '';
  const folderCounts = new Map<string, Map<string, number>>();
  const folderOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  for (const { file, s } of sites) {
    add(folderCounts, folderOf(file), s.variant, s.count);
    counts.set(s.variant, (counts.get(s.variant) ?? 0) + s.count);
    add(scopeCounts, scopeOf(file), s.variant, s.count);
  }
  const total = sum(counts);
  if (total === 0) return undefined;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const decision = run.ctx.config.decisions.find((d) => d.idiom === idiom.id);
  let convention: string | undefined;
  if (decision) convention = decision.use;
  else {
    const [top, n] = sorted[0]!;
    const second = sorted[1];
    if (n >= options.minSites && n / total >= options.majority && (!second || second[1] < n)) convention = top;
  }
  if (idiom.requiresConvention && convention !== idiom.requiresConvention) convention = undefined;
  const followsLocalConvention = ({ file, s }: IdiomSite): boolean => {
    // a workspace package with a clear convention of its own is judged by it (metrics show the split)
    const sc = scopeCounts.get(scopeOf(file))!;
    const scTop = [...sc.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (sum(sc) >= options.minSites && scTop[0] !== convention) return true;
    // so is a folder whose files agree among themselves (three or more sites, by the majority share)
    const fc = folderCounts.get(folderOf(file))!;
    const fcTotal = sum(fc);
    return fcTotal >= 3 && (fc.get(s.variant) ?? 0) / fcTotal >= options.majority;
  };
  return {
    idiom,
    sites,
    counts,
    total,
    ...(convention ? { convention } : {}),
    ...(decision ? { decision } : {}),
    labelOf: (v) => idiom.variants.find((x) => x.id === v)?.label ?? v,
    followsLocalConvention,
  };
}

export function idiomMetricsOf(run: DriftRun, j: IdiomJudgement, options: IdiomDriftOptions): Record<string, unknown> {
  const { idiom, sites, counts, total, convention, decision, labelOf } = j;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const filesBy = new Map<string, Set<string>>();
  for (const { file, s } of sites) {
    const set = filesBy.get(s.variant) ?? new Set<string>();
    set.add(file);
    filesBy.set(s.variant, set);
  }
  const fileCount = new Set(sites.map((x) => x.file)).size;
  const index = normalizedEntropy(sorted.map(([, n]) => n));
  run.weights.push({ key: `idiom:${idiom.id}`, weight: fileCount, index });
  const byDirectory: Record<string, Record<string, number>> = {};
  const byOwner: Record<string, Record<string, number>> = {};
  for (const { file, s } of sites) run.tally(`idiom:${idiom.id}`, byDirectory, byOwner, file, s.variant, s.count);
  // groups whose own dominant variant differs from the project's ("the checkout team declares components one way")
  const divergent = (by: Record<string, Record<string, number>>) =>
    Object.entries(by).flatMap(([g, vs]) => {
      const n = Object.values(vs).reduce((a, b) => a + b, 0);
      const [v, c] = Object.entries(vs).sort((a, b) => b[1] - a[1])[0]!;
      return n >= options.minSites && v !== sorted[0]![0]
        ? [{ group: g, variant: v, share: Math.round((c / n) * 1000) / 1000, sites: n }]
        : [];
    });
  return {
    idiom: idiom.id,
    title: idiom.title,
    convention: convention
      ? {
          variant: convention,
          label: labelOf(convention),
          sites: counts.get(convention) ?? 0,
          share: Math.round(((counts.get(convention) ?? 0) / total) * 1000) / 1000,
        }
      : null,
    ...(decision ? { decision: { id: decision.id, ...(decision.link ? { link: decision.link } : {}) } } : {}),
    variants: sorted.map(([v, n]) => ({
      variant: v,
      label: labelOf(v),
      sites: n,
      files: filesBy.get(v)!.size,
      share: Math.round((n / total) * 1000) / 1000,
    })),
    sites: total,
    files: fileCount,
    index,
    byDirectory,
    ...(run.hasOwners ? { byOwner, divergentOwners: divergent(byOwner) } : {}),
    divergentDirectories: divergent(byDirectory),
  };
}
