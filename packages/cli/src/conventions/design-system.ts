import { ModuleResolver } from '@plumbline/analyzer';
import type { FileFacts } from '@plumbline/analyzer';
import { designSystemOf, designSystemPackageOf, isDesignSystemFile } from '@plumbline/core';
import type { DesignSystemComponent, DesignSystemSettings } from '@plumbline/core';
import { dataOf } from './analysis.js';
import type { Analysis } from './analysis.js';

interface InstanceFacts {
  instances: Array<{ tag: string; count: number; origin: string; from?: string; imported?: string }>;
}
interface ComponentFacts {
  components: Array<{ name: string; exported: boolean; line: number; startLine: number; rootElement: string | null }>;
}
const instancesOf = (f: FileFacts) => dataOf<InstanceFacts>(f, 'jsx-instances')?.instances ?? [];
const componentsOf = (f: FileFacts) => dataOf<ComponentFacts>(f, 'components')?.components ?? [];

/** A local component that re-implements a design-system component (the design-system-shadow detector's finding). */
export interface LocalVariant {
  name: string;
  file: string;
  line: number;
}

/** One design-system component as this repository uses it. */
export interface ComponentUse {
  component: DesignSystemComponent;
  /** JSX instances outside the design system, and the files holding them */
  instances: number;
  files: number;
  /** the import specifier most of those files write (how this codebase imports it) */
  importAs: string;
  /** where it is declared in this repository, when its source is here */
  declaredIn?: { file: string; line: number };
  /** raw elements it replaces (`button`, `h1`), from the design system's element map */
  replaces: string[];
  /** local re-implementations to avoid */
  localVariants: LocalVariant[];
}

export interface DesignSystemUsage {
  ds: DesignSystemSettings;
  /** components by instances, most used first (ties by name) */
  components: ComponentUse[];
}

/** The local variants per design-system component name, from the `design-system-shadow` findings of the analysis. */
export function localVariants(analysis: Analysis): Map<string, LocalVariant[]> {
  const out = new Map<string, LocalVariant[]>();
  const byPath = new Map(analysis.facts.map((f) => [f.path, f]));
  const nameAt = (file: string, line: number) => componentsOf(byPath.get(file)!).find((c) => c.line === line)?.name ?? null;
  const ds = designSystemOf(analysis.settings);
  for (const f of analysis.result.findings) {
    if (f.ruleId !== 'design-system-shadow' || !ds) continue;
    const target = /the design system's `([^`]+)`/.exec(f.message)?.[1];
    if (!target) continue;
    const places = [{ file: f.file, line: f.line }, ...f.related].filter((p) => !isDesignSystemFile(ds, p.file) && byPath.has(p.file));
    const list = out.get(target) ?? [];
    for (const p of places) {
      const name = nameAt(p.file, p.line);
      if (name && !list.some((v) => v.file === p.file && v.line === p.line)) list.push({ name, file: p.file, line: p.line });
    }
    out.set(
      target,
      list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
    );
  }
  return out;
}

/** Counts every design-system component's JSX instances outside the design system and how the files import it. */
export function designSystemUsage(analysis: Analysis): DesignSystemUsage | null {
  const ds = designSystemOf(analysis.settings);
  if (!ds || ds.components.length === 0) return null;
  const facts = analysis.facts;
  const resolver = new ModuleResolver(
    facts.map((f) => f.path),
    analysis.settings,
  );
  const isDsImport = (from: string, spec: string) => {
    if (designSystemPackageOf(ds, spec)) return true;
    const r = resolver.resolve(from, spec);
    return r.kind === 'file' && isDesignSystemFile(ds, r.path);
  };
  const tally = new Map<string, { instances: number; files: Set<string>; specs: Map<string, number> }>();
  for (const f of facts) {
    if (f.isTestFile || isDesignSystemFile(ds, f.path)) continue;
    for (const i of instancesOf(f)) {
      if (i.origin !== 'import' || !i.from || !i.imported || !isDsImport(f.path, i.from)) continue;
      const name = i.imported === 'default' ? i.tag.split('.').pop()! : i.imported;
      const t = tally.get(name) ?? { instances: 0, files: new Set<string>(), specs: new Map<string, number>() };
      t.instances += i.count;
      t.files.add(f.path);
      t.specs.set(i.from, (t.specs.get(i.from) ?? 0) + 1);
      tally.set(name, t);
    }
  }
  const declared = declarations(ds, facts);
  const variants = localVariants(analysis);
  const uses: ComponentUse[] = [];
  const seen = new Set<string>();
  for (const c of ds.components) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const t = tally.get(c.name);
    const specs = [...(t?.specs ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    uses.push({
      component: c,
      instances: t?.instances ?? 0,
      files: t?.files.size ?? 0,
      importAs: specs[0]?.[0] ?? c.importFrom,
      ...(declared.has(c.name) ? { declaredIn: declared.get(c.name)! } : {}),
      replaces: Object.entries(ds.elements)
        .filter(([, e]) => e.component === c.name && e.importFrom === c.importFrom)
        .map(([el]) => el)
        .sort(),
      localVariants: variants.get(c.name) ?? [],
    });
  }
  uses.sort((a, b) => b.instances - a.instances || (a.component.name < b.component.name ? -1 : 1));
  return { ds, components: uses };
}

/** Where each exported component of the design system's own files is declared. */
function declarations(ds: DesignSystemSettings, facts: readonly FileFacts[]): Map<string, { file: string; line: number }> {
  const out = new Map<string, { file: string; line: number }>();
  for (const f of facts) {
    if (!isDesignSystemFile(ds, f.path) || f.isTestFile) continue;
    for (const c of componentsOf(f))
      if (c.exported && c.name !== 'default' && !out.has(c.name)) out.set(c.name, { file: f.path, line: c.line });
  }
  return out;
}
