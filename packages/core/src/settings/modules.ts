import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import picomatch from 'picomatch';
import { defineSettingsProvider } from '../settings.js';
import type { FileError } from '../finding.js';

/** A tsconfig/jsconfig's path mapping, with paths relative to the root. */
export interface PathMapping {
  /** directory of the tsconfig that declares it ('' for the root) */
  dir: string;
  /** baseUrl, relative to the root ('' for the root), or null */
  baseUrl: string | null;
  /** the directory `paths` targets are relative to: baseUrl, else the declaring tsconfig's directory */
  pathsBase: string;
  paths: Record<string, string[]>;
}

/** A workspace package of the repository. */
export interface WorkspacePackage {
  name: string;
  /** directory relative to the root */
  dir: string;
  /** source entry files relative to the root (guessed from exports/main/types mapped to src, or src/index.*) */
  entries: string[];
  private: boolean;
  /** the subpath keys of its package.json `exports` map (`.`, `./icons`, `./*`); null when it has none */
  exports?: string[] | null;
  /**
   * The source files each `exports` subpath stands for: `{ subpath: './*', target: 'packages/types/*' }`,
   * root-relative stems without extensions (`*` where the key has one); a built target (`./dist/x.js`) is
   * also given as its source (`src/x`). Absent without an exports map.
   */
  exportTargets?: Array<{ subpath: string; target: string }>;
  /** whether package.json names an entry (`exports`, or `main`, `module`, `types`, `source`, `browser` as a path): a library, not only an app */
  declaresEntry?: boolean;
  /** the workspace packages it depends on (dependencies, devDependencies, peerDependencies, optionalDependencies) */
  dependencies?: string[];
}

export interface ModuleSettings {
  mappings: PathMapping[];
  packages: WorkspacePackage[];
}

const toPosix = (p: string) => p.split('\\').join('/');

/** JSON with comments and trailing commas, as tsconfig files are written. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      i = i < 0 ? n : i + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1').replace(/^\uFEFF/, ''));
}

function readJson(file: string, errors: FileError[], root: string): Record<string, unknown> | null {
  try {
    return parseJsonc(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    errors.push({ file: toPosix(relative(root, file)), message: `cannot read as JSON: ${(e as Error).message}` });
    return null;
  }
}

/** compilerOptions.baseUrl/paths of a tsconfig, following relative `extends` (a few levels). */
function compilerPaths(
  file: string,
  errors: FileError[],
  root: string,
  depth = 0,
): { baseUrl?: string; paths?: Record<string, string[]>; from: string } {
  const json = readJson(file, errors, root);
  if (!json) return { from: dirname(file) };
  const co = (json.compilerOptions ?? {}) as { baseUrl?: string; paths?: Record<string, string[]> };
  let inherited: { baseUrl?: string; paths?: Record<string, string[]>; from: string } = { from: dirname(file) };
  const ext = json.extends;
  for (const e of (Array.isArray(ext) ? ext : ext ? [ext] : []) as string[]) {
    if (depth < 4 && typeof e === 'string' && e.startsWith('.')) {
      const target = join(dirname(file), e.endsWith('.json') ? e : `${e}.json`);
      if (existsSync(target)) inherited = compilerPaths(target, errors, root, depth + 1);
    }
  }
  const out: { baseUrl?: string; paths?: Record<string, string[]>; from: string } = { from: inherited.from };
  if (co.baseUrl !== undefined) {
    out.baseUrl = join(dirname(file), co.baseUrl);
    out.from = dirname(file);
  } else if (inherited.baseUrl !== undefined) out.baseUrl = inherited.baseUrl;
  if (co.paths) {
    out.paths = co.paths;
    out.from = dirname(file);
  } else if (inherited.paths) out.paths = inherited.paths;
  // a solution-style tsconfig (Vite's template: `files: []`, `references` to tsconfig.app.json and tsconfig.node.json)
  // declares no paths of its own: the first project beside it that it references and that maps paths is the app's (a
  // monorepo's root solution referencing packages/*/tsconfig.json lends none of theirs to the whole tree)
  if (out.baseUrl === undefined && !out.paths && Array.isArray(json.references)) {
    for (const ref of json.references as Array<{ path?: unknown }>) {
      if (depth >= 4 || typeof ref?.path !== 'string' || !ref.path.endsWith('.json')) continue;
      const target = join(dirname(file), ref.path);
      if (dirname(target) !== dirname(file) || !existsSync(target)) continue;
      const referenced = compilerPaths(target, errors, root, depth + 1);
      if (referenced.baseUrl !== undefined || referenced.paths) return referenced;
    }
  }
  return out;
}

function workspaceGlobs(root: string, errors: FileError[], reportRoot = root): string[] {
  const globs: string[] = [];
  const pkg = existsSync(join(root, 'package.json')) ? readJson(join(root, 'package.json'), errors, reportRoot) : null;
  const ws = pkg?.workspaces;
  if (Array.isArray(ws)) globs.push(...(ws as string[]));
  else if (ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages))
    globs.push(...(ws as { packages: string[] }).packages);
  const pnpm = join(root, 'pnpm-workspace.yaml');
  if (existsSync(pnpm)) {
    let inPackages = false;
    for (const line of readFileSync(pnpm, 'utf8').split(/\r?\n/)) {
      if (/^packages\s*:/.test(line)) {
        inPackages = true;
        continue;
      }
      if (inPackages) {
        const m = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
        if (m) globs.push(m[1]!);
        else if (/^\S/.test(line)) inPackages = false;
      }
    }
  }
  return globs.filter((g) => !g.startsWith('!'));
}

/** The directories below `dir` (root-relative), without node_modules and hidden ones; none when it cannot be read. */
function subdirs(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => (dir ? `${dir}/${e.name}` : e.name));
  } catch {
    return [];
  }
}

/** Whether `dir` declares a workspace: package.json `workspaces`, or a pnpm-workspace.yaml. */
function declaresWorkspace(root: string, dir: string): boolean {
  if (existsSync(join(root, dir, 'pnpm-workspace.yaml'))) return true;
  try {
    const pkg = parseJsonc(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Record<string, unknown> | null;
    return !!pkg && typeof pkg === 'object' && pkg.workspaces !== undefined;
  } catch {
    return false;
  }
}

/**
 * Where the JavaScript projects of the repository start: the root when it holds a package.json, else each
 * directory within two levels that holds one (a Go or Python repository with its web app in `web/`, a
 * `clients/` workspace beside a `server/`), not looking inside a project once found. A root package.json
 * that declares no workspace (only tooling: `packageManager`, a formatter) does not hide a workspace
 * declared below it: the root and each such workspace root within two levels are projects.
 */
function projectRoots(root: string): string[] {
  const hasRoot = existsSync(join(root, 'package.json'));
  if (hasRoot && declaresWorkspace(root, '')) return [''];
  const out: string[] = hasRoot ? [''] : [];
  const walk = (dir: string, depth: number) => {
    for (const rel of subdirs(root, dir)) {
      if (existsSync(join(root, rel, 'package.json'))) {
        if (!hasRoot || declaresWorkspace(root, rel)) out.push(rel);
      } else if (depth < 1) walk(rel, depth + 1);
    }
  };
  walk('', 0);
  return out.sort();
}

/** Directories matching workspace globs (`packages/*`, `apps/**`), without walking node_modules. */
function expandDirGlobs(root: string, globs: string[]): string[] {
  const out = new Set<string>();
  const match = picomatch(globs.map((g) => g.replace(/\/$/, '')));
  const walk = (dir: string, depth: number) => {
    if (depth > 4) return;
    for (const rel of subdirs(root, dir)) {
      if (match(rel) && existsSync(join(root, rel, 'package.json'))) out.add(rel);
      walk(rel, depth + 1);
    }
  };
  walk('', 0);
  return [...out].sort();
}

/** Maps a built entry (dist/index.js) back to the source file that exists (src/index.ts). */
function sourceEntries(root: string, dir: string, pkg: Record<string, unknown>): string[] {
  const candidates: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string') candidates.push(v);
  };
  const exp = pkg.exports;
  if (typeof exp === 'string') add(exp);
  else if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.'] ?? exp;
    if (typeof dot === 'string') add(dot);
    else if (dot && typeof dot === 'object')
      for (const k of ['source', 'types', 'import', 'default', 'require']) add((dot as Record<string, unknown>)[k]);
  }
  add(pkg.source);
  add(pkg.types);
  add(pkg.typings);
  add(pkg.module);
  add(pkg.main);
  candidates.push('src/index', 'index');
  const exts = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs'];
  const found: string[] = [];
  for (const c of candidates) {
    const clean = posix.normalize(c.replace(/^\.\//, ''));
    const stems = [clean.replace(/\.(d\.ts|js|mjs|cjs|ts|tsx|jsx)$/, '')];
    if (/^(dist|lib|build|out|esm|cjs)\//.test(clean)) stems.push(stems[0]!.replace(/^(dist|lib|build|out|esm|cjs)\//, 'src/'));
    for (const stem of stems)
      for (const ext of exts) {
        const rel = `${dir ? `${dir}/` : ''}${stem}${ext}`;
        if (existsSync(join(root, rel)) && statSync(join(root, rel)).isFile() && !found.includes(rel)) found.push(rel);
      }
    if (found.length) break;
  }
  return found;
}

/** Every path string in an `exports` value (conditions and fallback arrays flattened). */
function exportPaths(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) exportPaths(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) exportPaths(x, out);
  return out;
}

/** The source stems each exports-map subpath stands for (see `WorkspacePackage.exportTargets`). */
function exportTargets(dir: string, exp: Record<string, unknown>): Array<{ subpath: string; target: string }> {
  const out: Array<{ subpath: string; target: string }> = [];
  for (const [subpath, value] of Object.entries(exp)) {
    if (!subpath.startsWith('.')) continue;
    for (const raw of exportPaths(value)) {
      if (!raw.startsWith('./')) continue;
      const stem = posix.normalize(raw.slice(2)).replace(/\.(d\.[mc]?ts|[mc]?[jt]sx?)$/, '');
      const stems = [stem];
      const built = /^(dist|lib|build|out|esm|cjs)\//.exec(stem);
      if (built) stems.push(stem.replace(built[0], 'src/'), stem.slice(built[0].length));
      for (const t of stems) {
        const target = dir ? `${dir}/${t}` : t;
        if (!out.some((o) => o.subpath === subpath && o.target === target)) out.push({ subpath, target });
      }
    }
  }
  return out;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const ENTRY_FIELDS = ['main', 'module', 'types', 'typings', 'source', 'browser'];

/**
 * How the project's modules resolve: tsconfig/jsconfig path mappings (the root's and each workspace
 * package's) and the workspace packages with their source entries. Used by the analyzer to follow
 * imports across files and packages (wrapper chains, layers, deep imports).
 */
export const provider = defineSettingsProvider<ModuleSettings>({
  name: 'modules',
  build(root) {
    const errors: FileError[] = [];
    const packages: WorkspacePackage[] = [];
    const roots = projectRoots(root);
    const dirs = roots.flatMap((p) =>
      expandDirGlobs(join(root, p), workspaceGlobs(join(root, p), errors, root)).map((d) => (p ? `${p}/${d}` : d)),
    );
    const dependsOn = new Map<WorkspacePackage, string[]>();
    for (const dir of dirs) {
      const pkg = readJson(join(root, dir, 'package.json'), errors, root);
      if (!pkg || typeof pkg.name !== 'string') continue;
      const exp = pkg.exports;
      const exportKeys =
        exp && typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'))
          ? Object.keys(exp)
          : exp
            ? ['.']
            : null;
      const ws: WorkspacePackage = {
        name: pkg.name,
        dir,
        entries: sourceEntries(root, dir, pkg),
        private: pkg.private === true,
        exports: exportKeys,
        // `browser` as an object only replaces modules for bundlers: not an entry
        declaresEntry: (exp !== undefined && exp !== null) || ENTRY_FIELDS.some((k) => typeof pkg[k] === 'string'),
      };
      // an exports object keyed by conditions only (`{ "import": ... }`) is the `.` entry's
      if (exp && typeof exp === 'object' && !Array.isArray(exp))
        ws.exportTargets = exportTargets(dir, exportKeys?.[0] === '.' && !('.' in exp) ? { '.': exp } : (exp as Record<string, unknown>));
      else if (typeof exp === 'string' || Array.isArray(exp)) ws.exportTargets = exportTargets(dir, { '.': exp });
      const deps = new Set<string>();
      for (const field of DEPENDENCY_FIELDS) {
        const d = pkg[field];
        if (d && typeof d === 'object') for (const name of Object.keys(d)) deps.add(name);
      }
      dependsOn.set(ws, [...deps]);
      packages.push(ws);
    }
    const names = new Set(packages.map((p) => p.name));
    for (const [ws, deps] of dependsOn) ws.dependencies = deps.filter((d) => names.has(d) && d !== ws.name).sort();
    const mappings: PathMapping[] = [];
    for (const dir of [...roots, ...dirs]) {
      // an Nx workspace keeps its paths in the root's tsconfig.base.json, which every project's tsconfig extends
      for (const name of ['tsconfig.json', 'jsconfig.json', ...(roots.includes(dir) ? ['tsconfig.base.json'] : [])]) {
        const file = join(root, dir, name);
        if (!existsSync(file)) continue;
        const { baseUrl, paths, from } = compilerPaths(file, errors, root);
        if (baseUrl === undefined && !paths) continue;
        mappings.push({
          dir,
          baseUrl: baseUrl !== undefined ? toPosix(relative(root, baseUrl)) : null,
          pathsBase: toPosix(relative(root, baseUrl ?? from)),
          paths: paths ?? {},
        });
        break;
      }
    }
    return { value: { mappings, packages }, errors };
  },
});
