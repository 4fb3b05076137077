/**
 * Tailwind themes as tokens: a v3 `theme` / `theme.extend` object read statically from
 * tailwind.config.{js,cjs,mjs,ts} (never executed), and Tailwind's default scales (spacing, font sizes,
 * radii, weights, line heights, letter spacing, z-index, durations, easings, breakpoints) for the
 * namespaces a project does not replace. Default colors are not included: a palette is a project's choice.
 */
import type { TokenFamily } from '../css-value.js';
import { isRecord, readStaticExport, UNKNOWN, UNREAD_SPREAD } from './static-js.js';
import type { StaticValue } from './static-js.js';
import type { DesignToken } from './types.js';

/** Tailwind v3 theme keys we read: their v4 namespace (used for utility names) and token family. */
export const TAILWIND_NAMESPACES: Record<string, { namespace: string; family: TokenFamily }> = {
  colors: { namespace: 'color', family: 'color' },
  spacing: { namespace: 'spacing', family: 'spacing' },
  borderRadius: { namespace: 'radius', family: 'radius' },
  fontSize: { namespace: 'text', family: 'font-size' },
  fontWeight: { namespace: 'font-weight', family: 'font-weight' },
  lineHeight: { namespace: 'leading', family: 'line-height' },
  letterSpacing: { namespace: 'tracking', family: 'letter-spacing' },
  boxShadow: { namespace: 'shadow', family: 'shadow' },
  zIndex: { namespace: 'z', family: 'z-index' },
  transitionDuration: { namespace: 'duration', family: 'duration' },
  transitionTimingFunction: { namespace: 'ease', family: 'easing' },
  screens: { namespace: 'breakpoint', family: 'breakpoint' },
};

/** v4 `@theme` variable prefixes -> namespace and family. Longer prefixes first. */
export const TAILWIND_V4_PREFIXES: Array<{ prefix: string; namespace: string; family: TokenFamily }> = [
  { prefix: '--inset-shadow-', namespace: 'inset-shadow', family: 'other' },
  { prefix: '--drop-shadow-', namespace: 'drop-shadow', family: 'other' },
  { prefix: '--font-weight-', namespace: 'font-weight', family: 'font-weight' },
  { prefix: '--breakpoint-', namespace: 'breakpoint', family: 'breakpoint' },
  { prefix: '--container-', namespace: 'container', family: 'sizing' },
  { prefix: '--tracking-', namespace: 'tracking', family: 'letter-spacing' },
  { prefix: '--leading-', namespace: 'leading', family: 'line-height' },
  { prefix: '--spacing-', namespace: 'spacing', family: 'spacing' },
  { prefix: '--radius-', namespace: 'radius', family: 'radius' },
  { prefix: '--shadow-', namespace: 'shadow', family: 'shadow' },
  { prefix: '--color-', namespace: 'color', family: 'color' },
  { prefix: '--text-', namespace: 'text', family: 'font-size' },
  { prefix: '--ease-', namespace: 'ease', family: 'easing' },
  { prefix: '--font-', namespace: 'font', family: 'font-family' },
  { prefix: '--z-', namespace: 'z', family: 'z-index' },
];

/** Theme objects nest colors as `brand.light.500` at most a few levels deep. */
const MAX_THEME_DEPTH = 6;

function flatten(value: StaticValue, keyPath: string[], out: Array<{ keyPath: string[]; value: string }>, depth = 0): void {
  if (depth > MAX_THEME_DEPTH || value === UNKNOWN) return;
  if (typeof value === 'string' || typeof value === 'number') {
    out.push({ keyPath, value: String(value) });
    return;
  }
  if (Array.isArray(value)) {
    // fontSize: ['0.875rem', { lineHeight: ... }]; fontFamily arrays are not read
    const first = value[0];
    if (typeof first === 'string' || typeof first === 'number') out.push({ keyPath, value: String(first) });
    return;
  }
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) flatten(v, [...keyPath, k], out, depth + 1);
}

export interface TailwindConfigRead {
  tokens: DesignToken[];
  /** namespaces whose defaults the config replaces (`theme.spacing` rather than `theme.extend.spacing`) */
  replaced: string[];
  /** theme.extend was read, or theme was */
  readable: boolean;
  /**
   * theme keys whose value the reader could not evaluate (`{ ...coreConfig }`, `theme: { ...shared.theme }`,
   * `spacing: sharedSpacing`): the project's scale there is unknown, so none of Tailwind's default steps may stand
   */
  unknown: string[];
}

/** An object that spreads something unread, or a value that could not be read at all. */
const unread = (v: StaticValue | undefined): boolean => v === UNKNOWN || (isRecord(v) && UNREAD_SPREAD.has(v));

/**
 * The theme keys of a config that come from something the reader could not evaluate: all of them when the config
 * spreads an unread value and writes no theme of its own, or its theme is unread; otherwise the keys a theme that
 * spreads an unread value does not set itself, and the keys whose own value is unread. medusa's docs apps
 * (`{ ...coreConfig, theme: { ...coreConfig.theme } }`, the core config imported from a workspace package that
 * replaces `theme.spacing`) were offered `gap-1.5` for 6px where their `1.5` is 24px: 29 judged wrong.
 */
function unknownThemeKeys(config: StaticValue, source: string): string[] {
  if (!isRecord(config)) return [];
  const theme = config.theme;
  const all = Object.keys(TAILWIND_NAMESPACES);
  if (theme === undefined ? UNREAD_SPREAD.has(config) : theme === UNKNOWN) return all;
  if (!isRecord(theme)) return [];
  const spreads = UNREAD_SPREAD.get(theme) ?? [];
  // `const { spacing, ...coreTheme } = core.theme`: a key taken out before the rest is not in what is spread
  const rests = destructuredRests(source);
  const absent = (k: string) => spreads.every((name) => name !== null && !!rests.get(name)?.includes(k));
  return all.filter((k) => unread(theme[k]) || (spreads.length > 0 && theme[k] === undefined && !absent(k)));
}

/** The rest bindings of object destructurings (`const { spacing, ...coreTheme } = ...`) and the keys they leave out. */
function destructuredRests(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(/\b(?:const|let|var)\s*\{([^{}]*?)\.\.\.\s*([\w$]+)\s*\}\s*=/g))
    out.set(
      m[2]!,
      m[1]!
        .split(',')
        .map((p) =>
          p
            .split(/[:=]/)[0]!
            .trim()
            .replace(/^['"]|['"]$/g, ''),
        )
        .filter(Boolean),
    );
  return out;
}

/** Reads the theme of a Tailwind v3 config statically; values that need execution are skipped. */
export function readTailwindConfig(source: string, file: string): TailwindConfigRead {
  let config = readStaticExport(source);
  // presets: [{ ...shared, theme: {...} }] (a preset written inline) -> read the first readable theme
  if (isRecord(config) && !isRecord(config.theme) && Array.isArray(config.presets)) {
    const inline = config.presets.find((p) => isRecord(p) && isRecord(p.theme));
    if (inline) config = inline;
  }
  const theme = isRecord(config) ? config.theme : undefined;
  const unknown = unknownThemeKeys(config, source);
  if (!isRecord(theme)) return { tokens: [], replaced: [], readable: false, unknown };
  const tokens: DesignToken[] = [];
  const replaced: string[] = [];
  const read = (section: Record<string, StaticValue>, isExtend: boolean) => {
    for (const [themeKey, ns] of Object.entries(TAILWIND_NAMESPACES)) {
      const group = section[themeKey];
      if (!isRecord(group)) continue;
      if (!isExtend) replaced.push(themeKey);
      const flat: Array<{ keyPath: string[]; value: string }> = [];
      flatten(group, [], flat);
      for (const { keyPath, value } of flat) {
        const keys = keyPath.filter((k) => k !== 'DEFAULT');
        const key = keys.length ? keys.join('-') : 'DEFAULT';
        const v = value.replace(/\s*\/\s*<alpha-value>\s*/, '').trim();
        if (!v || keyPath.length === 0) continue;
        tokens.push({
          path: [themeKey, ...keyPath].join('.'),
          value: v,
          family: ns.family,
          file,
          tailwind: { namespace: ns.namespace, key },
        });
      }
    }
  };
  read(theme, false);
  if (isRecord(theme.extend)) read(theme.extend, true);
  return { tokens, replaced: replaced.filter((k) => !unknown.includes(k)), readable: true, unknown };
}

const rem = (n: number) => `${Math.round(n * 10000) / 10000}rem`;

/** Tailwind's default scales (v3 names; v4 keeps them apart from the radius renames). */
export function tailwindDefaultTokens(version: 3 | 4, replaced: ReadonlySet<string>, spacingBase = 0.25): DesignToken[] {
  const file = 'tailwind:defaults';
  const out: DesignToken[] = [];
  const add = (themeKey: string, key: string, value: string) => {
    const ns = TAILWIND_NAMESPACES[themeKey]!;
    out.push({ path: `${themeKey}.${key}`, value, family: ns.family, file, tailwind: { namespace: ns.namespace, key } });
  };
  if (!replaced.has('spacing')) {
    add('spacing', 'px', '1px');
    for (const n of [
      0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 72, 80, 96,
    ]) {
      add('spacing', String(n), rem(n * spacingBase));
    }
  }
  if (!replaced.has('fontSize')) {
    const sizes: Array<[string, number]> = [
      ['xs', 0.75],
      ['sm', 0.875],
      ['base', 1],
      ['lg', 1.125],
      ['xl', 1.25],
      ['2xl', 1.5],
      ['3xl', 1.875],
      ['4xl', 2.25],
      ['5xl', 3],
      ['6xl', 3.75],
      ['7xl', 4.5],
      ['8xl', 6],
      ['9xl', 8],
    ];
    for (const [k, v] of sizes) add('fontSize', k, rem(v));
  }
  if (!replaced.has('borderRadius')) {
    const radii: Array<[string, number]> =
      version === 4
        ? [
            ['xs', 0.125],
            ['sm', 0.25],
            ['md', 0.375],
            ['lg', 0.5],
            ['xl', 0.75],
            ['2xl', 1],
            ['3xl', 1.5],
            ['4xl', 2],
          ]
        : [
            ['sm', 0.125],
            ['DEFAULT', 0.25],
            ['md', 0.375],
            ['lg', 0.5],
            ['xl', 0.75],
            ['2xl', 1],
            ['3xl', 1.5],
          ];
    for (const [k, v] of radii) add('borderRadius', k, rem(v));
  }
  if (!replaced.has('fontWeight')) {
    const weights: Array<[string, number]> = [
      ['thin', 100],
      ['extralight', 200],
      ['light', 300],
      ['normal', 400],
      ['medium', 500],
      ['semibold', 600],
      ['bold', 700],
      ['extrabold', 800],
      ['black', 900],
    ];
    for (const [k, v] of weights) add('fontWeight', k, String(v));
  }
  if (!replaced.has('lineHeight')) {
    const lh: Array<[string, string]> = [
      ['tight', '1.25'],
      ['snug', '1.375'],
      ['normal', '1.5'],
      ['relaxed', '1.625'],
      ['loose', '2'],
    ];
    for (const [k, v] of lh) add('lineHeight', k, v);
    for (const n of [3, 4, 5, 6, 7, 8, 9, 10]) add('lineHeight', String(n), rem(n * 0.25));
  }
  if (!replaced.has('letterSpacing')) {
    const ls: Array<[string, string]> = [
      ['tighter', '-0.05em'],
      ['tight', '-0.025em'],
      ['wide', '0.025em'],
      ['wider', '0.05em'],
      ['widest', '0.1em'],
    ];
    for (const [k, v] of ls) add('letterSpacing', k, v);
  }
  if (!replaced.has('zIndex')) for (const n of [10, 20, 30, 40, 50]) add('zIndex', String(n), String(n));
  if (!replaced.has('transitionDuration'))
    for (const n of [75, 100, 150, 200, 300, 500, 700, 1000]) add('transitionDuration', String(n), `${n}ms`);
  if (!replaced.has('transitionTimingFunction')) {
    add('transitionTimingFunction', 'in', 'cubic-bezier(0.4, 0, 1, 1)');
    add('transitionTimingFunction', 'out', 'cubic-bezier(0, 0, 0.2, 1)');
    add('transitionTimingFunction', 'in-out', 'cubic-bezier(0.4, 0, 0.2, 1)');
  }
  if (!replaced.has('screens')) {
    for (const [k, v] of [
      ['sm', 40],
      ['md', 48],
      ['lg', 64],
      ['xl', 80],
      ['2xl', 96],
    ] as Array<[string, number]>)
      add('screens', k, version === 4 ? rem(v) : `${v * 16}px`);
  }
  return out;
}
