import { describe, expect, it } from 'vitest';
import { colorDistance, deltaE2000, parseColor, toHex, toLab, toOklab } from '../src/color.js';

describe('parseColor', () => {
  it.each([
    ['#4a90e2', '#4a90e2'],
    ['#FFF', '#ffffff'],
    ['#fff8', '#ffffff88'],
    ['#4a90e280', '#4a90e280'],
    ['rgb(74, 144, 226)', '#4a90e2'],
    ['rgb(74 144 226 / 50%)', '#4a90e280'],
    ['rgba(74,144,226,.5)', '#4a90e280'],
    ['rgb(100% 0% 0%)', '#ff0000'],
    ['hsl(0, 100%, 50%)', '#ff0000'],
    ['hsl(120deg 100% 25%)', '#008000'],
    ['hsla(240, 100%, 50%, 0.5)', '#0000ff80'],
    ['hwb(0 0% 0%)', '#ff0000'],
    ['oklch(0.628 0.2577 29.23)', '#ff0000'],
    ['oklab(1 0 0)', '#ffffff'],
    ['transparent', '#00000000'],
  ])('%s -> %s', (input, hex) => {
    const c = parseColor(input);
    expect(c).not.toBeNull();
    expect(toHex(c!)).toBe(hex);
  });

  it('reads named colors only when asked', () => {
    expect(parseColor('rebeccapurple')).toBeNull();
    expect(toHex(parseColor('rebeccapurple', { named: true })!)).toBe('#663399');
  });

  it.each(['#12', '#ggg', 'rgb(var(--x))', 'rgb(1, 2)', 'hsl(10%, 20%, 30%)', 'color-mix(in srgb, red, blue)', 'blue'])(
    'rejects %s',
    (input) => {
      expect(parseColor(input)).toBeNull();
    },
  );
});

describe('CIEDE2000', () => {
  // reference pairs from Sharma, Wu and Dalal's published test data
  it.each([
    [{ L: 50, a: 2.6772, b: -79.7751 }, { L: 50, a: 0, b: -82.7485 }, 2.0425],
    [{ L: 50, a: 3.1571, b: -77.2803 }, { L: 50, a: 0, b: -82.7485 }, 2.8615],
    [{ L: 50, a: 0, b: 0 }, { L: 50, a: -1, b: 2 }, 2.3669],
    [{ L: 50, a: 2.5, b: 0 }, { L: 73, a: 25, b: -18 }, 27.1492],
    [{ L: 50, a: 2.5, b: 0 }, { L: 50, a: 3.1736, b: 0.5854 }, 1.0],
    [{ L: 60.2574, a: -34.0099, b: 36.2677 }, { L: 60.4626, a: -34.1751, b: 39.4387 }, 1.2644],
  ])('ΔE00(%o, %o) = %d', (x, y, expected) => {
    expect(deltaE2000(x, y)).toBeCloseTo(expected, 3);
    expect(deltaE2000(y, x)).toBeCloseTo(expected, 3);
  });

  it('is zero for the same color and grows with difference', () => {
    const a = parseColor('#4a90e2')!;
    expect(colorDistance(a, a)).toBe(0);
    expect(colorDistance(a, parseColor('#4a91e3')!)).toBeLessThan(1);
    expect(colorDistance(a, parseColor('#e24a4a')!)).toBeGreaterThan(30);
  });

  it('OKLab distance is on a comparable scale', () => {
    const a = parseColor('#4a90e2')!;
    expect(colorDistance(a, parseColor('#4a91e3')!, 'oklab')).toBeLessThan(1);
    expect(toOklab(parseColor('#ffffff')!).L).toBeCloseTo(1, 3);
    expect(toLab(parseColor('#ffffff')!).L).toBeCloseTo(100, 2);
  });

  it('counts alpha differences', () => {
    expect(colorDistance(parseColor('#000')!, parseColor('#0000')!)).toBe(50);
  });
});
