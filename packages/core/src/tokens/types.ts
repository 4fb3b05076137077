import type { TokenFamily } from '../css-value.js';

/** Where a Tailwind utility finds a token: `bg-brand-500` is namespace `color`, key `brand-500`. */
export interface TailwindKey {
  /** Tailwind theme namespace, v4 style: color, spacing, radius, text (font sizes), font-weight, leading, tracking, shadow, z, duration, ease, breakpoint */
  namespace: string;
  key: string;
}

/** One design token with its resolved value. Plain JSON: it is part of the check settings and the cache key. */
export interface DesignToken {
  /** dot path, e.g. `color.accent.default` (CSS custom properties: the name without `--`) */
  path: string;
  /** the CSS custom property that holds it, when it is one (`--color-accent`) */
  cssVar?: string;
  /** the Sass variable that holds it, when it is one (`$color-accent`) */
  scssVar?: string;
  /** the resolved value as text */
  value: string;
  family: TokenFamily;
  /** the DTCG/Style Dictionary type, when declared */
  type?: string;
  /** the path of the token this one refers to (`{color.blue.500}`): a semantic alias */
  aliasOf?: string;
  /** the theme or selector it belongs to when not the default (`.dark`, `[data-theme=dark]`) */
  mode?: string;
  tailwind?: TailwindKey;
  /** POSIX path of the file it comes from, relative to the project root; `tailwind:defaults` for the built-in scale */
  file: string;
  /** a docs site's or an example's directory: its tokens apply only to files under it */
  scope?: string;
  /** the directory of the workspace package that defines it ('' for the root); see `TokenSettings.packages` */
  pkg?: string;
  /** Tailwind's default scale of one major version only (a repository with v3 and v4 packages) */
  tailwindVersion?: 3 | 4;
  /**
   * a Tailwind default whose key a workspace package's theme sets: the places (file, package, docs scope) that
   * set it; the default does not hold in the files their tokens apply to
   */
  overriddenIn?: Array<{ file: string; pkg?: string; scope?: string }>;
  /** the token has a dark-theme value that cannot be read statically: its default value does not hold there */
  darkUnknown?: boolean;
  /** the variable holds bare color channels (`--x: 255 0 0`): it is used as `rgb(var(--x))` / `hsl(var(--x))` */
  channels?: 'rgb' | 'hsl';
  /** a token kept in TypeScript: the expression code writes to read it (`theme.colors.primary`, `palette.brand`) */
  js?: string;
  /** a module's palette constant (not a theme): the file to import it from */
  jsModule?: string;
}

/** A workspace package (a folder with a package.json), for deciding which tokens apply to a file. */
export interface TokenPackage {
  /** folder relative to the root ('' for the root package) */
  dir: string;
  name?: string;
  /** names of the packages it depends on that are workspace packages defining tokens */
  deps: string[];
  /** the Tailwind major version its files are built with, when known */
  tailwind?: 3 | 4;
  /**
   * an app with a Tailwind build of its own: it holds a Tailwind entry (a v4 `@import "tailwindcss"` stylesheet
   * or a v3 config) and no workspace package depends on it; another such app never sees its theme or variables
   */
  ownBuild?: true;
}

/** Replacement text per context; `{name}` is the CSS variable name without `--`, `{path}` the token path. */
export interface ReplacementTemplates {
  /** CSS and SCSS files */
  css?: string;
  /** styled-components / emotion tagged templates */
  template?: string;
  /** style props, sx props and style objects */
  object?: string;
  /** React Native StyleSheet.create objects */
  native?: string;
  /** Tailwind classes (`{utility}` is the utility, e.g. `bg` or `rounded-t`) */
  className?: string;
}

export interface TokenSettings {
  /** the token files that were loaded (quiet: definitions are not hard-coded values) */
  files: string[];
  tokens: DesignToken[];
  /** templates the user configured (`tokenTemplates`); a configured template makes exact matches autofixable */
  templates: ReplacementTemplates;
  /** the project uses Tailwind (config file, v4 CSS import or dependency), and its major version */
  tailwind: { version: 3 | 4 } | null;
  /** workspace packages (absent: one package, every token applies everywhere) */
  packages?: TokenPackage[];
  /** folders (Tailwind builds) whose root font size is not 16px: a rem step is not the px value there ('' is the root) */
  remScopes?: string[];
  /**
   * folders (Tailwind builds) whose spacing and size classes are mostly arbitrary lengths (`gap-[12px]`): the
   * arbitrary value is the house style there (tokens/length-style.ts)
   */
  arbitraryLengthScopes?: string[];
}

export interface TokenLoadError {
  file: string;
  message: string;
}

export interface LoadedTokens {
  tokens: DesignToken[];
  errors: TokenLoadError[];
}
