/**
 * Loads a project's design tokens from configured or discovered files: DTCG / Style Dictionary JSON,
 * CSS/SCSS custom properties and Sass variables (Tailwind v4 `@theme` included) and Tailwind v3 configs.
 * References between CSS variables (`var(--x)`), and from Tailwind configs into CSS variables
 * (`hsl(var(--background))`), are resolved across files. Problems are errors naming the file and the
 * token; the tokens that did load are kept.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { cssTokenDefinitions } from './css.js';
import type { CssTokenDefinition } from './css.js';
import { expandChannelTriplet, isChannelTriplet, tokenFamily } from './family.js';
import { loadJsonTokens, MAX_ALIAS_DEPTH } from './json.js';
import { readTailwindConfig, tailwindDefaultTokens, TAILWIND_V4_PREFIXES } from './tailwind.js';
import type { DesignToken, ReplacementTemplates, TokenLoadError, TokenPackage, TokenSettings } from './types.js';
import { packageOf, resolvePackages } from './packages.js';
import { satelliteScope } from './places.js';
import { scopeOverriddenDefaults } from './overrides.js';
import { lengthCalc, MAX_PRESET_FILES, presetFiles } from './config-modules.js';
import { buildScopes, stylesheetSetsRootFont } from './root-font.js';
import { forEachScript } from './scripts-walk.js';
import { isThemeScript, loadTsThemes } from './ts-theme.js';
import type { TypeScript } from '../check.js';
import type { PackageManifest } from './packages.js';

const MAX_TOKEN_FILE_BYTES = 2 * 1024 * 1024;
/** How deep discovery looks for token files. */
const MAX_DISCOVERY_DEPTH = 8;
/** Rounds of `var()` substitution (a reference to a reference to a value). */
const MAX_SUBSTITUTION_ROUNDS = 3;
const TAILWIND_V4_MAJOR = 4;
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.vercel',
  '.output',
  '.git',
  'vendor',
  'vendors',
  'third_party',
  'storybook-static',
  '.plumbline',
  'generated',
  '__generated__',
]);

const TAILWIND_CONFIG = /^tailwind\.config\.(js|cjs|mjs|ts|cts|mts)$/;
/** JSON token files: `tokens.json`, `design-tokens.json`, `*.tokens.json`, `*.tokens`, and JSON under a `tokens/` folder. */
const JSON_TOKENS = /(^|[.\-_])(design-)?tokens?\.json$|\.tokens$/i;
/** Stylesheets that are token files by name: all their custom properties count, scoped ones too. */
const CSS_TOKEN_NAMES =
  /^_?(tokens|design-tokens|theme|themes|variables|vars|colors|colours|palette|custom-properties|globals?|root)\.(s?css)$/i;

/** The last word of a token name is a step of a scale: `--space-4`, `--radius-lg`, `--font-size-2xl`, `--text-base`. */
export function isScaleStep(path: string): boolean {
  const last = path.split(/[-_.]/).filter(Boolean).pop() ?? '';
  return /^(\d+(\.\d+)?|\d*x+[sl]|xs|sm|md|lg|xl|base|small|medium|large|tiny|huge|none|full|default|px|half|s|m|l|xxs|xxl|normal|tight|snug|relaxed|loose|wide|wider|widest|tighter)$/i.test(
    last,
  );
}

const LENGTH_FAMILIES = new Set(['spacing', 'sizing', 'radius', 'font-size', 'line-height', 'letter-spacing', 'dimension', 'breakpoint']);

export interface DiscoveredTokenFiles {
  files: string[];
  /** stylesheets not token files by name, read for root-level custom properties and @theme */
  stylesheets: string[];
  /** the highest tailwindcss major version declared in a package.json, if any */
  tailwindDependency: 3 | 4 | null;
  /** the workspace packages found (folders with a package.json) */
  packages?: PackageManifest[];
  /** TypeScript theme and palette modules by their names, and declaration files (for a theme augmentation) */
  scripts: string[];
}

/**
 * Walks the project (no node_modules, build output, test folders; at most `maxFiles` entries) for token
 * files by their common names and places.
 */
export function discoverTokenFiles(root: string, testFiles: readonly string[], maxFiles = 20000): DiscoveredTokenFiles {
  const isTest = testFiles.length ? picomatch(testFiles as string[], { dot: true }) : () => false;
  const files: string[] = [];
  const stylesheets: string[] = [];
  const scripts: string[] = [];
  let tailwindDependency: 3 | 4 | null = null;
  const packages: PackageManifest[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number, inTokensDir: boolean): void => {
    if (depth > MAX_DISCOVERY_DEPTH || seen > maxFiles) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      seen++;
      const abs = join(dir, e.name);
      const rel = relative(root, abs).split('\\').join('/');
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.') || isTest(`${rel}/x`)) continue;
        walk(abs, depth + 1, inTokensDir || /^(design-)?tokens$/i.test(e.name));
        continue;
      }
      if (!e.isFile() || isTest(rel)) continue;
      if (e.name === 'package.json') {
        const manifest = readManifest(abs, rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
        if (manifest) packages.push(manifest);
        const major = manifest?.tailwind ?? null;
        if (major && (!tailwindDependency || major > tailwindDependency)) tailwindDependency = major;
      } else if (
        TAILWIND_CONFIG.test(e.name) ||
        JSON_TOKENS.test(e.name) ||
        (inTokensDir && /\.json$/i.test(e.name) && !/^(package|tsconfig.*|project)\.json$/.test(e.name))
      ) {
        files.push(rel);
      } else if (CSS_TOKEN_NAMES.test(e.name)) files.push(rel);
      else if (isThemeScript(rel) || /\.d\.ts$/.test(e.name)) scripts.push(rel);
      else if (/\.(s?css)$/i.test(e.name) && !/\.module\.s?css$/i.test(e.name)) stylesheets.push(rel);
    }
  };
  walk(resolve(root), 0, false);
  // pnpm catalogs: `"tailwindcss": "catalog:"` takes its version from pnpm-workspace.yaml
  const catalog = catalogTailwind(root);
  if (catalog) {
    for (const p of packages) if (p.tailwindCatalog) p.tailwind = catalog;
    if (packages.some((p) => p.tailwindCatalog) && (!tailwindDependency || catalog > tailwindDependency)) tailwindDependency = catalog;
  }
  for (const p of packages) delete p.tailwindCatalog;
  return { files: files.sort(), stylesheets: stylesheets.sort(), tailwindDependency, packages, scripts: scripts.sort() };
}

function catalogTailwind(root: string): 3 | 4 | null {
  try {
    const text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
    const m = /^\s+["']?tailwindcss["']?\s*:\s*["']?[\^~>=v]*(\d+)/m.exec(text);
    return m ? (Number(m[1]) >= TAILWIND_V4_MAJOR ? 4 : 3) : null;
  } catch {
    return null;
  }
}

/** A package.json: its name, dependencies and declared tailwindcss major version ("catalog:" and the like: unknown). */
function readManifest(packageJson: string, dir: string): PackageManifest | null {
  try {
    const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
    const deps: Record<string, string> = {};
    for (const k of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const d = pkg[k];
      if (d && typeof d === 'object') for (const [n, v] of Object.entries(d as Record<string, unknown>)) deps[n] = String(v);
    }
    const spec = deps.tailwindcss;
    const m = spec ? /(\d+)/.exec(spec) : null;
    const tailwind: 3 | 4 | undefined = m ? (Number(m[1]) >= TAILWIND_V4_MAJOR ? 4 : 3) : undefined;
    return {
      dir,
      ...(spec?.startsWith('catalog:') ? { tailwindCatalog: true } : {}),
      ...(typeof pkg.name === 'string' ? { name: pkg.name } : {}),
      deps: Object.keys(deps),
      ...(tailwind ? { tailwind } : {}),
    };
  } catch {
    return null;
  }
}

const VAR_RE = /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g;

/** Resolves `var(--x)` and `$x` references among CSS definitions; cycles are errors. */
class CssResolver {
  private readonly byName = new Map<string, CssTokenDefinition>();
  private readonly resolved = new Map<string, string | null>();
  readonly errors: TokenLoadError[] = [];

  constructor(defs: readonly CssTokenDefinition[]) {
    // the default theme wins; among equals, the first file (sorted) wins
    for (const d of defs) {
      const cur = this.byName.get(d.name);
      if (!cur || (cur.mode && !d.mode)) this.byName.set(d.name, d);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The value of a variable with references substituted; null when it depends on something unknown. */
  valueOf(name: string, stack: string[] = []): string | null {
    if (this.resolved.has(name)) return this.resolved.get(name)!;
    const def = this.byName.get(name);
    if (!def) return null;
    if (stack.includes(name)) {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      this.errors.push({ file: def.file, message: `token "${cycle[0]}": alias cycle: ${cycle.join(' -> ')}` });
      this.resolved.set(name, null);
      return null;
    }
    if (stack.length >= MAX_ALIAS_DEPTH) {
      // a chain this long is hostile or generated: stop before the call stack does (one error per run)
      if (!this.errors.some((e) => e.message.includes('alias chain deeper'))) {
        this.errors.push({
          file: def.file,
          message: `token "${stack[0]}": alias chain deeper than ${MAX_ALIAS_DEPTH} references (${stack.slice(0, 3).join(' -> ')} -> …)`,
        });
      }
      return null;
    }
    const v = this.substitute(def.value, [...stack, name]);
    this.resolved.set(name, v);
    return v;
  }

  /** Substitutes references in any value (a definition's or a Tailwind config's). */
  substitute(value: string, stack: string[] = []): string | null {
    let failed = false;
    let out = value;
    for (let round = 0; round < MAX_SUBSTITUTION_ROUNDS && /var\(/.test(out); round++) {
      out = out.replace(VAR_RE, (_w, ref: string, fallback: string | undefined) => {
        const v = this.valueOf(ref, stack);
        if (v !== null) return v;
        if (fallback !== undefined && !this.byName.has(ref)) return fallback.trim();
        failed = true;
        return '';
      });
    }
    out = out.replace(/\$([\w-]+)/g, (w, ref: string) => {
      const v = this.byName.has(`$${ref}`) ? this.valueOf(`$${ref}`, stack) : null;
      if (v === null) failed = true;
      return v ?? w;
    });
    return failed ? null : out.trim();
  }

  aliasOf(value: string): string | undefined {
    const m = /^\s*var\(\s*(--[\w-]+)\s*\)\s*$/.exec(value) ?? /^\s*\$([\w-]+)\s*$/.exec(value);
    if (!m) return undefined;
    return m[1]!.startsWith('--') ? m[1]!.slice(2) : m[1];
  }
}

function tailwindKeyOf(name: string): { namespace: string; key: string; family: DesignToken['family'] } | undefined {
  if (name.slice(2).includes('--')) return undefined; // --text-sm--line-height
  for (const p of TAILWIND_V4_PREFIXES) {
    if (name.startsWith(p.prefix) && name.length > p.prefix.length)
      // `--spacing-3\.5` is the key `3.5` (a CSS escape), the class `p-3.5`
      return { namespace: p.namespace, key: name.slice(p.prefix.length).replace(/\\(.)/g, '$1'), family: p.family };
  }
  return undefined;
}

function readText(root: string, file: string, errors: TokenLoadError[]): string | null {
  const abs = resolve(root, file);
  try {
    const st = statSync(abs);
    if (!st.isFile()) {
      errors.push({ file, message: 'token file is not a file' });
      return null;
    }
    if (st.size > MAX_TOKEN_FILE_BYTES) {
      errors.push({ file, message: `token file too large (${(st.size / 1024 / 1024).toFixed(1)} MB)` });
      return null;
    }
    return readFileSync(abs, 'utf8');
  } catch (e) {
    errors.push({ file, message: `token file cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return null;
  }
}

export interface LoadTokensOptions {
  /** token files, relative to root (explicit: config `tokens`, or discovered) */
  files: readonly string[];
  /** other stylesheets: only their root-level custom properties and @theme blocks count (discovery) */
  stylesheets?: readonly string[];
  templates?: ReplacementTemplates;
  tailwindDependency?: 3 | 4 | null;
  /** workspace packages (discovery): tokens then apply per package, and Tailwind's version is read per package */
  packages?: readonly PackageManifest[];
  /** TypeScript theme modules and declaration files (see loadTsThemes), read when `ts` is given */
  scripts?: readonly string[];
  ts?: TypeScript | null;
}

/** Variables that code sets at run time (`style.setProperty('--x', ...)`, `{ '--x': color }`) are theme inputs: dropped. */
function dropRuntimeVariables(root: string, tokens: DesignToken[], packages: readonly PackageManifest[]): void {
  const files = tokens.filter((t) => t.cssVar && !t.file.includes(':')).map((t) => t.file);
  const runtime = runtimeVariables(root, [...new Set(files)], packages);
  if (!runtime.size) return;
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.cssVar && runtime.has(tokens[i]!.cssVar!)) tokens.splice(i, 1);
}

/** How many script files of token-defining packages are read for variables set at run time. */
const MAX_RUNTIME_SCAN_FILES = 3000;

/**
 * CSS variables whose names the scripts of the packages that define them write as a string (`'--fb-brand'`):
 * a widget's per-customer theming sets them at run time, so they are inputs, not tokens to suggest.
 */
function runtimeVariables(root: string, tokenFiles: readonly string[], packages: readonly PackageManifest[]): Set<string> {
  const dirs = new Set<string>();
  for (const f of tokenFiles) {
    const p = packageOf(packages, f);
    dirs.add(p ? p.dir : (satelliteScope(f) ?? f.slice(0, Math.max(0, f.lastIndexOf('/')))));
  }
  const names = new Set<string>();
  const walk = {
    maxFiles: MAX_RUNTIME_SCAN_FILES,
    maxDepth: MAX_DISCOVERY_DEPTH,
    skip: SKIP_DIRS,
    maxBytes: MAX_TOKEN_FILE_BYTES,
    stopAtPackages: true,
  };
  forEachScript(root, [...dirs], walk, (_file, text) => {
    if (!text.includes('--')) return;
    // reading a variable (`getPropertyValue('--x')`) does not make it an input
    for (const m of text.matchAll(/(getPropertyValue\(\s*)?['"`](--[A-Za-z][\w-]*)['"`]/g)) if (!m[1]) names.add(m[2]!);
  });
  return names;
}

/** Gives each token the docs site or example it belongs to, and its workspace package. */
function placeTokens(tokens: DesignToken[], packages: readonly TokenPackage[] | undefined): void {
  for (const t of tokens) {
    if (t.file.includes(':')) continue;
    const scope = satelliteScope(t.file);
    if (scope) t.scope = scope;
    const pkg = packages ? packageOf(packages, t.file) : undefined;
    if (pkg?.dir) t.pkg = pkg.dir;
  }
}

/** Loads tokens from files; the result is plain JSON (check settings). */
export function loadTokens(root: string, options: LoadTokensOptions): { settings: TokenSettings; errors: TokenLoadError[] } {
  const errors: TokenLoadError[] = [];
  const tokens: DesignToken[] = [];
  const cssDefs: CssTokenDefinition[] = [];
  const loadedFiles = new Set<string>();
  const tailwindTokens: DesignToken[] = [];
  const replaced = new Set<string>();
  /** configs whose theme keys come from something unread: no default step of those scales where they apply */
  const unknownScales: Array<{ file: string; keys: string[] }> = [];
  let tailwindV4 = false;
  const v4Files: string[] = [];
  const v3Configs: string[] = [];
  const rootFontFiles: string[] = [];

  const queue = [...options.files];
  const scripts = [...(options.scripts ?? [])];
  const presets = new Set<string>();
  for (const file of queue) {
    const text = readText(root, file, errors);
    if (text === null) continue;
    const name = file.split('/').pop()!;
    if (/\.json$|\.tokens$/i.test(name)) {
      const r = loadJsonTokens(text, file);
      errors.push(...r.errors);
      tokens.push(...r.tokens);
      if (r.tokens.length) loadedFiles.add(file);
    } else if (/\.s?css$/i.test(name)) {
      const r = cssTokenDefinitions(text, file, true);
      if (r.error) errors.push({ file, message: r.error });
      if (stylesheetSetsRootFont(text)) rootFontFiles.push(file);
      cssDefs.push(...r.definitions);
      tailwindV4 ||= r.tailwindV4;
      if (r.tailwindV4) v4Files.push(file);
      if (r.definitions.length) loadedFiles.add(file);
    } else if (!TAILWIND_CONFIG.test(name) && !presets.has(file) && isThemeScript(file)) {
      scripts.push(file); // a theme or palette module named in the config
    } else if (TAILWIND_CONFIG.test(name) || /\.(c|m)?(j|t)s$/.test(name)) {
      const preset = presets.has(file);
      if (!preset) v3Configs.push(file);
      const r = readTailwindConfig(text, file);
      tailwindTokens.push(...r.tokens);
      for (const k of r.replaced) replaced.add(k);
      if (!preset || r.tokens.length) loadedFiles.add(file);
      // `presets: [require('@acme/tailwind-config')]`, `uiConfig({...})`: the theme lives in a workspace module
      const followed = presetFiles(root, text, file, options.packages ?? []);
      // `{ ...coreConfig }` of a module not followed: its scales are unknown (tailwind.ts)
      if (!preset && r.unknown.length && followed.length === 0) unknownScales.push({ file, keys: r.unknown });
      for (const f of followed) {
        if (queue.includes(f) || queue.length > options.files.length + MAX_PRESET_FILES) continue;
        presets.add(f);
        queue.push(f);
      }
    } else {
      errors.push({ file, message: 'unsupported token file (expected .json, .tokens, .css, .scss or tailwind.config.*)' });
    }
  }
  for (const file of options.stylesheets ?? []) {
    const text = readText(root, file, errors);
    if (text === null) continue;
    const r = cssTokenDefinitions(text, file, false);
    if (stylesheetSetsRootFont(text)) rootFontFiles.push(file);
    // a stylesheet that cannot be parsed is reported by the scan itself; here it only adds nothing
    const defining = r.definitions.filter((d) => d.name.startsWith('--'));
    if (r.tailwindV4) v4Files.push(file);
    if (r.tailwindV4 || defining.length >= 3) {
      cssDefs.push(...defining);
      tailwindV4 ||= r.tailwindV4;
      loadedFiles.add(file);
    }
  }

  const resolver = new CssResolver(cssDefs);
  /** tokens whose dark-theme value cannot be read (`#{$gray-4}`): their default value is no dark token */
  const darkUnknown = new Set<string>();
  let spacingBase = 0.25;
  for (const d of cssDefs) {
    const raw = resolver.valueOf(d.name) ?? null;
    const value = d.mode ? resolver.substitute(d.value) : raw;
    if (value === null || value === '' || /var\(|\$\{/.test(value)) {
      if (d.mode && /dark/i.test(d.mode)) darkUnknown.add(d.name.replace(/^--|^\$/, ''));
      continue;
    }
    const path = d.name.replace(/^--|^\$/, '');
    const triplet = isChannelTriplet(value);
    const expanded = triplet ? expandChannelTriplet(value) : value;
    if (d.theme && d.name === '--spacing') {
      const m = /^([\d.]+)rem$/.exec(value);
      if (m) spacingBase = Number(m[1]);
    }
    const tw = d.theme ? tailwindKeyOf(d.name) : undefined;
    const alias = resolver.aliasOf(d.value);
    let family = tw && tw.family !== 'other' ? tw.family : tokenFamily(path, expanded);
    // an untyped custom property is a scale step only by its name: `--space-4` is, `--header-height` and `--space-factor` are not
    if (!tw && LENGTH_FAMILIES.has(family) && (!isScaleStep(path) || /factor|multiplier|ratio|coefficient/i.test(path))) family = 'other';
    tokens.push({
      path,
      value: expanded,
      family,
      file: d.file,
      ...(d.name.startsWith('--') ? { cssVar: d.name } : { scssVar: d.name }),
      ...(alias ? { aliasOf: alias } : {}),
      ...(d.mode ? { mode: d.mode } : {}),
      ...(tw ? { tailwind: { namespace: tw.namespace, key: tw.key } } : {}),
      ...(triplet ? { channels: expanded.startsWith('hsl') ? ('hsl' as const) : ('rgb' as const) } : {}),
    });
  }
  errors.push(...resolver.errors);
  for (const t of tokens) if (!t.mode && darkUnknown.has(t.path)) t.darkUnknown = true;

  for (const t of tailwindTokens) {
    const value = /var\(/.test(t.value) ? lengthCalc(resolver.substitute(t.value)) : t.value;
    if (value === null || value === '' || /var\(|theme\(/.test(value)) continue;
    // `hsl(var(--background))`, `rgb(var(--muted) / <alpha-value>)`: the theme key stands for that variable
    const refs = [...t.value.matchAll(/var\(\s*--([\w-]+)\s*(?:,[^()]*)?\)/g)];
    const alias = refs.length === 1 && resolver.has(`--${refs[0]![1]}`) ? refs[0]![1] : undefined;
    tokens.push({ ...t, value, ...(alias ? { aliasOf: alias } : {}) });
  }

  // a theme key the config or a v4 @theme sets is not Tailwind's default where that theme applies (overrides.ts)
  const overriders = [...tailwindTokens, ...tokens.filter((t) => t.tailwind && !t.mode)];
  const version: 3 | 4 | null = tailwindV4 ? 4 : (options.tailwindDependency ?? (v3Configs.length ? 3 : null));
  const packages = options.packages?.length ? resolvePackages(options.packages, tokens, v4Files, v3Configs) : undefined;
  if (version)
    tokens.push(...scopeOverriddenDefaults(defaultsOf(version, packages, replaced, spacingBase), overriders, packages, unknownScales));

  dropRuntimeVariables(root, tokens, options.packages ?? []);
  if (options.ts && scripts.length) {
    const themes = loadTsThemes(options.ts, scripts, (f) => readText(root, f, errors));
    tokens.push(...themes.tokens);
    for (const f of themes.files) loadedFiles.add(f);
  }

  placeTokens(tokens, packages);
  const builds = version ? buildScopes(root, rootFontFiles, { v3Configs, v4Files }, options.packages ?? []) : null;
  tokens.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : (a.mode ?? '') < (b.mode ?? '') ? -1 : 1,
  );
  return {
    settings: {
      files: [...loadedFiles].sort(),
      tokens,
      templates: options.templates ?? {},
      tailwind: version ? { version } : null,
      ...(packages ? { packages } : {}),
      ...(builds?.rem.length ? { remScopes: builds.rem } : {}),
      ...(builds?.arbitraryLengths.length ? { arbitraryLengthScopes: builds.arbitraryLengths } : {}),
    },
    errors,
  };
}

/** Expands configured token entries: plain paths as they are, globs against the project's files. */
export function expandTokenEntries(root: string, entries: readonly string[]): { files: string[]; errors: TokenLoadError[] } {
  const files: string[] = [];
  const errors: TokenLoadError[] = [];
  const globs = entries.filter((e) => /[*?{[]/.test(e));
  for (const e of entries) {
    if (globs.includes(e)) continue;
    if (!existsSync(resolve(root, e))) errors.push({ file: e, message: 'token file not found (config "tokens")' });
    else files.push(e.split('\\').join('/').replace(/^\.\//, ''));
  }
  if (globs.length) {
    const match = picomatch(globs, { dot: true });
    const found: string[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 10) return;
      let entriesHere;
      try {
        entriesHere = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const d of entriesHere) {
        if (d.isDirectory()) {
          if (!SKIP_DIRS.has(d.name)) walk(join(dir, d.name), depth + 1);
        } else if (d.isFile()) {
          const rel = relative(root, join(dir, d.name)).split('\\').join('/');
          if (match(rel)) found.push(rel);
        }
      }
    };
    walk(resolve(root), 0);
    if (found.length === 0) errors.push({ file: globs.join(', '), message: 'no token file matches (config "tokens")' });
    files.push(...found.sort());
  }
  return { files: [...new Set(files)], errors };
}

/** Tailwind's defaults of the project's version, or of each package's version when they differ. */
function defaultsOf(version: 3 | 4, packages: readonly TokenPackage[] | undefined, replaced: ReadonlySet<string>, spacingBase: number) {
  const versions = new Set((packages ?? []).map((p) => p.tailwind).filter((v): v is 3 | 4 => !!v));
  if (versions.size > 1) return mixedDefaults(replaced, spacingBase);
  return tailwindDefaultTokens(versions.size === 1 ? [...versions][0]! : version, replaced, spacingBase);
}

/**
 * Tailwind's defaults for a repository with v3 and v4 packages: a step that both versions have with the
 * same value applies everywhere, the others only in packages of their version.
 */
function mixedDefaults(replaced: ReadonlySet<string>, spacingBase: number): DesignToken[] {
  const v3 = tailwindDefaultTokens(3, replaced, spacingBase);
  const v4 = tailwindDefaultTokens(4, replaced, spacingBase);
  const key = (t: DesignToken) => `${t.path}\0${t.value}`;
  const in3 = new Set(v3.map(key));
  const in4 = new Set(v4.map(key));
  return [
    ...v3.map((t) => (in4.has(key(t)) ? t : { ...t, tailwindVersion: 3 as const })),
    ...v4.filter((t) => !in3.has(key(t))).map((t) => ({ ...t, tailwindVersion: 4 as const })),
  ];
}

export type { TokenPackage };
