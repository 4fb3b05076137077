import { parseColor } from '../color.js';
import { normalizeEasing, normalizeShadow, parseLength, parseTime } from '../css-value.js';
import type { TokenFamily } from '../css-value.js';

/** `color.accentDefault` / `--font-size_lg` -> `color-accent-default` / `font-size-lg`, for word tests. */
export function pathWords(path: string): string {
  return `-${path
    .replace(/^-+|^\$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[._\s/]+/g, '-')
    .toLowerCase()}-`;
}

const has = (words: string, re: RegExp) => re.test(words);

/**
 * The family of a token from its type, name and value. Names are read as words (`font-size-sm`,
 * `radii.md`, `--text-lg`), the value decides when the name says nothing (a color is a color).
 */
export function tokenFamily(path: string, value: string, type?: string): TokenFamily {
  const words = pathWords(path);
  const v = value.trim();
  const isColor = parseColor(v) !== null || isChannelTriplet(v);
  const length = parseLength(v);
  const isNumber = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v);
  const t = type?.toLowerCase();
  if (t === 'color') return 'color';
  if (
    t === 'shadow' ||
    (has(words, /-(box-)?shadows?-|-elevations?-/) && !has(words, /-drop-/) && normalizeShadow(v) !== null && /\d/.test(v) && !isNumber)
  )
    return 'shadow';
  if (t === 'cubicbezier' || has(words, /-(ease|easing|easings|timing|curve|curves|bezier)-/))
    return normalizeEasing(v) ? 'easing' : 'other';
  if (t === 'duration' || has(words, /-(duration|durations|delay|delays|motion)-/)) return parseTime(v) !== null ? 'duration' : 'other';
  if (t === 'fontfamily' || has(words, /-font-famil(y|ies)-|-typeface-|-font-(sans|serif|mono|display|body|heading)-$/))
    return 'font-family';
  if (isColor) return 'color';
  if (t === 'fontweight' || has(words, /-font-weights?-|-weights?-/))
    return isNumber || /^(bold|normal)$/.test(v) ? 'font-weight' : 'other';
  if (has(words, /-(z|z-index|zindex|z-indices|layers?|stack|stacking)-/)) return isNumber ? 'z-index' : 'other';
  if (has(words, /-line-heights?-|-leading-|-lineheights?-/)) return length || isNumber ? 'line-height' : 'other';
  if (has(words, /-letter-spacings?-|-tracking-|-letterspacings?-/)) return length ? 'letter-spacing' : 'other';
  if (has(words, /-opacit(y|ies)-|-alpha-/)) return 'opacity';
  if (has(words, /-breakpoints?-|-screens?-|-bp-|-media-/)) return length ? 'breakpoint' : 'other';
  if (has(words, /-(radius|radii|rounded|corners?|round)-/)) return length ? 'radius' : 'other';
  if (has(words, /-font-sizes?-|-fontsizes?-|-size-font-|-text-|-type-scale-|-typography-.*-size-|-font-size-/))
    return length ? 'font-size' : 'other';
  if (has(words, /-(spacing|space|spaces|spacer|spacers|gap|gaps|gutter|gutters|padding|margin|inset)-/))
    return length ? 'spacing' : 'other';
  if (has(words, /-(size|sizes|sizing|width|widths|height|heights|container|containers)-/)) return length ? 'sizing' : 'other';
  if (t === 'dimension' || length) return 'dimension';
  if (t === 'number' || isNumber) return 'number';
  return 'other';
}

/**
 * Channel triplets that Tailwind themes keep in custom properties for `rgb(var(--x) / <alpha-value>)`:
 * `37 99 235` (rgb) or `221 83% 53%` (hsl, as shadcn/ui writes them).
 */
export function isChannelTriplet(value: string): boolean {
  return (
    /^\d{1,3}(\.\d+)?\s+\d{1,3}(\.\d+)?\s+\d{1,3}(\.\d+)?$/.test(value) ||
    /^\d{1,3}(\.\d+)?(deg)?\s+\d{1,3}(\.\d+)?%\s+\d{1,3}(\.\d+)?%$/.test(value)
  );
}

/** `37 99 235` -> `rgb(37 99 235)`, `221 83% 53%` -> `hsl(221 83% 53%)`; other values unchanged. */
export function expandChannelTriplet(value: string): string {
  const v = value.trim();
  if (/^\d{1,3}(\.\d+)?\s+\d{1,3}(\.\d+)?\s+\d{1,3}(\.\d+)?$/.test(v)) return `rgb(${v})`;
  if (/^\d{1,3}(\.\d+)?(deg)?\s+\d{1,3}(\.\d+)?%\s+\d{1,3}(\.\d+)?%$/.test(v)) return `hsl(${v})`;
  return value;
}
