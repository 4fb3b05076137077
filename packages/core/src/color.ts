/**
 * Color parsing, conversion and perceptual distance: hex (3/4/6/8 digits), rgb()/rgba(), hsl()/hsla(),
 * hwb(), oklch(), oklab() and CSS named colors; sRGB <-> linear <-> XYZ (D65) <-> CIELAB, OKLab; CIEDE2000
 * (ΔE00) and Euclidean OKLab distance. Everything is plain math with no dependencies.
 */

/** An sRGB color with channels in 0..1 (may lie outside for out-of-gamut oklch/oklab input) and alpha 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  alpha: number;
}

export interface Lab {
  L: number;
  a: number;
  b: number;
}

/** CSS Color 4 named colors as 0xRRGGBB (from the public CSS specification's table). */
const NAMED: Record<string, number> = {
  aliceblue: 0xf0f8ff,
  antiquewhite: 0xfaebd7,
  aqua: 0x00ffff,
  aquamarine: 0x7fffd4,
  azure: 0xf0ffff,
  beige: 0xf5f5dc,
  bisque: 0xffe4c4,
  black: 0x000000,
  blanchedalmond: 0xffebcd,
  blue: 0x0000ff,
  blueviolet: 0x8a2be2,
  brown: 0xa52a2a,
  burlywood: 0xdeb887,
  cadetblue: 0x5f9ea0,
  chartreuse: 0x7fff00,
  chocolate: 0xd2691e,
  coral: 0xff7f50,
  cornflowerblue: 0x6495ed,
  cornsilk: 0xfff8dc,
  crimson: 0xdc143c,
  cyan: 0x00ffff,
  darkblue: 0x00008b,
  darkcyan: 0x008b8b,
  darkgoldenrod: 0xb8860b,
  darkgray: 0xa9a9a9,
  darkgreen: 0x006400,
  darkgrey: 0xa9a9a9,
  darkkhaki: 0xbdb76b,
  darkmagenta: 0x8b008b,
  darkolivegreen: 0x556b2f,
  darkorange: 0xff8c00,
  darkorchid: 0x9932cc,
  darkred: 0x8b0000,
  darksalmon: 0xe9967a,
  darkseagreen: 0x8fbc8f,
  darkslateblue: 0x483d8b,
  darkslategray: 0x2f4f4f,
  darkslategrey: 0x2f4f4f,
  darkturquoise: 0x00ced1,
  darkviolet: 0x9400d3,
  deeppink: 0xff1493,
  deepskyblue: 0x00bfff,
  dimgray: 0x696969,
  dimgrey: 0x696969,
  dodgerblue: 0x1e90ff,
  firebrick: 0xb22222,
  floralwhite: 0xfffaf0,
  forestgreen: 0x228b22,
  fuchsia: 0xff00ff,
  gainsboro: 0xdcdcdc,
  ghostwhite: 0xf8f8ff,
  gold: 0xffd700,
  goldenrod: 0xdaa520,
  gray: 0x808080,
  green: 0x008000,
  greenyellow: 0xadff2f,
  grey: 0x808080,
  honeydew: 0xf0fff0,
  hotpink: 0xff69b4,
  indianred: 0xcd5c5c,
  indigo: 0x4b0082,
  ivory: 0xfffff0,
  khaki: 0xf0e68c,
  lavender: 0xe6e6fa,
  lavenderblush: 0xfff0f5,
  lawngreen: 0x7cfc00,
  lemonchiffon: 0xfffacd,
  lightblue: 0xadd8e6,
  lightcoral: 0xf08080,
  lightcyan: 0xe0ffff,
  lightgoldenrodyellow: 0xfafad2,
  lightgray: 0xd3d3d3,
  lightgreen: 0x90ee90,
  lightgrey: 0xd3d3d3,
  lightpink: 0xffb6c1,
  lightsalmon: 0xffa07a,
  lightseagreen: 0x20b2aa,
  lightskyblue: 0x87cefa,
  lightslategray: 0x778899,
  lightslategrey: 0x778899,
  lightsteelblue: 0xb0c4de,
  lightyellow: 0xffffe0,
  lime: 0x00ff00,
  limegreen: 0x32cd32,
  linen: 0xfaf0e6,
  magenta: 0xff00ff,
  maroon: 0x800000,
  mediumaquamarine: 0x66cdaa,
  mediumblue: 0x0000cd,
  mediumorchid: 0xba55d3,
  mediumpurple: 0x9370db,
  mediumseagreen: 0x3cb371,
  mediumslateblue: 0x7b68ee,
  mediumspringgreen: 0x00fa9a,
  mediumturquoise: 0x48d1cc,
  mediumvioletred: 0xc71585,
  midnightblue: 0x191970,
  mintcream: 0xf5fffa,
  mistyrose: 0xffe4e1,
  moccasin: 0xffe4b5,
  navajowhite: 0xffdead,
  navy: 0x000080,
  oldlace: 0xfdf5e6,
  olive: 0x808000,
  olivedrab: 0x6b8e23,
  orange: 0xffa500,
  orangered: 0xff4500,
  orchid: 0xda70d6,
  palegoldenrod: 0xeee8aa,
  palegreen: 0x98fb98,
  paleturquoise: 0xafeeee,
  palevioletred: 0xdb7093,
  papayawhip: 0xffefd5,
  peachpuff: 0xffdab9,
  peru: 0xcd853f,
  pink: 0xffc0cb,
  plum: 0xdda0dd,
  powderblue: 0xb0e0e6,
  purple: 0x800080,
  rebeccapurple: 0x663399,
  red: 0xff0000,
  rosybrown: 0xbc8f8f,
  royalblue: 0x4169e1,
  saddlebrown: 0x8b4513,
  salmon: 0xfa8072,
  sandybrown: 0xf4a460,
  seagreen: 0x2e8b57,
  seashell: 0xfff5ee,
  sienna: 0xa0522d,
  silver: 0xc0c0c0,
  skyblue: 0x87ceeb,
  slateblue: 0x6a5acd,
  slategray: 0x708090,
  slategrey: 0x708090,
  snow: 0xfffafa,
  springgreen: 0x00ff7f,
  steelblue: 0x4682b4,
  tan: 0xd2b48c,
  teal: 0x008080,
  thistle: 0xd8bfd8,
  tomato: 0xff6347,
  turquoise: 0x40e0d0,
  violet: 0xee82ee,
  wheat: 0xf5deb3,
  white: 0xffffff,
  whitesmoke: 0xf5f5f5,
  yellow: 0xffff00,
  yellowgreen: 0x9acd32,
};

export function isNamedColor(word: string): boolean {
  return Object.prototype.hasOwnProperty.call(NAMED, word.toLowerCase());
}

/** Functions whose result is a color. */
export const COLOR_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'oklch', 'oklab']);

const HEX_RE = /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

function parseHex(text: string): Rgba | null {
  const m = HEX_RE.exec(text);
  if (!m) return null;
  let h = m[1]!;
  if (h.length <= 4) h = [...h].map((c) => c + c).join('');
  const n = (i: number) => parseInt(h.slice(i, i + 2), 16) / 255;
  return { r: n(0), g: n(2), b: n(4), alpha: h.length === 8 ? n(6) : 1 };
}

/** A number with an optional unit, as CSS color functions take them. */
function parseComponent(text: string): { value: number; unit: string } | null {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%|deg|rad|grad|turn)?$/i.exec(text);
  if (!m || !Number.isFinite(Number(m[1]))) return null; // 1e999 is no color
  return { value: Number(m[1]), unit: (m[2] ?? '').toLowerCase() };
}

function hueDegrees(c: { value: number; unit: string }): number {
  switch (c.unit) {
    case 'rad':
      return (c.value * 180) / Math.PI;
    case 'grad':
      return c.value * 0.9;
    case 'turn':
      return c.value * 360;
    default:
      return c.value;
  }
}

function alphaOf(c: { value: number; unit: string } | null | undefined): number | null {
  if (!c) return 1;
  if (c.unit === '%') return Math.min(1, Math.max(0, c.value / 100));
  if (c.unit) return null;
  return Math.min(1, Math.max(0, c.value));
}

/** Splits the argument text of a color function into its three components and the optional alpha. */
function splitArgs(args: string): { parts: string[]; alpha?: string } | null {
  const text = args.trim();
  if (text.includes(',')) {
    const parts = text.split(',').map((s) => s.trim());
    if (parts.length === 3) return { parts };
    if (parts.length === 4) return { parts: parts.slice(0, 3), alpha: parts[3]! };
    return null;
  }
  const [main, alpha, ...rest] = text.split('/').map((s) => s.trim());
  if (rest.length || main === undefined) return null;
  const parts = main.split(/\s+/).filter(Boolean);
  if (parts.length !== 3) return null;
  return alpha !== undefined ? { parts, alpha } : { parts };
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const hue = ((h % 360) + 360) % 360;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
}

function parseFunction(name: string, args: string): Rgba | null {
  const split = splitArgs(args);
  if (!split) return null;
  const comps = split.parts.map(parseComponent);
  if (comps.some((c) => c === null)) return null;
  const [c1, c2, c3] = comps as Array<{ value: number; unit: string }>;
  const alpha = alphaOf(split.alpha !== undefined ? parseComponent(split.alpha) : undefined);
  if (alpha === null || !c1 || !c2 || !c3) return null;
  switch (name) {
    case 'rgb':
    case 'rgba': {
      const ch = (c: { value: number; unit: string }) => (c.unit === '%' ? c.value / 100 : c.unit ? NaN : c.value / 255);
      const [r, g, b] = [ch(c1), ch(c2), ch(c3)];
      if ([r, g, b].some((v) => Number.isNaN(v))) return null;
      return { r, g, b, alpha };
    }
    case 'hsl':
    case 'hsla':
    case 'hwb': {
      if (c1.unit === '%') return null;
      const pct = (c: { value: number; unit: string }) => (c.unit === '%' || c.unit === '' ? c.value / 100 : NaN);
      const x = pct(c2);
      const y = pct(c3);
      if (Number.isNaN(x) || Number.isNaN(y)) return null;
      if (name === 'hwb') {
        const [w, bl] = [x, y];
        if (w + bl >= 1) {
          const grey = w / (w + bl);
          return { r: grey, g: grey, b: grey, alpha };
        }
        const [r, g, b] = hslToRgb(hueDegrees(c1), 1, 0.5).map((v) => v * (1 - w - bl) + w) as [number, number, number];
        return { r, g, b, alpha };
      }
      const [r, g, b] = hslToRgb(hueDegrees(c1), x, y);
      return { r, g, b, alpha };
    }
    case 'oklch':
    case 'oklab': {
      const L = c1.unit === '%' ? c1.value / 100 : c1.value;
      let a: number;
      let b: number;
      if (name === 'oklch') {
        const C = c2.unit === '%' ? (c2.value / 100) * 0.4 : c2.value;
        const h = (hueDegrees(c3) * Math.PI) / 180;
        a = C * Math.cos(h);
        b = C * Math.sin(h);
      } else {
        a = c2.unit === '%' ? (c2.value / 100) * 0.4 : c2.value;
        b = c3.unit === '%' ? (c3.value / 100) * 0.4 : c3.value;
      }
      const [r, g, bl] = linearToSrgb(oklabToLinear({ L, a, b }));
      return { r, g, b: bl, alpha };
    }
    default:
      return null;
  }
}

/**
 * Parses one CSS color: `#4a90e2`, `#fff8`, `rgb(74 144 226 / 50%)`, `rgba(74,144,226,.5)`,
 * `hsl(212deg 72% 59%)`, `oklch(0.65 0.14 250)`, a named color (only when `named` is true) or
 * `transparent`. Returns null for anything else, including colors that contain var() or preprocessor
 * variables.
 */
export function parseColor(text: string, options: { named?: boolean } = {}): Rgba | null {
  const t = text.trim();
  if (t.startsWith('#')) return parseHex(t);
  const fn = /^([a-z]+)\(\s*([^()]*)\)$/i.exec(t);
  if (fn) {
    const name = fn[1]!.toLowerCase();
    const c = COLOR_FUNCTIONS.has(name) ? parseFunction(name, fn[2]!) : null;
    // huge components overflow the conversions (Infinity - Infinity): no color, rather than NaN channels
    return c && [c.r, c.g, c.b, c.alpha].every(Number.isFinite) ? c : null;
  }
  const lower = t.toLowerCase();
  if (lower === 'transparent') return { r: 0, g: 0, b: 0, alpha: 0 };
  if (options.named && isNamedColor(lower)) {
    const n = NAMED[lower]!;
    return { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255, alpha: 1 };
  }
  return null;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** `#rrggbb`, or `#rrggbbaa` when not opaque; channels clamped to the sRGB gamut. */
export function toHex(c: Rgba): string {
  const h = (v: number) =>
    Math.round(clamp01(v) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}${c.alpha < 1 ? h(c.alpha) : ''}`;
}

/** Same color after rounding to 8 bits per channel (what a browser paints). */
export function sameColor(a: Rgba, b: Rgba): boolean {
  return toHex(a) === toHex(b);
}

/** The sRGB transfer function's linear segment: its end (encoded and linear) and slope. */
const SRGB_LINEAR_END = 0.04045;
const LINEAR_SRGB_END = 0.0031308;
const SRGB_LINEAR_SLOPE = 12.92;

function srgbToLinearChannel(c: number): number {
  const abs = Math.abs(c);
  const v = abs <= SRGB_LINEAR_END ? abs / SRGB_LINEAR_SLOPE : ((abs + 0.055) / 1.055) ** 2.4;
  return Math.sign(c) * v;
}

function linearToSrgbChannel(c: number): number {
  const abs = Math.abs(c);
  const v = abs <= LINEAR_SRGB_END ? abs * SRGB_LINEAR_SLOPE : 1.055 * abs ** (1 / 2.4) - 0.055;
  return Math.sign(c) * v;
}

export function srgbToLinear(c: Rgba): [number, number, number] {
  return [srgbToLinearChannel(c.r), srgbToLinearChannel(c.g), srgbToLinearChannel(c.b)];
}

export function linearToSrgb(rgb: [number, number, number]): [number, number, number] {
  return [linearToSrgbChannel(rgb[0]), linearToSrgbChannel(rgb[1]), linearToSrgbChannel(rgb[2])];
}

/** CIE XYZ (D65, Y of white = 1) of an sRGB color. */
export function toXyz(c: Rgba): [number, number, number] {
  const [r, g, b] = srgbToLinear(c);
  return [
    0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
    0.2126729 * r + 0.7151522 * g + 0.072175 * b,
    0.0193339 * r + 0.119192 * g + 0.9503041 * b,
  ];
}

const D65 = [0.95047, 1, 1.08883] as const;

/** CIELAB (D65 reference white) of an sRGB color. */
export function toLab(c: Rgba): Lab {
  const [x, y, z] = toXyz(c);
  const eps = (6 / 29) ** 3;
  const f = (t: number) => (t > eps ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const fx = f(x / D65[0]);
  const fy = f(y / D65[1]);
  const fz = f(z / D65[2]);
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** OKLab of an sRGB color (Björn Ottosson's published matrices). */
export function toOklab(c: Rgba): Lab {
  const [r, g, b] = srgbToLinear(c);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {
    L: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

export function oklabToLinear(lab: Lab): [number, number, number] {
  const l = (lab.L + 0.3963377774 * lab.a + 0.2158037573 * lab.b) ** 3;
  const m = (lab.L - 0.1055613458 * lab.a - 0.0638541728 * lab.b) ** 3;
  const s = (lab.L - 0.0894841775 * lab.a - 1.291485548 * lab.b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

const deg = (rad: number) => (rad * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/** CIEDE2000 color difference of two CIELAB colors (kL = kC = kH = 1). */
export function deltaE2000(x: Lab, y: Lab): number {
  const C1 = Math.hypot(x.a, x.b);
  const C2 = Math.hypot(y.a, y.b);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + 25 ** 7)));
  const a1 = (1 + G) * x.a;
  const a2 = (1 + G) * y.a;
  const C1p = Math.hypot(a1, x.b);
  const C2p = Math.hypot(a2, y.b);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (deg(Math.atan2(b, a)) + 360) % 360);
  const h1 = hue(x.b, a1);
  const h2 = hue(y.b, a2);
  const dL = y.L - x.L;
  const dC = C2p - C1p;
  let dh = 0;
  if (C1p * C2p !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dh / 2));
  const Lbar = (x.L + y.L) / 2;
  const Cbar = (C1p + C2p) / 2;
  let hbar = h1 + h2;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1 - h2) <= 180) hbar = (h1 + h2) / 2;
    else hbar = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  const T =
    1 -
    0.17 * Math.cos(rad(hbar - 30)) +
    0.24 * Math.cos(rad(2 * hbar)) +
    0.32 * Math.cos(rad(3 * hbar + 6)) -
    0.2 * Math.cos(rad(4 * hbar - 63));
  const dTheta = 30 * Math.exp(-(((hbar - 275) / 25) ** 2));
  const Cbar7p = Cbar ** 7;
  const RC = 2 * Math.sqrt(Cbar7p / (Cbar7p + 25 ** 7));
  const SL = 1 + (0.015 * (Lbar - 50) ** 2) / Math.sqrt(20 + (Lbar - 50) ** 2);
  const SC = 1 + 0.045 * Cbar;
  const SH = 1 + 0.015 * Cbar * T;
  const RT = -Math.sin(rad(2 * dTheta)) * RC;
  const l = dL / SL;
  const c = dC / SC;
  const h = dH / SH;
  return Math.sqrt(l * l + c * c + h * h + RT * c * h);
}

/** Euclidean distance in OKLab (about 0.02 is a just-noticeable difference). */
export function deltaOklab(x: Lab, y: Lab): number {
  return Math.hypot(x.L - y.L, x.a - y.a, x.b - y.b);
}

export type ColorDistanceMethod = 'ciede2000' | 'oklab';

/** A fully transparent and an opaque color are this far apart (ΔE units), whatever their hue. */
const ALPHA_WEIGHT = 50;

/**
 * Perceptual distance of two colors on the ΔE00 scale (1 ≈ just noticeable). With `oklab` the OKLab
 * distance is scaled by 100 so both methods share thresholds. Alpha differences add up to 50.
 */
export function colorDistance(a: Rgba, b: Rgba, method: ColorDistanceMethod = 'ciede2000'): number {
  const d = method === 'oklab' ? deltaOklab(toOklab(a), toOklab(b)) * 100 : deltaE2000(toLab(a), toLab(b));
  return d + ALPHA_WEIGHT * Math.abs(a.alpha - b.alpha);
}
