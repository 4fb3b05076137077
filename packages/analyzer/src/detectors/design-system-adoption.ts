import { designSystemOf, inferredSummary, isDesignSystemConsumer, isDesignSystemFile, ownersFromSettings } from '@plumbline/core';
import type { DesignSystemMigration, TokenSettings } from '@plumbline/core';
import { defineDetector } from '../detector.js';
import { factsOf } from '../facts.js';
import type { FileFacts } from '../facts.js';
import { extractor as componentsExtractor } from '../facts/components.js';
import type { ComponentSignatureFact } from '../facts/components.js';
import { extractor as jsxInstances } from '../facts/jsx-instances.js';
import { extractor as structure } from '../facts/structure.js';
import { ModuleResolver } from '../resolve.js';
import { isIconLike } from './component-family.js';
import { designSystemImportTest } from './design-system-shadow.js';

/** Instances counted for one slice of the project. */
export interface AdoptionCounts {
  /** JSX instances of design-system components */
  designSystem: number;
  /** instances of homebrew components: defined in this repository, outside the design system, rendering raw HTML */
  local: number;
  /** raw HTML elements the design system has a component for (config `designSystem.elements`, or inferred) */
  raw: number;
  /** designSystem / (designSystem + local + raw), or null when nothing was counted */
  adoption: number | null;
}

export interface AdoptionMetrics extends AdoptionCounts {
  designSystem: number;
  source: string;
  packages: string[];
  paths: string[];
  files: number;
  byDirectory: Array<{ directory: string } & AdoptionCounts>;
  byOwner: Array<{ owner: string } & AdoptionCounts>;
  /** the homebrew components with the most instances: where migration pays most */
  topLocal: Array<{ name: string; file: string; instances: number }>;
  /** raw elements with a design-system equivalent, by count */
  topRaw: Array<{ element: string; component: string; instances: number }>;
  /**
   * components two design-system packages both offer, with how many files import each: a migration under way
   * (`to` is the one the code uses, and the one raw elements are told to use)
   */
  migrations?: DesignSystemMigration[];
  /** what was taken for the design system and the tokens, and from where, in one line (`inferredSummary`) */
  inferred: string;
}

const DIRECTORY_DEPTH = 3;

const ratio = (c: { designSystem: number; local: number; raw: number }) => {
  const d = c.designSystem + c.local + c.raw;
  return d === 0 ? null : Math.round((c.designSystem / d) * 10000) / 10000;
};

/**
 * A homebrew component is low-level: it renders raw HTML elements itself (Radius Tracker's rule). An icon (a tree of
 * SVG elements only) is artwork, not a control competing with the design system: teable's icon package counted its
 * `Plus` and `X` glyphs as 1,000 homebrew instances once it was no longer taken for a design system.
 */
const rendersRawHtml = (c: ComponentSignatureFact) => !isIconLike(c) && c.tags.some((t) => /^[a-z]/.test(t));

/**
 * The design-system adoption metric: the share of JSX instances, in non-test files outside the design
 * system, that are design-system components, against homebrew components and raw elements the design
 * system has a component for. Reports no findings: `summary.designSystemAdoption` and `metrics`.
 */
export const detector = defineDetector({
  id: 'design-system-adoption',
  rules: [],
  detect(ctx) {
    const ds = designSystemOf(ctx.settings);
    const inferred = inferredSummary(ds, (ctx.settings.tokens as TokenSettings | undefined) ?? null);
    if (!ds) return { findings: [], metrics: { source: 'none', inferred }, designSystemAdoption: null };
    const resolver = ModuleResolver.for(ctx.files, ctx.settings);
    const isDsImport = designSystemImportTest(ds, resolver);
    const byPath = new Map(ctx.files.map((f) => [f.path, f]));
    const ownersOf = ownersFromSettings(ctx.settings);

    /** The component an import names, following re-exports (`export { X } from './x'`) a few hops. */
    const componentAt = (file: FileFacts | undefined, name: string, hops = 0): { file: FileFacts; c: ComponentSignatureFact } | null => {
      if (!file || hops > 5) return null;
      const s = factsOf(file, structure);
      const comps = factsOf(file, componentsExtractor)?.components ?? [];
      const exp = s?.exports.find((e) => e.name === name);
      const local = exp?.local ?? name;
      if (exp?.kind === 're-export' && exp.from) {
        const r = resolver.resolve(file.path, exp.from);
        return r.kind === 'file' ? componentAt(byPath.get(r.path), exp.local ?? name, hops + 1) : null;
      }
      const c = comps.find((x) => x.name === local) ?? (name === 'default' ? comps.find((x) => x.name === 'default') : undefined);
      if (c) return { file, c };
      for (const e of s?.exports ?? []) {
        if (e.kind !== 're-export-all' || !e.from) continue;
        const r = resolver.resolve(file.path, e.from);
        const hit = r.kind === 'file' ? componentAt(byPath.get(r.path), name, hops + 1) : null;
        if (hit) return hit;
      }
      return null;
    };

    const total = { designSystem: 0, local: 0, raw: 0 };
    const dirs = new Map<string, { designSystem: number; local: number; raw: number }>();
    const owners = new Map<string, { designSystem: number; local: number; raw: number }>();
    const localUse = new Map<string, { name: string; file: string; instances: number }>();
    const rawUse = new Map<string, number>();
    let files = 0;
    for (const f of ctx.files) {
      if (f.isTestFile || isDesignSystemFile(ds, f.path) || !isDesignSystemConsumer(ds, f.path)) continue;
      const instances = factsOf(f, jsxInstances)?.instances;
      if (!instances?.length) continue;
      files++;
      const here = { designSystem: 0, local: 0, raw: 0 };
      for (const i of instances) {
        if (i.origin === 'intrinsic') {
          if (ds.elements[i.tag]) {
            here.raw += i.count;
            rawUse.set(i.tag, (rawUse.get(i.tag) ?? 0) + i.count);
          }
        } else if (i.origin === 'import' && i.from) {
          if (isDsImport(f.path, i.from)) here.designSystem += i.count;
          else {
            const r = resolver.resolve(f.path, i.from);
            if (r.kind !== 'file') continue; // npm packages are neither
            const hit = componentAt(byPath.get(r.path), (i.imported ?? 'default').split('.')[0]!);
            if (hit && rendersRawHtml(hit.c)) {
              here.local += i.count;
              const key = `${hit.file.path}\0${hit.c.name}`;
              const u = localUse.get(key) ?? { name: hit.c.name, file: hit.file.path, instances: 0 };
              u.instances += i.count;
              localUse.set(key, u);
            }
          }
        } else if (i.origin === 'local') {
          const hit = componentAt(f, i.tag.split('.')[0]!);
          if (hit && rendersRawHtml(hit.c)) {
            here.local += i.count;
            const key = `${f.path}\0${hit.c.name}`;
            const u = localUse.get(key) ?? { name: hit.c.name, file: f.path, instances: 0 };
            u.instances += i.count;
            localUse.set(key, u);
          }
        }
      }
      const add = (into: Map<string, typeof here>, key: string) => {
        const t = into.get(key) ?? { designSystem: 0, local: 0, raw: 0 };
        t.designSystem += here.designSystem;
        t.local += here.local;
        t.raw += here.raw;
        into.set(key, t);
      };
      total.designSystem += here.designSystem;
      total.local += here.local;
      total.raw += here.raw;
      const parts = f.path.split('/').slice(0, -1);
      if (parts.length === 0) add(dirs, '.');
      for (let d = 1; d <= Math.min(DIRECTORY_DEPTH, parts.length); d++) add(dirs, parts.slice(0, d).join('/'));
      const o = ownersOf(f.path);
      for (const owner of o.length ? o : ['(no owner)']) add(owners, owner);
    }
    const adoption = ratio(total);
    const withRatio = <K extends string>(m: Map<string, { designSystem: number; local: number; raw: number }>, key: K) =>
      [...m.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([k, c]) => ({ [key]: k, ...c, adoption: ratio(c) }) as { [P in K]: string } & AdoptionCounts);
    const metrics: AdoptionMetrics = {
      inferred,
      source: ds.source,
      packages: ds.packages.map((p) => p.name),
      paths: ds.paths,
      files,
      ...total,
      adoption,
      byDirectory: withRatio(dirs, 'directory'),
      byOwner: withRatio(owners, 'owner'),
      topLocal: [...localUse.values()].sort((a, b) => b.instances - a.instances || (a.name < b.name ? -1 : 1)).slice(0, 20),
      topRaw: [...rawUse.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([element, instances]) => ({ element, component: ds.elements[element]!.component, instances })),
    };
    if (ds.migrations?.length) metrics.migrations = ds.migrations;
    return { findings: [], metrics, designSystemAdoption: adoption };
  },
});
