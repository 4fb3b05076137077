// Property-based tests of the color math (issue 10): every syntax round-trips to the same 8-bit color,
// OKLab conversions invert each other, distances are symmetric, zero on the diagonal and never negative,
// and no input string makes the parser throw or return a color that is not a number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  colorDistance,
  deltaE2000,
  deltaOklab,
  linearToSrgb,
  oklabToLinear,
  parseColor,
  sameColor,
  toHex,
  toLab,
  toOklab,
} from '../src/color.js';
import type { Rgba } from '../src/color.js';

const byte = fc.integer({ min: 0, max: 255 });
/** Colors a stylesheet can hold exactly: 8 bits per channel, alpha in 1/255 steps (1 most of the time). */
const color8 = fc.record({ r: byte, g: byte, b: byte, a: fc.oneof(fc.constant(255), byte) });
const toRgba = (c: { r: number; g: number; b: number; a: number }): Rgba => ({
  r: c.r / 255,
  g: c.g / 255,
  b: c.b / 255,
  alpha: c.a / 255,
});
const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Reference sRGB -> HSL (the CSS Color 4 formula), to write hsl() text for the parser to read back. */
function rgbToHsl({ r, g, b }: Rgba): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return [0, 0, l * 100];
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  return [h, s * 100, l * 100];
}

const RUNS = { numRuns: 500 };

describe('color syntaxes round-trip (property-based)', () => {
  it('hex: #rrggbb and #rrggbbaa parse to the color they name and print back the same', () => {
    fc.assert(
      fc.property(color8, fc.boolean(), (c, upper) => {
        const hex = `#${hex2(c.r)}${hex2(c.g)}${hex2(c.b)}${c.a === 255 ? '' : hex2(c.a)}`;
        const parsed = parseColor(upper ? hex.toUpperCase() : hex);
        expect(parsed).not.toBeNull();
        expect(toHex(parsed!)).toBe(hex);
      }),
      RUNS,
    );
  });

  it('rgb()/rgba(), comma and space syntax, numbers and percentages, name the same color as its hex', () => {
    fc.assert(
      fc.property(color8, fc.constantFrom('rgb', 'rgba'), fc.boolean(), fc.boolean(), (c, fn, commas, percent) => {
        const ch = (v: number) => (percent ? `${(v / 255) * 100}%` : String(v));
        const alpha = c.a === 255 ? null : String(c.a / 255);
        const text = commas
          ? `${fn}(${ch(c.r)}, ${ch(c.g)}, ${ch(c.b)}${alpha ? `, ${alpha}` : ''})`
          : `${fn}(${ch(c.r)} ${ch(c.g)} ${ch(c.b)}${alpha ? ` / ${alpha}` : ''})`;
        const parsed = parseColor(text);
        expect(parsed, text).not.toBeNull();
        expect(sameColor(parsed!, toRgba(c)), text).toBe(true);
      }),
      RUNS,
    );
  });

  it('hsl(): a color written as hsl reads back as the same 8-bit color', () => {
    fc.assert(
      fc.property(color8, fc.boolean(), (c, deg) => {
        const [h, s, l] = rgbToHsl(toRgba(c));
        const text = `hsl(${h}${deg ? 'deg' : ''} ${s}% ${l}%)`;
        const parsed = parseColor(text);
        expect(parsed, text).not.toBeNull();
        expect(toHex({ ...parsed!, alpha: 1 }), text).toBe(toHex({ ...toRgba(c), alpha: 1 }));
      }),
      RUNS,
    );
  });

  it('oklab() and oklch(): a color written in OKLab or OKLCh reads back as the same 8-bit color', () => {
    fc.assert(
      fc.property(color8, (c) => {
        const rgba = { ...toRgba(c), alpha: 1 };
        const { L, a, b } = toOklab(rgba);
        const C = Math.hypot(a, b);
        const h = ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
        for (const text of [`oklab(${L} ${a} ${b})`, `oklch(${L} ${C} ${h})`, `oklch(${L * 100}% ${C} ${h}deg)`]) {
          const parsed = parseColor(text);
          expect(parsed, text).not.toBeNull();
          expect(toHex(parsed!), text).toBe(toHex(rgba));
        }
      }),
      RUNS,
    );
  });

  it('OKLab -> linear sRGB -> sRGB inverts sRGB -> OKLab to 1e-5 (the published matrices carry 10 digits: about 2e-6 at worst; one 8-bit step is 4e-3)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, g, b) => {
          const [r2, g2, b2] = linearToSrgb(oklabToLinear(toOklab({ r, g, b, alpha: 1 })));
          expect(Math.abs(r2 - r)).toBeLessThan(1e-5);
          expect(Math.abs(g2 - g)).toBeLessThan(1e-5);
          expect(Math.abs(b2 - b)).toBeLessThan(1e-5);
        },
      ),
      RUNS,
    );
  });
});

describe('color distance (property-based)', () => {
  it('is symmetric, zero for the same color and positive otherwise, by both methods', () => {
    fc.assert(
      fc.property(color8, color8, fc.constantFrom('ciede2000' as const, 'oklab' as const), (x, y, method) => {
        const a = toRgba(x);
        const b = toRgba(y);
        const ab = colorDistance(a, b, method);
        const ba = colorDistance(b, a, method);
        expect(Math.abs(ab - ba)).toBeLessThan(1e-9);
        expect(colorDistance(a, a, method)).toBeLessThan(1e-9);
        if (toHex(a) !== toHex(b)) expect(ab).toBeGreaterThan(0);
        expect(ab).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('ΔE2000 is symmetric on CIELAB values; OKLab distance obeys the triangle inequality', () => {
    fc.assert(
      fc.property(color8, color8, color8, (x, y, z) => {
        const [a, b, c] = [x, y, z].map((v) => ({ ...toRgba(v), alpha: 1 }));
        expect(Math.abs(deltaE2000(toLab(a!), toLab(b!)) - deltaE2000(toLab(b!), toLab(a!)))).toBeLessThan(1e-9);
        const [oa, ob, oc] = [a!, b!, c!].map(toOklab);
        expect(deltaOklab(oa!, oc!)).toBeLessThanOrEqual(deltaOklab(oa!, ob!) + deltaOklab(ob!, oc!) + 1e-12);
      }),
      RUNS,
    );
  });

  it('an alpha difference adds 50 per unit, the same both ways', () => {
    fc.assert(
      fc.property(color8, byte, (c, alpha) => {
        const a = toRgba(c);
        const b = { ...a, alpha: alpha / 255 };
        expect(colorDistance(a, b)).toBeCloseTo(50 * Math.abs(a.alpha - b.alpha), 9);
        expect(colorDistance(b, a)).toBeCloseTo(colorDistance(a, b), 9);
      }),
      RUNS,
    );
  });
});

describe('parseColor on arbitrary text (property-based)', () => {
  const number = fc.oneof(
    fc.double({ noNaN: false }).map(String),
    fc.constantFrom('1e999', '-1e999', '1e-999', '.5', '+.5e3', '00', '-0'),
    fc.integer().map(String),
  );
  const unit = fc.constantFrom('', '%', 'deg', 'rad', 'grad', 'turn', 'px', 'e', '%%');
  const fn = fc.constantFrom('rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'oklch', 'oklab', 'RGB', 'lab', 'color');
  const colorish = fc
    .tuple(fn, fc.array(fc.tuple(number, unit), { maxLength: 5 }), fc.constantFrom(' ', ', ', ' / ', ','), fc.boolean())
    .map(([f, args, sep, slash]) => `${f}(${args.map(([n, u]) => `${n}${u}`).join(sep)}${slash ? ' / 0.5' : ''})`);

  it('never throws, and any color it returns has finite channels and an alpha in 0..1 (regression: 1e999 gave infinite channels, and NaN ones through oklch)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), colorish, fc.stringMatching(/^#[0-9a-fA-FxX]{0,9}$/)), fc.boolean(), (text, named) => {
        const c = parseColor(text, { named });
        if (c === null) return;
        for (const v of [c.r, c.g, c.b, c.alpha]) expect(Number.isFinite(v), text).toBe(true);
        expect(c.alpha).toBeGreaterThanOrEqual(0);
        expect(c.alpha).toBeLessThanOrEqual(1);
        expect(toHex(c), text).toMatch(/^#[0-9a-f]{6}([0-9a-f]{2})?$/);
      }),
      { numRuns: 2000 },
    );
  });
});
