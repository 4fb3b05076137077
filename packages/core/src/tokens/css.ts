/**
 * Tokens defined in CSS and SCSS: custom properties (`--color-accent: #4a90e2`) in global selectors and
 * theme selectors, Tailwind v4 `@theme` blocks, and top-level Sass variables (`$color-accent: ...`).
 * Parsed with postcss / postcss-scss, never with regexes.
 */
import postcss from 'postcss';
import type { AtRule, Container, Declaration, Root } from 'postcss';
import postcssScss from 'postcss-scss';

/** One custom property or Sass variable definition, before references are resolved. */
export interface CssTokenDefinition {
  /** `--color-accent` or `$color-accent` */
  name: string;
  value: string;
  /** the theme it belongs to when not the default (`.dark`, `@media (prefers-color-scheme: dark)`) */
  mode?: string;
  /** defined in a Tailwind v4 `@theme` block */
  theme: boolean;
  file: string;
  line: number;
}

export interface CssParseResult {
  definitions: CssTokenDefinition[];
  /** `@import "tailwindcss"` or an `@theme` block: the project uses Tailwind v4 */
  tailwindV4: boolean;
  error?: string;
}

/** Parses CSS or SCSS with postcss; returns the root or the parse error message. */
export function parseStylesheet(text: string, file: string): { root?: Root; error?: string } {
  try {
    const root = /\.scss$/i.test(file) ? postcssScss.parse(text, { from: file }) : postcss.parse(text, { from: file });
    return { root: root as Root };
  } catch (e) {
    const err = e as { reason?: string; line?: number; column?: number; message: string };
    return {
      error: err.reason ? `CSS syntax error at ${err.line ?? '?'}:${err.column ?? '?'}: ${err.reason}` : `CSS parse failed: ${err.message}`,
    };
  }
}

const ROOT_SELECTOR = /^(:root|html|:host|body|\*|:where\(:root\)|:root:root)$/i;
const THEME_WORD = /dark|light|theme|mode|contrast|scheme/i;
/** One compound selector naming a theme: `.dark`, `:root.dark`, `[data-theme="dark"]`, `&.theme--dark`, `html[data-mode=dark]`. */
const THEME_SELECTOR = /^&?(:root|html|body)?[.#:[\]\w="'\-()&]*$/i;

/** How a definition's place reads: the default theme, a named theme, or a component scope. */
function placeOf(decl: Declaration): { mode?: string; theme: boolean; scoped: boolean } {
  let theme = false;
  let mode: string | undefined;
  let scoped = false;
  for (let p: Container | undefined = decl.parent as Container | undefined; p && p.type !== 'root'; p = p.parent as Container | undefined) {
    if (p.type === 'atrule') {
      const at = p as unknown as AtRule;
      if (at.name === 'theme') theme = true;
      else if (at.name === 'media' && /prefers-color-scheme\s*:\s*dark/i.test(at.params)) mode ??= 'dark';
      // a Sass mixin of the dark theme (`@mixin dark-theme { --x: ... }`, included under `.dark-theme`): growthbook
      else if (at.name === 'mixin' && /dark/i.test(at.params)) mode ??= `@mixin ${at.params.trim()}`;
      else if (at.name === 'media' || at.name === 'supports' || at.name === 'container') scoped = true;
    } else if (p.type === 'rule') {
      const selectors = (p as unknown as { selector: string }).selector.split(',').map((s) => s.trim());
      if (selectors.some((s) => ROOT_SELECTOR.test(s))) continue;
      if (selectors.every((s) => THEME_SELECTOR.test(s) && THEME_WORD.test(s))) mode ??= selectors.join(', ');
      else scoped = true;
    }
  }
  return { ...(mode ? { mode } : {}), theme, scoped };
}

/**
 * The custom-property and Sass-variable definitions of a stylesheet. `includeScoped`: also definitions in
 * component selectors (`.excalidraw { --color-primary: ... }`), for files that are token files by name.
 */
export function cssTokenDefinitions(text: string, file: string, includeScoped: boolean): CssParseResult {
  const { root, error } = parseStylesheet(text, file);
  if (!root) return { definitions: [], tailwindV4: false, ...(error ? { error } : {}) };
  const definitions: CssTokenDefinition[] = [];
  let tailwindV4 = false;
  root.walkAtRules((at) => {
    if (at.name === 'theme') tailwindV4 = true;
    if (at.name === 'import' && /^(url\()?["']tailwindcss(\/[\w.-]+\.css)?["']/.test(at.params.trim())) tailwindV4 = true;
  });
  root.walkDecls((decl) => {
    const name = decl.prop;
    if (name.startsWith('$')) {
      if (decl.parent?.type !== 'root') return;
      const value = decl.value.replace(/\s*!(default|global)\s*$/g, '').trim();
      if (value.startsWith('(')) return; // Sass maps
      definitions.push({ name, value, theme: false, file, line: decl.source?.start?.line ?? 1 });
      return;
    }
    if (!name.startsWith('--')) return;
    const place = placeOf(decl);
    if (place.scoped && !includeScoped && !place.theme) return;
    definitions.push({
      name,
      value: decl.value.trim(),
      theme: place.theme,
      file,
      line: decl.source?.start?.line ?? 1,
      ...(place.mode ? { mode: place.mode } : {}),
    });
  });
  return { definitions, tailwindV4 };
}
