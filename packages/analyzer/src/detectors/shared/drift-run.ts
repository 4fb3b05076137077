import { ownersFromSettings } from '@plumbline/core';
import type { CodeownersSettings } from '@plumbline/core';
import type { DetectorContext } from '../../detector.js';
import { factsOf } from '../../facts.js';
import type { FileFacts } from '../../facts.js';
import { extractor as driftFacts } from '../../facts/drift.js';
import type { CarriedFact, ImportSiteFact } from '../../facts/drift.js';
import { AbstractionIndex } from '../../abstraction-index.js';
import { ModuleResolver } from '../../resolve.js';

// One analysis run of the drift rules: the files with drift facts, module resolution, the usages that
// project exports carry (wrappers, through re-exports), and the per-directory / per-owner breakdowns.

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

/** file -> family -> choice -> files */
export type Groups = Map<string, Map<string, Map<string, Set<string>>>>;

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

export class DriftRun {
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
