import {
  IDIOM_DRIFT_DEFAULTS,
  IDIOMS,
  LIBRARY_DRIFT_DEFAULTS,
  ROLES,
  chooseConvention,
  idiomDriftMeta,
  libraryDriftMeta,
  normalizeProjectPath,
  ownersFromSettings,
  resolveDecisionValue,
  wrapperMatchesPath,
} from '@plumbline/core';
import type {
  CodeownersSettings,
  ConventionChoice,
  DecisionConfig,
  IdiomDefinition,
  IdiomDriftOptions,
  LibraryDriftOptions,
  RelatedLocation,
  RoleConventions,
  RoleDefinition,
  RuleMeta,
} from '@plumbline/core';
import { defineDetector } from '../../detector.js';
import type { Detector, DetectorContext, DraftFinding } from '../../detector.js';
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as driftFacts } from '../../facts/drift.js';
import type { CarriedFact, IdiomSiteFact, ImportSiteFact, RoleUsageFact, SiteFact } from '../../facts/drift.js';
import { extractor as structureFacts } from '../../facts/structure.js';
import { AbstractionIndex } from '../../abstraction-index.js';
import { ModuleResolver } from '../../resolve.js';

// The conventions of library roles and idioms, judged once per analysis and shared by the two rules that
// report against them (library-drift.ts, idiom-drift.ts); their figures are `metrics["pattern-drift"]`
// and the summary's drift index.

export const pct = (x: number): string => `${Math.round(x * 100)} %`;
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const cite = (d: DecisionConfig): string => `${d.id}${d.link ? ` (${d.link})` : ''}`;

/**
 * Normalised Shannon entropy of counts: 0 when one choice has everything, 1 when the choices present
 * share it evenly. The drift index averages it over roles and idioms, weighted by the files involved.
 */
export function normalizedEntropy(counts: readonly number[]): number {
  const xs = counts.filter((c) => c > 0);
  if (xs.length < 2) return 0;
  const total = xs.reduce((a, b) => a + b, 0);
  let h = 0;
  for (const c of xs) h -= (c / total) * Math.log(c / total);
  return Math.round((h / Math.log(xs.length)) * 1000) / 1000;
}

/** Files whose default export a framework requires (Next.js app and pages routers, Remix routes, stories). */
const FRAMEWORK_DEFAULT_EXPORT =
  /(^|\/)app\/(.*\/)?(page|layout|template|loading|error|not-found|global-error|default|route|opengraph-image|twitter-image|icon|apple-icon)\.[jt]sx?$|(^|\/)pages\/|(^|\/)routes\/|\.stories\.[jt]sx?$|(^|\/)_app\.[jt]sx?$|(^|\/)_document\.[jt]sx?$/;

export interface ChoiceCount {
  choice: string;
  label: string;
  kind: 'library' | 'wrapper';
  /** the catalog choice a wrapper is built on */
  underlying?: string;
  definedIn?: { file: string; line: number; name: string };
  defFiles: Set<string>;
  /** file -> its first site */
  files: Map<string, SiteFact>;
}

/** One library role judged over the project: its choices, most files first, and its convention. */
export interface RoleJudgement {
  role: RoleDefinition;
  sorted: ChoiceCount[];
  /** files using the role */
  total: number;
  convention?: ChoiceCount;
  decision?: DecisionConfig;
  decidedInstead: Array<ReturnType<typeof resolveDecisionValue>>;
  /** whether a wrapper choice is the project path a decision names */
  pathMatches(w: ChoiceCount, path: string): boolean;
}

export interface IdiomSite {
  file: string;
  s: IdiomSiteFact;
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

export interface DriftAnalysis {
  roles: RoleJudgement[];
  idioms: IdiomJudgement[];
  metrics: Record<string, unknown>;
  driftIndex: number;
}

/** file -> family -> choice -> files */
type Groups = Map<string, Map<string, Map<string, Set<string>>>>;

/** Groups files for the per-directory breakdown: the workspace package, then one directory below it. */
function directoryOf(path: string, resolver: ModuleResolver): string {
  const pkg = resolver.packageOf(path)?.dir ?? '';
  const rest = (pkg ? path.slice(pkg.length + 1) : path).split('/').slice(0, -1);
  const keep: string[] = [];
  for (const seg of rest) {
    keep.push(seg);
    if (!['src', 'app', 'features', 'modules', 'domains', 'packages', 'apps', 'lib'].includes(seg) || keep.length >= 3) break;
  }
  return [pkg, ...keep].filter(Boolean).join('/') || '.';
}

/** A finding of a drift rule at a site of the drift facts. */
export function findingAt(
  ruleId: string,
  file: string,
  s: SiteFact,
  message: string,
  fingerprintCode: string,
  related: RelatedLocation[],
): DraftFinding {
  return {
    ruleId,
    file,
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    message,
    fingerprintCode,
    symbolPath: s.symbolPath,
    related,
  };
}

/**
 * A drift rule's detector: its findings from the analysis of the run; both rules report the analysis's
 * figures under `metrics["pattern-drift"]` (whichever runs) and the drift index.
 */
export function driftDetector(meta: RuleMeta, findingsOf: (a: DriftAnalysis) => DraftFinding[]): Detector {
  return defineDetector({
    id: meta.id,
    metricsKey: 'pattern-drift',
    rules: [meta],
    detect(ctx) {
      const a = driftAnalysis(ctx);
      return { findings: findingsOf(a), metrics: a.metrics, driftIndex: a.driftIndex };
    },
  });
}

const memo = new WeakMap<DetectorContext, DriftAnalysis>();

/** The drift analysis of a run, computed by whichever of the two rules runs first. */
export function driftAnalysis(ctx: DetectorContext): DriftAnalysis {
  let a = memo.get(ctx);
  if (!a) memo.set(ctx, (a = analyse(ctx)));
  return a;
}

class DriftRun {
  readonly files: FileFacts[];
  readonly resolver: ModuleResolver;
  readonly ownersOf: (path: string) => string[];
  readonly hasOwners: boolean;
  readonly weights: Array<{ key: string; weight: number; index: number }> = [];
  readonly dirGroups: Groups = new Map();
  readonly ownerGroups: Groups = new Map();
  private readonly carries: Map<string, Set<string>>;
  private readonly byPath: Map<string, FileFacts>;
  private readonly carriedMemo = new Map<string, { file: string; carried: CarriedFact[] }>();
  private readonly importMemo = new Map<ImportSiteFact, Array<{ file: string; c: CarriedFact }>>();

  constructor(readonly ctx: DetectorContext) {
    this.files = ctx.files.filter((f) => factsOf(f, driftFacts));
    this.byPath = new Map(ctx.files.map((f) => [f.path, f]));
    this.resolver = ModuleResolver.for(ctx.files, ctx.settings);
    const owners = ownersFromSettings(ctx.settings);
    this.ownersOf = (p) => owners(p);
    this.hasOwners = !!(ctx.settings.codeowners as CodeownersSettings | undefined)?.file;
    // Which exported names of each file can lead to carried usages at all (a superset): most names of a
    // barrel lead to none, and need not be resolved.
    const seeds = new Map<string, Set<string>>();
    for (const f of this.files) {
      const own = factsOf(f, driftFacts)!.carried;
      if (own.length) seeds.set(f.path, new Set(own.map((c) => c.export)));
    }
    this.carries = this.symbols.namesReaching(seeds);
  }

  get symbols() {
    return AbstractionIndex.of(this.ctx.files, this.ctx.settings).symbols;
  }

  /** The carried usages of the export `name` of `file`: those of the file that declares it, through re-exports. */
  carriedVia(file: string, name: string): { file: string; carried: CarriedFact[] } {
    const none = { file, carried: [] as CarriedFact[] };
    if (name !== '*' && !this.carries.get(file)?.has(name)) return none;
    const key = `${file}\0${name}`;
    const hit = this.carriedMemo.get(key);
    if (hit) return hit;
    let r = none;
    const own = this.carriedOf(file).filter((c) => name === '*' || c.export === name);
    if (own.length) r = { file, carried: own };
    else if (name === '*') {
      // a namespace import: the first of the names it offers that carries usages
      for (const n of this.carries.get(file) ?? []) {
        if (n === 'default') continue;
        const via = this.carriedVia(file, n);
        if (via.carried.length) {
          r = via;
          break;
        }
      }
    } else {
      const b = this.symbols.resolveExport(file, name);
      if (b.kind === 'local' && b.exported !== undefined) {
        const carried = this.carriedOf(b.file).filter((c) => c.export === b.exported);
        if (carried.length) r = { file: b.file, carried };
      } else if (b.kind === 'namespace') {
        // `import * as api from './client'; export { api }`: what the whole module carries
        r = this.carriedVia(b.file, '*');
      }
    }
    this.carriedMemo.set(key, r);
    return r;
  }

  private carriedOf(file: string): CarriedFact[] {
    const f = this.byPath.get(file);
    return (f && factsOf(f, driftFacts)?.carried) ?? [];
  }

  /** What an import of a project module brings: per imported name, the declaring file's carried usages. */
  importedCarried(from: string, imp: ImportSiteFact): Array<{ file: string; c: CarriedFact }> {
    let hit = this.importMemo.get(imp);
    if (hit) return hit;
    hit = [];
    this.importMemo.set(imp, hit);
    if (imp.typeOnly || imp.kind === 'export-from') return hit;
    const t = this.resolver.resolve(from, imp.specifier);
    if (t.kind !== 'file' || t.path === from) return hit;
    for (const name of imp.kind === 'import' ? imp.names : ['default']) {
      const r = this.carriedVia(t.path, name);
      for (const c of r.carried) hit.push({ file: r.file, c });
    }
    return hit;
  }

  group(target: Groups, g: string, family: string, choice: string, file: string): void {
    const fam = target.get(g) ?? new Map<string, Map<string, Set<string>>>();
    target.set(g, fam);
    const ch = fam.get(family) ?? new Map<string, Set<string>>();
    fam.set(family, ch);
    const set = ch.get(choice) ?? new Set<string>();
    ch.set(choice, set);
    set.add(file);
  }

  /** Counts `n` of `choice` at `file` into the per-directory and per-owner breakdowns of `family`. */
  tally(
    family: string,
    byDirectory: Record<string, Record<string, number>>,
    byOwner: Record<string, Record<string, number>>,
    file: string,
    choice: string,
    n: number,
  ): void {
    const dir = directoryOf(file, this.resolver);
    (byDirectory[dir] ??= {})[choice] = (byDirectory[dir][choice] ?? 0) + n;
    this.group(this.dirGroups, dir, family, choice, file);
    if (!this.hasOwners) return;
    for (const o of this.ownersOf(file).length ? this.ownersOf(file) : ['(unowned)']) {
      (byOwner[o] ??= {})[choice] = (byOwner[o][choice] ?? 0) + n;
      this.group(this.ownerGroups, o, family, choice, file);
    }
  }
}

function analyse(ctx: DetectorContext): DriftAnalysis {
  const run = new DriftRun(ctx);
  const lib = ctx.options<LibraryDriftOptions>(libraryDriftMeta.id, LIBRARY_DRIFT_DEFAULTS);
  const idiomOptions = ctx.options<IdiomDriftOptions>(idiomDriftMeta.id, IDIOM_DRIFT_DEFAULTS);
  const roles: RoleJudgement[] = [];
  const roleMetrics: Record<string, unknown> = {};
  for (const role of ROLES) {
    const j = judgeRole(run, role, lib);
    if (!j) continue;
    roles.push(j);
    roleMetrics[role.id] = roleMetricsOf(run, j);
  }
  const idioms: IdiomJudgement[] = [];
  const idiomMetrics: Record<string, unknown> = {};
  const sites = idiomSites(run);
  for (const idiom of IDIOMS) {
    const j = judgeIdiom(run, idiom, sites.get(idiom.id) ?? [], idiomOptions);
    if (!j) continue;
    idioms.push(j);
    idiomMetrics[idiom.id] = idiomMetricsOf(run, j, idiomOptions);
  }

  // the drift index: usage-weighted mean of the normalised entropies
  const weighted = (ws: Array<{ weight: number; index: number }>) => {
    const w = ws.reduce((a, b) => a + b.weight, 0);
    return w === 0 ? 0 : Math.round((ws.reduce((a, b) => a + b.weight * b.index, 0) / w) * 1000) / 1000;
  };
  const groupIndex = (groups: Groups) => {
    const out: Record<string, number> = {};
    for (const [g, fams] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const ws: Array<{ weight: number; index: number }> = [];
      for (const ch of fams.values()) {
        const all = new Set<string>();
        for (const s of ch.values()) for (const p of s) all.add(p);
        ws.push({ weight: all.size, index: normalizedEntropy([...ch.values()].map((s) => s.size)) });
      }
      out[g] = weighted(ws);
    }
    return out;
  };
  const driftIndex = weighted(run.weights);
  return {
    roles,
    idioms,
    driftIndex,
    metrics: {
      driftIndex,
      measure:
        'usage-weighted mean over roles and idioms of the normalised Shannon entropy of their choices (0: one choice everywhere, 1: choices split evenly)',
      roles: roleMetrics,
      idioms: idiomMetrics,
      byDirectory: groupIndex(run.dirGroups),
      ...(run.hasOwners ? { byOwner: groupIndex(run.ownerGroups) } : {}),
    },
  };
}

/** A role's choices (libraries, and project wrappers that enough files import) and its convention. */
function judgeRole(run: DriftRun, role: RoleDefinition, lib: LibraryDriftOptions): RoleJudgement | undefined {
  const { ctx, resolver } = run;
  const inScope = (f: FileFacts) => (role.scope === 'tests' ? f.isTestFile : !f.isTestFile);
  const choices = new Map<string, ChoiceCount>();
  for (const f of run.files) {
    if (!inScope(f)) continue;
    for (const u of factsOf(f, driftFacts)!.usages) {
      if (u.role !== role.id) continue;
      let c = choices.get(u.choice);
      if (!c)
        choices.set(
          u.choice,
          (c = {
            choice: u.choice,
            label: role.choices.find((x) => x.id === u.choice)!.label,
            kind: 'library',
            files: new Map(),
            defFiles: new Set(),
          }),
        );
      if (!c.files.has(f.path)) c.files.set(f.path, u satisfies RoleUsageFact);
    }
  }
  const decision = ctx.config.decisions.find((d) => d.role === role.id);
  const decided = decision ? resolveDecisionValue(role.id, decision.use) : undefined;
  const decidedInstead = (decision?.instead ?? []).map((v) => resolveDecisionValue(role.id, v));
  const packageNameOf = (file: string) => resolver.packageOf(file)?.name;
  const pathMatches = (w: ChoiceCount, p: string) => wrapperMatchesPath(w, p, packageNameOf);
  if (role.wrappers) {
    for (const w of wrappersOf(run, role).values()) {
      const named =
        (decided?.kind === 'path' && pathMatches(w, decided.path)) ||
        decidedInstead.some((v) => v?.kind === 'path' && pathMatches(w, v.path));
      if (w.files.size < lib.minWrapperFiles && !named) continue;
      choices.set(w.choice, w);
      // the wrapper's own file uses the library by design: it counts for the wrapper
      for (const def of w.defFiles) choices.get(w.underlying!)?.files.delete(def);
    }
  }
  for (const [id, c] of choices) if (c.files.size === 0) choices.delete(id);
  if (choices.size === 0 && !decision) return undefined;

  const allFiles = new Set<string>();
  for (const c of choices.values()) for (const p of c.files.keys()) allFiles.add(p);
  const total = allFiles.size;
  const sorted = [...choices.values()].sort((a, b) => b.files.size - a.files.size || (a.choice < b.choice ? -1 : 1));
  const pick = chooseConvention({
    role,
    choices: [...choices.values()].map((c) => ({
      choice: c.choice,
      label: c.label,
      kind: c.kind,
      files: c.files.size,
      ...(c.definedIn ? { definedIn: c.definedIn } : {}),
      count: c,
    })),
    share: (t) => t.files / total,
    decisions: ctx.config.decisions,
    options: lib,
    packageNameOf,
  });
  let convention = pick?.found?.count;
  if (pick && !convention) {
    const defFiles =
      pick.kind === 'wrapper' ? new Set([...allFiles].filter((p) => normalizeProjectPath(p) === pick.choice)) : new Set<string>();
    convention = { choice: pick.choice, label: pick.label, kind: pick.kind, defFiles, files: new Map() };
  }
  return { role, sorted, total, ...(convention ? { convention } : {}), ...(decision ? { decision } : {}), decidedInstead, pathMatches };
}

/** Wrapper candidates of a role: project exports that use its libraries generically, and who imports them. */
function wrappersOf(run: DriftRun, role: RoleDefinition): Map<string, ChoiceCount> {
  const wrappers = new Map<string, ChoiceCount>();
  const tests = role.scope === 'tests';
  for (const f of run.files) {
    if (f.isTestFile !== tests) continue;
    for (const imp of factsOf(f, driftFacts)!.imports) {
      for (const { file: defFile, c } of run.importedCarried(f.path, imp)) {
        if (c.role !== role.id || !c.generic || defFile === f.path) continue;
        const id = normalizeProjectPath(defFile);
        let w = wrappers.get(id);
        if (!w) {
          w = {
            choice: id,
            label: c.export === 'default' ? id : `${id} (${c.export})`,
            kind: 'wrapper',
            underlying: c.choice,
            definedIn: { file: defFile, line: c.line, name: c.export },
            defFiles: new Set([defFile]),
            files: new Map(),
          };
          wrappers.set(id, w);
        }
        if (!w.files.has(f.path)) w.files.set(f.path, { ...imp, symbolPath: '', code: `import ${imp.specifier}` });
      }
    }
  }
  return wrappers;
}

function roleMetricsOf(run: DriftRun, j: RoleJudgement): RoleConventions & Record<string, unknown> {
  const { role, sorted, total, convention, decision } = j;
  const info = (c: ChoiceCount): ConventionChoice => ({
    choice: c.choice,
    label: c.label,
    kind: c.kind,
    files: c.files.size,
    share: total ? Math.round((c.files.size / total) * 1000) / 1000 : 0,
    ...(c.definedIn ? { definedIn: c.definedIn } : {}),
  });
  const index = normalizedEntropy(sorted.map((c) => c.files.size));
  run.weights.push({ key: `role:${role.id}`, weight: total, index });
  const byDirectory: Record<string, Record<string, number>> = {};
  const byOwner: Record<string, Record<string, number>> = {};
  for (const c of sorted) for (const p of c.files.keys()) run.tally(`role:${role.id}`, byDirectory, byOwner, p, c.choice, 1);
  const wrapperFiles = [...new Set(sorted.flatMap((c) => [...c.defFiles]))].sort();
  return {
    role: role.id,
    title: role.title,
    convention: convention ? info(convention) : null,
    ...(decision ? { decision: { id: decision.id, ...(decision.link ? { link: decision.link } : {}) } } : {}),
    choices: sorted.map(info),
    wrapperFiles,
    files: total,
    index,
    byDirectory,
    ...(run.hasOwners ? { byOwner } : {}),
  };
}

/** Each idiom's sites outside tests: the extracted ones, and effects that load data over HTTP. */
function idiomSites(run: DriftRun): Map<string, IdiomSite[]> {
  const lazyTargets = new Set<string>();
  for (const f of run.files) {
    for (const imp of factsOf(f, structureFacts)?.imports ?? []) {
      if (imp.kind !== 'dynamic') continue;
      const t = run.resolver.resolve(f.path, imp.specifier);
      if (t.kind === 'file') lazyTargets.add(t.path);
    }
  }
  const out = new Map<string, IdiomSite[]>(IDIOMS.map((i) => [i.id, []]));
  for (const idiom of IDIOMS) {
    const sites = out.get(idiom.id)!;
    for (const f of run.files) {
      if (f.isTestFile) continue;
      const d = factsOf(f, driftFacts)!;
      for (const s of d.idioms) {
        if (s.idiom !== idiom.id) continue;
        if (idiom.id === 'component-export' && (FRAMEWORK_DEFAULT_EXPORT.test(f.path) || lazyTargets.has(f.path))) continue;
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
  return out;
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const add = (m: Map<string, Map<string, number>>, key: string, variant: string, n: number) => {
  const c = m.get(key) ?? new Map<string, number>();
  c.set(variant, (c.get(variant) ?? 0) + n);
  m.set(key, c);
};

function judgeIdiom(run: DriftRun, idiom: IdiomDefinition, sites: IdiomSite[], options: IdiomDriftOptions): IdiomJudgement | undefined {
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

function idiomMetricsOf(run: DriftRun, j: IdiomJudgement, options: IdiomDriftOptions): Record<string, unknown> {
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
