/**
 * Matching hard-coded values against design tokens, shared by the ESLint rule and the analyzer: the exact
 * token (to autofix), the nearest 1-3 tokens with their distance (colors by ΔE 2000 or OKLab, lengths,
 * durations and weights by their place on the token scale), or "off the scale".
 */
import { colorDistance, parseColor, sameColor } from '../color.js';
import type { ColorDistanceMethod, Rgba } from '../color.js';
import { lengthInPx, normalizeEasing, normalizeShadow, parseLength, parseTime } from '../css-value.js';
import type { PropertyFamily, TokenFamily, ValueAtom } from '../css-value.js';
import type { DesignToken, ReplacementTemplates, TokenSettings } from './types.js';
import { appliesIn } from './packages.js';

/** Where a value was found; decides the replacement text. */
export type StyleContext = 'css' | 'template' | 'object' | 'native' | 'className';

interface Indexed {
  token: DesignToken;
  color?: Rgba;
  /** px for px/rem lengths */
  px?: number;
  /** em lengths */
  em?: number;
  /** unitless numbers */
  num?: number;
  ms?: number;
  /** shadows and easings, normalised */
  text?: string;
}

export interface TokenIndex {
  byFamily: Map<TokenFamily, Indexed[]>;
  settings: TokenSettings;
}

const indexes = new WeakMap<DesignToken[], TokenIndex>();

const withoutMode = (t: DesignToken): DesignToken => {
  const { mode: _mode, ...rest } = t;
  return rest;
};

/**
 * Tokens every definition of which sits under a theme selector (Primer's `[data-color-mode=light]...`):
 * path -> the theme that stands for the default, the first one that is not dark (nor a high-contrast or
 * colour-blind variant) in file order. A token with a plain definition keeps it.
 */
function defaultThemeOf(tokens: DesignToken[]): Map<string, string> {
  const plain = new Set(tokens.filter((t) => !t.mode).map((t) => t.path));
  const out = new Map<string, string>();
  for (const t of tokens) {
    if (!t.mode || plain.has(t.path) || out.has(t.path)) continue;
    if (/dark|contrast|colorblind|tritanopia|dimmed/i.test(t.mode)) continue;
    out.set(t.path, t.mode);
  }
  return out;
}

/** The token index of a token list, built once per list (the settings of a run or an editor session). */
export function tokenIndex(settings: TokenSettings): TokenIndex {
  const hit = indexes.get(settings.tokens);
  if (hit) return hit;
  const byFamily = new Map<TokenFamily, Indexed[]>();
  const defaults = defaultThemeOf(settings.tokens);
  for (const themed of settings.tokens) {
    // a token defined only under theme selectors: its first light theme is its default value
    const token = themed.mode && defaults.get(themed.path) === themed.mode ? withoutMode(themed) : themed;
    const v = token.value.trim();
    const ix: Indexed = { token };
    switch (token.family) {
      case 'color': {
        const c = parseColor(v, { named: true });
        if (!c) continue;
        ix.color = c;
        break;
      }
      case 'shadow': {
        const s = normalizeShadow(v);
        if (!s) continue;
        ix.text = s;
        break;
      }
      case 'easing': {
        const e = normalizeEasing(v);
        if (!e) continue;
        ix.text = e;
        break;
      }
      case 'duration': {
        const ms = parseTime(v) ?? (/^\d+$/.test(v) ? Number(v) : null);
        if (ms === null) continue;
        ix.ms = ms;
        break;
      }
      case 'font-weight':
      case 'z-index':
      case 'number':
      case 'opacity': {
        if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) continue;
        ix.num = Number(v);
        break;
      }
      default: {
        const l = parseLength(v);
        if (l) {
          if (l.unit === 'em') ix.em = l.number;
          else ix.px = lengthInPx(l) ?? undefined;
        } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v) && token.family === 'line-height') ix.num = Number(v);
        else if (v === '0') ix.px = 0;
        else continue;
      }
    }
    const list = byFamily.get(token.family) ?? [];
    list.push(ix);
    byFamily.set(token.family, list);
  }
  const index = { byFamily, settings };
  indexes.set(settings.tokens, index);
  return index;
}

/** Reads `settings.tokens` defensively (ESLint users may pass anything). */
export function tokenSettingsOf(settings: Record<string, unknown> | undefined): TokenSettings | null {
  const t = settings?.tokens as TokenSettings | undefined;
  if (!t || !Array.isArray(t.tokens)) return null;
  return {
    files: Array.isArray(t.files) ? t.files : [],
    tokens: t.tokens,
    templates: t.templates ?? {},
    tailwind: t.tailwind ?? null,
    ...(Array.isArray(t.packages) ? { packages: t.packages } : {}),
    ...(Array.isArray(t.remScopes) ? { remScopes: t.remScopes } : {}),
    ...(Array.isArray(t.arbitraryLengthScopes) ? { arbitraryLengthScopes: t.arbitraryLengthScopes } : {}),
  };
}

export interface Candidate {
  token: DesignToken;
  /** on the ΔE scale for colors; relative distance (0..1) for scales */
  distance: number;
  /** how far, for people: `ΔE 1.8`, `2px off`, `50ms off` */
  label: string;
}

export type Verdict =
  | { kind: 'exact'; tokens: DesignToken[] }
  | { kind: 'near'; candidates: Candidate[] }
  /** the value of tokens in another theme only (`.dark`): right there, wrong in the default theme */
  | { kind: 'theme'; candidates: Candidate[] }
  | { kind: 'off-scale'; nearest: Candidate | null };

export interface MatchOptions {
  colorDistance: ColorDistanceMethod;
  /** colors within this ΔE00 of a token are near misses */
  nearColorDistance: number;
  /** report values that are near no token */
  offScale: boolean;
  /** report near misses of length, number and time scales (`18px` between 16 and 20), not only exact values */
  nearScale?: boolean;
}

/** Every verdict (the nearest-token answer); `hard-coded-style-value` reports exact values and near colours by default. */
export const DEFAULT_MATCH_OPTIONS: MatchOptions = { colorDistance: 'ciede2000', nearColorDistance: 5, offScale: true, nearScale: true };

/** Where a value was found, for choosing among tokens. */
export interface MatchPlace {
  /** Tailwind: the theme namespace of the utility */
  namespace?: string;
  /** the file's project-relative path (tokens of docs sites and examples apply under their folder only) */
  filePath?: string;
  /** the CSS property: a text color is not suggested for a background */
  property?: string;
  /** Tailwind: the utility (`bg`, `-mt`); '' for an arbitrary property (`[animation-delay:200ms]`), which no theme key replaces */
  utility?: string;
  /** the value is written for the dark theme (inside `.dark`, `&.theme--dark`, a `dark:` variant) */
  theme?: 'dark';
}

/** A selector, at-rule or variant chain that applies to the dark theme only. */
export const DARK_SCOPE = /(\.|--|\[data-[\w-]*=["']?|prefers-color-scheme:\s*|(^|[\s:])(?=dark:))dark\b/i;

/** In the dark theme, a token's value is its dark value where it has one: those replace the default ones. */
function darkThemeValues(list: Indexed[]): Indexed[] {
  const isDark = (t: DesignToken) => !!t.mode && /dark/i.test(t.mode);
  const overridden = new Set(list.filter((x) => isDark(x.token)).map((x) => x.token.path));
  return list
    .filter((x) => (x.token.mode ? isDark(x.token) : !overridden.has(x.token.path) && !x.token.darkUnknown))
    .map((x) => {
      if (!x.token.mode) return x;
      const { mode: _mode, ...token } = x.token;
      return { ...x, token };
    });
}

type Role = 'background' | 'text' | 'border' | null;
const ROLE_WORDS: Record<Exclude<Role, null>, RegExp> = {
  background: /(^|[-_.])(bg|background|backgrounds|surface|canvas|backdrop|overlay|fill)([-_.]|$)/i,
  text: /(^|[-_.])(text|fg|foreground|font|content|on|heading|label|link|placeholder|icon)([-_.]|$)/i,
  border: /(^|[-_.])(border|borders|outline|divider|separator|stroke|ring)([-_.]|$)/i,
};

function propertyRole(property: string): Role {
  const p = property.toLowerCase();
  if (/^background|^bg$/.test(p)) return 'background';
  if (p === 'color' || p === '-webkit-text-fill-color' || p === 'caret-color' || p === 'text-decoration-color') return 'text';
  if (/^(border|outline|column-rule)/.test(p)) return 'border';
  return null;
}

/** The roles a token's name gives it; camelCase words count as words (`--fgColor-danger`, `--bgColor-muted`). */
function rolesOf(token: DesignToken): Array<Exclude<Role, null>> {
  const name = (token.cssVar ?? token.scssVar ?? token.path).replace(/([a-z0-9])([A-Z])/g, '$1-$2');
  return (Object.keys(ROLE_WORDS) as Array<Exclude<Role, null>>).filter((r) => ROLE_WORDS[r].test(name));
}

/** A token fits a property unless its name gives it another role only (`--text-primary` for a background). */
function roleFits(token: DesignToken, role: Role): boolean {
  if (!role) return true;
  const roles = rolesOf(token);
  return roles.length === 0 || roles.includes(role);
}

/**
 * Among tokens of the same value, the ones named for the property's role (`color` -> fg/text, `background`
 * -> bg, `border-color` -> border), semantic ones (fewest name segments) first; all of them when none is.
 */
function byRole<T extends { token: DesignToken }>(list: T[], role: Role): T[] {
  if (!role) return list;
  const named = list.filter((x) => rolesOf(x.token).includes(role));
  if (named.length === 0) return list;
  const segments = (t: DesignToken) =>
    (t.cssVar ?? t.scssVar ?? t.path)
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .split(/[-_.]+/)
      .filter(Boolean).length;
  return [...named].sort((a, b) => segments(a.token) - segments(b.token));
}

/** Which token families a property family's values are compared with. */
function poolFamilies(family: PropertyFamily): TokenFamily[] {
  switch (family) {
    case 'inset':
      return ['spacing'];
    case 'sizing':
      return ['sizing', 'spacing'];
    default:
      return [family];
  }
}

/** Families whose values are only ever matched exactly (layout widths and offsets are rarely scale steps). */
const EXACT_ONLY = new Set<PropertyFamily>(['inset', 'sizing', 'z-index', 'shadow', 'easing']);

/** A value within this share of a scale step is a near miss of it (18px on a 16/20/24 scale). */
export const NEAR_SCALE_RATIO = 0.25;
/** Font weights within this distance of a token weight are near misses (550 of 500/600). */
const NEAR_FONT_WEIGHT = 50;

const round = (n: number, d = 1) => String(Math.round(n * 10 ** d) / 10 ** d);

function pool(index: TokenIndex, family: PropertyFamily, context: StyleContext, filePath?: string): Indexed[] {
  // a size is compared with size tokens and the spacing scale together: Tailwind's w-/h-/size- classes take
  // spacing keys, so a project with a few container widths (every Tailwind 4 project) still has w-10 for 40px
  let list: Indexed[] = poolFamilies(family).flatMap((f) => index.byFamily.get(f) ?? []);
  if (list.length === 0 && ['spacing', 'inset', 'radius', 'font-size', 'sizing'].includes(family))
    list = index.byFamily.get('dimension') ?? [];
  if (family === 'sizing' && context !== 'className') list = list.filter((x) => x.token.family !== 'spacing' || !x.token.tailwind);
  // Tailwind's default scales are Tailwind class names: they apply to classes only
  if (context !== 'className') list = list.filter((x) => x.token.file !== 'tailwind:defaults');
  // a theme or palette kept in TypeScript is read by TypeScript: not in stylesheets nor class names
  if (context === 'css' || context === 'className') list = list.filter((x) => !x.token.js);
  // a docs site's or an example's tokens are for its own files
  if (list.some((x) => x.token.scope))
    list = list.filter((x) => !x.token.scope || (filePath !== undefined && filePath.startsWith(`${x.token.scope}/`)));
  // tokens of other workspace packages, and Tailwind defaults of another Tailwind version
  if (filePath !== undefined) {
    const applies = appliesIn(index.settings, filePath);
    list = list.filter((x) => applies(x.token));
  }
  return list;
}

/** Orders exact matches: the best replacement first; drops base tokens that a semantic alias stands for. */
function rankExact(found: DesignToken[], context: StyleContext, namespace?: string): DesignToken[] {
  const byPath = new Map<string, DesignToken>();
  for (const t of found) if (!byPath.has(t.path) || (byPath.get(t.path)!.mode && !t.mode)) byPath.set(t.path, t);
  let list = [...byPath.values()];
  // an alias and the token it stands for are one choice: keep the one this context can use
  const drop = new Set<DesignToken>();
  for (const a of list) {
    const base = a.aliasOf ? byPath.get(a.aliasOf) : undefined;
    if (!base) continue;
    const keepBase = context === 'className' ? !!base.tailwind && !a.tailwind : !!base.cssVar && !a.cssVar;
    drop.add(keepBase ? a : base);
  }
  if (drop.size) list = list.filter((t) => !drop.has(t));
  const score = (t: DesignToken) =>
    (context === 'className' && t.tailwind && (!namespace || t.tailwind.namespace === namespace) ? 0 : 4) +
    (t.file === 'tailwind:defaults' ? 1 : 0) +
    (t.aliasOf ? 0 : 2) +
    // a CSS variable is usable as it is; a TypeScript theme or palette needs the theme or an import in scope
    (t.js ? 3 : 0);
  return list.sort((a, b) => score(a) - score(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The verdict on one hard-coded value: null when nothing can be said (no tokens of its family, or a value
 * too small to be a design decision).
 */
export function judgeAtom(
  index: TokenIndex,
  atom: ValueAtom,
  context: StyleContext,
  options: MatchOptions = DEFAULT_MATCH_OPTIONS,
  where: MatchPlace = {},
): Verdict | null {
  const { namespace, filePath, property } = where;
  let list = pool(index, atom.family, context, filePath);
  if (where.theme === 'dark') list = darkThemeValues(list);
  if (where.utility === '') list = list.filter((x) => x.token.file !== 'tailwind:defaults');
  // whether the project has a scale of this kind at all: counted before tokens of other roles are set aside
  const scale = new Set(list.map((x) => x.token.value)).size >= 3;
  const role = atom.kind === 'color' && property ? propertyRole(property) : null;
  if (role) list = list.filter((x) => roleFits(x.token, role));
  if (list.length === 0) return null;
  const exactOf = (pred: (x: Indexed) => boolean): Verdict | null => {
    const exact = byRole(
      list.filter((x) => pred(x)),
      role,
    );
    const inDefault = exact.filter((x) => !x.token.mode);
    if (inDefault.length) {
      const ranked = rankExact(
        inDefault.map((x) => x.token),
        context,
        namespace,
      );
      return {
        kind: 'exact',
        tokens: role
          ? byRole(
              ranked.map((token) => ({ token })),
              role,
            ).map((x) => x.token)
          : ranked,
      };
    }
    if (exact.length) {
      return {
        kind: 'theme',
        candidates: rankExact(
          exact.map((x) => x.token),
          context,
          namespace,
        )
          .slice(0, 3)
          .map((t) => ({ token: t, distance: 0, label: `its value in \`${t.mode}\`` })),
      };
    }
    return null;
  };
  const offScale = (nearest: Candidate | null): Verdict | null =>
    options.offScale && scale && !EXACT_ONLY.has(atom.family) ? { kind: 'off-scale', nearest } : null;
  const offScaleAny = (nearest: Candidate | null): Verdict | null => (options.offScale && scale ? { kind: 'off-scale', nearest } : null);

  switch (atom.kind) {
    case 'color': {
      const c = atom.color!;
      const exact = exactOf((x) => !!x.color && sameColor(x.color, c));
      if (exact) return exact;
      const scored = list
        // a module's palette constant names its own colours: only its exact values are that constant written by hand
        .filter((x) => x.color && !x.token.mode && !x.token.jsModule)
        .map((x) => ({ token: x.token, distance: colorDistance(c, x.color!, options.colorDistance) }))
        .sort((a, b) => a.distance - b.distance || (a.token.path < b.token.path ? -1 : 1));
      if (atom.gradient) return null; // decorative gradient stops: only their exact tokens are worth a word
      const within = dedupe(scored.filter((s) => s.distance <= options.nearColorDistance));
      // the nearest colour, and among the tokens of that colour the ones named for the property first
      const nearest = within.length
        ? byRole(
            within.filter((s) => s.distance - within[0]!.distance < 0.5),
            role,
          )
        : [];
      const near = [...nearest, ...within.filter((s) => !nearest.includes(s))].slice(0, 3);
      if (near.length) return { kind: 'near', candidates: near.map((s) => ({ ...s, label: `ΔE ${round(s.distance)}` })) };
      // a theme kept in TypeScript names places (sidebarText, codeKeyword), not a palette: a colour it lacks is not off it
      if (list.every((x) => x.token.js)) return null;
      const best = scored[0];
      return offScaleAny(best ? { ...best, label: `ΔE ${round(best.distance)}` } : null);
    }
    case 'shadow':
    case 'easing': {
      const exact = exactOf((x) => x.text === atom.key);
      if (exact) return exact;
      return atom.kind === 'shadow' || /cubic-bezier/.test(atom.key) ? offScaleAny(null) : null;
    }
    case 'time':
      return scaleVerdict(
        list.filter((x) => x.ms !== undefined).map((x) => ({ x, v: x.ms! })),
        atom.number!,
        'ms',
        exactOf,
        offScale,
        atom.family,
        options.nearScale,
      );
    case 'number': {
      if (atom.family === 'line-height') {
        return scaleVerdict(
          list.filter((x) => x.num !== undefined).map((x) => ({ x, v: x.num! })),
          atom.number!,
          '',
          exactOf,
          offScale,
          atom.family,
          options.nearScale,
        );
      }
      const entries = list.filter((x) => x.num !== undefined).map((x) => ({ x, v: x.num! }));
      const exact = exactOf((x) => x.num === atom.number);
      if (exact) return exact;
      // Tailwind's z-10..z-50 is no layer scale of the project: an arbitrary z-index is a local stacking decision
      if (atom.family === 'z-index' && list.every((x) => x.token.file === 'tailwind:defaults')) return null;
      if (atom.family === 'font-weight' && options.nearScale) {
        const near = entries
          .filter((e) => Math.abs(e.v - atom.number!) <= NEAR_FONT_WEIGHT)
          .sort((a, b) => Math.abs(a.v - atom.number!) - Math.abs(b.v - atom.number!));
        if (near.length)
          return {
            kind: 'near',
            candidates: dedupe(near.map((e) => ({ token: e.x.token, distance: Math.abs(e.v - atom.number!) })))
              .slice(0, 3)
              .map((c) => ({ ...c, label: `${c.distance} off` })),
          };
      }
      const best = entries.sort((a, b) => Math.abs(a.v - atom.number!) - Math.abs(b.v - atom.number!))[0];
      return offScaleAny(
        best
          ? { token: best.x.token, distance: Math.abs(best.v - atom.number!), label: `${round(Math.abs(best.v - atom.number!), 2)} off` }
          : null,
      );
    }
    case 'length': {
      const unit = atom.unit!;
      const px = unit === 'em' ? null : lengthInPx({ number: atom.number!, unit });
      const entries =
        px === null
          ? list.filter((x) => x.em !== undefined).map((x) => ({ x, v: x.em! }))
          : list.filter((x) => x.px !== undefined).map((x) => ({ x, v: x.px! }));
      const v = px ?? atom.number!;
      const exact = exactOf((x) => (px === null ? x.em === v : x.px !== undefined && Math.abs(x.px - v) < 0.01));
      if (exact) return exact;
      if (px !== null && Math.abs(px) <= 2 && (atom.family === 'spacing' || atom.family === 'inset' || atom.family === 'letter-spacing'))
        return null;
      return scaleVerdict(entries, v, px === null ? 'em' : 'px', () => null, offScale, atom.family, options.nearScale);
    }
  }
}

/** One candidate per token path; a base token is dropped when a semantic alias of it is listed too. */
function dedupe<T extends { token: DesignToken }>(list: T[]): T[] {
  const seen = new Set<string>();
  const aliased = new Set(list.map((c) => c.token.aliasOf).filter((p): p is string => !!p));
  return list.filter((c) => (seen.has(c.token.path) || aliased.has(c.token.path) ? false : (seen.add(c.token.path), true)));
}

/** Near misses on a numeric scale: within 25% of a step (relative to the larger of the two). */
function scaleVerdict(
  entries: Array<{ x: Indexed; v: number }>,
  value: number,
  unit: string,
  exactOf: (pred: (x: Indexed) => boolean) => Verdict | null,
  offScale: (nearest: Candidate | null) => Verdict | null,
  family: PropertyFamily,
  nearScale = false,
): Verdict | null {
  if (entries.length === 0) return null;
  const exact = exactOf((x) => entries.some((e) => e.x === x && Math.abs(e.v - value) < 0.0001));
  if (exact) return exact;
  if (EXACT_ONLY.has(family)) return null;
  const abs = Math.abs(value);
  const rel = (t: number) => Math.abs(Math.abs(t) - abs) / Math.max(Math.abs(t), abs, 1e-9);
  const scored = entries
    .filter((e) => !e.x.token.mode && Math.sign(e.v) * Math.sign(value) >= 0)
    .map((e) => ({ token: e.x.token, distance: rel(e.v), off: Math.abs(Math.abs(e.v) - abs) }))
    .sort((a, b) => a.distance - b.distance || (a.token.path < b.token.path ? -1 : 1));
  const near = dedupe(scored.filter((s) => s.distance <= NEAR_SCALE_RATIO)).slice(0, 3);
  const label = (off: number) => `${round(off, 3)}${unit} off`;
  if (near.length && !nearScale) return null;
  if (near.length) return { kind: 'near', candidates: near.map((s) => ({ token: s.token, distance: s.distance, label: label(s.off) })) };
  const best = scored[0];
  return offScale(best ? { token: best.token, distance: best.distance, label: label(best.off) } : null);
}

/** `spacing.1.5` -> `spacing["1.5"]`, `color.accent-hover` -> `color["accent-hover"]`: a JS member path. */
export function jsAccessor(path: string): string {
  return path
    .split('.')
    .map((seg, i) => (i === 0 ? seg : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
    .join('');
}

/** The CSS variable name of a token without `--`: its own, or the path joined with `-` (Style Dictionary's convention). */
export function cssNameOf(token: DesignToken): string {
  return token.cssVar ? token.cssVar.slice(2) : token.path.replace(/\./g, '-');
}

export interface Replacement {
  text: string;
  /** the replacement is known to be right (a configured template, or the token's own variable or class) */
  certain: boolean;
}

function fill(template: string, token: DesignToken, utility: string | undefined, expression: boolean): string {
  return template
    .replace(/\{name\}/g, cssNameOf(token))
    .replace(/([.]?)\{path\}/g, (_w, dot: string) => (expression && dot ? jsAccessor(`x.${token.path}`).slice(1) : `${dot}${token.path}`))
    .replace(/\{utility\}/g, utility ?? '')
    .replace(/\{key\}/g, token.tailwind?.key ?? token.path.split('.').pop()!);
}

/**
 * The text that replaces a hard-coded value with a token in a context. `utility` is the Tailwind utility
 * (`bg`, `-mt`, `rounded-t`) in class names. `whole` says whether the value is the whole literal (object
 * contexts replace the literal, quotes included) or part of it (then only a CSS-variable text fits).
 */
export function replacementFor(
  token: DesignToken,
  context: StyleContext,
  templates: ReplacementTemplates,
  opts: { utility?: string; whole?: boolean; quote?: string } = {},
): Replacement | null {
  const configured = templates[context];
  const quote = opts.quote ?? "'";
  // a variable of bare channels (`--x: 255 0 0`) is a color only inside rgb()/hsl()
  const cssVarText = token.cssVar ? (token.channels ? `${token.channels}(var(${token.cssVar}))` : `var(${token.cssVar})`) : null;
  if (token.js) return jsReplacement(token, context, opts.whole !== false);
  switch (context) {
    case 'css':
    case 'template': {
      if (configured) return { text: fill(configured, token, undefined, false), certain: true };
      if (cssVarText) return { text: cssVarText, certain: true };
      if (token.scssVar) return { text: token.scssVar, certain: false };
      if (token.tailwind && token.file !== 'tailwind:defaults') return { text: `theme(${token.path})`, certain: false };
      return { text: `var(--${cssNameOf(token)})`, certain: false };
    }
    case 'object':
    case 'native': {
      if (opts.whole === false) {
        if (cssVarText && context === 'object') return { text: cssVarText, certain: true };
        return null;
      }
      if (configured) return { text: fill(configured, token, undefined, true), certain: true };
      if (context === 'native') return null;
      if (cssVarText) return { text: `${quote}${cssVarText}${quote}`, certain: true };
      if (token.tailwind) return null; // a Tailwind theme key has no name in a style object
      return { text: `${quote}var(--${cssNameOf(token)})${quote}`, certain: false };
    }
    case 'className': {
      const utility = opts.utility ?? '';
      if (configured) return { text: fill(configured, token, utility, false), certain: true };
      if (token.tailwind && opts.whole !== false) {
        const key = token.tailwind.key;
        return { text: key === 'DEFAULT' ? utility : `${utility}-${key}`, certain: true };
      }
      if (cssVarText && opts.whole !== false) return { text: `${utility}-[${cssVarText.replace(/\s+/g, '_')}]`, certain: true };
      return null;
    }
  }
}

/**
 * A token kept in TypeScript: a theme's value is read from the theme in scope (`${({ theme }) => theme.x}` in
 * a styled template, `theme.x` in a style object), a palette's from its module (`${palette.x}`, `palette.x`).
 * Never certain: the theme or the import has to be in scope.
 */
function jsReplacement(token: DesignToken, context: StyleContext, whole: boolean): Replacement | null {
  const js = token.js!;
  if (context === 'template') return { text: token.jsModule ? `\${${js}}` : `\${({ theme }) => ${js}}`, certain: false };
  if ((context === 'object' || context === 'native') && whole) return { text: js, certain: false };
  return null;
}

/** A token as people read it in a message: `color.accent` (`--color-accent`), `theme.colors.accent`. */
export function tokenLabel(token: DesignToken): string {
  if (token.js) return token.js;
  return token.cssVar ? token.cssVar : token.scssVar ? token.scssVar : token.path;
}
