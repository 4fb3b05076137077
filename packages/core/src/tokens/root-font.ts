/**
 * Where the root font size is not 16px: there a rem step of Tailwind is not the px value it replaces. Reactive-
 * Resume's artboard sets `document.documentElement.style.setProperty('font-size', `${size}px`)` to the resume's
 * font size (14px by default), so `top-2` is 7px, not the `top-[8px]` it would replace (judged wrong twice); a
 * stylesheet's `html { font-size: 62.5% }` makes 1rem 10px the same way.
 */
import { packageOf } from './packages.js';
import type { PackageManifest } from './packages.js';
import { forEachScript } from './scripts-walk.js';
import { countLengthClasses, isArbitraryLengthHouseStyle } from './length-style.js';
import type { LengthClassCount } from './length-style.js';

/** How many script files are read for a root font size set at run time. */
const MAX_SCRIPT_FILES = 3000;
const MAX_DEPTH = 8;
const MAX_BYTES = 1024 * 1024;
const SKIP = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'public', 'static', 'vendor', 'generated', '__generated__']);

/** The root element's font size set from a script: `documentElement.style.setProperty('font-size', ...)`, `.style.fontSize = ...`. */
const SCRIPT_SETS_ROOT = /documentElement\.style\.(?:setProperty\(\s*['"`]font-size['"`]|fontSize\s*=)/;
/** `html { font-size: 62.5% }`, `:root { font-size: 14px }`: the rule's font size, outside any at-rule block. */
const CSS_ROOT_RULE = /(?:^|[};,\s])(?:html|:root)\s*\{([^{}]*)\}/g;
/** Root font sizes that keep 1rem at 16px. */
const SIXTEEN = /^(16px|100%|1rem|1em|medium|inherit|initial|unset|revert|var\(.*\))$/i;

/** Whether a stylesheet gives the root element a font size other than 16px. */
export function stylesheetSetsRootFont(text: string): boolean {
  if (!/font-size/i.test(text)) return false;
  const bare = text.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of bare.matchAll(CSS_ROOT_RULE)) {
    if (insideAtRule(bare, m.index)) continue;
    const size = /(?:^|;)\s*font-size\s*:\s*([^;!]+)/i.exec(m[1]!)?.[1]?.trim();
    if (size && !SIXTEEN.test(size)) return true;
  }
  return false;
}

/** Whether a position is inside an `@media`/`@supports`/`@container` block (a responsive root size). */
function insideAtRule(text: string, at: number): boolean {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) return /@[\w-]+[^{};]*$/.test(text.slice(Math.max(0, i - 200), i));
      depth--;
    }
  }
  return false;
}

/** What one read of the scripts of a project's Tailwind builds tells (see `buildScopes`). */
export interface BuildScopes {
  /** folders whose root font size is not 16px (`TokenSettings.remScopes`) */
  rem: string[];
  /** folders whose length classes are mostly arbitrary values (`TokenSettings.arbitraryLengthScopes`) */
  arbitraryLengths: string[];
}

/**
 * The folders whose files have a root font size other than 16px: the Tailwind build (the folder of its config or
 * v4 entry, else the package) of each stylesheet that sets one and of each script that sets it at run time; and
 * the builds whose spacing and size classes are mostly arbitrary lengths (tokens/length-style.ts), counted in the
 * same read of each script. Scripts are looked for under the folders of the project's Tailwind configs and v4
 * entries (3000 files at most: a build the budget does not reach has no share, and keeps its findings).
 */
export function buildScopes(
  root: string,
  rootFontStylesheets: readonly string[],
  entries: { v3Configs: readonly string[]; v4Files: readonly string[] },
  packages: readonly PackageManifest[],
): BuildScopes {
  const dirOf = (f: string) => f.slice(0, Math.max(0, f.lastIndexOf('/')));
  const builds = [...new Set([...entries.v3Configs.map(dirOf), ...entries.v4Files.map((f) => packageOf(packages, f)?.dir ?? dirOf(f))])];
  const scopes = new Set<string>();
  const scopeOf = (file: string) => {
    const build = builds.filter((b) => b === '' || file.startsWith(`${b}/`)).sort((a, b) => b.length - a.length)[0];
    return build ?? packageOf(packages, file)?.dir ?? '';
  };
  for (const f of rootFontStylesheets) scopes.add(scopeOf(f));
  const walk = {
    maxFiles: MAX_SCRIPT_FILES,
    maxDepth: MAX_DEPTH,
    skip: SKIP,
    maxBytes: MAX_BYTES,
    stopAtPackages: false,
    exclude: /\.(test|spec|stories)\.[jt]sx?$/,
  };
  const lengths = new Map<string, LengthClassCount>();
  forEachScript(root, builds, walk, (file, text) => {
    const scope = scopeOf(file);
    if (text.includes('documentElement') && SCRIPT_SETS_ROOT.test(text)) scopes.add(scope);
    if (/\.[jt]sx$/.test(file) || text.includes('className')) {
      const count = lengths.get(scope) ?? { arbitrary: 0, scale: 0 };
      lengths.set(scope, countLengthClasses(text, count));
    }
  });
  const arbitraryLengths = [...lengths].filter(([, c]) => isArbitraryLengthHouseStyle(c)).map(([s]) => s);
  // every build of the project writes arbitrary lengths: a shared folder outside them (postiz-app's
  // `libraries/react-shared-libraries`, compiled by its one app's Tailwind) is written in the same style
  const everyBuild = builds.length > 0 && builds.every((b) => arbitraryLengths.includes(b));
  return { rem: [...scopes].sort(), arbitraryLengths: everyBuild ? [''] : arbitraryLengths.sort() };
}
