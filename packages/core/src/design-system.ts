import { posix } from 'node:path';
import type * as TS from 'typescript';
import type { CheckSettings, TypeScript } from './check.js';

/**
 * The design system as the checks and detectors see it (built by the `designSystem` settings provider in
 * settings/design-system.ts), and the pure helpers both surfaces use to place files and imports.
 */

/** A component of the design system. */
export interface DesignSystemComponent {
  name: string;
  /** the raw HTML element it wraps (what its root renders, or its ref/props element type), if known */
  element: string | null;
  /** the specifier to import it from: a package entry (`@acme/ui`) or a root-relative module path (`src/components/ui/button`) */
  importFrom: string;
  /** true when `importFrom` is a root-relative module path (a design system kept as a directory, not a package) */
  isPath: boolean;
}

export interface DesignSystemPackage {
  name: string;
  /** its directory in this repository, or null for a package from npm */
  dir: string | null;
  /** the subpaths its package.json `exports` allows (`.`, `./icons`, `./*`); null when it has no exports map */
  entryPoints: string[] | null;
}

/** A tsconfig `paths` alias of the form `prefix/*` -> `target/*`, for writing import specifiers. */
export interface DesignSystemAlias {
  /** the tsconfig's directory: the alias applies to files under it ('' = everywhere) */
  scope: string;
  prefix: string;
  /** root-relative directory the prefix stands for */
  target: string;
}

export interface DesignSystemSettings {
  /** where the design system came from: config `designSystem`, inferred from the repository, or none */
  source: 'config' | 'inferred' | 'none';
  packages: DesignSystemPackage[];
  /** root-relative directories holding the design system's source (configured paths and in-repo package dirs) */
  paths: string[];
  components: DesignSystemComponent[];
  /** raw element -> the design-system component to use instead */
  elements: Record<string, { component: string; importFrom: string; isPath: boolean }>;
  /** package directories ('' = the root package) whose package.json depends on a design-system package; null: every file may use it */
  consumers: string[] | null;
  aliases: DesignSystemAlias[];
}

/** Raw element -> the names a design-system component replacing it goes by, best first. */
export const ELEMENT_COMPONENT_NAMES: Record<string, string[]> = {
  button: ['Button'],
  a: ['Link', 'Anchor', 'TextLink'],
  input: ['Input', 'TextInput', 'TextField'],
  select: ['Select', 'NativeSelect'],
  textarea: ['Textarea', 'TextArea'],
  dialog: ['Dialog', 'Modal'],
  img: ['Image', 'Img'],
  h1: ['Heading', 'Title'],
  h2: ['Heading', 'Title'],
  h3: ['Heading', 'Title'],
  h4: ['Heading', 'Title'],
  h5: ['Heading', 'Title'],
  h6: ['Heading', 'Title'],
};

/** The element a component wraps: its root, unless the root is a container around the element its ref/props name. */
export function wrappedElement(root: string | null, hint: string | null): string | null {
  if (hint && (root === null || root === 'div' || root === 'span' || root === 'label')) return hint;
  return root ?? hint;
}

// ---- helpers shared by the checks and the detectors (pure) ----

/** `<input type=...>` values a text-field component replaces; other types (checkbox, file, hidden, ...) are different controls. */
const TEXT_INPUT_TYPES = new Set(['text', 'email', 'password', 'number', 'search', 'tel', 'url']);

/**
 * The key a raw element is matched by against `elements`: the tag, except `<input>` of a non-text type
 * (`input[type=checkbox]`), which a text-field component does not replace. `type` is the literal value of
 * the type attribute, undefined when absent, null when it is an expression.
 */
export function rawElementKey(tag: string, type: string | null | undefined): string {
  if (tag !== 'input' || type === undefined || type === null || TEXT_INPUT_TYPES.has(type.toLowerCase())) return tag;
  return `input[type=${type.toLowerCase()}]`;
}

/** Block content: a `<button>` or `<a>` holding it is a clickable container (a row, a card, a swatch), not a button or a link. */
const BLOCK_CONTENT = new Set([
  'div',
  'p',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'ul',
  'ol',
  'li',
  'dl',
  'table',
  'img',
  'picture',
  'video',
  'figure',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/**
 * The key of a raw JSX element (see rawElementKey), also `button[container]`/`a[container]` for a button or
 * link wrapping block content: a design-system Button or Link does not replace those.
 */
export function rawElementKeyOf(ts: TypeScript, el: TS.JsxOpeningElement | TS.JsxSelfClosingElement, tag: string): string {
  let type: string | null | undefined;
  for (const a of el.attributes.properties) {
    if (ts.isJsxAttribute(a) && ts.isIdentifier(a.name) && a.name.text === 'type') {
      const init = a.initializer;
      type =
        init && ts.isStringLiteral(init)
          ? init.text
          : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
            ? init.expression.text
            : null;
    }
  }
  if ((tag === 'button' || tag === 'a') && ts.isJsxOpeningElement(el) && ts.isJsxElement(el.parent)) {
    let block = false;
    const visit = (n: TS.Node): void => {
      if (block) return;
      if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) {
        if (ts.isIdentifier(n.tagName) && BLOCK_CONTENT.has(n.tagName.text)) block = true;
      }
      ts.forEachChild(n, visit);
    };
    for (const c of el.parent.children) visit(c);
    if (block) return `${tag}[container]`;
  }
  return rawElementKey(tag, type);
}

export function designSystemOf(settings: CheckSettings): DesignSystemSettings | null {
  const ds = settings.designSystem as DesignSystemSettings | undefined;
  return ds && ds.source !== 'none' ? ds : null;
}

const under = (path: string, dir: string) => dir === '' || path === dir || path.startsWith(`${dir}/`);

/** Whether a root-relative file belongs to the design system's own source. */
export function isDesignSystemFile(ds: DesignSystemSettings, path: string): boolean {
  return ds.paths.some((p) => under(path, p));
}

/** Whether a file's package depends on the design system (so it is expected to use it). */
export function isDesignSystemConsumer(ds: DesignSystemSettings, path: string): boolean {
  return ds.consumers === null || ds.consumers.some((dir) => under(path, dir));
}

/** The design-system package an import specifier names (by package name), with the subpath. */
export function designSystemPackageOf(ds: DesignSystemSettings, specifier: string): { pkg: DesignSystemPackage; subpath: string } | null {
  for (const pkg of ds.packages) {
    if (specifier === pkg.name) return { pkg, subpath: '' };
    if (specifier.startsWith(`${pkg.name}/`)) return { pkg, subpath: specifier.slice(pkg.name.length + 1) };
  }
  return null;
}

/** Whether a package subpath is one its `exports` map (or, without one, the conventional layout) offers. */
export function isPublicEntry(pkg: DesignSystemPackage, subpath: string): boolean {
  if (subpath === '') return true;
  if (pkg.entryPoints === null) return !/^(src|dist|lib|build|esm|cjs|es|umd|internal)(\/|$)/.test(subpath);
  const want = `./${subpath}`;
  return pkg.entryPoints.some((k) => {
    if (k === want) return true;
    const star = k.indexOf('*');
    if (star < 0) return false;
    return want.startsWith(k.slice(0, star)) && want.endsWith(k.slice(star + 1)) && want.length >= k.length - 1;
  });
}

/** A root-relative path an alias or relative specifier points at (no extension probing); null for packages. */
export function specifierTarget(ds: DesignSystemSettings, fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  let best: DesignSystemAlias | undefined;
  for (const a of ds.aliases) {
    if (!under(fromFile, a.scope) || !specifier.startsWith(a.prefix)) continue;
    if (!best || a.scope.length > best.scope.length) best = a;
  }
  return best ? posix.join(best.target, specifier.slice(best.prefix.length)) : null;
}

/** How `fromFile` should write an import of a design-system component. */
export function importSpecifierFor(ds: DesignSystemSettings, fromFile: string, target: { importFrom: string; isPath: boolean }): string {
  if (!target.isPath) return target.importFrom;
  let best: DesignSystemAlias | undefined;
  for (const a of ds.aliases) {
    if (!under(fromFile, a.scope) || !under(target.importFrom, a.target)) continue;
    if (!best || a.scope.length > best.scope.length || (a.scope.length === best.scope.length && a.target.length > best.target.length))
      best = a;
  }
  if (best) return `${best.prefix}${target.importFrom.slice(best.target ? best.target.length + 1 : 0)}`;
  const rel = posix.relative(posix.dirname(fromFile), target.importFrom);
  return rel.startsWith('.') ? rel : `./${rel}`;
}
