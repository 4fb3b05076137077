import { posix } from 'node:path';
import type { CheckSettings, ModuleSettings, PathMapping, WorkspacePackage } from '@plumbline/core';

export type Resolution =
  /** a file of the project (root-relative POSIX path) */
  | { kind: 'file'; path: string; package?: string }
  /** an npm package that is not part of this repository (or a workspace package file we could not find) */
  | { kind: 'package'; name: string; subpath: string }
  /** node builtins, or nothing matched */
  | { kind: 'unresolved' };

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.css', '.scss'];

export function packageNameOf(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, n).join('/'), subpath: parts.slice(n).join('/') };
}

/**
 * Resolves import specifiers to project files, from the facts alone (the set of analysed files) and the
 * `modules` settings (tsconfig paths, workspace packages): relative paths with TS's extension rules
 * (`./a.js` -> `a.ts`, directory -> index), tsconfig `paths` and `baseUrl`, and workspace package names
 * (the entry, or a subpath inside the package). No file system access, no type checker.
 */
export class ModuleResolver {
  private readonly files: ReadonlySet<string>;
  private readonly mappings: PathMapping[];
  private readonly packages: Map<string, WorkspacePackage>;
  /** from -> specifier -> the resolution, with the path stems whose presence decided it (see `for`) */
  private readonly memo = new Map<string, Map<string, { r: Resolution; stems: string[] }>>();
  private readonly packageMemo = new Map<string, WorkspacePackage | undefined>();
  /** the stems the resolution being computed probes */
  private probed: string[] = [];

  constructor(
    files: Iterable<string>,
    private readonly settings: CheckSettings | ModuleSettings | undefined,
  ) {
    this.files = new Set(files);
    const modules = ((settings as CheckSettings | undefined)?.modules ?? settings) as ModuleSettings | undefined;
    // the most specific tsconfig first
    this.mappings = [...(modules?.mappings ?? [])].sort((a, b) => b.dir.length - a.dir.length);
    this.packages = new Map((modules?.packages ?? []).map((p) => [p.name, p]));
  }

  private static readonly shared = new WeakMap<readonly object[], ModuleResolver>();
  private static last: ModuleResolver | undefined;

  /**
   * The resolver of an analysis run: one for all the detectors that receive the same `files` array. It
   * starts from the previous run's resolutions when the settings are the same object (the snapshots of
   * `trend`, each a few files different from the last), keeping every resolution that no added or
   * removed file can change: a resolution only depends on whether the paths it probed exist.
   */
  static for(files: ReadonlyArray<{ path: string }>, settings: CheckSettings | undefined): ModuleResolver {
    const hit = ModuleResolver.shared.get(files);
    if (hit && hit.settings === settings) return hit;
    const r = new ModuleResolver(
      files.map((f) => f.path),
      settings,
    );
    const last = ModuleResolver.last;
    if (last && last.settings === settings) r.inherit(last);
    ModuleResolver.shared.set(files, r);
    ModuleResolver.last = r;
    return r;
  }

  private inherit(from: ModuleResolver): void {
    for (const [k, v] of from.packageMemo) this.packageMemo.set(k, v);
    const changed: string[] = [];
    for (const p of this.files) if (!from.files.has(p)) changed.push(p);
    for (const p of from.files) if (!this.files.has(p)) changed.push(p);
    if (changed.length > this.files.size / 2) return;
    // the stems under which a changed path is found: itself, without its extension, its directory (index files)
    const touched = new Set<string>();
    for (const p of changed) {
      touched.add(p);
      const dot = p.lastIndexOf('.');
      const slash = p.lastIndexOf('/');
      if (dot > slash) touched.add(p.slice(0, dot));
      if (/^index\./.test(p.slice(slash + 1))) touched.add(slash < 0 ? '' : p.slice(0, slash));
    }
    for (const [file, specs] of from.memo) {
      if (!this.files.has(file)) continue;
      const kept = new Map<string, { r: Resolution; stems: string[] }>();
      for (const [spec, v] of specs) if (!v.stems.some((s) => touched.has(s))) kept.set(spec, v);
      if (kept.size) this.memo.set(file, kept);
    }
  }

  /** The workspace package a project file belongs to, if any. */
  packageOf(path: string): WorkspacePackage | undefined {
    if (this.packageMemo.has(path)) return this.packageMemo.get(path);
    let best: WorkspacePackage | undefined;
    for (const p of this.packages.values()) {
      if ((p.dir === '' || path.startsWith(`${p.dir}/`)) && (!best || p.dir.length > best.dir.length)) best = p;
    }
    this.packageMemo.set(path, best);
    return best;
  }

  workspacePackage(name: string): WorkspacePackage | undefined {
    return this.packages.get(name);
  }

  /** Every workspace package, in name order (e.g. to find each package's public entry). */
  workspacePackages(): WorkspacePackage[] {
    return [...this.packages.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Tries a path stem as TypeScript would: exact, with extensions, `.js` -> `.ts`, then as a directory. */
  private probe(stem: string): string | undefined {
    const p = posix.normalize(stem).replace(/^\.\//, '');
    if (p.startsWith('..')) return undefined;
    this.probed.push(p);
    if (this.files.has(p)) return p;
    const m = /\.(m|c)?jsx?$/.exec(p);
    if (m) {
      const base = p.slice(0, -m[0].length);
      this.probed.push(base);
      for (const ext of m[1] ? [`.${m[1]}ts`] : ['.ts', '.tsx']) if (this.files.has(base + ext)) return base + ext;
    }
    for (const ext of EXTENSIONS) if (this.files.has(p + ext)) return p + ext;
    for (const ext of EXTENSIONS) if (this.files.has(`${p}/index${ext}`)) return `${p}/index${ext}`;
    return undefined;
  }

  private viaMappings(from: string, specifier: string): string | undefined {
    for (const m of this.mappings) {
      if (m.dir !== '' && !from.startsWith(`${m.dir}/`)) continue;
      for (const [pattern, targets] of Object.entries(m.paths)) {
        const star = pattern.indexOf('*');
        let captured: string | undefined;
        if (star < 0) captured = pattern === specifier ? '' : undefined;
        else {
          const pre = pattern.slice(0, star);
          const post = pattern.slice(star + 1);
          if (specifier.startsWith(pre) && specifier.endsWith(post) && specifier.length >= pre.length + post.length) {
            captured = specifier.slice(pre.length, specifier.length - post.length);
          }
        }
        if (captured === undefined) continue;
        for (const t of targets) {
          const hit = this.probe(posix.join(m.pathsBase, t.replace('*', captured)));
          if (hit) return hit;
        }
      }
      if (m.baseUrl !== null) {
        const hit = this.probe(posix.join(m.baseUrl, specifier));
        if (hit) return hit;
      }
      return undefined; // the nearest tsconfig decides
    }
    return undefined;
  }

  resolve(from: string, specifier: string): Resolution {
    let specs = this.memo.get(from);
    const memo = specs?.get(specifier);
    if (memo) return memo.r;
    this.probed = [];
    const r = this.compute(from, specifier);
    if (!specs) this.memo.set(from, (specs = new Map()));
    specs.set(specifier, { r, stems: this.probed });
    return r;
  }

  private compute(from: string, specifier: string): Resolution {
    const spec = specifier.split('?')[0]!;
    if (spec.startsWith('node:')) return { kind: 'unresolved' };
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const hit = this.probe(spec.startsWith('/') ? spec.slice(1) : posix.join(posix.dirname(from), spec));
      return hit ? this.file(hit) : { kind: 'unresolved' };
    }
    const mapped = this.viaMappings(from, spec);
    if (mapped) return this.file(mapped);
    const { name, subpath } = packageNameOf(spec);
    const ws = this.packages.get(name);
    if (ws) {
      if (!subpath) {
        const entry = ws.entries[0];
        if (entry) this.probed.push(entry);
        if (entry && this.files.has(entry)) return { kind: 'file', path: entry, package: name };
      } else {
        const prefix = ws.dir ? `${ws.dir}/` : '';
        const hit = this.probe(`${prefix}${subpath}`) ?? this.probe(`${prefix}src/${subpath.replace(/^(dist|lib|build)\//, '')}`);
        if (hit) return { kind: 'file', path: hit, package: name };
      }
    }
    return { kind: 'package', name, subpath };
  }

  private file(path: string): Resolution {
    const pkg = this.packageOf(path);
    return pkg ? { kind: 'file', path, package: pkg.name } : { kind: 'file', path };
  }
}
