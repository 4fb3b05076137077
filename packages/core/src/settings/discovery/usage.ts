import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { DesignSystemAlias } from '../../design-system.js';
import { ELEMENT_COMPONENT_NAMES, isInternalSubpath } from '../../design-system.js';
import { isIconSet } from './packages.js';
import { listSources, SKIP_DIRS } from './sources.js';

/**
 * What the code imports, read once per repository: the facts the design system is inferred from by usage
 * (a component many files import, an npm design system, a workspace package), not from names or config.
 */

/** One import statement: its specifier and the local names it binds (a default import by its local name). */
export interface ImportRecord {
  spec: string;
  names: string[];
}

export interface ImportIndex {
  /** non-test source files read */
  files: number;
  byFile: Array<{ file: string; imports: ImportRecord[] }>;
}

const IMPORT = /import\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+[\w$]+)?\s*from\s*['"]([^'"]+)['"]/g;
const MAX_FILES = 50_000;

/** Every import of every non-test source file under the root (one regex pass; nothing is parsed). */
export function indexImports(root: string, isTest: (p: string) => boolean): ImportIndex {
  const byFile: ImportIndex['byFile'] = [];
  for (const file of listSources(root, '', isTest, MAX_FILES)) {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue;
    }
    const imports: ImportRecord[] = [];
    for (const m of text.matchAll(IMPORT)) {
      if (/^import\s+type\s/.test(m[0])) continue; // types are not components in use
      const names = m[1] ? [m[1]] : [];
      for (const part of (m[2] ?? '').split(',')) {
        if (/^\s*type\s/.test(part)) continue;
        const name = part.split(/\s+as\s+/)[0]!.trim();
        if (name) names.push(name);
      }
      imports.push({ spec: m[3]!, names });
    }
    byFile.push({ file, imports });
  }
  return { files: byFile.length, byFile };
}

/**
 * npm packages known to be design systems (React component libraries with their own styling). Data, not
 * code: adding one is adding an entry. A package missing here is still found when the code imports
 * element-like components from it (see `inferExternalSystems`).
 */
export const DESIGN_SYSTEM_CATALOG: readonly string[] = [
  '@mui/material',
  '@mui/joy',
  '@material-ui/core',
  '@chakra-ui/react',
  '@mantine/core',
  'antd',
  '@radix-ui/themes',
  'react-aria-components',
  '@adobe/react-spectrum',
  '@nextui-org/react',
  '@heroui/react',
  '@fluentui/react-components',
  '@fluentui/react',
  '@primer/react',
  '@shopify/polaris',
  '@atlaskit/button',
  '@saleor/macaw-ui',
  '@saleor/macaw-ui-next',
  '@tremor/react',
  '@blueprintjs/core',
  '@carbon/react',
  'react-bootstrap',
  'semantic-ui-react',
  '@elastic/eui',
  '@cloudscape-design/components',
  '@twilio-paste/core',
  'primereact',
  'rsuite',
  'grommet',
  'evergreen-ui',
  'baseui',
  '@arco-design/web-react',
  '@douyinfe/semi-ui',
  '@salt-ds/core',
  '@geist-ui/core',
  'tamagui',
  'react-native-paper',
  'native-base',
  '@rneui/base',
  '@rneui/themed',
  '@gluestack-ui/themed',
  '@ui-kitten/components',
];

/**
 * Packages whose element-named exports are not a design system: platforms (react-native), routers (Link),
 * e-mail and PDF renderers (their own styling world), headless primitives a design system wraps.
 */
const NOT_DESIGN_SYSTEMS = [
  /^react-native$/,
  /^react-native-(?!paper$)/,
  /^@react-native/,
  /^@react-email\//,
  /^(jsx-email$|@jsx-email\/|mjml($|-)|@faire\/mjml|@responsive-email\/)/,
  /^react-email$/,
  /^@react-pdf\//,
  /^next$/,
  /^react-router/,
  /^@remix-run\//,
  /^@tanstack\//,
  /^ink$/,
  /^@radix-ui\/react-/,
  /^radix-ui$/,
  /^@headlessui\//,
  /^@ark-ui\//,
  /^@base-ui-components\//,
  /^@storybook\//,
  /^@testing-library\//,
];

/** Names that say "a styled element" when several are imported from one package. */
const STRONG_NAMES = new Set([
  'Button',
  'IconButton',
  'ActionIcon',
  'Input',
  'TextInput',
  'TextField',
  'Select',
  'Textarea',
  'TextArea',
  'Modal',
  'Dialog',
  'Heading',
]);
/** The names a component replacing a raw element goes by (Button, Input, Link, ...). */
export const ELEMENT_NAMES = new Set(Object.values(ELEMENT_COMPONENT_NAMES).flat());

const packageNameOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
const isBare = (spec: string) => !spec.startsWith('.') && !spec.startsWith('/');
/** A name npm can publish: a path alias the resolver did not know (`~/components/ui`, `@/lib`, `#app`) is none. */
const isNpmName = (name: string) => /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name);

/** A package from npm the code imports components from, with how many files import each name. */
export interface ExternalSystem {
  name: string;
  /** files importing anything from it */
  importers: number;
  /** PascalCase name -> files importing it */
  components: Map<string, number>;
  via: 'catalog' | 'element names';
}

const MIN_EXTERNAL_IMPORTERS = 5;

/** npm design systems: catalogued ones imported by several files, or any whose element-like names several files import. */
export function inferExternalSystems(index: ImportIndex, isLocalPackage: (name: string) => boolean): ExternalSystem[] {
  const byPkg = new Map<string, { importers: number; components: Map<string, number> }>();
  for (const { imports } of index.byFile) {
    const seen = new Set<string>();
    for (const { spec, names } of imports) {
      if (!isBare(spec) || isLocalPackage(spec)) continue;
      const pkg = packageNameOf(spec);
      if (!isNpmName(pkg) || NOT_DESIGN_SYSTEMS.some((re) => re.test(spec))) continue;
      let entry = byPkg.get(pkg);
      if (!entry) byPkg.set(pkg, (entry = { importers: 0, components: new Map() }));
      if (!seen.has(pkg)) entry.importers++;
      seen.add(pkg);
      // names taken from the package's build or source tree (`dist/esm/props/margin.props.js`) are not
      // what its entry offers: design-system-deep-import would send them to the entry, which need not export them
      if (isInternalSubpath(spec.slice(pkg.length + 1))) continue;
      for (const n of names) {
        if (!/^[A-Z][A-Za-z0-9]*$/.test(n) || seen.has(`${pkg}\0${n}`)) continue;
        seen.add(`${pkg}\0${n}`);
        entry.components.set(n, (entry.components.get(n) ?? 0) + 1);
      }
    }
  }
  const out: ExternalSystem[] = [];
  for (const [name, { importers, components }] of byPkg) {
    if (importers < MIN_EXTERNAL_IMPORTERS) continue;
    const strong = [...components].filter(([n, files]) => STRONG_NAMES.has(n) && files >= 3).length;
    if (DESIGN_SYSTEM_CATALOG.includes(name)) out.push({ name, importers, components, via: 'catalog' });
    else if (strong >= 2) out.push({ name, importers, components, via: 'element names' });
  }
  return out.sort((a, b) => b.importers - a.importers || (a.name < b.name ? -1 : 1));
}

const EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js'];

/** The source file a root-relative module path names (`a/Button` -> `a/Button.tsx`, `a/button` -> `a/button/index.tsx`). */
function probe(root: string, base: string, cache: Map<string, string | null>): string | null {
  const hit = cache.get(base);
  if (hit !== undefined) return hit;
  let found: string | null = null;
  for (const cand of [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)]) {
    try {
      if (existsSync(join(root, cand)) && statSync(join(root, cand)).isFile()) {
        found = cand;
        break;
      }
    } catch {
      // unreadable: not a module
    }
  }
  cache.set(base, found);
  return found;
}

const under = (path: string, dir: string) => dir === '' || path === dir || path.startsWith(`${dir}/`);

/** The root-relative module an import names (relative or through a tsconfig alias), or null for packages and misses. */
export function moduleResolver(root: string, aliases: DesignSystemAlias[]): (from: string, spec: string) => string | null {
  const cache = new Map<string, string | null>();
  return (from, spec) => {
    let base: string | null = null;
    if (spec.startsWith('.')) base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.(m|c)?js$/, '');
    else {
      let best: DesignSystemAlias | undefined;
      for (const a of aliases) {
        if (!under(from, a.scope) || !spec.startsWith(a.prefix)) continue;
        if (!best || a.scope.length > best.scope.length || a.prefix.length > best.prefix.length) best = a;
      }
      if (best) base = posix.join(best.target, spec.slice(best.prefix.length));
    }
    if (base === null || base.startsWith('..')) return null;
    return probe(root, base, cache);
  };
}

/** A component module of the repository that many files import an element-named component from. */
export interface LocalPrimitive {
  /** root-relative source file */
  file: string;
  /** element-like name -> files importing it from this module */
  names: Map<string, number>;
}

/** Files that must import a second module of a design-system component's name before it is reported as a migration. */
const MIN_SECOND_MODULE = 5;

/** How many importers make a repository's own component a shared primitive: relative to the repository's size. */
export function minLocalImporters(files: number): number {
  return Math.max(8, Math.ceil(files * 0.01));
}

/** Files importing modules under each of `dirs` (a file counts once per directory). */
export function importersUnder(
  index: ImportIndex,
  resolve: (from: string, spec: string) => string | null,
  dirs: string[],
): Map<string, number> {
  const out = new Map<string, number>(dirs.map((d) => [d, 0]));
  for (const { file, imports } of index.byFile) {
    const hit = new Set<string>();
    for (const { spec, names } of imports) {
      if (!names.some((n) => /^[A-Z]/.test(n))) continue; // what a component directory is imported for
      const target = resolve(file, spec);
      if (!target) continue;
      for (const d of dirs) if (!under(file, d) && under(target, d)) hit.add(d);
    }
    for (const d of hit) out.set(d, out.get(d)! + 1);
  }
  return out;
}

/** Files importing each element-named component (Button, Input, ...) from each module of the repository: file -> name -> files. */
export function countLocalImports(
  index: ImportIndex,
  resolve: (from: string, spec: string) => string | null,
): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const { file, imports } of index.byFile) {
    const seen = new Set<string>();
    for (const { spec, names } of imports) {
      const wanted = names.filter((n) => ELEMENT_NAMES.has(n));
      if (wanted.length === 0) continue;
      if (/^[a-z]/.test(spec) && !spec.includes('/')) continue; // an npm package
      const target = resolve(file, spec);
      if (!target || target === file) continue;
      for (const n of wanted) {
        const key = `${target}\0${n}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let m = counts.get(target);
        if (!m) counts.set(target, (m = new Map()));
        m.set(n, (m.get(n) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** The repository's own modules that many files (relative to its size) import an element-named component from. */
export function inferLocalPrimitives(
  counts: Map<string, Map<string, number>>,
  files: number,
  skip: (file: string) => boolean,
  systemNames: ReadonlySet<string> = new Set(),
): LocalPrimitive[] {
  const min = minLocalImporters(files);
  const out: LocalPrimitive[] = [];
  for (const [file, names] of counts) {
    if (skip(file) || isIconSet(posix.dirname(file), null, [])) continue; // an icons folder's `Link` is a glyph
    // a second module of a name the design system has (`components/Button.tsx` beside `components/ui/button`),
    // imported by a few files, is a migration not finished; others must be shared by many files
    const kept = new Map([...names].filter(([name, n]) => n >= min || (systemNames.has(name) && n >= MIN_SECOND_MODULE)));
    if (kept.size) out.push({ file, names: kept });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** `components.json` files (shadcn/ui) and the directory each one's `aliases.ui` names, resolved through the aliases. */
export function shadcnUiDirs(
  root: string,
  configs: string[],
  aliases: DesignSystemAlias[],
  readJson: (file: string) => Record<string, unknown> | null,
): Array<{ config: string; dir: string }> {
  const out: Array<{ config: string; dir: string }> = [];
  let packages: Map<string, string> | undefined;
  for (const config of configs) {
    const json = readJson(join(root, config));
    const a = json?.aliases as Record<string, unknown> | undefined;
    if (!a) continue;
    const spec = typeof a.ui === 'string' ? a.ui : typeof a.components === 'string' ? `${a.components}/ui` : null;
    if (!spec) continue;
    const scope = posix.dirname(config) === '.' ? '' : posix.dirname(config);
    const clean = (d: string) => posix.normalize(d).replace(/\/+$/, '').replace(/^\.$/, '');
    let dir: string | null = null;
    const candidates = aliases.filter((x) => under(scope, x.scope) && spec.startsWith(x.prefix.replace(/\/$/, '')));
    candidates.sort((x, y) => y.scope.length - x.scope.length || y.prefix.length - x.prefix.length);
    for (const al of candidates) {
      const rest = spec.slice(al.prefix.replace(/\/$/, '').length).replace(/^\//, '');
      const d = clean(posix.join(al.target, rest));
      if (isDir(root, d)) {
        dir = d;
        break;
      }
    }
    // no matching alias: the path as written, from the config's directory
    const plain = spec.replace(/^[@~#]\//, '');
    if (!dir)
      for (const d of [clean(posix.join(scope, plain)), clean(posix.join(scope, 'src', plain))]) if (!dir && isDir(root, d)) dir = d;
    // or a workspace package's path by its name (`@openstatus/ui/components/ui`: the shadcn config of a ui package)
    if (!dir) {
      packages ??= workspacePackageDirs(root, readJson);
      const named = [...packages]
        .filter(([name]) => spec === name || spec.startsWith(`${name}/`))
        .sort((x, y) => y[0].length - x[0].length)[0];
      const rest = named ? spec.slice(named[0].length).replace(/^\//, '') : '';
      if (named)
        for (const d of [clean(posix.join(named[1], rest)), clean(posix.join(named[1], 'src', rest))]) if (!dir && isDir(root, d)) dir = d;
    }
    if (dir) out.push({ config, dir });
  }
  return out;
}

/** The directories of the repository's packages by name (every package.json found, dependencies and build output skipped). */
function workspacePackageDirs(root: string, readJson: (file: string) => Record<string, unknown> | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of findNamed(root, 'package.json')) {
    const name = readJson(join(root, file))?.name;
    if (typeof name === 'string' && !out.has(name)) out.set(name, posix.dirname(file) === '.' ? '' : posix.dirname(file));
  }
  return out;
}

/** Files of a name under the root (depth-limited, skipping dependencies and build output), root-relative. */
export function findNamed(root: string, name: string, maxDepth = 4): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isFile() && e.name === name) out.push(p);
      else if (e.isDirectory() && depth < maxDepth && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p, depth + 1);
    }
  };
  walk('', 0);
  return out.sort();
}

function isDir(root: string, dir: string): boolean {
  try {
    return statSync(join(root, dir)).isDirectory();
  } catch {
    return false;
  }
}

/** Files importing element-named components from workspace packages (`name\0specifier` -> files) and each package (-> files). */
export interface ImportCounts {
  byName: Map<string, number>;
  byPackage: Map<string, number>;
}

/** Counts, over the index, the files importing element-named components from the given packages. */
export function packageImportCounts(index: ImportIndex, pkgNames: string[]): ImportCounts {
  const byName = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const names = [...pkgNames].sort((a, b) => b.length - a.length);
  const packageOf = (spec: string) => names.find((n) => spec === n || spec.startsWith(`${n}/`));
  for (const { imports } of index.byFile) {
    const seen = new Set<string>();
    for (const { spec, names: imported } of imports) {
      const pkg = packageOf(spec);
      if (!pkg) continue;
      if (!seen.has(pkg)) byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
      seen.add(pkg);
      for (const name of imported) {
        const key = `${name}\0${spec}`;
        if (!ELEMENT_NAMES.has(name) || seen.has(key)) continue;
        seen.add(key);
        byName.set(key, (byName.get(key) ?? 0) + 1);
      }
    }
  }
  return { byName, byPackage };
}
