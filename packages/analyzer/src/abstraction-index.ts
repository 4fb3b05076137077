import type { CheckSettings } from '@plumbline/core';
import { factsOf } from './facts.js';
import type { FileFacts } from './facts.js';
import { extractor as abstractionFacts } from './facts/abstraction.js';
import type { AbstractionFacts, CallableFact, ClassFact, ValueFact } from './facts/abstraction.js';
import { publicDeclarations } from './public-api.js';
import { ProjectSymbols } from './symbols.js';
import type { Binding } from './symbols.js';

/** One function on a wrapper chain: a project callable, or a final target known only by name. */
export class ChainNode {
  constructor(
    readonly file: string,
    /** the name as a reader knows it: `load`, `invoiceRepo.find`, `InvoiceService.load` */
    readonly display: string,
    readonly line: number,
    readonly callable?: CallableFact,
    /** what a target outside the project is: `package axios`, `an object made by a package` */
    readonly external?: string,
  ) {}

  get key(): string {
    return ChainNode.key(this.file, this.callable?.name ?? this.display);
  }

  static key(file: string, name: string): string {
    return `${file}\0${name}`;
  }
}

/**
 * The abstraction facts of all files, indexed by file and name, with name resolution across files
 * (ProjectSymbols): what a forwarder's callee is, which class a name or a field refers to.
 */
export class AbstractionIndex {
  readonly symbols: ProjectSymbols;
  private readonly byFile = new Map<string, AbstractionFacts>();
  private readonly callables = new Map<string, CallableFact>();
  private readonly classes = new Map<string, ClassFact>();
  private readonly values = new Map<string, ValueFact>();
  private readonly paths: string[];

  private static readonly shared = new WeakMap<readonly FileFacts[], AbstractionIndex>();

  /** One index per analysis run: the detectors of a run receive the same `files` array, so they share it. */
  static of(files: readonly FileFacts[], settings: CheckSettings | undefined): AbstractionIndex {
    let index = AbstractionIndex.shared.get(files);
    if (!index) {
      index = new AbstractionIndex(files, settings);
      AbstractionIndex.shared.set(files, index);
    }
    return index;
  }

  constructor(files: readonly FileFacts[], settings: CheckSettings | undefined) {
    this.symbols = new ProjectSymbols(files, settings);
    this.paths = files.map((f) => f.path);
    for (const f of files) {
      const a = factsOf(f, abstractionFacts);
      if (!a) continue;
      this.byFile.set(f.path, a);
      for (const c of a.callables) this.callables.set(ChainNode.key(f.path, c.name), c);
      for (const c of a.classes) this.classes.set(ChainNode.key(f.path, c.name), c);
      for (const v of a.values) this.values.set(ChainNode.key(f.path, v.name), v);
    }
  }

  private publicSet?: Set<string>;

  /** Declarations (`file\0name`) that outside code can import: see publicDeclarations. */
  publicApi(): Set<string> {
    this.publicSet ??= publicDeclarations(this.symbols, [...this.paths]);
    return this.publicSet;
  }

  private subpathTargets?: RegExp[];

  /**
   * Whether a file is what a subpath of a workspace package's `exports` map stands for (`./logger` ->
   * `src/logger.ts`): outside code imports it by that subpath, so it is public API too.
   */
  subpathExported(file: string): boolean {
    this.subpathTargets ??= this.symbols.resolver
      .workspacePackages()
      .flatMap((p) =>
        (p.exportTargets ?? [])
          .filter((t) => t.subpath !== '.')
          .map((t) => new RegExp(`^${t.target.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.+')}(/index)?$`)),
      );
    const stem = file.replace(/\.[cm]?[jt]sx?$/, '');
    return this.subpathTargets.some((r) => r.test(stem));
  }

  private importers?: Map<string, string[]>;

  /** The other files that import the declaration `name` of `file` (by name, through re-exports). */
  importersOf(file: string, name: string): string[] {
    if (!this.importers) {
      this.importers = new Map();
      for (const path of this.paths)
        for (const i of this.symbols.structureOf(path)?.imports ?? [])
          for (const n of i.names) (this.importers.get(n.imported) ?? this.importers.set(n.imported, []).get(n.imported)!).push(path);
    }
    return [...new Set(this.importers.get(name) ?? [])].filter((from) => {
      if (from === file) return false;
      const local =
        this.symbols
          .structureOf(from)!
          .imports.flatMap((i) => i.names)
          .find((n) => n.imported === name)?.local ?? name;
      const { binding, rest } = this.resolveDotted(from, local);
      return binding.kind === 'local' && rest.length === 0 && binding.file === file && binding.local === name;
    });
  }

  factsOf(file: string): AbstractionFacts | undefined {
    return this.byFile.get(file);
  }

  callable(file: string, name: string): CallableFact | undefined {
    return this.callables.get(ChainNode.key(file, name));
  }

  classAt(file: string, name: string): ClassFact | undefined {
    return this.classes.get(ChainNode.key(file, name));
  }

  /** Resolves the first identifier of a dotted name, then namespace members (`ns.f`, `ns.sub.f`). */
  resolveDotted(file: string, dotted: string): { binding: Binding; rest: string[] } {
    const parts = dotted.split('.');
    let binding = this.symbols.resolveLocal(file, parts[0]!);
    let rest = parts.slice(1);
    while (binding.kind === 'namespace' && rest.length) {
      binding = this.symbols.resolveExport(binding.file, rest[0]!);
      rest = rest.slice(1);
    }
    return { binding, rest };
  }

  /** The project class a (dotted) name written in `file` refers to. */
  resolveClass(file: string, dotted: string): { file: string; cls: ClassFact } | undefined {
    const { binding, rest } = this.resolveDotted(file, dotted);
    if (binding.kind !== 'local' || rest.length) return undefined;
    const cls = this.classAt(binding.file, binding.local);
    return cls ? { file: binding.file, cls } : undefined;
  }

  private node(file: string, c: CallableFact, display = c.name): ChainNode {
    return new ChainNode(file, display, c.line, c);
  }

  /**
   * What a forwarder calls: a callable of the project (function, method, object member, component), a
   * module-level value of the project (`db` of `db.query`), or, with `includePackages`, a package
   * function. Undefined when it cannot be placed (globals, parameters, deeper member paths).
   */
  forwardTarget(file: string, from: CallableFact, includePackages: boolean): ChainNode | undefined {
    const callee = from.forward?.callee;
    if (!callee) return undefined;
    const parts = callee.split('.');
    if (parts[0] === 'this') {
      const owner = from.kind === 'method' ? from.name.split('.')[0]! : undefined;
      if (!owner) return undefined;
      if (parts.length === 2) {
        const c = this.callable(file, `${owner}.${parts[1]}`);
        return c ? this.node(file, c) : undefined;
      }
      if (parts.length === 3) {
        const type = this.classAt(file, owner)?.fields[parts[1]!];
        const rc = type ? this.resolveClass(file, type) : undefined;
        const c = rc ? this.callable(rc.file, `${rc.cls.name}.${parts[2]}`) : undefined;
        return c && rc ? this.node(rc.file, c) : undefined;
      }
      return undefined;
    }
    const { binding, rest } = this.resolveDotted(file, callee);
    if (binding.kind === 'package') {
      if (!includePackages) return undefined;
      const imp = this.symbols.structureOf(file)?.imports.find((i) => i.names.some((n) => n.local === parts[0]));
      return new ChainNode(file, callee, imp?.line ?? from.line, undefined, `package ${binding.name}`);
    }
    if (binding.kind !== 'local') return undefined;
    const { file: f, local } = binding;
    const value = this.values.get(ChainNode.key(f, local));
    if (value?.origin === 'data') return undefined; // a wrapper around a collection's method encapsulates data
    if (value?.origin === 'package') {
      return includePackages
        ? new ChainNode(f, [local, ...rest].join('.'), value.line, undefined, 'an object made by a package')
        : undefined;
    }
    if (rest.length === 0) {
      const c = this.callable(f, local);
      if (c) return this.node(f, c);
      const v = this.values.get(ChainNode.key(f, local));
      return v ? new ChainNode(f, local, v.line) : undefined;
    }
    if (rest.length === 1) {
      const member = rest[0]!;
      const c = this.callable(f, `${local}.${member}`);
      if (c) return this.node(f, c);
      const v = this.values.get(ChainNode.key(f, local));
      if (!v) return undefined;
      if (v.newOf) {
        const rc = this.resolveClass(f, v.newOf);
        const m = rc ? this.callable(rc.file, `${rc.cls.name}.${member}`) : undefined;
        if (m && rc) return this.node(rc.file, m, `${local}.${member}`);
      }
      return new ChainNode(f, `${local}.${member}`, v.line);
    }
    return undefined;
  }
}
