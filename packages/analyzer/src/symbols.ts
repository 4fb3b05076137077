import type { CheckSettings } from '@plumbline/core';
import { factsOf } from './facts.js';
import type { FileFacts } from './facts.js';
import { extractor as structureFacts } from './facts/structure.js';
import type { ExportFact, ImportFact, StructureFacts } from './facts/structure.js';
import { ModuleResolver } from './resolve.js';

/** A re-export statement a name travels through on its way to its declaration. */
export interface Hop {
  file: string;
  line: number;
  specifier: string;
}

export type Binding =
  /**
   * a module-level name declared in `file` (`local` is its name there; `default` for anonymous defaults);
   * `exported`: the name `file` exports it under, when it was reached through an export
   */
  | { kind: 'local'; file: string; local: string; exported?: string; hops: Hop[] }
  /** a namespace object: `import * as ns`, `export * as ns from` */
  | { kind: 'namespace'; file: string; hops: Hop[] }
  /** an npm package (or a workspace file we could not find) */
  | { kind: 'package'; name: string; imported: string }
  | { kind: 'unresolved' };

const MAX_HOPS = 24;

type TableEntry = { kind: 'own'; fact: ExportFact } | { kind: 'via'; target: string; hop: Hop };

/** A file's imports by local name (the first import of a name wins), built once per file version. */
const importsIndex = new WeakMap<StructureFacts, Map<string, { imp: ImportFact; imported: string }>>();
function importsByLocal(s: StructureFacts): Map<string, { imp: ImportFact; imported: string }> {
  let m = importsIndex.get(s);
  if (!m) {
    m = new Map();
    for (const imp of s.imports) {
      if (imp.kind !== 'import') continue;
      for (const n of imp.names) if (!m.has(n.local)) m.set(n.local, { imp, imported: n.imported });
    }
    importsIndex.set(s, m);
  }
  return m;
}

/**
 * Follows names to their declarations across the project, from the `structure` facts alone: imports,
 * `export { x as y } from`, `export * from`, `export * as ns from`, `export default x`, through barrels,
 * tsconfig paths and workspace packages (via ModuleResolver). No type checker.
 */
export class ProjectSymbols {
  readonly resolver: ModuleResolver;
  private readonly structure = new Map<string, StructureFacts>();
  private readonly tables = new Map<string, Map<string, TableEntry>>();
  private readonly bindings = new Map<string, Binding>();

  constructor(files: readonly FileFacts[], settings: CheckSettings | undefined) {
    this.resolver = ModuleResolver.for(files, settings);
    for (const f of files) {
      const s = factsOf(f, structureFacts);
      if (s) this.structure.set(f.path, s);
    }
  }

  structureOf(file: string): StructureFacts | undefined {
    return this.structure.get(file);
  }

  /** The project file a specifier names, if any. */
  fileOf(from: string, specifier: string): string | undefined {
    const r = this.resolver.resolve(from, specifier);
    return r.kind === 'file' ? r.path : undefined;
  }

  /** What a module-level name of `file` refers to: its import, or its own declaration. */
  resolveLocal(file: string, local: string, depth = 0): Binding {
    const s = this.structure.get(file);
    if (!s) return { kind: 'unresolved' };
    const i = importsByLocal(s).get(local);
    if (i) return this.resolveImport(file, i.imp, i.imported, depth);
    return { kind: 'local', file, local, hops: [] };
  }

  private resolveImport(file: string, imp: ImportFact, imported: string, depth: number): Binding {
    const r = this.resolver.resolve(file, imp.specifier);
    if (r.kind === 'package') return { kind: 'package', name: r.name, imported };
    if (r.kind !== 'file') return { kind: 'unresolved' };
    if (imported === '*') return { kind: 'namespace', file: r.path, hops: [] };
    return this.resolveExport(r.path, imported, depth + 1);
  }

  /** Where the export `name` of `file` is declared, following re-exports; `hops` lists each re-export passed. */
  resolveExport(file: string, name: string, depth = 0): Binding {
    const key = `${file}\0${name}`;
    const memo = this.bindings.get(key);
    if (memo) return memo;
    this.bindings.set(key, { kind: 'unresolved' }); // cycles resolve to nothing
    let b: Binding = { kind: 'unresolved' };
    const e = depth > MAX_HOPS ? undefined : this.exportTable(file).get(name);
    if (e?.kind === 'via') {
      const inner = this.resolveExport(e.target, name, depth + 1);
      b = inner.kind === 'local' || inner.kind === 'namespace' ? { ...inner, hops: [e.hop, ...inner.hops] } : { kind: 'unresolved' };
    } else if (e?.kind === 'own') b = this.ownExport(file, e.fact, depth);
    this.bindings.set(key, b);
    return b;
  }

  /**
   * The names a file exports: its own export statements, then (lazily, by reference) the names of its
   * `export *` targets, never `default`. Built once per file: a barrel tree costs the sum of its tables.
   */
  private exportTable(file: string): ReadonlyMap<string, TableEntry> {
    const memo = this.tables.get(file);
    if (memo) return memo;
    const table = new Map<string, TableEntry>();
    this.tables.set(file, table); // cycles see a partial table
    const s = this.structure.get(file);
    if (!s) return table;
    for (const e of s.exports) if (e.kind !== 're-export-all' && !table.has(e.name)) table.set(e.name, { kind: 'own', fact: e });
    for (const e of s.exports) {
      if (e.kind !== 're-export-all' || !e.from) continue;
      const target = this.fileOf(file, e.from);
      if (!target) continue;
      const hop = { file, line: e.line, specifier: e.from };
      for (const name of this.exportTable(target).keys()) {
        if (name !== 'default' && !table.has(name)) table.set(name, { kind: 'via', target, hop });
      }
    }
    return table;
  }

  private ownExport(file: string, e: ExportFact, depth: number): Binding {
    const s = this.structure.get(file)!;
    const withHop = (b: Binding, hop: Hop): Binding =>
      b.kind === 'local' || b.kind === 'namespace' ? { ...b, hops: [hop, ...b.hops] } : b;
    if (e.kind === 're-export' && e.from) {
      const target = this.fileOf(file, e.from);
      const hop = { file, line: e.line, specifier: e.from };
      if (!target) {
        const r = this.resolver.resolve(file, e.from);
        return r.kind === 'package' ? { kind: 'package', name: r.name, imported: e.local ?? e.name } : { kind: 'unresolved' };
      }
      if (e.local === '*') return { kind: 'namespace', file: target, hops: [hop] };
      return withHop(this.resolveExport(target, e.local ?? e.name, depth + 1), hop);
    }
    if (e.kind === 'default' && !e.local) return { kind: 'local', file, local: 'default', exported: 'default', hops: [] };
    const local = e.local ?? e.name;
    // `import { a } from './x'; export { a }` is a re-export too
    const b = this.resolveLocal(file, local, depth);
    if (b.kind === 'local' && b.file === file) return { ...b, exported: e.name };
    const imp = importsByLocal(s).get(local)?.imp;
    return imp ? withHop(b, { file, line: e.line, specifier: imp.specifier }) : b;
  }

  /**
   * For each file, the export names through which one of `seeds` (file -> names it exports) can be
   * reached: along re-exports, `export *`, `export * as ns` and imports exported again. A superset: an
   * import of a name not in its module's set cannot lead to a seed, so it need not be resolved.
   */
  namesReaching(seeds: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
    const reach = new Map([...seeds].map(([f, names]) => [f, new Set(names)] as const));
    if (reach.size === 0) return reach;
    /** `all`: every name but default (`export *`); `any`: a namespace of the target (`export * as ns`) */
    type Edge = { file: string; kind: 'name' | 'all' | 'any'; name: string; as: string };
    const edges = new Map<string, Edge[]>();
    const link = (from: string, specifier: string, e: Edge) => {
      const target = this.fileOf(from, specifier);
      if (!target) return;
      const list = edges.get(target) ?? [];
      list.push(e);
      edges.set(target, list);
    };
    for (const [file, s] of this.structure) {
      for (const e of s.exports) {
        if (e.kind === 're-export-all') {
          if (e.from) link(file, e.from, { file, kind: 'all', name: '', as: '' });
        } else if (e.kind === 're-export') {
          if (e.from)
            link(
              file,
              e.from,
              e.local === '*' ? { file, kind: 'any', name: '', as: e.name } : { file, kind: 'name', name: e.local ?? e.name, as: e.name },
            );
        } else {
          const i = importsByLocal(s).get(e.local ?? e.name);
          if (i)
            link(
              file,
              i.imp.specifier,
              i.imported === '*' ? { file, kind: 'any', name: '', as: e.name } : { file, kind: 'name', name: i.imported, as: e.name },
            );
        }
      }
    }
    const work = [...reach.keys()];
    while (work.length) {
      const target = work.pop()!;
      const theirs = reach.get(target)!;
      for (const e of edges.get(target) ?? []) {
        const names =
          e.kind === 'all' ? [...theirs].filter((n) => n !== 'default') : e.kind === 'any' ? [e.as] : theirs.has(e.name) ? [e.as] : [];
        let mine = reach.get(e.file);
        let grew = false;
        for (const n of names) {
          if (mine?.has(n)) continue;
          if (!mine) reach.set(e.file, (mine = new Set()));
          mine.add(n);
          grew = true;
        }
        if (grew) work.push(e.file);
      }
    }
    return reach;
  }

  /**
   * Every (file, local name) exported from a file, e.g. a package's public entry, through its re-exports:
   * the declarations outside code can import.
   */
  exportedDeclarations(entry: string): Set<string> {
    const out = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const name of this.exportTable(file).keys()) {
        const b = this.resolveExport(file, name);
        if (b.kind === 'local') out.add(`${b.file}\0${b.local}`);
        else if (b.kind === 'namespace') walk(b.file);
      }
    };
    walk(entry);
    return out;
  }
}
